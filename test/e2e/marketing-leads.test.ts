// Scenario 3: Marketing -> Sales Leads in real time, only leads meeting a condition, with a
// multi-step transform chain, owners mapped by email with a default fallback. Plus the test-only
// master-detail pair with a self-lookup on the child, and record types mapped by DeveloperName.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newWorld, addOrg, connect, rows, count } from './s2s-world.ts';
import { updatePkg } from './namespace.ts';

test('Marketing -> Sales: qualified leads only, transforms applied, owner by email or default', async () => {
  const { world, orgs } = await newWorld(['marketing', 'sales']);
  const { marketing, sales } = orgs;
  connect(world, marketing, sales, {
    mappings: [
      {
        object: 'Lead',
        sequence: 10,
        filter: "Status = 'Marketing Qualified' AND Email != null",
        ownerRule: 'By_Email',
        fields: [
          { target: 'LastName' },
          { target: 'Email' },
          { target: 'FirstName', transforms: [{ type: 'default', value: 'Friend' }] },
          { target: 'Company', transforms: [{ type: 'trim' }, { type: 'upper' }] },
          {
            target: 'Description',
            expression: "CONCAT(FirstName, ' ', LastName, ' <', Email, '>')"
          },
          {
            target: 'Title',
            source: 'Status',
            transforms: [
              { type: 'valueMap', map: { 'Marketing Qualified': 'MQL' } },
              { type: 'concat', fields: ['Industry'], separator: ' / ' }
            ]
          },
          {
            target: 'City',
            source: 'Street',
            transforms: [{ type: 'split', separator: ',', index: 1 }]
          },
          {
            target: 'Website',
            transforms: [{ type: 'constant', value: 'https://marketing.example' }]
          },
          { target: 'OwnerId' }
        ]
      }
    ]
  });
  // the mapping's receiver side: owner by email
  updatePkg(sales, 'S2S_Object_Mapping__c', {
    Id: rows<{ Id: string }>(sales, 'SELECT Id FROM S2S_Object_Mapping__c')[0].Id,
    Owner_Rule__c: 'By_Email'
  });
  // users whose changes S2S Sync sends need principal access to the peer's credential
  marketing.createUser({
    username: 'alice@marketing.example',
    email: 'alice@example.com',
    profile: 'System Administrator',
    permissionSets: ['S2S_Test_Callouts']
  });
  sales.createUser({ username: 'alice@sales.example', email: 'alice@example.com' });

  marketing.insert(
    'Lead',
    [
      {
        LastName: 'Lovelace',
        FirstName: 'Ada',
        Email: 'ada@example.com',
        Company: '  Engines Ltd ',
        Status: 'Marketing Qualified',
        Industry: 'Technology',
        Street: '12 Main St, Springfield'
      },
      { LastName: 'NoEmail', Company: 'X', Status: 'Marketing Qualified' },
      { LastName: 'Cold', Email: 'cold@example.com', Company: 'Y', Status: 'Open' }
    ],
    { as: 'alice@marketing.example' }
  );
  marketing.createUser({
    username: 'bob@marketing.example',
    email: 'bob@example.com',
    profile: 'System Administrator',
    permissionSets: ['S2S_Test_Callouts']
  });
  marketing.insert(
    'Lead',
    {
      LastName: 'Hopper',
      Email: 'grace@example.com',
      Company: 'Navy',
      Status: 'Marketing Qualified'
    },
    { as: 'bob@marketing.example' }
  );
  await world.drain();

  assert.equal(count(sales, 'SELECT COUNT() FROM Lead'), 2, 'only qualified leads with an email');
  const ada = rows<Record<string, string>>(
    sales,
    "SELECT FirstName, Company, Description, Title, City, Website, OwnerId FROM Lead WHERE LastName = 'Lovelace'"
  )[0];
  assert.equal(ada.Company, 'ENGINES LTD', 'trim then upper');
  assert.equal(ada.Description, 'Ada Lovelace <ada@example.com>', 'expression');
  assert.equal(ada.Title, 'MQL / Technology', 'value map then concat');
  assert.equal(ada.City, 'Springfield', 'split');
  assert.equal(ada.Website, 'https://marketing.example', 'constant');
  const alice = rows<{ Id: string }>(
    sales,
    "SELECT Id FROM User WHERE Username = 'alice@sales.example'"
  )[0];
  assert.equal(ada.OwnerId, alice.Id, 'owner matched by email');
  const grace = rows<Record<string, string>>(
    sales,
    "SELECT FirstName, OwnerId FROM Lead WHERE LastName = 'Hopper'"
  )[0];
  assert.equal(grace.FirstName, 'Friend', 'default for a blank value');
  const integration = rows<{ Id: string }>(
    sales,
    "SELECT Id FROM User WHERE Username = 'integration@sales.example'"
  )[0];
  assert.equal(grace.OwnerId, integration.Id, 'no matching owner: the connection default owner');

  marketing.update('Lead', {
    Id: rows<{ Id: string }>(marketing, "SELECT Id FROM Lead WHERE LastName = 'Cold'")[0].Id,
    Status: 'Marketing Qualified'
  });
  await world.drain();
  assert.equal(
    count(sales, "SELECT COUNT() FROM Lead WHERE LastName = 'Cold'"),
    1,
    'a lead that starts meeting the condition is sent whole'
  );
});

