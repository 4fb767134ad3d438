// Subscriber code against the package installed under its namespace (issue 13 item 3): every Apex
// snippet the docs give a subscriber compiles in a namespaced org, as the org's own code, and a
// subscriber calling a public (not global) package member fails to compile, as on the platform
// (Apex Developer Guide, "Namespace Prefix": namespace_prefix.class.method(args); "Access
// Modifiers": public is visible to the same namespace only, global to all). The docs' snippets are
// found as the metadata step's text check finds them (scripts/metadata/subscriber-snippets.mjs);
// `ns` is the example namespace, replaced by the one of this run (S2S_NAMESPACE, default s2s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Org } from '../../localorg/src/platform/org.ts';
import { runtimeFor } from '../../localorg/src/runner/runner.ts';
import { packageClasses, snippetsOf } from '../../scripts/metadata/subscriber-snippets.mjs';
import { listFiles } from '../../scripts/lib/files.mjs';
import { NAMESPACE, subscriberUnpackaged } from './namespace.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const NS = NAMESPACE || 's2s';

interface Snippet {
  where: string;
  code: string;
}

/** Every docs snippet that names a package class through a namespace (`ns.`, `s2s.`). */
function subscriberSnippets(): Snippet[] {
  const classes = packageClasses(root);
  const docs = [...listFiles(root, 'docs'), 'README.md'].filter((f) => f.endsWith('.md'));
  const out: Snippet[] = [];
  for (const file of docs) {
    for (const { line, code } of snippetsOf(fs.readFileSync(path.join(root, file), 'utf8'))) {
      const names = [...code.matchAll(/\b(ns|s2s)\.(\w+)\./gi)];
      if (!names.some((m) => classes.has(m[2].toLowerCase()))) continue;
      out.push({ where: `${file}:${line}`, code: code.replace(/\b(ns|s2s)\./gi, `${NS}.`) });
    }
  }
  return out;
}

let org: Org | null = null;
let triggerFiles = new Map<string, Snippet>();

/** One namespaced org: force-app as the package; unpackaged/ and the snippets' triggers as the subscriber's. */
function subscriberOrg(triggers: Snippet[]): Org {
  if (org) return org;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's2s-snippets-'));
  fs.mkdirSync(path.join(dir, 'triggers'));
  triggerFiles = new Map();
  triggers.forEach((s, i) => {
    // each snippet gets a name of its own (two pages show the same trigger)
    const name = `DocSnippet${i + 1}`;
    const file = path.join(dir, 'triggers', `${name}.trigger`);
    fs.writeFileSync(file, s.code.replace(/^\s*trigger\s+\w+/, `trigger ${name}`));
    fs.writeFileSync(
      `${file}-meta.xml`,
      '<?xml version="1.0" encoding="UTF-8"?>\n<ApexTrigger xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>65.0</apiVersion>\n    <status>Active</status>\n</ApexTrigger>\n'
    );
    triggerFiles.set(file, s);
  });
  const subscriber = [subscriberUnpackaged(NS), dir];
  org = new Org({
    name: 'subscriber',
    source: [path.join(root, 'force-app'), ...subscriber],
    namespace: NS,
    subscriberSource: subscriber,
    runtimeFactory: runtimeFor
  });
  return org;
}

test('every documented subscriber snippet compiles as subscriber code in a namespaced org', () => {
  const snippets = subscriberSnippets();
  const triggers = snippets.filter((s) => /^\s*trigger\s/i.test(s.code));
  const statements = snippets.filter((s) => !/^\s*trigger\s/i.test(s.code));
  assert.ok(triggers.length >= 2, `the docs show the capture triggers (${triggers.length} found)`);
  assert.ok(statements.length >= 3, `the docs show Apex to run (${statements.length} found)`);
  const o = subscriberOrg(triggers);
  const diagnostics = o.runtime?.diagnostics ?? [];
  assert.deepEqual(
    diagnostics.map((d) => `${triggerFiles.get(d.file)?.where ?? d.file}:${d.line} ${d.message}`),
    [],
    'the package, unpackaged/ with the documented triggers, and every snippet trigger compile'
  );
  for (const s of statements) {
    let code = s.code.trim();
    if (!code.endsWith(';') && !code.endsWith('}')) code += ';';
    // a snippet's own variables (`mappingId`) are the subscriber's: declared here as Ids
    const declared = [...code.matchAll(/\(\s*([a-z]\w*)\s*\)/g)].map((m) => `Id ${m[1]};\n`);
    const r = o.executeAnonymous(declared.join('') + code);
    assert.equal(
      r.compileProblem,
      null,
      `${s.where}: \`${s.code}\` does not compile: ${r.compileProblem}`
    );
  }
});

test('subscriber Apex calling a public (non-global) package member fails to compile; the global API compiles', () => {
  const o = subscriberOrg(subscriberSnippets().filter((s) => /^\s*trigger\s/i.test(s.code)));
  const problem = (apex: string) => o.executeAnonymous(apex).compileProblem ?? '';
  assert.match(
    problem(`${NS}.S2SScheduler.scheduleEvery(15);`),
    new RegExp(`Type is not visible: ${NS}\\.S2SScheduler`)
  );
  assert.match(
    problem(`S2SSync.capture();`),
    /Variable does not exist: S2SSync/,
    'the namespace is required'
  );
  assert.match(
    problem(`System.debug(${NS}.S2SNamespace.prefix());`),
    new RegExp(`Type is not visible: ${NS}\\.S2SNamespace`)
  );
  assert.equal(problem(`Id job = ${NS}.S2SSync.reconcile(null);`), '');
});
