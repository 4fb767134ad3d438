// Builds the local demo page: the real admin UI components (TypeScript, compiled by
// @lwc/rollup-plugin) and lightning-base-components, bundled into build/demo/ (SLDS is served
// from its package, see SLDS_ASSETS).
// Apex imports become calls to the demo server (/api/apex/...), labels come from the package's
// custom labels file, and lightning/empApi listens to the server's event stream.
// The page is split: app.js holds the shell and the engine; each tab's components are a chunk of
// their own (chunks/), loaded when the tab opens; every chunk is minified (esbuild). A build is
// skipped when the content hash of every input equals the last build's (build/demo/.inputs); a
// rebuild recompiles only the modules that changed (rollup's cache, kept in the user's cache folder).
//   node demo/build.mjs [--force]
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import os from 'node:os';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_UI = path.join(ROOT, 'force-app', 'main', 'admin-ui');
// S2S_DEMO_OUT_DIR: another folder (npm run bench:start builds into a temporary one).
export const OUT_DIR = process.env.S2S_DEMO_OUT_DIR
  ? path.resolve(process.env.S2S_DEMO_OUT_DIR)
  : path.join(ROOT, 'build', 'demo');

/** Label name -> value, from every custom labels file of the package. */
function readLabels(XMLParser) {
  const labels = new Map();
  const parser = new XMLParser({ isArray: (name) => name === 'labels' });
  const files = fs
    .readdirSync(path.join(ROOT, 'force-app'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.labels-meta.xml'));
  for (const file of files) {
    const xml = parser.parse(fs.readFileSync(path.join(ROOT, 'force-app', file), 'utf8'));
    for (const label of xml.CustomLabels?.labels ?? [])
      labels.set(label.fullName, String(label.value));
  }
  return labels;
}

/** The admin UI's own components, as explicit c/<name> modules (their sources are TypeScript). */
function adminUiModules() {
  const lwcDir = path.join(ADMIN_UI, 'lwc');
  return fs
    .readdirSync(lwcDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
    .map((entry) => ({
      name: `c/${entry.name}`,
      path: path.join(lwcDir, entry.name, `${entry.name}.ts`)
    }));
}

/**
 * A schema import as the platform answers it: `@salesforce/schema/Obj__c.Field__c` is
 * `{ objectApiName, fieldApiName }`, relationship paths (`Lookup__r.Name`) included; the package's
 * own custom names carry the namespace prefix when the org runs the package under one.
 * @param {string} reference what follows `@salesforce/schema/`
 * @param {string} namespace '' when the package runs without a namespace
 */
export function schemaReference(reference, namespace = '') {
  const qualify = (name) =>
    namespace && /__[a-z]+$/.test(name) && !/^[A-Za-z0-9]+__[A-Za-z0-9_]+__[a-z]+$/.test(name)
      ? `${namespace}__${name}`
      : name;
  const [object, ...path] = reference.split('.');
  const value = { objectApiName: qualify(object) };
  if (path.length) value.fieldApiName = path.map(qualify).join('.');
  return value;
}

/**
 * Salesforce-scoped imports answered in the browser: Apex methods call the demo server, labels are
 * inlined, schema references are answered as the platform does. An unknown label fails the build,
 * naming it.
 */
function salesforceScopedImports(labels) {
  const PREFIX = '\0s2s-demo:';
  const SCHEMA_NAMES = `${PREFIX}schema-names`;
  return {
    name: 's2s-demo-scoped-imports',
    resolveId(source) {
      if (source === SCHEMA_NAMES) return source;
      if (
        source === '@salesforce/apex' ||
        source.startsWith('@salesforce/apex/') ||
        source.startsWith('@salesforce/label/c.') ||
        source.startsWith('@salesforce/schema/')
      ) {
        return PREFIX + source;
      }
      return null;
    },
    load(id) {
      // The org's names for schema imports, decided when the page loads: one build serves an org
      // without a namespace and one running the package under one (S2S_NAMESPACE: the demo
      // server writes globalThis.S2S_DEMO_NAMESPACE into index.html), as the platform answers a
      // packaged component's schema import with the subscriber org's names.
      if (id === SCHEMA_NAMES) {
        return [
          `const namespace = String(globalThis.S2S_DEMO_NAMESPACE ?? '');`,
          `const schemaReference = ${schemaReference.toString()};`,
          'export const orgSchemaReference = (reference) => schemaReference(reference, namespace);'
        ].join('\n');
      }
      if (!id.startsWith(PREFIX)) return null;
      const source = id.slice(PREFIX.length);
      if (source === '@salesforce/apex') {
        return "export { refreshApex } from 'demo/apexClient';";
      }
      if (source.startsWith('@salesforce/apex/')) {
        const method = source.slice('@salesforce/apex/'.length);
        return `import { apexMethod } from 'demo/apexClient';\nexport default apexMethod(${JSON.stringify(method)});`;
      }
      if (source.startsWith('@salesforce/schema/')) {
        const reference = source.slice('@salesforce/schema/'.length);
        return `import { orgSchemaReference } from ${JSON.stringify(SCHEMA_NAMES)};\nexport default orgSchemaReference(${JSON.stringify(reference)});`;
      }
      const name = source.slice('@salesforce/label/c.'.length);
      if (!labels.has(name))
        throw new Error(`Custom label ${name} (imported as ${source}) is not defined in force-app`);
      return `export default ${JSON.stringify(labels.get(name))};`;
    }
  };
}

/**
 * One copy of the LWC engine, of the compiler's version: the root node_modules also holds an older
 * @lwc/engine-dom (for Jest), and two engines on one page break every component.
 */
function singleLwcEngine() {
  const fromLwc = createRequire(path.join(ROOT, 'node_modules', 'lwc', 'package.json'));
  const esmEntry = (name) => {
    const manifest = fromLwc.resolve(`${name}/package.json`);
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    return path.join(path.dirname(manifest), pkg.module ?? pkg.main);
  };
  const entries = {
    lwc: esmEntry('@lwc/engine-dom'),
    '@lwc/engine-dom': esmEntry('@lwc/engine-dom'),
    '@lwc/synthetic-shadow': esmEntry('@lwc/synthetic-shadow'),
    '@lwc/wire-service': esmEntry('@lwc/wire-service')
  };
  return {
    name: 's2s-demo-single-lwc-engine',
    resolveId(source) {
      return entries[source] ?? null;
    }
  };
}

/**
 * Strips TypeScript from the components before the LWC compiler sees them, with the options of
 * scripts/build-lwc.mjs (ESNext, standard decorators).
 */
function typescriptComponents(ts) {
  return {
    name: 's2s-demo-typescript',
    resolveId(source, importer) {
      // Relative imports inside a component bundle (./mappingRules) name TypeScript files.
      if (importer && source.startsWith('./') && importer.split('?')[0].endsWith('.ts')) {
        const candidate = path.resolve(path.dirname(importer.split('?')[0]), `${source}.ts`);
        if (fs.existsSync(candidate)) return candidate;
      }
      return null;
    },
    transform(code, id) {
      // Aliased modules (c/<name>) arrive as <file>.ts?specifier=...
      if (!id.split('?')[0].endsWith('.ts')) return null;
      const out = ts.transpileModule(code, {
        fileName: id.split('?')[0],
        compilerOptions: {
          target: ts.ScriptTarget.ESNext,
          module: ts.ModuleKind.ESNext,
          experimentalDecorators: false,
          useDefineForClassFields: true,
          isolatedModules: true,
          sourceMap: false
        }
      });
      return { code: out.outputText, map: null };
    }
  };
}

const ICON_CATEGORIES = ['utility', 'standard', 'action', 'doctype', 'custom'];
const ICON_NAME = /['"]?\b(utility|standard|action|doctype|custom):([a-z0-9_]+)\b/g;

/** Every icon name written in the given files (icon-name="utility:add", 'utility:close'...). */
function iconsIn(files) {
  const icons = new Set();
  for (const file of files) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(ICON_NAME))
      icons.add(`${match[1]}:${match[2]}`);
  }
  return icons;
}

function sourceFiles(dir, skip = () => false) {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(js|ts|html)$/.test(file) && !file.includes('__tests__') && !skip(file))
    .map((file) => path.join(dir, file));
}

/**
 * lightning-icon loads whole icon libraries (tens of MB of templates, LTR and RTL) by dynamic
 * import; compiling them all takes minutes. The demo page gets libraries holding only the icons
 * its components and the base components name, so the build stays well under a minute.
 */
function usedIconLibraries() {
  const base = path.join(ROOT, 'node_modules', 'lightning-base-components', 'src', 'lightning');
  const icons = new Set([
    ...iconsIn(sourceFiles(base, (file) => file.startsWith('iconSvgTemplates'))),
    ...iconsIn(sourceFiles(path.join(ADMIN_UI, 'lwc'))),
    ...iconsIn(sourceFiles(path.join(ROOT, 'demo', 'lwc')))
  ]);
  const PREFIX = '\0s2s-demo-icons:';
  return {
    name: 's2s-demo-icons',
    resolveId(source) {
      const match = /^lightning\/iconSvgTemplates([A-Za-z]*?)(Rtl)?$/.exec(source);
      return match ? PREFIX + (match[1] || 'Utility').toLowerCase() : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const category = id.slice(PREFIX.length);
      if (!ICON_CATEGORIES.includes(category)) return 'export default {};';
      const library = `iconSvgTemplates${category[0].toUpperCase()}${category.slice(1)}`;
      const dir = path.join(base, library, 'buildTemplates', category);
      const names = [...icons]
        .filter((icon) => icon.startsWith(`${category}:`))
        .map((icon) => icon.slice(category.length + 1))
        .filter((name) => fs.existsSync(path.join(dir, `${name}.html`)));
      const imports = names.map(
        (name, i) => `import icon${i} from ${JSON.stringify(path.join(dir, `${name}.html`))};`
      );
      const entries = names.map(
        (name, i) => `  ${JSON.stringify(`${category}_${name}`)}: icon${i}`
      );
      return `${imports.join('\n')}\nexport default {\n${entries.join(',\n')}\n};\n`;
    }
  };
}

/**
 * SLDS's stylesheets and icons, served by the demo server from the design system's package
 * (31 MB, thousands of files: copying them into every build took seconds of a first start).
 */
export const SLDS_ASSETS = path.join(
  ROOT,
  'node_modules',
  '@salesforce-ux',
  'design-system',
  'assets'
);

/**
 * Static resources as the platform serves them: `@salesforce/resourceUrl/<Name>` is the URL of the
 * resource, here a file under assets/resources/ copied from its devDependency (the package's build,
 * scripts/build-lwc.mjs, copies the same files into the deploy directory).
 */
const STATIC_RESOURCES = { S2SChartJs: 'node_modules/chart.js/dist/chart.umd.js' };
function staticResources() {
  const prefix = '@salesforce/resourceUrl/';
  return {
    name: 's2s-static-resources',
    resolveId(source) {
      return source.startsWith(prefix) ? `\0${source}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${prefix}`)) return null;
      const name = id.slice(prefix.length + 1);
      if (!STATIC_RESOURCES[name]) throw new Error(`no static resource ${name} in the demo`);
      return `export default ${JSON.stringify(`/assets/resources/${name}.js`)};`;
    }
  };
}
function copyStaticResources(dir) {
  fs.mkdirSync(path.join(dir, 'assets', 'resources'), { recursive: true });
  for (const [name, from] of Object.entries(STATIC_RESOURCES))
    fs.copyFileSync(path.join(ROOT, from), path.join(dir, 'assets', 'resources', `${name}.js`));
}

