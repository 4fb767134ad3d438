// Data quality for analysts: the changes rejected or skipped here and parked on the way out, grouped
// by connection, object, reason and field (S2SDataQualityController), with the counts over time as a
// chart (and its table), a masked example per group, the mapping rule involved, and a CSV export.
import { LightningElement, api, wire } from 'lwc';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getDataQuality from '@salesforce/apex/S2SDataQualityController.getDataQuality';
import { csvOf, downloadText, errorText, formatLabel } from 'c/s2sUtils';
import type { ChartSeries } from 'c/s2sChart';

import titleLabel from '@salesforce/label/c.S2S_Data_Quality_Title';
import helpLabel from '@salesforce/label/c.S2S_Data_Quality_Help';
import emptyLabel from '@salesforce/label/c.S2S_Data_Quality_Empty';
import overTimeLabel from '@salesforce/label/c.S2S_Data_Quality_Over_Time';
import rejectedLabel from '@salesforce/label/c.S2S_Data_Quality_Rejected';
import skippedLabel from '@salesforce/label/c.S2S_Data_Quality_Skipped';
import parkedLabel from '@salesforce/label/c.S2S_Data_Quality_Parked';
import stageLabel from '@salesforce/label/c.S2S_Data_Quality_Stage';
import reasonLabel from '@salesforce/label/c.S2S_Data_Quality_Reason';
import fieldLabel from '@salesforce/label/c.S2S_Data_Quality_Field';
import countLabel from '@salesforce/label/c.S2S_Data_Quality_Count';
import ruleLabel from '@salesforce/label/c.S2S_Data_Quality_Rule';
import exampleLabel from '@salesforce/label/c.S2S_Data_Quality_Example';
import showExampleLabel from '@salesforce/label/c.S2S_Data_Quality_Show_Example';
import exampleTitleLabel from '@salesforce/label/c.S2S_Data_Quality_Example_Title';
import valuesLabel from '@salesforce/label/c.S2S_Data_Quality_Values';
import remoteRecordLabel from '@salesforce/label/c.S2S_Data_Quality_Remote_Record';
import noExampleLabel from '@salesforce/label/c.S2S_Data_Quality_No_Example';
import noCodeLabel from '@salesforce/label/c.S2S_Data_Quality_No_Code';
import totalLabel from '@salesforce/label/c.S2S_Data_Quality_Total';
import exportLabel from '@salesforce/label/c.S2S_Data_Quality_Export';
import timeLabel from '@salesforce/label/c.S2S_Trends_Time';
import loadingLabel from '@salesforce/label/c.S2S_Loading';
import deniedLabel from '@salesforce/label/c.S2S_Permission_Denied_Administer';
import windowLabel from '@salesforce/label/c.S2S_Dashboard_Window';
import lastHourLabel from '@salesforce/label/c.S2S_Dashboard_Last_Hour';
import lastDayLabel from '@salesforce/label/c.S2S_Dashboard_Last_Day';
import lastWeekLabel from '@salesforce/label/c.S2S_Dashboard_Last_Week';
import last30DaysLabel from '@salesforce/label/c.S2S_Dashboard_Last_30_Days';
import connectionLabel from '@salesforce/label/c.S2S_Dashboard_Connection';
import objectLabel from '@salesforce/label/c.S2S_Dashboard_Object';
import recordLabel from '@salesforce/label/c.S2S_Dashboard_Record';
import errorLabel from '@salesforce/label/c.S2S_Dashboard_Error';

interface WireResult<T> {
  data?: T;
  error?: unknown;
}
interface Example {
  auditId: string;
  eventTime: string;
  recordId: string | null;
  remoteRecordId: string | null;
  error: string | null;
  values: Record<string, unknown> | null;
}
/** One group of problems. */
export interface ProblemGroup {
  key: string;
  connectionId: string;
  connectionName: string;
  objectName: string;
  stage: 'Rejected' | 'Skipped' | 'Parked';
  reasonCode: string | null;
  field: string | null;
  total: number;
  example: Example | null;
  mappingRule: string | null;
}
interface Point {
  bucketStart: string;
  rejected: number;
  skipped: number;
  parked: number;
}
/** What getDataQuality returns. */
export interface Report {
  windowHours: number;
  granularity: 'hour' | 'day';
  points: Point[];
  groups: ProblemGroup[];
  total: number;
}

const STAGE_LABELS: Record<string, string> = {
  Rejected: rejectedLabel,
  Skipped: skippedLabel,
  Parked: parkedLabel
};
const pad = (n: number): string => String(n).padStart(2, '0');

export default class S2sDataQuality extends LightningElement {
  @api cardTitle: string = titleLabel;
  /** Hours of history shown first (App Builder); the user can change it. */
  @api windowHours = 24;
  /** Only this connection; blank = all. */
  @api connectionId?: string;

