// System permissions as data: Profile and PermissionSet carry one boolean field per permission
// (Object Reference, "PermissionSet": PermissionsPermissionName, e.g. PermissionsModifyAllData;
// IsOwnedByProfile false for a permission set of the source), so Apex finds who holds Modify All
// Data through PermissionSetAssignment. Salesforce Help 000321298: Modify All Data needs View All Data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Org } from '../../src/platform/org.ts';
import { runtimeFor } from '../../src/runner/runner.ts';
import type { ApexSObject } from '../../src/runtime/values.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/system-permissions', import.meta.url));
const org = new Org({ name: 'sysperm', source: [FIXTURE], runtimeFactory: runtimeFor });

test('a permission set of the source shows the system permissions it grants', () => {
  const rows = org.query(
    'SELECT Name, PermissionsModifyAllData, PermissionsViewAllData, IsOwnedByProfile FROM PermissionSet ORDER BY Name'
  ) as ApexSObject[];
  const byName = new Map(rows.map((r) => [String(r.raw('Name')), r]));
  assert.equal(byName.get('Data_Steward')?.raw('PermissionsModifyAllData'), true);
  assert.equal(byName.get('Data_Steward')?.raw('PermissionsViewAllData'), true);
  assert.equal(byName.get('Data_Steward')?.raw('IsOwnedByProfile'), false);
  assert.equal(byName.get('Plain')?.raw('PermissionsModifyAllData'), false);
});

test('an assignment finds the users who modify all data through a permission set', () => {
  const steward = org.createUser({
    username: 'steward@sysperm.example',
    permissionSets: ['Data_Steward']
  });
  const plain = org.createUser({ username: 'plain@sysperm.example', permissionSets: ['Plain'] });
  const rows = org.query(
    'SELECT AssigneeId FROM PermissionSetAssignment WHERE AssigneeId IN :ids AND PermissionSet.PermissionsModifyAllData = TRUE',
    { ids: [steward, plain] }
  ) as ApexSObject[];
  assert.deepEqual(
    rows.map((r) => String(r.raw('AssigneeId'))),
    [steward]
  );
});