/** The content hash of every input of the build: a rebuild happens only when one changes. */
function inputsStamp() {
  const files = [
    ...sourceFiles(path.join(ADMIN_UI, 'lwc')),
    ...sourceFiles(path.join(ROOT, 'demo', 'lwc')),
    path.join(ADMIN_UI, 'labels', 'CustomLabels.labels-meta.xml'),
    path.join(ROOT, 'demo', 'build.mjs'),
    path.join(ROOT, 'demo', 'main.js'),
    path.join(ROOT, 'demo', 'index.html'),
    path.join(ROOT, 'package-lock.json')
  ];
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash.update(`${path.relative(ROOT, file)}\0`);
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const STAMP_FILE = path.join(OUT_DIR, '.inputs');

/**
 * Rollup's module cache of the last build, in the user's cache folder
 * ($XDG_CACHE_HOME/s2s-sync-demo/rollup-cache.json): a rebuild after a change to a few components
 * compiles only the modules whose source changed (rollup reuses the others' transformed code).
 * Keyed by this file and the package lock (the plugins and their versions); a cache that cannot be
 * read is ignored.
 */
function rollupCacheFile() {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 's2s-sync-demo', 'rollup-cache.json');
}

function toolsStamp() {
  const hash = createHash('sha256');
  for (const file of ['demo/build.mjs', 'package-lock.json'])
    hash.update(fs.readFileSync(path.join(ROOT, file)));
  return hash.digest('hex');
}

