// Entry point: defines <ls-app>. Nothing else happens here.

import './app/ls-app';
