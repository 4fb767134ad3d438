// lightning/platformResourceLoader for the demo page, as the platform documents it: loadScript adds
// a script tag to the document's head and resolves once it has loaded (once per URL); loadStyle a
// link tag. A resource that fails to load rejects, as on the platform.
const loaded = new Map();

function load(url, create) {
  if (!loaded.has(url)) {
    loaded.set(
      url,
      new Promise((resolve, reject) => {
        const element = create();
        element.addEventListener('load', () => resolve());
        element.addEventListener('error', () => {
          loaded.delete(url);
          reject(new Error(`could not load ${url}`));
        });
        document.head.appendChild(element);
      })
    );
  }
  return loaded.get(url);
}

export function loadScript(_self, url) {
  return load(url, () => {
    const script = document.createElement('script');
    script.src = url;
    return script;
  });
}

export function loadStyle(_self, url) {
  return load(url, () => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = url;
    return link;
  });
}
