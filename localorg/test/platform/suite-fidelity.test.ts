// Fidelity fixes found by running whole published suites unchanged (issue 14 item 6, docs/localorg.md
// "Fidelity on whole public suites"); each case failed before its fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KeyObject } from 'node:crypto';
import { orgWithClasses } from '../apex-source.ts';

// Apex Developer Guide, "SOQL and SOSL Queries": "You can evaluate SOQL or SOSL statements on-the-fly
// in Apex by surrounding the statement in square brackets." Source files are UTF-8 and comments or
// strings may hold any character: an emoji (outside the Basic Multilingual Plane) earlier in the
// file took the query text one character early ("no viable alternative at character '['").
test('inline SOQL after an emoji in a comment or a string keeps its exact text', async () => {
  const org = await orgWithClasses({
    EmojiSoqlTest: `// A very long name 😭 — and another one 🎉
@IsTest
private class EmojiSoqlTest {
  private static final String LABEL = '🚀 launch';
  private static final Integer USER_COUNT = [SELECT COUNT() FROM User WHERE Name != :LABEL];
  @IsTest
  static void inlineQueries() {
    List<Schema.User> users = [SELECT Id, Name FROM User WHERE Name != '🙂' LIMIT 5];
    Assert.isFalse(users.isEmpty());
    Assert.areEqual(USER_COUNT, [SELECT COUNT() FROM User]);
    List<List<SObject>> found = [FIND 'x🙂' IN ALL FIELDS RETURNING Account(Id)];
    Assert.areEqual(1, found.size());
  }
}`
  });
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('EmojiSoqlTest', 'inlineQueries');
  assert.equal(r?.outcome, 'Pass', r?.message ?? '');
});

