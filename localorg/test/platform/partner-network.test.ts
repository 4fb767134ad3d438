// The native Salesforce to Salesforce setup objects (catalog/partner-network.ts) and the World
// helper that connects two orgs natively (world/native-s2s.ts).
// Cited: Object Reference for the Salesforce Platform, "PartnerNetworkConnection" (calls create(),
// describeSObjects(), query(), retrieve(); ConnectionStatus values; key prefix 0BM),
// "PartnerNetworkRecordConnection" (calls create(), query(); ConnectionId, LocalRecordId,
// ParentRecordId, RelatedRecords, Send* have Create; PartnerRecordId, StartDate, EndDate and Status
// are read-only; Status values Active (sent), Active (received), Connected, Inactive...),
// "PartnerNetworkSyncLog" (read-only: describeSObjects(), getDeleted(), getUpdated(), query(),
// retrieve(), search()).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { ApexSObject } from '../../src/runtime/values.ts';
import { World } from '../../src/platform/index.ts';
import { addNativeLink, connectNatively } from '../../src/platform/world/native-s2s.ts';
import { runtimeFor } from '../../src/runner/runner.ts';

const TWO_ORG = fileURLToPath(new URL('./fixtures/two-org', import.meta.url));

async function twoOrgs() {
  const world = new World({ runtimeFactory: runtimeFor, start: '2026-11-26T00:00:00Z' });
  const sales = await world.createOrg({ name: 'sales', source: [TWO_ORG] });
  const service = await world.createOrg({ name: 'service', source: [TWO_ORG] });
  return { world, sales, service };
}

test('describe: the PartnerNetwork objects with their documented fields and properties', async () => {
  const { sales } = await twoOrgs();
  const r = sales.executeAnonymous(`
    Schema.DescribeSObjectResult c = Schema.getGlobalDescribe().get('PartnerNetworkConnection').getDescribe();
    System.assertEquals('0BM', c.getKeyPrefix());
    System.assertEquals(false, c.isUpdateable());
    System.assertEquals(false, c.isDeletable());
    Map<String, Schema.SObjectField> cf = c.fields.getMap();
    for (String f : new List<String>{ 'AccountId', 'ConnectionName', 'ConnectionStatus', 'ContactId', 'PrimaryContactId', 'ResponseDate', 'CreatedDate' }) {
      System.assert(cf.containsKey(f.toLowerCase()), 'PartnerNetworkConnection.' + f);
      System.assertEquals(false, cf.get(f.toLowerCase()).getDescribe().isUpdateable(), f + ' read-only');
    }
    List<String> statuses = new List<String>();
    for (Schema.PicklistEntry e : cf.get('connectionstatus').getDescribe().getPicklistValues()) statuses.add(e.getValue());
    System.assert(statuses.contains('Accepted') && statuses.contains('Inactive'), String.valueOf(statuses));
    Schema.DescribeSObjectResult l = Schema.getGlobalDescribe().get('PartnerNetworkRecordConnection').getDescribe();
    Map<String, Schema.SObjectField> lf = l.fields.getMap();
    for (String f : new List<String>{ 'ConnectionId', 'LocalRecordId', 'ParentRecordId', 'RelatedRecords', 'SendClosedTasks', 'SendEmails', 'SendOpenTasks' }) {
      System.assertEquals(true, lf.get(f.toLowerCase()).getDescribe().isCreateable(), f + ' createable');
      System.assertEquals(false, lf.get(f.toLowerCase()).getDescribe().isUpdateable(), f + ' not updateable');
    }
    for (String f : new List<String>{ 'PartnerRecordId', 'StartDate', 'EndDate', 'Status' }) {
      System.assertEquals(false, lf.get(f.toLowerCase()).getDescribe().isCreateable(), f + ' read-only');
    }
    System.assertEquals(false, l.isUpdateable());
    System.assertEquals(false, l.isDeletable());
    Schema.DescribeSObjectResult s = Schema.getGlobalDescribe().get('PartnerNetworkSyncLog').getDescribe();
    System.assertEquals(false, s.isCreateable());
    System.assert(s.fields.getMap().containsKey('entitytype'));
  `);
  assert.ok(r.success, r.exceptionMessage ?? r.compileProblem ?? '');
});

