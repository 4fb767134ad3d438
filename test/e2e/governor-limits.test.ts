// The engine inside a real org's governor limits (issue 18), on the local org's enforcement of
// aggregate query rows, heap and cumulative callout time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newWorld, connect, count, rows } from './s2s-world.ts';

const ACCOUNTS = {
  object: 'Account',
  sequence: 10,
  fields: [{ target: 'Name' }, { target: 'Phone' }]
};

test('60,000 parked outbox rows never stop delivery: monitoring stays within 50,000 query rows', async () => {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  const { senderConnectionId } = connect(world, sales, service, { mappings: [ACCOUNTS] });
  // parked changes are kept until an admin replays or purges them: a busy org collects many
  const parked = Array.from({ length: 10_000 }, (_, i) => ({
    Connection__c: senderConnectionId,
    Object_Name__c: 'Account',
    Operation__c: 'Upsert',
    Status__c: 'Parked',
    Attempts__c: 5,
    Idempotency_Key__c: `parked-${i}`,
    Last_Error__c: 'FIELD_CUSTOM_VALIDATION_EXCEPTION: rejected by the peer'
  }));
  for (let k = 0; k < 6; k++)
    sales.insert(
      'S2S_Outbox__c',
      parked.map((p) => ({ ...p, Idempotency_Key__c: `${p.Idempotency_Key__c}-${k}` }))
    );
  assert.equal(
    count(sales, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c = 'Parked'"),
    60_000
  );

  sales.insert('Account', [{ Name: 'Fresh', Phone: '555-0100' }]);
  await world.drain();

  assert.equal(
    rows<{ Phone: string }>(service, "SELECT Phone FROM Account WHERE Name = 'Fresh'")[0]?.Phone,
    '555-0100',
    'the new change arrived'
  );
  assert.equal(
    count(sales, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c = 'Delivered'"),
    1,
    'delivered once, not rolled back by a limit after saving'
  );
  assert.equal(count(sales, "SELECT COUNT() FROM AsyncApexJob WHERE Status = 'Failed'"), 0);
  const run = sales.traces.find((t) => t.label?.includes('S2SDispatcher'));
  assert.ok(run, 'the dispatcher ran');
  assert.ok(
    (run.limits.QueryRows?.used ?? 0) < 1_000,
    `the run read few rows: ${run.limits.QueryRows?.used}`
  );
});
