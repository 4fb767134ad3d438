// Entry of the demo page: mounts the shell (org switcher + the admin UI's screens).
import { createElement } from 'lwc';
import App from 'demo/app';

document.getElementById('root').appendChild(createElement('demo-app', { is: App }));
