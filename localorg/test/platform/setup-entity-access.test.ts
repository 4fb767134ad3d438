// What a permission set enables, as data: one SetupEntityAccess row per custom permission and Apex
// class a permission set of the source enables (Object Reference, "SetupEntityAccess": ParentId the
// PermissionSet, SetupEntityId the entity, SetupEntityType CustomPermission or ApexClass), so Apex
// can list who holds a custom permission through which permission set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Org } from '../../src/platform/org.ts';
import { runtimeFor } from '../../src/runner/runner.ts';
import type { ApexSObject } from '../../src/runtime/values.ts';

const PACKAGE = fileURLToPath(new URL('../../../force-app', import.meta.url));
const org = new Org({ name: 'sea', source: [PACKAGE], runtimeFactory: runtimeFor });

test('each custom permission a permission set enables is a SetupEntityAccess row of that set', () => {
  const rows = org.query(
    "SELECT Parent.Name, SetupEntityId FROM SetupEntityAccess WHERE SetupEntityType = 'CustomPermission'"
  ) as ApexSObject[];
  const permissions = new Map(
    (org.query('SELECT Id, DeveloperName FROM CustomPermission') as ApexSObject[]).map((r) => [
      String(r.raw('Id')),
      String(r.raw('DeveloperName'))
    ])
  );
  const grants = rows
    .map((r) => {
      const parent = r.raw('Parent') as ApexSObject;
      return `${String(parent.raw('Name'))}:${permissions.get(String(r.raw('SetupEntityId')))}`;
    })
    .sort();
  // force-app/main/security/permissionsets: what S2S_Integration and S2S_Auditor enable
  assert.ok(grants.includes('S2S_Integration:S2S_Inbound_Apply'), grants.join());
  assert.ok(grants.includes('S2S_Auditor:S2S_View_Audit'), grants.join());
  assert.ok(!grants.includes('S2S_Auditor:S2S_Administer'), 'only what the set enables');
});

test('the users holding a custom permission are found through their assignments', () => {
  const auditor = org.createUser({
    username: 'auditor@sea.example',
    permissionSets: ['S2S_Auditor']
  });
  const rows = org.query(
    "SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSetId IN (SELECT ParentId FROM SetupEntityAccess WHERE SetupEntityType = 'CustomPermission' AND SetupEntityId IN (SELECT Id FROM CustomPermission WHERE DeveloperName = 'S2S_View_Audit'))"
  ) as ApexSObject[];
  assert.ok(rows.some((r) => String(r.raw('AssigneeId')) === auditor));
});

test('each Apex class a permission set enables is a SetupEntityAccess row of type ApexClass', () => {
  const rows = org.query(
    "SELECT Parent.Name FROM SetupEntityAccess WHERE SetupEntityType = 'ApexClass'"
  ) as ApexSObject[];
  assert.ok(
    rows.length > 0,
    'the package enables its controllers and resources through permission sets'
  );
});
