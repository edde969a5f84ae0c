// Entry point: the Trusted Types policy, the page style, <ls-app>, and the service worker.
// Nothing else happens here.

import './app/trusted-types'; // before anything that starts a worker
import './main.css';
import './app/ls-app';
import { registerPwa } from './pwa/register';

const app = document.querySelector('ls-app');
if (app) app.pwa = registerPwa();
