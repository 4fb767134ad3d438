// Least privilege through the receiving org's standard REST API (docs/security.md): the integration
// user a peer calls in as may reach the inbound endpoint, but not the engine's own objects, which the
// engine writes in system mode; S2S users and auditors never read payloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handleRest } from '../../localorg/src/platform/index.ts';
import { newWorld, connect, rows, count } from './s2s-world.ts';
import { apexRestPath, pkg, pkgRecord, updatePkg } from './namespace.ts';

const ACCOUNT = {
  object: 'Account',
  sequence: 10,
  fields: [{ target: 'Name' }, { target: 'Phone' }]
};

type Org = Awaited<ReturnType<typeof newWorld>>['orgs'][string];

function call(
  org: Org,
  userId: string,
  method: string,
  path: string,
  body?: unknown
): { status: number; body: unknown } {
  const res = handleRest(
    org,
    {
      method,
      // the REST API names the package's objects and fields with its prefix (pkg)
      endpoint: pkg(path),
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? '' : JSON.stringify(pkgRecord(body as Record<string, unknown>)),
      timeoutMs: 10_000
    },
    userId
  );
  return { status: res.status, body: res.body ? JSON.parse(res.body) : null };
}

const DATA = '/services/data/v65.0';
const query = (soql: string) => `${DATA}/query?q=${encodeURIComponent(pkg(soql))}`;

/** Two orgs with one Account synced, so the receiver holds a crosswalk row, a ledger and audit. */
async function syncedPair() {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  connect(world, sales, service, { mappings: [ACCOUNT] });
  sales.insert('Account', { Name: 'Globex', Phone: '1' });
  await world.drain();
  const victim = service.insert('Account', { Name: 'Unrelated' })[0];
  const [crosswalk] = rows<{ Id: string; Local_Id__c: string }>(
    service,
    'SELECT Id, Local_Id__c FROM S2S_Crosswalk__c'
  );
  assert.ok(crosswalk, 'the synced Account has a crosswalk row in the receiver');
  return { world, sales, service, victim, crosswalk };
}

test('the integration user cannot repoint a crosswalk, queue outbox rows, touch the ledger or forge audit through the standard API', async () => {
  const { world, sales, service, victim, crosswalk } = await syncedPair();
  const integration = service.userIdByUsername('integration@service.example');

  const repoint = call(
    service,
    integration,
    'PATCH',
    `${DATA}/sobjects/S2S_Crosswalk__c/${crosswalk.Id}`,
    { Local_Id__c: victim }
  );
  assert.equal(repoint.status, 404, `crosswalk repoint refused: ${JSON.stringify(repoint.body)}`);
  assert.equal(
    rows<{ Local_Id__c: string }>(service, 'SELECT Local_Id__c FROM S2S_Crosswalk__c')[0]
      .Local_Id__c,
    crosswalk.Local_Id__c,
    'the crosswalk still names the synced record'
  );

  const connectionId = rows<{ Id: string }>(service, 'SELECT Id FROM S2S_Connection__c')[0].Id;
  const outbox = call(service, integration, 'POST', `${DATA}/sobjects/S2S_Outbox__c`, {
    Connection__c: connectionId,
    Record_Id__c: victim,
    Object_Name__c: 'Account',
    Operation__c: 'Delete',
    Status__c: 'Pending'
  });
  assert.equal(outbox.status, 404, `outbox insert refused: ${JSON.stringify(outbox.body)}`);
  assert.equal(count(service, 'SELECT COUNT() FROM S2S_Outbox__c'), 0, 'no outbox row queued');

  const audits = count(service, 'SELECT COUNT() FROM S2S_Audit_Log__c');
  const forged = call(service, integration, 'POST', `${DATA}/sobjects/S2S_Audit_Log__c`, {
    Operation__c: 'Upsert',
    Stage__c: 'Apply',
    Outcome__c: 'Success',
    Object_Name__c: 'Account'
  });
  assert.equal(forged.status, 404, `audit forgery refused: ${JSON.stringify(forged.body)}`);
  assert.equal(count(service, 'SELECT COUNT() FROM S2S_Audit_Log__c'), audits, 'no audit forged');

  for (const object of ['S2S_Crosswalk__c', 'S2S_Inbound_Ledger__c', 'S2S_Outbox__c']) {
    const read = call(service, integration, 'GET', query(`SELECT Id FROM ${object}`));
    assert.equal(read.status, 400, `${object} is not readable: ${JSON.stringify(read.body)}`);
  }

  // and the engine, writing in system mode, still syncs as that same user
  sales.update('Account', {
    Id: rows<{ Id: string }>(sales, 'SELECT Id FROM Account')[0].Id,
    Phone: '2'
  });
  await world.drain();
  assert.equal(
    rows<{ Phone: string }>(service, "SELECT Phone FROM Account WHERE Name = 'Globex'")[0].Phone,
    '2'
  );
});

