// The native Salesforce to Salesforce setup objects (PartnerNetwork*), hand-described: the Apex Dev
// Tools type tables (sobject-types jar) do not carry them, so generate.ts cannot. Sources, Object
// Reference for the Salesforce Platform (docs corpus):
// - PartnerNetworkConnection: developer.salesforce.com/docs/platform/object-reference/references/
//   standard-objects/object-partnernetworkconnection.html — calls create(), describeSObjects(),
//   query(), retrieve(); no field has the Create or Update property; ConnectionName limit 295
//   characters (field reference); key prefix 0BM ("Connection – Salesforce to Salesforce").
// - PartnerNetworkRecordConnection: atlas.en-us.264.0.object_reference ...
//   sforce_api_objects_partnernetworkrecordconnection.htm — calls create(), query() (no update, no
//   delete); ConnectionId, LocalRecordId, ParentRecordId, RelatedRecords, SendClosedTasks,
//   SendEmails, SendOpenTasks have Create; PartnerRecordId, StartDate, EndDate, Status are read-only;
//   Status is a restricted picklist.
// - PartnerNetworkSyncLog: atlas.en-us.200.0.object_reference ... sforce_api_objects_partnernetworksynclog.htm
//   — describeSObjects(), getDeleted(), getUpdated(), query(), retrieve(), search(): read-only.
// What the local org does not model, and refuses: creating a connection (an invitation e-mailed to
// the partner: the object is not createable here), and forwarding a record by inserting a
// PartnerNetworkRecordConnection (the platform shares it with the partner asynchronously: insert is
// refused here with "DML operation Insert not allowed"). World.connectNatively writes both sides.
// The key prefixes of PartnerNetworkRecordConnection and PartnerNetworkSyncLog are not in the
// Object Reference: 0BN and 0BO are the local org's own choices (only their shape matters).
import type { CatalogField, CatalogObject } from '../src/platform/schema/catalog-types.ts';

function field(name: string, type: string, opts: Partial<CatalogField> = {}): CatalogField {
  const apexType =
    type === 'id' || type === 'reference'
      ? 'Id'
      : type === 'boolean'
        ? 'Boolean'
        : type === 'datetime'
          ? 'Datetime'
          : 'String';
  return {
    name,
    type,
    apexType,
    length: type === 'id' ? 18 : 0,
    nillable: type !== 'boolean' && type !== 'id',
    createable: false,
    updateable: false,
    defaultedOnCreate: false,
    label: name.replace(/Id$/, ' ID').replace(/([a-z0-9])([A-Z])/g, '$1 $2'),
    ...opts
  };
}

function systemFields(objectName: string): Record<string, CatalogField> {
  return {
    Id: field('Id', 'id', { idLookup: true, label: `${objectName} ID`, defaultedOnCreate: true }),
    IsDeleted: field('IsDeleted', 'boolean', { defaultedOnCreate: true }),
    CreatedDate: field('CreatedDate', 'datetime', { nillable: false, defaultedOnCreate: true }),
    CreatedById: field('CreatedById', 'reference', {
      nillable: false,
      defaultedOnCreate: true,
      referenceTo: ['User'],
      relationshipName: 'CreatedBy'
    }),
    LastModifiedDate: field('LastModifiedDate', 'datetime', {
      nillable: false,
      defaultedOnCreate: true
    }),
    LastModifiedById: field('LastModifiedById', 'reference', {
      nillable: false,
      defaultedOnCreate: true,
      referenceTo: ['User'],
      relationshipName: 'LastModifiedBy'
    }),
    SystemModstamp: field('SystemModstamp', 'datetime', {
      nillable: false,
      defaultedOnCreate: true
    })
  };
}

/** Connection statuses (Object Reference, PartnerNetworkConnection.ConnectionStatus). */
export const CONNECTION_STATUSES = [
  'Sent',
  'Received',
  'Pending',
  'Accepted',
  'Rejected',
  'Inactive',
  'Disconnecting',
  'ConnectionSuspended',
  'SubscribeInProgress',
  'UsersInitialSync',
  'BulkSyncMetadata'
];

/** Shared record statuses (Object Reference, PartnerNetworkRecordConnection.Status). */
export const RECORD_CONNECTION_STATUSES = [
  'Active (received)',
  'Active (sent)',
  'Connected',
  'Inactive',
  'Inactive (converted)',
  'Inactive (deleted)',
  'Pending (sent)'
];

