// Standard catalogue, SFDX metadata loading and Ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { standardCatalog, Schema } from '../../src/platform/schema/schema.ts';
import { loadMetadata } from '../../src/platform/schema/metadata.ts';
import { IdGenerator } from '../../src/platform/data/ids.ts';
import { idSuffix } from '../../src/runtime/values.ts';
import { PACKAGE } from './helpers.ts';

test('the catalogue covers the objects issue 5 lists, with key prefixes (Object Reference; PLATFORM.md Ids)', () => {
  const c = standardCatalog();
  const prefixes: Record<string, string> = {
    Account: '001',
    Contact: '003',
    User: '005',
    Opportunity: '006',
    Lead: '00Q',
    Profile: '00e',
    RecordType: '012',
    ContentDocument: '069',
    Case: '500',
    AsyncApexJob: '707',
    CronTrigger: '08e',
    Group: '00G',
    Product2: '01t',
    Pricebook2: '01s',
    ContentVersion: '068',
    PermissionSet: '0PS'
  };
  for (const [name, prefix] of Object.entries(prefixes))
    assert.equal(c.objects[name]?.keyPrefix, prefix, name);
  for (const name of [
    'OpportunityLineItem',
    'Task',
    'Event',
    'PermissionSetAssignment',
    'PricebookEntry',
    'ContentDocumentLink',
    'Attachment',
    'Note',
    'Organization',
    'AccountChangeEvent',
    'ContactChangeEvent'
  ]) {
    assert.ok(c.objects[name], name);
  }
});

test('catalogue fields carry Apex types from the type tables and relationships (Contact.AccountId → Account)', () => {
  const c = standardCatalog();
  const accountId = c.objects.Contact.fields.AccountId;
  assert.equal(accountId.type, 'reference');
  assert.deepEqual(accountId.referenceTo, ['Account']);
  assert.equal(accountId.relationshipName, 'Account');
  assert.equal(c.objects.Account.fields.AnnualRevenue.apexType, 'Decimal');
  assert.equal(c.objects.Account.fields.NumberOfEmployees.apexType, 'Integer');
  assert.ok(
    c.objects.Account.childRelationships.some(
      (r) => r.relationshipName === 'Contacts' && r.field === 'AccountId'
    )
  );
  assert.ok(
    c.objects.Account.childRelationships.some(
      (r) => r.relationshipName === 'Tasks' && r.field === 'WhatId'
    )
  );
  // Opportunity: Name, StageName, CloseDate are required on create (Object Reference: Opportunity).
  for (const f of ['Name', 'StageName', 'CloseDate'])
    assert.equal(c.objects.Opportunity.fields[f].nillable, false, f);
});

test('Person Account fields exist only when the setting is on (Object Reference: Account, person account fields)', () => {
  const md = loadMetadata([]);
  assert.equal(new Schema(md).get('Account')?.field('PersonEmail'), undefined);
  assert.ok(new Schema(md, { personAccounts: true }).get('Account')?.field('PersonEmail'));
});

test('the package metadata loads: objects, master-detail, picklists, events, permission sets, custom permissions', () => {
  const md = loadMetadata(PACKAGE);
  const s = new Schema(md);
  const mapping = s.require('S2S_Object_Mapping__c');
  const conn = mapping.field('Connection__c');
  assert.equal(conn?.masterDetail, true);
  assert.equal(conn?.nillable, false);
  assert.equal(mapping.relationship('Connection__r')?.name, 'Connection__c');
  assert.ok(s.require('S2S_Connection__c').childRelationship('Object_Mappings__r'));
  const dir = s.require('S2S_Connection__c').field('Direction__c');
  assert.deepEqual(dir?.picklistValues, ['Outbound', 'Inbound', 'Bidirectional']);
  assert.equal(dir?.restrictedPicklist, true);
  assert.equal(s.require('S2S_Batch_Outcome__e').def.publishBehavior, 'PublishAfterCommit');
  assert.equal(s.require('S2S_Settings__c').def.customSettingType, 'Hierarchy');
  // The four permission sets of docs/data-model.md (test-only ones may come from unpackaged).
  for (const ps of ['S2S_Admin', 'S2S_Auditor', 'S2S_Integration', 'S2S_User']) {
    assert.ok(
      md.permissionSets.some((p) => p.name === ps),
      ps
    );
  }
  assert.ok(md.customPermissions.some((c) => c.name === 'S2S_Inbound_Apply'));
  assert.ok(s.get('S2S_Outbox__ChangeEvent'), 'every custom object has a change event type');
});

