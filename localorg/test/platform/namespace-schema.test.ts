// A managed package's schema in a subscriber org (OrgOptions.namespace; schema/metadata-namespace.ts,
// schema/schema.ts NameContext). Each test cites the rule it checks:
// - Apex Developer Guide, "Namespace Prefix": "external references to custom object and field
//   names in the developer's managed packages take on the following long format:
//   namespace_prefix__obj_or_field_name__c"; "Apex supports a default namespace for schema names.
//   When looking at identifiers, the parser assumes that the namespace of the current object is
//   the namespace of all other objects and fields unless otherwise specified".
// - Apex Developer Guide, "Accessing All sObjects": the keys of getGlobalDescribe() "are always
//   prefixed with the namespace, if any"; Apex Reference, DescribeSObjectResult/DescribeFieldResult
//   getName() (full name) and getLocalName() ("without the namespace prefix").
// - Apex Developer Guide, "RestResource Annotation": "The URL for a namespaced class contains the
//   namespace ... /services/apexrest/abc/your_url/".
// - Object Reference, ApexClass: NamespacePrefix, "the namespace prefix associated with this
//   object" (null for the org's own classes).
// The fixture: namespace-schema/pkg (namespace `ns`: Widget__c with Status__c, a lookup to Account
// and a validation rule, Account.Tier__c, global WidgetApi and WidgetResource) and the subscriber's
// SubscriberUse class.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Org } from '../../src/platform/org.ts';
import { handleRest } from '../../src/platform/rest/rest.ts';
import { runtimeFor } from '../../src/runner/runner.ts';
import type { ApexSObject } from '../../src/runtime/values.ts';

const PKG = fileURLToPath(new URL('./fixtures/namespace-schema/pkg', import.meta.url));
const SUBSCRIBER = fileURLToPath(
  new URL('./fixtures/namespace-schema/subscriber', import.meta.url)
);

function org(namespace?: string): Org {
  return new Org({
    name: 'subscriber',
    source: [PKG, SUBSCRIBER],
    subscriberSource: [SUBSCRIBER],
    ...(namespace ? { namespace } : {}),
    runtimeFactory: runtimeFor
  });
}

function run(o: Org, apex: string): void {
  const r = o.executeAnonymous(apex);
  assert.equal(r.compileProblem, null, JSON.stringify(r));
  assert.equal(r.exceptionMessage, null, JSON.stringify(r));
}

test('"Namespace Prefix": the package\'s objects and fields (standard objects too) carry ns__ outside the package', () => {
  const o = org('ns');
  assert.ok(o.schema.get('ns__Widget__c'), 'ns__Widget__c exists');
  assert.ok(o.schema.get('ns__Widget__c')?.field('ns__Status__c'), 'ns__Status__c');
  assert.equal(
    o.schema.get('ns__Widget__c')?.field('ns__Account__c')?.relationshipName,
    'ns__Account__r'
  );
  assert.ok(o.schema.get('Account')?.field('ns__Tier__c'), 'Account.ns__Tier__c');
  // Outside Apex (the REST API, TypeScript callers) nothing resolves without the prefix.
  assert.equal(o.schema.get('Widget__c'), undefined);
  assert.equal(o.schema.get('Account')?.field('Tier__c'), undefined);
  const [id] = o.insert('ns__Widget__c', { Name: 'w', ns__Status__c: 'ok' });
  const [row] = o.query(
    `SELECT ns__Status__c FROM ns__Widget__c WHERE Id = '${id}'`
  ) as ApexSObject[];
  assert.equal(row.raw('ns__Status__c'), 'ok');
  assert.throws(() => o.query('SELECT Status__c FROM Widget__c'), /Widget__c/);
});

test('"Namespace Prefix": package code names its schema without the prefix (inline and dynamic SOQL, DML, SObject.get)', () => {
  const o = org('ns');
  run(
    o,
    `Id w = ns.WidgetApi.make('w1', 'fine');
     System.assertEquals('fine', ns.WidgetApi.statusOf(w));
     System.assertEquals('fine', ns.WidgetApi.dynamicStatus(w));
     insert new Account(Name = 'A', ns__Tier__c = 'Gold');
     System.assertEquals(1, ns.WidgetApi.tiered());`
  );
  const rows = o.query('SELECT Name, ns__Status__c FROM ns__Widget__c') as ApexSObject[];
  assert.deepEqual(
    rows.map((r) => [r.raw('Name'), r.raw('ns__Status__c')]),
    [['w1', 'fine']]
  );
});

test('"Namespace Prefix": subscriber code must write the prefix', () => {
  const o = org('ns');
  assert.match(
    o.executeAnonymous(`insert new Widget__c(Name = 'x');`).compileProblem ?? '',
    /Invalid type: Widget__c/
  );
  assert.match(
    o.executeAnonymous(`Account a = new Account(Tier__c = 'x');`).compileProblem ?? '',
    /Tier__c/
  );
  run(
    o,
    `insert new ns__Widget__c(Name = 'x', ns__Status__c = 'ok');
     ns__Widget__c w = [SELECT ns__Status__c, ns__Account__r.Name FROM ns__Widget__c];
     System.assertEquals('ok', w.ns__Status__c);
     System.assertEquals('ok', (String) w.get('ns__Status__c'));`
  );
});

