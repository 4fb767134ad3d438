// Change Data Capture as the capture path (mapping Trigger_Mode__c = Realtime_CDC) between two orgs
// both ways: changes travel through each org's AccountChangeEvent subscriber, changes S2S Sync
// applied are recognised by their changeOrigin (Sforce-Call-Options client=S2SSync) and never sent
// back, and a record the peer never received is sent whole even when only one field changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newWorld, connectBothWays, rows, count, subscribeCdcWithCallouts } from './s2s-world.ts';
import { updatePkg, pkg } from './namespace.ts';

const ACCOUNT_BY_CDC = {
  object: 'Account',
  sequence: 10,
  triggerMode: 'Realtime_CDC',
  fields: [{ target: 'Name' }, { target: 'AccountNumber' }, { target: 'Phone' }]
};

async function linkedByCdc() {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  connectBothWays(world, sales, service, [ACCOUNT_BY_CDC]);
  for (const org of [sales, service]) subscribeCdcWithCallouts(org);
  return { world, sales, service };
}

test('CDC both ways: changes travel through change events, and what S2S applied never echoes', async () => {
  const { world, sales, service } = await linkedByCdc();

  const [id] = sales.insert('Account', { Name: 'Via CDC', AccountNumber: 'CDC-1' });
  await world.drain();
  const copy = rows<{ Id: string; Name: string }>(
    service,
    "SELECT Id, Name FROM Account WHERE AccountNumber = 'CDC-1'"
  )[0];
  assert.equal(copy?.Name, 'Via CDC', 'the change event in Sales carried the record to Service');
  assert.deepEqual(
    world.callouts.map((c) => c.from),
    ['sales'],
    'one callout, none back: Service skipped the change event of its own S2S apply'
  );

  service.update('Account', { Id: copy.Id, Phone: '555-0142' });
  await world.drain();
  assert.equal(
    rows<{ Phone: string }>(sales, `SELECT Phone FROM Account WHERE Id = '${id}'`)[0].Phone,
    '555-0142',
    'the edit in Service flowed back through its change event'
  );
  assert.deepEqual(
    world.callouts.map((c) => c.from),
    ['sales', 'service'],
    'and Sales did not send it back again'
  );
  assert.equal(
    count(sales, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c != 'Delivered'") +
      count(service, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c != 'Delivered'"),
    0,
    'both outboxes quiet'
  );
});

test('CDC: an edit of one field of a record the peer never received sends the whole record', async () => {
  const { world, sales, service } = await linkedByCdc();
  const mapping = rows<{ Id: string }>(sales, 'SELECT Id FROM S2S_Object_Mapping__c')[0];
  updatePkg(sales, 'S2S_Object_Mapping__c', { Id: mapping.Id, Active__c: false });
  const [id] = sales.insert('Account', { Name: 'Before Sync', AccountNumber: 'CDC-2' });
  await world.drain();
  assert.equal(count(service, 'SELECT COUNT() FROM Account'), 0, 'not synced while inactive');

  updatePkg(sales, 'S2S_Object_Mapping__c', { Id: mapping.Id, Active__c: true });
  sales.update('Account', { Id: id, Phone: '555-0143' });
  await world.drain();
  const copy = rows<{ Name: string; AccountNumber: string; Phone: string }>(
    service,
    "SELECT Name, AccountNumber, Phone FROM Account WHERE AccountNumber = 'CDC-2'"
  );
  assert.deepEqual(
    copy.map(({ Name, AccountNumber, Phone }) => ({ Name, AccountNumber, Phone })),
    [{ Name: 'Before Sync', AccountNumber: 'CDC-2', Phone: '555-0143' }],
    'the peer received every mapped field, not just Phone (its insert needs Name)'
  );
});

test('CDC: a gap event (header only, no fields) still carries the edit, every mapped field of the record', async () => {
  const { world, sales, service } = await linkedByCdc();
  const [id] = sales.insert('Account', { Name: 'Gap Co', AccountNumber: 'CDC-3' });
  await world.drain();
  // under load, or on an internal error, a real org publishes a gap event instead of the change event
  sales.forceGapEvents(1);
  sales.update('Account', { Id: id, Phone: '555-0150', Name: 'Gap Co (renamed)' });
  await world.drain();
  const copy = rows<{ Name: string; Phone: string }>(
    service,
    "SELECT Name, Phone FROM Account WHERE AccountNumber = 'CDC-3'"
  );
  assert.deepEqual(
    copy.map(({ Name, Phone }) => ({ Name, Phone })),
    [{ Name: 'Gap Co (renamed)', Phone: '555-0150' }],
    'the peer converged although the event named no field'
  );
  sales.forceGapEvents(1);
  sales.delete([id]);
  await world.drain();
  assert.equal(count(service, "SELECT COUNT() FROM Account WHERE AccountNumber = 'CDC-3'"), 0);
});

test('CDC: an overflow event (object name only) reconciles the mapping, so edits it stood for arrive', async () => {
  const { world, sales, service } = await linkedByCdc();
  const [a, b] = sales.insert('Account', [
    { Name: 'Over A', AccountNumber: 'CDC-4' },
    { Name: 'Over B', AccountNumber: 'CDC-5' }
  ]);
  await world.drain();
  world.clock.advance('1m');
  sales.forceGapEvents(2, 'overflow');
  sales.update('Account', [
    { Id: a, Phone: '555-0160' },
    { Id: b, Phone: '555-0161' }
  ]);
  await world.drain();
  const phones = rows<{ AccountNumber: string; Phone: string }>(
    service,
    "SELECT AccountNumber, Phone FROM Account WHERE AccountNumber IN ('CDC-4', 'CDC-5') ORDER BY AccountNumber"
  ).map((r) => r.Phone);
  assert.deepEqual(phones, ['555-0160', '555-0161'], 'both edits reached the peer');
});

test('CDC: a batch that meets a row lock is retried by the platform (EventBus.RetryableException) and nothing is lost', async () => {
  const { world, sales, service } = await linkedByCdc();
  const [id] = sales.insert('Account', { Name: 'Locked', AccountNumber: 'CDC-6' });
  await world.drain();
  const failuresBefore = sales.eventErrors.length;
  const runs = (): number =>
    sales.traces.filter((t) => t.label === 'AccountChangeEvent trigger').length;
  const runsBefore = runs();
  // the outbox insert of the change-event trigger waits on locks held elsewhere, twice
  sales.contendRowLocks(pkg('S2S_Outbox__c'), 2);
  sales.update('Account', { Id: id, Phone: '555-0170' });
  await world.drain();
  assert.equal(
    rows<{ Phone: string }>(service, "SELECT Phone FROM Account WHERE AccountNumber = 'CDC-6'")[0]
      ?.Phone,
    '555-0170',
    'captured on the second retry and delivered'
  );
  assert.equal(runs() - runsBefore, 3, 'the batch ran three times: once and two retries');
  assert.equal(sales.eventErrors.length, failuresBefore, 'no batch failed or was dropped');
  assert.equal(sales.isEventTriggerSuspended('AccountS2SCdc'), false, 'the trigger still runs');
  assert.equal(
    count(sales, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c != 'Delivered'"),
    0,
    'outbox quiet'
  );
});

test("CDC: a merge reaches the peer as a merge, so the loser's contacts move to the winner there too", async () => {
  const { world, sales, service } = await linkedByCdc();
  const [winner, loser] = sales.insert('Account', [
    { Name: 'Winner', AccountNumber: 'CDC-M1' },
    { Name: 'Loser', AccountNumber: 'CDC-M2' }
  ]);
  await world.drain();
  const serviceLoser = rows<{ Id: string }>(
    service,
    "SELECT Id FROM Account WHERE AccountNumber = 'CDC-M2'"
  )[0].Id;
  // A contact of the loser in the service org (Contact is not synced here: only the merge moves it).
  const [contact] = service.insert('Contact', { LastName: 'Child', AccountId: serviceLoser });
  const merged = sales.executeAnonymous(
    `Account w = [SELECT Id FROM Account WHERE Id = '${winner}'];\n` +
      `Account l = [SELECT Id FROM Account WHERE Id = '${loser}'];\n` +
      'merge w l;'
  );
  assert.equal(merged.success, true, merged.exceptionMessage ?? '');
  await world.drain();
  const serviceWinner = rows<{ Id: string }>(
    service,
    "SELECT Id FROM Account WHERE AccountNumber = 'CDC-M1'"
  )[0].Id;
  assert.equal(
    rows<{ AccountId: string }>(service, `SELECT AccountId FROM Contact WHERE Id = '${contact}'`)[0]
      ?.AccountId,
    serviceWinner,
    'the contact moved to the winner: the loser was merged there, not deleted with its contacts'
  );
  assert.equal(
    rows<{ MasterRecordId: string }>(
      service,
      `SELECT MasterRecordId FROM Account WHERE Id = '${serviceLoser}' ALL ROWS`
    )[0]?.MasterRecordId,
    serviceWinner,
    'the loser went by a merge'
  );
});
