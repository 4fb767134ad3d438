// npm run bench:localorg — one JSON line: insert throughput of 10,000 Accounts through Apex
// triggers, SOQL rows/s, and the time to create a World of three orgs from the package source.
import { fileURLToPath } from 'node:url';
import { World } from '../src/platform/index.ts';
import { runtimeFor } from '../src/runner/runner.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures', import.meta.url));

async function main(): Promise<void> {
  const world = new World({ runtimeFactory: runtimeFor });
  const org = await world.createOrg({ name: 'bench', source: [fixture] });
  const diagnostics = org.runtime?.diagnostics ?? [];
  if (diagnostics.length) throw new Error(JSON.stringify(diagnostics));
  const records = Array.from({ length: 10_000 }, (_, i) => ({
    Name: `Account ${i}`,
    NumberOfEmployees: i % 500
  }));
  let t = performance.now();
  org.insert('Account', records);
  const insertMs = performance.now() - t;
  const check = org.query("SELECT COUNT() FROM Account WHERE Description LIKE 'bench %'");
  if (check !== 10_000) throw new Error(`triggers did not run on every record: ${String(check)}`);

  t = performance.now();
  let rows = 0;
  for (let i = 0; i < 20; i++) {
    const r = org.query(
      'SELECT Id, Name, Description FROM Account WHERE NumberOfEmployees >= :n ORDER BY Name LIMIT 5000',
      { n: i * 10 }
    ) as unknown[];
    rows += r.length;
  }
  const queryMs = performance.now() - t;

  t = performance.now();
  const w3 = new World({ runtimeFactory: runtimeFor });
  for (const name of ['sales', 'service', 'support'])
    await w3.createOrg({ name, source: [`${root}/force-app`, `${root}/unpackaged`] });
  const worldMs = performance.now() - t;

  const out = {
    insertRecords: 10_000,
    insertMs: Math.round(insertMs),
    insertRecordsPerSec: Math.round(10_000 / (insertMs / 1000)),
    soqlRows: rows,
    soqlRowsPerSec: Math.round(rows / (queryMs / 1000)),
    worldOfThreeOrgsMs: Math.round(worldMs)
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

await main();
