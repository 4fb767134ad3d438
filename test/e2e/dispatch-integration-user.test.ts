// Dispatch as one integration user (issue 12 item 7): with S2S_Settings__c.Dispatch_Through_Event__c
// set and a PlatformEventSubscriberConfig naming the integration user for S2SDispatchTrigger, a
// change made by an ordinary user (who has no principal access to the External Credential) is
// delivered by callouts that run as the integration user: the sender's Sent audit entry names that
// user, the peer has the record. Without the setting the same user's change cannot be sent ("We
// couldn't access the credential(s)"), and without the config the trigger, as the Automated Process
// user, sends nothing and says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newWorld, connect, count, rows } from './s2s-world.ts';
import { insertPkg } from './namespace.ts';

type Org = Awaited<ReturnType<typeof newWorld>>['orgs'][string];

async function linked(opts: { throughEvent: boolean; configured: boolean }) {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  connect(world, sales, service, {
    mappings: [
      { object: 'Account', sequence: 10, fields: [{ target: 'Name' }, { target: 'Phone' }] }
    ]
  });
  if (opts.throughEvent)
    insertPkg(sales, 'S2S_Settings__c', {
      SetupOwnerId: sales.organizationId,
      Dispatch_Through_Event__c: true
    });
  // the one user who calls out: principal access to the peer's External Credential
  const dispatcher = sales.createUser({
    username: 'dispatch@sales.example',
    permissionSets: ['S2S_Test_Callouts']
  });
  if (opts.configured)
    sales.configureEventSubscriber('S2SDispatchTrigger', { username: 'dispatch@sales.example' });
  // an ordinary user: edits accounts, no access to the credential
  const clerk = sales.createUser({ username: 'clerk@sales.example' });
  return { world, sales, service, dispatcher, clerk };
}

function insertAs(org: Org, username: string, name: string): void {
  const run = org.executeAnonymous(`insert new Account(Name = '${name}', Phone = '555-0100');`, {
    as: username
  });
  assert.ok(run.success, JSON.stringify(run));
}

test('a change by an ordinary user is sent by callouts running as the integration user', async () => {
  const { world, sales, service, dispatcher, clerk } = await linked({
    throughEvent: true,
    configured: true
  });
  insertAs(sales, 'clerk@sales.example', 'Globex');
  await world.drain();

  assert.equal(count(service, "SELECT COUNT() FROM Account WHERE Name = 'Globex'"), 1, 'arrived');
  const entry = rows<{ CreatedById: string; Status__c: string }>(
    sales,
    'SELECT CreatedById, Status__c FROM S2S_Outbox__c'
  );
  assert.deepEqual(
    entry.map((e) => [e.CreatedById, e.Status__c]),
    [[clerk, 'Delivered']],
    'queued by the clerk, delivered'
  );
  const sent = rows<{ Acting_User__c: string }>(
    sales,
    "SELECT Acting_User__c FROM S2S_Audit_Log__c WHERE Stage__c = 'Sent'"
  );
  assert.deepEqual(
    sent.map((s) => s.Acting_User__c),
    [dispatcher],
    'the callout ran as the integration user'
  );
  const jobs = rows<{ CreatedById: string }>(
    sales,
    "SELECT CreatedById FROM AsyncApexJob WHERE JobType = 'Queueable'"
  );
  assert.ok(
    jobs.length > 0 && jobs.every((j) => j.CreatedById === dispatcher),
    `every dispatcher run is the integration user's: ${JSON.stringify(jobs)}`
  );
});

test('without the setting the same change needs the clerk to reach the credential', async () => {
  const { world, sales, service } = await linked({ throughEvent: false, configured: true });
  insertAs(sales, 'clerk@sales.example', 'Initech');
  await world.drain();

  assert.equal(count(service, 'SELECT COUNT() FROM Account'), 0, 'not sent');
  const [entry] = rows<{ Status__c: string; Last_Error__c: string }>(
    sales,
    'SELECT Status__c, Last_Error__c FROM S2S_Outbox__c'
  );
  assert.equal(entry.Status__c, 'Failed', 'retried later');
  assert.match(entry.Last_Error__c, /couldn't access the credential/);
});

test('without a subscriber config the trigger sends nothing and says why; nothing is lost', async () => {
  const { world, sales, service } = await linked({ throughEvent: true, configured: false });
  insertAs(sales, 'clerk@sales.example', 'Umbrella');
  await world.drain();

  assert.equal(count(service, 'SELECT COUNT() FROM Account'), 0, 'not sent');
  assert.equal(
    count(sales, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c = 'Pending'"),
    1,
    'the change waits in the outbox'
  );
  const [why] = rows<{ Error__c: string }>(
    sales,
    "SELECT Error__c FROM S2S_Audit_Log__c WHERE Operation__c = 'Dispatch'"
  );
  assert.match(why.Error__c, /Automated Process user.*PlatformEventSubscriberConfig/);

  // the admin deploys the config; the next ask (here: the sweep) sends it as that user
  sales.configureEventSubscriber('S2SDispatchTrigger', { username: 'dispatch@sales.example' });
  const sweep = sales.executeAnonymous('new S2SScheduler().execute(null);');
  assert.ok(sweep.success, JSON.stringify(sweep));
  await world.drain();
  assert.equal(count(service, "SELECT COUNT() FROM Account WHERE Name = 'Umbrella'"), 1, 'sent');
});