test('custom metadata records, labels, named and external credentials load from source', () => {
  const dir = mkdtempSync(join(tmpdir(), 'md-'));
  const w = (p: string, text: string): void => {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  };
  w(
    'main/objects/Feature__mdt/Feature__mdt.object-meta.xml',
    '<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><label>Feature</label><pluralLabel>Features</pluralLabel></CustomObject>'
  );
  w(
    'main/objects/Feature__mdt/fields/On__c.field-meta.xml',
    '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>On__c</fullName><label>On</label><type>Checkbox</type><defaultValue>false</defaultValue></CustomField>'
  );
  w(
    'main/customMetadata/Feature.Sync.md-meta.xml',
    '<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><label>Sync</label><protected>false</protected><values><field>On__c</field><value xsi:type="xsd:boolean">true</value></values></CustomMetadata>'
  );
  w(
    'main/labels/CustomLabels.labels-meta.xml',
    '<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata"><labels><fullName>Greeting</fullName><value>Hello</value><language>en_US</language><protected>false</protected><shortDescription>g</shortDescription></labels></CustomLabels>'
  );
  w(
    'main/namedCredentials/Peer.namedCredential-meta.xml',
    '<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata"><label>Peer</label><namedCredentialType>SecuredEndpoint</namedCredentialType><namedCredentialParameters><parameterName>Url</parameterName><parameterType>Url</parameterType><parameterValue>https://peer.example.com</parameterValue></namedCredentialParameters><namedCredentialParameters><externalCredential>PeerAuth</externalCredential><parameterName>ExternalCredential</parameterName><parameterType>Authentication</parameterType></namedCredentialParameters></NamedCredential>'
  );
  w(
    'main/externalCredentials/PeerAuth.externalCredential-meta.xml',
    '<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata"><authenticationProtocol>Oauth</authenticationProtocol><label>Peer Auth</label><externalCredentialParameters><parameterName>Integration</parameterName><parameterType>NamedPrincipal</parameterType><sequenceNumber>1</sequenceNumber></externalCredentialParameters></ExternalCredential>'
  );
  const md = loadMetadata([dir]);
  assert.deepEqual(md.customMetadata[0], {
    type: 'Feature__mdt',
    developerName: 'Sync',
    label: 'Sync',
    protected: false,
    values: { On__c: true }
  });
  assert.equal(md.labels.Greeting, 'Hello');
  assert.deepEqual(
    { url: md.namedCredentials[0].url, ec: md.namedCredentials[0].externalCredential },
    { url: 'https://peer.example.com', ec: 'PeerAuth' }
  );
  assert.deepEqual(md.externalCredentials[0].principals, [
    { name: 'Integration', type: 'NamedPrincipal', sequence: 1 }
  ]);
  const s = new Schema(md);
  assert.equal(s.require('Feature__mdt').keyPrefix, 'm00');
});

test('an unsupported field type in metadata fails loudly with the file named', () => {
  const dir = mkdtempSync(join(tmpdir(), 'md-'));
  mkdirSync(join(dir, 'objects/X__c/fields'), { recursive: true });
  writeFileSync(
    join(dir, 'objects/X__c/X__c.object-meta.xml'),
    '<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><label>X</label></CustomObject>'
  );
  writeFileSync(
    join(dir, 'objects/X__c/fields/Y__c.field-meta.xml'),
    '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Y__c</fullName><type>IndirectLookup</type></CustomField>'
  );
  assert.throws(
    () => loadMetadata([dir]),
    /Unsupported by the local org: field type IndirectLookup on X__c\.Y__c/
  );
});

test('Ids: 15-character Id + 3-character case-safe suffix (PLATFORM.md: 00ea0000001p22S→AAQ, 001D000000IqhSL→IAZ)', () => {
  assert.equal(idSuffix('00ea0000001p22S'), 'AAQ');
  assert.equal(idSuffix('001D000000IqhSL'), 'IAZ');
  const a = new IdGenerator(1);
  const b = new IdGenerator(2);
  const id1 = a.next('001');
  assert.match(id1, /^001[0-9A-Za-z]{15}$/);
  assert.equal(id1.slice(15), idSuffix(id1.slice(0, 15)));
  assert.notEqual(id1, b.next('001'), 'two orgs never mint the same Id');
  assert.notEqual(id1, a.next('001'));
});

test('compound address fields are read-only, their components writable (Object Reference, "Compound Fields")', () => {
  const contact = standardCatalog().objects.Contact;
  const field = (name: string) => {
    const f = Object.values(contact.fields).find((x) => x.name === name);
    assert.ok(f, name);
    return f;
  };
  assert.deepEqual(
    [
      field('MailingAddress').type,
      field('MailingAddress').createable,
      field('MailingAddress').updateable
    ],
    ['address', false, false]
  );
  assert.deepEqual(
    [field('MailingCity').createable, field('MailingCity').updateable],
    [true, true]
  );
});
