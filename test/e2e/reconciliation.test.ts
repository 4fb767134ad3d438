// Reconciliation by digests (docs/convergence.md, "Reconciliation"): drift made outside S2S Sync in
// both orgs of a bidirectional link (values changed, records deleted, records created, a lookup
// moved, all with capture switched off) is found by comparing digests and repaired through the
// pipeline, in both directions, by one reconciliation started in one org.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newWorld, connectBothWays, rows, type MappingSpec } from './s2s-world.ts';
import { divergences, reconciliations, withoutCapture, type Compared } from './mirror.ts';

type Org = Awaited<ReturnType<typeof newWorld>>['orgs'][string];

const ACCOUNT: MappingSpec = {
  object: 'Account',
  sequence: 10,
  conflictPolicy: 'Latest_Wins',
  fields: [{ target: 'Name' }, { target: 'AccountNumber' }, { target: 'Phone' }]
};
const CONTACT: MappingSpec = {
  object: 'Contact',
  sequence: 20,
  conflictPolicy: 'Latest_Wins',
  fields: [{ target: 'LastName' }, { target: 'Email' }, { target: 'AccountId' }]
};
const COMPARED: Compared[] = [
  { object: 'Account', fields: ['Name', 'AccountNumber', 'Phone'] },
  { object: 'Contact', fields: ['LastName', 'Email'], lookups: ['AccountId'] }
];

function idOf(org: Org, number: string): string {
  return rows<{ Id: string }>(org, `SELECT Id FROM Account WHERE AccountNumber = '${number}'`)[0]
    ?.Id;
}

/** Reconciles every sending mapping of `org`, as its S2S admin would. */
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

test('drift made with capture off in two orgs converges after one reconciliation', async () => {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  connectBothWays(world, sales, service, [ACCOUNT, CONTACT]);
  // asked to send its side back, the peer's integration user starts its dispatcher, so it calls out
  // through the Named Credential (docs/real-org.md, "Reconciliation")
  for (const org of [sales, service])
    org.assignPermissionSets(org.userIdByUsername(`integration@${org.name}.example`), [
      'S2S_Test_Callouts'
    ]);
  const accounts = sales.insert(
    'Account',
    Array.from({ length: 12 }, (_, i) => ({
      Name: `Acme ${i}`,
      AccountNumber: `N-${i}`,
      Phone: `555-${i}`
    }))
  );
  const contacts = sales.insert(
    'Contact',
    accounts
      .slice(0, 6)
      .map((a, i) => ({ LastName: `Person ${i}`, Email: `p${i}@x.example`, AccountId: a }))
  );
  await world.drain();
  assert.deepEqual(divergences(sales, service, COMPARED), [], 'in step through the pipeline');

  world.clock.advance('1m');
  withoutCapture(sales, () => {
    sales.update('Account', { Id: accounts[1], Phone: 'changed in sales' });
    sales.delete(accounts[7]);
    sales.insert('Account', { Name: 'Only in sales', AccountNumber: 'S-1' });
    sales.update('Contact', { Id: contacts[0], AccountId: accounts[2] });
  });
  withoutCapture(service, () => {
    service.update('Account', { Id: idOf(service, 'N-3'), Name: 'Renamed in service' });
    service.delete(idOf(service, 'N-8'));
    service.insert('Account', { Name: 'Only in service', AccountNumber: 'V-1' });
  });
  await world.drain();
  assert.equal(divergences(sales, service, COMPARED).length, 7, 'seven records drifted');

  reconcile(sales);
  await world.drain();

  assert.deepEqual(divergences(sales, service, COMPARED), [], 'the orgs mirror each other again');
  const phone = rows<{ Phone: string }>(
    service,
    "SELECT Phone FROM Account WHERE AccountNumber = 'N-1'"
  );
  assert.equal(phone[0].Phone, 'changed in sales', 'the value changed in sales reached service');
  assert.equal(
    rows<{ Name: string }>(sales, "SELECT Name FROM Account WHERE AccountNumber = 'N-3'")[0].Name,
    'Renamed in service',
    'and the one changed in service reached sales: the newer value wins, both ways'
  );
  for (const n of ['N-7', 'N-8'])
    for (const org of [sales, service])
      assert.equal(idOf(org, n), undefined, `${n}, deleted in one org, is deleted in ${org.name}`);
  assert.ok(idOf(service, 'S-1') && idOf(sales, 'V-1'), 'records never linked were sent both ways');

  const [accountRun, contactRun] = ['Account', 'Contact'].map((o) =>
    reconciliations(sales).find((s) => String(s.text).includes(`"${o} mapping"`))
  );
  assert.deepEqual(
    {
      found: accountRun?.driftFound,
      repaired: accountRun?.driftRepaired,
      outcome: accountRun?.outcome
    },
    { found: 6, repaired: 6, outcome: 'Success' },
    String(accountRun?.text)
  );
  assert.equal(contactRun?.driftFound, 1, 'the moved lookup, compared through the crosswalk');

  reconcile(sales);
  await world.drain();
  assert.deepEqual(
    reconciliations(sales)
      .slice(2)
      .map((s) => s.driftFound),
    [0, 0],
    'a second reconciliation finds nothing left'
  );
});