test('DML: Apex can neither create a connection nor update or delete a shared record row', async () => {
  const { sales, service } = await twoOrgs();
  const [account] = sales.insert('Account', [{ Name: 'Acme' }]);
  const { connectionIds } = connectNatively(sales, service, {
    share: [{ from: sales, object: 'Account', ids: [account], fields: ['Name'] }]
  });
  for (const [apex, expected] of [
    [`insert new PartnerNetworkConnection();`, /Insert not allowed on PartnerNetworkConnection/],
    [
      `SObject l = Database.query('SELECT Id FROM PartnerNetworkRecordConnection LIMIT 1'); update l;`,
      /Update not allowed on PartnerNetworkRecordConnection/
    ],
    [
      `SObject l = Database.query('SELECT Id FROM PartnerNetworkRecordConnection LIMIT 1'); delete l;`,
      /PartnerNetworkRecordConnection/
    ]
  ] as const) {
    const r = sales.executeAnonymous(apex);
    assert.equal(r.success, false, apex);
    assert.match(r.exceptionMessage ?? '', expected);
  }
  const rows = sales.query(
    'SELECT ConnectionId, LocalRecordId, PartnerRecordId, Status FROM PartnerNetworkRecordConnection'
  ) as ApexSObject[];
  assert.equal(rows.length, 1, 'the row is still there');
  assert.equal(String(rows[0].raw('ConnectionId')), connectionIds.sales);
});

test('connectNatively: copies shared records, follows lookups to shared parents, links both sides', async () => {
  const { sales, service } = await twoOrgs();
  const accounts = sales.insert('Account', [{ Name: 'Acme' }, { Name: 'Globex' }]);
  const contacts = sales.insert('Contact', [
    { LastName: 'Ames', AccountId: accounts[0] },
    { LastName: 'Gray', AccountId: accounts[1] }
  ]);
  const { connectionIds, pairs } = connectNatively(sales, service, {
    share: [
      { from: sales, object: 'Account', ids: [accounts[0]], fields: ['Name'] },
      { from: sales, object: 'Contact', ids: contacts, fields: ['LastName', 'AccountId'] }
    ]
  });
  assert.equal(pairs.length, 3);
  const conn = service.query(
    'SELECT ConnectionName, ConnectionStatus FROM PartnerNetworkConnection'
  ) as ApexSObject[];
  assert.deepEqual(
    conn.map((c) => [c.raw('ConnectionName'), c.raw('ConnectionStatus')]),
    [['sales', 'Accepted']]
  );
  const copies = service.query(
    'SELECT Id, LastName, AccountId FROM Contact ORDER BY LastName'
  ) as ApexSObject[];
  const acmeCopy = pairs.find((p) => p.sentId === accounts[0])?.receivedId;
  assert.equal(
    String(copies[0].raw('AccountId')),
    acmeCopy,
    'a lookup to a shared parent points to its copy'
  );
  assert.equal(copies[1].raw('AccountId'), null, 'a lookup to a parent not shared stays empty');
  const sent = sales.query(
    `SELECT LocalRecordId, PartnerRecordId, Status FROM PartnerNetworkRecordConnection WHERE ConnectionId = '${connectionIds.sales}' ORDER BY LocalRecordId`
  ) as ApexSObject[];
  const received = service.query(
    `SELECT LocalRecordId, PartnerRecordId, Status FROM PartnerNetworkRecordConnection WHERE Status = 'Active (received)'`
  ) as ApexSObject[];
  assert.equal(sent.length, 3);
  assert.equal(received.length, 3);
  for (const p of pairs) {
    const s = sent.find((r) => String(r.raw('LocalRecordId')) === p.sentId);
    const r = received.find((x) => String(x.raw('LocalRecordId')) === p.receivedId);
    assert.equal(String(s?.raw('PartnerRecordId')), p.receivedId);
    assert.equal(s?.raw('Status'), 'Active (sent)');
    assert.equal(String(r?.raw('PartnerRecordId')), p.sentId);
  }
  // a record forwarded but never accepted, and one whose sharing stopped
  const [pending] = sales.insert('Account', [{ Name: 'Initech' }]);
  addNativeLink(sales, connectionIds.sales, { localId: pending, status: 'Pending (sent)' });
  const stopped = sales.query(
    `SELECT COUNT() FROM PartnerNetworkRecordConnection WHERE PartnerRecordId = null`
  );
  assert.equal(stopped, 1);
});
