// @ts-check
// The package's permission sets grant nothing beyond the tables of docs/security.md
// (scripts/metadata/permissions.mjs, run by the metadata step), and those tables keep least
// privilege: the integration user has no access to the engine's objects, nobody reads payloads,
// auditors read the audit log.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ENGINE_ONLY_FIELDS, checkPermissionSets, grantsOf } from '../metadata/permissions.mjs';
import { ROOT } from './project-copy.mjs';

const SETS = path.join(ROOT, 'force-app/main/security/permissionsets');
/** @param {string} name */
const grants = (name) =>
  grantsOf(fs.readFileSync(path.join(SETS, `${name}.permissionset-meta.xml`), 'utf8'));

test('every permission set of the package matches its table in docs/security.md', () => {
  const { permissionSets, problems } = checkPermissionSets(ROOT);
  assert.ok(permissionSets >= 4, `permission sets found: ${permissionSets}`);
  assert.deepEqual(problems, []);
});

test('the integration user reaches the endpoints only: no object, no field', () => {
  const keys = [...grants('S2S_Integration').keys()].sort();
  assert.deepEqual(keys, [
    'class S2SInboundResource',
    'class S2SLoadResource',
    'class S2SReconcileResource',
    'custom permission S2S_Inbound_Apply'
  ]);
});

test('no permission set reads a payload or a held change, or writes an engine object', () => {
  for (const file of fs.readdirSync(SETS)) {
    const name = file.replace('.permissionset-meta.xml', '');
    for (const [key, access] of grants(name)) {
      assert.ok(
        !/S2S_Outbox__c\.Payload__c|S2S_Inbound_Ledger__c\.Held_Change__c/.test(key),
        `${name} grants ${key}`
      );
      if (
        /^(object|field) S2S_(Outbox|Crosswalk|Inbound_Ledger|Audit_Log|Mapping_Version)__c/.test(
          key
        )
      ) {
        assert.deepEqual(
          [...access].filter((a) => !['read', 'view all'].includes(a)),
          [],
          `${name} may only read ${key}`
        );
      }
    }
  }
});

test('auditors read the audit log and connection names, nothing else of S2S', () => {
  const objects = [...grants('S2S_Auditor').keys()].filter((k) => k.startsWith('object '));
  assert.deepEqual(objects.sort(), ['object S2S_Audit_Log__c', 'object S2S_Connection__c']);
  const fields = [...grants('S2S_Auditor').keys()].filter((k) => k.startsWith('field '));
  assert.ok(
    fields.every((k) => k.startsWith('field S2S_Audit_Log__c.')),
    fields.join()
  );
});

test('analysts read mappings and versions and write no S2S object; only admins administer', () => {
  const analyst = grants('S2S_Analyst');
  assert.ok(analyst.has('custom permission S2S_Propose_Mapping_Change'));
  assert.ok(!analyst.has('custom permission S2S_Administer'), 'an analyst cannot activate');
  for (const [key, access] of analyst) {
    if (/^(object|field) /.test(key)) {
      assert.deepEqual(
        [...access].filter((a) => !['read', 'view all'].includes(a)),
        [],
        `S2S_Analyst may only read ${key}`
      );
    }
  }
});

/**
 * A tiny project: one permission set and a docs/security.md table.
 * @param {string} body the permission set's elements
 * @param {string} rows the table's rows
 */
function tinyProject(body, rows) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's2s-perms-'));
  fs.writeFileSync(
    path.join(dir, 'sfdx-project.json'),
    JSON.stringify({
      packageDirectories: [
        { path: 'force-app', default: true, package: 'S2S Sync' },
        { path: 'unpackaged' }
      ]
    })
  );
  fs.mkdirSync(path.join(dir, 'force-app/main/permissionsets'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'force-app/main/permissionsets/S2S_Integration.permissionset-meta.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">${body}<label>L</label></PermissionSet>`
  );
  fs.mkdirSync(path.join(dir, 'unpackaged/main/permissionsets'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'unpackaged/main/permissionsets/S2S_Test_Only.permissionset-meta.xml'),
    '<PermissionSet><classAccesses><apexClass>X</apexClass><enabled>true</enabled></classAccesses></PermissionSet>'
  );
  fs.mkdirSync(path.join(dir, 'docs'));
  fs.writeFileSync(
    path.join(dir, 'docs/security.md'),
    `# Security\n\n### S2S_Integration\n\n| Component | Kind | Access | Why |\n| --- | --- | --- | --- |\n${rows}\n`
  );
  return dir;
}

const CLASS =
  '<classAccesses><apexClass>S2SInboundResource</apexClass><enabled>true</enabled></classAccesses>';
const CLASS_ROW = '| `S2SInboundResource` | class | enabled | the endpoint |';

test('a grant missing from the table fails, naming the permission set and the grant', () => {
  const dir = tinyProject(
    `${CLASS}<objectPermissions><allowCreate>true</allowCreate><allowDelete>false</allowDelete><allowEdit>true</allowEdit><allowRead>true</allowRead><modifyAllRecords>false</modifyAllRecords><object>S2S_Crosswalk__c</object><viewAllRecords>false</viewAllRecords></objectPermissions>`,
    CLASS_ROW
  );
  const { problems } = checkPermissionSets(dir);
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(
    problems[0],
    /S2S_Integration grants object S2S_Crosswalk__c \(read, create, edit\) beyond the table/
  );
});

test('more access than the row documents fails; a row that is not granted fails', () => {
  const wider = tinyProject(
    `${CLASS}<fieldPermissions><editable>true</editable><field>S2S_Audit_Log__c.Error__c</field><readable>true</readable></fieldPermissions>`,
    `${CLASS_ROW}\n| \`S2S_Audit_Log__c.Error__c\` | field | read | shown |`
  );
  assert.match(
    checkPermissionSets(wider).problems.join('\n'),
    /grants field S2S_Audit_Log__c\.Error__c \(edit\) beyond the table/
  );
  const stale = tinyProject(
    CLASS,
    `${CLASS_ROW}\n| \`S2S_Inbound_Apply\` | custom permission | enabled | gate |`
  );
  assert.match(
    checkPermissionSets(stale).problems.join('\n'),
    /lists custom permission S2S_Inbound_Apply \(enabled\), which .* does not grant/
  );
  // and the test-only permission sets of unpackaged/ are not the package's: not checked
  assert.deepEqual(checkPermissionSets(tinyProject(CLASS, CLASS_ROW)).problems, []);
});

test('an undocumented permission set, or a malformed row, fails', () => {
  const dir = tinyProject(CLASS, '| S2SInboundResource | class | enabled | no backticks |');
  const problems = checkPermissionSets(dir).problems.join('\n');
  assert.match(problems, /a permission row needs components in backticks/);
  fs.writeFileSync(path.join(dir, 'docs/security.md'), '# Security\n');
  assert.match(
    checkPermissionSets(dir).problems.join('\n'),
    /permission set S2S_Integration has no "### S2S_Integration" table/
  );
});

test('a payload field fails even when its row documents it: only the engine reads payloads', () => {
  for (const field of ENGINE_ONLY_FIELDS) {
    const dir = tinyProject(
      `${CLASS}<fieldPermissions><editable>false</editable><field>${field}</field><readable>true</readable></fieldPermissions>`,
      `${CLASS_ROW}\n| \`${field}\` | field | read | someone wanted it |`
    );
    const problems = checkPermissionSets(dir).problems;
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(
      problems[0],
      new RegExp(`grants ${field.replace('.', '\\.')}, which only the engine may read`)
    );
  }
});
