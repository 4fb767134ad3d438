// The dashboard's charts (inside s2sSyncDashboard): volume and success per hour or UTC day, the
// end-to-end latency p50/p95 per bucket and per connection and object (S2SDashboardController.getTrends),
// and the drift found and repaired by the last reconciliations (given by the dashboard).
import { LightningElement, api, wire } from 'lwc';
import getTrends from '@salesforce/apex/S2SDashboardController.getTrends';
import { errorText } from 'c/s2sUtils';
import type { ChartSeries } from 'c/s2sChart';

import loadingLabel from '@salesforce/label/c.S2S_Loading';
import connectionLabel from '@salesforce/label/c.S2S_Dashboard_Connection';
import objectLabel from '@salesforce/label/c.S2S_Dashboard_Object';
import volumeTitle from '@salesforce/label/c.S2S_Trends_Volume_Title';
import latencyTitle from '@salesforce/label/c.S2S_Trends_Latency_Title';
import latencyHelp from '@salesforce/label/c.S2S_Trends_Latency_Help';
import noLatencyLabel from '@salesforce/label/c.S2S_Trends_No_Latency';
import driftTitle from '@salesforce/label/c.S2S_Trends_Drift_Title';
import timeLabel from '@salesforce/label/c.S2S_Trends_Time';
import succeededLabel from '@salesforce/label/c.S2S_Trends_Succeeded';
import failedLabel from '@salesforce/label/c.S2S_Trends_Failed';
import skippedLabel from '@salesforce/label/c.S2S_Trends_Skipped';
import successRateLabel from '@salesforce/label/c.S2S_Trends_Success_Rate';
import p50Label from '@salesforce/label/c.S2S_Trends_P50';
import p95Label from '@salesforce/label/c.S2S_Trends_P95';
import latencyCountLabel from '@salesforce/label/c.S2S_Trends_Latency_Count';
import overADayLabel from '@salesforce/label/c.S2S_Trends_Over_A_Day';
import runLabel from '@salesforce/label/c.S2S_Trends_Run';
import driftFoundLabel from '@salesforce/label/c.S2S_Dashboard_Drift_Found';
import driftRepairedLabel from '@salesforce/label/c.S2S_Dashboard_Drift_Repaired';

interface WireResult<T> {
  data?: T;
  error?: unknown;
}
/** One time bucket of getTrends. */
export interface TrendPoint {
  bucketStart: string;
  succeeded: number;
  failed: number;
  skipped: number;
  successRate: number | null;
  latencyCount: number;
  p50Ms: number | null;
  p95Ms: number | null;
}
/** Latency of one connection and object. */
export interface LatencyRow {
  key: string;
  connectionName: string;
  objectName: string;
  latencyCount: number;
  p50Ms: number | null;
  p95Ms: number | null;
  overADay: boolean;
}
/** What getTrends returns. */
export interface Trends {
  granularity: 'hour' | 'day';
  windowHours: number;
  points: TrendPoint[];
  latency: LatencyRow[];
}
/** A reconciliation run as the dashboard lists it. */
export interface DriftRun {
  id: string;
  eventTime: string;
  objectName: string;
  driftFound: number | null;
  driftRepaired: number | null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export default class S2sSyncTrends extends LightningElement {
  /** Hours of history. */
  @api windowHours = 24;
  /** Only this connection (null: all). */
  @api connectionId: string | null = null;
  /** The dashboard's last reconciliations, newest first. */
  @api reconciliations: DriftRun[] = [];

  trends?: Trends;
  error?: unknown;
  labels = {
    loadingLabel,
    volumeTitle,
    latencyTitle,
    latencyHelp,
    noLatencyLabel,
    driftTitle,
    timeLabel,
    runLabel
  };

  latencyColumns = [
    { label: connectionLabel, fieldName: 'connectionName', type: 'text' },
    { label: objectLabel, fieldName: 'objectName', type: 'text' },
    { label: latencyCountLabel, fieldName: 'latencyCount', type: 'number' },
    { label: p50Label, fieldName: 'p50Text', type: 'text' },
    { label: p95Label, fieldName: 'p95Text', type: 'text' }
  ];

  @wire(getTrends, {
    windowHours: '$windowHours',
    connectionId: '$connectionId',
    objectName: null
  })
  wiredTrends({ data, error }: WireResult<Trends>): void {
    this.trends = data;
    this.error = error;
  }

  get isLoading(): boolean {
    return !this.trends && !this.error;
  }
  get errorMessage(): string | undefined {
    return this.error ? errorText(this.error) : undefined;
  }
  get hasTrends(): boolean {
    return !!this.trends;
  }
  /** Bucket labels in UTC: "12-03 14:00" per hour, "2026-12-03" per day. */
  get bucketLabels(): string[] {
    const hourly = this.trends?.granularity === 'hour';
    return (this.trends?.points ?? []).map((p) => {
      const d = new Date(p.bucketStart);
      const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      return hourly ? `${day.slice(5)} ${pad(d.getUTCHours())}:00` : day;
    });
  }
  get volumeSeries(): ChartSeries[] {
    const points = this.trends?.points ?? [];
    return [
      { label: succeededLabel, data: points.map((p) => p.succeeded), stack: 'outcomes' },
      { label: failedLabel, data: points.map((p) => p.failed), stack: 'outcomes' },
      { label: skippedLabel, data: points.map((p) => p.skipped), stack: 'outcomes' }
    ];
  }
  /** The success rate per bucket, in the table only (a rate does not stack with counts). */
  get rateSeries(): ChartSeries[] {
    return [
      { label: successRateLabel, data: (this.trends?.points ?? []).map((p) => p.successRate) }
    ];
  }
  get hasLatency(): boolean {
    return (this.trends?.latency ?? []).length > 0;
  }
  get latencySeries(): ChartSeries[] {
    const points = this.trends?.points ?? [];
    return [
      { label: p50Label, data: points.map((p) => p.p50Ms) },
      { label: p95Label, data: points.map((p) => p.p95Ms) }
    ];
  }
  get latencyRows(): (LatencyRow & { p50Text: string; p95Text: string })[] {
    const text = (ms: number | null, row: LatencyRow): string => {
      if (ms !== null) {
        return `≤ ${ms}`;
      }
      return row.overADay ? overADayLabel : '—';
    };
    return (this.trends?.latency ?? []).map((row) => ({
      ...row,
      p50Text: text(row.p50Ms, row),
      p95Text: text(row.p95Ms, row)
    }));
  }
  /** Oldest run first, as a time axis reads. */
  get driftRuns(): DriftRun[] {
    return [...(this.reconciliations ?? [])]
      .filter((r) => r.driftFound !== null && r.driftFound !== undefined)
      .reverse();
  }
  get hasDrift(): boolean {
    return this.driftRuns.length > 0;
  }
  get driftLabels(): string[] {
    return this.driftRuns.map(
      (r) => `${r.eventTime.slice(0, 16).replace('T', ' ')} ${r.objectName}`
    );
  }
  get driftSeries(): ChartSeries[] {
    return [
      { label: driftFoundLabel, data: this.driftRuns.map((r) => r.driftFound) },
      { label: driftRepairedLabel, data: this.driftRuns.map((r) => r.driftRepaired) }
    ];
  }
}
