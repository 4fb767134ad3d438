// Change Data Capture as a subscriber sees it. Cited: Change Data Capture Developer Guide ("Change
// Event Header Fields", "Get Compound Fields in Change Events", "Gap Events", "Overflow Events",
// "Test Change Event Triggers"); Platform Events Developer Guide ("Retry Event Triggers with
// EventBus.RetryableException", "Test Retried Event Messages").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApexId, ApexSObject, type NativeObject } from '../../src/runtime/values.ts';
import { World } from '../../src/platform/index.ts';
import { MAX_RETRIES, changeEventFieldName } from '../../src/platform/events/bus.ts';
import { must } from '../../src/platform/util.ts';
import { PACKAGE } from './helpers.ts';
import { nativeCtx, orgWithRuntime } from './helpers.ts';

interface Header {
  entityName: string;
  recordIds: string[];
  changeType: string;
  changedFields: string[];
  nulledFields: string[];
  sequenceNumber: number;
  commitTimestamp: number;
}

const headerOf = (e: ApexSObject): Header =>
  (e.raw('ChangeEventHeader') as unknown as NativeObject<Header>).state;

async function listening(objects: string[]) {
  const world = new World({ start: '2026-03-02T10:00:00Z' });
  const org = await world.createOrg({ name: 'cdc', source: PACKAGE, apex: false });
  const seen: ApexSObject[] = [];
  for (const o of objects) org.subscribe(`${o}ChangeEvent`, (events) => seen.push(...events));
  return { world, org, seen };
}

test('compound fields are listed as CompoundField.ComponentField in changedFields and nulledFields; the compound itself is not', async () => {
  const { world, org, seen } = await listening(['Account', 'Contact', 'Lead']);
  const [account] = org.insert('Account', { Name: 'Acme', BillingCity: 'Paris', Phone: '1' });
  const [contact] = org.insert('Contact', { FirstName: 'Ada', LastName: 'King' });
  const [lead] = org.insert('Lead', { LastName: 'Hopper', Company: 'Navy', City: 'Arlington' });
  await world.drain();
  seen.length = 0;
  org.update('Account', { Id: account, BillingCity: 'Lyon', BillingStreet: '1 rue', Phone: null });
  org.update('Contact', { Id: contact, FirstName: 'Augusta' });
  org.update('Lead', { Id: lead, City: null });
  await world.drain();
  const [a, c, l] = seen.map(headerOf);
  assert.deepEqual([...a.changedFields].sort(), [
    'BillingAddress.City',
    'BillingAddress.Street',
    'LastModifiedDate',
    'Phone'
  ]);
  assert.deepEqual(a.nulledFields, ['Phone']);
  assert.deepEqual(
    c.changedFields.filter((f) => f !== 'LastModifiedDate'),
    ['Name.FirstName'],
    'a contact name component, and not Name itself'
  );
  assert.deepEqual(l.nulledFields, ['Address.City'], 'a lead address component');
  const contactSchema = must(org.schema.get('Contact'), 'Contact');
  assert.equal(
    changeEventFieldName(contactSchema, 'mailingpostalcode'),
    'MailingAddress.PostalCode'
  );
  assert.equal(changeEventFieldName(contactSchema, 'Email'), 'Email');
});

test('commitTimestamp is the commit time (ms), not the delivery time', async () => {
  const { world, org, seen } = await listening(['Account']);
  const committedAt = world.clock.now();
  org.insert('Account', { Name: 'Acme' });
  world.clock.advance('5m');
  await world.drain();
  assert.equal(headerOf(must(seen[0], 'event')).commitTimestamp, committedAt);
});

