import { $, $$, cleanDom, flush, mocked, mockWire, mount, texts, wire } from 'test-utils/s2sLwc';
import S2sDataQuality from 'c/s2sDataQuality';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getDataQuality from '@salesforce/apex/S2SDataQualityController.getDataQuality';
import { csvCell, downloadText } from 'c/s2sUtils';

jest.mock('@salesforce/apex/S2SAdminAccessController.getAccess', () => mockWire(), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SDataQualityController.getDataQuality', () => mockWire(), {
  virtual: true
});
jest.mock('c/s2sUtils', () => ({ ...jest.requireActual('c/s2sUtils'), downloadText: jest.fn() }));

const REPORT = {
  windowHours: 24,
  granularity: 'hour',
  total: 12,
  points: [
    { bucketStart: '2026-12-03T13:00:00.000Z', rejected: 7, skipped: 3, parked: 0 },
    { bucketStart: '2026-12-03T14:00:00.000Z', rejected: 0, skipped: 0, parked: 2 }
  ],
  groups: [
    {
      key: 'c1|Account|Rejected|INVALID_VALUE|Phone',
      connectionId: 'c1',
      connectionName: 'Sales org',
      objectName: 'Account',
      stage: 'Rejected',
      reasonCode: 'INVALID_VALUE',
      field: 'Phone',
      total: 7,
      mappingRule: 'Phone -> Phone',
      example: {
        auditId: 'a01',
        eventTime: '2026-12-03T13:10:00.000Z',
        recordId: '001000000000001AAA',
        remoteRecordId: '001000000000009AAA',
        error: 'Field Phone: =HYPERLINK("x")',
        values: { Name: '****', Phone: '12-ab', Fax: null }
      }
    },
    {
      key: 'c1|Account|Parked|||',
      connectionId: 'c1',
      connectionName: 'Sales org',
      objectName: 'Account',
      stage: 'Parked',
      reasonCode: null,
      field: null,
      total: 2,
      mappingRule: null,
      example: null
    }
  ]
};

async function render(): Promise<HTMLElement> {
  const element = mount('c-s2s-data-quality', S2sDataQuality);
  wire(getAccess).emit({ canAdminister: true });
  await flush();
  return element;
}

describe('c-s2s-data-quality', () => {
  afterEach(() => {
    cleanDom();
    jest.clearAllMocks();
  });

  it('waits with a spinner, then lists the groups with their reason, field, count and rule', async () => {
    const element = await render();
    expect($(element, 'c-s2s-load-state', 'lightning-spinner')).not.toBeNull();
    expect(wire(getDataQuality).getLastConfig()).toEqual({ windowHours: 24, connectionId: null });
    wire(getDataQuality).emit(REPORT);
    await flush();
    const table = $(element, '[data-id="groups"]') as HTMLElement & {
      data: { stageText: string; reasonText: string; field: string; total: number }[];
    };
    expect(table.data.map((r) => [r.stageText, r.reasonText, r.field, r.total])).toEqual([
      ['c.S2S_Data_Quality_Rejected', 'INVALID_VALUE', 'Phone', 7],
      ['c.S2S_Data_Quality_Parked', 'c.S2S_Data_Quality_No_Code', null, 2]
    ]);
    const chart = $(element, '[data-id="over-time"]') as HTMLElement & {
      series: { data: number[] }[];
    };
    expect(chart.series.map((s) => s.data)).toEqual([
      [7, 0],
      [3, 0],
      [0, 2]
    ]);
    expect($(element, '[data-id="total"]')!.textContent).toContain('c.S2S_Data_Quality_Total');
    await expect(element).toBeAccessible();
  });

  it('shows a group example masked but for the field at fault, and moves the focus to it', async () => {
    const element = await render();
    wire(getDataQuality).emit(REPORT);
    await flush();
    const table = $(element, '[data-id="groups"]')!;
    table.dispatchEvent(
      new CustomEvent('rowaction', {
        detail: { action: { name: 'example' }, row: REPORT.groups[0] }
      })
    );
    await flush();
    expect($(element, '[data-id="example-record"]')!.textContent).toContain('001000000000001AAA');
    expect(texts($$(element, '[data-id="example-values"] dd'))).toEqual(['****', '12-ab', '—']);
    expect(element.shadowRoot!.activeElement).toBe($(element, '[data-id="example-title"]'));
    await expect(element).toBeAccessible();

    table.dispatchEvent(
      new CustomEvent('rowaction', {
        detail: { action: { name: 'example' }, row: REPORT.groups[1] }
      })
    );
    await flush();
    expect($(element, '[data-id="no-example"]')).not.toBeNull();
  });

  it('exports the groups as CSV, a formula-like text defused', async () => {
    const element = await render();
    wire(getDataQuality).emit(REPORT);
    await flush();
    ($(element, '[data-id="export"]') as HTMLElement).click();
    expect(mocked(downloadText)).toHaveBeenCalledTimes(1);
    const [fileName, type, csv] = mocked(downloadText).mock.calls[0] as string[];
    expect(fileName).toMatch(/^s2s-data-quality-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(type).toBe('text/csv');
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      `Sales org,Account,Rejected,INVALID_VALUE,Phone,7,Phone -> Phone,001000000000001AAA,"Field Phone: =HYPERLINK(""x"")"`
    );
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell(null)).toBe('');
  });

  it('changes the window, says when there is nothing, and shows errors and refusals', async () => {
    const element = await render();
    const combobox = $(element, '[data-id="window"]')!;
    combobox.dispatchEvent(new CustomEvent('change', { detail: { value: '720' } }));
    await flush();
    expect(wire(getDataQuality).getLastConfig()).toEqual({ windowHours: 720, connectionId: null });
    wire(getDataQuality).emit({ ...REPORT, groups: [], total: 0 });
    await flush();
    expect($(element, 'c-s2s-load-state', '[data-id="empty"]')).not.toBeNull();
    expect(($(element, '[data-id="export"]') as HTMLElement & { disabled: boolean }).disabled).toBe(
      true
    );
    await expect(element).toBeAccessible();
    wire(getDataQuality).error({ message: 'Window must be 1 to 720 hours' });
    await flush();
    expect($(element, 'c-s2s-load-state', '[data-id="error"]')!.textContent).toContain('720');
  });

  it('tells a user without the admin permission', async () => {
    const element = mount('c-s2s-data-quality', S2sDataQuality);
    wire(getAccess).emit({ canAdminister: false });
    await flush();
    expect($(element, 'c-s2s-load-state', '[data-id="denied"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });
});
