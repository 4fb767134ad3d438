// Scheduled capture (mapping Trigger_Mode__c = Scheduled) between two orgs: a record saved before
// the last run by a transaction that committed after it (its SystemModstamp is older than the
// watermark) still arrives, a delete arrives, and a record whose values the peer already holds is
// never sent again, however many runs read it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newWorld, connect, rows, count } from './s2s-world.ts';
import { updatePkg } from './namespace.ts';

const ACCOUNT_BY_SCHEDULE = {
  object: 'Account',
  sequence: 10,
  triggerMode: 'Scheduled',
  cron: '0 0 * * * ?',
  fields: [{ target: 'Name' }, { target: 'AccountNumber' }, { target: 'Phone' }]
};

test('scheduled capture: a late-committed edit and a delete arrive; an unchanged record is not sent again', async () => {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  connect(world, sales, service, { mappings: [ACCOUNT_BY_SCHEDULE] });
  const mappingId = rows<{ Id: string }>(sales, 'SELECT Id FROM S2S_Object_Mapping__c')[0].Id;
  const run = async (): Promise<void> => {
    sales.executeAnonymous(`System.enqueueJob(new S2SScheduledSync('${mappingId}'));`);
    await world.drain();
  };
  // callouts whose body carries a record (by its Id in this org)
  const sent = (id: string): number =>
    world.callouts.filter((c) => String(c.request.body).includes(id)).length;

  const [steady, late, doomed] = sales.insert('Account', [
    { Name: 'Steady', AccountNumber: 'S-1' },
    { Name: 'Late', AccountNumber: 'S-2' },
    { Name: 'Doomed', AccountNumber: 'S-3' }
  ]);
  await run();
  assert.equal(count(service, 'SELECT COUNT() FROM Account'), 3, 'first run sends all three');
  assert.equal(sent(steady), 1);

  // A transaction saved Late's new phone 2 minutes before the next run, but committed only after
  // that run: the run did not see it and moved the watermark past its SystemModstamp.
  world.clock.advance('10m');
  await run(); // the run that missed it
  sales.update('Account', { Id: late, Phone: '555-0180' });
  const savedAt = new Date(world.clock.now() - 2 * 60_000).toISOString();
  sales.updateSystem(late, { SystemModstamp: savedAt });
  updatePkg(sales, 'S2S_Object_Mapping__c', {
    Id: mappingId,
    Watermark__c: new Date(world.clock.now()).toISOString()
  });
  sales.delete([doomed]);
  world.clock.advance('5m');
  await run();

  assert.equal(
    rows<{ Phone: string }>(service, "SELECT Phone FROM Account WHERE AccountNumber = 'S-2'")[0]
      ?.Phone,
    '555-0180',
    'the late-committed edit arrived: the run reads back 15 minutes before its watermark'
  );
  assert.equal(
    count(service, "SELECT COUNT() FROM Account WHERE AccountNumber = 'S-3'"),
    0,
    'the delete arrived (ALL ROWS, for a record the peer holds)'
  );
  await run();
  await run();
  assert.equal(sent(steady), 1, 'Steady, unchanged, was never sent again in four more runs');
  assert.equal(sent(late), 2, 'Late was sent once more, for its edit');
  assert.equal(
    count(sales, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c != 'Delivered'"),
    0,
    'outbox quiet'
  );
});
