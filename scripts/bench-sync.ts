// npm run bench:sync — syncs 10,000 Accounts and 20,000 Contacts from one local org to another
// through the real engine (triggers, outbox, Queueable dispatcher, Apex REST inbound) and prints
// one JSON line: {records, callouts, recordsPerCallout, captureSoqlPerChunk, captureDmlPerChunk,
// queueableRuns, lost, wallMs}. Smaller runs for profiling: BENCH_ACCOUNTS=1000 BENCH_CONTACTS=2000
// (the contacts are spread evenly over the accounts).
import { newWorld, connect, count } from '../test/e2e/s2s-world.ts';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 2 * ACCOUNTS);
const CHUNK = 200;

async function main(): Promise<void> {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  connect(world, sales, service, {
    mappings: [
      {
        object: 'Account',
        sequence: 10,
        fields: [{ target: 'Name' }, { target: 'AccountNumber' }, { target: 'Phone' }]
      },
      {
        object: 'Contact',
        sequence: 20,
        fields: [{ target: 'LastName' }, { target: 'Email' }, { target: 'AccountId' }]
      }
    ]
  });
  const t0 = performance.now();
  let captureSoql = 0;
  let captureDml = 0;
  // one trigger chunk per insert call: the chunk's limits are the capture cost plus the insert itself
  const measure = (fn: () => string[]): string[] => {
    const before = sales.traces.length;
    const ids = fn();
    const trace = sales.traces[before];
    captureSoql = Math.max(captureSoql, trace.limits.Queries?.used ?? 0);
    captureDml = Math.max(captureDml, (trace.limits.DMLStatements?.used ?? 0) - 1);
    return ids;
  };
  const accountIds: string[] = [];
  for (let i = 0; i < ACCOUNTS; i += CHUNK) {
    const batch = Array.from({ length: Math.min(CHUNK, ACCOUNTS - i) }, (_, k) => ({
      Name: `Bench ${i + k}`,
      AccountNumber: `BN-${i + k}`,
      Phone: '555'
    }));
    accountIds.push(...measure(() => sales.insert('Account', batch)));
  }
  const contacts = Array.from({ length: CONTACTS }, (_, j) => {
    const i = Math.floor((j * accountIds.length) / CONTACTS);
    return {
      LastName: `Contact ${i}-${j}`,
      Email: `c${i}-${j}@example.com`,
      AccountId: accountIds[i]
    };
  });
  for (let i = 0; i < contacts.length; i += CHUNK)
    measure(() => sales.insert('Contact', contacts.slice(i, i + CHUNK)));
  const captureMs = Math.round(performance.now() - t0);
  await world.drain({ maxSteps: 100_000 });
  const wallMs = Math.round(performance.now() - t0);

  const records = accountIds.length + contacts.length;
  const callouts = world.callouts.filter((c) => c.from === 'sales').length;
  const arrived =
    count(service, 'SELECT COUNT() FROM Account') + count(service, 'SELECT COUNT() FROM Contact');
  const queueableRuns = count(
    sales,
    "SELECT COUNT() FROM AsyncApexJob WHERE JobType = 'Queueable'"
  );
  const failedJobs = count(sales, "SELECT COUNT() FROM AsyncApexJob WHERE Status = 'Failed'");
  const result = {
    records,
    callouts,
    recordsPerCallout: callouts ? Math.round((records / callouts) * 10) / 10 : 0,
    captureSoqlPerChunk: captureSoql,
    captureDmlPerChunk: captureDml,
    queueableRuns,
    lost: records - arrived,
    failedJobs,
    captureMs,
    wallMs
  };
  console.log(JSON.stringify(result));
  if (result.lost !== 0 || failedJobs !== 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
