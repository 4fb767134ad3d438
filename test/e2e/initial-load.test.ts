// Initial load and backfill (docs/configuration.md, "Initial load"): records that existed before
// the mapping (or drifted with capture off) are loaded by a Batch Apex run in the sending org,
// through the normal envelopes for a package peer and Bulk API 2.0 ingest jobs for a peer without
// the package; a batch that fails stops the run and a resume continues from the cursor without
// sending anything twice; a rollback deletes what the load created in the peer and restores what
// it updated from the snapshot it took.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { World } from '../../localorg/src/platform/index.ts';
import { runtimeFor } from '../../localorg/src/runner/runner.ts';
import { addOrg, connect, connectStandardApiPeer, count, newWorld, rows } from './s2s-world.ts';
import { withoutCapture } from './mirror.ts';
import { updatePkg } from './namespace.ts';

type Org = Awaited<ReturnType<typeof newWorld>>['orgs'][string];

const PARTNER_SOURCE = fileURLToPath(new URL('./fixtures/partner-org', import.meta.url));
// the partner requires an account number (a validation rule): a record without one is refused
const PARTNER_RULES = fileURLToPath(new URL('./fixtures/service-validation', import.meta.url));

interface Run {
  Id: string;
  Name: string;
  Status__c: string;
  Delivery__c: string;
  Total__c: number;
  In_Scope__c: number;
  Queued__c: number;
  Unchanged__c: number;
  Bulk_Sent__c: number;
  Bulk_Failed__c: number;
  Bulk_Jobs__c: number;
  Deleted__c: number;
  Restored__c: number;
  Not_Rolled_Back__c: number;
  Correlation_Id__c: string;
  Last_Error__c: string | null;
}

function apex(org: Org, code: string): void {
  const r = org.executeAnonymous(code);
  assert.ok(r.success, JSON.stringify(r));
}

function lastRun(org: Org): Run {
  return rows<Run>(
    org,
    'SELECT Id, Name, Status__c, Delivery__c, Total__c, In_Scope__c, Queued__c, Unchanged__c, Bulk_Sent__c, Bulk_Failed__c, Bulk_Jobs__c, Deleted__c, Restored__c, Not_Rolled_Back__c, Correlation_Id__c, Last_Error__c FROM S2S_Load_Run__c WHERE Dry_Run__c = false ORDER BY Name DESC LIMIT 1'
  )[0];
}

function insertAll(org: Org, object: string, records: Record<string, unknown>[]): string[] {
  const ids: string[] = [];
  for (let i = 0; i < records.length; i += 200)
    ids.push(...org.insert(object, records.slice(i, i + 200)));
  return ids;
}

