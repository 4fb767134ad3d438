// Standard-API mode: the Sales org has S2S Sync, the partner org has not. Sales upserts accounts into
// the partner through sObject Collections by an external Id field (Sales_Id__c), as the partner's
// integration user with only a permission set on Account; deletes follow by the partner's Ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { World } from '../../localorg/src/platform/index.ts';
import { runtimeFor } from '../../localorg/src/runner/runner.ts';
import { addOrg, connectStandardApiPeer, rows, count } from './s2s-world.ts';
import { insertPkg } from './namespace.ts';

const PARTNER_SOURCE = fileURLToPath(new URL('./fixtures/partner-org', import.meta.url));

test('a peer without the package: upserts by external Id in batches of 200, updates and deletes follow', async () => {
  const world = new World({ runtimeFactory: runtimeFor, start: '2026-11-26T00:00:00Z' });
  const sales = await addOrg(world, 'sales');
  const partner = await world.createOrg({ name: 'partner', source: [PARTNER_SOURCE] });
  connectStandardApiPeer(world, sales, partner, {
    fields: [
      { source: 'Id', target: 'Sales_Id__c' },
      { source: 'Name', target: 'Name' },
      { source: 'AccountNumber', target: 'AccountNumber' },
      { source: 'Phone', target: 'Phone' }
    ]
  });

  const ids = sales.insert(
    'Account',
    Array.from({ length: 250 }, (_, i) => ({ Name: `Partner ${i}`, AccountNumber: `P-${i}` }))
  );
  await world.drain();
  assert.equal(count(partner, 'SELECT COUNT() FROM Account'), 250, 'every account arrived');
  const upserts = world.callouts.filter((c) => c.from === 'sales');
  assert.equal(upserts.length, 2, '250 records in two sObject Collections requests (≤ 200 each)');
  assert.ok(
    upserts.every(
      (c) =>
        c.request.method === 'PATCH' &&
        c.request.endpoint.endsWith('/composite/sobjects/Account/Sales_Id__c')
    ),
    'upsert by the external Id field'
  );
  const copy = rows<{ Id: string; Sales_Id__c: string; Name: string }>(
    partner,
    "SELECT Id, Sales_Id__c, Name FROM Account WHERE AccountNumber = 'P-7'"
  )[0];
  assert.equal(copy.Sales_Id__c, ids[7], "the partner's copy carries the Sales Id");

  sales.update('Account', { Id: ids[7], Phone: '555-0107' });
  sales.delete(ids[8]);
  await world.drain();
  assert.equal(
    rows<{ Phone: string }>(partner, `SELECT Phone FROM Account WHERE Id = '${copy.Id}'`)[0].Phone,
    '555-0107',
    'the update matched the same record by its Sales Id'
  );
  assert.equal(count(partner, 'SELECT COUNT() FROM Account'), 249, 'the delete followed');
  assert.equal(
    count(sales, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c != 'Delivered'"),
    0,
    'everything delivered'
  );
  const origin = world.callouts.every(
    (c) => c.from !== 'sales' || /client=S2SSync/.test(JSON.stringify(c.request.headers))
  );
  assert.ok(origin, 'every request names its client for the partner CDC');
});

const SALES_ACCOUNT_TYPES = fileURLToPath(
  new URL('./fixtures/sales-account-types', import.meta.url)
);

test('a peer without the package: a hierarchy sent in one run, a parent it lacks never clears the lookup, record type and owner', async () => {
  const world = new World({ runtimeFactory: runtimeFor, start: '2026-11-26T00:00:00Z' });
  const sales = await addOrg(world, 'sales', [SALES_ACCOUNT_TYPES]);
  const partner = await world.createOrg({ name: 'partner', source: [PARTNER_SOURCE] });
  connectStandardApiPeer(world, sales, partner, {
    fields: [
      { source: 'Id', target: 'Sales_Id__c' },
      { source: 'Name', target: 'Name' },
      { source: 'ParentId', target: 'ParentId' },
      { source: 'RecordTypeId', target: 'RecordTypeId' },
      { source: 'OwnerId', target: 'OwnerId' }
    ],
    maxAttempts: 1,
    defaultOwnerUsername: 'integration@partner.example',
    ownerRule: 'By_Email'
  });
  assert.ok(sales.executeAnonymous('S2SScheduler.scheduleEvery(15);').success, 'sweep scheduled');
  const ada = sales.createUser({ username: 'ada@sales.example', email: 'ada@example.com' });
  const partnerAda = partner.createUser({
    username: 'ada@partner.example',
    email: 'ada@example.com'
  });
  const customer = (org: typeof sales): string =>
    rows<{ Id: string }>(
      org,
      "SELECT Id FROM RecordType WHERE SobjectType = 'Account' AND DeveloperName = 'Customer'"
    )[0].Id;
  const copyOf = (salesId: string) =>
    rows<{ Id: string; ParentId: string | null; RecordTypeId: string | null; OwnerId: string }>(
      partner,
      `SELECT Id, ParentId, RecordTypeId, OwnerId FROM Account WHERE Sales_Id__c = '${salesId}'`
    )[0];

  // three levels created before the dispatcher runs: one run, one request for all three
  const [top] = sales.insert('Account', {
    Name: 'Top',
    RecordTypeId: customer(sales),
    OwnerId: ada
  });
  const [middle] = sales.insert('Account', { Name: 'Middle', ParentId: top });
  const [bottom] = sales.insert('Account', { Name: 'Bottom', ParentId: middle });
  await world.drain();
  assert.equal(copyOf(middle).ParentId, copyOf(top).Id, 'the lookup to a parent of the same run');
  assert.equal(copyOf(bottom).ParentId, copyOf(middle).Id, 'two levels down');
  assert.equal(copyOf(top).RecordTypeId, customer(partner), 'record type by DeveloperName');
  assert.equal(copyOf(top).OwnerId, partnerAda, 'owner by email');

  // a parent the partner never received (saved while capture was off)
  const [off] = insertPkg(sales, 'S2S_Settings__c', {
    SetupOwnerId: sales.organizationId,
    Capture_Disabled__c: true
  });
  const [unsent] = sales.insert('Account', { Name: 'Never sent' });
  sales.delete(off);
  sales.update('Account', { Id: bottom, Name: 'Bottom, moved', ParentId: unsent });
  await world.drain();
  assert.equal(copyOf(unsent) !== undefined, true, 'the missing parent was pulled through');
  const waiting = rows<{ Name: string; ParentId: string }>(
    partner,
    `SELECT Name, ParentId FROM Account WHERE Id = '${copyOf(bottom).Id}'`
  )[0];
  assert.equal(waiting.Name, 'Bottom, moved', 'the other fields arrived');
  assert.equal(
    waiting.ParentId,
    copyOf(middle).Id,
    'the lookup was left as it was while the parent was unknown, never cleared'
  );
  await world.drain({ advanceClock: true, until: '2026-11-26T01:00:00Z' });
  assert.equal(copyOf(bottom).ParentId, copyOf(unsent).Id, 'set once the parent arrived');
  assert.equal(
    count(sales, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c != 'Delivered'"),
    0,
    'everything delivered, nothing parked (waiting is not a failed attempt: Max_Attempts__c = 1)'
  );
  assert.equal(count(partner, 'SELECT COUNT() FROM Account'), 4, 'nothing duplicated');
});
