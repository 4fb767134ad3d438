// Source shapes public projects use that the platform accepts (issue 14, item 1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgWithClasses } from '../apex-source.ts';

// Apex Developer Guide, "Triggers": a trigger body is a block of statements; a declaration with a
// qualified generic type (`List<Schema.Account> rows = ...;`) at its top is a local variable (the
// grammar reads it as a field declaration; before, the whole trigger was left out as unsupported).
test('a local variable declared at the top of a trigger body', async () => {
  const org = await orgWithClasses(
    {
      TriggerLocalTest: `@IsTest
private class TriggerLocalTest {
  @IsTest
  static void runs() {
    insert new Account(Name = 'a');
    Assert.areEqual('a!', [SELECT Description FROM Account].Description);
    // Object Reference, ApexClass and ApexTrigger: the setup rows carry the source in Body.
    ApexClass self = [SELECT Body FROM ApexClass WHERE Name = 'TriggerLocalTest'];
    Assert.isTrue(self.Body.contains('private class TriggerLocalTest'));
    ApexTrigger trg = [SELECT Body, TableEnumOrId FROM ApexTrigger WHERE Name = 'AccountLocal'];
    Assert.areEqual('Account', trg.TableEnumOrId);
    Assert.isTrue(trg.Body.startsWith('trigger AccountLocal'));
  }
}`
    },
    {
      AccountLocal: `trigger AccountLocal on Account(before insert) {
  List<Schema.Account> rows = Trigger.new;
  final String suffix = '!';
  for (Schema.Account a : rows) {
    a.Description = a.Name + suffix;
  }
}`
    }
  );
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('TriggerLocalTest', 'runs');
  assert.equal(r?.outcome, 'Pass', r?.message ?? '');
});

// Apex Developer Guide, "Namespace Prefix" / "Name Resolution": a class of the org may take the name of
// a System type (a top-level `DmlException`); unqualified references then reach the org's class, and
// `System.DmlException` still names the platform's (before: "Duplicate type name").
test('a class named like a built-in exception shadows it', async () => {
  const org = await orgWithClasses({
    DmlException: `public interface DmlException {}`,
    ShadowTest: `@IsTest
private class ShadowTest {
  class Marker implements DmlException {}
  @IsTest
  static void qualified() {
    Object m = new Marker();
    Assert.isTrue(m instanceof DmlException);
    try {
      insert new Account();
      Assert.fail('Name is required');
    } catch (System.DmlException e) {
      Assert.isTrue(e.getMessage().contains('REQUIRED_FIELD_MISSING'), e.getMessage());
    }
  }
}`
  });
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('ShadowTest', 'qualified');
  assert.equal(r?.outcome, 'Pass', r?.message ?? '');
});

const EVENT_OBJECT = `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <deploymentStatus>Deployed</deploymentStatus>
    <eventType>HighVolume</eventType>
    <label>Ping</label>
    <pluralLabel>Pings</pluralLabel>
    <publishBehavior>PublishImmediately</publishBehavior>
</CustomObject>
`;

// Apex Reference, "EventBus Class": publish(event) returns a Database.SaveResult, publish(events) a
// List<Database.SaveResult>, also as System.EventBus (before: the list overload crashed with a
// JavaScript TypeError). "Search Class": Search.query(sosl) runs dynamic SOSL. "Quiddity Enum".
test('EventBus.publish of a list, System.EventBus, Search.query, Quiddity', async () => {
  const org = await orgWithClasses(
    {
      PublishTest: `@IsTest
private class PublishTest {
  @IsTest
  static void publishes() {
    List<Database.SaveResult> many = EventBus.publish(new List<SObject>{ new Ping__e(), new Ping__e() });
    Assert.areEqual(2, many.size());
    Assert.isTrue(many[1].isSuccess());
    Database.SaveResult one = System.EventBus.publish(new Ping__e());
    Assert.isTrue(one.isSuccess());
    List<Database.SaveResult> typed = System.EventBus.publish(new List<Ping__e>{ new Ping__e() });
    Assert.areEqual(1, typed.size());
  }
  @IsTest
  static void searches() {
    insert new Account(Name = 'Findme');
    Test.setFixedSearchResults(new List<Id>{ [SELECT Id FROM Account].Id });
    List<List<SObject>> found = Search.query('FIND \\'Findme\\' IN ALL FIELDS RETURNING Account(Name)');
    Assert.areEqual(1, found.size());
    Assert.areEqual('Findme', ((Account) found[0][0]).Name);
    Assert.areEqual(System.Quiddity.RUNTEST_SYNC, Request.getCurrent().getQuiddity());
    Assert.areNotEqual(System.Quiddity.UNDEFINED, Request.getCurrent().getQuiddity());
  }
}`
    },
    {},
    { 'objects/Ping__e/Ping__e.object-meta.xml': EVENT_OBJECT }
  );
  assert.deepEqual(org.runtime?.diagnostics, []);
  for (const m of ['publishes', 'searches']) {
    const r = org.runtime?.runTest('PublishTest', m);
    assert.equal(r?.outcome, 'Pass', `${m}: ${r?.message ?? ''}`);
  }
});

