import { $, cleanDom, flush, mockWire, mount, wire } from 'test-utils/s2sLwc';
import S2sSyncTrends from 'c/s2sSyncTrends';
import getTrends from '@salesforce/apex/S2SDashboardController.getTrends';

jest.mock('@salesforce/apex/S2SDashboardController.getTrends', () => mockWire(), {
  virtual: true
});

interface ChartElement extends HTMLElement {
  labels: string[];
  series: { label: string; data: (number | null)[]; stack?: string }[];
  tableOnly: { label: string; data: (number | null)[] }[];
  caption: string;
}

const TRENDS = {
  granularity: 'hour',
  windowHours: 24,
  points: [
    {
      bucketStart: '2026-12-03T13:00:00.000Z',
      succeeded: 40,
      failed: 2,
      skipped: 1,
      successRate: 95.24,
      latencyCount: 30,
      p50Ms: 1000,
      p95Ms: 5000
    },
    {
      bucketStart: '2026-12-03T14:00:00.000Z',
      succeeded: 0,
      failed: 0,
      skipped: 0,
      successRate: null,
      latencyCount: 0,
      p50Ms: null,
      p95Ms: null
    }
  ],
  latency: [
    {
      key: 'c1:Account',
      connectionName: 'Sales org',
      objectName: 'Account',
      latencyCount: 30,
      p50Ms: 1000,
      p95Ms: null,
      overADay: true
    }
  ]
};
const RUNS = [
  {
    id: 'a2',
    eventTime: '2026-12-03T03:00:00.000Z',
    objectName: 'Account',
    driftFound: 4,
    driftRepaired: 4
  },
  {
    id: 'a1',
    eventTime: '2026-12-02T03:00:00.000Z',
    objectName: 'Account',
    driftFound: 2,
    driftRepaired: 1
  },
  {
    id: 'a0',
    eventTime: '2026-12-01T03:00:00.000Z',
    objectName: 'Account',
    driftFound: null,
    driftRepaired: null
  }
];

describe('c-s2s-sync-trends', () => {
  afterEach(() => {
    cleanDom();
    jest.clearAllMocks();
  });

  it('asks for the window and connection the dashboard shows and waits with a spinner', async () => {
    const element = mount('c-s2s-sync-trends', S2sSyncTrends, {
      windowHours: 168,
      connectionId: 'c1'
    });
    await flush();
    expect(wire(getTrends).getLastConfig()).toEqual({
      windowHours: 168,
      connectionId: 'c1',
      objectName: null
    });
    expect($(element, 'c-s2s-load-state', 'lightning-spinner')).not.toBeNull();
  });

  it('charts volume per hour stacked by outcome, the rate in the table, and latency p50/p95', async () => {
    const element = mount('c-s2s-sync-trends', S2sSyncTrends, { reconciliations: RUNS });
    wire(getTrends).emit(TRENDS);
    await flush();
    const volume = $(element, '[data-id="volume-chart"]') as ChartElement;
    expect(volume.labels).toEqual(['12-03 13:00', '12-03 14:00']);
    expect(volume.series.map((s) => [s.label, s.data, s.stack])).toEqual([
      ['c.S2S_Trends_Succeeded', [40, 0], 'outcomes'],
      ['c.S2S_Trends_Failed', [2, 0], 'outcomes'],
      ['c.S2S_Trends_Skipped', [1, 0], 'outcomes']
    ]);
    expect(volume.tableOnly[0].data).toEqual([95.24, null]);
    const latency = $(element, '[data-id="latency-chart"]') as ChartElement;
    expect(latency.series.map((s) => s.data)).toEqual([
      [1000, null],
      [5000, null]
    ]);
    const table = $(element, '[data-id="latency"]') as HTMLElement & {
      data: { p50Text: string; p95Text: string }[];
    };
    expect(table.data[0].p50Text).toBe('≤ 1000');
    expect(table.data[0].p95Text).toBe('c.S2S_Trends_Over_A_Day');
    await expect(element).toBeAccessible();
  });

  it('charts the drift of the reconciliations that counted it, oldest first', async () => {
    const element = mount('c-s2s-sync-trends', S2sSyncTrends, { reconciliations: RUNS });
    wire(getTrends).emit(TRENDS);
    await flush();
    const drift = $(element, '[data-id="drift-chart"]') as ChartElement;
    expect(drift.labels).toEqual(['2026-12-02 03:00 Account', '2026-12-03 03:00 Account']);
    expect(drift.series.map((s) => s.data)).toEqual([
      [2, 4],
      [1, 4]
    ]);
  });

  it('labels days per UTC day, says when no latency was measured, and shows no drift chart without runs', async () => {
    const element = mount('c-s2s-sync-trends', S2sSyncTrends, { windowHours: 720 });
    wire(getTrends).emit({ ...TRENDS, granularity: 'day', latency: [] });
    await flush();
    expect(($(element, '[data-id="volume-chart"]') as ChartElement).labels).toEqual([
      '2026-12-03',
      '2026-12-03'
    ]);
    expect($(element, '[data-id="no-latency"]')).not.toBeNull();
    expect($(element, '[data-id="drift-chart"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the error of the trends query', async () => {
    const element = mount('c-s2s-sync-trends', S2sSyncTrends);
    wire(getTrends).error({ message: 'Window must be 1 to 720 hours' });
    await flush();
    expect($(element, 'c-s2s-load-state', '[data-id="error"]')!.textContent).toContain('720');
  });
});
