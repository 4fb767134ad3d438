// Two orgs with different validation rules: the service org requires an account number, the sales
// org does not. The receiver rejects each failing record with its rule's message (the others land),
// the sender parks those changes with the reason, and once an admin fixes the data in the sender a
// replay delivers them. Rules are enforced by the local org's formula engine as a real org does
// (Apex Developer Guide, "Triggers and Order of Execution": custom validation rules on save).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { newWorld, addOrg, connect, rows, count } from './s2s-world.ts';

const SERVICE_RULES = fileURLToPath(new URL('./fixtures/service-validation', import.meta.url));

test('a validation rule only the receiver has: rejected per record with its message, parked, fixed and replayed', async () => {
  const { world, orgs } = await newWorld(['sales']);
  const { sales } = orgs;
  const service = await addOrg(world, 'service', [SERVICE_RULES]);
  const { senderConnectionId } = connect(world, sales, service, {
    mappings: [
      {
        object: 'Account',
        sequence: 10,
        fields: [{ target: 'Name' }, { target: 'AccountNumber' }]
      }
    ]
  });
  const ids = sales.insert(
    'Account',
    Array.from({ length: 10 }, (_, i) => ({
      Name: `Customer ${i}`,
      ...(i % 2 ? {} : { AccountNumber: `A-${i}` })
    }))
  );
  await world.drain();

  assert.equal(
    count(service, 'SELECT COUNT() FROM Account'),
    5,
    'the accounts the rule accepts landed'
  );
  const parked = rows<{ Last_Error__c: string }>(
    sales,
    "SELECT Last_Error__c FROM S2S_Outbox__c WHERE Status__c = 'Parked'"
  );
  assert.equal(parked.length, 5, 'each rejected account parked in the sender, none lost');
  assert.ok(
    parked.every(
      (p) =>
        p.Last_Error__c.includes('FIELD_CUSTOM_VALIDATION_EXCEPTION') &&
        p.Last_Error__c.includes('Service needs an account number')
    ),
    `the receiver's rule and message are the reason: ${JSON.stringify(parked[0])}`
  );
  assert.equal(
    count(service, "SELECT COUNT() FROM S2S_Audit_Log__c WHERE Stage__c = 'Rejected'"),
    5,
    'rejections audited in the receiver'
  );

  // The admin fixes the data where it is entered, then replays the parked changes.
  sales.update(
    'Account',
    ids.filter((_, i) => i % 2).map((Id, i) => ({ Id, AccountNumber: `FIXED-${i}` }))
  );
  sales.createUser({
    username: 'admin@sales.example',
    permissionSets: ['S2S_Admin', 'S2S_Test_Callouts']
  });
  const replay = sales.executeAnonymous(
    `S2SOutboxService.replayAllParked('${senderConnectionId}');`,
    { as: 'admin@sales.example' }
  );
  assert.ok(replay.success, JSON.stringify(replay));
  await world.drain();

  const landed = rows<{ Name: string; AccountNumber: string }>(
    service,
    'SELECT Name, AccountNumber FROM Account ORDER BY Name'
  );
  assert.equal(landed.length, 10, 'every account landed once');
  assert.ok(
    landed.every((a) => a.AccountNumber),
    'each with the account number the rule requires'
  );
  assert.equal(
    count(sales, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c != 'Delivered'"),
    0,
    'nothing left parked or pending'
  );
});
