// Apex publish callbacks (issue 14, item 6: apex-recipes' PlatformEventRecipes). Cited: Apex
// Reference, "EventBus Class" (publish(event, callback), publish(events, callback)),
// "EventPublishSuccessCallback Interface", "EventPublishFailureCallback Interface", "SuccessResult
// Interface", "FailureResult Interface", "TestBroker Class" (deliver(), fail()); Platform Events
// Developer Guide, "Create an Event with an EventUuid Field" (newSObject(null, true) sets EventUuid),
// "Test Apex Publish Callbacks" (fail() fails the events published so far and runs onFailure; events
// delivered by deliver() or Test.stopTest() run onSuccess), "Callback Running User and Debug Logs"
// (a callback runs as the Automated Process user). Before: the interfaces were unknown, so a class
// implementing them failed to compile and every test reaching it failed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgWithClasses } from '../apex-source.ts';

const EVENT_OBJECT = `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <deploymentStatus>Deployed</deploymentStatus>
    <eventType>HighVolume</eventType>
    <label>Ping</label>
    <pluralLabel>Pings</pluralLabel>
    <publishBehavior>PublishImmediately</publishBehavior>
</CustomObject>
`;

const CALLBACK = `public class PingCallback implements EventBus.EventPublishSuccessCallback, EventBus.EventPublishFailureCallback {
  public static List<String> succeeded = new List<String>();
  public static List<String> failed = new List<String>();
  public static String runningUser;
  public void onSuccess(EventBus.SuccessResult result) {
    succeeded.addAll(result.getEventUuids());
    runningUser = UserInfo.getUserName();
  }
  public void onFailure(EventBus.FailureResult result) {
    failed.addAll(result.getEventUuids());
  }
}`;

const FAILURE_ONLY = `public class PingFailureOnly implements EventBus.EventPublishFailureCallback {
  public static Integer calls = 0;
  public void onFailure(EventBus.FailureResult result) {
    calls++;
  }
}`;

const TESTS = `@IsTest
private class PublishCallbackTest {
  static Ping__e ping() {
    return (Ping__e) Ping__e.SObjectType.newSObject(null, true);
  }

  @IsTest
  static void newSObjectWithDefaultsHasAnEventUuid() {
    Ping__e withUuid = ping();
    Assert.isNotNull(withUuid.EventUuid);
    Assert.areEqual(36, withUuid.EventUuid.length());
    Assert.isNull(new Ping__e().EventUuid, 'new Ping__e() has no EventUuid');
  }

  @IsTest
  static void deliveredEventsRunOnSuccessWithTheirUuids() {
    Ping__e a = ping();
    Ping__e b = ping();
    Test.startTest();
    List<Database.SaveResult> results = EventBus.publish(new List<Ping__e>{ a, b }, new PingCallback());
    Assert.areEqual(2, results.size());
    Assert.isTrue(results[0].isSuccess());
    Assert.areEqual(0, PingCallback.succeeded.size(), 'nothing before delivery');
    Test.stopTest();
    Assert.areEqual(new List<String>{ a.EventUuid, b.EventUuid }, PingCallback.succeeded);
    Assert.areEqual(0, PingCallback.failed.size());
    Assert.areEqual('autoproc', PingCallback.runningUser.substringBefore('@'));
  }

  @IsTest
  static void failRunsOnFailureAndDeliversNothing() {
    Ping__e a = ping();
    Test.startTest();
    Database.SaveResult result = EventBus.publish(a, new PingCallback());
    Assert.isTrue(result.isSuccess());
    Test.getEventBus().fail();
    Assert.areEqual(new List<String>{ a.EventUuid }, PingCallback.failed);
    Test.stopTest();
    Assert.areEqual(0, PingCallback.succeeded.size(), 'a failed event is not delivered');
  }

  @IsTest
  static void aFailureCallbackIsNotCalledOnSuccess() {
    Test.startTest();
    EventBus.publish(ping(), new PingFailureOnly());
    Test.getEventBus().deliver();
    Test.stopTest();
    Assert.areEqual(0, PingFailureOnly.calls);
  }
}`;

test('EventBus.publish with a callback: onSuccess on delivery, onFailure on Test.getEventBus().fail()', async () => {
  const org = await orgWithClasses(
    { PingCallback: CALLBACK, PingFailureOnly: FAILURE_ONLY, PublishCallbackTest: TESTS },
    {},
    { 'objects/Ping__e/Ping__e.object-meta.xml': EVENT_OBJECT }
  );
  assert.deepEqual(org.runtime?.diagnostics, []);
  for (const m of [
    'newSObjectWithDefaultsHasAnEventUuid',
    'deliveredEventsRunOnSuccessWithTheirUuids',
    'failRunsOnFailureAndDeliversNothing',
    'aFailureCallbackIsNotCalledOnSuccess'
  ]) {
    const r = org.runtime?.runTest('PublishCallbackTest', m);
    assert.equal(r?.outcome, 'Pass', `${m}: ${r?.message ?? ''}\n${r?.stackTrace ?? ''}`);
  }
});
