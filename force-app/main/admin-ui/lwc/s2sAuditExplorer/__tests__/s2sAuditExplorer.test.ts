import { createElement } from 'lwc';
import S2sAuditExplorer from 'c/s2sAuditExplorer';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getConnectionOptions from '@salesforce/apex/S2SAuditController.getConnectionOptions';
import getAuditPage from '@salesforce/apex/S2SAuditController.getAuditPage';
import exportAuditCsv from '@salesforce/apex/S2SAuditController.exportAuditCsv';

function mockWire(): unknown {
  const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
  return { default: createApexTestWireAdapter(jest.fn()) };
}
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

interface TestWire {
  emit(value: unknown): void;
  error(body?: unknown): void;
  getLastConfig(): Record<string, unknown>;
}
const wire = (adapter: unknown): TestWire => adapter as TestWire;
const mocked = (fn: unknown): jest.Mock => fn as jest.Mock;
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

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
    Old_Values__c: '{"Email":"****"}',
    New_Values__c: '{"Email":"****"}'
  },
  {
    Id: 'l2',
    Object_Name__c: 'Contact',
    Stage__c: 'Rejected',
    Outcome__c: 'Failure',
    Error__c: 'REQUIRED_FIELD_MISSING'
  }
];

function mount(props: Record<string, unknown> = {}): HTMLElement {
  const element = createElement('c-s2s-audit-explorer', { is: S2sAuditExplorer });
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}
const $ = (element: HTMLElement, selector: string): HTMLElement | null =>
  element.shadowRoot!.querySelector(selector);
const disabled = (element: HTMLElement, selector: string): boolean =>
  ($(element, selector) as HTMLElement & { disabled: boolean }).disabled;

async function showData(total = 2, pageSize = 50): Promise<void> {
  wire(getAccess).emit(AUDITOR);
  wire(getConnectionOptions).emit([{ label: 'Service org', value: 'a01000000000001AAA' }]);
  wire(getAuditPage).emit({ rows: ROWS, total, pageNumber: 1, pageSize });
  await flush();
}
function filter(element: HTMLElement, name: string, detail: Record<string, unknown>): void {
  $(element, `[data-filter="${name}"]`)!.dispatchEvent(new CustomEvent('change', { detail }));
}

describe('c-s2s-audit-explorer', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('shows a spinner while loading the first page', async () => {
    const element = mount();
    await flush();
    expect($(element, 'lightning-spinner')).not.toBeNull();
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
    const element = mount();
    wire(getAccess).emit({ canAdminister: true, canSyncNow: true, canViewAudit: false });
    await flush();
    expect($(element, '[data-id="denied"]')).not.toBeNull();
    expect($(element, '[data-id="filters"]')).toBeNull();
    expect($(element, '[data-id="export"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows a load error', async () => {
    const element = mount();
    wire(getAccess).emit(AUDITOR);
    wire(getAuditPage).error({ message: 'Narrow the filters: pages stop at 2000 rows' });
    await flush();
    expect($(element, '[data-id="error"]')!.textContent).toBe(
      'Narrow the filters: pages stop at 2000 rows'
    );
  });

  it('shows the empty state', async () => {
    const element = mount();
    wire(getAccess).emit(AUDITOR);
    wire(getAuditPage).emit({ rows: [], total: 0, pageNumber: 1, pageSize: 50 });
    await flush();
    expect($(element, '[data-id="empty"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows entries with masked values as stored', async () => {
    const element = mount();
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
        oldValues: '{"Email":"****"}',
        newValues: '{"Email":"****"}',
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
    expect($(element, '[data-id="page"]')!.textContent).toBe('c.S2S_Audit_Page');
    expect(disabled(element, '[data-id="previous"]')).toBe(true);
    expect(disabled(element, '[data-id="next"]')).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('applies every filter at once, from page 1, and clears them', async () => {
    const element = mount({ pageSize: 10 });
    await showData(25, 10);
    $(element, '[data-id="next"]')!.click();
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
    const element = mount({ pageSize: 1 });
    await showData(2, 1);
    expect(disabled(element, '[data-id="next"]')).toBe(false);
    $(element, '[data-id="next"]')!.click();
    await flush();
    expect(wire(getAuditPage).getLastConfig().pageNumber).toBe(2);
    expect(disabled(element, '[data-id="next"]')).toBe(true);
    $(element, '[data-id="next"]')!.click();
    $(element, '[data-id="previous"]')!.click();
    await flush();
    expect(wire(getAuditPage).getLastConfig().pageNumber).toBe(1);
    $(element, '[data-id="previous"]')!.click();
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
    const element = mount();
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
    const element = mount();
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
});
