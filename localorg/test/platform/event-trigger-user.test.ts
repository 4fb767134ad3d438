// Who a platform event trigger runs as, and who the jobs it enqueues run as. Cited: Platform Events
// Developer Guide, "Configure the User and Batch Size for Your Platform Event Trigger with
// PlatformEventSubscriberConfig": "By default, the trigger runs as the Automated Process system user
// ... You can specify any active user in the Salesforce org"; the config names the trigger
// (platformEventConsumer) and the user by username (Metadata API, PlatformEventSubscriberConfig).
// Apex Developer Guide, "Queueable Apex": a job runs as the user who enqueued it, so a Queueable a
// configured trigger enqueues (and its callouts) runs as the configured user. The Automated Process
// user's UserType is AutomatedProcess, which is how Apex tells it apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgWithClasses } from '../apex-source.ts';
import type { ApexSObject } from '../../src/runtime/values.ts';

const EVENT = {
  'objects/Ping__e/Ping__e.object-meta.xml':
    '<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
    '    <deploymentStatus>Deployed</deploymentStatus>\n    <eventType>HighVolume</eventType>\n' +
    '    <label>Ping</label>\n    <pluralLabel>Pings</pluralLabel>\n' +
    '    <publishBehavior>PublishAfterCommit</publishBehavior>\n</CustomObject>\n',
  'objects/Ping__e/fields/Note__c.field-meta.xml':
    '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
    '    <fullName>Note__c</fullName>\n    <label>Note</label>\n    <length>40</length>\n' +
    '    <type>Text</type>\n</CustomField>\n'
};

const CONFIG = {
  'platformEventSubscriberConfigs/PingTriggerConfig.platformEventSubscriberConfig-meta.xml':
    '<?xml version="1.0" encoding="UTF-8"?>\n<PlatformEventSubscriberConfig xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
    '    <masterLabel>Ping</masterLabel>\n    <platformEventConsumer>PingTrigger</platformEventConsumer>\n' +
    '    <user>integration@o.example</user>\n</PlatformEventSubscriberConfig>\n'
};

const CLASSES = {
  PingJob:
    'public class PingJob implements Queueable {\n' +
    '  public void execute(QueueableContext context) {\n' +
    "    insert new Contact(LastName = 'job ' + UserInfo.getUserName() + ' ' + UserInfo.getUserType());\n" +
    '  }\n}'
};

const TRIGGERS = {
  PingTrigger:
    'trigger PingTrigger on Ping__e (after insert) {\n' +
    "  insert new Contact(LastName = 'trigger ' + UserInfo.getUserName() + ' ' + UserInfo.getUserType());\n" +
    '  System.enqueueJob(new PingJob());\n' +
    '}'
};

/** Publishes one Ping__e as an ordinary user; the Contacts its trigger and job wrote. */
async function ping(configured: boolean): Promise<string[]> {
  const org = await orgWithClasses(CLASSES, TRIGGERS, configured ? { ...EVENT, ...CONFIG } : EVENT);
  org.createUser({ username: 'integration@o.example' });
  org.createUser({ username: 'someone@o.example' });
  const run = org.executeAnonymous("EventBus.publish(new Ping__e(Note__c = 'x'));", {
    as: 'someone@o.example'
  });
  assert.ok(run.success, JSON.stringify(run));
  org.runReadyAsync();
  org.runReadyAsync();
  const contacts = org.query('SELECT LastName FROM Contact ORDER BY LastName') as ApexSObject[];
  return contacts.map((c) => String(c.raw('LastName')));
}

test('without a config the trigger, and the job it enqueues, run as the Automated Process user', async () => {
  assert.deepEqual(await ping(false), [
    'job autoproc@o.localorg AutomatedProcess',
    'trigger autoproc@o.localorg AutomatedProcess'
  ]);
});

test('with a config in the source both run as the user it names, not the publisher', async () => {
  assert.deepEqual(await ping(true), [
    'job integration@o.example Standard',
    'trigger integration@o.example Standard'
  ]);
});