test('package peer: a failed batch stops the load, the resume completes it once, the rollback undoes it', async () => {
  const { world, orgs } = await newWorld(['sales', 'service'], { edition: 'Enterprise' });
  const { sales, service } = orgs;
  connect(world, sales, service, {
    mappings: [
      {
        object: 'Account',
        sequence: 10,
        fields: [{ target: 'Name' }, { target: 'AccountNumber' }, { target: 'Phone' }]
      }
    ]
  });
  // 2,100 accounts synced in real time, then all changed with capture off, and 400 created with
  // capture off: the load updates the first in the peer and creates the others
  const synced = insertAll(
    sales,
    'Account',
    Array.from({ length: 2100 }, (_, i) => ({
      Name: `Synced ${i}`,
      AccountNumber: `S-${i}`,
      Phone: 'old'
    }))
  );
  await world.drain();
  assert.equal(count(service, 'SELECT COUNT() FROM Account'), 2100, 'synced in real time');
  withoutCapture(sales, () => {
    for (let i = 0; i < synced.length; i += 200)
      sales.update(
        'Account',
        synced.slice(i, i + 200).map((Id) => ({ Id, Phone: 'new' }))
      );
    insertAll(
      sales,
      'Account',
      Array.from({ length: 400 }, (_, i) => ({
        Name: `Older ${i}`,
        AccountNumber: `O-${i}`,
        Phone: 'new'
      }))
    );
  });
  sales.assignPermissionSets(sales.adminUserId, ['S2S_Admin']);
  const mappingId = rows<{ Id: string }>(sales, 'SELECT Id FROM S2S_Object_Mapping__c')[0].Id;

  // the peer's receiving mapping is off for a moment: the first batch's snapshot is refused (403)
  const receiving = rows<{ Id: string }>(service, 'SELECT Id FROM S2S_Object_Mapping__c')[0].Id;
  updatePkg(service, 'S2S_Object_Mapping__c', { Id: receiving, Active__c: false });
  apex(sales, `S2SLoadService.start('${mappingId}');`);
  await world.drain();
  let run = lastRun(sales);
  assert.equal(run.Status__c, 'Failed', 'the second batch found the first one missing');
  assert.match(String(run.Last_Error__c), /resume/);
  assert.equal(
    count(
      sales,
      `SELECT COUNT() FROM S2S_Outbox__c WHERE Correlation_Id__c = '${run.Correlation_Id__c}'`
    ),
    0,
    'nothing queued past the failed batch'
  );

  updatePkg(service, 'S2S_Object_Mapping__c', { Id: receiving, Active__c: true });
  apex(sales, `S2SLoadService.resume('${run.Id}');`);
  await world.drain();
  run = lastRun(sales);
  assert.equal(run.Status__c, 'Completed', String(run.Last_Error__c));
  assert.equal(run.Queued__c, 2500, 'every record queued once');
  assert.equal(
    count(service, 'SELECT COUNT() FROM Account'),
    2500,
    'the 400 older accounts created'
  );
  assert.equal(
    count(service, "SELECT COUNT() FROM Account WHERE Phone = 'new'"),
    2500,
    'all updated'
  );
  assert.equal(
    count(
      sales,
      `SELECT COUNT() FROM S2S_Outbox__c WHERE Correlation_Id__c = '${run.Correlation_Id__c}' AND Status__c = 'Delivered'`
    ),
    2500,
    'delivered through the normal envelopes'
  );
  assert.equal(
    count(
      service,
      `SELECT COUNT() FROM S2S_Audit_Log__c WHERE Correlation_Id__c = '${run.Correlation_Id__c}' AND Stage__c = 'Applied'`
    ),
    2500,
    'the peer audits each change under the run'
  );

  // a second load finds everything in step: nothing is sent again
  apex(sales, `S2SLoadService.start('${mappingId}');`);
  await world.drain();
  const again = lastRun(sales);
  assert.equal(again.Unchanged__c, 2500, 'the crosswalk knows the values delivered');
  assert.equal(again.Queued__c, 0);

  apex(sales, `S2SLoadService.rollback('${run.Id}', '${run.Name}');`);
  await world.drain();
  run = rows<Run>(
    sales,
    `SELECT Id, Name, Status__c, Deleted__c, Restored__c, Not_Rolled_Back__c, Last_Error__c FROM S2S_Load_Run__c WHERE Id = '${run.Id}'`
  )[0];
  assert.equal(run.Status__c, 'Rolled_Back', String(run.Last_Error__c));
  assert.equal(run.Deleted__c, 400, 'the records the load created are deleted in the peer');
  assert.equal(run.Restored__c, 2100, 'the ones it updated get their previous values back');
  assert.equal(count(service, 'SELECT COUNT() FROM Account'), 2100);
  assert.equal(count(service, "SELECT COUNT() FROM Account WHERE Phone = 'old'"), 2100);
  assert.equal(count(sales, 'SELECT COUNT() FROM S2S_Crosswalk__c'), 2100, 'their links are gone');
  assert.equal(
    count(service, "SELECT COUNT() FROM S2S_Audit_Log__c WHERE Operation__c = 'Rollback delete'"),
    400,
    'each delete is audited in the peer'
  );
  assert.equal(
    count(sales, "SELECT COUNT() FROM Account WHERE Phone = 'new'"),
    2500,
    'the sending org is left as it is'
  );
});

