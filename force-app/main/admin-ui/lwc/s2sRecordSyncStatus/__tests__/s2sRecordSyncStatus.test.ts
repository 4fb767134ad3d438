import { createElement } from 'lwc';
import S2sRecordSyncStatus from 'c/s2sRecordSyncStatus';
import { refreshApex } from '@salesforce/apex';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getRecordStatus from '@salesforce/apex/S2SRecordStatusController.getRecordStatus';
import syncNow from '@salesforce/apex/S2SRecordStatusController.syncNow';

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
    lastSyncedAt: '2026-11-26T01:00:00.000Z'
  },
  {
    connectionId: 'c2',
    connectionName: 'Marketing org',
    state: 'Failed',
    lastError: 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Region required'
  },
  { connectionId: 'c3', connectionName: 'Archive org', state: 'NeverSynced' },
  {
    connectionId: 'c4',
    connectionName: 'Partner org',
    state: 'Pending',
    lastError: 'Captured unread: S2SExpression.ExpressionException: Division by zero'
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

  it("shows each connection's state, remote Id, last sync and failure reason", async () => {
    const element = mount();
    await showData();
    expect($$(element, '[data-id="state"]').map((badge) => badge.textContent!.trim())).toEqual([
      'c.S2S_State_InSync',
      'c.S2S_State_Failed',
      'c.S2S_State_NeverSynced',
      'c.S2S_State_Pending'
    ]);
    expect($(element, '[data-id="remote-id"]')!.textContent).toBe('001R00000000001AAA');
    expect($$(element, '[data-id="reason"]').map((p) => p.textContent)).toEqual([
      'FIELD_CUSTOM_VALIDATION_EXCEPTION: Region required'
    ]);
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

  it('syncs now: syncing state, per-connection results, toast, refreshed status', async () => {
    const element = mount();
    await showData();
    let finish: (value: unknown) => void = () => undefined;
    mocked(syncNow).mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
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
    finish([
      { connectionId: 'c1', queued: true },
      { connectionId: 'c2', queued: false, message: 'Mapping inactive' }
    ]);
    await flush();
    expect($$(element, '[data-id="sync-results"] li').map((li) => li.className)).toEqual([
      'slds-text-color_success',
      'slds-text-color_error'
    ]);
    expect(toasts).toEqual(['warning']);
    expect(mocked(refreshApex)).toHaveBeenCalledTimes(1);
    expect($(element, '[data-id="syncing"]')).toBeNull();
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
    expect(toasts).toEqual(['success', 'error']);
  });

  it('refreshes on demand', async () => {
    const element = mount();
    await showData();
    $(element, '[data-id="refresh"]')!.click();
    expect(mocked(refreshApex)).toHaveBeenCalledTimes(1);
  });
});
