import { createElement } from 'lwc';
import S2sRecordSyncStatus from 'c/s2sRecordSyncStatus';
import { refreshApex } from '@salesforce/apex';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getRecordStatus from '@salesforce/apex/S2SRecordStatusController.getRecordStatus';
import syncNow from '@salesforce/apex/S2SRecordStatusController.syncNow';
import { subscribe, unsubscribe, onError } from 'lightning/empApi';

function mockWire(): unknown {
  const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
  return { default: createApexTestWireAdapter(jest.fn()) };
}
jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SAdminAccessController.getAccess', () => mockWire(), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SRecordStatusController.getRecordStatus', () => mockWire(), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SRecordStatusController.syncNow', () => ({ default: jest.fn() }), {
  virtual: true
});

interface TestWire {
  emit(value: unknown): void;
  error(body?: unknown): void;
  getLastConfig(): Record<string, unknown>;
}
const wire = (adapter: unknown): TestWire => adapter as TestWire;
const mocked = (fn: unknown): jest.Mock => fn as jest.Mock;
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const USER = { canAdminister: false, canSyncNow: true, canViewAudit: false };
const RECORD_ID = '001000000000001AAA';
const STATUSES = [
  {
    connectionId: 'c1',
    connectionName: 'Service org',
    state: 'InSync',
    remoteId: '001R00000000001AAA',
    remoteUrl: 'https://service.my.salesforce.com/001R00000000001AAA',
    lastSyncedAt: '2026-11-26T01:00:00.000Z'
  },
  {
    connectionId: 'c2',
    connectionName: 'Marketing org',
    state: 'Failed',
    lastError: 'SAVE_FAILED: FIELD_CUSTOM_VALIDATION_EXCEPTION: Region required',
    reasonCode: 'SAVE_FAILED',
    reason: 'Marketing org did not accept this record.',
    detail: 'Region required',
    action: 'Correct the record here and save it, then press Sync now.'
  },
  { connectionId: 'c3', connectionName: 'Archive org', state: 'NeverSynced' },
  {
    connectionId: 'c4',
    connectionName: 'Partner org',
    state: 'Pending',
    lastError: 'Captured unread: S2SExpression.ExpressionException: Division by zero'
  },
  {
    connectionId: 'c5',
    connectionName: 'Support org',
    state: 'WaitingForParent',
    reasonCode: 'HELD',
    reason: "Support org keeps this change until the record's parent arrives there.",
    action: 'Sync the parent record first.'
  },
  {
    connectionId: 'c6',
    connectionName: 'Billing org',
    state: 'SkippedByPolicy',
    reasonCode: 'SKIPPED',
    reason: 'Billing org skipped this change by its policy.',
    detail: 'The record was deleted in this org',
    action: 'Nothing to do.'
  }
];

type StatusElement = HTMLElement & {
  recordId?: string;
  hideSyncButton?: boolean;
  invoke(): Promise<void>;
};

function mount(props: Record<string, unknown> = {}): StatusElement {
  const element = createElement('c-s2s-record-sync-status', {
    is: S2sRecordSyncStatus
  }) as StatusElement;
  Object.assign(element, { recordId: RECORD_ID, objectApiName: 'Account' }, props);
  document.body.appendChild(element);
  return element;
}
const $ = (element: HTMLElement, selector: string): HTMLElement | null =>
  element.shadowRoot!.querySelector(selector);
const $$ = (element: HTMLElement, selector: string): HTMLElement[] => [
  ...element.shadowRoot!.querySelectorAll<HTMLElement>(selector)
];

async function showData(access = USER, statuses: unknown[] = STATUSES): Promise<void> {
  wire(getAccess).emit(access);
  wire(getRecordStatus).emit(statuses);
  await flush();
}

