// World snapshots (world/snapshot.ts): a World saved as JSON and restored into a new process's
// World goes on syncing as the saved one would have: records and typed values as they were, new
// Ids after the saved ones, the clock at the saved time, callouts to the same peers.
// Cited: Apex Developer Guide, "Primitive Data Types" (Id, Date, Datetime, Time, Decimal, Long,
// Blob keep their types) and "Queueable Apex" (the trigger → Queueable → Named Credential callout
// path the fixture runs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexId,
  ApexTime,
  type ApexSObject
} from '../../src/runtime/values.ts';
import { World, WorldSnapshotError, type WorldSnapshot } from '../../src/platform/index.ts';
import { decodeValue, encodeValue } from '../../src/platform/world/snapshot.ts';
import { runtimeFor } from '../../src/runner/runner.ts';

const TWO_ORG = fileURLToPath(new URL('./fixtures/two-org', import.meta.url));

async function twoOrgs(start?: number): Promise<World> {
  const world = new World({ runtimeFactory: runtimeFor, start });
  await world.createOrg({ name: 'sales', source: [TWO_ORG] });
  await world.createOrg({ name: 'service', source: [TWO_ORG] });
  return world;
}

function accounts(world: World, org: string): [string, string, string | null][] {
  const rows = world
    .org(org)
    .query('SELECT Id, Name, AccountNumber FROM Account ORDER BY Name') as ApexSObject[];
  return rows.map((r) => [
    String(r.raw('Id')),
    String(r.raw('Name')),
    r.raw('AccountNumber') === null ? null : String(r.raw('AccountNumber'))
  ]);
}

test('a restored World continues syncing: records, later Ids, the clock and the connection', async () => {
  const first = await twoOrgs();
  first.connect(first.org('sales'), 'Peer', first.org('service'), {
    user: 'integration@service',
    profile: 'System Administrator'
  });
  const [acme] = first.org('sales').insert('Account', { Name: 'Acme' });
  await first.drain();
  first.clock.advance('2h');
  // Through JSON, as the demo writes it to disk and reads it in the next process.
  const saved = JSON.parse(JSON.stringify(first.snapshot())) as WorldSnapshot;

  const second = await twoOrgs(saved.clock);
  second.restore(saved);
  assert.equal(second.clock.now(), first.clock.now(), 'the clock reads the saved time');
  assert.deepEqual(accounts(second, 'sales'), accounts(first, 'sales'));
  assert.deepEqual(accounts(second, 'service'), [[accounts(first, 'service')[0][0], 'Acme', acme]]);

  // Both Worlds insert the same record next: the restored one mints the Id the saved one mints,
  // one after Acme's, and its trigger, Queueable and callout reach the restored peer.
  const [globexFirst] = first.org('sales').insert('Account', { Name: 'Globex' });
  const [globex] = second.org('sales').insert('Account', { Name: 'Globex' });
  assert.equal(globex, globexFirst, 'the Id counter continues where it was saved');
  assert.notEqual(globex, acme);
  await second.drain();
  assert.deepEqual(
    accounts(second, 'service').map(([, name, from]) => [name, from]),
    [
      ['Acme', acme],
      ['Globex', globex]
    ]
  );
  assert.equal(second.callouts.length, 1, 'the restored connection carried the new callout');
  assert.equal(second.callouts[0].to, 'service');
});

test('typed values keep their Apex types through a snapshot', () => {
  const values = [
    null,
    true,
    42,
    'text',
    12345678901234n,
    ApexDecimal.fromString('10.50'),
    new ApexId('001000000000001AAA'),
    new ApexDate(2026, 2, 28),
    new ApexDatetime(Date.UTC(2026, 0, 5, 9, 30)),
    new ApexTime(3_600_000 + 1),
    new ApexBlob(new Uint8Array([0, 1, 255]))
  ];
  for (const value of values) {
    const back = decodeValue(JSON.parse(JSON.stringify(encodeValue(value, 'test'))), 'test');
    assert.deepEqual(back, value);
    if (value instanceof ApexDecimal) assert.equal((back as ApexDecimal).toPlainString(), '10.50');
  }
});

test('a World with pending async work or a mismatched World is refused, saying why', async () => {
  const world = await twoOrgs();
  world.connect(world.org('sales'), 'Peer', world.org('service'), {
    user: 'integration@service',
    profile: 'System Administrator'
  });
  world.org('sales').insert('Account', { Name: 'Acme' });
  assert.throws(
    () => world.snapshot(),
    (e: Error) =>
      e instanceof WorldSnapshotError && /Org sales has 1 pending async job\(s\)/.test(e.message)
  );
  await world.drain();
  const saved = world.snapshot();

  const early = await twoOrgs();
  early.clock.advance('1d');
  assert.throws(() => early.restore(saved), /before this World's clock/);
  const other = new World({ runtimeFactory: runtimeFor, start: saved.clock });
  await other.createOrg({ name: 'service', source: [TWO_ORG] });
  assert.throws(() => other.restore(saved), /holds orgs sales, service; this World has service/);
  assert.throws(() => other.restore({ ...saved, version: 99 }), /version 99 is not supported/);
});
