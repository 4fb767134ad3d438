// A managed package's Apex in a subscriber org (OrgOptions.namespace; exec/namespace.ts). Each test
// cites the rule it checks:
// - Apex Developer Guide, "Namespace Prefix": "the parser assumes that the namespace of the current
//   object is the namespace of all other objects" (package code names its own classes without the
//   prefix), and "to invoke a method that is defined in a managed package, Apex allows
//   fully-qualified identifiers of the form namespace_prefix.class.method(args)".
// - Apex Developer Guide, "Access Modifiers": public is visible "to other classes in the same
//   application namespace"; global to all Apex code, and a global member's class must be global;
//   "methods defined in an interface have the same access modifier as the interface (public or
//   global)".
// - "Using Constructors": a class without a constructor has a default public one (so a subscriber
//   needs a global constructor to instantiate a package class; NsApi declares one).
// The fixture: pkg/ (namespace `ns`: global NsApi, public NsInternal) and subscriber/ (the org's
// own SubscriberUse class and SubscriberAccount trigger, which write `ns.`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Org } from '../../src/platform/org.ts';
import { runtimeFor } from '../../src/runner/runner.ts';

const PKG = fileURLToPath(new URL('./fixtures/namespace/pkg', import.meta.url));
const SUBSCRIBER = fileURLToPath(new URL('./fixtures/namespace/subscriber', import.meta.url));

function subscriberOrg(): Org {
  return new Org({
    name: 'subscriber',
    source: [PKG, SUBSCRIBER],
    subscriberSource: [SUBSCRIBER],
    namespace: 'ns',
    runtimeFactory: runtimeFor
  });
}

/** The compile problem of subscriber anonymous Apex (null when it compiles). */
function compileProblem(org: Org, apex: string): string | null {
  return org.executeAnonymous(apex).compileProblem;
}

test('"Namespace Prefix": package code names its own classes unqualified and qualified; subscriber code reaches it as ns.Class.method()', () => {
  const org = subscriberOrg();
  const r = org.executeAnonymous(`
    System.assertEquals('Hello subscriber from internal 42', SubscriberUse.run());
    System.assertEquals('Hello anon from internal', ns.NsApi.hello('anon'));
    System.assertEquals(2, ns.NsApi.calls);`);
  assert.equal(r.compileProblem, null, JSON.stringify(r));
  assert.equal(r.exceptionMessage, null, JSON.stringify(r));
  assert.deepEqual(org.runtime?.diagnostics ?? [], [], 'every file of both sides compiles');
});

test('"Namespace Prefix": a subscriber trigger calls the package by its namespace', () => {
  const org = subscriberOrg();
  const r = org.executeAnonymous(`
    insert new Account(Name = 'Acme');
    System.assertEquals(1, ns.NsApi.calls, 'the trigger ran ns.NsApi.hello once');`);
  assert.equal(r.exceptionMessage, null, JSON.stringify(r));
});

test('"Namespace Prefix": a subscriber cannot name a package class without the namespace', () => {
  const org = subscriberOrg();
  assert.match(compileProblem(org, `NsApi.hello('x');`) ?? '', /Variable does not exist: NsApi/);
  assert.match(compileProblem(org, `NsApi api = null;`) ?? '', /Invalid type: NsApi/);
});

test('"Access Modifiers": a public package class, or a public inner class of a global one, is not visible to a subscriber', () => {
  const org = subscriberOrg();
  assert.match(
    compileProblem(org, `ns.NsInternal.greet('x');`) ?? '',
    /Type is not visible: ns\.NsInternal/
  );
  assert.match(
    compileProblem(org, `ns.NsApi.Hidden h = null;`) ?? '',
    /Type is not visible: ns\.NsApi\.Hidden/
  );
  assert.equal(compileProblem(org, `ns.NsApi.Options o = null;`), null, 'a global inner class is');
});

test('"Using Constructors": the implicit constructor of a global package class is public, so a subscriber cannot call it', () => {
  const org = subscriberOrg();
  assert.match(
    compileProblem(org, `ns.NsApi.Options o = new ns.NsApi.Options();`) ?? '',
    /Constructor is not visible: \[ns\.NsApi\.Options\]\.<Constructor>\(\)/
  );
});

test('"Access Modifiers": public methods, fields and constructors of a global package class are not visible to a subscriber; global ones are', () => {
  const org = subscriberOrg();
  assert.match(
    compileProblem(org, `ns.NsApi.notForSubscribers();`) ?? '',
    /Method is not visible: String ns\.NsApi\.notForSubscribers\(\)/
  );
  assert.match(
    compileProblem(org, `Integer n = new ns.NsApi().thrice(1);`) ?? '',
    /Method is not visible: Integer ns\.NsApi\.thrice\(Integer\)/
  );
  assert.match(
    compileProblem(org, `Integer n = ns.NsApi.internalCalls;`) ?? '',
    /Variable is not visible: ns\.NsApi\.internalCalls/
  );
  assert.match(
    compileProblem(org, `ns.NsApi api = new ns.NsApi('x');`) ?? '',
    /Constructor is not visible: \[ns\.NsApi\]\.<Constructor>\(String\)/
  );
  const r = org.executeAnonymous(`
    System.assertEquals(8, new ns.NsApi().twice(4));
    System.assertEquals(0, ns.NsApi.calls);`);
  assert.equal(r.compileProblem, null, JSON.stringify(r));
  assert.equal(r.exceptionMessage, null, JSON.stringify(r));
});

test('"Access Modifiers": a subscriber class implements a global interface of the package, whose methods are global, and the package calls it back', () => {
  const org = subscriberOrg();
  const r = org.executeAnonymous(
    `System.assertEquals('done sync', ns.NsApi.callBack(new SubscriberUse()));`
  );
  assert.equal(r.compileProblem, null, JSON.stringify(r));
  assert.equal(r.exceptionMessage, null, JSON.stringify(r));
});

test("without a namespace every class is the org's own: ns.NsApi names nothing", () => {
  const org = new Org({ name: 'plain', source: [PKG], runtimeFactory: runtimeFor });
  assert.match(compileProblem(org, `ns.NsApi.hello('x');`) ?? '', /Variable does not exist: ns/);
  assert.equal(compileProblem(org, `NsApi.notForSubscribers();`), null);
});

test('an invalid namespace prefix is refused by name', () => {
  assert.throws(
    () => new Org({ name: 'bad', source: [PKG], namespace: 'my__ns', runtimeFactory: runtimeFor }),
    /Invalid namespace prefix "my__ns"/
  );
});

test("anonymous Apex compiled in the package namespace (its namespaced development org) reaches public members unqualified; the org's own does not", () => {
  const org = subscriberOrg();
  const apex = `System.assertEquals('internal', NsApi.notForSubscribers());`;
  const inPackage = org.executeAnonymous(apex, { namespace: 'ns' });
  assert.equal(inPackage.compileProblem, null, JSON.stringify(inPackage));
  assert.equal(inPackage.exceptionMessage, null, JSON.stringify(inPackage));
  assert.match(org.executeAnonymous(apex).compileProblem ?? '', /Variable does not exist: NsApi/);
  org.anonymousNamespace = 'ns';
  assert.equal(org.executeAnonymous(apex).compileProblem, null, 'the org default applies');
  assert.match(
    org.executeAnonymous(apex, { namespace: null }).compileProblem ?? '',
    /Variable does not exist: NsApi/
  );
});
