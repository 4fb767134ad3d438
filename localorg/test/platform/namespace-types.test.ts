// A subscriber class with the name of a managed package's class (OrgOptions.namespace;
// exec/loader.ts declare, exec/namespace.ts lookupClass). The rules:
// - Apex Developer Guide, "Develop and Distribute Apex for Managed Packages": "The namespace is
//   prepended to your class's names, methods, variables, and so on, which helps prevent duplicate
//   names in a subscriber's org": the package's `S2SOutboxService` is `ns.S2SOutboxService`, a type
//   apart from the org's own `S2SOutboxService`.
// - "Namespace Prefix": "the parser assumes that the namespace of the current object is the
//   namespace of all other objects": a bare name in the package's code is the package's class, in
//   the org's code the org's own; other code names the package's as
//   "namespace_prefix.class.method(args)".
// The fixture (written below): the package (namespace `ns`) with a global S2SOutboxService (an inner
// class too) and PkgUser naming it bare; the subscriber's own S2SOutboxService.
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

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-namespace-types-'));
const PKG = path.join(root, 'pkg');
const SUBSCRIBER = path.join(root, 'subscriber');

function writeClass(dir: string, name: string, body: string): void {
  fs.mkdirSync(path.join(dir, 'classes'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'classes', `${name}.cls`), body);
  fs.writeFileSync(path.join(dir, 'classes', `${name}.cls-meta.xml`), META);
}

writeClass(
  PKG,
  'S2SOutboxService',
  `global with sharing class S2SOutboxService {
  global S2SOutboxService() {}
  global static String who() { return 'package'; }
  global class Detail {
    global Detail() {}
    global String name() { return 'package detail'; }
  }
}
`
);
writeClass(
  PKG,
  'PkgUser',
  `global with sharing class PkgUser {
  global static String bare() { return S2SOutboxService.who() + '/' + new S2SOutboxService.Detail().name(); }
  global static String qualified() { return ns.S2SOutboxService.who(); }
  global static Object make() { return new S2SOutboxService(); }
}
`
);
writeClass(
  SUBSCRIBER,
  'S2SOutboxService',
  `public with sharing class S2SOutboxService {
  public static String who() { return 'subscriber'; }
  public class Detail {
    public String name() { return 'subscriber detail'; }
  }
}
`
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

/** Runs anonymous Apex (the org's own, or the package's with `namespace`); fails on any problem. */
function run(org: Org, apex: string, namespace?: string): void {
  const r = org.executeAnonymous(apex, namespace ? { namespace } : {});
  assert.equal(r.compileProblem, null, JSON.stringify(r));
  assert.equal(r.exceptionMessage, null, JSON.stringify(r));
}

test('both classes load: no "Duplicate type name" across the namespace', () => {
  const org = subscriberOrg();
  assert.deepEqual(
    (org.runtime?.diagnostics ?? []).map((d) => `${d.file}: ${d.message}`),
    []
  );
});

test("the org's code reaches its own class by the bare name and the package's as ns.Name", () => {
  run(
    subscriberOrg(),
    `System.assertEquals('subscriber', S2SOutboxService.who());
System.assertEquals('subscriber detail', new S2SOutboxService.Detail().name());
System.assertEquals('package', ns.S2SOutboxService.who());
System.assertEquals('package detail', new ns.S2SOutboxService.Detail().name());`
  );
});

test("the package's code names its own class bare (and qualified)", () => {
  const org = subscriberOrg();
  run(
    org,
    `System.assertEquals('package/package detail', ns.PkgUser.bare());
System.assertEquals('package', ns.PkgUser.qualified());`
  );
  // Anonymous Apex compiled as the package's: the bare name is the package's class.
  run(org, `System.assertEquals('package', S2SOutboxService.who());`, 'ns');
});

test('they are two types: instanceof, Type names and Type.forName keep them apart', () => {
  run(
    subscriberOrg(),
    `Object pkg = ns.PkgUser.make();
System.assert(pkg instanceof ns.S2SOutboxService, 'the package type');
System.assert(!(pkg instanceof S2SOutboxService), 'not the org\\'s type');
System.assertEquals('ns.S2SOutboxService', ns.S2SOutboxService.class.getName());
System.assertEquals('S2SOutboxService', S2SOutboxService.class.getName());
System.assertEquals(ns.S2SOutboxService.class, Type.forName('ns', 'S2SOutboxService'));
System.assertEquals(S2SOutboxService.class, Type.forName('S2SOutboxService'));
System.assertEquals(S2SOutboxService.class, Type.forName(null, 'S2SOutboxService'));`
  );
});