const OBJECT = (label: string, sharingModel: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>${label}</label>\n    <pluralLabel>${label}s</pluralLabel>\n    <nameField><label>Name</label><type>Text</type></nameField>\n    <deploymentStatus>Deployed</deploymentStatus>\n    <sharingModel>${sharingModel}</sharingModel>\n</CustomObject>\n`;

// Apex Developer Guide, "Sharing a Record Using Apex": a custom object's share object is
// MyCustomObject__Share, with AccessLevel (Read, Edit, All: All only for the platform's own sharing;
// "must be more permissive than the object's default"), ParentId, RowCause ("Schema.CustomObject__Share.
// rowCause.SharingReason__c"), UserOrGroupId. "Understanding Apex Managed Sharing": Apex managed
// sharing is kept when the owner changes, user managed (Manual) sharing is removed. Before: `Invalid
// type: Doc__Share` at compile time.
test('custom share objects: owner row, Apex sharing reasons, visibility, owner transfer', async () => {
  const org = await orgWithClasses(
    {
      ShareTest: `@IsTest
private class ShareTest {
  public with sharing class Reader {
    public Integer visible() {
      return [SELECT COUNT() FROM Doc__c];
    }
  }
  static User newUser() {
    User u = new User(
      Username = 'reader@share.example', LastName = 'Reader', Email = 'reader@share.example', Alias = 'reader',
      TimeZoneSidKey = 'GMT', LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US',
      ProfileId = [SELECT Id FROM Profile WHERE Name = 'Standard User'].Id
    );
    insert u;
    return u;
  }
  @IsTest
  static void shares() {
    User other = newUser();
    Doc__c d = new Doc__c(Name = 'a');
    insert d;
    List<Doc__Share> rows = [SELECT AccessLevel, RowCause, UserOrGroupId FROM Doc__Share WHERE ParentId = :d.Id];
    Assert.areEqual(1, rows.size(), 'the owner row');
    Assert.areEqual('All', rows[0].AccessLevel);
    Assert.areEqual('Owner', rows[0].RowCause);
    Assert.areEqual(UserInfo.getUserId(), rows[0].UserOrGroupId);
    System.runAs(other) {
      Assert.areEqual(0, new Reader().visible(), 'private: not shared yet');
    }
    Assert.areEqual('Reviewer__c', Schema.Doc__Share.RowCause.Reviewer__c);
    insert new Doc__Share(ParentId = d.Id, UserOrGroupId = other.Id, AccessLevel = 'Read', RowCause = Schema.Doc__Share.RowCause.Reviewer__c);
    System.runAs(other) {
      Assert.areEqual(1, new Reader().visible(), 'shared through the reason');
    }
    Database.SaveResult all = Database.insert(new Doc__Share(ParentId = d.Id, UserOrGroupId = other.Id, AccessLevel = 'All'), false);
    Assert.isFalse(all.isSuccess(), 'All is the owner row only');
    Doc__Share manual = new Doc__Share(ParentId = d.Id, UserOrGroupId = other.Id, AccessLevel = 'Edit');
    insert manual;
    Assert.areEqual('Manual', [SELECT RowCause FROM Doc__Share WHERE Id = :manual.Id].RowCause);
    d.OwnerId = other.Id;
    update d;
    Map<String, Id> byCause = new Map<String, Id>();
    for (Doc__Share s : [SELECT RowCause, UserOrGroupId FROM Doc__Share WHERE ParentId = :d.Id]) {
      byCause.put(s.RowCause, s.UserOrGroupId);
    }
    Assert.areEqual(new Set<String>{ 'Owner', 'Reviewer__c' }, byCause.keySet(), 'Manual removed on transfer');
    Assert.areEqual(other.Id, byCause.get('Owner'));
    delete d;
    Assert.areEqual(0, [SELECT COUNT() FROM Doc__Share]);
    undelete d;
    Assert.areEqual(2, [SELECT COUNT() FROM Doc__Share]);
  }
  @IsTest
  static void trivialAndNone() {
    Note__c n = new Note__c(Name = 'n');
    insert n;
    Database.SaveResult r = Database.insert(new Note__Share(ParentId = n.Id, UserOrGroupId = newUser().Id, AccessLevel = 'Read'), false);
    Assert.isFalse(r.isSuccess());
    Assert.areEqual(StatusCode.FIELD_FILTER_VALIDATION_EXCEPTION, r.getErrors()[0].getStatusCode());
    Assert.isTrue(r.getErrors()[0].getMessage().contains('AccessLevel'));
    Assert.isTrue(Schema.getGlobalDescribe().containsKey('note__share'));
    Assert.isFalse(Schema.getGlobalDescribe().containsKey('open__share'), 'public read/write: no share object');
  }
}`
    },
    {},
    {
      'objects/Doc__c/Doc__c.object-meta.xml': OBJECT('Doc', 'Private'),
      'objects/Doc__c/sharingReasons/Reviewer__c.sharingReason-meta.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<SharingReason xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Reviewer</label>\n</SharingReason>\n',
      'objects/Note__c/Note__c.object-meta.xml': OBJECT('Note', 'Read'),
      'objects/Open__c/Open__c.object-meta.xml': OBJECT('Open', 'ReadWrite')
    }
  );
  assert.deepEqual(org.runtime?.diagnostics, []);
  for (const m of ['shares', 'trivialAndNone']) {
    const r = org.runtime?.runTest('ShareTest', m);
    assert.equal(r?.outcome, 'Pass', `${m}: ${r?.message ?? ''} ${r?.stackTrace ?? ''}`);
  }
});

// Object Reference, "FlowDefinitionView": the flows of the org, read-only (ApiName, Label, IsActive,
// ProcessType, ...). Before: `Variable does not exist: ApiName` (the object was not in the catalogue).
test('FlowDefinitionView and FlowVersionView are read-only objects with their fields', async () => {
  const org = await orgWithClasses({
    FlowViewTest: `@IsTest
private class FlowViewTest {
  @IsTest
  static void fields() {
    List<String> names = new List<String>{ 'Nope' };
    List<Schema.FlowDefinitionView> flows = [SELECT ApiName, Label, IsActive, ProcessType, VersionNumber FROM FlowDefinitionView WHERE ApiName IN :names];
    Assert.areEqual(0, flows.size());
    Schema.FlowDefinitionView v = new Schema.FlowDefinitionView(ApiName = 'X');
    Assert.areEqual('X', v.ApiName);
    Assert.isFalse(Schema.FlowDefinitionView.SObjectType.getDescribe().isCreateable());
    List<String> ids = new List<String>{ '301000000000001' };
    for (Schema.FlowVersionView fv : [SELECT ApiVersionRuntime, FlowDefinitionViewId, RunInMode, Status, VersionNumber FROM FlowVersionView WHERE DurableId IN :ids]) {
      Assert.fail('no flows in this org: ' + fv.Status);
    }
  }
}`
  });
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('FlowViewTest', 'fields');
  assert.equal(r?.outcome, 'Pass', r?.message ?? '');
});

// Apex Reference, "Exception Class": getStackTraceString() returns a String, so a constructor chain
// `this(e.getStackTraceString())` calls the String overload (it called the Exception one again, whose
// body then called getStackTraceString on a String). Apex Developer Guide, "Understanding Apex Describe
// Information": `Schema.SObjectType.User` is the object's describe result even where the org has a
// class named User (NebulaLogger's name-shadowing classes). Object Reference, "TopicAssignment".
test('exception method types, Schema.SObjectType.X beside a class X, TopicAssignment', async () => {
  const org = await orgWithClasses({
    User: `public class User {}`,
    ShapesTest: `@IsTest
private class ShapesTest {
  class Trace {
    public String got;
    public Trace(Exception e) {
      this(e?.getStackTraceString());
    }
    public Trace(String s) {
      got = s == null ? 'null string' : 'string';
    }
  }
  @IsTest
  static void shapes() {
    Assert.areEqual('string', new Trace(new DmlException('x')).got);
    Assert.areEqual('User', Schema.SObjectType.User.getName());
    Topic t = new Topic(Name = 'tag');
    insert t;
    Account a = new Account(Name = 'a');
    insert a;
    insert new TopicAssignment(TopicId = t.Id, EntityId = a.Id);
    Assert.areEqual(1, [SELECT COUNT() FROM TopicAssignment WHERE EntityId = :a.Id]);
  }
}`
  });
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('ShapesTest', 'shapes');
  assert.equal(r?.outcome, 'Pass', `${r?.message ?? ''} ${r?.stackTrace ?? ''}`);
});

// Object Reference, "FieldDefinition" (EntityDefinitionId, relationship EntityDefinition) and
// "FlowDefinitionView" (TriggerObjectOrEventId, relationship TriggerObjectOrEvent): a DurableId
// followed as a relationship to EntityDefinition. Before: `Invalid field EntityDefinition`.
test('FieldDefinition.EntityDefinition and FlowDefinitionView.TriggerObjectOrEvent are relationships', async () => {
  const org = await orgWithClasses({
    DurableTest: `@IsTest
private class DurableTest {
  @IsTest
  static void relationships() {
    FieldDefinition f = [
      SELECT QualifiedApiName, EntityDefinition.QualifiedApiName, EntityDefinitionId
      FROM FieldDefinition
      WHERE EntityDefinition.QualifiedApiName = 'Account' AND QualifiedApiName = 'Name'
    ];
    Assert.areEqual('Account', f.EntityDefinition.QualifiedApiName);
    Assert.areEqual('Account', f.EntityDefinitionId);
    Schema.FlowDefinitionView v = new Schema.FlowDefinitionView();
    Assert.isNull(v.TriggerObjectOrEvent?.QualifiedApiName);
  }
}`
  });
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('DurableTest', 'relationships');
  assert.equal(r?.outcome, 'Pass', `${r?.message ?? ''} ${r?.stackTrace ?? ''}`);
});

// Apex Reference, "Datetime Class", valueOf(fieldValue): "Converts the specified object to a
// Datetime"; a Long (or Integer) is taken as milliseconds since the epoch, like newInstance(Long)
// (NebulaLogger stores Datetime.getTime() as text and reads it back this way). Before: TypeException.
test('Datetime.valueOf(Long) is the Datetime of those epoch milliseconds', async () => {
  const org = await orgWithClasses({
    DtTest: `@IsTest
private class DtTest {
  @IsTest
  static void fromLong() {
    Datetime now = Datetime.newInstanceGmt(2026, 1, 5, 9, 0, 0);
    Assert.areEqual(now, Datetime.valueOf(Long.valueOf(String.valueOf(now.getTime()))));
    Assert.areEqual(Datetime.newInstance(0L), Datetime.valueOf((Object) 0L));
    Assert.areEqual(Datetime.newInstanceGmt(2024, 7, 4, 18, 30, 0), Datetime.valueOfGmt('2024-07-04 18:30:00'));
  }
}`
  });
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('DtTest', 'fromLong');
  assert.equal(r?.outcome, 'Pass', `${r?.message ?? ''} ${r?.stackTrace ?? ''}`);
});

// Object Reference / REST describe: a custom object's text Name field is defaulted on create; a record
// inserted without a name is named after its Id (public suites insert NebulaLogger's LogEntry__c rows
// without one). Clearing the name on update is still REQUIRED_FIELD_MISSING. Before: the insert
// failed with REQUIRED_FIELD_MISSING [Name].
test('a custom object record inserted without a Name is named after its Id', async () => {
  const org = await orgWithClasses(
    {
      NameTest: `@IsTest
private class NameTest {
  @IsTest
  static void defaulted() {
    Doc__c d = new Doc__c();
    insert d;
    d = [SELECT Id, Name FROM Doc__c WHERE Id = :d.Id];
    Assert.areEqual(String.valueOf(d.Id), d.Name);
    Assert.isTrue(Doc__c.Name.getDescribe().isDefaultedOnCreate());
    Assert.isFalse(Doc__c.Name.getDescribe().isNillable());
    d.Name = null;
    Database.SaveResult r = Database.update(d, false);
    Assert.areEqual(StatusCode.REQUIRED_FIELD_MISSING, r.getErrors()[0].getStatusCode());
  }
}`
    },
    {},
    { 'objects/Doc__c/Doc__c.object-meta.xml': OBJECT('Doc', 'ReadWrite') }
  );
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('NameTest', 'defaulted');
  assert.equal(r?.outcome, 'Pass', `${r?.message ?? ''} ${r?.stackTrace ?? ''}`);
});

// Apex Reference, "Crypto Class": sign(algorithmName, input, privateKey) with RSA-SHA1, RSA-SHA256,
// RSA-SHA384, RSA-SHA512, RSA, ECDSA-SHA256, ECDSA-SHA384, ECDSA-SHA512 and a PKCS #8 private key;
// verify(algorithmName, data, signature, publicKey) with an X.509 public key. Before: "Unsupported by
// the local org: Crypto.sign".
test('Crypto.sign and Crypto.verify with RSA and ECDSA keys', async () => {
  const { generateKeyPairSync, sign } = await import('node:crypto');
  const der = (k: KeyObject, type: 'pkcs8' | 'spki') =>
    k.export({ format: 'der', type }).toString('base64');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const rsaSha512 = sign('sha512', Buffer.from('hello'), rsa.privateKey).toString('base64');
  const rsaSha1 = sign('sha1', Buffer.from('hello'), rsa.privateKey).toString('base64');
  const org = await orgWithClasses({
    SignTest: `@IsTest
private class SignTest {
  static final Blob RSA_PRIVATE = EncodingUtil.base64Decode('${der(rsa.privateKey, 'pkcs8')}');
  static final Blob RSA_PUBLIC = EncodingUtil.base64Decode('${der(rsa.publicKey, 'spki')}');
  static final Blob EC_PRIVATE = EncodingUtil.base64Decode('${der(ec.privateKey, 'pkcs8')}');
  static final Blob EC_PUBLIC = EncodingUtil.base64Decode('${der(ec.publicKey, 'spki')}');
  @IsTest
  static void signAndVerify() {
    Blob data = Blob.valueOf('hello');
    // PKCS #1 v1.5 signatures are deterministic: the same bytes as computed outside Apex
    Assert.areEqual('${rsaSha512}', EncodingUtil.base64Encode(Crypto.sign('RSA-SHA512', data, RSA_PRIVATE)));
    Assert.areEqual('${rsaSha1}', EncodingUtil.base64Encode(Crypto.sign('RSA', data, RSA_PRIVATE)));
    for (String alg : new List<String>{ 'RSA', 'RSA-SHA1', 'RSA-SHA256', 'RSA-SHA384', 'RSA-SHA512' }) {
      Blob sig = Crypto.sign(alg, data, RSA_PRIVATE);
      Assert.isTrue(Crypto.verify(alg, data, sig, RSA_PUBLIC), alg);
      Assert.isFalse(Crypto.verify(alg, Blob.valueOf('hellO'), sig, RSA_PUBLIC), alg + ' tampered');
    }
    for (String alg : new List<String>{ 'ECDSA-SHA256', 'ECDSA-SHA384', 'ECDSA-SHA512' }) {
      Blob sig = Crypto.sign(alg, data, EC_PRIVATE);
      Assert.isTrue(Crypto.verify(alg, data, sig, EC_PUBLIC), alg);
    }
    try {
      Crypto.sign('SHA512withRSA', data, RSA_PRIVATE);
      Assert.fail('not an Apex algorithm name');
    } catch (InvalidParameterValueException e) {
      Assert.isTrue(e.getMessage().contains('SHA512withRSA'));
    }
    try {
      Crypto.sign('RSA-SHA256', data, Blob.valueOf('not a key'));
      Assert.fail('not a key');
    } catch (SecurityException e) {
      Assert.isTrue(e.getMessage().contains('PKCS #8'));
    }
  }
}`
  });
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('SignTest', 'signAndVerify');
  assert.equal(r?.outcome, 'Pass', `${r?.message ?? ''} ${r?.stackTrace ?? ''}`);
});

// Apex Developer Guide, "Expression Operators": for sObjects, == "performs a deep check of all sObject
// field values": a field set to null equals a field never set (NebulaLogger compares settings records
// after `settings.Id = null`). Before: not equal. Set and Map keys follow (equal records, one key).
test('sObject equality: a field set to null equals a field never set', async () => {
  const org = await orgWithClasses({
    SObjEqTest: `@IsTest
private class SObjEqTest {
  @IsTest
  static void nullFields() {
    Account a = new Account(Name = 'x');
    Account b = new Account(Name = 'x');
    b.Id = null;
    b.Phone = null;
    Assert.areEqual(a, b);
    Assert.isTrue(a == b);
    Assert.areEqual(1, new Set<Account>{ a, b }.size());
    b.Phone = '1';
    Assert.areNotEqual(a, b);
    Assert.areEqual(2, new Set<Account>{ a, b }.size());
  }
}`
  });
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('SObjEqTest', 'nullFields');
  assert.equal(r?.outcome, 'Pass', `${r?.message ?? ''} ${r?.stackTrace ?? ''}`);
});

// Object Reference, "SetupEntityAccess": "To grant users access to an entity, associate the appropriate
// SetupEntityAccess record with a PermissionSet that's assigned to a user"; SetupEntityId is the
// entity (an Apex class, a custom permission...). Before: the insert failed (`id value of incorrect
// type`); a row written by DML must then grant the permission.
test('a SetupEntityAccess row inserted by Apex grants its custom permission', async () => {
  const org = await orgWithClasses(
    {
      SeaTest: `@IsTest
private class SeaTest {
  @IsTest
  static void grant() {
    User u = new User(
      Username = 'sea@share.example', LastName = 'Sea', Email = 'sea@share.example', Alias = 'sea',
      TimeZoneSidKey = 'GMT', LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US',
      ProfileId = [SELECT Id FROM Profile WHERE Name = 'Standard User'].Id
    );
    insert u;
    PermissionSet ps = new PermissionSet(Name = 'Viewer', Label = 'Viewer');
    insert ps;
    insert new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = ps.Id);
    System.runAs(u) {
      Assert.isFalse(FeatureManagement.checkPermission('Can_View'));
    }
    Id cp = [SELECT Id FROM CustomPermission WHERE DeveloperName = 'Can_View'].Id;
    insert new SetupEntityAccess(ParentId = ps.Id, SetupEntityId = cp);
    System.runAs(u) {
      Assert.isTrue(FeatureManagement.checkPermission('Can_View'));
    }
    Account a = new Account(Name = 'not a setup entity');
    insert a;
    Database.SaveResult r = Database.insert(new SetupEntityAccess(ParentId = ps.Id, SetupEntityId = a.Id), false);
    Assert.isFalse(r.isSuccess());
  }
}`
    },
    {},
    {
      'customPermissions/Can_View.customPermission-meta.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<CustomPermission xmlns="http://soap.sforce.com/2006/04/metadata">\n    <isLicensed>false</isLicensed>\n    <label>Can View</label>\n</CustomPermission>\n'
    }
  );
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('SeaTest', 'grant');
  assert.equal(r?.outcome, 'Pass', `${r?.message ?? ''} ${r?.stackTrace ?? ''}`);
});
