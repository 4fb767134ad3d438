import { $, cleanDom, flush, mocked, mockWire, mount, wire } from 'test-utils/s2sLwc';
import S2sAuditExplorer from 'c/s2sAuditExplorer';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getConnectionOptions from '@salesforce/apex/S2SAuditController.getConnectionOptions';
import getAuditPage from '@salesforce/apex/S2SAuditController.getAuditPage';
import exportAuditCsv from '@salesforce/apex/S2SAuditController.exportAuditCsv';
import verifyChain from '@salesforce/apex/S2SAuditController.verifyChain';
import getLatestVerification from '@salesforce/apex/S2SAuditController.getLatestVerification';
import getCorrelated from '@salesforce/apex/S2SAuditController.getCorrelated';
import { changesOf, changesText, formatValue, parseValues } from '../auditFormat';

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

const AUDITOR = { canAdminister: false, canSyncNow: false, canViewAudit: true };
const ROWS = [
  {
    Id: 'l1',
    Event_Time__c: '2026-11-26T01:00:00.000Z',
    Acting_User__r: { Name: 'Ada Admin' },
    Connection__r: { Name: 'Service org' },
    Object_Name__c: 'Contact',
    Local_Record_Id__c: '003000000000001AAA',
    Stage__c: 'Sent',
    Outcome__c: 'Success',
    Old_Values__c: '{"Email":"****","Phone":"555"}',
    New_Values__c: '{"Email":"****","Phone":"556"}',
    Correlation_Id__c: 'corr-1',
    Connection__c: 'a01000000000001AAA'
  },
  {
    Id: 'l2',
    Object_Name__c: 'Contact',
    Stage__c: 'Rejected',
    Outcome__c: 'Failure',
    Error__c: 'REQUIRED_FIELD_MISSING'
  }
];

const disabled = (element: HTMLElement, ...selectors: string[]): boolean =>
  ($(element, ...selectors) as HTMLElement & { disabled: boolean }).disabled;

async function showData(total = 2, pageSize = 50): Promise<void> {
  wire(getAccess).emit(AUDITOR);
  wire(getConnectionOptions).emit([{ label: 'Service org', value: 'a01000000000001AAA' }]);
  wire(getAuditPage).emit({
    rows: ROWS,
    total,
    pageNumber: 1,
    pageSize,
    recordNames: { '003000000000001AAA': 'Ada Lovelace' }
  });
  await flush();
}
function filter(element: HTMLElement, name: string, detail: Record<string, unknown>): void {
  $(element, `[data-filter="${name}"]`)!.dispatchEvent(new CustomEvent('change', { detail }));
}

/** Mounts the screen with public properties. */
const mountScreen = (props: Record<string, unknown> = {}): HTMLElement =>
  mount('c-s2s-audit-explorer', S2sAuditExplorer, props);

