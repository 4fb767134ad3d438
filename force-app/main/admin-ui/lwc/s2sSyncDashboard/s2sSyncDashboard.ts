// Sync dashboard: success rate against the objective, throughput, backlog, last errors and parked
// changes per connection and object; refreshed live by the engine's S2S_Batch_Outcome__e events.
import { LightningElement, api, wire } from 'lwc';
import BATCH_OUTCOME from '@salesforce/schema/S2S_Batch_Outcome__e';
import OBJECT_NAME_FIELD from '@salesforce/schema/S2S_Batch_Outcome__e.Object_Name__c';
import SUCCEEDED_FIELD from '@salesforce/schema/S2S_Batch_Outcome__e.Succeeded__c';
import FAILED_FIELD from '@salesforce/schema/S2S_Batch_Outcome__e.Failed__c';
import PARKED_FIELD from '@salesforce/schema/S2S_Batch_Outcome__e.Parked__c';
import BACKLOG_FIELD from '@salesforce/schema/S2S_Batch_Outcome__e.Backlog__c';
import { refreshApex } from '@salesforce/apex';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { subscribe, unsubscribe, onError } from 'lightning/empApi';
import type { EmpMessage, EmpSubscription } from 'lightning/empApi';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getDashboard from '@salesforce/apex/S2SDashboardController.getDashboard';
import retry from '@salesforce/apex/S2SDashboardController.retry';
import retryAll from '@salesforce/apex/S2SDashboardController.retryAll';
import { errorText, formatLabel } from 'c/s2sUtils';

import titleLabel from '@salesforce/label/c.S2S_Dashboard_Title';
import loadingLabel from '@salesforce/label/c.S2S_Loading';
import deniedLabel from '@salesforce/label/c.S2S_Permission_Denied_Administer';
import emptyLabel from '@salesforce/label/c.S2S_Dashboard_Empty';
import windowLabel from '@salesforce/label/c.S2S_Dashboard_Window';
import lastHourLabel from '@salesforce/label/c.S2S_Dashboard_Last_Hour';
import lastDayLabel from '@salesforce/label/c.S2S_Dashboard_Last_Day';
import lastWeekLabel from '@salesforce/label/c.S2S_Dashboard_Last_Week';
import last30DaysLabel from '@salesforce/label/c.S2S_Dashboard_Last_30_Days';
import liveLabel from '@salesforce/label/c.S2S_Dashboard_Live';
import liveOffLabel from '@salesforce/label/c.S2S_Dashboard_Live_Off';
import lastEventLabel from '@salesforce/label/c.S2S_Dashboard_Last_Event';
import objectiveLabel from '@salesforce/label/c.S2S_Dashboard_Objective';
import objectiveColumnLabel from '@salesforce/label/c.S2S_Dashboard_Objective_Column';
import connectionLabel from '@salesforce/label/c.S2S_Dashboard_Connection';
import objectLabel from '@salesforce/label/c.S2S_Dashboard_Object';
import successRateLabel from '@salesforce/label/c.S2S_Dashboard_Success_Rate';
import meetsLabel from '@salesforce/label/c.S2S_Dashboard_Meets_Objective';
import missesLabel from '@salesforce/label/c.S2S_Dashboard_Misses_Objective';
import throughputLabel from '@salesforce/label/c.S2S_Dashboard_Throughput';
import backlogLabel from '@salesforce/label/c.S2S_Dashboard_Backlog';
import oldestLabel from '@salesforce/label/c.S2S_Dashboard_Oldest_Minutes';
import parkedCountLabel from '@salesforce/label/c.S2S_Dashboard_Parked_Count';
import heldLabel from '@salesforce/label/c.S2S_Dashboard_Held';
import oldestHeldLabel from '@salesforce/label/c.S2S_Dashboard_Oldest_Held_Minutes';
import lastErrorsLabel from '@salesforce/label/c.S2S_Dashboard_Last_Errors';
import noErrorsLabel from '@salesforce/label/c.S2S_Dashboard_No_Errors';
import parkedLabel from '@salesforce/label/c.S2S_Dashboard_Parked';
import noParkedLabel from '@salesforce/label/c.S2S_Dashboard_No_Parked';
import heldTitleLabel from '@salesforce/label/c.S2S_Dashboard_Held_Title';
import heldHelpLabel from '@salesforce/label/c.S2S_Dashboard_Held_Help';
import noHeldLabel from '@salesforce/label/c.S2S_Dashboard_No_Held';
import waitingForLabel from '@salesforce/label/c.S2S_Dashboard_Waiting_For';
import reconciliationsTitleLabel from '@salesforce/label/c.S2S_Dashboard_Reconciliations_Title';
import reconciliationsHelpLabel from '@salesforce/label/c.S2S_Dashboard_Reconciliations_Help';
import noReconciliationsLabel from '@salesforce/label/c.S2S_Dashboard_No_Reconciliations';
import comparedLabel from '@salesforce/label/c.S2S_Dashboard_Compared';
import driftFoundLabel from '@salesforce/label/c.S2S_Dashboard_Drift_Found';
import driftRepairedLabel from '@salesforce/label/c.S2S_Dashboard_Drift_Repaired';
import summaryLabel from '@salesforce/label/c.S2S_Dashboard_Summary';
import receivedAtLabel from '@salesforce/label/c.S2S_Dashboard_Received_At';
import recordLabel from '@salesforce/label/c.S2S_Dashboard_Record';
import attemptsLabel from '@salesforce/label/c.S2S_Dashboard_Attempts';
import errorLabel from '@salesforce/label/c.S2S_Dashboard_Error';
import timeLabel from '@salesforce/label/c.S2S_Dashboard_Time';
import retryLabel from '@salesforce/label/c.S2S_Dashboard_Retry';
import retryAllLabel from '@salesforce/label/c.S2S_Dashboard_Retry_All';
import retryingLabel from '@salesforce/label/c.S2S_Dashboard_Retrying';
import retriedLabel from '@salesforce/label/c.S2S_Dashboard_Retried';
import successTitle from '@salesforce/label/c.S2S_Toast_Success';
import errorTitle from '@salesforce/label/c.S2S_Toast_Error';

