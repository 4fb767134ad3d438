// npm run bench:reconcile — reconciliation by digests between two local orgs holding 100,000 linked
// Accounts each (a bidirectional Latest_Wins link), with 0.1 % drift made outside S2S Sync: values
// changed with capture off in both orgs, records deleted in each with capture off, records created
// in each and never linked. One reconciliation started in one org must find and repair all of it.
// Prints one JSON line: {records, drift, driftFound, driftRepaired, callouts, soqlRowsMax,
// heapHighWater, wallMs, converged, ...}: soqlRowsMax and heapHighWater are the highest
// Limits.getQueryRows() and Limits.getHeapSize() measured in the Apex of any reconciliation
// transaction, in either org (a run of the reconciler, or a request its peer answered); callouts are
// the reconciliation's own; wallMs runs from the start until every repair is delivered (the clock
// moved by up to an hour, so the sweep runs every 15 minutes); converged is checked from outside
// the engine (test/e2e/mirror.ts).
// Smaller runs: BENCH_RECORDS=10000.
import { newWorld, connectBothWays, count, rows } from '../test/e2e/s2s-world.ts';
import { divergences, reconciliations, withoutCapture } from '../test/e2e/mirror.ts';

type Org = Awaited<ReturnType<typeof newWorld>>['orgs'][string];

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const DRIFT = Math.max(6, Math.round(RECORDS / 1000)); // 0.1 %
const INSERT_CHUNK = 2000;

// A small seeded generator, so every run drifts the same records.
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function insertAccounts(org: Org, prefix: string, from: number, to: number): string[] {
  const ids: string[] = [];
  for (let i = from; i < to; i += INSERT_CHUNK) {
    const batch = Array.from({ length: Math.min(INSERT_CHUNK, to - i) }, (_, k) => ({
      Name: `Bench ${i + k}`,
      AccountNumber: `${prefix}-${i + k}`,
      Phone: '555'
    }));
    ids.push(...org.insert('Account', batch));
  }
  return ids;
}

/** The two crosswalk rows of each pair, as the pipeline leaves them once it delivered a record. */
function link(org: Org, connectionId: string, local: string[], remote: string[]): void {
  for (let i = 0; i < local.length; i += 10_000) {
    org.insert(
      'S2S_Crosswalk__c',
      local.slice(i, i + 10_000).map((l, k) => ({
        Connection__c: connectionId,
        Object_Name__c: 'Account',
        Local_Id__c: l,
        Remote_Id__c: remote[i + k],
        Key__c: `${connectionId}:${l}`,
        Remote_Key__c: `${connectionId}:${remote[i + k]}`
      }))
    );
  }
}

