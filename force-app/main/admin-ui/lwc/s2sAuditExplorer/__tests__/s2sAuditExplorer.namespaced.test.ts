// The audit explorer as a subscriber org runs it: installed under the namespace, the controller's
// rows name every field `s2s__Field__c` and every lookup `s2s__Lookup__r`. @salesforce/schema
// imports answer the namespaced names here, as the platform does.
import { cleanDom, flush, mockWire, mount, wire } from 'test-utils/s2sLwc';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getConnectionOptions from '@salesforce/apex/S2SAuditController.getConnectionOptions';
import getAuditPage from '@salesforce/apex/S2SAuditController.getAuditPage';

jest.mock('@salesforce/apex/S2SAdminAccessController.getAccess', () => mockWire(), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SAuditController.getConnectionOptions', () => mockWire(), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SAuditController.getAuditPage', () => mockWire(), { virtual: true });
jest.mock('@salesforce/apex/S2SAuditController.exportAuditCsv', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SAuditController.verifyChain', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock(
  '@salesforce/apex/S2SAuditController.getLatestVerification',
  () => ({ default: jest.fn(() => Promise.resolve(null)) }),
  { virtual: true }
);
jest.mock('@salesforce/apex/S2SAuditController.getCorrelated', () => ({ default: jest.fn() }), {
  virtual: true
});

/** A custom name as the platform gives it under the namespace s2s (standard names unchanged). */
const namespaced = (name: string): string =>
  name
    .split('.')
    .map((part) => (/__[a-z]+$/.test(part) ? `s2s__${part}` : part))
    .join('.');

const FIELDS = [
  'Event_Time__c',
  'Acting_User__r.Name',
  'Connection__r.Name',
  'Object_Name__c',
  'Local_Record_Id__c',
  'Remote_Record_Id__c',
  'Operation__c',
  'Stage__c',
  'Outcome__c',
  'Changed_Fields__c',
  'Old_Values__c',
  'New_Values__c',
  'Error__c',
  'Origin_User__c',
  'Correlation_Id__c',
  'Connection__c'
];
for (const field of FIELDS) {
  jest.doMock(
    `@salesforce/schema/S2S_Audit_Log__c.${field}`,
    () => ({
      default: { objectApiName: namespaced('S2S_Audit_Log__c'), fieldApiName: namespaced(field) }
    }),
    { virtual: true }
  );
}
// required after the schema mocks, which jest.doMock does not hoist
const S2sAuditExplorer = require('c/s2sAuditExplorer').default;

describe('c-s2s-audit-explorer under the namespace s2s', () => {
  afterEach(() => {
    cleanDom();
  });

  it('shows the namespaced fields and lookups of the entries', async () => {
    const element = mount('c-s2s-audit-explorer', S2sAuditExplorer);
    wire(getAccess).emit({ canAdminister: false, canSyncNow: false, canViewAudit: true });
    wire(getConnectionOptions).emit([]);
    wire(getAuditPage).emit({
      rows: [
        {
          Id: 'l1',
          s2s__Event_Time__c: '2026-11-26T01:00:00.000Z',
          s2s__Acting_User__r: { Name: 'Ada Admin' },
          s2s__Connection__r: { Name: 'Service org' },
          s2s__Object_Name__c: 'Contact',
          s2s__Stage__c: 'Rejected',
          s2s__Outcome__c: 'Failure',
          s2s__Error__c: 'REQUIRED_FIELD_MISSING',
          s2s__Origin_User__c: 'Ada Lovelace (ada@sales.example) @ 00D000000000009EAA',
          s2s__Correlation_Id__c: 'corr-1',
          s2s__Connection__c: 'a01000000000001AAA'
        }
      ],
      total: 1,
      pageNumber: 1,
      pageSize: 50
    });
    await flush();
    const table = element.shadowRoot!.querySelector('[data-id="table"]') as HTMLElement & {
      data: Record<string, unknown>[];
    };
    expect(table.data[0]).toEqual(
      expect.objectContaining({
        id: 'l1',
        eventTime: '2026-11-26T01:00:00.000Z',
        userName: 'Ada Admin',
        connectionName: 'Service org',
        objectName: 'Contact',
        stage: 'Rejected',
        error: 'REQUIRED_FIELD_MISSING',
        originUser: 'Ada Lovelace (ada@sales.example) @ 00D000000000009EAA',
        correlationId: 'corr-1',
        connectionId: 'a01000000000001AAA',
        outcomeClass: 'slds-text-color_error'
      })
    );
  });
});