/** The platform event channel the engine publishes after every delivery batch. */
// The event and its fields as the platform names them: `ns__S2S_Batch_Outcome__e` and
// `ns__Succeeded__c` once installed under the namespace, so neither the channel nor the payload
// keys are written here.
export const CHANNEL = `/event/${BATCH_OUTCOME.objectApiName}`;
const payloadField = (field: { fieldApiName?: string }): string => field.fieldApiName ?? '';

interface Access {
  canAdminister: boolean;
}
interface WireResult<T> {
  data?: T;
  error?: unknown;
}
interface MetricRow {
  key: string;
  connectionId: string;
  connectionName: string;
  objectName: string;
  succeeded: number;
  failed: number;
  successRate: number | null;
  meetsObjective: boolean;
  throughputPerHour: number;
  backlog: number;
  oldestPendingMinutes: number | null;
  parked: number;
  /** changes received from the peer that wait for their parent record */
  held: number;
  oldestHeldMinutes: number | null;
}
interface ErrorEntry {
  id: string;
  eventTime: string;
  connectionName: string;
  objectName: string;
  recordId: string;
  stage: string;
  error: string;
}
interface ParkedEntry {
  id: string;
  connectionId: string;
  connectionName: string;
  objectName: string;
  recordId: string;
  attempts: number;
  lastError: string;
  parkedAt: string;
}
/** A change received from the peer, held until its parent record arrives. */
interface HeldEntry {
  id: string;
  connectionName: string;
  objectName: string;
  /** the parent's Id in the peer org */
  waitingFor: string;
  receivedAt: string;
}
/** One reconciliation of a mapping: records compared with the peer, drift found and repaired. */
interface ReconciliationEntry {
  id: string;
  eventTime: string;
  connectionName: string;
  objectName: string;
  records: number;
  driftFound: number;
  driftRepaired: number;
  succeeded: boolean;
  summary: string;
}
/** What getDashboard returns. */
export interface Dashboard {
  objective: number;
  windowHours: number;
  rows: MetricRow[];
  lastErrors: ErrorEntry[];
  parked: ParkedEntry[];
  held?: HeldEntry[];
  reconciliations?: ReconciliationEntry[];
}

/** How the tables show a moment: day and time to the minute. */
const DATE_TIME = {
  year: 'numeric',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit'
};

export default class S2sSyncDashboard extends LightningElement {
  /** Card title, set in App Builder. */
  @api cardTitle: string = titleLabel;
  /** Hours of history the metrics cover (App Builder; the user can change it). */
  @api windowHours = 24;
  /** Only this connection (App Builder or a connection record page); blank = all. */
  @api connectionId?: string;
  /** On a connection's record page: that connection. */
  @api recordId?: string;

  labels = {
    loadingLabel,
    deniedLabel,
    emptyLabel,
    windowLabel,
    liveLabel,
    liveOffLabel,
    lastErrorsLabel,
    noErrorsLabel,
    parkedLabel,
    noParkedLabel,
    heldTitleLabel,
    heldHelpLabel,
    noHeldLabel,
    reconciliationsTitleLabel,
    reconciliationsHelpLabel,
    noReconciliationsLabel,
    retryLabel,
    retryingLabel
  };

  windowOptions = [
    { label: lastHourLabel, value: '1' },
    { label: lastDayLabel, value: '24' },
    { label: lastWeekLabel, value: '168' },
    { label: last30DaysLabel, value: '720' }
  ];

