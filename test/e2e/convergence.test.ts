// Convergence (docs/convergence.md): the orgs end with the same values however changes interleave
// with retries and with edits made in other orgs. One scenario per class of divergence the engine had
// before field versions and state-based delivery.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newWorld, connect, connectBothWays, rows, type MappingSpec } from './s2s-world.ts';
import { updatePkg } from './namespace.ts';

type Org = Awaited<ReturnType<typeof newWorld>>['orgs'][string];

const ACCOUNT: MappingSpec = {
  object: 'Account',
  sequence: 10,
  fields: [{ target: 'Name' }, { target: 'AccountNumber' }, { target: 'Phone' }]
};

function latestWins(...orgs: Org[]): void {
  for (const org of orgs) {
    for (const m of rows<{ Id: string }>(org, 'SELECT Id FROM S2S_Object_Mapping__c')) {
      updatePkg(org, 'S2S_Object_Mapping__c', { Id: m.Id, Conflict_Policy__c: 'Latest_Wins' });
    }
  }
}

// People edit seconds apart; the World's clock moves only when told to.
function later(world: Awaited<ReturnType<typeof newWorld>>['world']): void {
  world.clock.set(world.clock.now() + 1000);
}

function account(org: Org, number: string): { Id: string; Name: string; Phone: string | null } {
  return rows<{ Id: string; Name: string; Phone: string | null }>(
    org,
    `SELECT Id, Name, Phone FROM Account WHERE AccountNumber = '${number}'`
  )[0];
}

test('a retried edit of one field is not lost when a later edit of another field arrives first', async () => {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  connect(world, sales, service, { mappings: [ACCOUNT], maxAttempts: 10 });
  assert.ok(sales.executeAnonymous('S2SScheduler.scheduleEvery(15);').success, 'sweep scheduled');
  const [id] = sales.insert('Account', { Name: 'Acme', AccountNumber: 'R-1', Phone: '1' });
  await world.drain();

  world.faults({ rate: 1, seed: 1 });
  later(world);
  sales.update('Account', { Id: id, Phone: '2' });
  await world.drain(); // the Phone edit gets a 503 and waits for its retry
  world.faults(null);
  later(world);
  sales.update('Account', { Id: id, Name: 'Acme 2' });
  await world.drain(); // the Name edit goes first
  assert.equal(account(service, 'R-1').Name, 'Acme 2', 'the later Name edit arrived');
  assert.equal(account(service, 'R-1').Phone, '1', 'the Phone edit still waits');

  await world.drain({ advanceClock: true, until: '2026-11-26T02:00:00Z' });
  assert.deepEqual(
    { ...account(service, 'R-1'), Id: undefined },
    { Id: undefined, Name: 'Acme 2', Phone: '2' },
    'the retried Phone edit is applied, not answered Stale'
  );
});

test('Latest_Wins: concurrent edits of different fields in two orgs both survive', async () => {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  connectBothWays(world, sales, service, [ACCOUNT]);
  latestWins(sales, service);
  const [id] = sales.insert('Account', { Name: 'Acme', AccountNumber: 'C-1', Phone: '1' });
  await world.drain();
  const copy = account(service, 'C-1').Id;

  later(world);
  sales.update('Account', { Id: id, Phone: 'from sales' });
  later(world);
  service.update('Account', { Id: copy, Name: 'Named in service' });
  await world.drain();
  for (const org of [sales, service]) {
    assert.deepEqual(
      { Name: account(org, 'C-1').Name, Phone: account(org, 'C-1').Phone },
      { Name: 'Named in service', Phone: 'from sales' },
      `${org.name} has both edits`
    );
  }
});

test('Latest_Wins: concurrent edits of the same field in two spokes end the same in all three orgs', async () => {
  const { world, orgs } = await newWorld(['hub', 'east', 'west']);
  const { hub, east, west } = orgs;
  connectBothWays(world, hub, east, [ACCOUNT], 'S2S_Peer');
  connectBothWays(world, hub, west, [ACCOUNT], 'S2S_Peer_B');
  hub.assignPermissionSets(hub.userIdByUsername('integration@hub.example'), ['S2S_Test_Callouts']);
  latestWins(hub, east, west);
  east.insert('Account', { Name: 'Shared', AccountNumber: 'H-1', Phone: '0' });
  await world.drain();

  later(world);
  east.update('Account', { Id: account(east, 'H-1').Id, Phone: 'east' });
  later(world);
  west.update('Account', { Id: account(west, 'H-1').Id, Phone: 'west' }); // the later edit
  await world.drain();
  assert.deepEqual(
    [hub, east, west].map((org) => account(org, 'H-1').Phone),
    ['west', 'west', 'west'],
    'the latest edit everywhere: the hub forwards each change with its origin version'
  );
  assert.ok(
    [hub, east, west].some(
      (org) =>
        rows(
          org,
          "SELECT Id FROM S2S_Audit_Log__c WHERE Stage__c = 'Skipped' AND Error__c LIKE 'Stale%'"
        ).length > 0
    ),
    'the older edit, kept out, is audited where it arrived late'
  );
});

