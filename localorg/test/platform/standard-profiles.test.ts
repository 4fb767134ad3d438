// The Read Only standard profile. Cited: Salesforce Help, "Standard Profiles" (Read Only: can view,
// but not edit, the organization's records); Apex Reference, "DescribeSObjectResult Class" and
// "DescribeFieldResult Class" (isAccessible, isCreateable, isUpdateable, isDeletable answer for the
// running user).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Org } from '../../src/platform/org.ts';
import { runtimeFor } from '../../src/runner/runner.ts';

const org = new Org({ name: 'profiles', runtimeFactory: runtimeFor });
org.createUser({ username: 'viewer@profiles.example', profile: 'Read Only' });

function apexAs(user: string, source: string): void {
  const r = org.executeAnonymous(source, { as: user });
  assert.equal(r.compileProblem, null, `compiles: ${source}`);
  assert.equal(r.exceptionMessage, null);
  assert.equal(r.success, true);
}

test('a Read Only user reads the standard objects but may not change them', () => {
  apexAs(
    'viewer@profiles.example',
    `
    Schema.DescribeSObjectResult acc = Account.SObjectType.getDescribe();
    System.Assert.isTrue(acc.isAccessible(), 'read');
    System.Assert.isFalse(acc.isCreateable(), 'no create');
    System.Assert.isFalse(acc.isUpdateable(), 'no edit');
    System.Assert.isFalse(acc.isDeletable(), 'no delete');
    System.Assert.isTrue(Contact.LastName.getDescribe().isAccessible(), 'field read');
    System.Assert.isFalse(Lead.Company.getDescribe().isUpdateable(), 'no field edit');
    System.Assert.isFalse(Account.Name.getDescribe().isCreateable(), 'no field create');
  `
  );
});

test('the Read Only profile is a Profile row', () => {
  const rows = org.query("SELECT Id FROM Profile WHERE Name = 'Read Only'");
  assert.equal(Array.isArray(rows) ? rows.length : rows, 1);
});