test('custom objects: master-detail parent and children with a self-lookup keep their relationships', async () => {
  const { world, orgs } = await newWorld(['hub', 'spoke']);
  const { hub, spoke } = orgs;
  connect(world, hub, spoke, {
    permissionSets: ['S2S_Test_Objects'],
    mappings: [
      {
        object: 'S2S_Test_Parent__c',
        sequence: 10,
        fields: [{ target: 'Name' }, { target: 'External_Id__c' }, { target: 'Region__c' }]
      },
      {
        object: 'S2S_Test_Child__c',
        sequence: 20,
        fields: [
          { target: 'Name' },
          { target: 'Parent__c' },
          { target: 'Related_Child__c' },
          { target: 'Quantity__c' }
        ]
      }
    ]
  });
  const [parent] = hub.insert('S2S_Test_Parent__c', {
    Name: 'Order 1',
    External_Id__c: 'O-1',
    Region__c: 'EMEA'
  });
  const [first] = hub.insert('S2S_Test_Child__c', {
    Name: 'Line 1',
    Parent__c: parent,
    Quantity__c: 3
  });
  hub.insert('S2S_Test_Child__c', {
    Name: 'Line 2',
    Parent__c: parent,
    Related_Child__c: first,
    Quantity__c: 5
  });
  await world.drain();
  const lines = rows<{
    Name: string;
    Parent__r: { Name: string };
    Related_Child__r?: { Name: string };
    Quantity__c: number;
  }>(
    spoke,
    'SELECT Name, Parent__r.Name, Related_Child__r.Name, Quantity__c FROM S2S_Test_Child__c ORDER BY Name'
  );
  assert.equal(lines.length, 2, 'both children arrived');
  assert.equal(lines[0].Parent__r.Name, 'Order 1', 'master-detail resolved');
  assert.equal(lines[1].Related_Child__r?.Name, 'Line 1', 'self-lookup resolved');
  assert.equal(lines[1].Quantity__c, 5, 'number value');
});

