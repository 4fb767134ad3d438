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
  type ApexSObject,
  type NativeObject
} from '../../src/runtime/values.ts';
import { World, WorldSnapshotError, type WorldSnapshot } from '../../src/platform/index.ts';
import { decodeValue, encodeValue } from '../../src/platform/world/snapshot.ts';
import { runtimeFor } from '../../src/runner/runner.ts';
import { PACKAGE } from './helpers.ts';

const TWO_ORG = fileURLToPath(new URL('./fixtures/two-org', import.meta.url));
const ASYNC = fileURLToPath(new URL('./fixtures/async-snapshot', import.meta.url));

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

test('a World with pending async work that cannot be saved or a mismatched World is refused, saying why', async () => {
  const world = new World({ runtimeFactory: runtimeFor });
  const org = await world.createOrg({ name: 'sales', source: [ASYNC] });
  const outcome = org.executeAnonymous('System.enqueueJob(new CalloutHolder());');
  assert.equal(outcome.success, true, outcome.exceptionMessage ?? '');
  assert.throws(
    () => world.snapshot(),
    (e: Error) =>
      e instanceof WorldSnapshotError &&
      e.message.startsWith(
        'Org sales: the pending Queueable "Queueable CalloutHolder" cannot be saved'
      ) &&
      /CalloutHolder \(707\w+\)\.request: a System\.HttpRequest/.test(e.message)
  );
  await world.drain();
  world.snapshot();
  const saved = (await twoOrgs()).snapshot();

  const early = await twoOrgs();
  early.clock.advance('1d');
  assert.throws(() => early.restore(saved), /before this World's clock/);
  const other = new World({ runtimeFactory: runtimeFor, start: saved.clock });
  await other.createOrg({ name: 'service', source: [TWO_ORG] });
  assert.throws(() => other.restore(saved), /holds orgs sales, service; this World has service/);
  assert.throws(() => other.restore({ ...saved, version: 99 }), /version 99 is not supported/);
});

test('a restore that fails in a later org leaves every org as it was (all or nothing)', async () => {
  const first = await twoOrgs();
  first.org('sales').insert('Account', { Name: 'Saved in sales' });
  first.org('service').insert('Account', { Name: 'Saved in service' });
  const saved = JSON.parse(JSON.stringify(first.snapshot())) as WorldSnapshot;
  // The service org's saved Account carries a value that does not decode.
  const row = saved.orgs[1].rows.find(([type]) => type === 'Account');
  assert.ok(row, 'the snapshot holds the service Account');
  row[4].Name = { Date: 'not a date' };

  const second = await twoOrgs(saved.clock);
  second.org('sales').insert('Account', { Name: 'Made before the restore' });
  await second.drain();
  assert.throws(() => second.restore(saved), /Org service, Account \w+, field Name: not a date/);
  assert.deepEqual(
    accounts(second, 'sales').map(([, name]) => name),
    ['Made before the restore'],
    'the sales org, restored before the failing one, is put back'
  );
  assert.deepEqual(accounts(second, 'service'), []);
  const [later] = second.org('sales').insert('Account', { Name: 'Made after' });
  assert.notEqual(
    String(later),
    accounts(first, 'sales')[0][0],
    'Ids continue from the org as it was, not from the half-restored counters'
  );
});

test('pending async work is saved and runs after a restore: a queued Queueable with its state, a scheduled job at its time', async () => {
  const world = new World({ runtimeFactory: runtimeFor });
  const org = await world.createOrg({ name: 'sales', source: [ASYNC] });
  const outcome = org.executeAnonymous(`
    System.enqueueJob(new Stamp('queued', new Account(Industry = 'Energy')));
    System.schedule('Nightly stamp', '0 0 2 * * ?', new NightlyStamp('nightly'));
  `);
  assert.equal(outcome.success, true, outcome.exceptionMessage ?? outcome.compileProblem ?? '');
  // Saved as a file would hold it, before anything ran.
  const saved = JSON.parse(JSON.stringify(world.snapshot())) as WorldSnapshot;
  assert.deepEqual(
    saved.orgs[0].jobs?.map((j) => [j.kind, j.label]),
    [
      ['Queueable', 'Queueable Stamp'],
      ['ScheduledApex', 'Scheduled Nightly stamp']
    ]
  );

  const restored = new World({ runtimeFactory: runtimeFor, start: saved.clock });
  const again = await restored.createOrg({ name: 'sales', source: [ASYNC] });
  restored.restore(saved);
  assert.equal(again.query('SELECT COUNT() FROM Account'), 0, 'nothing ran before the restore');
  await restored.drain();
  const stamped = again.query('SELECT Name, Industry FROM Account') as ApexSObject[];
  assert.deepEqual(
    stamped.map((a) => [a.raw('Name'), a.raw('Industry')]),
    [['queued first+second n=3 LOUD true self=true', 'Energy']],
    'the Queueable ran with its member variables as they were queued (collections, SObject, enum, a reference to itself)'
  );
  const [job] = again.query(
    "SELECT Status FROM AsyncApexJob WHERE JobType = 'Queueable'"
  ) as ApexSObject[];
  assert.equal(job.raw('Status'), 'Completed');
  // The scheduled job fires at its next time (02:00 GMT) and is scheduled again.
  await restored.drain({ advanceClock: true, until: restored.clock.now() + 86_400_000 });
  assert.equal(
    again.query("SELECT COUNT() FROM Account WHERE Name = 'nightly run'"),
    1,
    'the scheduled job ran once in the next day'
  );
  const [trigger] = again.query(
    'SELECT TimesTriggered, NextFireTime FROM CronTrigger'
  ) as ApexSObject[];
  assert.equal(trigger.raw('TimesTriggered'), 1);
  assert.ok(trigger.raw('NextFireTime'), 'its next run is scheduled');
  assert.equal(again.asyncQueue.size, 1, 'the following run is queued');
});

test('change events waiting for delivery are saved with their header and delivered after a restore (Change Data Capture)', async () => {
  const start = '2026-03-02T10:00:00Z';
  const world = new World({ start });
  const org = await world.createOrg({ name: 'cdc', source: PACKAGE, apex: false });
  org.subscribe('AccountChangeEvent', () => assert.fail('delivered before the snapshot'));
  const [id] = org.insert('Account', { Name: 'Acme' });
  const saved = JSON.parse(JSON.stringify(world.snapshot())) as WorldSnapshot;
  assert.deepEqual(
    saved.orgs[0].jobs?.map((j) => j.kind),
    ['EventDelivery']
  );

  const restored = new World({ start: saved.clock });
  const again = await restored.createOrg({ name: 'cdc', source: PACKAGE, apex: false });
  const seen: ApexSObject[] = [];
  again.subscribe('AccountChangeEvent', (events) => seen.push(...events));
  restored.restore(saved);
  await restored.drain();
  assert.equal(seen.length, 1);
  const header = (
    seen[0].raw('ChangeEventHeader') as NativeObject<{
      changeType: string;
      recordIds: string[];
      entityName: string;
    }>
  ).state;
  assert.deepEqual(
    [header.entityName, header.changeType, header.recordIds],
    ['Account', 'CREATE', [id]]
  );
  assert.equal(seen[0].raw('Name'), 'Acme');
});
