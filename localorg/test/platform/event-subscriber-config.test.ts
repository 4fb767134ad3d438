// PlatformEventSubscriberConfig: an event or change-event trigger runs as the Automated Process user
// in batches of up to 2,000, unless its config names a user and a batch size (Platform Events
// Developer Guide, "Configure the User and Batch Size for Your Platform Event Trigger").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgWithClasses } from '../apex-source.ts';
import type { ApexSObject } from '../../src/runtime/values.ts';

const PROBE = {
  AccountCdcProbe:
    'trigger AccountCdcProbe on AccountChangeEvent (after insert) {\n' +
    "  insert new Contact(LastName = UserInfo.getUserName() + ' ' + Trigger.new.size());\n" +
    '}'
};

async function cdcProbeRuns(configure: boolean, fromMetadata = false): Promise<string[]> {
  const files: Record<string, string> = fromMetadata
    ? {
        'platformEventSubscriberConfigs/AccountCdcProbeConfig.platformEventSubscriberConfig-meta.xml':
          '<?xml version="1.0" encoding="UTF-8"?>\n<PlatformEventSubscriberConfig xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
          '    <batchSize>2</batchSize>\n    <masterLabel>Probe</masterLabel>\n' +
          '    <platformEventConsumer>AccountCdcProbe</platformEventConsumer>\n    <user>probe@o.example</user>\n' +
          '</PlatformEventSubscriberConfig>\n'
      }
    : {};
  const org = await orgWithClasses({}, PROBE, files);
  org.createUser({ username: 'probe@o.example' });
  if (configure)
    org.configureEventSubscriber('AccountCdcProbe', { username: 'probe@o.example', batchSize: 2 });
  org.insert('Account', [{ Name: 'A' }, { Name: 'B' }, { Name: 'C' }]);
  org.runReadyAsync();
  const contacts = org.query('SELECT LastName FROM Contact ORDER BY LastName') as ApexSObject[];
  return contacts.map((c) => String(c.raw('LastName')));
}

test('without a config the change-event trigger runs as the Automated Process user, one batch', async () => {
  assert.deepEqual(await cdcProbeRuns(false), ['autoproc@o.localorg 3']);
});

test('a config runs it as the named user, in batches of its size', async () => {
  assert.deepEqual(await cdcProbeRuns(true), ['probe@o.example 1', 'probe@o.example 2']);
});

test('the config can come from source metadata', async () => {
  assert.deepEqual(await cdcProbeRuns(false, true), ['probe@o.example 1', 'probe@o.example 2']);
});