test('"Accessing All sObjects" and getLocalName: describe shows full names; package code finds its own unprefixed', () => {
  const o = org('ns');
  run(
    o,
    `System.assertEquals('ns__Widget__c Widget__c true true ns__Status__c Status__c', ns.WidgetApi.names());
     Map<String, Schema.SObjectType> gd = Schema.getGlobalDescribe();
     System.assert(gd.containsKey('ns__widget__c'), 'full name key');
     System.assert(!gd.containsKey('Widget__c'), 'the org\\'s own code does not find the local name');
     System.assertEquals('ns__Widget__c', ns__Widget__c.SObjectType.getDescribe().getName());
     System.assertEquals('Widget__c', ns__Widget__c.SObjectType.getDescribe().getLocalName());`
  );
});

test('"Namespace Prefix": JSON of package records names fields with the prefix', () => {
  const o = org('ns');
  run(
    o,
    `Id w = ns.WidgetApi.make('j', 'fine');
     Map<String, Object> m = (Map<String, Object>) JSON.deserializeUntyped(ns.WidgetApi.json(w));
     System.assertEquals('fine', m.get('status'));
     System.assertEquals(new Set<Object>{ 'ns__Status__c', 'Id' }, new Set<Object>((List<Object>) m.get('keys')));
     System.assertEquals(1, SubscriberUse.widgets());`
  );
});

test('a package validation rule names its fields without the prefix and runs for subscriber DML', () => {
  const o = org('ns');
  assert.throws(
    () => o.insert('ns__Widget__c', { Name: 'b', ns__Status__c: 'Bad' }),
    /Status may not be Bad/
  );
});

test('"RestResource Annotation": a package resource answers under /services/apexrest/<namespace>/', () => {
  const o = org('ns');
  const call = (path: string) =>
    handleRest(
      o,
      { method: 'GET', endpoint: path, headers: {}, body: '', timeoutMs: 10000 },
      o.adminUserId
    );
  const ok = call('/services/apexrest/ns/widgets/v1/x');
  assert.equal(ok.status, 200, ok.body);
  assert.match(ok.body, /widgets/);
  assert.equal(call('/services/apexrest/widgets/v1/x').status, 404);
});

test("Object Reference, ApexClass: NamespacePrefix is the package's for its classes", () => {
  const o = org('ns');
  const rows = o.query(
    "SELECT Name, NamespacePrefix FROM ApexClass WHERE Name IN ('WidgetApi', 'SubscriberUse') ORDER BY Name"
  ) as ApexSObject[];
  assert.deepEqual(
    rows.map((r) => [r.raw('Name'), r.raw('NamespacePrefix')]),
    [
      ['SubscriberUse', null],
      ['WidgetApi', 'ns']
    ]
  );
});

test('without a namespace the same sources keep their names (an unnamespaced org is unchanged)', () => {
  const o = org();
  assert.ok(o.schema.get('Widget__c')?.field('Status__c'));
  assert.equal(o.schema.get('ns__Widget__c'), undefined);
  const ok = handleRest(
    o,
    {
      method: 'GET',
      endpoint: '/services/apexrest/widgets/v1/x',
      headers: {},
      body: '',
      timeoutMs: 10000
    },
    o.adminUserId
  );
  assert.equal(ok.status, 200, ok.body);
});

test('Apex Reference, Type Class: forName and getName name a package class ns.Name; a bare name resolves in the calling namespace', () => {
  const o = org('ns');
  run(
    o,
    `System.assertEquals('ns.WidgetApi', Type.forName('ns', 'WidgetApi').getName());
     System.assertEquals('ns.WidgetApi', Type.forName('ns.WidgetApi').getName());
     System.assertEquals('ns.WidgetApi', String.valueOf(Type.forName('ns', 'WidgetApi')));
     System.assertEquals(null, Type.forName('WidgetApi'), 'the org\\'s own code: no class of that name');
     System.assertEquals(null, Type.forName('ns', 'WidgetInternal'), 'public: not visible outside');
     System.assertEquals('SubscriberUse', Type.forName('SubscriberUse').getName());
     System.assertEquals('ns.WidgetApi ns.WidgetInternal SubscriberUse true', ns.WidgetApi.typeNames());`
  );
});

test('custom permissions: checkPermission and $Permission take ns__Name outside the package, the bare name inside; NamespacePrefix on its setup rows', () => {
  const o = org('ns');
  const user = o.createUser({ username: 'w@ns.example', permissionSets: ['Widget_Admins'] });
  const r = o.executeAnonymous(
    `System.assert(FeatureManagement.checkPermission('ns__Widget_Admin'), 'full name');
     System.assert(!FeatureManagement.checkPermission('Widget_Admin'), 'the org has no Widget_Admin of its own');
     System.assert(ns.WidgetApi.isAdmin(), 'the package names its own permission bare');`,
    { as: 'w@ns.example' }
  );
  assert.equal(r.exceptionMessage, null, JSON.stringify(r));
  assert.ok(user);
  const setup = (soql: string) =>
    (o.query(soql) as ApexSObject[]).map((x) => [
      x.raw('Name') ?? x.raw('DeveloperName'),
      x.raw('NamespacePrefix')
    ]);
  assert.deepEqual(
    setup(
      "SELECT DeveloperName, NamespacePrefix FROM CustomPermission WHERE DeveloperName = 'Widget_Admin'"
    ),
    [['Widget_Admin', 'ns']]
  );
  assert.deepEqual(
    setup("SELECT Name, NamespacePrefix FROM PermissionSet WHERE Name = 'Widget_Admins'"),
    [['Widget_Admins', 'ns']]
  );
  // the permission set's grants name the package's object and field with the prefix
  const created = o.insert(
    'ns__Widget__c',
    { Name: 'by user', ns__Status__c: 'ok' },
    { as: 'w@ns.example' }
  );
  assert.equal(created.length, 1);
});