function readRollupCache() {
  try {
    const saved = JSON.parse(fs.readFileSync(rollupCacheFile(), 'utf8'));
    return saved.tools === toolsStamp() ? saved.cache : undefined;
  } catch {
    return undefined;
  }
}

function writeRollupCache(cache) {
  try {
    const file = rollupCacheFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify({ tools: toolsStamp(), cache }));
    fs.renameSync(temporary, file);
  } catch {
    // No cache folder to write to: the next build compiles everything, as this one did.
  }
}

/** Whether build/demo/ was built from the inputs as they are now. */
export function demoBuildIsCurrent() {
  return fs.existsSync(STAMP_FILE) && fs.readFileSync(STAMP_FILE, 'utf8') === inputsStamp();
}

/** Bytes of the page's JavaScript: the entry (app.js) and all files together. */
export function bundleSizes() {
  let total = 0;
  let files = 0;
  for (const file of fs.readdirSync(OUT_DIR, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.js')) continue;
    total += fs.statSync(path.join(OUT_DIR, file)).size;
    files++;
  }
  return { entry: fs.statSync(path.join(OUT_DIR, 'app.js')).size, total, files };
}

/** Minifies every chunk rollup writes (esbuild: whitespace, names and syntax). */
function minify(esbuild) {
  return {
    name: 's2s-demo-minify',
    async renderChunk(code) {
      const out = await esbuild.transform(code, {
        minify: true,
        format: 'esm',
        target: 'es2022',
        legalComments: 'none'
      });
      return { code: out.code, map: null };
    }
  };
}

/** Builds build/demo/ unless it is up to date; returns the bundle sizes and the time taken. */
export async function buildDemo({ log = console.log, force = false } = {}) {
  const started = Date.now();
  const stamp = inputsStamp();
  if (!force && fs.existsSync(STAMP_FILE) && fs.readFileSync(STAMP_FILE, 'utf8') === stamp) {
    log(`the admin UI demo build is up to date (${path.relative(ROOT, OUT_DIR)})`);
    return { ...bundleSizes(), seconds: 0 };
  }
  // The build tools load only when a build runs: a start with an up-to-date page skips them.
  const [
    { rollup },
    { default: lwc },
    { default: replace },
    { nodeResolve },
    { XMLParser },
    ts,
    esbuild
  ] = await Promise.all([
    import('rollup'),
    import('@lwc/rollup-plugin'),
    import('@rollup/plugin-replace'),
    import('@rollup/plugin-node-resolve'),
    import('fast-xml-parser'),
    import('typescript').then((m) => m.default ?? m),
    import('esbuild')
  ]);
  // Built beside the output folder and moved in place when complete: another start building at the
  // same time (two walkthroughs) or a page being served never sees a half-written folder.
  const building = `${OUT_DIR}.${process.pid}.tmp`;
  fs.rmSync(building, { recursive: true, force: true });
  fs.mkdirSync(building, { recursive: true });
  const cache = readRollupCache();
  const bundle = await rollup({
    input: path.join(ROOT, 'demo', 'main.js'),
    cache,
    plugins: [
      singleLwcEngine(),
      salesforceScopedImports(readLabels(XMLParser)),
      typescriptComponents(ts),
      usedIconLibraries(),
      staticResources(),
      replace({
        preventAssignment: true,
        values: {
          'process.env.NODE_ENV': JSON.stringify('production'),
          'import.meta.env.SSR': 'false'
        }
      }),
      lwc({
        modules: [
          ...adminUiModules(),
          // TypeScript (decorators): named explicitly, as directory lookup finds only .js.
          {
            name: 'lightning/recordPicker',
            path: path.join(ROOT, 'demo', 'lwc', 'lightning', 'recordPicker', 'recordPicker.ts')
          },
          {
            name: 'demo/recordScreen',
            path: path.join(ROOT, 'demo', 'lwc', 'demo', 'recordScreen', 'recordScreen.ts')
          },
          { dir: path.join(ROOT, 'demo', 'lwc') },
          { npm: 'lightning-base-components' }
        ],
        // lightning-base-components render some parts with lwc:component; the shell loads each
        // tab's screens with it.
        enableDynamicComponents: true
      }),
      nodeResolve()
    ],
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
      // lightning-base-components' own templates warn about attributes; they are not ours to fix.
      if (`${warning.id ?? ''}${warning.message}`.includes('lightning-base-components')) return;
      warn(warning);
    }
  });
  await bundle.write({
    dir: building,
    format: 'es',
    entryFileNames: 'app.js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    plugins: [minify(esbuild)]
  });
  const { cache: nextCache } = bundle;
  await bundle.close();
  fs.cpSync(path.join(ROOT, 'demo', 'index.html'), path.join(building, 'index.html'));
  copyStaticResources(building);
  fs.writeFileSync(path.join(building, '.inputs'), stamp);
  const old = `${OUT_DIR}.${process.pid}.old`;
  fs.rmSync(old, { recursive: true, force: true });
  if (fs.existsSync(OUT_DIR)) fs.renameSync(OUT_DIR, old);
  try {
    fs.renameSync(building, OUT_DIR);
  } catch (error) {
    // Another build moved its complete folder in place a moment before: that one is served.
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    fs.rmSync(building, { recursive: true, force: true });
  }
  fs.rmSync(old, { recursive: true, force: true });
  const sizes = bundleSizes();
  const seconds = (Date.now() - started) / 1000;
  log(
    `built the admin UI demo in ${seconds.toFixed(1)} s${cache ? ' (modules unchanged since the last build reused)' : ''} -> ${path.relative(ROOT, OUT_DIR)}: app.js ${(sizes.entry / 1024).toFixed(0)} KB, ${sizes.files} files ${(sizes.total / 1024 / 1024).toFixed(2)} MB in all`
  );
  // Written after the line above: the demo server serves the page as soon as it reads that line,
  // and the cache (tens of MB of JSON) serves only the next rebuild.
  writeRollupCache(nextCache);
  return { ...sizes, seconds };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildDemo({ force: process.argv.includes('--force') }).catch((error) => {
    console.error(`demo build failed: ${error.message}`);
    process.exit(1);
  });
}
