// Scenario 1: Sales -> Service in real time (Accounts with hierarchy, Contacts with their Account),
// then the same pair bidirectional without echoes; plus faults, duplicates and hostile payloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newWorld, connect, connectBothWays, rows, count } from './s2s-world.ts';
import { updatePkg } from './namespace.ts';

const ACCOUNT = {
  object: 'Account',
  sequence: 10,
  fields: [
    { target: 'Name' },
    { target: 'AccountNumber' },
    { target: 'Phone' },
    { target: 'ParentId' }
  ]
};
const CONTACT = {
  object: 'Contact',
  sequence: 20,
  fields: [
    { target: 'LastName' },
    { target: 'FirstName' },
    { target: 'Email', sensitive: true },
    { target: 'AccountId' }
  ]
};

test('Sales -> Service: accounts, hierarchy and contacts arrive within one drain, updates and deletes follow', async () => {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  connect(world, sales, service, { mappings: [ACCOUNT, CONTACT] });

  const [parent] = sales.insert('Account', { Name: 'Global HQ', AccountNumber: 'HQ' });
  const children = sales.insert(
    'Account',
    Array.from({ length: 250 }, (_, i) => ({
      Name: `Branch ${i}`,
      AccountNumber: `B-${i}`,
      ParentId: parent
    }))
  );
  sales.insert(
    'Contact',
    children
      .slice(0, 100)
      .map((id, i) => ({ LastName: `Person ${i}`, Email: `p${i}@example.com`, AccountId: id }))
  );
  await world.drain();

  assert.equal(count(service, 'SELECT COUNT() FROM Account'), 251, 'every account arrived');
  assert.equal(count(service, 'SELECT COUNT() FROM Contact'), 100, 'every contact arrived');
  const branch = rows<{ Parent: { Name: string } }>(
    service,
    "SELECT Parent.Name FROM Account WHERE AccountNumber = 'B-7'"
  )[0];
  assert.equal(branch.Parent.Name, 'Global HQ', 'hierarchy preserved through the crosswalk');
  const contact = rows<{ Account: { AccountNumber: string } }>(
    service,
    "SELECT Account.AccountNumber FROM Contact WHERE LastName = 'Person 7'"
  )[0];
  assert.equal(
    contact.Account.AccountNumber,
    'B-7',
    'contact linked to the local copy of its account'
  );
  assert.equal(
    count(sales, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c != 'Delivered'"),
    0,
    'nothing left in the outbox'
  );
  const callouts = world.callouts.filter((c) => c.from === 'sales');
  assert.ok(
    callouts.length <= 4,
    `≤ 200 records per callout: ${callouts.length} callouts for 351 records`
  );

  sales.update('Account', { Id: children[3], Phone: '555-0100' });
  sales.delete(children[4]);
  await world.drain();
  assert.equal(
    rows<{ Phone: string }>(service, "SELECT Phone FROM Account WHERE AccountNumber = 'B-3'")[0]
      .Phone,
    '555-0100',
    'update followed'
  );
  assert.equal(
    count(service, "SELECT COUNT() FROM Account WHERE AccountNumber = 'B-4'"),
    0,
    'delete followed'
  );
  assert.ok(
    count(service, "SELECT COUNT() FROM S2S_Audit_Log__c WHERE Stage__c = 'Applied'") >= 353,
    'receiver audited every apply'
  );
  const masked = rows<{ New_Values__c: string }>(
    service,
    "SELECT New_Values__c FROM S2S_Audit_Log__c WHERE Stage__c = 'Applied' AND Object_Name__c = 'Contact' LIMIT 1"
  )[0];
  assert.ok(
    masked.New_Values__c.includes('****') && !masked.New_Values__c.includes('@example.com'),
    'sensitive email masked in audit'
  );
});

test('bidirectional pair: an edit in Service flows back and nothing echoes', async () => {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  connectBothWays(world, sales, service, [ACCOUNT]);

  const [id] = sales.insert('Account', { Name: 'Two Way', AccountNumber: 'TW' });
  await world.drain();
  const copy = rows<{ Id: string }>(
    service,
    "SELECT Id FROM Account WHERE AccountNumber = 'TW'"
  )[0];
  assert.ok(copy, 'arrived in Service');
  const before = world.callouts.length;
  service.update('Account', { Id: copy.Id, Phone: '555-0199' });
  await world.drain();
  assert.equal(
    rows<{ Phone: string }>(sales, `SELECT Phone FROM Account WHERE Id = '${id}'`)[0].Phone,
    '555-0199',
    'edit flowed back to Sales'
  );
  assert.equal(world.callouts.length - before, 1, 'exactly one callout: no echo back to Service');
  await world.drain();
  assert.equal(
    count(sales, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c = 'Pending'"),
    0,
    'quiet afterwards'
  );
});

test('30 % 5xx, timeouts and duplicate deliveries: nothing lost, nothing duplicated', async () => {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  connect(world, sales, service, { mappings: [ACCOUNT], maxAttempts: 20 });
  // the periodic sweep retries what failed, after the backoff
  const scheduled = sales.executeAnonymous('S2SScheduler.scheduleEvery(15);');
  assert.ok(scheduled.success, JSON.stringify(scheduled));
  world.faults({ rate: 0.15, timeoutRate: 0.15, duplicateRate: 0.1, seed: 7 });
  sales.insert(
    'Account',
    Array.from({ length: 400 }, (_, i) => ({ Name: `F ${i}`, AccountNumber: `F-${i}` }))
  );
  await world.drain({ advanceClock: true, until: '2026-11-27T00:00:00Z' });
  world.faults(null);
  assert.equal(count(service, 'SELECT COUNT() FROM Account'), 400, 'every account exactly once');
  assert.equal(
    count(sales, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c != 'Delivered'"),
    0,
    'everything delivered'
  );
  assert.ok(
    world.callouts.some((c) => c.fault !== null),
    'faults were injected'
  );
});

test('peer rejects half a batch: the rest lands, rejects are parked with the reason', async () => {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  // half the contacts arrive without a last name: the peer's validation rejects them
  connect(world, sales, service, {
    mappings: [
      {
        object: 'Contact',
        sequence: 20,
        fields: [
          { target: 'LastName', expression: "IF(Title = 'reject', NULL, LastName)" },
          { target: 'Email' }
        ]
      }
    ]
  });
  sales.insert(
    'Contact',
    Array.from({ length: 20 }, (_, i) => ({
      LastName: `C${i}`,
      Email: `c${i}@example.com`,
      Title: i % 2 ? 'reject' : 'ok'
    }))
  );
  await world.drain();
  assert.equal(
    count(sales, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c = 'Delivered'"),
    10,
    'half delivered'
  );
  const parked = rows<{ Last_Error__c: string }>(
    sales,
    "SELECT Last_Error__c FROM S2S_Outbox__c WHERE Status__c = 'Parked'"
  );
  assert.equal(parked.length, 10, 'half parked at once: retrying cannot fix a validation error');
  assert.ok(
    parked.every((p) => p.Last_Error__c.includes('REQUIRED_FIELD_MISSING')),
    'the peer reason is kept'
  );
  assert.equal(count(service, 'SELECT COUNT() FROM Contact'), 10, 'the valid half landed');
  assert.equal(
    count(service, "SELECT COUNT() FROM S2S_Audit_Log__c WHERE Stage__c = 'Rejected'"),
    10,
    'rejections audited in the receiver'
  );
});

test('a contact whose account the peer never received pulls the account through, then lands', async () => {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  connect(world, sales, service, { mappings: [ACCOUNT, CONTACT] });
  const mappings = rows<{ Id: string }>(sales, 'SELECT Id FROM S2S_Object_Mapping__c');
  // the account exists before sync is switched on, so it is never captured
  updatePkg(
    sales,
    'S2S_Object_Mapping__c',
    mappings.map((m) => ({ Id: m.Id, Active__c: false }))
  );
  const [account] = sales.insert('Account', { Name: 'Older Than Sync', AccountNumber: 'OLD' });
  await world.drain();
  updatePkg(
    sales,
    'S2S_Object_Mapping__c',
    mappings.map((m) => ({ Id: m.Id, Active__c: true }))
  );

  sales.insert('Contact', { LastName: 'Newcomer', AccountId: account });
  await world.drain();

  const contact = rows<{ Account: { AccountNumber: string } | null }>(
    service,
    "SELECT Account.AccountNumber FROM Contact WHERE LastName = 'Newcomer'"
  );
  assert.equal(contact.length, 1, 'the contact landed');
  assert.equal(contact[0].Account?.AccountNumber, 'OLD', 'linked to the account pulled through');
  assert.equal(
    count(service, "SELECT COUNT() FROM S2S_Inbound_Ledger__c WHERE Outcome__c = 'Held'"),
    0,
    'nothing left held'
  );
  assert.equal(
    count(sales, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c != 'Delivered'"),
    0,
    'the pulled account was delivered like any change'
  );
});

test('peer down for hours: changes back off, park after their attempts, admins are alerted, a replay delivers them once', async () => {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  const { senderConnectionId } = connect(world, sales, service, {
    mappings: [ACCOUNT],
    maxAttempts: 3
  });
  const scheduled = sales.executeAnonymous('S2SScheduler.scheduleEvery(15);');
  assert.ok(scheduled.success, JSON.stringify(scheduled));
  world.faults({ rate: 1, seed: 3 });
  sales.insert(
    'Account',
    Array.from({ length: 50 }, (_, i) => ({ Name: `Down ${i}`, AccountNumber: `D-${i}` }))
  );
  await world.drain({ advanceClock: true, until: '2026-11-26T03:00:00Z' });

  assert.equal(count(service, 'SELECT COUNT() FROM Account'), 0, 'nothing reached the peer');
  const parked = rows<{ Attempts__c: number; Last_Error__c: string }>(
    sales,
    "SELECT Attempts__c, Last_Error__c FROM S2S_Outbox__c WHERE Status__c = 'Parked'"
  );
  assert.equal(parked.length, 50, 'every change parked, none lost');
  assert.ok(
    parked.every(
      (p) => p.Attempts__c === 3 && p.Last_Error__c.startsWith('Gave up after 3 attempts')
    ),
    `parked after 3 attempts with the reason: ${JSON.stringify(parked[0])}`
  );
  assert.ok(
    sales.notifications.some((n) => n.body.includes('below 99.9')),
    `the admins were alerted: ${JSON.stringify(sales.notifications)}`
  );

  world.faults(null);
  sales.createUser({
    username: 'admin@sales.example',
    permissionSets: ['S2S_Admin', 'S2S_Test_Callouts']
  });
  const replay = sales.executeAnonymous(
    `System.assertEquals(50, S2SOutboxService.replayAllParked('${senderConnectionId}'));`,
    { as: 'admin@sales.example' }
  );
  assert.ok(replay.success, JSON.stringify(replay));
  await world.drain({ advanceClock: true, until: '2026-11-26T04:00:00Z' });
  assert.equal(count(service, 'SELECT COUNT() FROM Account'), 50, 'every account, exactly once');
  assert.equal(
    count(sales, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c != 'Delivered'"),
    0,
    'the outbox is empty of work'
  );
  assert.equal(
    count(
      sales,
      "SELECT COUNT() FROM S2S_Audit_Log__c WHERE Stage__c = 'Retried' AND Outcome__c = 'Success'"
    ),
    50,
    'each replay audited'
  );
});