  labels = {
    helpLabel,
    emptyLabel,
    overTimeLabel,
    exportLabel,
    loadingLabel,
    deniedLabel,
    windowLabel,
    timeLabel,
    valuesLabel,
    recordLabel,
    remoteRecordLabel,
    errorLabel,
    ruleLabel,
    noExampleLabel
  };
  windowOptions = [
    { label: lastHourLabel, value: '1' },
    { label: lastDayLabel, value: '24' },
    { label: lastWeekLabel, value: '168' },
    { label: last30DaysLabel, value: '720' }
  ];
  columns = [
    { label: connectionLabel, fieldName: 'connectionName', type: 'text' },
    { label: objectLabel, fieldName: 'objectName', type: 'text' },
    { label: stageLabel, fieldName: 'stageText', type: 'text' },
    { label: reasonLabel, fieldName: 'reasonText', type: 'text' },
    { label: fieldLabel, fieldName: 'field', type: 'text' },
    { label: countLabel, fieldName: 'total', type: 'number' },
    { label: ruleLabel, fieldName: 'mappingRule', type: 'text', wrapText: true },
    {
      type: 'button',
      label: exampleLabel,
      typeAttributes: { label: showExampleLabel, name: 'example', variant: 'base' }
    }
  ];

  access?: { canAdminister: boolean };
  accessError?: unknown;
  report?: Report;
  reportError?: unknown;
  selectedWindow = 24;
  scopeId: string | null = null;
  exampleKey?: string;

  override connectedCallback(): void {
    this.selectedWindow = this.windowHours;
    this.scopeId = this.connectionId || null;
  }

  @wire(getAccess)
  wiredAccess({ data, error }: WireResult<{ canAdminister: boolean }>): void {
    this.access = data;
    this.accessError = error;
  }

  @wire(getDataQuality, { windowHours: '$selectedWindow', connectionId: '$scopeId' })
  wiredReport({ data, error }: WireResult<Report>): void {
    this.report = data;
    this.reportError = error;
  }

  get isLoading(): boolean {
    return (
      !this.accessError &&
      (!this.access || (this.access.canAdminister && !this.report && !this.reportError))
    );
  }
  get isDenied(): boolean {
    return !!this.access && !this.access.canAdminister;
  }
  get errorMessage(): string | undefined {
    const error = this.accessError ?? this.reportError;
    return error ? errorText(error) : undefined;
  }
  get ready(): boolean {
    return !this.isLoading && !this.isDenied && !this.errorMessage && !!this.report;
  }
  get isEmpty(): boolean {
    return this.ready && (this.report?.groups.length ?? 0) === 0;
  }
  get hasData(): boolean {
    return this.ready && !this.isEmpty;
  }
  get cannotExport(): boolean {
    return !this.hasData;
  }
  get windowValue(): string {
    return String(this.selectedWindow);
  }
  get totalText(): string {
    return formatLabel(totalLabel, this.report?.total ?? 0);
  }
  get rows(): (ProblemGroup & { stageText: string; reasonText: string })[] {
    return (this.report?.groups ?? []).map((g) => ({
      ...g,
      stageText: STAGE_LABELS[g.stage] ?? g.stage,
      reasonText: g.reasonCode ?? noCodeLabel
    }));
  }
  get bucketLabels(): string[] {
    const hourly = this.report?.granularity === 'hour';
    return (this.report?.points ?? []).map((p) => {
      const d = new Date(p.bucketStart);
      const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      return hourly ? `${day.slice(5)} ${pad(d.getUTCHours())}:00` : day;
    });
  }
  get series(): ChartSeries[] {
    const points = this.report?.points ?? [];
    return [
      { label: rejectedLabel, data: points.map((p) => p.rejected), stack: 'problems' },
      { label: skippedLabel, data: points.map((p) => p.skipped), stack: 'problems' },
      { label: parkedLabel, data: points.map((p) => p.parked), stack: 'problems' }
    ];
  }
  get selectedGroup(): ProblemGroup | undefined {
    return this.report?.groups.find((g) => g.key === this.exampleKey);
  }
  get exampleTitle(): string {
    const g = this.selectedGroup;
    return g
      ? formatLabel(
          exampleTitleLabel,
          g.reasonCode ?? noCodeLabel,
          `${g.objectName}${g.field ? '.' + g.field : ''}`
        )
      : '';
  }
  get example(): Example | null {
    return this.selectedGroup?.example ?? null;
  }
  get exampleValues(): { key: string; valueKey: string; value: string }[] {
    const values = this.example?.values ?? {};
    return Object.keys(values).map((key) => ({
      key,
      valueKey: `${key}:value`,
      value: values[key] === null ? '—' : String(values[key])
    }));
  }

  handleWindowChange(event: CustomEvent<{ value: string }>): void {
    this.selectedWindow = Number(event.detail.value);
    this.exampleKey = undefined;
  }

  handleRowAction(event: CustomEvent<{ action: { name: string }; row: ProblemGroup }>): void {
    this.exampleKey = event.detail.row.key;
    // move the focus to the example, so a keyboard or screen reader user lands on what opened
    Promise.resolve().then(() => {
      this.template?.querySelector<HTMLElement>('[data-id="example-title"]')?.focus();
    });
  }

  handleExport(): void {
    const header = [
      connectionLabel,
      objectLabel,
      stageLabel,
      reasonLabel,
      fieldLabel,
      countLabel,
      ruleLabel,
      recordLabel,
      errorLabel
    ];
    const lines = this.rows.map((row) => [
      row.connectionName,
      row.objectName,
      row.stage,
      row.reasonCode,
      row.field,
      row.total,
      row.mappingRule,
      row.example?.recordId,
      row.example?.error
    ]);
    downloadText(
      `s2s-data-quality-${new Date().toISOString().slice(0, 10)}.csv`,
      'text/csv',
      csvOf(header, lines)
    );
  }
}
