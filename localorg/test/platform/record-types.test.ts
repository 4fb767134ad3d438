// Record types: the RecordTypeId field, the user's default record type, which Ids may be saved,
// and Schema.RecordTypeInfo. Cited: Apex Reference, "RecordTypeInfo Class"; Salesforce Help,
// "How Is Record Type Access Specified?" and 000005125 "What is the master record type?"; SOAP API
// Developer Guide, "Frequently Occurring Fields" (RecordTypeId). The rules and the local-org
// assumptions are listed in src/platform/schema/record-types.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Org } from '../../src/platform/org.ts';
import { runtimeFor } from '../../src/runner/runner.ts';
import { ApexSObject } from '../../src/runtime/values.ts';
import { MASTER_RECORD_TYPE_ID } from '../../src/platform/schema/record-types.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/record-types', import.meta.url));

let shared: Org | undefined;
/** One org on the fixture (Lead: Direct, Partner, inactive Retired; Widget__c: Small). */
function org(): Org {
  shared ??= new Org({ name: 'rt', source: [FIXTURE], runtimeFactory: runtimeFor });
  return shared;
}

function rtId(o: Org, object: string, developerName: string): string {
  const [r] = o.query(
    `SELECT Id FROM RecordType WHERE SobjectType = '${object}' AND DeveloperName = '${developerName}'`
  ) as ApexSObject[];
  return String(r.raw('Id'));
}

function recordTypeOf(o: Org, id: string): string | null {
  const [r] = o.query('SELECT RecordTypeId FROM Lead WHERE Id = :id', { id }) as ApexSObject[];
  const v = r.raw('RecordTypeId');
  return v === null || v === undefined ? null : String(v);
}

/** Runs anonymous Apex and fails the test with the Apex error when it does not succeed. */
function apex(o: Org, source: string, as?: string): void {
  const r = o.executeAnonymous(source, as ? { as } : {});
  assert.equal(r.compileProblem, null, `compiles: ${source}`);
  assert.equal(r.exceptionMessage, null, 'runs without an exception');
  assert.equal(r.success, true);
}

let users = 0;
function user(profile: string, permissionSets: string[] = []): string {
  const username = `rt${++users}@rt.example`;
  org().createUser({ username, profile, permissionSets });
  return username;
}

test('an object with record types has a RecordTypeId lookup to RecordType; one without has none', () => {
  const o = org();
  for (const name of ['Lead', 'Widget__c', 'LeadChangeEvent', 'Widget__ChangeEvent']) {
    const f = o.schema.get(name)?.field('RecordTypeId');
    assert.ok(f, `${name}.RecordTypeId`);
    assert.equal(f.type, 'reference');
    assert.deepEqual(f.referenceTo, ['RecordType']);
    assert.equal(f.relationshipName, 'RecordType');
  }
  for (const name of ['Account', 'Contact', 'Opportunity', 'Case', 'AccountChangeEvent'])
    assert.equal(o.schema.get(name)?.field('RecordTypeId'), undefined, name);
  assert.throws(() => o.query('SELECT RecordTypeId FROM Account'), /No such column 'RecordTypeId'/);
  const [partner] = o.query(
    "SELECT Name, IsActive, Description FROM RecordType WHERE SobjectType = 'Lead' AND DeveloperName = 'Partner'"
  ) as ApexSObject[];
  assert.deepEqual(
    [partner.raw('Name'), partner.raw('IsActive'), partner.raw('Description')],
    ['Partner Channel', true, 'Leads from partners'],
    'RecordType rows from the metadata'
  );
  apex(
    o,
    `Map<String, Schema.SObjectField> lead = Lead.SObjectType.getDescribe().fields.getMap();
     System.Assert.isTrue(lead.containsKey('recordtypeid'), 'Lead describes RecordTypeId');
     Schema.DescribeFieldResult d = lead.get('RecordTypeId').getDescribe();
     System.Assert.areEqual(Schema.DisplayType.REFERENCE, d.getType(), 'a lookup');
     System.Assert.areEqual('RecordType', d.getRelationshipName(), 'relationship');
     System.Assert.isFalse(Account.SObjectType.getDescribe().fields.getMap().containsKey('recordtypeid'), 'Account has none');`
  );
});