describe('c-s2s-record-sync-status', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('shows a spinner while loading the status of the page record', async () => {
    const element = mount();
    await flush();
    expect(wire(getRecordStatus).getLastConfig()).toEqual({ recordId: RECORD_ID });
    expect($(element, 'lightning-spinner')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says permission denied without S2S_Sync_Now or S2S_Administer', async () => {
    const element = mount();
    wire(getAccess).emit({ canAdminister: false, canSyncNow: false, canViewAudit: true });
    await flush();
    expect($(element, '[data-id="denied"]')).not.toBeNull();
    expect($(element, '[data-id="sync-now"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the error of a failed load', async () => {
    const element = mount();
    wire(getAccess).emit(USER);
    wire(getRecordStatus).error({ message: 'Record not found or not visible' });
    await flush();
    expect($(element, '[data-id="error"]')!.textContent).toBe('Record not found or not visible');
  });

  it('says the object is not synced when no connection maps it', async () => {
    const element = mount();
    await showData(USER, []);
    expect($(element, '[data-id="empty"]')).not.toBeNull();
    expect($(element, '[data-id="sync-now"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("shows each connection's state in words, the link to the peer's copy, the reason and what to do", async () => {
    const element = mount();
    await showData();
    expect($$(element, '[data-id="state"]').map((badge) => badge.textContent!.trim())).toEqual([
      'c.S2S_State_InSync',
      'c.S2S_State_Failed',
      'c.S2S_State_NeverSynced',
      'c.S2S_State_Pending',
      'c.S2S_State_WaitingForParent',
      'c.S2S_State_SkippedByPolicy'
    ]);
    const link = $(element, '[data-id="remote-link"]') as HTMLAnchorElement;
    expect(link.textContent).toBe('001R00000000001AAA');
    expect(link.getAttribute('href')).toBe('https://service.my.salesforce.com/001R00000000001AAA');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect($$(element, '[data-id="reason"]').map((p) => p.textContent)).toEqual([
      'Marketing org did not accept this record.',
      "Support org keeps this change until the record's parent arrives there.",
      'Billing org skipped this change by its policy.'
    ]);
    // the peer's words, never its codes or exception class names
    const text = element.shadowRoot!.textContent!;
    expect(text).not.toContain('SAVE_FAILED');
    expect(text).not.toContain('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect($$(element, '[data-id="detail"]').map((p) => p.textContent!.trim())).toEqual([
      // labels are their names in Jest: the label with the peer's words in it ("Reason: {0}")
      'c.S2S_Status_Peer_Said',
      'c.S2S_Status_Peer_Said'
    ]);
    expect($$(element, '[data-id="action"]')).toHaveLength(3);
    expect($$(element, '[data-id="note"]').map((p) => p.textContent!.trim())).toEqual([
      'Captured unread: S2SExpression.ExpressionException: Division by zero'
    ]);
    await expect(element).toBeAccessible();
  });

  it('hides "Sync now" from admins without S2S_Sync_Now and when App Builder hides it', async () => {
    const admin = mount();
    await showData({ canAdminister: true, canSyncNow: false, canViewAudit: false });
    expect($(admin, '[data-id="statuses"]')).not.toBeNull();
    expect($(admin, '[data-id="sync-now"]')).toBeNull();
    document.body.removeChild(admin);
    const hidden = mount({ hideSyncButton: true });
    await showData();
    expect($(hidden, '[data-id="sync-now"]')).toBeNull();
  });

  it('syncs now: says "sent, waiting" neutrally, never a green toast, then the real outcome', async () => {
    const element = mount();
    await showData();
    let finish: (value: unknown) => void = () => undefined;
    mocked(syncNow).mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
    const focused: HTMLElement[] = [];
    jest.spyOn(HTMLElement.prototype, 'focus').mockImplementation(function (this: HTMLElement) {
      focused.push(this);
    });
    const toasts: string[] = [];
    element.addEventListener('lightning__showtoast', (event) =>
      toasts.push((event as CustomEvent).detail.variant)
    );
    $(element, '[data-id="sync-now"]')!.click();
    await flush();
    expect(mocked(syncNow)).toHaveBeenCalledWith({ recordId: RECORD_ID });
    expect($(element, '[data-id="syncing"]')).not.toBeNull();
    expect(
      ($(element, '[data-id="sync-now"]') as HTMLElement & { disabled: boolean }).disabled
    ).toBe(true);
    await expect(element).toBeAccessible();
    finish([{ connectionId: 'c2', queued: true }]);
    await flush();
    // the peer has not answered yet: neutral words, no success
    expect(toasts).toEqual(['info']);
    expect($$(element, '[data-id="sync-results"] li').map((li) => li.textContent)).toEqual([
      'c.S2S_Status_Queued_Neutral'
    ]);
    expect(mocked(refreshApex)).toHaveBeenCalledTimes(1);
    expect($(element, '[data-id="syncing"]')).toBeNull();
    // the refreshed status: the peer rejected it again
    wire(getRecordStatus).emit(STATUSES);
    await flush();
    expect(toasts).toEqual(['info', 'error']);
    expect($(element, '[data-id="outcome"]')!.textContent!.trim()).toBe(
      'Marketing org: c.S2S_State_Failed — Marketing org did not accept this record.'
    );
    // focus stays on the button that was pressed
    expect(focused).toEqual([$(element, '[data-id="sync-now"]')]);
    jest.restoreAllMocks();
  });

  it('says which connections did not queue the record, as a warning', async () => {
    const element = mount();
    await showData();
    const toasts: string[] = [];
    element.addEventListener('lightning__showtoast', (event) =>
      toasts.push((event as CustomEvent).detail.variant)
    );
    mocked(syncNow).mockResolvedValueOnce([
      { connectionId: 'c1', queued: true },
      { connectionId: 'c2', queued: false, message: 'Mapping inactive' }
    ]);
    $(element, '[data-id="sync-now"]')!.click();
    await flush();
    expect($$(element, '[data-id="sync-results"] li').map((li) => li.className)).toEqual([
      '',
      'slds-text-color_error'
    ]);
    expect(toasts).toEqual(['warning']);
    wire(getRecordStatus).emit(STATUSES);
    await flush();
    expect(toasts).toEqual(['warning', 'success']);
  });

  it("updates live on an outcome event of the record's connections only", async () => {
    mount();
    await showData();
    expect(mocked(subscribe)).toHaveBeenCalledWith(
      '/event/S2S_Batch_Outcome__e',
      -1,
      expect.any(Function)
    );
    const onMessage = mocked(subscribe).mock.calls[0][2];
    onMessage({ data: { payload: { Connection_Id__c: 'other' } } });
    expect(mocked(refreshApex)).not.toHaveBeenCalled();
    onMessage({ data: { payload: { Connection_Id__c: 'c2' } } });
    expect(mocked(refreshApex)).toHaveBeenCalledTimes(1);
  });

  it('says live updates are off when the subscription fails, and unsubscribes when removed', async () => {
    mocked(subscribe).mockRejectedValueOnce(new Error('Streaming API disabled'));
    const element = mount();
    await showData();
    expect($(element, '[data-id="live-off"]')).not.toBeNull();
    mocked(onError).mock.calls[0][0]({ error: 'handshake' });
    document.body.removeChild(element);
    mocked(subscribe).mockResolvedValueOnce({ id: 's1', channel: '/event/S2S_Batch_Outcome__e' });
    const second = mount();
    await showData();
    document.body.removeChild(second);
    expect(mocked(unsubscribe)).toHaveBeenCalledWith({
      id: 's1',
      channel: '/event/S2S_Batch_Outcome__e'
    });
  });

  it('runs as a headless quick action and reports success or the error', async () => {
    const element = mount();
    await showData();
    const toasts: string[] = [];
    element.addEventListener('lightning__showtoast', (event) =>
      toasts.push((event as CustomEvent).detail.variant)
    );
    mocked(syncNow).mockResolvedValueOnce([{ connectionId: 'c1', queued: true }]);
    await element.invoke();
    mocked(syncNow).mockRejectedValueOnce({
      body: { message: 'You need the S2S_Sync_Now permission' }
    });
    await element.invoke();
    expect(toasts).toEqual(['info', 'error']);
  });

  it('refreshes on demand', async () => {
    const element = mount();
    await showData();
    $(element, '[data-id="refresh"]')!.click();
    expect(mocked(refreshApex)).toHaveBeenCalledTimes(1);
  });
});
