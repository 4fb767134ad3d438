// Entry of the demo page: mounts the shell (org switcher + the admin UI's screens).
// Synthetic shadow first: the base components' SLDS styling expects it, as in Lightning Experience.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import App from 'demo/app';

document.getElementById('root').appendChild(createElement('demo-app', { is: App }));
