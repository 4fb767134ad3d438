// A chart with its table behind it: Chart.js, loaded once from the S2SChartJs static resource with
// loadScript (the ecosystem's way to use a charting library in LWC), draws a bar or line chart on a
// canvas; the same numbers are always in a table, visually hidden until "Show table", so a screen
// reader reads the table and a sighted user can switch to it. When the library cannot load, the
// table is shown with the reason.
import { LightningElement, api } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';
import CHART_JS from '@salesforce/resourceUrl/S2SChartJs';
import { errorText, formatLabel } from 'c/s2sUtils';

import showTableLabel from '@salesforce/label/c.S2S_Chart_Show_Table';
import showChartLabel from '@salesforce/label/c.S2S_Chart_Show_Chart';
import unavailableLabel from '@salesforce/label/c.S2S_Chart_Unavailable';

/** One series of values, one per label. */
export interface ChartSeries {
  label: string;
  data: (number | null)[];
  /** stacked bars: series with the same stack are stacked */
  stack?: string;
}

/** The part of Chart.js this component uses. */
interface ChartInstance {
  data: { labels: string[]; datasets: unknown[] };
  update(mode?: string): void;
  destroy(): void;
}
type ChartConstructor = new (canvas: HTMLCanvasElement, config: unknown) => ChartInstance;

// SLDS palette: success, error, weak text, brand, warning
const COLORS = ['#2e844a', '#ba0517', '#747474', '#0176d3', '#dd7a01'];

/**
 * Loads Chart.js; loadScript loads a URL once per page, so every chart may ask (the platform's
 * loader, like the demo's stand-in, resolves a second call for the same URL at once).
 */
function loadChartJs(component: LightningElement): Promise<void> {
  return loadScript(component, CHART_JS);
}

export default class S2sChart extends LightningElement {
  /** bar (stacked when series name a stack) or line */
  @api type: 'bar' | 'line' = 'bar';
  /** What the chart shows: the canvas's accessible name and the table's caption. */
  @api caption = '';
  /** The header of the label column in the table. */
  @api labelHeader = '';
  /** One label per point (time bucket, run, ...). */
  @api labels: string[] = [];
  /** The series, each with one value per label. */
  @api series: ChartSeries[] = [];
  /** Columns shown in the table only (a rate beside counts, say). */
  @api tableOnly: ChartSeries[] = [];

  showTable = false;
  loadError?: string;
  private chart?: ChartInstance;
  private chartReady = false;
  private loading = false;

  labelsText = { showTableLabel, showChartLabel };

  override renderedCallback(): void {
    if (this.loadError) {
      return;
    }
    if (this.chartReady) {
      this.refresh();
      return;
    }
    if (this.loading) {
      return;
    }
    this.loading = true;
    loadChartJs(this)
      .then(() => {
        this.chartReady = true;
        this.refresh();
      })
      .catch((error: unknown) => {
        this.loadError = formatLabel(unavailableLabel, errorText(error) || 'Chart.js');
      })
      .finally(() => {
        this.loading = false;
      });
  }

  override disconnectedCallback(): void {
    this.chart?.destroy();
    this.chart = undefined;
    this.chartReady = false;
  }

  get canToggle(): boolean {
    return !this.loadError;
  }
  get toggleLabel(): string {
    return this.showTable ? showChartLabel : showTableLabel;
  }
  get tableVisible(): boolean {
    return this.showTable || !!this.loadError;
  }
  get tableClass(): string {
    return this.tableVisible ? 'slds-var-m-top_small s2s-chart-table' : 'slds-assistive-text';
  }
  get chartClass(): string {
    return this.loadError ? 'slds-hide' : 's2s-chart-area';
  }
  /** Table rows: one per label, one cell per series. */
  get rows(): { key: string; label: string; cells: { key: string; value: string }[] }[] {
    return (this.labels ?? []).map((label, i) => ({
      key: `${i}`,
      label,
      cells: this.tableSeries.map((s, j) => ({
        key: `${i}-${j}`,
        value: s.data[i] === null || s.data[i] === undefined ? '—' : String(s.data[i])
      }))
    }));
  }
  get headers(): { key: string; label: string }[] {
    return this.tableSeries.map((s, j) => ({ key: `${j}`, label: s.label }));
  }
  private get tableSeries(): ChartSeries[] {
    return [...(this.series ?? []), ...(this.tableOnly ?? [])];
  }

  handleToggle(): void {
    this.showTable = !this.showTable;
  }

  private datasets(): unknown[] {
    // Chart.js marks the arrays it draws (a property on each); the component's public properties
    // are read-only proxies, so it draws copies.
    return (this.series ?? []).map((s, j) => ({
      label: s.label,
      data: [...s.data],
      stack: s.stack,
      backgroundColor: COLORS[j % COLORS.length],
      borderColor: COLORS[j % COLORS.length],
      spanGaps: true
    }));
  }

  // Draws the chart the first time, then updates its data in place.
  private refresh(): void {
    const Chart = (globalThis as unknown as { Chart?: ChartConstructor }).Chart;
    const container = this.template?.querySelector<HTMLElement>('[data-id="canvas"]');
    if (!Chart || !container) {
      return;
    }
    const labels = [...(this.labels ?? [])];
    if (this.chart) {
      this.chart.data.labels = labels;
      this.chart.data.datasets = this.datasets();
      this.chart.update('none');
      return;
    }
    const canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', this.caption);
    container.appendChild(canvas);
    const stacked = this.type === 'bar' && (this.series ?? []).some((s) => !!s.stack);
    this.chart = new Chart(canvas, {
      type: this.type,
      data: { labels, datasets: this.datasets() },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { position: 'bottom' } },
        scales: { x: { stacked }, y: { stacked, beginAtZero: true } }
      }
    });
  }
}
