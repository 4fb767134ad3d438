import { $, $$, cleanDom, flush, mocked, mockWire, mount, wire } from 'test-utils/s2sLwc';
import S2sMyRecords from 'c/s2sMyRecords';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getMyRecords from '@salesforce/apex/S2SMyRecordsController.getMyRecords';
import syncNow from '@salesforce/apex/S2SRecordStatusController.syncNow';
import { subscribe, unsubscribe } from 'lightning/empApi';

jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SAdminAccessController.getAccess', () => mockWire(), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SRecordStatusController.getRecordStatus', () => mockWire(), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SMyRecordsController.getMyRecords', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SRecordStatusController.syncNow', () => ({ default: jest.fn() }), {
  virtual: true
});

const USER = { canAdminister: false, canSyncNow: true, canViewAudit: false };
const FAILED = {
  key: '001A:c1',
  recordId: '001000000000001AAA',
  objectLabel: 'Account',
  name: 'Globex',
  lastModified: '2026-12-01T10:00:00.000Z',
  status: {
    connectionId: 'c1',
    connectionName: 'Service org',
    state: 'Failed',
    reasonCode: 'SAVE_FAILED',
    reason: 'Service org did not accept this record.',
    detail: 'Phone must start with +',
    action: 'Correct the record here and save it, then press Sync now.'
  }
};
const WAITING = {
  key: '003A:c1',
  recordId: '003000000000001AAA',
  objectLabel: 'Contact',
  name: 'Ada Lovelace',
  status: {
    connectionId: 'c1',
    connectionName: 'Service org',
    state: 'WaitingForParent',
    reasonCode: 'HELD',
    reason: "Service org keeps this change until the record's parent arrives there.",
    action: 'Sync the parent record first.'
  }
};
const page = (rows: unknown[], total = rows.length, truncated = false): unknown => ({
  rows,
  total,
  pageNumber: 1,
  pageSize: 10,
  truncated
});

/** Mounts the screen with public properties. */
const mountScreen = (props: Record<string, unknown> = {}): HTMLElement =>
  mount('c-s2s-my-records', S2sMyRecords, props);

