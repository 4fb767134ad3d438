// Fidelity fixes of the sixth pass over whole published suites (issue 14 items 6 and 2; docs/localorg.md
// "Sixth pass"). Each case failed before its fix and cites what it follows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgWithClasses } from '../apex-source.ts';

type Org = Awaited<ReturnType<typeof orgWithClasses>>;

/** Runs every test method of `cls` and fails with the first failure's message. */
function assertAllPass(org: Org, cls: string, methods: string[]): void {
  assert.deepEqual(org.runtime?.diagnostics, []);
  for (const m of methods) {
    const r = org.runtime?.runTest(cls, m);
    assert.equal(r?.outcome, 'Pass', `${cls}.${m}: ${r?.message ?? ''}\n${r?.stackTrace ?? ''}`);
  }
}

const XML = '<?xml version="1.0" encoding="UTF-8"?>\n';

// The platform keeps no empty text: a text field saved as '' reads back as null
// (salesforce.stackexchange.com question 333174), so `WHERE Field = ''` finds the rows without a
// value, as `= null` does, and `!= ''` those with one. apex-recipes' OrgShape finds the org's own
// Platform Cache partition with `NamespacePrefix = ''` and its tests pass in scratch orgs.
// Apex Developer Guide, "Using Apex Variables in SOQL and SOSL Queries": "a list of sObjects can also
// be used--the Ids of the objects are used for the bind", also for a custom metadata relationship
// field, which holds the related record's Id.
test("SOQL: = '' matches no value; a list of sObjects bound to a metadata relationship", async () => {
  const org = await orgWithClasses(
    {
      EmptyTextTest: `@IsTest
private class EmptyTextTest {
  @IsTest
  static void emptyIsNull() {
    insert new List<Account>{ new Account(Name = 'none'), new Account(Name = 'some', Site = 'HQ') };
    Assert.areEqual('none', [SELECT Name FROM Account WHERE Site = ''].Name);
    Assert.areEqual('some', [SELECT Name FROM Account WHERE Site != ''].Name);
    String blank = '';
    Assert.areEqual('none', [SELECT Name FROM Account WHERE Site = :blank].Name);
    Assert.areEqual(1, [SELECT COUNT() FROM PlatformCachePartition WHERE NamespacePrefix = '']);
  }
  @IsTest
  static void sObjectsBoundToMetadataRelationship() {
    List<Parent__mdt> parents = [SELECT Id FROM Parent__mdt WHERE DeveloperName = 'One'];
    List<Child__mdt> kids = [SELECT DeveloperName FROM Child__mdt WHERE Parent__c IN :parents];
    Assert.areEqual(1, kids.size());
    Assert.areEqual('Kid', kids[0].DeveloperName);
  }
}`
    },
    {},
    {
      'cachePartitions/main.cachePartition-meta.xml': `${XML}<PlatformCachePartition xmlns="http://soap.sforce.com/2006/04/metadata">
    <isDefaultPartition>false</isDefaultPartition>
    <masterLabel>main</masterLabel>
    <platformCachePartitionTypes>
        <allocatedCapacity>1</allocatedCapacity>
        <allocatedPartnerCapacity>0</allocatedPartnerCapacity>
        <allocatedPurchasedCapacity>0</allocatedPurchasedCapacity>
        <allocatedTrialCapacity>0</allocatedTrialCapacity>
        <cacheType>Organization</cacheType>
    </platformCachePartitionTypes>
</PlatformCachePartition>
`,
      'objects/Parent__mdt/Parent__mdt.object-meta.xml': `${XML}<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Parent</label>
    <pluralLabel>Parents</pluralLabel>
    <visibility>Public</visibility>
</CustomObject>
`,
      'objects/Child__mdt/Child__mdt.object-meta.xml': `${XML}<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Child</label>
    <pluralLabel>Children</pluralLabel>
    <visibility>Public</visibility>
</CustomObject>
`,
      'objects/Child__mdt/fields/Parent__c.field-meta.xml': `${XML}<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Parent__c</fullName>
    <fieldManageability>DeveloperControlled</fieldManageability>
    <label>Parent</label>
    <referenceTo>Parent__mdt</referenceTo>
    <relationshipLabel>Children</relationshipLabel>
    <relationshipName>Children</relationshipName>
    <required>false</required>
    <type>MetadataRelationship</type>
</CustomField>
`,
      'customMetadata/Parent.One.md-meta.xml': `${XML}<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>One</label>
    <protected>false</protected>
</CustomMetadata>
`,
      'customMetadata/Parent.Two.md-meta.xml': `${XML}<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Two</label>
    <protected>false</protected>
</CustomMetadata>
`,
      'customMetadata/Child.Kid.md-meta.xml': `${XML}<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
    <label>Kid</label>
    <protected>false</protected>
    <values>
        <field>Parent__c</field>
        <value xsi:type="xsd:string">One</value>
    </values>
</CustomMetadata>
`,
      'customMetadata/Child.Other.md-meta.xml': `${XML}<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
    <label>Other</label>
    <protected>false</protected>
    <values>
        <field>Parent__c</field>
        <value xsi:type="xsd:string">Two</value>
    </values>
</CustomMetadata>
`
    }
  );
  assertAllPass(org, 'EmptyTextTest', ['emptyIsNull', 'sObjectsBoundToMetadataRelationship']);
});