test('forceGapEvents: the next N changes arrive as GAP_ events with record Ids and no fields, then change events resume', async () => {
  const { world, org, seen } = await listening(['Account']);
  const [kept] = org.insert('Account', { Name: 'Kept' });
  await world.drain();
  seen.length = 0;
  org.forceGapEvents(3);
  const [created] = org.insert('Account', { Name: 'Gap', Phone: '1' });
  org.update('Account', { Id: kept, Phone: '2' });
  org.delete([kept]);
  org.update('Account', { Id: created, Phone: '3' });
  await world.drain();
  const headers = seen.map(headerOf);
  assert.deepEqual(
    headers.map((h) => h.changeType),
    ['GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'UPDATE']
  );
  assert.deepEqual(headers[0].recordIds, [created]);
  assert.deepEqual(headers[1].changedFields, [], 'a gap event carries no field details');
  assert.equal(headers[1].sequenceNumber, 1, 'sequenceNumber of a gap event is always 1');
  assert.equal(seen[0].raw('Name') ?? null, null, 'nor field values');
  assert.deepEqual(headers[3].changedFields, ['Phone', 'LastModifiedDate']);
  assert.throws(() => org.forceGapEvents(-1), /whole number/);
});

test('overflow (forced; a real org does so beyond 100,000 changes in a transaction): one GAP_OVERFLOW event per object, entity name only, no record Ids', async () => {
  const { world, org, seen } = await listening(['Account', 'Contact']);
  org.forceGapEvents(4, 'overflow');
  org.insert('Account', [{ Name: 'A' }, { Name: 'B' }, { Name: 'C' }]);
  org.insert('Contact', { LastName: 'D' });
  org.insert('Account', { Name: 'E' });
  await world.drain();
  const headers = seen.map(headerOf);
  assert.deepEqual(
    headers.map((h) => `${h.changeType}:${h.entityName}:${h.recordIds.length}`),
    ['GAP_OVERFLOW:Account:0', 'GAP_OVERFLOW:Contact:0', 'CREATE:Account:1'],
    'the three accounts of one transaction give one overflow event'
  );
});

test('EventBus.RetryableException: the run is rolled back and the batch is resent with TriggerContext.retries counted; after nine retries the trigger is in the error state and gets no new events', () => {
  const retriesSeen: number[] = [];
  let failUntil = 2;
  const { org } = orgWithRuntime((rt) =>
    rt.trigger('AccountCdc', 'AccountChangeEvent', ['AFTER_INSERT'], (c, o) => {
      const retries = must(o.eventContext, 'TriggerContext').retries;
      retriesSeen.push(retries);
      o.insert('Task', { Subject: `run ${retries}` });
      if (retries < failUntil) {
        const ctx = nativeCtx(o, rt);
        ctx.throwApex('EventBus.RetryableException', 'row lock');
      }
      void c;
    })
  );
  org.insert('Account', { Name: 'Acme' });
  org.runReadyAsync();
  assert.deepEqual(retriesSeen, [0, 1, 2]);
  assert.deepEqual(
    (org.query('SELECT Subject FROM Task') as ApexSObject[]).map((t) => t.raw('Subject')),
    ['run 2'],
    'the DML of the retried runs was rolled back'
  );

  retriesSeen.length = 0;
  failUntil = Infinity;
  org.insert('Account', { Name: 'Never' });
  org.runReadyAsync();
  assert.equal(retriesSeen.length, 1 + MAX_RETRIES, 'one run and nine retries');
  assert.equal(org.isEventTriggerSuspended('AccountCdc'), true);
  retriesSeen.length = 0;
  org.insert('Account', { Name: 'Later' });
  org.runReadyAsync();
  assert.deepEqual(retriesSeen, [], 'a trigger in the error state receives no new events');
  assert.match(org.eventErrors.at(-1)?.message ?? '', /error state/);
  org.resumeEventTrigger('AccountCdc');
  failUntil = 0;
  org.insert('Account', { Name: 'Resumed' });
  org.runReadyAsync();
  assert.deepEqual(retriesSeen, [0], 'running again after resume; events sent meanwhile are lost');
});

test('in a test method a retried batch waits for the next Test.getEventBus().deliver()', () => {
  const retriesSeen: number[] = [];
  const { org, rt } = orgWithRuntime((rt) =>
    rt.trigger('AccountCdc', 'AccountChangeEvent', ['AFTER_INSERT'], (_c, o) => {
      const retries = must(o.eventContext, 'TriggerContext').retries;
      retriesSeen.push(retries);
      if (retries < 1) nativeCtx(o, rt).throwApex('EventBus.RetryableException', 'again');
    })
  );
  const ctx = nativeCtx(org, rt);
  org.beginTestMethod();
  org.enableChangeDataCapture();
  org.startTest(ctx);
  const a = new ApexSObject('Account');
  a.set('Name', 'Acme');
  org.runDml({ op: 'insert', records: [a], allOrNone: true, userMode: false });
  org.stopTest(ctx);
  assert.deepEqual(retriesSeen, [0], 'delivered once at stopTest, then retried');
  org.deliverTestEvents();
  assert.deepEqual(retriesSeen, [0, 1], 'resent by deliver()');
  org.endTestMethod();
});

test('contendRowLocks: the next N statements on an object fail each record with UNABLE_TO_LOCK_ROW (allOrNone throws, partial success reports it), then DML works again', () => {
  const { org } = orgWithRuntime();
  org.contendRowLocks('Account', 2);
  assert.throws(
    () => org.insert('Account', [{ Name: 'A' }, { Name: 'B' }]),
    /UNABLE_TO_LOCK_ROW, unable to obtain exclusive access to this record or 2 records/
  );
  const ok = (): boolean => {
    const a = new ApexSObject('Account');
    a.set('Name', 'C');
    const [r] = org.withTransaction('sync', () =>
      org.runDml({ op: 'insert', records: [a], allOrNone: false, userMode: false })
    );
    return r.success || r.errors[0].statusCode !== 'UNABLE_TO_LOCK_ROW';
  };
  assert.equal(ok(), false, 'the second statement fails too, record by record');
  assert.equal(ok(), true, 'the contention is over');
  assert.equal(org.query('SELECT COUNT() FROM Account'), 1);
  assert.throws(() => org.contendRowLocks('Account', 1.5), /whole number/);
});

test('delete and undelete move SystemModstamp and LastModifiedDate ("System Fields"), so ALL ROWS finds deletions since a watermark', async () => {
  const { world, org } = await listening([]);
  const [id] = org.insert('Account', { Name: 'Acme' });
  const created = (
    org.query(`SELECT SystemModstamp FROM Account WHERE Id = '${id}'`) as ApexSObject[]
  )[0].raw('SystemModstamp');
  world.clock.advance('1h');
  const watermark = new Date(world.clock.now() - 1000).toISOString();
  org.delete([id]);
  const deleted = org.query(
    `SELECT Id, IsDeleted, SystemModstamp, LastModifiedDate FROM Account WHERE SystemModstamp >= ${watermark} ALL ROWS`
  ) as ApexSObject[];
  assert.equal(deleted.length, 1);
  assert.equal(deleted[0].raw('IsDeleted'), true);
  assert.notDeepEqual(deleted[0].raw('SystemModstamp'), created);
  assert.deepEqual(deleted[0].raw('LastModifiedDate'), deleted[0].raw('SystemModstamp'));
  world.clock.advance('1h');
  const restore = new ApexSObject('Account');
  restore.set('Id', new ApexId(id));
  org.withTransaction('sync', () =>
    org.runDml({ op: 'undelete', records: [restore], allOrNone: true, userMode: false })
  );
  const back = (
    org.query(`SELECT SystemModstamp FROM Account WHERE Id = '${id}'`) as ApexSObject[]
  )[0];
  assert.notDeepEqual(back.raw('SystemModstamp'), deleted[0].raw('SystemModstamp'));
});
