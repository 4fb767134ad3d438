// npm run bench:initial-load — loads 100,000 Accounts and 100,000 Contacts that exist in a Sales org
// before their mappings (inserted with capture off) into a peer through the initial load
// (S2SLoadService.start: Batch Apex, then the peer's side) and prints one JSON line:
// {records, asyncJobs, callouts, bulkJobs, recordsPerCallout, lost, duplicates, wallMs, ...}.
// BENCH_PEER=standard (default): a partner org without the package, which takes Bulk API 2.0
// ingest jobs (upsert by Sales_Id__c); BENCH_PEER=package: a Service org with S2S Sync, which
// takes the normal envelopes. Accounts are loaded first, then contacts (their AccountId is the
// peer's Id from the crosswalk the accounts' load wrote). lost: source records with no copy in the
// peer; duplicates: peer copies beyond one per source record. Smaller runs: BENCH_ACCOUNTS=5000
// BENCH_CONTACTS=5000 (the contacts are spread evenly over the accounts).
import { fileURLToPath } from 'node:url';
import { World } from '../localorg/src/platform/index.ts';
import { runtimeFor } from '../localorg/src/runner/runner.ts';
import { addOrg, connect, count, rows } from '../test/e2e/s2s-world.ts';
import { withoutCapture } from '../test/e2e/mirror.ts';

type Org = Awaited<ReturnType<World['createOrg']>>;

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? ACCOUNTS);
const PEER = process.env.BENCH_PEER ?? 'standard';
const fixture = (name: string): string =>
  fileURLToPath(new URL(`../test/e2e/fixtures/${name}`, import.meta.url));

