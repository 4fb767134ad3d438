// Custom labels of a managed package in a subscriber org (OrgOptions.namespace;
// schema/metadata-namespace.ts customLabel, exec/compile/names.ts customLabelRead). The rules:
// - Apex Reference, Label Class: labels are read as `System.Label.myLabelName`; "You can't access
//   labels that are protected in a different namespace" (and Label.get(namespace, label) names a
//   label by its namespace).
// - Lightning Aura Components Developer Guide, "Using Custom Labels": "$Label.namespace.labelName
//   ... to access a label in a managed package": outside the package a label is named with the
//   package's namespace, as the package's classes are (`ns.Class`).
// - Apex Developer Guide, "Namespace Prefix": "the parser assumes that the namespace of the current
//   object is the namespace of all other objects": the package's own code names its labels bare.
// The fixture (written below): the package (namespace `ns`) with labels Greeting and Shared
// (unprotected) and Secret (protected), and a global class reading them bare; the subscriber's own
// label Shared, of the same name as the package's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Org } from '../../src/platform/org.ts';
import { runtimeFor } from '../../src/runner/runner.ts';

const META = `<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata"><apiVersion>65.0</apiVersion><status>Active</status></ApexClass>
`;

function labels(entries: [string, string, boolean][]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">
${entries
  .map(
    ([name, value, isProtected]) =>
      `  <labels><fullName>${name}</fullName><language>en_US</language><protected>${isProtected}</protected><shortDescription>${name}</shortDescription><value>${value}</value></labels>`
  )
  .join('\n')}
</CustomLabels>
`;
}

function write(dir: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-namespace-labels-'));
const PKG = path.join(root, 'pkg');
const SUBSCRIBER = path.join(root, 'subscriber');
write(
  PKG,
  'labels/CustomLabels.labels-meta.xml',
  labels([
    ['Greeting', 'Hello from the package', false],
    ['Shared', 'the package Shared', false],
    ['Secret', 'the package secret', true]
  ])
);
write(
  PKG,
  'classes/PkgLabels.cls',
  `global with sharing class PkgLabels {
  global static String greeting() { return System.Label.Greeting; }
  global static String shared() { return Label.Shared; }
  global static String secret() { return System.Label.Secret; }
  global static String qualified() { return System.Label.ns.Secret; }
}
`
);
write(PKG, 'classes/PkgLabels.cls-meta.xml', META);
write(
  SUBSCRIBER,
  'labels/CustomLabels.labels-meta.xml',
  labels([['Shared', 'the subscriber Shared', true]])
);

function subscriberOrg(): Org {
  return new Org({
    name: 'subscriber',
    source: [PKG, SUBSCRIBER],
    subscriberSource: [SUBSCRIBER],
    namespace: 'ns',
    runtimeFactory: runtimeFor
  });
}

/** Runs subscriber anonymous Apex (package code with `namespace`); fails on any problem. */
function run(org: Org, apex: string, namespace?: string): void {
  const r = org.executeAnonymous(apex, namespace ? { namespace } : {});
  assert.equal(r.compileProblem, null, JSON.stringify(r));
  assert.equal(r.exceptionMessage, null, JSON.stringify(r));
}

test('subscriber code reads a package label as System.Label.ns.Name and Label.ns.Name', () => {
  run(
    subscriberOrg(),
    `System.assertEquals('Hello from the package', System.Label.ns.Greeting);
System.assertEquals('Hello from the package', Label.ns.Greeting);
System.assertEquals('Hello from the package', System.Label.NS.greeting, 'names are case-insensitive');
String viaVariable = System.Label.ns.Shared;
System.assertEquals('the package Shared', viaVariable);`
  );
});

test("a bare label name in subscriber code is the org's own label, never the package's", () => {
  const org = subscriberOrg();
  run(
    org,
    `System.assertEquals('the subscriber Shared', System.Label.Shared);
System.assertEquals('the package Shared', System.Label.ns.Shared);`
  );
  // Greeting is the package's only: a bare name does not reach it.
  const r = org.executeAnonymous(`String s = System.Label.Greeting;`);
  assert.equal(r.success, false, JSON.stringify(r));
});

test("the package's own code names its labels bare, protected ones included", () => {
  const org = subscriberOrg();
  run(
    org,
    `System.assertEquals('Hello from the package', ns.PkgLabels.greeting());
System.assertEquals('the package Shared', ns.PkgLabels.shared(), 'its own Shared, not the org\\'s');
System.assertEquals('the package secret', ns.PkgLabels.secret());
System.assertEquals('the package secret', ns.PkgLabels.qualified());`
  );
  // Anonymous Apex compiled as the package's (its development org): bare names are its labels.
  run(
    org,
    `System.assertEquals('the package Shared', System.Label.Shared);
System.assertEquals('the package secret', Label.Secret);`,
    'ns'
  );
});

test('"You can\'t access labels that are protected in a different namespace": a compile error', () => {
  const r = subscriberOrg().executeAnonymous(`String s = System.Label.ns.Secret;`);
  assert.match(
    String(r.compileProblem),
    /Custom label ns\.Secret is protected: only code of its namespace can read it/
  );
});

test('a package label that does not exist is a compile error naming it', () => {
  const r = subscriberOrg().executeAnonymous(`String s = System.Label.ns.Nope;`);
  assert.match(String(r.compileProblem), /Custom label does not exist: ns\.nope/);
});

test('without a namespace, labels are read by their bare names as before', () => {
  const org = new Org({ name: 'plain', source: [PKG], runtimeFactory: runtimeFor });
  run(
    org,
    `System.assertEquals('Hello from the package', System.Label.Greeting);
System.assertEquals('the package secret', Label.Secret);`
  );
});
