// The e2e World under the package's namespace (npm run test:e2e:namespaced sets S2S_NAMESPACE=s2s).
// force-app is loaded as the installed managed package (OrgOptions.namespace); unpackaged/ is the
// subscriber's own configuration, loaded without the namespace, with its capture triggers built
// from the snippet docs/configuration.md gives subscribers (`ns.S2SSync.capture();`, the namespace
// written out) instead of the unqualified triggers of unpackaged/, which only the namespaced build
// org compiles (docs/packaging.md, "Subscriber code and the namespace").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The namespace the e2e orgs run the package under ('' = unnamespaced, the default run). */
export const NAMESPACE = (process.env.S2S_NAMESPACE ?? '').trim();

/**
 * The body of the documented subscriber capture trigger (docs/configuration.md, "Capture modes"),
 * with `ns` replaced by `namespace`.
 */
export function documentedCaptureBody(namespace: string): string {
  const doc = fs.readFileSync(path.join(root, 'docs/configuration.md'), 'utf8');
  const m = /`trigger \w+ on \w+ \([^)]*\) \{ ([^`]*?) \}`/.exec(doc);
  if (!m) throw new Error('docs/configuration.md has no one-line capture trigger snippet');
  return m[1].replace(/\bns\./g, `${namespace}.`);
}

let built: string | null = null;

/**
 * unpackaged/ as a subscriber holds it (once per process, in a temporary folder): every metadata
 * folder copied, each trigger rewritten as the documented snippet on the same object and events.
 */
export function subscriberUnpackaged(namespace: string): string {
  if (built) return built;
  const from = path.join(root, 'unpackaged');
  const to = fs.mkdtempSync(path.join(os.tmpdir(), `s2s-subscriber-${namespace}-`));
  fs.cpSync(from, to, { recursive: true });
  const body = documentedCaptureBody(namespace);
  for (const file of listTriggers(to)) {
    const text = fs.readFileSync(file, 'utf8');
    const head = /^\s*(trigger\s+\w+\s+on\s+\w+\s*\([^)]*\))\s*\{/.exec(text);
    if (!head) throw new Error(`${file}: not a one-line capture trigger`);
    fs.writeFileSync(file, `${head[1].replace(/\s+/g, ' ')} {\n  ${body}\n}\n`);
  }
  built = to;
  return to;
}

const copies = new Map<string, string>();

/**
 * A scenario's own metadata folder as the subscriber writes it under the namespace (once per
 * process): `$Permission.<package permission>` in its formulas and validation rules becomes
 * `$Permission.ns__<permission>`, the form docs/configuration.md gives ("Automation in the
 * receiving org").
 */
function subscriberCopy(dir: string): string {
  const known = copies.get(dir);
  if (known) return known;
  const permissions = fs
    .readdirSync(path.join(root, 'force-app/main'), { withFileTypes: true, recursive: true })
    .flatMap((e) =>
      e.isFile() && e.name.endsWith('.customPermission-meta.xml')
        ? [e.name.slice(0, -'.customPermission-meta.xml'.length)]
        : []
    );
  const to = fs.mkdtempSync(path.join(os.tmpdir(), `s2s-subscriber-extra-${NAMESPACE}-`));
  fs.cpSync(dir, to, { recursive: true });
  for (const e of fs.readdirSync(to, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !/\.(validationRule|field)-meta\.xml$/.test(e.name)) continue;
    const file = path.join(e.parentPath, e.name);
    const text = fs.readFileSync(file, 'utf8');
    const out = text.replace(/\$Permission\.(\w+)/g, (m, name: string) =>
      permissions.includes(name) ? `$Permission.${NAMESPACE}__${name}` : m
    );
    if (out !== text) fs.writeFileSync(file, out);
  }
  copies.set(dir, to);
  return to;
}

function listTriggers(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .flatMap((e) =>
      e.isFile() && e.name.endsWith('.trigger') ? [path.join(e.parentPath, e.name)] : []
    );
}

/**
 * createOrg options for the package plus `extra` folders: unnamespaced, force-app and unpackaged/
 * as they are; namespaced, force-app as the package and unpackaged/ (with the documented triggers)
 * and `extra` as the subscriber's own code.
 */
export function packageOrgSources(extra: string[] = []): {
  source: string[];
  namespace?: string;
  subscriberSource?: string[];
} {
  if (!NAMESPACE) return { source: [`${root}/force-app`, `${root}/unpackaged`, ...extra] };
  const subscriber = [subscriberUnpackaged(NAMESPACE), ...extra.map(subscriberCopy)];
  return {
    source: [`${root}/force-app`, ...subscriber],
    namespace: NAMESPACE,
    subscriberSource: subscriber
  };
}

/** The package's own custom names (objects, events, fields), read once from force-app's metadata. */
let packageNames: Set<string> | null = null;

function ownNames(): Set<string> {
  if (packageNames) return packageNames;
  const out = new Set<string>();
  for (const e of fs.readdirSync(path.join(root, 'force-app/main'), {
    withFileTypes: true,
    recursive: true
  })) {
    const p = path.join(e.parentPath, e.name);
    if (e.isDirectory() && path.basename(e.parentPath) === 'objects') out.add(e.name.toLowerCase());
    if (e.isFile() && e.name.endsWith('.field-meta.xml')) {
      const field = e.name.slice(0, -'.field-meta.xml'.length);
      out.add(field.toLowerCase());
      if (/<type>(Lookup|MasterDetail)<\/type>/.test(fs.readFileSync(p, 'utf8')))
        out.add(field.replace(/__c$/, '__r').toLowerCase());
    }
  }
  packageNames = out;
  return out;
}

/**
 * `text` (an object or field name, a SOQL query, a relationship path) as the subscriber writes it:
 * every custom name of the package prefixed with `ns__` when the e2e runs namespaced
 * (S2S_NAMESPACE), unchanged otherwise. Names of the subscriber's own metadata (unpackaged/) and
 * names already prefixed stay as they are (Apex Developer Guide, "Namespace Prefix": outside the
 * package, "namespace_prefix__obj_or_field_name__c").
 */
export function pkg(text: string): string {
  return packageNamesIn(NAMESPACE, text);
}

/**
 * `text` with every custom name of the package prefixed with `namespace__` (`pkg` for a namespace
 * given by the caller: the demo's orgs, demo/world.ts); unchanged when `namespace` is ''.
 */
export function packageNamesIn(namespace: string, text: string): string {
  if (!namespace) return text;
  const own = ownNames();
  return text.replace(/(?<![A-Za-z0-9_])([A-Za-z][A-Za-z0-9_]*?__(?:c|r|e|ChangeEvent))\b/g, (n) =>
    own.has(n.toLowerCase().replace(/__changeevent$/, '__c')) ? `${namespace}__${n}` : n
  );
}

/** A record's field names through `pkg` (values unchanged). */
export function pkgRecord<T>(record: Record<string, T>): Record<string, T> {
  if (!NAMESPACE) return record;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [pkg(k), v]));
}

/** A queried row with the package's prefix taken off its field names, to read as the tests do. */
export function localRow<T>(row: Record<string, T>): Record<string, T> {
  if (!NAMESPACE) return row;
  const prefix = `${NAMESPACE}__`;
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k.startsWith(prefix) ? k.slice(prefix.length) : k, v])
  );
}

/** The TypeScript API's writes the scenarios make, as `org.insert`/`org.update` with `pkg` names. */
interface Writes {
  insert(type: string, records: Record<string, unknown>[] | Record<string, unknown>): string[];
  update(type: string, records: Record<string, unknown>[] | Record<string, unknown>): void;
}

const each = (
  records: Record<string, unknown>[] | Record<string, unknown>
): Record<string, unknown>[] | Record<string, unknown> =>
  Array.isArray(records) ? records.map(pkgRecord) : pkgRecord(records);

/** `org.insert(type, records)` with the package's object and field names prefixed (pkg). */
export function insertPkg(
  org: Writes,
  type: string,
  records: Record<string, unknown>[] | Record<string, unknown>
): string[] {
  return org.insert(pkg(type), each(records));
}

/** `org.update(type, records)` with the package's object and field names prefixed (pkg). */
export function updatePkg(
  org: Writes,
  type: string,
  records: Record<string, unknown>[] | Record<string, unknown>
): void {
  org.update(pkg(type), each(records));
}

/**
 * The URL of one of the package's Apex REST resources: `/services/apexrest/ns/<path>` when
 * namespaced (Apex Developer Guide, "RestResource Annotation": "The URL for a namespaced class
 * contains the namespace"), `/services/apexrest/<path>` otherwise.
 */
export function apexRestPath(resourcePath: string): string {
  return `/services/apexrest/${NAMESPACE ? `${NAMESPACE}/` : ''}${resourcePath.replace(/^\//, '')}`;
}