  metricColumns = [
    { label: connectionLabel, fieldName: 'connectionName', type: 'text' },
    { label: objectLabel, fieldName: 'objectName', type: 'text' },
    {
      label: successRateLabel,
      fieldName: 'successRateFraction',
      type: 'percent',
      typeAttributes: { maximumFractionDigits: 2 },
      cellAttributes: { class: { fieldName: 'rateClass' } }
    },
    {
      label: objectiveColumnLabel,
      fieldName: 'objectiveText',
      type: 'text',
      cellAttributes: { class: { fieldName: 'rateClass' } }
    },
    { label: throughputLabel, fieldName: 'throughputPerHour', type: 'number' },
    { label: backlogLabel, fieldName: 'backlog', type: 'number' },
    { label: oldestLabel, fieldName: 'oldestPendingMinutes', type: 'number' },
    { label: parkedCountLabel, fieldName: 'parked', type: 'number' },
    { label: heldLabel, fieldName: 'held', type: 'number' },
    { label: oldestHeldLabel, fieldName: 'oldestHeldMinutes', type: 'number' }
  ];

  parkedColumns = [
    { label: connectionLabel, fieldName: 'connectionName', type: 'text' },
    { label: objectLabel, fieldName: 'objectName', type: 'text' },
    { label: recordLabel, fieldName: 'recordId', type: 'text' },
    { label: attemptsLabel, fieldName: 'attempts', type: 'number' },
    { label: errorLabel, fieldName: 'lastError', type: 'text', wrapText: true },
    {
      label: timeLabel,
      fieldName: 'parkedAt',
      type: 'date',
      typeAttributes: DATE_TIME
    }
  ];

  heldColumns = [
    { label: connectionLabel, fieldName: 'connectionName', type: 'text' },
    { label: objectLabel, fieldName: 'objectName', type: 'text' },
    { label: waitingForLabel, fieldName: 'waitingFor', type: 'text' },
    {
      label: receivedAtLabel,
      fieldName: 'receivedAt',
      type: 'date',
      typeAttributes: DATE_TIME
    }
  ];

  reconciliationColumns = [
    { label: timeLabel, fieldName: 'eventTime', type: 'date', typeAttributes: DATE_TIME },
    { label: connectionLabel, fieldName: 'connectionName', type: 'text' },
    { label: objectLabel, fieldName: 'objectName', type: 'text' },
    { label: comparedLabel, fieldName: 'records', type: 'number' },
    { label: driftFoundLabel, fieldName: 'driftFound', type: 'number' },
    {
      label: driftRepairedLabel,
      fieldName: 'driftRepaired',
      type: 'number',
      cellAttributes: { class: { fieldName: 'repairClass' } }
    },
    { label: summaryLabel, fieldName: 'summary', type: 'text', wrapText: true }
  ];

  access?: Access;
  accessError?: unknown;
  dashboard?: Dashboard;
  dashboardError?: unknown;
  liveError?: string;
  lastEvent?: string;
  selectedParkedIds: string[] = [];
  retrying = false;
  private wiredResult?: WireResult<Dashboard>;
  /** The connection the metrics are limited to; null (defined) so the wire provisions at once. */
  scopeId: string | null = null;
  /** The window shown: starts at windowHours, then follows the user's choice. */
  selectedWindow = 24;
  private subscription?: EmpSubscription;

  override connectedCallback(): void {
    this.scopeId = this.connectionId || this.recordId || null;
    this.selectedWindow = this.windowHours;
    onError((error) => {
      this.liveError = errorText(error) || liveOffLabel;
    });
    subscribe(CHANNEL, -1, (message) => this.handleEvent(message))
      .then((subscription) => {
        this.subscription = subscription;
      })
      .catch((error: unknown) => {
        this.liveError = errorText(error) || liveOffLabel;
      });
  }

  override disconnectedCallback(): void {
    if (this.subscription) {
      unsubscribe(this.subscription);
      this.subscription = undefined;
    }
  }

  @wire(getAccess)
  wiredAccess({ data, error }: WireResult<Access>): void {
    this.access = data;
    this.accessError = error;
  }

  @wire(getDashboard, { windowHours: '$selectedWindow', connectionId: '$scopeId' })
  wiredDashboard(result: WireResult<Dashboard>): void {
    this.wiredResult = result;
    this.dashboard = result.data;
    this.dashboardError = result.error;
  }