test('Marketing -> Sales: a Lead keeps its record type by DeveloperName; one the target lacks is rejected and audited', async () => {
  const { world, orgs } = await newWorld(['sales']);
  const { sales } = orgs;
  // Marketing has one more Lead record type than Sales: Event_Attendee exists only there.
  const extra = mkdtempSync(join(tmpdir(), 'marketing-only-'));
  mkdirSync(join(extra, 'objects/Lead/recordTypes'), { recursive: true });
  writeFileSync(
    join(extra, 'objects/Lead/recordTypes/Event_Attendee.recordType-meta.xml'),
    '<?xml version="1.0" encoding="UTF-8"?>\n<RecordType xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
      '    <fullName>Event_Attendee</fullName>\n    <active>true</active>\n    <label>Event Attendee</label>\n</RecordType>\n'
  );
  const marketing = await addOrg(world, 'marketing', [extra]);
  connect(world, marketing, sales, {
    // the receiver's integration user gets the test objects' record types
    permissionSets: ['S2S_Test_Objects'],
    mappings: [
      {
        object: 'Lead',
        sequence: 10,
        filter: "Status = 'Marketing Qualified' AND Email != null",
        fields: [
          { target: 'LastName' },
          { target: 'Company' },
          { target: 'Email' },
          { target: 'RecordTypeId' }
        ]
      }
    ]
  });
  const fieldMappings = rows<{ Source_Field__c: string; Target_Field__c: string }>(
    marketing,
    "SELECT Source_Field__c, Target_Field__c FROM S2S_Field_Mapping__c WHERE Target_Field__c = 'RecordTypeId'"
  );
  assert.deepEqual(
    fieldMappings.map((f) => [f.Source_Field__c, f.Target_Field__c]),
    [['RecordTypeId', 'RecordTypeId']],
    'the mapping sends RecordTypeId'
  );
  const recordTypeId = (org: typeof sales, developerName: string): string =>
    rows<{ Id: string }>(
      org,
      `SELECT Id FROM RecordType WHERE SobjectType = 'Lead' AND DeveloperName = '${developerName}'`
    )[0].Id;
  const marketingPartner = recordTypeId(marketing, 'Partner');
  const salesPartner = recordTypeId(sales, 'Partner');
  assert.notEqual(marketingPartner, salesPartner, 'each org has its own record type Ids');
  assert.equal(
    count(sales, "SELECT COUNT() FROM RecordType WHERE DeveloperName = 'Event_Attendee'"),
    0,
    'Sales lacks Event_Attendee'
  );

  const lead = (lastName: string, recordType?: string): Record<string, unknown> => ({
    LastName: lastName,
    Company: 'Acme',
    Email: `${lastName.toLowerCase()}@example.com`,
    Status: 'Marketing Qualified',
    ...(recordType ? { RecordTypeId: recordTypeId(marketing, recordType) } : {})
  });
  const [, attendeeId] = marketing.insert('Lead', [
    lead('Partnered', 'Partner'),
    lead('Attendee', 'Event_Attendee'),
    lead('Untyped')
  ]);
  await world.drain();

  const arrived = rows<{
    LastName: string;
    RecordTypeId: string | null;
    RecordType?: { DeveloperName: string };
  }>(sales, 'SELECT LastName, RecordTypeId, RecordType.DeveloperName FROM Lead ORDER BY LastName');
  assert.deepEqual(
    arrived.map((l) => l.LastName),
    ['Partnered', 'Untyped'],
    'the lead with an unknown record type is not applied'
  );
  assert.equal(arrived[0].RecordTypeId, salesPartner, "Sales' own Partner record type Id");
  assert.equal(arrived[0].RecordType?.DeveloperName, 'Partner');
  assert.equal(arrived[1].RecordTypeId, null, 'no record type sent: the Master of the receiver');

  const rejected = rows<{ Outcome__c: string; Error__c: string; Remote_Record_Id__c: string }>(
    sales,
    "SELECT Outcome__c, Error__c, Remote_Record_Id__c FROM S2S_Audit_Log__c WHERE Stage__c = 'Rejected'"
  );
  assert.equal(rejected.length, 1, 'the rejection is audited in Sales');
  assert.equal(rejected[0].Outcome__c, 'Failure');
  assert.match(rejected[0].Error__c, /Record type Event_Attendee does not exist on Lead/);
  assert.equal(rejected[0].Remote_Record_Id__c, attendeeId, 'names the Marketing record');
  const outbox = rows<{ Status__c: string; Last_Error__c: string }>(
    marketing,
    `SELECT Status__c, Last_Error__c FROM S2S_Outbox__c WHERE Record_Id__c = '${attendeeId}'`
  );
  assert.equal(outbox.length, 1, 'the change is kept in the sender');
  assert.equal(
    outbox[0].Status__c,
    'Parked',
    'parked at once: a retry cannot create the record type'
  );
  assert.match(outbox[0].Last_Error__c, /Record type Event_Attendee does not exist on Lead/);
  assert.ok(
    count(
      marketing,
      `SELECT COUNT() FROM S2S_Audit_Log__c WHERE Local_Record_Id__c = '${attendeeId}' AND Outcome__c = 'Failure'`
    ) >= 1,
    'and audited in Marketing'
  );

  // A change of record type travels too, again by DeveloperName.
  const partneredId = rows<{ Id: string }>(
    marketing,
    "SELECT Id FROM Lead WHERE LastName = 'Partnered'"
  )[0].Id;
  marketing.update('Lead', { Id: partneredId, RecordTypeId: recordTypeId(marketing, 'Direct') });
  await world.drain();
  assert.equal(
    rows<{ RecordTypeId: string }>(
      sales,
      "SELECT RecordTypeId FROM Lead WHERE LastName = 'Partnered'"
    )[0].RecordTypeId,
    recordTypeId(sales, 'Direct'),
    "now Sales' Direct"
  );
});