test('S2S users and auditors read no payload; auditors read the audit log only', async () => {
  const { service } = await syncedPair();
  const user = service.createUser({
    username: 'user@service.example',
    permissionSets: ['S2S_User']
  });
  const auditor = service.createUser({
    username: 'auditor@service.example',
    permissionSets: ['S2S_Auditor']
  });
  for (const id of [user, auditor]) {
    for (const soql of [
      'SELECT Payload__c FROM S2S_Outbox__c',
      'SELECT Held_Change__c FROM S2S_Inbound_Ledger__c',
      'SELECT Local_Id__c FROM S2S_Crosswalk__c'
    ]) {
      assert.equal(call(service, id, 'GET', query(soql)).status, 400, soql);
    }
  }
  // nor do S2S admins: payloads and held changes are the engine's (scripts/metadata/permissions.mjs)
  const admin = service.createUser({
    username: 'admin-ui@service.example',
    permissionSets: ['S2S_Admin']
  });
  for (const soql of [
    'SELECT Payload__c FROM S2S_Outbox__c',
    'SELECT Held_Change__c FROM S2S_Inbound_Ledger__c',
    'SELECT Outbox_Updates__c, Audit_Entries__c FROM S2S_Delivery_Receipt__c'
  ]) {
    assert.equal(call(service, admin, 'GET', query(soql)).status, 400, `an admin: ${soql}`);
  }
  const audit = call(service, auditor, 'GET', query('SELECT Outcome__c FROM S2S_Audit_Log__c'));
  assert.equal(audit.status, 200, JSON.stringify(audit.body));
  assert.ok((audit.body as { totalSize: number }).totalSize > 0, 'the auditor reads the audit');
  assert.equal(
    call(service, auditor, 'GET', query('SELECT Filter__c FROM S2S_Object_Mapping__c')).status,
    400,
    'nor the mappings'
  );
});

// A hub with two spokes. Each hub connection names the user its spoke logs in as; a request is
// served only for the connection whose user is calling, whatever `sourceOrgId` it claims.
async function hubWithTwoSpokes(users: { a: string; b: string }) {
  const { world, orgs } = await newWorld(['hub', 'a', 'b']);
  const { hub, a, b } = orgs;
  const links = {
    a: connect(world, a, hub, { mappings: [ACCOUNT] }),
    b: connect(world, b, hub, { mappings: [ACCOUNT] })
  };
  for (const [spoke, username] of Object.entries(users) as ['a' | 'b', string][]) {
    world.connect(orgs[spoke], 'S2S_Peer', hub, {
      user: username,
      permissionSets: ['S2S_Integration']
    });
    updatePkg(hub, 'S2S_Connection__c', {
      Id: links[spoke].receiverConnectionId,
      Inbound_Usernames__c: username
    });
  }
  return { world, hub, a, b, links };
}

function postAs(hub: Org, username: string, sourceOrgId: string, name: string) {
  return call(hub, hub.userIdByUsername(username), 'POST', apexRestPath('s2s/v1/changes'), {
    envelopeVersion: 2,
    sourceOrgId,
    batchId: 'b',
    changes: [
      {
        key: `k-${name}`,
        sourceId: '001000000000777AAA',
        version: 1,
        operation: 'Upsert',
        object: 'Account',
        values: { Name: name },
        lookups: {}
      }
    ]
  });
}

test('a spoke cannot act as another spoke: the hub refuses (403, audited) a caller that is not the claimed connection’s user', async () => {
  const { world, hub, a, b, links } = await hubWithTwoSpokes({
    a: 'spoke-a@hub.example',
    b: 'spoke-b@hub.example'
  });
  const forged = postAs(hub, 'spoke-a@hub.example', b.organizationId, 'Forged');
  assert.equal(forged.status, 403, JSON.stringify(forged.body));
  assert.match(
    JSON.stringify(forged.body),
    /spoke-a@hub\.example is not an inbound integration user/
  );
  assert.equal(count(hub, "SELECT COUNT() FROM Account WHERE Name = 'Forged'"), 0);
  const audit = rows<{ Connection__c: string; Error__c: string }>(
    hub,
    "SELECT Connection__c, Error__c FROM S2S_Audit_Log__c WHERE Stage__c = 'Rejected' AND Operation__c = 'Receive'"
  );
  assert.equal(audit.length, 1, 'the refusal is audited');
  assert.equal(audit[0].Connection__c, links.b.receiverConnectionId, 'on the claimed connection');

  // each spoke, calling in as its own user, still syncs end to end
  a.insert('Account', { Name: 'From A' });
  b.insert('Account', { Name: 'From B' });
  await world.drain();
  assert.equal(count(hub, "SELECT COUNT() FROM Account WHERE Name IN ('From A', 'From B')"), 2);
});

test('spokes sharing one hub user are both served when both connections name it (sharing a user trusts both alike)', async () => {
  const { world, hub, a, b } = await hubWithTwoSpokes({
    a: 'shared@hub.example',
    b: 'shared@hub.example'
  });
  assert.equal(postAs(hub, 'shared@hub.example', b.organizationId, 'As B').status, 200);
  assert.equal(postAs(hub, 'shared@hub.example', a.organizationId, 'As A').status, 200);
  a.insert('Account', { Name: 'From A' });
  await world.drain();
  assert.equal(
    count(hub, "SELECT COUNT() FROM Account WHERE Name IN ('As A', 'As B', 'From A')"),
    3
  );
});