test('insert without RecordTypeId: the profile default, else the one custom record type of permission sets, else the Master (null)', () => {
  const o = org();
  const insertAs = (as?: string): string =>
    o.insert('Lead', { LastName: 'L', Company: 'C' }, as ? { as } : {})[0];
  // built-in System Administrator: every record type, Master as default
  assert.equal(recordTypeOf(o, insertAs()), null, 'admin: Master, RecordTypeId null');
  // profile metadata names Partner as default
  assert.equal(recordTypeOf(o, insertAs(user('Lead Agent'))), rtId(o, 'Lead', 'Partner'));
  // profile default Master + exactly one custom record type from a permission set
  assert.equal(
    recordTypeOf(o, insertAs(user('Standard User', ['Direct_Leads']))),
    rtId(o, 'Lead', 'Direct')
  );
  // the single-record-type rule is for profiles that give only the Master
  assert.equal(recordTypeOf(o, insertAs(user('System Administrator', ['Direct_Leads']))), null);
  assert.equal(
    recordTypeOf(o, insertAs(user('Lead Agent', ['Direct_Leads']))),
    rtId(o, 'Lead', 'Partner')
  );
  // profile default Master, no record type from permission sets
  assert.equal(recordTypeOf(o, insertAs(user('Standard User', ['Lead_Access']))), null);
  // the default is there for before-insert logic and for records inserted in bulk
  const many = o.insert(
    'Lead',
    Array.from({ length: 201 }, (_, i) => ({ LastName: `B${i}`, Company: 'C' })),
    { as: user('Lead Agent') }
  );
  const typed = o.query(
    "SELECT COUNT() FROM Lead WHERE Id IN :many AND RecordType.DeveloperName = 'Partner'",
    { many }
  );
  assert.equal(typed, 201, 'every record of a 201-record insert gets the default');
});

test('RecordTypeId is settable on insert and update and queryable through RecordType.DeveloperName', () => {
  const o = org();
  const direct = rtId(o, 'Lead', 'Direct');
  const partner = rtId(o, 'Lead', 'Partner');
  const [id] = o.insert('Lead', { LastName: 'Typed', Company: 'C', RecordTypeId: direct });
  assert.equal(recordTypeOf(o, id), direct);
  const [row] = o.query(
    'SELECT RecordType.DeveloperName, RecordType.Name FROM Lead WHERE Id = :id',
    { id }
  ) as ApexSObject[];
  const parent = row.raw('RecordType') as ApexSObject;
  assert.equal(parent.raw('DeveloperName'), 'Direct');
  assert.equal(parent.raw('Name'), 'Direct Sales');
  o.update('Lead', { Id: id, RecordTypeId: partner });
  assert.equal(recordTypeOf(o, id), partner);
  assert.equal(
    o.query("SELECT COUNT() FROM Lead WHERE Id = :id AND RecordType.DeveloperName = 'Partner'", {
      id
    }),
    1,
    'filter on the relationship path'
  );
  assert.equal(
    o.query("SELECT COUNT() FROM Lead WHERE Id = :id AND RecordType.DeveloperName = 'Direct'", {
      id
    }),
    0
  );
  // Setting the Master's Id asks for the Master record type, which has no Id.
  o.update('Lead', { Id: id, LastName: 'Still typed' });
  assert.equal(recordTypeOf(o, id), partner, 'an update that leaves it alone keeps it');
  const [m] = o.insert('Lead', {
    LastName: 'M',
    Company: 'C',
    RecordTypeId: MASTER_RECORD_TYPE_ID
  });
  assert.equal(recordTypeOf(o, m), null);
});

test('an inactive, foreign or unavailable record type fails with INVALID_CROSS_REFERENCE_KEY', () => {
  const o = org();
  const retired = rtId(o, 'Lead', 'Retired');
  const small = rtId(o, 'Widget__c', 'Small');
  const partner = rtId(o, 'Lead', 'Partner');
  for (const bad of [retired, small]) {
    assert.throws(() => o.insert('Lead', { LastName: 'X', Company: 'C', RecordTypeId: bad }), {
      message: `System.DmlException: Insert failed. First exception on row 0; first error: INVALID_CROSS_REFERENCE_KEY, Record Type ID: this ID value isn't valid for the user: ${bad}: [RecordTypeId]`
    });
  }
  const [id] = o.insert('Lead', { LastName: 'Y', Company: 'C' });
  assert.throws(
    () => o.update('Lead', { Id: id, RecordTypeId: retired }),
    /INVALID_CROSS_REFERENCE_KEY, Record Type ID: this ID value isn't valid for the user/
  );
  // user mode: only record types available to the user; system mode: any active one
  const direct = user('Standard User', ['Direct_Leads']);
  apex(
    o,
    `Lead l = new Lead(LastName = 'U', Company = 'C', RecordTypeId = '${partner}');
     Database.SaveResult r = Database.insert(l, false, System.AccessLevel.USER_MODE);
     System.Assert.isFalse(r.isSuccess(), 'Partner is not available to the user');
     System.Assert.areEqual(System.StatusCode.INVALID_CROSS_REFERENCE_KEY, r.getErrors()[0].getStatusCode(), 'status');
     System.Assert.areEqual(new List<String>{ 'RecordTypeId' }, r.getErrors()[0].getFields(), 'field');
     Database.SaveResult s = Database.insert(new Lead(LastName = 'S', Company = 'C', RecordTypeId = '${partner}'), false, System.AccessLevel.SYSTEM_MODE);
     System.Assert.isTrue(s.isSuccess(), 'system mode may use any active record type');`,
    direct
  );
});