async function main(): Promise<void> {
  const world = new World({ runtimeFactory: runtimeFor, start: '2026-11-26T00:00:00Z' });
  const sales = await addOrg(world, 'sales', [], 'Enterprise');
  let peer: Org;
  let peerKey: { Account: string; Contact: string };
  if (PEER === 'package') {
    peer = await addOrg(world, 'service', [], 'Enterprise');
    connect(world, sales, peer, {
      mappings: [
        {
          object: 'Account',
          sequence: 10,
          fields: [{ target: 'Name' }, { target: 'AccountNumber' }]
        },
        {
          object: 'Contact',
          sequence: 20,
          fields: [{ target: 'LastName' }, { target: 'Email' }, { target: 'AccountId' }]
        }
      ]
    });
    peerKey = { Account: 'AccountNumber', Contact: 'Email' };
  } else {
    peer = await world.createOrg({
      name: 'partner',
      source: [fixture('partner-org'), fixture('partner-load')],
      edition: 'Enterprise'
    });
    standardApiConnection(world, sales, peer);
    peerKey = { Account: 'Sales_Id__c', Contact: 'Sales_Id__c' };
  }
  sales.assignPermissionSets(sales.adminUserId, ['S2S_Admin']);

  const accountIds: string[] = [];
  withoutCapture(sales, () => {
    for (let i = 0; i < ACCOUNTS; i += 200)
      accountIds.push(
        ...sales.insert(
          'Account',
          Array.from({ length: Math.min(200, ACCOUNTS - i) }, (_, k) => ({
            Name: `Bench ${i + k}`,
            AccountNumber: `BN-${i + k}`
          }))
        )
      );
    for (let j = 0; j < CONTACTS; j += 200)
      sales.insert(
        'Contact',
        Array.from({ length: Math.min(200, CONTACTS - j) }, (_, k) => {
          const n = j + k;
          return {
            LastName: `Contact ${n}`,
            Email: `c${n}@example.com`,
            AccountId: accountIds[Math.floor((n * accountIds.length) / CONTACTS)]
          };
        })
      );
  });
  const jobsBefore = count(sales, 'SELECT COUNT() FROM AsyncApexJob');
  const calloutsBefore = world.callouts.filter((c) => c.from === 'sales').length;

  const t0 = performance.now();
  for (const object of ['Account', 'Contact']) {
    const [m] = rows<{ Id: string }>(
      sales,
      `SELECT Id FROM S2S_Object_Mapping__c WHERE Source_Object__c = '${object}'`
    );
    const r = sales.executeAnonymous(`S2SLoadService.start('${m.Id}');`);
    if (!r.success) throw new Error(JSON.stringify(r));
    await world.drain({ advanceClock: true, maxSteps: 1_000_000 });
  }
  const wallMs = Math.round(performance.now() - t0);

  const runs = rows<{ Status__c: string; Bulk_Jobs__c: number; Last_Error__c: string | null }>(
    sales,
    'SELECT Status__c, Bulk_Jobs__c, Last_Error__c FROM S2S_Load_Run__c'
  );
  const records = ACCOUNTS + CONTACTS;
  const callouts = world.callouts.filter((c) => c.from === 'sales').length - calloutsBefore;
  let arrived = 0;
  let copies = 0;
  for (const object of ['Account', 'Contact'] as const) {
    const keys = keysOf(peer, object, peerKey[object]);
    copies += keys.length;
    arrived += new Set(keys).size;
  }
  const result = {
    records,
    asyncJobs: count(sales, 'SELECT COUNT() FROM AsyncApexJob') - jobsBefore,
    callouts,
    bulkJobs: runs.reduce((n, r) => n + (r.Bulk_Jobs__c ?? 0), 0),
    recordsPerCallout: callouts ? Math.round((records / callouts) * 10) / 10 : 0,
    lost: records - arrived,
    duplicates: copies - arrived,
    wallMs,
    peer: PEER,
    runs: runs.map((r) => r.Status__c),
    failedJobs: count(sales, "SELECT COUNT() FROM AsyncApexJob WHERE Status = 'Failed'"),
    parked: count(sales, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c = 'Parked'")
  };
  console.log(JSON.stringify(result));
  if (result.lost !== 0 || result.duplicates !== 0 || runs.some((r) => r.Status__c !== 'Completed'))
    process.exitCode = 1;
}

// every record's key, read in pages of 40,000 (a query from the test harness is one transaction,
// bound by the 50,000 query rows)
function keysOf(org: Org, object: string, field: string): string[] {
  const keys: string[] = [];
  let after = '';
  for (;;) {
    const page = rows<Record<string, string>>(
      org,
      `SELECT Id, ${field} FROM ${object}${after ? ` WHERE Id > '${after}'` : ''} ORDER BY Id LIMIT 40000`
    );
    for (const r of page) keys.push(r[field]);
    if (page.length < 40000) return keys;
    after = page[page.length - 1].Id;
  }
}

// sales -> partner over the standard API: accounts and contacts upserted by Sales_Id__c
function standardApiConnection(world: World, sales: Org, partner: Org): void {
  world.connect(sales, 'S2S_Peer', partner, {
    user: 'integration@partner.example',
    permissionSets: ['Partner_Sync', 'Partner_Load']
  });
  const [connection] = sales.insert('S2S_Connection__c', {
    Name: 'Partner org',
    Named_Credential__c: 'S2S_Peer',
    Direction__c: 'Outbound',
    Mode__c: 'Standard_API',
    Active__c: true,
    Peer_Org_Id__c: partner.organizationId,
    Max_Attempts__c: 5,
    Batch_Size__c: 200
  });
  const objects: [string, number, string[][]][] = [
    [
      'Account',
      10,
      [
        ['Id', 'Sales_Id__c'],
        ['Name', 'Name'],
        ['AccountNumber', 'AccountNumber']
      ]
    ],
    [
      'Contact',
      20,
      [
        ['Id', 'Sales_Id__c'],
        ['LastName', 'LastName'],
        ['Email', 'Email'],
        ['AccountId', 'AccountId']
      ]
    ]
  ];
  for (const [object, sequence, fields] of objects) {
    const [mapping] = sales.insert('S2S_Object_Mapping__c', {
      Name: `${object} to partner`,
      Connection__c: connection,
      Source_Object__c: object,
      Target_Object__c: object,
      Direction__c: 'Outbound',
      Trigger_Mode__c: 'Realtime_Trigger',
      Conflict_Policy__c: 'Source_Wins',
      Delete_Policy__c: 'Propagate',
      Match_Field__c: 'Sales_Id__c',
      Sequence__c: sequence,
      Owner_Rule__c: 'Keep_Default',
      Active__c: true
    });
    sales.insert(
      'S2S_Field_Mapping__c',
      fields.map(([source, target]) => ({
        Name: target,
        Object_Mapping__c: mapping,
        Source_Field__c: source,
        Target_Field__c: target,
        Active__c: true
      }))
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
