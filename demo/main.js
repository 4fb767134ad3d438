// Entry of the demo page: mounts the shell (org switcher + the admin UI's screens), in native
// shadow DOM as the base components' form elements need (attachInternals); index.html gives the
// shadow roots the SLDS stylesheet.
import { createElement } from 'lwc';
import App from 'demo/app';

document.getElementById('root').appendChild(createElement('demo-app', { is: App }));