const SHARED_OBJECTS = ['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'Task'];

export const PARTNER_NETWORK_OBJECTS: CatalogObject[] = [
  {
    name: 'PartnerNetworkConnection',
    label: 'Connection',
    labelPlural: 'Connections',
    keyPrefix: '0BM',
    custom: false,
    createable: false,
    updateable: false,
    deletable: false,
    fields: {
      ...systemFields('Partner Network Connection'),
      AccountId: field('AccountId', 'reference', {
        referenceTo: ['Account'],
        relationshipName: 'Account'
      }),
      ConnectionName: field('ConnectionName', 'string', {
        length: 295,
        nillable: false,
        idLookup: true,
        nameField: true,
        label: 'Connection Name'
      }),
      ConnectionStatus: field('ConnectionStatus', 'picklist', {
        length: 40,
        nillable: false,
        picklistValues: CONNECTION_STATUSES,
        restrictedPicklist: true,
        label: 'Connection Status'
      }),
      ContactId: field('ContactId', 'reference', {
        referenceTo: ['Contact'],
        relationshipName: 'Contact'
      }),
      PrimaryContactId: field('PrimaryContactId', 'reference', {
        nillable: false,
        referenceTo: ['User'],
        relationshipName: 'PrimaryContact',
        label: 'Connection Owner'
      }),
      ResponseDate: field('ResponseDate', 'datetime', { label: 'Decision Date' })
    },
    childRelationships: []
  },
  {
    name: 'PartnerNetworkRecordConnection',
    label: 'Partner Network Record Connection',
    labelPlural: 'Partner Network Record Connections',
    keyPrefix: '0BN',
    custom: false,
    // create() forwards a record to the partner: not modelled (see the header)
    createable: false,
    updateable: false,
    deletable: false,
    fields: {
      ...systemFields('Partner Network Record Connection'),
      ConnectionId: field('ConnectionId', 'reference', {
        createable: true,
        referenceTo: ['PartnerNetworkConnection'],
        relationshipName: 'Connection',
        label: 'Connection'
      }),
      LocalRecordId: field('LocalRecordId', 'reference', {
        createable: true,
        nillable: false,
        referenceTo: SHARED_OBJECTS,
        relationshipName: 'LocalRecord',
        label: 'Local Record'
      }),
      ParentRecordId: field('ParentRecordId', 'reference', {
        createable: true,
        referenceTo: SHARED_OBJECTS,
        relationshipName: 'ParentRecord',
        label: 'Parent Record'
      }),
      PartnerRecordId: field('PartnerRecordId', 'reference', {
        referenceTo: SHARED_OBJECTS,
        label: 'Partner Record'
      }),
      RelatedRecords: field('RelatedRecords', 'string', {
        createable: true,
        length: 1000,
        label: 'Related Records'
      }),
      SendClosedTasks: field('SendClosedTasks', 'boolean', {
        createable: true,
        defaultedOnCreate: true,
        defaultValue: false
      }),
      SendEmails: field('SendEmails', 'boolean', {
        createable: true,
        defaultedOnCreate: true,
        defaultValue: false
      }),
      SendOpenTasks: field('SendOpenTasks', 'boolean', {
        createable: true,
        defaultedOnCreate: true,
        defaultValue: false
      }),
      StartDate: field('StartDate', 'datetime', { label: 'Start Date' }),
      EndDate: field('EndDate', 'datetime', { label: 'Stop Date' }),
      Status: field('Status', 'picklist', {
        length: 40,
        picklistValues: RECORD_CONNECTION_STATUSES,
        restrictedPicklist: true
      })
    },
    childRelationships: []
  },
  {
    name: 'PartnerNetworkSyncLog',
    label: 'Org Sync Log',
    labelPlural: 'Org Sync Logs',
    keyPrefix: '0BO',
    custom: false,
    createable: false,
    updateable: false,
    deletable: false,
    fields: {
      ...systemFields('Partner Network Sync Log'),
      // a restricted picklist whose values the reference does not list ("such as a record insertion")
      ConnectionEvent: field('ConnectionEvent', 'picklist', {
        length: 40,
        label: 'Connection Event'
      }),
      ConnectionId: field('ConnectionId', 'reference', {
        nillable: false,
        referenceTo: ['PartnerNetworkConnection'],
        relationshipName: 'Connection',
        label: 'Connection'
      }),
      Description: field('Description', 'textarea', { length: 32000 }),
      EntityType: field('EntityType', 'string', { length: 255, label: 'Entity Type' }),
      Error: field('Error', 'string', { length: 255 })
    },
    childRelationships: []
  }
];
