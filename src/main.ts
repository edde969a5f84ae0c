// Entry point: the page style, <ls-app>, and the service worker. Nothing else happens here.

import './main.css';
import './app/ls-app';
