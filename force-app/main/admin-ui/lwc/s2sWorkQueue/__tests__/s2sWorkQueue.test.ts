import S2sWorkQueue, { crosswalkCsv } from 'c/s2sWorkQueue';
import { csvCell } from 'c/s2sUtils';
import getConnections from '@salesforce/apex/S2SConnectionsController.getConnections';
import getWorkQueue from '@salesforce/apex/S2SWorkQueueController.getWorkQueue';
import inspect from '@salesforce/apex/S2SWorkQueueController.inspect';
import retry from '@salesforce/apex/S2SWorkQueueController.retry';
import discard from '@salesforce/apex/S2SWorkQueueController.discard';
import release from '@salesforce/apex/S2SWorkQueueController.release';
import requestParents from '@salesforce/apex/S2SWorkQueueController.requestParents';
import getCrosswalkPage from '@salesforce/apex/S2SWorkQueueController.getCrosswalkPage';
import { downloadText } from 'c/s2sUtils';
import { $, $$, cleanDom, flush, mocked, mount, texts } from 'test-utils/s2sLwc';

jest.mock(
  '@salesforce/apex/S2SConnectionsController.getConnections',
  () => ({ default: jest.fn() }),
  {
    virtual: true
  }
);
jest.mock('@salesforce/apex/S2SWorkQueueController.getWorkQueue', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SWorkQueueController.inspect', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SWorkQueueController.retry', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SWorkQueueController.discard', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SWorkQueueController.release', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock(
  '@salesforce/apex/S2SWorkQueueController.requestParents',
  () => ({ default: jest.fn() }),
  {
    virtual: true
  }
);
jest.mock(
  '@salesforce/apex/S2SWorkQueueController.getCrosswalkPage',
  () => ({ default: jest.fn() }),
  {
    virtual: true
  }
);
jest.mock('c/s2sUtils', () => ({ ...jest.requireActual('c/s2sUtils'), downloadText: jest.fn() }));

const QUEUE = {
  outbox: [
    {
      id: 'a01000000000001AAA',
      kind: 'Outbox',
      connectionName: 'Service org',
      objectName: 'Account',
      recordId: '001000000000001AAA',
      status: 'Parked',
      attempts: 5,
      reason: 'Object Account is not allowed',
      since: '2026-11-20T10:00:00.000Z'
    }
  ],
  held: [
    {
      id: 'a02000000000001AAA',
      kind: 'Held',
      connectionName: 'Service org',
      objectName: 'Contact',
      status: 'Held',
      reason: '001000000000009AAA',
      since: '2026-11-20T09:00:00.000Z'
    }
  ]
};

async function render(queue: unknown = QUEUE): Promise<HTMLElement> {
  mocked(getConnections).mockResolvedValue([{ Id: 'a00000000000001AAA', Name: 'Service org' }]);
  mocked(getWorkQueue).mockResolvedValue(queue);
  const element = mount('c-s2s-work-queue', S2sWorkQueue);
  await flush();
  return element;
}

function select(element: HTMLElement, table: string, rows: unknown[]): void {
  $(element, `lightning-datatable[data-id="${table}"]`)!.dispatchEvent(
    new CustomEvent('rowselection', { detail: { selectedRows: rows } })
  );
}

async function click(element: HTMLElement, id: string): Promise<void> {
  $(element, `[data-id="${id}"]`)!.click();
  await flush();
}

function toasts(element: HTMLElement): { variant: string; message: string }[] {
  const seen: { variant: string; message: string }[] = [];
  element.addEventListener('lightning__showtoast', (e) => seen.push((e as CustomEvent).detail));
  return seen;
}

describe('c-s2s-work-queue', () => {
  afterEach(() => {
    cleanDom();
    jest.clearAllMocks();
  });

  it('shows a spinner while loading', () => {
    mocked(getConnections).mockResolvedValue([]);
    mocked(getWorkQueue).mockReturnValue(new Promise(() => undefined));
    const element = mount('c-s2s-work-queue', S2sWorkQueue);
    expect($(element, 'lightning-spinner')).not.toBeNull();
  });

  it('lists parked and held changes with their actions disabled until rows are selected', async () => {
    const element = await render();
    const outbox = $(element, 'lightning-datatable[data-id="outbox"]') as unknown as {
      data: unknown[];
    };
    expect(outbox.data).toEqual(QUEUE.outbox);
    const held = $(element, 'lightning-datatable[data-id="held"]') as unknown as {
      data: unknown[];
    };
    expect(held.data).toEqual(QUEUE.held);
    expect(($(element, '[data-id="retry"]') as unknown as { disabled: boolean }).disabled).toBe(
      true
    );
    select(element, 'outbox', QUEUE.outbox);
    await flush();
    expect(($(element, '[data-id="retry"]') as unknown as { disabled: boolean }).disabled).toBe(
      false
    );
    await expect(element).toBeAccessible();
  });

  it('says when nothing waits', async () => {
    const element = await render({ outbox: [], held: [] });
    expect(texts($$(element, '[data-id="outbox-empty"]'))).toEqual(['c.S2S_Work_Outbox_Empty']);
    expect(texts($$(element, '[data-id="held-empty"]'))).toEqual(['c.S2S_Work_Held_Empty']);
    await expect(element).toBeAccessible();
  });

  it('shows the permission message to a user without S2S_Administer', async () => {
    mocked(getConnections).mockRejectedValue({ body: { message: 'no' } });
    mocked(getWorkQueue).mockRejectedValue({
      body: { message: 'You need the custom permission S2S_Administer.' }
    });
    const element = mount('c-s2s-work-queue', S2sWorkQueue);
    await flush();
    expect($(element, '[data-id="denied"]')).not.toBeNull();
  });

  it('filters by connection and reloads', async () => {
    const element = await render();
    $(element, '[data-id="connection"]')!.dispatchEvent(
      new CustomEvent('change', { detail: { value: 'a00000000000001AAA' } })
    );
    await flush();
    expect(getWorkQueue).toHaveBeenLastCalledWith({
      connectionId: 'a00000000000001AAA',
      objectName: null
    });
  });

  it('retries the selected parked changes and reloads', async () => {
    mocked(retry).mockResolvedValue(1);
    const element = await render();
    const seen = toasts(element);
    select(element, 'outbox', QUEUE.outbox);
    await flush();
    await click(element, 'retry');
    expect(retry).toHaveBeenCalledWith({ itemIds: ['a01000000000001AAA'] });
    expect(getWorkQueue).toHaveBeenCalledTimes(2);
    expect(seen.map((t) => t.variant)).toEqual(['success']);
  });

  it('refuses to discard without a reason, on the reason field, and discards with one', async () => {
    mocked(discard).mockResolvedValue(1);
    const element = await render();
    select(element, 'held', QUEUE.held);
    await flush();
    const reason = $(element, '[data-id="reason"]') as HTMLElement & {
      setCustomValidity: jest.Mock;
      reportValidity: jest.Mock;
    };
    reason.setCustomValidity = jest.fn();
    reason.reportValidity = jest.fn();
    await click(element, 'discard-held');
    expect(discard).not.toHaveBeenCalled();
    expect(reason.setCustomValidity).toHaveBeenCalledWith('c.S2S_Error_Discard_Reason');
    reason.dispatchEvent(new CustomEvent('change', { detail: { value: 'Test data' } }));
    await flush();
    await click(element, 'discard-held');
    expect(discard).toHaveBeenCalledWith({ itemIds: ['a02000000000001AAA'], reason: 'Test data' });
  });

  it('releases held changes and requests parents, showing what became of each', async () => {
    mocked(release).mockResolvedValue([{ id: 'a02000000000001AAA', message: 'Applied' }]);
    mocked(requestParents).mockResolvedValue([{ id: 'a02000000000001AAA', message: 'Requested' }]);
    const element = await render();
    select(element, 'held', QUEUE.held);
    await flush();
    await click(element, 'release');
    expect(release).toHaveBeenCalledWith({ itemIds: ['a02000000000001AAA'] });
    expect(texts($$(element, '[data-id="result"]'))).toEqual(['Applied']);
    select(element, 'held', QUEUE.held);
    await flush();
    await click(element, 'request-parent');
    expect(requestParents).toHaveBeenCalledWith({ itemIds: ['a02000000000001AAA'] });
    expect(texts($$(element, '[data-id="result"]'))).toEqual(['Requested']);
  });

  it('inspects a change with the values the server masked, and closes it', async () => {
    mocked(inspect).mockResolvedValue({
      item: { ...QUEUE.held[0], recordId: '003000000000001AAA' },
      operation: 'Upsert',
      fields: [
        { field: 'Email', value: '****' },
        { field: 'LastName', value: 'Early' }
      ]
    });
    const element = await render();
    $(element, 'lightning-datatable[data-id="held"]')!.dispatchEvent(
      new CustomEvent('rowaction', { detail: { action: { name: 'inspect' }, row: QUEUE.held[0] } })
    );
    await flush();
    expect(inspect).toHaveBeenCalledWith({ itemId: 'a02000000000001AAA' });
    expect(texts($$(element, '[data-id="value"]'))).toEqual(['****', 'Early']);
    await expect(element).toBeAccessible();
    await click(element, 'inspection-close');
    expect($(element, '[data-id="inspection"]')).toBeNull();
  });

  it('says so when an inspected change captured no values', async () => {
    mocked(inspect).mockResolvedValue({ item: QUEUE.outbox[0], fields: [] });
    const element = await render();
    $(element, 'lightning-datatable[data-id="outbox"]')!.dispatchEvent(
      new CustomEvent('rowaction', {
        detail: { action: { name: 'inspect' }, row: QUEUE.outbox[0] }
      })
    );
    await flush();
    expect($(element, '[data-id="no-values"]')).not.toBeNull();
  });

  it('toasts the error of a failed action', async () => {
    mocked(retry).mockRejectedValue({ body: { message: 'The record does not exist.' } });
    const element = await render();
    const seen = toasts(element);
    select(element, 'outbox', QUEUE.outbox);
    await flush();
    await click(element, 'retry');
    expect(seen).toEqual([
      expect.objectContaining({ variant: 'error', message: 'The record does not exist.' })
    ]);
  });

  it('exports the crosswalk of the chosen connection page by page as CSV', async () => {
    mocked(getCrosswalkPage)
      .mockResolvedValueOnce({
        rows: [{ objectName: 'Account', localId: '001A', remoteId: '001B' }],
        next: '001A'
      })
      .mockResolvedValueOnce({
        rows: [{ objectName: 'Account', localId: '001C', remoteId: '001D', lastSyncedAt: 'x' }],
        next: null
      });
    const element = await render();
    expect(($(element, '[data-id="export"]') as unknown as { disabled: boolean }).disabled).toBe(
      true
    );
    $(element, '[data-id="connection"]')!.dispatchEvent(
      new CustomEvent('change', { detail: { value: 'a00000000000001AAA' } })
    );
    await flush();
    await click(element, 'export');
    await flush();
    expect(getCrosswalkPage).toHaveBeenNthCalledWith(2, {
      connectionId: 'a00000000000001AAA',
      objectName: null,
      after: '001A',
      pageSize: 2000
    });
    expect(downloadText).toHaveBeenCalledWith(
      's2s-crosswalk.csv',
      'text/csv',
      'Object,Local Id,Remote Id,Last Synced At\r\nAccount,001A,001B,\r\nAccount,001C,001D,x\r\n'
    );
  });
});

describe('crosswalk CSV', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell(null)).toBe('');
    expect(crosswalkCsv([])).toBe('Object,Local Id,Remote Id,Last Synced At\r\n');
  });
});