// A record synced from sales to service, then deleted and undeleted in sales (nothing delivered yet).
async function deletedAndUndeleted(name: string, number: string) {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  connect(world, sales, service, { mappings: [ACCOUNT] });
  const [id] = sales.insert('Account', { Name: name, AccountNumber: number, Phone: '1' });
  await world.drain();
  later(world);
  sales.delete([id]);
  later(world);
  const undeleted = sales.executeAnonymous(
    `undelete [SELECT Id FROM Account WHERE Id = '${id}' ALL ROWS];`
  );
  assert.ok(undeleted.success, JSON.stringify(undeleted));
  return { world, sales, service, id };
}

test('an edit made after a delete and an undelete reaches the peer with the undelete', async () => {
  const { world, sales, service, id } = await deletedAndUndeleted('Phoenix', 'U-1');
  later(world);
  sales.update('Account', { Id: id, Phone: 'risen' });
  await world.drain();
  assert.equal(account(service, 'U-1')?.Phone, 'risen', 'undeleted with the values it has now');
  assert.equal(
    rows(service, "SELECT Id FROM Account WHERE AccountNumber = 'U-1'").length,
    1,
    'one record'
  );
  assert.equal(
    rows(sales, "SELECT Id FROM S2S_Outbox__c WHERE Status__c NOT IN ('Delivered', 'Superseded')")
      .length,
    0,
    'nothing parked'
  );
});

test('a delete and an undelete folded together update a peer that never deleted the record', async () => {
  const { world, sales, service } = await deletedAndUndeleted('Blink', 'U-2');
  await world.drain();
  assert.equal(account(service, 'U-2')?.Name, 'Blink', 'the record is still there');
  assert.deepEqual(
    rows(sales, "SELECT Status__c, Last_Error__c FROM S2S_Outbox__c WHERE Status__c = 'Parked'"),
    [],
    'no UNDELETE_FAILED: an undelete of a live record is an update'
  );
});

test('reconciliation repairs a value a field mapping switched off kept from the peer, and keeps newer values', async () => {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  connectBothWays(world, sales, service, [ACCOUNT]);
  latestWins(sales, service);
  const phoneMapping = rows<{ Id: string }>(
    sales,
    "SELECT Id FROM S2S_Field_Mapping__c WHERE Target_Field__c = 'Phone'"
  )[0].Id;
  updatePkg(sales, 'S2S_Field_Mapping__c', { Id: phoneMapping, Active__c: false });
  const [id] = sales.insert('Account', { Name: 'Quiet', AccountNumber: 'Q-1', Phone: '1' });
  await world.drain();
  assert.equal(account(service, 'Q-1').Phone, null, 'the phone was not sent');
  later(world);
  service.update('Account', { Id: account(service, 'Q-1').Id, Name: 'Renamed in service' });
  await world.drain();
  updatePkg(sales, 'S2S_Field_Mapping__c', { Id: phoneMapping, Active__c: true });

  const mapping = rows<{ Id: string }>(
    sales,
    "SELECT Id FROM S2S_Object_Mapping__c WHERE Source_Object__c = 'Account'"
  )[0].Id;
  sales.assignPermissionSets(sales.adminUserId, ['S2S_Admin']);
  const started = sales.executeAnonymous(`S2SReconciler.start('${mapping}');`);
  assert.ok(started.success, JSON.stringify(started));
  await world.drain();
  assert.deepEqual(
    { Name: account(service, 'Q-1').Name, Phone: account(service, 'Q-1').Phone },
    { Name: 'Renamed in service', Phone: '1' },
    'the missing phone repaired; the newer name made in service kept'
  );
  assert.equal(account(sales, 'Q-1').Name, 'Renamed in service', 'and sales has it too');
  assert.equal(sales.query(`SELECT COUNT() FROM Account WHERE Id = '${id}'`), 1, 'one record');
});