describe('c-s2s-audit-explorer', () => {
  afterEach(() => {
    cleanDom();
    jest.clearAllMocks();
  });

  it('shows a spinner while loading the first page', async () => {
    const element = mountScreen();
    await flush();
    expect($(element, 'c-s2s-load-state', 'lightning-spinner')).not.toBeNull();
    expect(wire(getAuditPage).getLastConfig()).toEqual({
      filter: {
        fromTime: null,
        toTime: null,
        connectionId: null,
        objectName: null,
        recordId: null,
        outcome: null,
        userId: null
      },
      pageSize: 50,
      pageNumber: 1
    });
    await expect(element).toBeAccessible();
  });

  it('says permission denied without S2S_View_Audit and hides filters and export', async () => {
    const element = mountScreen();
    wire(getAccess).emit({ canAdminister: true, canSyncNow: true, canViewAudit: false });
    await flush();
    expect($(element, 'c-s2s-load-state', '[data-id="denied"]')).not.toBeNull();
    expect($(element, '[data-id="filters"]')).toBeNull();
    expect($(element, '[data-id="export"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows a load error', async () => {
    const element = mountScreen();
    wire(getAccess).emit(AUDITOR);
    wire(getAuditPage).error({ message: 'Narrow the filters: pages stop at 2000 rows' });
    await flush();
    expect($(element, 'c-s2s-load-state', '[data-id="error"]')!.textContent).toBe(
      'Narrow the filters: pages stop at 2000 rows'
    );
  });

  it('shows the empty state', async () => {
    const element = mountScreen();
    wire(getAccess).emit(AUDITOR);
    wire(getAuditPage).emit({ rows: [], total: 0, pageNumber: 1, pageSize: 50 });
    await flush();
    expect($(element, 'c-s2s-load-state', '[data-id="empty"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows entries with masked values as stored', async () => {
    const element = mountScreen();
    await showData();
    const table = $(element, '[data-id="table"]') as HTMLElement & {
      data: Record<string, unknown>[];
    };
    expect(table.data[0]).toEqual(
      expect.objectContaining({
        id: 'l1',
        eventTime: '2026-11-26T01:00:00.000Z',
        userName: 'Ada Admin',
        connectionName: 'Service org',
        objectName: 'Contact',
        localRecordId: '003000000000001AAA',
        stage: 'Sent',
        outcome: 'Success',
        oldValues: '{"Email":"****","Phone":"555"}',
        newValues: '{"Email":"****","Phone":"556"}',
        // readable: old → new, a masked value said hidden, the record by its name
        changesText: 'Email: c.S2S_Audit_Masked → c.S2S_Audit_Masked; Phone: 555 → 556',
        recordName: 'Ada Lovelace',
        userText: 'Ada Admin',
        outcomeClass: ''
      })
    );
    expect(table.data[1]).toEqual(
      expect.objectContaining({
        userName: undefined,
        connectionName: undefined,
        error: 'REQUIRED_FIELD_MISSING',
        outcomeClass: 'slds-text-color_error'
      })
    );
    expect($(element, 'c-s2s-pager', '[data-id="page"]')!.textContent).toBe('c.S2S_Audit_Page');
    expect(disabled(element, 'c-s2s-pager', '[data-id="previous"]')).toBe(true);
    expect(disabled(element, 'c-s2s-pager', '[data-id="next"]')).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('applies every filter at once, from page 1, and clears them', async () => {
    const element = mountScreen({ pageSize: 10 });
    await showData(25, 10);
    $(element, 'c-s2s-pager', '[data-id="next"]')!.click();
    await flush();
    expect(wire(getAuditPage).getLastConfig().pageNumber).toBe(2);
    filter(element, 'fromTime', { value: '2026-11-01T00:00:00.000Z' });
    filter(element, 'toTime', { value: '2026-11-30T00:00:00.000Z' });
    filter(element, 'connectionId', { value: 'a01000000000001AAA' });
    filter(element, 'objectName', { value: 'Contact' });
    filter(element, 'recordId', { value: '003000000000001AAA' });
    filter(element, 'outcome', { value: 'Failure' });
    filter(element, 'userId', { recordId: '005000000000001AAA' });
    await flush();
    expect(wire(getAuditPage).getLastConfig().filter).toEqual(
      expect.objectContaining({ objectName: null })
    );
    $(element, '[data-id="apply"]')!.click();
    await flush();
    expect(wire(getAuditPage).getLastConfig()).toEqual({
      filter: {
        fromTime: '2026-11-01T00:00:00.000Z',
        toTime: '2026-11-30T00:00:00.000Z',
        connectionId: 'a01000000000001AAA',
        objectName: 'Contact',
        recordId: '003000000000001AAA',
        outcome: 'Failure',
        userId: '005000000000001AAA'
      },
      pageSize: 10,
      pageNumber: 1
    });
    filter(element, 'outcome', { value: '' });
    $(element, '[data-id="clear"]')!.click();
    await flush();
    expect(
      Object.values(wire(getAuditPage).getLastConfig().filter as object).every(
        (value) => value === null
      )
    ).toBe(true);
  });

  it('pages forward and back within the total', async () => {
    const element = mountScreen({ pageSize: 1 });
    await showData(2, 1);
    expect(disabled(element, 'c-s2s-pager', '[data-id="next"]')).toBe(false);
    $(element, 'c-s2s-pager', '[data-id="next"]')!.click();
    await flush();
    expect(wire(getAuditPage).getLastConfig().pageNumber).toBe(2);
    expect(disabled(element, 'c-s2s-pager', '[data-id="next"]')).toBe(true);
    $(element, 'c-s2s-pager', '[data-id="next"]')!.click();
    $(element, 'c-s2s-pager', '[data-id="previous"]')!.click();
    await flush();
    expect(wire(getAuditPage).getLastConfig().pageNumber).toBe(1);
    $(element, 'c-s2s-pager', '[data-id="previous"]')!.click();
    await flush();
    expect(wire(getAuditPage).getLastConfig().pageNumber).toBe(1);
  });

  it('exports the filtered entries as a CSV download, with an exporting state', async () => {
    const clicks: string[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement
    ) {
      clicks.push(decodeURIComponent(this.href));
    });
    const element = mountScreen();
    await showData();
    let finish: (value: string) => void = () => undefined;
    mocked(exportAuditCsv).mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
    $(element, '[data-id="export"]')!.click();
    await flush();
    expect($(element, '[data-id="exporting"]')).not.toBeNull();
    expect(disabled(element, '[data-id="export"]')).toBe(true);
    finish('Event_Time__c,New_Values__c\r\n2026-11-26T01:00:00Z,"{""Email"":""****""}"\r\n');
    await flush();
    expect(mocked(exportAuditCsv)).toHaveBeenCalledWith({
      filter: expect.objectContaining({ outcome: null })
    });
    expect(clicks[0]).toContain('""Email"":""****""');
    expect($(element, '[data-id="exporting"]')).toBeNull();
    click.mockRestore();
  });

  it('reports a failed export', async () => {
    const element = mountScreen();
    await showData();
    mocked(exportAuditCsv).mockRejectedValueOnce({
      body: { message: '12000 rows: narrow the filters (10000 at most)' }
    });
    const toasts: string[] = [];
    element.addEventListener('lightning__showtoast', (event) =>
      toasts.push((event as CustomEvent).detail.message)
    );
    $(element, '[data-id="export"]')!.click();
    await flush();
    expect(toasts).toEqual(['12000 rows: narrow the filters (10000 at most)']);
  });

  it('refuses a From after To on the field, without querying', async () => {
    const element = mountScreen();
    await showData();
    const to = $(element, '[data-filter="toTime"]') as HTMLElement & {
      setCustomValidity: jest.Mock;
      reportValidity: jest.Mock;
    };
    to.setCustomValidity = jest.fn();
    to.reportValidity = jest.fn();
    const before = wire(getAuditPage).getLastConfig();
    filter(element, 'fromTime', { value: '2026-11-30T00:00:00.000Z' });
    filter(element, 'toTime', { value: '2026-11-01T00:00:00.000Z' });
    $(element, '[data-id="apply"]')!.click();
    await flush();
    expect(to.setCustomValidity).toHaveBeenLastCalledWith('c.S2S_Audit_Error_Range');
    expect(to.reportValidity).toHaveBeenCalled();
    expect(wire(getAuditPage).getLastConfig()).toBe(before);
    filter(element, 'toTime', { value: '2026-12-01T00:00:00.000Z' });
    $(element, '[data-id="apply"]')!.click();
    await flush();
    expect(to.setCustomValidity).toHaveBeenLastCalledWith('');
    expect((wire(getAuditPage).getLastConfig().filter as Record<string, unknown>).toTime).toBe(
      '2026-12-01T00:00:00.000Z'
    );
  });

  it('offers a record picker once an object is chosen', async () => {
    const element = mountScreen();
    await showData();
    expect($(element, 'lightning-record-picker[data-filter="recordId"]')).toBeNull();
    filter(element, 'objectName', { value: 'Contact' });
    await flush();
    const picker = $(element, 'lightning-record-picker[data-filter="recordId"]') as HTMLElement & {
      objectApiName: string;
    };
    expect(picker.objectApiName).toBe('Contact');
    picker.dispatchEvent(new CustomEvent('change', { detail: { recordId: '003000000000002AAA' } }));
    $(element, '[data-id="apply"]')!.click();
    await flush();
    expect((wire(getAuditPage).getLastConfig().filter as Record<string, unknown>).recordId).toBe(
      '003000000000002AAA'
    );
    await expect(element).toBeAccessible();
  });

  it('verifies the chain and shows the first broken link', async () => {
    mocked(verifyChain).mockResolvedValueOnce('707000000000001AAA');
    const earlier = { verifiedAt: '2026-11-25T02:30:00.000Z', intact: true, checked: 3 };
    mocked(getLatestVerification)
      .mockResolvedValueOnce(null) // when the screen opens
      .mockResolvedValueOnce(earlier) // before Verify: a result of yesterday
      .mockResolvedValueOnce(earlier) // the batch has not ended yet
      .mockResolvedValueOnce({
        verifiedAt: new Date().toISOString(),
        intact: false,
        problem: 'Entry 3 (A-0003): its content was edited after it was written',
        brokenId: 'a05000000000003AAA',
        checked: 5
      });
    const element = mountScreen();
    await showData();
    expect($(element, '[data-id="verification"]')!.textContent!.trim()).toBe(
      'c.S2S_Audit_Chain_Never'
    );
    jest.useFakeTimers();
    $(element, '[data-id="verify"]')!.click();
    // let the click's promise chain settle, one microtask at a time, before the timers run
    await Array.from({ length: 10 }).reduce<Promise<void>>(
      (settled) => settled.then(() => undefined),
      Promise.resolve()
    );
    jest.advanceTimersByTime(2000);
    jest.useRealTimers();
    await flush();
    await flush();
    expect(mocked(verifyChain)).toHaveBeenCalled();
    expect(mocked(getLatestVerification)).toHaveBeenCalledTimes(4);
    const result = $(element, '[data-id="verification"]')!;
    expect(result.textContent!.trim()).toBe('c.S2S_Audit_Chain_Broken');
    expect(result.className).toBe('slds-text-color_error');
    await expect(element).toBeAccessible();
  });

  it('says a refused verification', async () => {
    mocked(verifyChain).mockRejectedValueOnce({ body: { message: 'You need S2S_View_Audit' } });
    const element = mountScreen();
    await showData();
    $(element, '[data-id="verify"]')!.click();
    await flush();
    expect($(element, '[data-id="verification"]')!.textContent!.trim()).toBe(
      'You need S2S_View_Audit'
    );
  });

  it('opens the detail of a change across both orgs, readable and masked', async () => {
    mocked(getCorrelated).mockResolvedValueOnce({
      local: [ROWS[0]],
      peer: [
        { stage: 'Received', outcome: 'Success', eventTime: '2026-11-26T01:00:01.000Z' },
        {
          stage: 'Applied',
          outcome: 'Success',
          actingUser: 'Integration User',
          originUser: 'Ada Admin (ada@sales.example) @ 00D000000000009EAA',
          oldValues: '{"Phone":"555","Email":"****"}',
          newValues: '{"Phone":"556","Email":"****"}'
        }
      ],
      peerLabel: 'Service org',
      peerError: null
    });
    const element = mountScreen();
    await showData();
    $(element, '[data-id="table"]')!.dispatchEvent(
      new CustomEvent('rowaction', {
        detail: {
          action: { name: 'details' },
          row: ($(element, '[data-id="table"]') as HTMLElement & { data: unknown[] }).data[0]
        }
      })
    );
    await flush();
    expect(mocked(getCorrelated)).toHaveBeenCalledWith({
      correlationId: 'corr-1',
      connectionId: 'a01000000000001AAA'
    });
    const peer = element.shadowRoot!.querySelectorAll('[data-id="peer-entry"]');
    expect(peer).toHaveLength(2);
    expect(peer[1].querySelector('[data-id="origin"]')!.textContent).toContain(
      'Ada Admin (ada@sales.example) @ 00D000000000009EAA'
    );
    const changes = [...peer[1].querySelectorAll('[data-id="changes"] li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim()
    );
    expect(changes).toEqual(['Phone: 555 → 556', 'Email: c.S2S_Audit_Masked → c.S2S_Audit_Masked']);
    expect(element.shadowRoot!.querySelectorAll('[data-id="detail-entry"]')).toHaveLength(1);
    await expect(element).toBeAccessible();
    $(element, '[data-id="close-detail"]')!.click();
    await flush();
    expect($(element, '[data-id="detail"]')).toBeNull();
  });

  it("says why the peer's entries are missing, and a failed detail", async () => {
    mocked(getCorrelated)
      .mockResolvedValueOnce({
        local: [ROWS[0]],
        peer: [],
        peerLabel: 'Service org',
        peerError: 'HTTP 403'
      })
      .mockRejectedValueOnce({ body: { message: 'Bad correlation Id' } });
    const element = mountScreen();
    await showData();
    const table = $(element, '[data-id="table"]') as HTMLElement & { data: unknown[] };
    const open = (row: unknown): void => {
      table.dispatchEvent(
        new CustomEvent('rowaction', { detail: { action: { name: 'details' }, row } })
      );
    };
    open(table.data[0]);
    await flush();
    expect($(element, '[data-id="peer-error"]')!.textContent!.trim()).toBe(
      'c.S2S_Audit_Peer_Error'
    );
    open(table.data[0]);
    await flush();
    expect($(element, '[data-id="detail-error"]')!.textContent!.trim()).toBe('Bad correlation Id');
    // an entry without correlation Id: shown alone, nothing asked of the peer
    open(table.data[1]);
    await flush();
    expect(mocked(getCorrelated)).toHaveBeenCalledTimes(2);
    expect(element.shadowRoot!.querySelectorAll('[data-id="detail-entry"]')).toHaveLength(1);
    mountScreen({ ...(table.data[1] as object), id: 'l2' });
    table.dispatchEvent(
      new CustomEvent('rowaction', { detail: { action: { name: 'other' }, row: table.data[0] } })
    );
  });
});

describe('audit values as a person reads them', () => {
  const words = { masked: 'hidden', blank: '(blank)' };
  it('parses stored values and refuses what is not an object', () => {
    expect(parseValues('{"A":1}')).toEqual({ A: 1 });
    expect(parseValues('[1]')).toBeNull();
    expect(parseValues('not json')).toBeNull();
    expect(parseValues(null)).toBeNull();
  });
  it('formats dates in the locale, masked and blank values, objects', () => {
    expect(formatValue('2026-11-26', words, 'en-GB')).toBe('26 Nov 2026');
    expect(formatValue('2026-11-26T10:30:00.000Z', words, 'en-GB')).toContain('2026');
    expect(formatValue('****', words)).toBe('hidden');
    expect(formatValue(null, words)).toBe('(blank)');
    expect(formatValue({ a: 1 }, words)).toBe('{"a":1}');
    expect(formatValue(true, words)).toBe('true');
  });
  it('lists old → new per field, new fields alone, and fields only the old values name', () => {
    const changes = changesOf('{"Phone":"1","Gone":"x"}', '{"Phone":"2","Name":"Acme"}', words);
    expect(changesText(changes)).toBe('Phone: 1 → 2; Name: Acme; Gone: x → (blank)');
    expect(changesOf(null, null, words)).toEqual([]);
  });
});