  get isLoading(): boolean {
    return (
      !this.accessError &&
      (!this.access || (this.access.canAdminister && !this.dashboard && !this.dashboardError))
    );
  }
  get isDenied(): boolean {
    return !!this.access && !this.access.canAdminister;
  }
  get errorMessage(): string | undefined {
    const error = this.accessError ?? this.dashboardError;
    return error ? errorText(error) : undefined;
  }
  get ready(): boolean {
    return !this.isLoading && !this.isDenied && !this.errorMessage && !!this.dashboard;
  }
  get isEmpty(): boolean {
    const d = this.dashboard;
    return (
      this.ready &&
      !!d &&
      d.rows.length === 0 &&
      d.parked.length === 0 &&
      d.lastErrors.length === 0 &&
      (d.reconciliations ?? []).length === 0
    );
  }
  get hasData(): boolean {
    return this.ready && !this.isEmpty;
  }
  get windowValue(): string {
    return String(this.selectedWindow);
  }
  get objectiveText(): string {
    return formatLabel(objectiveLabel, this.dashboard?.objective);
  }
  get metricRows(): (MetricRow & {
    successRateFraction: number | null;
    rateClass: string;
    objectiveText: string;
  })[] {
    return (this.dashboard?.rows ?? []).map((row) => ({
      ...row,
      // Percent cells take a fraction; rounding keeps 99.9 % from showing as 99.900000001 %.
      successRateFraction:
        row.successRate === null ? null : Math.round(row.successRate * 100) / 10000,
      rateClass: row.meetsObjective ? 'slds-text-color_success' : 'slds-text-color_error',
      objectiveText: row.meetsObjective ? meetsLabel : missesLabel
    }));
  }
  get hasMetrics(): boolean {
    return this.metricRows.length > 0;
  }
  get lastErrors(): ErrorEntry[] {
    return this.dashboard?.lastErrors ?? [];
  }
  get hasErrors(): boolean {
    return this.lastErrors.length > 0;
  }
  get parked(): ParkedEntry[] {
    return this.dashboard?.parked ?? [];
  }
  get hasParked(): boolean {
    return this.parked.length > 0;
  }
  get held(): HeldEntry[] {
    return this.dashboard?.held ?? [];
  }
  get hasHeld(): boolean {
    return this.held.length > 0;
  }
  /** Reconciliations, a run that stopped or left drift unrepaired in the error colour. */
  get reconciliationRows(): (ReconciliationEntry & { repairClass: string })[] {
    return (this.dashboard?.reconciliations ?? []).map((entry) => ({
      ...entry,
      repairClass:
        entry.succeeded && entry.driftRepaired >= entry.driftFound
          ? 'slds-text-color_success'
          : 'slds-text-color_error'
    }));
  }
  get hasReconciliations(): boolean {
    return this.reconciliationRows.length > 0;
  }
  /** One "Retry all" button per connection that has parked changes. */
  get retryAllButtons(): { connectionId: string; label: string }[] {
    const names = new Map<string, string>();
    this.parked.forEach((entry) => names.set(entry.connectionId, entry.connectionName));
    return [...names].map(([connectionId, name]) => ({
      connectionId,
      label: formatLabel(retryAllLabel, name)
    }));
  }
  get cannotRetrySelected(): boolean {
    return this.retrying || this.selectedParkedIds.length === 0;
  }
  get isLive(): boolean {
    return !this.liveError;
  }

  handleWindowChange(event: CustomEvent<{ value: string }>): void {
    this.selectedWindow = Number(event.detail.value);
  }

  handleParkedSelection(event: CustomEvent<{ selectedRows: ParkedEntry[] }>): void {
    this.selectedParkedIds = event.detail.selectedRows.map((row) => row.id);
  }

  async handleRetrySelected(): Promise<void> {
    await this.runRetry(() => retry({ outboxIds: this.selectedParkedIds }));
    this.selectedParkedIds = [];
  }

  async handleRetryAll(event: Event): Promise<void> {
    const connectionId = (event.currentTarget as HTMLElement).dataset.connection;
    await this.runRetry(() => retryAll({ connectionId }));
  }

  private handleEvent(message: EmpMessage): void {
    const payload = message.data.payload;
    this.lastEvent = formatLabel(
      lastEventLabel,
      // A batch event may carry no object name (a batch of several objects).
      (payload[payloadField(OBJECT_NAME_FIELD)] as string | null) ?? '—',
      payload[payloadField(SUCCEEDED_FIELD)] as number,
      payload[payloadField(FAILED_FIELD)] as number,
      payload[payloadField(PARKED_FIELD)] as number,
      payload[payloadField(BACKLOG_FIELD)] as number
    );
    refreshApex(this.wiredResult);
  }

  private async runRetry(call: () => Promise<unknown>): Promise<void> {
    this.retrying = true;
    try {
      const count = (await call()) as number;
      this.dispatchEvent(
        new ShowToastEvent({
          title: successTitle,
          message: formatLabel(retriedLabel, count),
          variant: 'success'
        })
      );
      await refreshApex(this.wiredResult);
    } catch (error) {
      this.dispatchEvent(
        new ShowToastEvent({ title: errorTitle, message: errorText(error), variant: 'error' })
      );
    } finally {
      this.retrying = false;
    }
  }
}