test('Schema.RecordTypeInfo: every record type plus the Master, availability and default per user', () => {
  const o = org();
  const check = `
    Map<String, Schema.RecordTypeInfo> byDev = Lead.SObjectType.getDescribe().getRecordTypeInfosByDeveloperName();
    System.Assert.areEqual(new Set<String>{ 'Direct', 'Partner', 'Retired', 'Master' }, byDev.keySet(), 'all plus Master');
    Schema.RecordTypeInfo master = byDev.get('Master');
    System.Assert.isTrue(master.isMaster(), 'Master');
    System.Assert.areEqual('012000000000000AAA', String.valueOf(master.getRecordTypeId()), 'Master Id');
    System.Assert.isFalse(byDev.get('Retired').isActive(), 'inactive');
    System.Assert.isFalse(byDev.get('Retired').isAvailable(), 'inactive is not available');
    System.Assert.areEqual('Partner Channel', byDev.get('Partner').getName(), 'label');
    Id partnerId = byDev.get('Partner').getRecordTypeId();
    System.Assert.areEqual('Partner', Lead.SObjectType.getDescribe().getRecordTypeInfosById().get(partnerId).getDeveloperName(), 'by Id');
    System.Assert.areEqual(partnerId, Lead.SObjectType.getDescribe().getRecordTypeInfosByName().get('Partner Channel').getRecordTypeId(), 'by name');
    List<Schema.RecordTypeInfo> infos = Lead.SObjectType.getDescribe().getRecordTypeInfos();
    System.Assert.areEqual(4, infos.size(), 'list');
    System.Assert.isTrue(infos[3].isMaster(), 'Master last');
    System.Assert.areEqual(1, Account.SObjectType.getDescribe().getRecordTypeInfos().size(), 'an object without record types: the Master only');`;
  apex(
    o,
    `${check}
     System.Assert.isTrue(byDev.get('Master').isDefaultRecordTypeMapping(), 'admin default: Master');
     System.Assert.isTrue(byDev.get('Direct').isAvailable() && byDev.get('Partner').isAvailable(), 'admin sees all');`
  );
  apex(
    o,
    `${check}
     System.Assert.isTrue(byDev.get('Partner').isDefaultRecordTypeMapping(), 'profile default');
     System.Assert.isFalse(byDev.get('Master').isDefaultRecordTypeMapping(), 'not Master');
     System.Assert.isFalse(byDev.get('Master').isAvailable(), 'profile default set: no Master');`,
    user('Lead Agent')
  );
  apex(
    o,
    `${check}
     System.Assert.isTrue(byDev.get('Direct').isAvailable(), 'from the permission set');
     System.Assert.isFalse(byDev.get('Partner').isAvailable(), 'not given');
     System.Assert.isTrue(byDev.get('Direct').isDefaultRecordTypeMapping(), 'the only one');`,
    user('Standard User', ['Direct_Leads'])
  );
});

test('two orgs in one process: the describe answers with the running org record types', () => {
  const first = org();
  const second = new Org({
    name: 'rt2',
    source: [FIXTURE],
    runtimeFactory: runtimeFor,
    instance: 7
  });
  for (const o of [first, second]) {
    const own = rtId(o, 'Lead', 'Direct');
    apex(
      o,
      `System.Assert.areEqual('${own}', String.valueOf(Lead.SObjectType.getDescribe().getRecordTypeInfosByDeveloperName().get('Direct').getRecordTypeId()), 'this org Direct');`
    );
  }
  assert.notEqual(rtId(first, 'Lead', 'Direct'), rtId(second, 'Lead', 'Direct'));
});