test('standard-API peer: Bulk API 2.0 jobs above the threshold, a refused record parked, rollback', async () => {
  const world = new World({ runtimeFactory: runtimeFor, start: '2026-11-26T00:00:00Z' });
  const sales = await addOrg(world, 'sales', [], 'Enterprise');
  const partner = await world.createOrg({
    name: 'partner',
    source: [PARTNER_SOURCE, PARTNER_RULES]
  });
  const { mapping } = connectStandardApiPeer(world, sales, partner, {
    fields: [
      { source: 'Id', target: 'Sales_Id__c' },
      { source: 'Name', target: 'Name' },
      { source: 'AccountNumber', target: 'AccountNumber' },
      { source: 'Phone', target: 'Phone' }
    ]
  });
  const ids = withoutCapture(sales, () =>
    insertAll(
      sales,
      'Account',
      Array.from({ length: 2500 }, (_, i) => ({
        Name: `Older ${i}`,
        AccountNumber: i === 7 ? null : `P-${i}`,
        Phone: '555'
      }))
    )
  );
  sales.assignPermissionSets(sales.adminUserId, ['S2S_Admin']);

  apex(sales, `S2SLoadService.count('${mapping}');`);
  const counted = rows<{ Status__c: string; In_Scope__c: number }>(
    sales,
    'SELECT Status__c, In_Scope__c FROM S2S_Load_Run__c WHERE Dry_Run__c = true'
  )[0];
  assert.deepEqual(
    [counted.Status__c, counted.In_Scope__c],
    ['Counted', 2500],
    'the dry run counts'
  );

  apex(sales, `S2SLoadService.start('${mapping}');`);
  await world.drain({ advanceClock: true }); // the poller waits a minute between polls
  const run = lastRun(sales);
  assert.equal(run.Status__c, 'Completed', String(run.Last_Error__c));
  assert.equal(run.Delivery__c, 'Bulk_API', '2,500 records in scope: above the threshold');
  assert.equal(run.Bulk_Jobs__c, 2, 'one job per batch of 2,000');
  assert.equal(run.Bulk_Sent__c, 2500);
  assert.equal(run.Bulk_Failed__c, 1, 'the account without a number');
  const jobs = world.callouts.filter(
    (c) =>
      c.from === 'sales' &&
      c.request.method === 'POST' &&
      c.request.endpoint.endsWith('/jobs/ingest')
  );
  assert.equal(jobs.length, 2, 'two ingest jobs created');
  assert.equal(count(partner, 'SELECT COUNT() FROM Account'), 2499, 'every other account arrived');
  const parked = rows<{ Record_Id__c: string; Last_Error__c: string }>(
    sales,
    "SELECT Record_Id__c, Last_Error__c FROM S2S_Outbox__c WHERE Status__c = 'Parked'"
  );
  assert.equal(parked.length, 1, 'the refused record is parked');
  assert.equal(parked[0].Record_Id__c, ids[7]);
  assert.match(parked[0].Last_Error__c, /Bulk API job .*Service needs an account number/);
  assert.equal(
    count(sales, 'SELECT COUNT() FROM S2S_Crosswalk__c WHERE Remote_Id__c != null'),
    2499,
    'each saved record linked by the peer Id from successfulResults'
  );

  apex(sales, `S2SLoadService.rollback('${run.Id}', '${run.Name}');`);
  await world.drain({ advanceClock: true });
  const undone = rows<Run>(
    sales,
    `SELECT Id, Name, Status__c, Deleted__c, Restored__c, Not_Rolled_Back__c, Last_Error__c FROM S2S_Load_Run__c WHERE Id = '${run.Id}'`
  )[0];
  assert.equal(undone.Status__c, 'Rolled_Back', String(undone.Last_Error__c));
  assert.equal(undone.Deleted__c, 2499);
  assert.equal(count(partner, 'SELECT COUNT() FROM Account'), 0, 'the partner is back as it was');
  assert.equal(
    count(sales, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c = 'Parked'"),
    0,
    'the parked change of the load is closed with it'
  );
});