test('a merge moves the children in the peer too, instead of deleting them with the losing record', async () => {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  const contact: MappingSpec = {
    object: 'Contact',
    sequence: 20,
    fields: [{ target: 'LastName' }, { target: 'AccountId' }]
  };
  connect(world, sales, service, { mappings: [ACCOUNT, contact] });
  const [winner, loser] = sales.insert('Account', [
    { Name: 'Acme', AccountNumber: 'M-1' },
    { Name: 'Acme Inc', AccountNumber: 'M-2' }
  ]);
  sales.insert('Contact', { LastName: 'Moved', AccountId: loser });
  await world.drain();
  assert.equal(rows(service, "SELECT Id FROM Contact WHERE LastName = 'Moved'").length, 1);

  const merged = sales.executeAnonymous(
    `merge new Account(Id = '${winner}') new Account(Id = '${loser}');`
  );
  assert.ok(merged.success, merged.compileProblem ?? merged.exceptionMessage ?? 'merged');
  await world.drain();

  const winnerCopy = account(service, 'M-1').Id;
  assert.equal(account(service, 'M-2'), undefined, 'the losing record is gone in the peer too');
  assert.deepEqual(
    rows<{ AccountId: string }>(
      service,
      "SELECT AccountId FROM Contact WHERE LastName = 'Moved'"
    ).map((c) => c.AccountId),
    [winnerCopy],
    'the contact lives on under the winner, as in the org that merged'
  );
  assert.equal(
    rows(
      service,
      `SELECT Id FROM Account WHERE AccountNumber = 'M-2' AND MasterRecordId = '${winnerCopy}' ALL ROWS`
    ).length,
    1,
    'merged, not deleted: the loser in the recycle bin names the winner'
  );
});

for (const policy of ['Ignore', 'Delete', 'Clear'] as const) {
  test(`a record that leaves the filter: the peer's copy follows the leave-filter policy ${policy}, and comes back whole`, async () => {
    const { world, orgs } = await newWorld(['sales', 'service']);
    const { sales, service } = orgs;
    const filtered: MappingSpec = {
      ...ACCOUNT,
      fields: [...ACCOUNT.fields, { target: 'Rating' }],
      filter: "Rating != 'Cold'",
      leaveFilterPolicy: policy
    };
    connect(world, sales, service, { mappings: [filtered] });
    const [id] = sales.insert('Account', {
      Name: 'Acme',
      AccountNumber: 'F-1',
      Phone: '1',
      Rating: 'Hot'
    });
    await world.drain();
    later(world);
    sales.update('Account', { Id: id, Rating: 'Cold', Phone: '2' });
    await world.drain();

    const copy = rows<{
      Name: string;
      AccountNumber: string | null;
      Phone: string | null;
      Rating: string | null;
    }>(service, "SELECT Name, AccountNumber, Phone, Rating FROM Account WHERE Name = 'Acme'")[0];
    if (policy === 'Ignore') {
      assert.deepEqual(copy, { ...copy, Phone: '1', Rating: 'Hot' }, 'kept as last sent');
      assert.equal(
        rows(
          sales,
          "SELECT Id FROM S2S_Audit_Log__c WHERE Stage__c = 'Skipped' AND Error__c LIKE '%leave-filter policy Ignore%'"
        ).length,
        1,
        'the exit is audited'
      );
    } else if (policy === 'Delete') {
      assert.equal(copy, undefined, 'deleted in the peer');
    } else {
      assert.deepEqual(
        {
          Name: copy.Name,
          AccountNumber: copy.AccountNumber,
          Phone: copy.Phone,
          Rating: copy.Rating
        },
        { Name: 'Acme', AccountNumber: null, Phone: null, Rating: null },
        'mapped fields blanked, the required Name kept'
      );
    }

    later(world);
    sales.update('Account', { Id: id, Rating: 'Warm' });
    await world.drain();
    assert.deepEqual(
      rows(
        service,
        "SELECT Name, AccountNumber, Phone, Rating FROM Account WHERE Name = 'Acme'"
      ).map((a) => ({ ...a, Id: undefined })),
      [{ Id: undefined, Name: 'Acme', AccountNumber: 'F-1', Phone: '2', Rating: 'Warm' }],
      'back in the filter: one copy, with every value as it is now'
    );
  });
}

test("a record taken out of one org's filter by the peer's own edit is not deleted in that peer", async () => {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  connectBothWays(world, sales, service, [
    {
      ...ACCOUNT,
      fields: [...ACCOUNT.fields, { target: 'Rating' }],
      filter: "Rating != 'Cold'",
      leaveFilterPolicy: 'Delete',
      conflictPolicy: 'Latest_Wins'
    }
  ]);
  const [id] = sales.insert('Account', { Name: 'Acme', AccountNumber: 'P-1', Rating: 'Hot' });
  await world.drain();
  const copy = account(service, 'P-1').Id;

  later(world);
  sales.update('Account', { Id: id, Phone: 'edited in sales' }); // queued in sales, not sent yet
  later(world);
  service.update('Account', { Id: copy, Rating: 'Cold' });
  service.runReadyAsync(); // service's edit reaches sales first: the record leaves sales' filter
  await world.drain();

  assert.equal(account(service, 'P-1')?.Id, copy, "the peer's record lives on");
  assert.equal(
    rows<{ Rating: string }>(sales, `SELECT Rating FROM Account WHERE Id = '${id}'`)[0].Rating,
    'Cold',
    "sales holds the peer's value"
  );
});