// Apex Reference, "Interview Class": code naming Flow.Interview compiles; the local org runs no flows,
// so creating an interview fails the test that reaches it, loudly and by name.
test('Flow.Interview compiles and fails loudly when a test reaches it', async () => {
  const org = await orgWithClasses({
    FlowUser: `public class FlowUser {
  public static Object run() {
    Flow.Interview i = Flow.Interview.createInterview('My_Flow', new Map<String, Object>());
    i.start();
    return i.getVariableValue('out');
  }
}`,
    FlowTest: `@IsTest
private class FlowTest {
  @IsTest
  static void runs() {
    try {
      FlowUser.run();
    } catch (Exception e) {
      Assert.fail('not an Apex exception: ' + e);
    }
  }
}`
  });
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('FlowTest', 'runs');
  assert.equal(r?.outcome, 'Fail');
  assert.match(
    r?.message ?? '',
    /Unsupported by the local org: Flow\.Interview\.createInterview\('My_Flow'\)/
  );
});

// Apex Reference, "Action Class" (Invocable namespace): invoking a flow the org's source defines
// fails loudly (the local org runs no flows) instead of answering like an unknown action.
test('Invocable.Action.invoke() of a flow of the source fails loudly', async () => {
  const org = await orgWithClasses(
    {
      InvokeTest: `@IsTest
private class InvokeTest {
  @IsTest
  static void invokes() {
    Invocable.Action.createCustomAction('flow', 'Real_Flow').invoke();
  }
}`
    },
    {},
    {
      'flows/Real_Flow.flow-meta.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<Flow xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Real Flow</label>\n    <processType>AutoLaunchedFlow</processType>\n    <status>Active</status>\n</Flow>\n'
    }
  );
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('InvokeTest', 'invokes');
  assert.equal(r?.outcome, 'Fail');
  assert.match(
    r?.message ?? '',
    /Unsupported by the local org: Invocable\.Action\.invoke\(\) of flow Real_Flow/
  );
});

// Apex Developer Guide, "Namespace Prefix" / "Name Resolution": `Schema.User` names the standard
// object even where the org has a class called `User` (unqualified `User` is then the class).
test('Schema.X names the SObject where a class of the org is called X', async () => {
  const org = await orgWithClasses({
    User: `public class User {}`,
    Profile: `public class Profile {}`,
    SchemaTest: `@IsTest
private class SchemaTest {
  @IsTest
  static void qualified() {
    Schema.User u = new Schema.User(Id = UserInfo.getUserId(), ProfileId = UserInfo.getProfileId());
    Assert.areEqual(UserInfo.getUserId(), u.Id);
    List<Schema.User> rows = [SELECT Id FROM User WHERE Id = :UserInfo.getUserId()];
    Assert.areEqual(1, rows.size());
    Assert.areEqual('User', Schema.User.SObjectType.toString());
    Object mine = new User();
    Assert.isFalse(mine instanceof Schema.User);
    Schema.User withProfile = [SELECT Profile.Name FROM User WHERE Id = :UserInfo.getUserId()];
    Assert.isNotNull(withProfile.Profile.Name, 'a related Profile while a class Profile exists');
  }
}`
  });
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('SchemaTest', 'qualified');
  assert.equal(r?.outcome, 'Pass', r?.message ?? '');
});

// Apex Reference, "DescribeFieldResult Class": getDefaultValue() of a checkbox is a Boolean.
test('a checkbox default value describes as a Boolean', async () => {
  const org = await orgWithClasses(
    {
      DefaultTest: `@IsTest
private class DefaultTest {
  @IsTest
  static void describes() {
    Object d = Flag__c.On__c.getDescribe().getDefaultValue();
    Assert.isTrue(d instanceof Boolean);
    Assert.isFalse((Boolean) d);
  }
}`
    },
    {},
    {
      'objects/Flag__c/Flag__c.object-meta.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Flag</label>\n    <pluralLabel>Flags</pluralLabel>\n    <nameField><label>Name</label><type>Text</type></nameField>\n    <deploymentStatus>Deployed</deploymentStatus>\n    <sharingModel>ReadWrite</sharingModel>\n</CustomObject>\n',
      'objects/Flag__c/fields/On__c.field-meta.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>On__c</fullName>\n    <defaultValue>false</defaultValue>\n    <label>On</label>\n    <type>Checkbox</type>\n</CustomField>\n'
    }
  );
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('DefaultTest', 'describes');
  assert.equal(r?.outcome, 'Pass', r?.message ?? '');
});

// Apex Developer Guide, "Testing ConnectApi Code": ConnectApi is refused in data siloed tests with
// System.UnsupportedOperationException; a SeeAllData=true test would reach Chatter, which the local
// org does not have: that fails loudly instead (except ChatterUsers.getFollowings, an empty page:
// fidelity-pass6.test.ts).
test('ConnectApi: data siloed tests get UnsupportedOperationException, SeeAllData tests fail loudly', async () => {
  const org = await orgWithClasses({
    ChatterTest: `@IsTest
private class ChatterTest {
  static Boolean siloed() {
    try {
      ConnectApi.ChatterUsers.getFollowings(null, String.valueOf(UserInfo.getUserId()));
      return false;
    } catch (UnsupportedOperationException e) {
      return true;
    }
  }
  @IsTest
  static void siloedTest() {
    Assert.isTrue(siloed());
  }
  @IsTest(SeeAllData=true)
  static void seeAllDataTest() {
    ConnectApi.ChatterUsers.getUser(null, String.valueOf(UserInfo.getUserId()));
  }
}`
  });
  assert.deepEqual(org.runtime?.diagnostics, []);
  assert.equal(org.runtime?.runTest('ChatterTest', 'siloedTest').outcome, 'Pass');
  const r = org.runtime?.runTest('ChatterTest', 'seeAllDataTest');
  assert.equal(r?.outcome, 'Fail');
  assert.match(r?.message ?? '', /Unsupported by the local org: ConnectApi\.ChatterUsers\.getUser/);
});
