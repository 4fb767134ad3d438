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
  const subscriber = [subscriberUnpackaged(NAMESPACE), ...extra];
  return {
    source: [`${root}/force-app`, ...subscriber],
    namespace: NAMESPACE,
    subscriberSource: subscriber
  };
}
