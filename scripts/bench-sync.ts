// npm run bench:sync — syncs 10,000 Accounts and 20,000 Contacts from one local org to another
// through the real engine (triggers, outbox, Queueable dispatcher, Apex REST inbound) and prints
// one JSON line: {records, callouts, recordsPerCallout, captureSoqlPerChunk, captureDmlPerChunk,
// queueableRuns, lost, wallMs, converged (every mapped value equal in both orgs), fieldVersionsBytes
// (field versions kept per record, both crosswalks), recordsPerRun and calloutSecondsPerRun (over the
// dispatcher runs that called out), dmlRowsPerChange (DML rows those runs wrote per record),
// recordingRuns (dispatcher runs that recorded delivery receipts, without callouts), latencyMs,
// crashes (dispatcher runs that died)}. Every callout
// takes BENCH_LATENCY_MS (default 300) of the World's simulated time, counted against the
// transaction's 120 s of callout time. BENCH_PAYLOAD_CHARS (default 0) adds a Description of that
// many characters to every account (10000: envelopes of 2 MB). Smaller runs for profiling:
// BENCH_ACCOUNTS=1000 BENCH_CONTACTS=2000 (the contacts are spread evenly over the accounts).
import { newWorld, connect, count, rows } from '../test/e2e/s2s-world.ts';
import { benchFiles } from './bench-sync-files.ts';

type Org = Awaited<ReturnType<typeof newWorld>>['orgs'][string];

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 2 * ACCOUNTS);
const CHUNK = 200;
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 300);
const PAYLOAD_CHARS = Number(process.env.BENCH_PAYLOAD_CHARS ?? 0);

async function main(): Promise<void> {
  // a production org (Enterprise): a Developer Edition org stops the dispatcher's chain at depth 5
  const { world, orgs } = await newWorld(['sales', 'service'], { edition: 'Enterprise' });
  const { sales, service } = orgs;
  connect(world, sales, service, {
    mappings: [
      {
        object: 'Account',
        sequence: 10,
        fields: [
          { target: 'Name' },
          { target: 'AccountNumber' },
          { target: 'Phone' },
          ...(PAYLOAD_CHARS ? [{ target: 'Description' }] : [])
        ]
      },
      {
        object: 'Contact',
        sequence: 20,
        fields: [{ target: 'LastName' }, { target: 'Email' }, { target: 'AccountId' }]
      }
    ]
  });
  world.latency(LATENCY_MS ? { ms: LATENCY_MS } : null);
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
      Phone: '555',
      ...(PAYLOAD_CHARS
        ? { Description: `${i + k} `.repeat(PAYLOAD_CHARS).slice(0, PAYLOAD_CHARS) }
        : {})
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
  const { converged, fieldVersionsBytes } = compare(sales, service);
  // dispatcher runs that called out, with the callout time each spent (the trace's callouts)
  const runs = sales.traces.filter(
    (t) => t.label.includes('S2SDispatcher') && (t.limits.Callouts?.used ?? 0) > 0
  );
  const dmlRows = runs.reduce((n, t) => n + (t.limits.DMLRows?.used ?? 0), 0);
  const recordingRuns = sales.traces.filter(
    (t) =>
      t.label.includes('S2SDispatcher') &&
      (t.limits.Callouts?.used ?? 0) === 0 &&
      (t.limits.DMLRows?.used ?? 0) > 0
  ).length;
  const calloutMs = runs.map((t) =>
    t.trace.reduce((ms, e) => ms + (e.kind === 'callout' ? (e.ms ?? 0) : 0), 0)
  );
  const crashes = count(
    sales,
    "SELECT COUNT() FROM S2S_Audit_Log__c WHERE Error__c LIKE 'Dispatcher crashed%'"
  );
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
    wallMs,
    converged,
    fieldVersionsBytes,
    latencyMs: LATENCY_MS,
    payloadChars: PAYLOAD_CHARS,
    dispatcherRuns: runs.length,
    recordsPerRun: runs.length ? Math.round(records / runs.length) : 0,
    dmlRowsPerChange: Math.round((dmlRows / records) * 100) / 100,
    recordingRuns,
    calloutSecondsPerRun: runs.length
      ? Math.round(calloutMs.reduce((a, b) => a + b, 0) / runs.length / 100) / 10
      : 0,
    crashes
  };
  console.log(JSON.stringify(result));
  if (result.lost !== 0 || failedJobs !== 0 || crashes !== 0 || !converged) process.exitCode = 1;
}

/**
 * Whether the service org holds the sales org's values for every mapped field of every record
 * (lookups through the crosswalk), and the field versions' storage per record in both crosswalks.
 */
function compare(sales: Org, service: Org): { converged: boolean; fieldVersionsBytes: number } {
  const links = rows<{
    Local_Id__c: string;
    Remote_Id__c: string;
    Field_Versions__c: string | null;
  }>(sales, 'SELECT Local_Id__c, Remote_Id__c, Field_Versions__c FROM S2S_Crosswalk__c');
  const remote = new Map(links.map((x) => [x.Local_Id__c, x.Remote_Id__c]));
  const received = rows<{ Field_Versions__c: string | null }>(
    service,
    'SELECT Field_Versions__c FROM S2S_Crosswalk__c'
  );
  const bytes = [...links, ...received].reduce((n, x) => n + (x.Field_Versions__c ?? '').length, 0);
  const same = (soql: string, fields: string[], lookup?: string): boolean => {
    const there = new Map(
      rows<Record<string, unknown>>(service, soql).map((r) => [String(r.Id), r])
    );
    return rows<Record<string, unknown>>(sales, soql).every((r) => {
      const copy = there.get(remote.get(String(r.Id)) ?? '');
      return (
        !!copy &&
        fields.every((f) => (r[f] ?? null) === (copy[f] ?? null)) &&
        (!lookup || (remote.get(String(r[lookup])) ?? null) === (copy[lookup] ?? null))
      );
    });
  };
  const converged =
    same('SELECT Id, Name, AccountNumber, Phone FROM Account', [
      'Name',
      'AccountNumber',
      'Phone'
    ]) &&
    same('SELECT Id, LastName, Email, AccountId FROM Contact', ['LastName', 'Email'], 'AccountId');
  return { converged, fieldVersionsBytes: Math.round(bytes / links.length) };
}

// `npm run bench:sync -- --files`: the files variant (scripts/bench-sync-files.ts)
(process.argv.includes('--files') ? benchFiles() : main()).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
