import { $, $$, cleanDom, flush, mocked, mockWire, mount, wire } from 'test-utils/s2sLwc';
import S2sSyncDashboard from 'c/s2sSyncDashboard';
import { subscribe, unsubscribe, onError } from 'lightning/empApi';
import { refreshApex } from '@salesforce/apex';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getDashboard from '@salesforce/apex/S2SDashboardController.getDashboard';
import retry from '@salesforce/apex/S2SDashboardController.retry';
import retryAll from '@salesforce/apex/S2SDashboardController.retryAll';

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

const ADMIN = { canAdminister: true };
const DASHBOARD = {
  objective: 99.9,
  windowHours: 24,
  rows: [
    {
      key: 'c1:Account',
      connectionId: 'c1',
      connectionName: 'Service org',
      objectName: 'Account',
      succeeded: 999,
      failed: 1,
      successRate: 99.9,
      meetsObjective: true,
      throughputPerHour: 41.63,
      backlog: 3,
      oldestPendingMinutes: 2,
      parked: 2,
      held: 0,
      oldestHeldMinutes: null
    },
    {
      key: 'c1:Contact',
      connectionId: 'c1',
      connectionName: 'Service org',
      objectName: 'Contact',
      succeeded: 90,
      failed: 10,
      successRate: 90,
      meetsObjective: false,
      throughputPerHour: 3.75,
      backlog: 0,
      oldestPendingMinutes: null,
      parked: 0,
      held: 4,
      oldestHeldMinutes: 35
    }
  ],
  lastErrors: [
    {
      id: 'l1',
      eventTime: '2026-11-26T01:00:00.000Z',
      connectionName: 'Service org',
      objectName: 'Contact',
      recordId: '003000000000001AAA',
      stage: 'Rejected',
      error: 'REQUIRED_FIELD_MISSING: LastName'
    }
  ],
  parked: [
    {
      id: 'o1',
      connectionId: 'c1',
      connectionName: 'Service org',
      objectName: 'Account',
      recordId: '001000000000001AAA',
      attempts: 5,
      lastError: 'Read timed out',
      parkedAt: '2026-11-26T00:00:00.000Z'
    },
    {
      id: 'o2',
      connectionId: 'c1',
      connectionName: 'Service org',
      objectName: 'Account',
      recordId: '001000000000002AAA',
      attempts: 5,
      lastError: 'Read timed out',
      parkedAt: '2026-11-26T00:00:00.000Z'
    }
  ],
  held: [
    {
      id: 'l1',
      connectionName: 'Sales org',
      objectName: 'Contact',
      waitingFor: '001000000000009AAA',
      receivedAt: '2026-11-26T00:30:00.000Z'
    }
  ]
};

async function showData(dashboard: unknown = DASHBOARD): Promise<void> {
  wire(getAccess).emit(ADMIN);
  wire(getDashboard).emit(dashboard);
  await flush();
}

/** Mounts the screen with public properties. */
const mountScreen = (props: Record<string, unknown> = {}): HTMLElement =>
  mount('c-s2s-sync-dashboard', S2sSyncDashboard, props);