describe('c-s2s-my-records', () => {
  afterEach(() => {
    cleanDom();
    jest.clearAllMocks();
    jest.restoreAllMocks();
  });

  it('shows a spinner while loading', async () => {
    const element = mountScreen();
    await flush();
    expect($(element, 'c-s2s-load-state', 'lightning-spinner')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says permission denied without S2S_Sync_Now or S2S_Administer, and reads nothing', async () => {
    const element = mountScreen();
    wire(getAccess).emit({ canAdminister: false, canSyncNow: false, canViewAudit: true });
    await flush();
    expect($(element, 'c-s2s-load-state', '[data-id="denied"]')).not.toBeNull();
    expect(mocked(getMyRecords)).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('shows the error of a failed load', async () => {
    mocked(getMyRecords).mockRejectedValueOnce({ body: { message: 'Rows per page: 1 to 50' } });
    const element = mountScreen();
    wire(getAccess).emit(USER);
    await flush();
    expect($(element, 'c-s2s-load-state', '[data-id="error"]')!.textContent).toBe(
      'Rows per page: 1 to 50'
    );
  });

  it('says all is in sync when nothing is listed', async () => {
    mocked(getMyRecords).mockResolvedValueOnce(page([]));
    const element = mountScreen();
    wire(getAccess).emit(USER);
    await flush();
    expect($(element, 'c-s2s-load-state', '[data-id="empty"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('lists my records not in sync: object, name, state, reason, what to do, Sync now', async () => {
    mocked(getMyRecords).mockResolvedValueOnce(page([FAILED, WAITING], 2, true));
    const element = mountScreen();
    wire(getAccess).emit(USER);
    await flush();
    expect(mocked(getMyRecords)).toHaveBeenCalledWith({ pageSize: 10, pageNumber: 1 });
    expect($$(element, '[data-id="state"]').map((badge) => badge.textContent)).toEqual([
      'c.S2S_State_Failed',
      'c.S2S_State_WaitingForParent'
    ]);
    expect($$(element, '[data-id="record-link"]').map((a) => a.getAttribute('href'))).toEqual([
      '/001000000000001AAA',
      '/003000000000001AAA'
    ]);
    expect($$(element, '[data-id="reason"]').map((p) => p.textContent)).toEqual([
      'Service org did not accept this record.',
      "Service org keeps this change until the record's parent arrives there."
    ]);
    expect($$(element, '[data-id="detail"]')).toHaveLength(1);
    expect($$(element, '[data-sync]')).toHaveLength(2);
    expect($(element, '[data-id="truncated"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('hides Sync now from an admin without S2S_Sync_Now', async () => {
    mocked(getMyRecords).mockResolvedValueOnce(page([FAILED]));
    const element = mountScreen();
    wire(getAccess).emit({ canAdminister: true, canSyncNow: false, canViewAudit: false });
    await flush();
    expect($(element, '[data-id="table"]')).not.toBeNull();
    expect($$(element, '[data-sync]')).toHaveLength(0);
  });

  it('syncs a row now: neutral words, the list reloaded, the focus kept on the row button', async () => {
    mocked(getMyRecords)
      .mockResolvedValueOnce(page([FAILED, WAITING]))
      .mockResolvedValueOnce(page([FAILED]));
    mocked(syncNow).mockResolvedValueOnce([{ connectionId: 'c1', queued: true }]);
    const focused: HTMLElement[] = [];
    jest.spyOn(HTMLElement.prototype, 'focus').mockImplementation(function (this: HTMLElement) {
      focused.push(this);
    });
    const element = mountScreen();
    wire(getAccess).emit(USER);
    await flush();
    $(element, '[data-sync="001000000000001AAA"]')!.click();
    await flush();
    await flush();
    expect(mocked(syncNow)).toHaveBeenCalledWith({ recordId: '001000000000001AAA' });
    expect(mocked(getMyRecords)).toHaveBeenCalledTimes(2);
    expect($(element, '[data-id="message"]')!.textContent!.trim()).toBe(
      'c.S2S_Status_Queued_Neutral'
    );
    expect(focused).toEqual([$(element, '[data-sync="001000000000001AAA"]')]);
    await expect(element).toBeAccessible();
  });

  it('moves the focus to Refresh when the synced record left the list, and says why not queued', async () => {
    mocked(getMyRecords)
      .mockResolvedValueOnce(page([WAITING]))
      .mockResolvedValueOnce(page([]));
    mocked(syncNow).mockResolvedValueOnce([
      { connectionId: 'c1', queued: false, message: 'Record does not meet the filter' }
    ]);
    const focused: HTMLElement[] = [];
    jest.spyOn(HTMLElement.prototype, 'focus').mockImplementation(function (this: HTMLElement) {
      focused.push(this);
    });
    const element = mountScreen();
    wire(getAccess).emit(USER);
    await flush();
    $(element, '[data-sync="003000000000001AAA"]')!.click();
    await flush();
    await flush();
    expect($(element, '[data-id="message"]')!.textContent!.trim()).toBe('c.S2S_Status_Not_Queued');
    expect(focused).toEqual([$(element, '[data-id="refresh"]')]);
  });

  it('says the error of a refused Sync now', async () => {
    mocked(getMyRecords).mockResolvedValueOnce(page([FAILED]));
    mocked(syncNow).mockRejectedValueOnce({ body: { message: 'You need S2S_Sync_Now' } });
    const element = mountScreen();
    wire(getAccess).emit(USER);
    await flush();
    $(element, '[data-sync="001000000000001AAA"]')!.click();
    await flush();
    expect($(element, '[data-id="message"]')!.textContent!.trim()).toBe('You need S2S_Sync_Now');
  });

  it('pages through the list and goes back a page when the last one empties', async () => {
    mocked(getMyRecords)
      .mockResolvedValueOnce(page([FAILED], 2))
      .mockResolvedValueOnce(page([], 1))
      .mockResolvedValueOnce(page([FAILED], 1));
    const element = mountScreen({ pageSize: 1 });
    wire(getAccess).emit(USER);
    await flush();
    expect($(element, 'c-s2s-pager', '[data-id="page"]')!.textContent).toBe('c.S2S_Audit_Page');
    $(element, 'c-s2s-pager', '[data-id="next"]')!.click();
    await flush();
    await flush();
    expect(mocked(getMyRecords).mock.calls.map((call) => call[0].pageNumber)).toEqual([1, 2, 1]);
    $(element, 'c-s2s-pager', '[data-id="previous"]')!.click();
    await flush();
    expect(mocked(getMyRecords)).toHaveBeenCalledTimes(3);
  });

  it('reloads on an outcome event and on Refresh, and unsubscribes when removed', async () => {
    mocked(subscribe).mockResolvedValueOnce({ id: 's1', channel: '/event/S2S_Batch_Outcome__e' });
    mocked(getMyRecords).mockResolvedValue(page([FAILED]));
    const element = mountScreen();
    wire(getAccess).emit(USER);
    await flush();
    mocked(subscribe).mock.calls[0][2]({ data: { payload: {} } });
    await flush();
    $(element, '[data-id="refresh"]')!.click();
    await flush();
    expect(mocked(getMyRecords)).toHaveBeenCalledTimes(3);
    document.body.removeChild(element);
    expect(mocked(unsubscribe)).toHaveBeenCalledWith({
      id: 's1',
      channel: '/event/S2S_Batch_Outcome__e'
    });
  });
});
