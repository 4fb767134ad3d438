// The dashboard as a subscriber org runs it: installed under the namespace, the engine publishes on
// `/event/s2s__S2S_Batch_Outcome__e` and the payload's fields are `s2s__Succeeded__c` and so on.
// @salesforce/schema imports answer the namespaced names here, as the platform does.
import { cleanDom, flush, mocked, mockWire, mount, wire } from 'test-utils/s2sLwc';
import { subscribe } from 'lightning/empApi';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getDashboard from '@salesforce/apex/S2SDashboardController.getDashboard';

jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SAdminAccessController.getAccess', () => mockWire(), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SDashboardController.getDashboard', () => mockWire(), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SDashboardController.retry', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SDashboardController.retryAll', () => ({ default: jest.fn() }), {
  virtual: true
});
// the label with its placeholders, so that the values read from the payload show
jest.mock(
  '@salesforce/label/c.S2S_Dashboard_Last_Event',
  () => ({ default: '{0}: {1} synced, {2} failed, {3} parked, {4} waiting' }),
  { virtual: true }
);

const EVENT = 'S2S_Batch_Outcome__e';
const FIELDS = ['Object_Name__c', 'Succeeded__c', 'Failed__c', 'Parked__c', 'Backlog__c'];
jest.doMock(
  `@salesforce/schema/${EVENT}`,
  () => ({ default: { objectApiName: `s2s__${EVENT}` } }),
  {
    virtual: true
  }
);
for (const field of FIELDS) {
  jest.doMock(
    `@salesforce/schema/${EVENT}.${field}`,
    () => ({ default: { objectApiName: `s2s__${EVENT}`, fieldApiName: `s2s__${field}` } }),
    { virtual: true }
  );
}
// required after the schema mocks, which jest.doMock does not hoist
const S2sSyncDashboard = require('c/s2sSyncDashboard').default;

const EMPTY_DASHBOARD = {
  objective: 99.9,
  windowHours: 24,
  rows: [],
  lastErrors: [],
  parked: [],
  held: [],
  reconciliations: []
};

describe('c-s2s-sync-dashboard under the namespace s2s', () => {
  afterEach(() => {
    cleanDom();
    jest.clearAllMocks();
  });

  it('subscribes to the namespaced channel and reads the namespaced payload fields', async () => {
    const element = mount('c-s2s-sync-dashboard', S2sSyncDashboard);
    wire(getAccess).emit({ canAdminister: true });
    wire(getDashboard).emit(EMPTY_DASHBOARD);
    await flush();
    expect(mocked(subscribe)).toHaveBeenCalledWith(
      '/event/s2s__S2S_Batch_Outcome__e',
      -1,
      expect.any(Function)
    );
    const onMessage = mocked(subscribe).mock.calls[0][2];
    onMessage({
      channel: '/event/s2s__S2S_Batch_Outcome__e',
      data: {
        payload: {
          s2s__Object_Name__c: 'Account',
          s2s__Succeeded__c: 200,
          s2s__Failed__c: 1,
          s2s__Parked__c: 0,
          s2s__Backlog__c: 3
        },
        event: { replayId: 7 }
      }
    });
    await flush();
    expect(element.shadowRoot!.querySelector('[data-id="last-event"]')!.textContent).toBe(
      'Account: 200 synced, 1 failed, 0 parked, 3 waiting'
    );
  });
});
