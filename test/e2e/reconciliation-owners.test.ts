// Reconciliation compares owners as the engine applied them (docs/convergence.md, "Owners"):
// usernames are unique across all Salesforce orgs, so two production orgs match owners through
// the receiver's owner map (ada@sales.example → ada@service.example) or fall back to a default
// owner. Records whose owner is exactly what the engine applied are in step, whatever the user is
// called in each org; an owner changed afterwards outside S2S Sync is drift, found and repaired.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newWorld, connectBothWays, rows, type MappingSpec } from './s2s-world.ts';
import { reconciliations, withoutCapture } from './mirror.ts';
import { insertPkg } from './namespace.ts';

type Org = Awaited<ReturnType<typeof newWorld>>['orgs'][string];

const ACCOUNT: MappingSpec = {
  object: 'Account',
  sequence: 10,
  conflictPolicy: 'Latest_Wins',
  ownerRule: 'By_Username',
  fields: [{ target: 'Name' }, { target: 'AccountNumber' }, { target: 'OwnerId' }]
};

function reconcile(org: Org): void {
  org.assignPermissionSets(org.adminUserId, ['S2S_Admin']);
  for (const m of rows<{ Id: string }>(
    org,
    "SELECT Id FROM S2S_Object_Mapping__c WHERE Direction__c != 'Inbound'"
  )) {
    const r = org.executeAnonymous(`S2SReconciler.start('${m.Id}');`);
    assert.ok(r.success, JSON.stringify(r));
  }
}

function ownersByNumber(org: Org): Record<string, string> {
  return Object.fromEntries(
    rows<{ AccountNumber: string; Owner: { Username: string } }>(
      org,
      'SELECT AccountNumber, Owner.Username FROM Account ORDER BY AccountNumber'
    ).map((a) => [a.AccountNumber, a.Owner.Username])
  );
}

function lastDriftFound(org: Org): unknown {
  return reconciliations(org).at(-1)?.driftFound;
}

test('owners matched through the owner map, or defaulted, are not drift; an owner changed outside S2S Sync is', async () => {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  const { senderConnectionId, receiverConnectionId } = connectBothWays(world, sales, service, [
    ACCOUNT
  ]);
  for (const org of [sales, service])
    org.assignPermissionSets(org.userIdByUsername(`integration@${org.name}.example`), [
      'S2S_Test_Callouts'
    ]);
  const adaInSales = sales.createUser({ username: 'ada@sales.example' });
  service.createUser({ username: 'ada@service.example' });
  const graceInSales = sales.createUser({ username: 'grace@sales.example' }); // no user in service
  // each org's admin maps the peer's user to its own (the receiver's owner map)
  insertPkg(service, 'S2S_Owner_Map__c', {
    Connection__c: receiverConnectionId,
    Source_Kind__c: 'Username',
    Source_Value__c: 'ada@sales.example',
    Target_Username__c: 'ada@service.example'
  });
  insertPkg(sales, 'S2S_Owner_Map__c', {
    Connection__c: senderConnectionId,
    Source_Kind__c: 'Username',
    Source_Value__c: 'ada@service.example',
    Target_Username__c: 'ada@sales.example'
  });

  sales.insert('Account', [
    { Name: 'Mapped owner', AccountNumber: 'A-1', OwnerId: adaInSales },
    { Name: 'Default owner', AccountNumber: 'A-2', OwnerId: graceInSales }
  ]);
  service.insert('Account', {
    Name: 'Made in service',
    AccountNumber: 'B-1',
    OwnerId: service.userIdByUsername('ada@service.example')
  });
  await world.drain();
  assert.deepEqual(ownersByNumber(service), {
    'A-1': 'ada@service.example',
    'A-2': 'integration@service.example',
    'B-1': 'ada@service.example'
  });
  assert.equal(ownersByNumber(sales)['B-1'], 'ada@sales.example', 'mapped back in sales');

  reconcile(sales);
  await world.drain();
  assert.equal(lastDriftFound(sales), 0, 'owners as the engine applied them are in step');

  world.clock.advance('1m');
  withoutCapture(service, () => {
    const a1 = rows<{ Id: string }>(service, "SELECT Id FROM Account WHERE AccountNumber = 'A-1'");
    service.update('Account', {
      Id: a1[0].Id,
      OwnerId: service.userIdByUsername('integration@service.example')
    });
  });
  reconcile(sales);
  await world.drain();
  assert.equal(lastDriftFound(sales), 1, 'the owner changed in service outside S2S Sync is drift');

  reconcile(sales);
  await world.drain();
  assert.equal(lastDriftFound(sales), 0, 'repaired: nothing left');
});