describe('c-s2s-sync-dashboard', () => {
  afterEach(() => {
    cleanDom();
    jest.clearAllMocks();
  });

  it('shows a spinner while loading and subscribes to the batch outcome events', async () => {
    const element = mountScreen();
    await flush();
    expect($(element, 'c-s2s-load-state', 'lightning-spinner')).not.toBeNull();
    expect(mocked(subscribe)).toHaveBeenCalledWith(
      '/event/S2S_Batch_Outcome__e',
      -1,
      expect.any(Function)
    );
    expect(mocked(onError)).toHaveBeenCalled();
    expect($(element, '[data-id="live"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says permission denied without S2S_Administer', async () => {
    const element = mountScreen();
    wire(getAccess).emit({ canAdminister: false });
    await flush();
    expect($(element, 'c-s2s-load-state', '[data-id="denied"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the error of a failed load', async () => {
    const element = mountScreen();
    wire(getAccess).emit(ADMIN);
    wire(getDashboard).error({ message: 'Window must be 1 to 720 hours' });
    await flush();
    expect($(element, 'c-s2s-load-state', '[data-id="error"]')!.textContent).toBe(
      'Window must be 1 to 720 hours'
    );
  });

  it('shows the empty state when nothing happened in the window', async () => {
    const element = mountScreen();
    await showData({ objective: 99.9, windowHours: 24, rows: [], lastErrors: [], parked: [] });
    expect($(element, 'c-s2s-load-state', '[data-id="empty"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the success rate against the objective, throughput, backlog, errors and parked changes', async () => {
    const element = mountScreen();
    await showData();
    const metrics = $(element, '[data-id="metrics"]') as HTMLElement & {
      data: Record<string, unknown>[];
    };
    expect(
      metrics.data.map((row) => [row.successRateFraction, row.rateClass, row.objectiveText])
    ).toEqual([
      [0.999, 'slds-text-color_success', 'c.S2S_Dashboard_Meets_Objective'],
      [0.9, 'slds-text-color_error', 'c.S2S_Dashboard_Misses_Objective']
    ]);
    expect(metrics.data[0].backlog).toBe(3);
    const columns = (metrics as unknown as { columns: { label: string }[] }).columns.map(
      (c) => c.label
    );
    expect(columns).toContain('c.S2S_Dashboard_Objective_Column');
    expect(columns).toContain('c.S2S_Dashboard_Held');
    expect([metrics.data[1].held, metrics.data[1].oldestHeldMinutes]).toEqual([4, 35]);
    expect(metrics.data[0].throughputPerHour).toBe(41.63);
    expect(
      ($(element, '[data-id="parked"]') as HTMLElement & { data: unknown[] }).data.length
    ).toBe(2);
    expect($(element, '[data-id="errors"]')!.textContent).toContain(
      'REQUIRED_FIELD_MISSING: LastName'
    );
    expect($(element, '[data-id="objective"]')!.textContent).toBe('c.S2S_Dashboard_Objective');
    await expect(element).toBeAccessible();
  });

  it('shows no-parked, no-held and no-error states beside metrics', async () => {
    const element = mountScreen();
    await showData({ ...DASHBOARD, parked: [], held: [], lastErrors: [] });
    expect($(element, '[data-id="no-parked"]')).not.toBeNull();
    expect($(element, '[data-id="no-held"]')).not.toBeNull();
    expect($(element, '[data-id="no-errors"]')).not.toBeNull();
    expect($(element, '[data-id="no-reconciliations"]')).not.toBeNull();
  });

  it('lists the reconciliations with the drift found and repaired, a run that left drift in the error colour', async () => {
    const element = mountScreen();
    await showData({
      ...DASHBOARD,
      reconciliations: [
        {
          id: 'r1',
          eventTime: '2026-11-26T03:00:00.000Z',
          connectionName: 'Service org',
          objectName: 'Account',
          records: 100000,
          driftFound: 100,
          driftRepaired: 100,
          succeeded: true,
          summary: 'Reconciliation of mapping "Account mapping": ...'
        },
        {
          id: 'r2',
          eventTime: '2026-11-25T03:00:00.000Z',
          connectionName: 'Service org',
          objectName: 'Contact',
          records: 5000,
          driftFound: 3,
          driftRepaired: 1,
          succeeded: false,
          summary:
            'Reconciliation of mapping "Contact mapping": ... Stopped: The peer answered HTTP 503'
        }
      ]
    });
    const table = $(element, '[data-id="reconciliations"]') as HTMLElement & {
      data: { driftFound: number; driftRepaired: number; repairClass: string }[];
      columns: { label: string }[];
    };
    expect(table.data.map((r) => [r.driftFound, r.driftRepaired, r.repairClass])).toEqual([
      [100, 100, 'slds-text-color_success'],
      [3, 1, 'slds-text-color_error']
    ]);
    expect(table.columns.map((c) => c.label)).toEqual(
      expect.arrayContaining(['c.S2S_Dashboard_Drift_Found', 'c.S2S_Dashboard_Drift_Repaired'])
    );
    expect($(element, '[data-id="no-reconciliations"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('is not empty when only a reconciliation happened in the window', async () => {
    const element = mountScreen();
    await showData({
      ...DASHBOARD,
      rows: [],
      parked: [],
      held: [],
      lastErrors: [],
      reconciliations: [
        {
          id: 'r1',
          eventTime: '2026-11-26T03:00:00.000Z',
          connectionName: 'Service org',
          objectName: 'Account',
          records: 10,
          driftFound: 0,
          driftRepaired: 0,
          succeeded: true,
          summary: 'in step'
        }
      ]
    });
    expect($(element, 'c-s2s-load-state', '[data-id="empty"]')).toBeNull();
    expect($(element, '[data-id="reconciliations"]')).not.toBeNull();
  });

  it('lists the changes held for a parent with the parent Id in the peer', async () => {
    const element = mountScreen();
    await showData();
    const held = $(element, '[data-id="held"]') as HTMLElement & {
      data: { waitingFor: string }[];
      columns: { label: string }[];
    };
    expect(held.data.map((h) => h.waitingFor)).toEqual(['001000000000009AAA']);
    expect(held.columns.map((c) => c.label)).toContain('c.S2S_Dashboard_Waiting_For');
    expect($(element, '[data-id="no-held"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('asks for the chosen window and the connection of the record page', async () => {
    const element = mountScreen({ recordId: 'a01000000000001AAA' });
    await flush();
    expect(wire(getDashboard).getLastConfig()).toEqual({
      windowHours: 24,
      connectionId: 'a01000000000001AAA'
    });
    await showData();
    $(element, '[data-id="window"]')!.dispatchEvent(
      new CustomEvent('change', { detail: { value: '168' } })
    );
    await flush();
    expect(wire(getDashboard).getLastConfig()).toEqual({
      windowHours: 168,
      connectionId: 'a01000000000001AAA'
    });
  });

  it('refreshes live on a batch outcome event, without reload', async () => {
    const element = mountScreen();
    await showData();
    const onMessage = mocked(subscribe).mock.calls[0][2];
    onMessage({
      channel: '/event/S2S_Batch_Outcome__e',
      data: {
        payload: {
          Object_Name__c: 'Account',
          Succeeded__c: 200,
          Failed__c: 0,
          Parked__c: 0,
          Backlog__c: 0
        },
        event: { replayId: 7 }
      }
    });
    await flush();
    expect(mocked(refreshApex)).toHaveBeenCalledTimes(1);
    expect($(element, '[data-id="last-event"]')!.textContent).toBe('c.S2S_Dashboard_Last_Event');
  });

  it('says when live updates are unavailable', async () => {
    mocked(subscribe).mockRejectedValueOnce(new Error('Streaming API disabled'));
    const element = mountScreen();
    await flush();
    expect($(element, '[data-id="live-off"]')!.textContent).toContain('Streaming API disabled');
    mocked(onError).mock.calls[0][0]({ error: 'handshake' });
    await flush();
    expect($(element, '[data-id="live-off"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('unsubscribes when removed', async () => {
    mocked(subscribe).mockResolvedValueOnce({ id: 's1', channel: '/event/S2S_Batch_Outcome__e' });
    const element = mountScreen();
    await flush();
    document.body.removeChild(element);
    expect(mocked(unsubscribe)).toHaveBeenCalledWith({
      id: 's1',
      channel: '/event/S2S_Batch_Outcome__e'
    });
  });

  it('retries the selected parked changes with a saving state, then refreshes', async () => {
    const element = mountScreen();
    await showData();
    expect(($(element, '[data-id="retry"]') as HTMLElement & { disabled: boolean }).disabled).toBe(
      true
    );
    $(element, '[data-id="parked"]')!.dispatchEvent(
      new CustomEvent('rowselection', { detail: { selectedRows: [DASHBOARD.parked[0]] } })
    );
    await flush();
    let finish: (value: number) => void = () => undefined;
    mocked(retry).mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
    const toasts: string[] = [];
    element.addEventListener('lightning__showtoast', (event) =>
      toasts.push((event as CustomEvent).detail.variant)
    );
    $(element, '[data-id="retry"]')!.click();
    await flush();
    expect(mocked(retry)).toHaveBeenCalledWith({ outboxIds: ['o1'] });
    expect($(element, 'section lightning-spinner')).not.toBeNull();
    finish(1);
    await flush();
    expect(toasts).toEqual(['success']);
    expect(mocked(refreshApex)).toHaveBeenCalled();
  });

  it('retries all parked changes of a connection and reports a failure', async () => {
    const element = mountScreen();
    await showData();
    const buttons = $$(element, 'lightning-button[data-connection]');
    expect(buttons.length).toBe(1);
    mocked(retryAll).mockRejectedValueOnce({ body: { message: 'Connection not found' } });
    const toasts: string[] = [];
    element.addEventListener('lightning__showtoast', (event) =>
      toasts.push((event as CustomEvent).detail.message)
    );
    buttons[0].click();
    await flush();
    expect(mocked(retryAll)).toHaveBeenCalledWith({ connectionId: 'c1' });
    expect(toasts).toEqual(['Connection not found']);
  });
});
