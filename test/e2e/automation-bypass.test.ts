// The automation bypass (issue 15 item 6), opt-in per connection: the receiving org has a validation
// rule written as docs/configuration.md recommends, `AND(NOT($Permission.S2S_Bypass_Automation), …)`.
// Without the bypass the synced accounts are rejected by the rule and parked in the sender; with the
// receiver's connection ticked Apply Without Automation and its integration user given
// S2S_Integration_Bypass, the replay applies them; an integration user holding the permission on a
// connection that does not opt in is refused, so the bypass never applies where nobody chose it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { newWorld, addOrg, connect, rows, count } from './s2s-world.ts';
import { updatePkg } from './namespace.ts';

const SERVICE_RULES = fileURLToPath(new URL('./fixtures/service-bypass', import.meta.url));

test('a validation rule with NOT($Permission.S2S_Bypass_Automation) lets synced changes through only when the connection opts in', async () => {
  const { world, orgs } = await newWorld(['sales']);
  const { sales } = orgs;
  const service = await addOrg(world, 'service', [SERVICE_RULES]);
  const { senderConnectionId, receiverConnectionId } = connect(world, sales, service, {
    mappings: [
      { object: 'Account', sequence: 10, fields: [{ target: 'Name' }, { target: 'AccountNumber' }] }
    ],
    maxAttempts: 1
  });
  sales.createUser({
    username: 'admin@sales.example',
    permissionSets: ['S2S_Admin', 'S2S_Test_Callouts']
  });
  const replay = (): void => {
    const r = sales.executeAnonymous(`S2SOutboxService.replayAllParked('${senderConnectionId}');`, {
      as: 'admin@sales.example'
    });
    assert.ok(r.success, JSON.stringify(r));
  };
  sales.insert('Account', [{ Name: 'No number' }, { Name: 'Numbered', AccountNumber: 'A-1' }]);
  await world.drain();

  // 1. no bypass: the rule holds for the integration user as for anyone
  assert.deepEqual(
    rows<{ Name: string }>(service, 'SELECT Name FROM Account').map((a) => a.Name),
    ['Numbered'],
    'only the account the rule accepts landed'
  );
  const parked = rows<{ Last_Error__c: string }>(
    sales,
    "SELECT Last_Error__c FROM S2S_Outbox__c WHERE Status__c = 'Parked'"
  );
  assert.equal(parked.length, 1, 'the other is parked in the sender, not lost');
  assert.match(parked[0].Last_Error__c, /Service needs an account number/);

  // 2. the permission without the connection's opt-in: refused, nothing applied
  const [integration] = rows<{ Id: string }>(
    service,
    "SELECT Id FROM User WHERE Username = 'integration@service.example'"
  );
  service.assignPermissionSets(integration.Id, ['S2S_Integration_Bypass']);
  replay();
  await world.drain();
  assert.equal(count(service, 'SELECT COUNT() FROM Account'), 1, 'still not applied');
  const refusals = rows<{ Error__c: string }>(
    service,
    "SELECT Error__c FROM S2S_Audit_Log__c WHERE Stage__c = 'Rejected' AND Operation__c = 'Receive'"
  );
  assert.ok(
    refusals.some((r) => r.Error__c.includes('S2S_Bypass_Automation')),
    `the receiver refused and audited the unchosen bypass: ${JSON.stringify(refusals)}`
  );

  // 3. the receiving connection opts in: the replay applies the change the rule had rejected
  updatePkg(service, 'S2S_Connection__c', [
    { Id: receiverConnectionId, Apply_Without_Automation__c: true }
  ]);
  replay();
  await world.drain();
  assert.deepEqual(
    rows<{ Name: string }>(service, 'SELECT Name FROM Account ORDER BY Name').map((a) => a.Name),
    ['No number', 'Numbered'],
    'applied with the bypass, once'
  );
  assert.equal(
    count(sales, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c != 'Delivered'"),
    0,
    'nothing left parked'
  );

  // people in the service org are still held to the rule
  const person = service.executeAnonymous(
    `Database.SaveResult r = Database.insert(new Account(Name = 'Typed in'), false);
     System.assert(!r.isSuccess(), 'the rule applies to everyone without the permission');`
  );
  assert.ok(person.success, JSON.stringify(person));
});
