// The engine inside a real org's governor limits (issue 18), on the local org's enforcement of
// aggregate query rows, heap and cumulative callout time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newWorld, connect, count, rows } from './s2s-world.ts';
import { insertPkg } from './namespace.ts';

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
    insertPkg(
      sales,
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

test('a slow peer: a run stops before the 120 s of callout time, so no callout is cut off', async () => {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  connect(world, sales, service, { mappings: [ACCOUNTS] });
  world.latency({ ms: 15_000 }); // 15 s per callout: eight fit in 120 s, ten do not
  const batch = (k: number): { Name: string; Phone: string }[] =>
    Array.from({ length: 200 }, (_, i) => ({ Name: `Slow ${k}-${i}`, Phone: '555' }));
  // ten saves before any job runs: the first queues the dispatcher, which finds all 2,000 changes
  for (let k = 0; k < 10; k++) sales.insert('Account', batch(k));
  await world.drain();

  assert.equal(count(service, "SELECT COUNT() FROM Account WHERE Name LIKE 'Slow %'"), 2_000);
  const cutOff = rows<{ Last_Error__c: string | null }>(
    sales,
    'SELECT Last_Error__c FROM S2S_Outbox__c WHERE Attempts__c > 1'
  );
  assert.deepEqual(cutOff, [], 'every change delivered at its first attempt');
  assert.equal(
    count(sales, "SELECT COUNT() FROM S2S_Audit_Log__c WHERE Stage__c = 'Retried'"),
    0,
    'no callout ran out of time'
  );
  const runs = sales.traces.filter(
    (t) => t.label?.includes('S2SDispatcher') && (t.limits.Callouts?.used ?? 0) > 0
  );
  assert.ok(runs.length >= 2, 'the work took more than one run');
  for (const r of runs)
    assert.ok((r.limits.Callouts?.used ?? 0) <= 8, 'at most 8 callouts of 15 s');
});
