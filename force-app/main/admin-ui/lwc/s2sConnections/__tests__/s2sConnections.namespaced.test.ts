// The connections screen as a subscriber org runs it: installed under the namespace, every field of
// S2S_Connection__c is `s2s__Field__c` in the controller's records and in the records it saves.
// @salesforce/schema imports answer the namespaced names here, as the platform does.
import { createElement } from 'lwc';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getConnections from '@salesforce/apex/S2SConnectionsController.getConnections';
import getNamedCredentials from '@salesforce/apex/S2SConnectionsController.getNamedCredentials';
import saveConnection from '@salesforce/apex/S2SConnectionsController.saveConnection';

function mockWire(): unknown {
  const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
  return { default: createApexTestWireAdapter(jest.fn()) };
}
jest.mock('@salesforce/apex/S2SAdminAccessController.getAccess', () => mockWire(), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SConnectionsController.getConnections', () => mockWire(), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SConnectionsController.getNamedCredentials', () => mockWire(), {
  virtual: true
});
jest.mock(
  '@salesforce/apex/S2SConnectionsController.saveConnection',
  () => ({ default: jest.fn() }),
  { virtual: true }
);

/** A custom name as the platform gives it under the namespace s2s (standard names unchanged). */
const namespaced = (name: string): string =>
  name
    .split('.')
    .map((part) => (/__[a-z]+$/.test(part) ? `s2s__${part}` : part))
    .join('.');

const FIELDS = [
  'Name',
  'Named_Credential__c',
  'Direction__c',
  'Mode__c',
  'Active__c',
  'Peer_Org_Id__c',
  'Sla_Minutes__c',
  'Max_Attempts__c',
  'Batch_Size__c',
  'Default_Owner_Username__c',
  'Inbound_Usernames__c',
  'Paused_Reason__c',
  'Apply_Without_Automation__c'
];
for (const field of FIELDS) {
  jest.doMock(
    `@salesforce/schema/S2S_Connection__c.${field}`,
    () => ({
      default: { objectApiName: namespaced('S2S_Connection__c'), fieldApiName: namespaced(field) }
    }),
    { virtual: true }
  );
}
// required after the schema mocks, which jest.doMock does not hoist
const S2sConnections = require('c/s2sConnections').default;

interface TestWire {
  emit(value: unknown): void;
}
const wire = (adapter: unknown): TestWire => adapter as TestWire;
const mocked = (fn: unknown): jest.Mock => fn as jest.Mock;
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const RECORD = {
  Id: 'a01000000000001AAA',
  Name: 'Service org',
  s2s__Named_Credential__c: 'Service_Org',
  s2s__Direction__c: 'Bidirectional',
  s2s__Mode__c: 'Package',
  s2s__Active__c: true,
  s2s__Sla_Minutes__c: 15,
  s2s__Max_Attempts__c: 5,
  s2s__Batch_Size__c: 100,
  s2s__Paused_Reason__c: 'Org_Changed'
};

describe('c-s2s-connections under the namespace s2s', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('reads the namespaced fields of the records and saves them under the same names', async () => {
    const element = createElement('c-s2s-connections', { is: S2sConnections });
    document.body.appendChild(element);
    wire(getAccess).emit({ canAdminister: true, canSyncNow: true, canViewAudit: true });
    wire(getConnections).emit([RECORD]);
    wire(getNamedCredentials).emit([{ label: 'Service Org', value: 'Service_Org' }]);
    await flush();
    const table = element.shadowRoot!.querySelector('lightning-datatable') as HTMLElement & {
      data: Record<string, unknown>[];
    };
    expect(table.data[0]).toEqual(
      expect.objectContaining({
        name: 'Service org',
        namedCredential: 'Service_Org',
        direction: 'Bidirectional',
        batchSize: 100,
        pausedText: 'c.S2S_Connections_Paused_Org'
      })
    );
    expect(element.shadowRoot!.querySelector('[data-id="paused"]')).not.toBeNull();

    table.dispatchEvent(
      new CustomEvent('rowaction', { detail: { action: { name: 'edit' }, row: table.data[0] } })
    );
    await flush();
    element
      .shadowRoot!.querySelector('[data-field="maxAttempts"]')!
      .dispatchEvent(new CustomEvent('change', { detail: { value: '7' } }));
    mocked(saveConnection).mockResolvedValue(RECORD.Id);
    (element.shadowRoot!.querySelector('[data-id="save"]') as HTMLElement).click();
    await flush();
    expect(mocked(saveConnection)).toHaveBeenCalledWith({
      connection: {
        Id: 'a01000000000001AAA',
        Name: 'Service org',
        s2s__Named_Credential__c: 'Service_Org',
        s2s__Direction__c: 'Bidirectional',
        s2s__Mode__c: 'Package',
        s2s__Active__c: true,
        s2s__Sla_Minutes__c: 15,
        s2s__Max_Attempts__c: 7,
        s2s__Batch_Size__c: 100,
        s2s__Default_Owner_Username__c: null,
        s2s__Inbound_Usernames__c: null,
        s2s__Apply_Without_Automation__c: false
      }
    });
  });
});
