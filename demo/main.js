// Entry of the demo page: mounts the shell (org switcher + the admin UI's screens).
// Native shadow DOM, as the base components' form elements need (attachInternals). Lightning
// Experience styles components' shadow trees with SLDS; here every shadow root adopts the SLDS
// stylesheet so the components' SLDS classes apply as they do there.
import { createElement } from 'lwc';
import App from 'demo/app';

async function adoptSldsInShadowRoots() {
  const response = await fetch('/assets/styles/salesforce-lightning-design-system.min.css');
  const slds = new CSSStyleSheet();
  slds.replaceSync(await response.text());
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function attachShadowWithSlds(init) {
    const root = attachShadow.call(this, init);
    root.adoptedStyleSheets = [slds, ...root.adoptedStyleSheets];
    return root;
  };
}

adoptSldsInShadowRoots().then(() => {
  document.getElementById('root').appendChild(createElement('demo-app', { is: App }));
});