// Apex Developer Guide, "Testing ConnectApi Code": ConnectApi methods throw
// UnsupportedOperationException in data siloed tests and run with SeeAllData=true. There
// `ChatterUsers.getFollowings` answers a ConnectApi.FollowingPage (Apex Reference,
// "ConnectApi.FollowingPage": following, total, nextPageUrl, previousPageUrl) of what the user
// follows: the local org keeps no Chatter subscriptions, so none (apex-recipes' OrgShape detects
// SeeAllData this way).
// Apex Reference, "Crypto Class", generateDigest: SHA-512 (and `SHA512`, observed: apex-recipes'
// EncryptionRecipes digests with it and its tests pass in the scratch orgs of its CI).
test('ConnectApi.getFollowings with SeeAllData; SHA512 digests as SHA-512', async () => {
  const org = await orgWithClasses({
    FollowingsTest: `@IsTest
private class FollowingsTest {
  @IsTest(SeeAllData=true)
  static void seeAllData() {
    ConnectApi.FollowingPage page = ConnectApi.ChatterUsers.getFollowings(null, UserInfo.getUserId());
    Assert.areEqual(0, page.total);
    Assert.areEqual(0, page.following.size());
    Assert.isNull(page.nextPageUrl);
  }
  @IsTest
  static void siloed() {
    try {
      ConnectApi.ChatterUsers.getFollowings(null, UserInfo.getUserId());
      Assert.fail('expected UnsupportedOperationException');
    } catch (UnsupportedOperationException e) {
      Assert.isTrue(e.getMessage().contains('SeeAllData=true'), e.getMessage());
    }
  }
  @IsTest
  static void sha512() {
    Blob data = Blob.valueOf('Test data');
    Assert.areEqual(
      EncodingUtil.convertToHex(Crypto.generateDigest('SHA-512', data)),
      EncodingUtil.convertToHex(Crypto.generateDigest('SHA512', data))
    );
    try {
      Crypto.generateDigest('SHA384', data);
      Assert.fail('expected InvalidParameterValueException');
    } catch (InvalidParameterValueException e) {
      Assert.isTrue(e.getMessage().contains('SHA384'), e.getMessage());
    }
  }
}`
  });
  assertAllPass(org, 'FollowingsTest', ['seeAllData', 'siloed', 'sha512']);
});