async function main(): Promise<void> {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  const { senderConnectionId, receiverConnectionId } = connectBothWays(world, sales, service, [
    {
      object: 'Account',
      sequence: 10,
      conflictPolicy: 'Latest_Wins',
      fields: [{ target: 'Name' }, { target: 'AccountNumber' }, { target: 'Phone' }]
    }
  ]);
  for (const org of [sales, service]) {
    org.assignPermissionSets(org.userIdByUsername(`integration@${org.name}.example`), [
      'S2S_Test_Callouts'
    ]);
  }
  sales.assignPermissionSets(sales.adminUserId, ['S2S_Admin']);
  // as in any org running S2S Sync, the periodic sweep starts the dispatchers a Queueable chain
  // could not start itself (a Developer Edition org stops a chain at a depth of 5)
  for (const org of [sales, service]) {
    const swept = org.executeAnonymous('S2SScheduler.scheduleEvery(15);');
    if (!swept.success) throw new Error(JSON.stringify(swept));
  }

  // 100,000 pairs in step: the same values in both orgs, linked in both crosswalks
  const t0 = performance.now();
  const here = withoutCapture(sales, () => insertAccounts(sales, 'BN', 0, RECORDS));
  const there = withoutCapture(service, () => insertAccounts(service, 'BN', 0, RECORDS));
  link(sales, senderConnectionId, here, there);
  link(service, receiverConnectionId, there, here);
  const setupMs = Math.round(performance.now() - t0);

  // 0.1 % drift made outside S2S Sync, spread over the key space, a minute later
  world.clock.advance('1m');
  const random = prng(11);
  const picked = new Set<number>();
  const pick = (): number => {
    for (;;) {
      const i = Math.floor(random() * RECORDS);
      if (!picked.has(i)) {
        picked.add(i);
        return i;
      }
    }
  };
  const share = Math.floor(DRIFT / 10);
  const changes = (DRIFT - 4 * share) / 2;
  withoutCapture(sales, () => {
    sales.update(
      'Account',
      Array.from({ length: Math.ceil(changes) }, () => ({ Id: here[pick()], Phone: 'drift' }))
    );
    sales.delete(Array.from({ length: share }, () => here[pick()]));
    insertAccounts(sales, 'SO', 0, share);
  });
  withoutCapture(service, () => {
    service.update(
      'Account',
      Array.from({ length: Math.floor(changes) }, () => ({ Id: there[pick()], Name: 'Drift' }))
    );
    service.delete(Array.from({ length: share }, () => there[pick()]));
    insertAccounts(service, 'VO', 0, share);
  });

  // one reconciliation, started by the sales org's admin, then the repairs delivered
  const mappingId = rows<{ Id: string }>(
    sales,
    "SELECT Id FROM S2S_Object_Mapping__c WHERE Source_Object__c = 'Account'"
  )[0].Id;
  const t1 = performance.now();
  const started = sales.executeAnonymous(`S2SReconciler.start('${mappingId}');`);
  if (!started.success) throw new Error(JSON.stringify(started));
  await world.drain({
    maxSteps: 100_000,
    advanceClock: true,
    until: world.clock.now() + 3_600_000
  });
  const wallMs = Math.round(performance.now() - t1);

  const [summary] = reconciliations(sales);
  const n = (k: string): number => Number(summary[k] ?? 0);
  const diverged = divergences(sales, service, [
    { object: 'Account', fields: ['Name', 'AccountNumber', 'Phone'] }
  ]);
  const failedJobs =
    count(sales, "SELECT COUNT() FROM AsyncApexJob WHERE Status = 'Failed'") +
    count(service, "SELECT COUNT() FROM AsyncApexJob WHERE Status = 'Failed'");
  const result = {
    records: n('records'),
    drift: DRIFT,
    driftFound: n('driftFound'),
    driftRepaired: n('driftRepaired'),
    callouts: n('callouts'),
    soqlRowsMax: Math.max(n('soqlRowsMax'), n('peerSoqlRowsMax')),
    heapHighWater: Math.max(n('heapHighWater'), n('peerHeapHighWater')),
    wallMs,
    converged: diverged.length === 0,
    runs: n('runs'),
    differing: n('differing'),
    missingInPeer: n('missingInPeer'),
    missingHere: n('missingHere'),
    failedJobs,
    setupMs
  };
  console.log(JSON.stringify(result));
  if (diverged.length || result.driftFound !== DRIFT) {
    console.error([String(summary.text), ...diverged].join('\n'));
    for (const org of [sales, service])
      console.error(
        org.name,
        JSON.stringify(
          rows(
            org,
            "SELECT Status__c, Operation__c, Last_Error__c, Attempts__c, Next_Attempt_At__c FROM S2S_Outbox__c WHERE Status__c != 'Delivered' LIMIT 20"
          )
        ),
        JSON.stringify(
          rows(org, 'SELECT CronJobDetail.Name, NextFireTime FROM CronTrigger LIMIT 5')
        )
      );
  }
  if (
    !result.converged ||
    result.driftFound !== DRIFT ||
    result.driftRepaired !== DRIFT ||
    result.soqlRowsMax >= 50_000 ||
    result.heapHighWater >= 12_000_000 ||
    failedJobs
  )
    process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
