import S2sChart from 'c/s2sChart';
import { loadScript } from 'lightning/platformResourceLoader';
import { $, $$, cleanDom, flush, mocked, mount, texts } from 'test-utils/s2sLwc';

// Chart.js as loadScript would leave it on the page: a constructor on the global object.
const created: {
  canvas: HTMLCanvasElement;
  config: { type: string; data: { datasets: unknown[] } };
}[] = [];
const update = jest.fn();
const destroy = jest.fn();
class FakeChart {
  data: { labels: string[]; datasets: unknown[] };
  constructor(
    canvas: HTMLCanvasElement,
    config: { type: string; data: { labels: string[]; datasets: unknown[] } }
  ) {
    created.push({ canvas, config });
    this.data = config.data;
  }
  update = update;
  destroy = destroy;
}

const PROPS = {
  type: 'bar',
  caption: 'Volume and success over time',
  labelHeader: 'Time (UTC)',
  labels: ['12-03 13:00', '12-03 14:00'],
  series: [
    { label: 'Succeeded', data: [5, 7], stack: 'outcomes' },
    { label: 'Failed', data: [1, null], stack: 'outcomes' }
  ],
  tableOnly: [{ label: 'Success rate (%)', data: [83.33, 100] }]
};

describe('c-s2s-chart', () => {
  beforeEach(() => {
    (globalThis as unknown as { Chart?: unknown }).Chart = FakeChart;
  });
  afterEach(() => {
    cleanDom();
    created.length = 0;
    jest.clearAllMocks();
    delete (globalThis as unknown as { Chart?: unknown }).Chart;
  });

  it('loads Chart.js from the static resource and draws the series on a labelled canvas', async () => {
    const element = mount('c-s2s-chart', S2sChart, PROPS);
    await flush();
    expect(mocked(loadScript)).toHaveBeenCalledWith(
      expect.anything(),
      expect.stringContaining('S2SChartJs')
    );
    expect(created).toHaveLength(1);
    expect(created[0].config.type).toBe('bar');
    expect(created[0].config.data.datasets).toHaveLength(2);
    // Chart.js defines a property on the arrays it draws: they must not be the read-only inputs
    const drawn = created[0].config.data.datasets[0] as { data: number[] };
    expect(Object.isFrozen(drawn.data)).toBe(false);
    expect(() => Object.defineProperty(drawn.data, '_chartjs', { value: {} })).not.toThrow();
    expect(created[0].canvas.getAttribute('role')).toBe('img');
    expect(created[0].canvas.getAttribute('aria-label')).toBe('Volume and success over time');
    await expect(element).toBeAccessible();
  });

  it('keeps the same numbers in a table, visually hidden until "Show table"', async () => {
    const element = mount('c-s2s-chart', S2sChart, PROPS);
    await flush();
    const wrap = $(element, '[data-id="table-wrap"]')!;
    expect(wrap.className).toContain('slds-assistive-text');
    expect(texts($$(element, 'thead th'))).toEqual([
      'Time (UTC)',
      'Succeeded',
      'Failed',
      'Success rate (%)'
    ]);
    expect(texts($$(element, 'tbody tr:first-child td'))).toEqual(['5', '1', '83.33']);
    expect(texts($$(element, 'tbody tr:nth-child(2) td'))).toEqual(['7', '—', '100']);
    const toggle = $(element, '[data-id="toggle"]') as HTMLElement & { label: string };
    expect(toggle.label).toBe('c.S2S_Chart_Show_Table');
    toggle.click();
    await flush();
    expect($(element, '[data-id="table-wrap"]')!.className).not.toContain('slds-assistive-text');
    expect(toggle.label).toBe('c.S2S_Chart_Show_Chart');
    await expect(element).toBeAccessible();
  });

  it('updates the drawn chart in place when the data change, and destroys it when removed', async () => {
    const element = mount('c-s2s-chart', S2sChart, PROPS) as HTMLElement & { labels: string[] };
    await flush();
    element.labels = ['12-03 15:00', '12-03 16:00'];
    await flush();
    expect(created).toHaveLength(1);
    expect(update).toHaveBeenCalled();
    document.body.removeChild(element);
    expect(destroy).toHaveBeenCalled();
  });

  it('shows the table with the reason when Chart.js cannot load', async () => {
    mocked(loadScript).mockRejectedValueOnce(new Error('resource not found'));
    const element = mount('c-s2s-chart', S2sChart, PROPS);
    await flush();
    await flush();
    expect($(element, '[data-id="chart-error"]')!.textContent).toContain('c.S2S_Chart_Unavailable');
    expect($(element, '[data-id="table-wrap"]')!.className).not.toContain('slds-assistive-text');
    expect($(element, '[data-id="toggle"]')).toBeNull();
    expect(created).toHaveLength(0);
    await expect(element).toBeAccessible();
  });
});