// A scheduled job that Test.stopTest runs executes, but its CronTrigger stays as scheduled: the
// documented test of the Apex Scheduler checks TimesTriggered 0 and NextFireTime (Apex Developer
// Guide, "Apex Scheduler", "Testing the Apex Scheduler"); observed after stopTest on orgs
// (salesforce.stackexchange.com questions 115359 and 219731: TimesTriggered and PreviousFireTime are
// not updated). A cron expression with a year far ahead has its NextFireTime (2099 is the last year
// the expression's year field takes).
test('Test.stopTest runs a scheduled job and leaves its CronTrigger as scheduled', async () => {
  const org = await orgWithClasses({
    Nightly: `public class Nightly implements Schedulable {
  public static Integer runs = 0;
  public void execute(SchedulableContext sc) {
    runs++;
    insert new Account(Name = 'scheduled');
  }
}`,
    NightlyTest: `@IsTest
private class NightlyTest {
  @IsTest
  static void stopTestRunsIt() {
    Test.startTest();
    Id jobId = System.schedule('far', '0 0 0 28 5 ? 2099', new Nightly());
    Test.stopTest();
    Assert.areEqual(1, Nightly.runs);
    Assert.areEqual(1, [SELECT COUNT() FROM Account WHERE Name = 'scheduled']);
    CronTrigger ct = [SELECT TimesTriggered, NextFireTime, PreviousFireTime, State FROM CronTrigger WHERE Id = :jobId];
    Assert.areEqual(0, ct.TimesTriggered);
    Assert.areEqual('2099-05-28 00:00:00', String.valueOf(ct.NextFireTime));
    Assert.isNull(ct.PreviousFireTime);
    Assert.areEqual('WAITING', ct.State);
  }
}`
  });
  assertAllPass(org, 'NightlyTest', ['stopTestRunsIt']);
});

// Object Reference, "ObjectPermissions" ("Represents the enabled object permissions for the parent
// PermissionSet") and "FieldPermissions" ("Represents the enabled field permissions for the parent
// PermissionSet"): the permission sets of the source have their rows, named as the schema spells
// the object and field; a field granted no permission has no row (apex-recipes' CanTheUser reads
// FieldPermissions to tell readable from editable fields).
test('ObjectPermissions and FieldPermissions rows of the source permission sets', async () => {
  const org = await orgWithClasses(
    {
      PermRowsTest: `@IsTest
private class PermRowsTest {
  @IsTest
  static void rows() {
    Id ps = [SELECT Id FROM PermissionSet WHERE Name = 'Account_Reader'].Id;
    ObjectPermissions op = [
      SELECT SobjectType, PermissionsRead, PermissionsCreate, PermissionsEdit, PermissionsDelete
      FROM ObjectPermissions WHERE ParentId = :ps
    ];
    Assert.areEqual('Account', op.SobjectType);
    Assert.isTrue(op.PermissionsRead);
    Assert.isFalse(op.PermissionsEdit);
    Map<String, FieldPermissions> byField = new Map<String, FieldPermissions>();
    for (FieldPermissions f : [SELECT Field, SobjectType, PermissionsRead, PermissionsEdit FROM FieldPermissions WHERE ParentId = :ps]) {
      byField.put(f.Field, f);
    }
    Assert.areEqual(new Set<String>{ 'Account.Phone', 'Account.Site' }, byField.keySet());
    Assert.isTrue(byField.get('Account.Phone').PermissionsRead);
    Assert.isFalse(byField.get('Account.Phone').PermissionsEdit);
    Assert.isTrue(byField.get('Account.Site').PermissionsEdit);
    Assert.isTrue(byField.get('Account.Site').PermissionsRead);
    Assert.areEqual('Account', byField.get('Account.Site').SobjectType);
  }
}`
    },
    {},
    {
      'permissionsets/Account_Reader.permissionset-meta.xml': `${XML}<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <fieldPermissions>
        <editable>false</editable>
        <field>account.phone</field>
        <readable>true</readable>
    </fieldPermissions>
    <fieldPermissions>
        <editable>true</editable>
        <field>Account.Site</field>
        <readable>true</readable>
    </fieldPermissions>
    <fieldPermissions>
        <editable>false</editable>
        <field>Account.Fax</field>
        <readable>false</readable>
    </fieldPermissions>
    <hasActivationRequired>false</hasActivationRequired>
    <label>Account Reader</label>
    <objectPermissions>
        <allowCreate>false</allowCreate>
        <allowDelete>false</allowDelete>
        <allowEdit>false</allowEdit>
        <allowRead>true</allowRead>
        <modifyAllRecords>false</modifyAllRecords>
        <object>Account</object>
        <viewAllRecords>false</viewAllRecords>
    </objectPermissions>
</PermissionSet>
`
    }
  );
  assertAllPass(org, 'PermRowsTest', ['rows']);
});
