// Native Salesforce to Salesforce migration wizard: (1) the dry-run report per native connection
// and object (shared pairs, records without a partner Id, links no longer active, objects S2S Sync
// cannot map), exportable as CSV; (2) the confirmation of the connections to migrate; (3) the
// result, with the progress of the batch that links large connections. Everything comes from
// S2SNativeMigrationController as plain objects (no field names): nothing here depends on the
// namespace. docs/migration.md is the cut-over checklist.
import { LightningElement, api } from 'lwc';
import getReport from '@salesforce/apex/S2SNativeMigrationController.getReport';
import migrate from '@salesforce/apex/S2SNativeMigrationController.migrate';
import getJob from '@salesforce/apex/S2SNativeMigrationController.getJob';
import { csvOf, downloadText, formatLabel, friendlyError } from 'c/s2sUtils';

import titleLabel from '@salesforce/label/c.S2S_Native_Title';
import helpLabel from '@salesforce/label/c.S2S_Native_Help';
import unavailableLabel from '@salesforce/label/c.S2S_Native_Unavailable';
import emptyLabel from '@salesforce/label/c.S2S_Native_Empty';
import incompleteLabel from '@salesforce/label/c.S2S_Native_Incomplete';
import objectLabel from '@salesforce/label/c.S2S_Native_Object';
import pairsLabel from '@salesforce/label/c.S2S_Native_Pairs';
import withoutPartnerLabel from '@salesforce/label/c.S2S_Native_Without_Partner';
import inactiveLabel from '@salesforce/label/c.S2S_Native_Inactive';
import linkedLabel from '@salesforce/label/c.S2S_Native_Linked';
import fieldsLabel from '@salesforce/label/c.S2S_Native_Fields';
import mappableLabel from '@salesforce/label/c.S2S_Native_Mappable';
import yesLabel from '@salesforce/label/c.S2S_Native_Yes';
import noObjectsLabel from '@salesforce/label/c.S2S_Native_No_Objects';
import migratedActiveLabel from '@salesforce/label/c.S2S_Native_Migrated_Active';
import migratedInactiveLabel from '@salesforce/label/c.S2S_Native_Migrated_Inactive';
import notMigratedLabel from '@salesforce/label/c.S2S_Native_Not_Migrated';
import chooseLabel from '@salesforce/label/c.S2S_Native_Choose';
import exportLabel from '@salesforce/label/c.S2S_Native_Export';
import refreshLabel from '@salesforce/label/c.S2S_Native_Refresh';
import reviewLabel from '@salesforce/label/c.S2S_Native_Review';
import confirmTitleLabel from '@salesforce/label/c.S2S_Native_Confirm_Title';
import confirmTextLabel from '@salesforce/label/c.S2S_Native_Confirm_Text';
import confirmLineLabel from '@salesforce/label/c.S2S_Native_Confirm_Line';
import confirmLabel from '@salesforce/label/c.S2S_Native_Confirm';
import cancelLabel from '@salesforce/label/c.S2S_Native_Cancel';
import resultTitleLabel from '@salesforce/label/c.S2S_Native_Result_Title';
import resultTextLabel from '@salesforce/label/c.S2S_Native_Result_Text';
import jobLabel from '@salesforce/label/c.S2S_Native_Job';
import jobDoneLabel from '@salesforce/label/c.S2S_Native_Job_Done';
import jobFailedLabel from '@salesforce/label/c.S2S_Native_Job_Failed';
import backLabel from '@salesforce/label/c.S2S_Native_Back';
import loadingLabel from '@salesforce/label/c.S2S_Loading';
import deniedLabel from '@salesforce/label/c.S2S_Permission_Denied_Administer';

/** One object of a native connection, as S2SNativeMigrationReport.ObjectReport. */
export interface ObjectLine {
  objectName: string;
  pairs: number;
  withoutPartnerId: number;
  inactive: number;
  alreadyLinked: number;
  mappable: boolean;
  reason?: string | null;
  mappingId?: string | null;
  fields: number;
}

/** One native connection, as S2SNativeMigrationReport.ConnectionReport. */
export interface ConnectionLine {
  nativeId: string;
  name: string;
  status: string;
  connectionId?: string | null;
  connectionActive: boolean;
  objects: ObjectLine[];
}

/** The dry run, as S2SNativeMigrationReport. */
export interface Report {
  available: boolean;
  complete: boolean;
  linksRead: number;
  jobId?: string | null;
  connections: ConnectionLine[];
}

/** The linking batch, as S2SNativeMigrationController.JobStatus. */
export interface JobStatus {
  status: string;
  processed: number;
  total: number;
  errors: number;
  detail?: string | null;
}

interface ObjectView extends ObjectLine {
  key: string;
  mappableText: string;
  rowClass: string;
}

interface ConnectionView extends ConnectionLine {
  checked: boolean;
  stateText: string;
  selectLabel: string;
  headingId: string;
  hasObjects: boolean;
  objectViews: ObjectView[];
}

type Step = 'report' | 'confirm' | 'result';

const DENIED = /S2S_Administer/;
const FINISHED = new Set(['Completed', 'Failed', 'Aborted']);
const POLL_MS = 2000;

export default class S2sNativeMigration extends LightningElement {
  @api cardTitle: string = titleLabel;

  labels = {
    helpLabel,
    unavailableLabel,
    emptyLabel,
    incompleteLabel,
    objectLabel,
    pairsLabel,
    withoutPartnerLabel,
    inactiveLabel,
    linkedLabel,
    fieldsLabel,
    mappableLabel,
    noObjectsLabel,
    chooseLabel,
    exportLabel,
    refreshLabel,
    reviewLabel,
    confirmTitleLabel,
    confirmTextLabel,
    confirmLabel,
    cancelLabel,
    resultTitleLabel,
    resultTextLabel,
    backLabel,
    loadingLabel,
    deniedLabel
  };
  report: Report | null = null;
  isLoading = true;
  isDenied = false;
  isBusy = false;
  errorMessage = '';
  step: Step = 'report';
  chosenIds: string[] = [];
  job: JobStatus | null = null;
  private jobId: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private focusPending = '';

  connectedCallback(): void {
    this.load();
  }

  disconnectedCallback(): void {
    this.stopPolling();
  }

  renderedCallback(): void {
    if (this.focusPending) {
      const target = this.template?.querySelector<HTMLElement>(`[data-id="${this.focusPending}"]`);
      if (target) {
        target.focus();
        this.focusPending = '';
      }
    }
  }

  get isUnavailable(): boolean {
    return !!this.report && !this.report.available;
  }

  get isEmpty(): boolean {
    return !!this.report && this.report.available && this.report.connections.length === 0;
  }

  get isIncomplete(): boolean {
    return !!this.report && !this.report.complete;
  }

  get incompleteText(): string {
    return formatLabel(incompleteLabel, this.report?.linksRead ?? 0);
  }

  get showReport(): boolean {
    return this.step === 'report';
  }

  get showConfirm(): boolean {
    return this.step === 'confirm';
  }

  get showResult(): boolean {
    return this.step === 'result';
  }

  get connections(): ConnectionView[] {
    return (this.report?.connections ?? []).map((c) => ({
      ...c,
      checked: this.chosenIds.includes(c.nativeId),
      stateText: c.connectionId
        ? c.connectionActive
          ? migratedActiveLabel
          : migratedInactiveLabel
        : notMigratedLabel,
      selectLabel: formatLabel(chooseLabel, c.name),
      headingId: `native-${c.nativeId}`,
      hasObjects: c.objects.length > 0,
      objectViews: c.objects.map((o) => ({
        ...o,
        key: `${c.nativeId}:${o.objectName}`,
        mappableText: o.mappable ? yesLabel : (o.reason ?? ''),
        rowClass: o.mappable ? '' : 'slds-text-color_weak'
      }))
    }));
  }

  get chosen(): ConnectionView[] {
    return this.connections.filter((c) => c.checked);
  }

  get confirmLines(): { key: string; text: string }[] {
    return this.chosen.map((c) => {
      const mappable = c.objects.filter((o) => o.mappable);
      const pairs = mappable.reduce((n, o) => n + o.pairs - o.alreadyLinked, 0);
      return {
        key: c.nativeId,
        text: formatLabel(
          confirmLineLabel,
          c.name,
          mappable.map((o) => o.objectName).join(', ') || '-',
          pairs
        )
      };
    });
  }

  get reviewDisabled(): boolean {
    return this.chosenIds.length === 0 || this.isBusy;
  }

  get resultText(): string {
    return formatLabel(resultTextLabel, this.chosen.map((c) => c.name).join(', '));
  }

  get jobText(): string {
    if (!this.job) {
      return this.jobId ? formatLabel(jobLabel, 0, '?') : '';
    }
    if (this.job.status === 'Completed') {
      return jobDoneLabel;
    }
    if (FINISHED.has(this.job.status)) {
      return formatLabel(jobFailedLabel, this.job.status, this.job.detail ?? '');
    }
    return formatLabel(jobLabel, this.job.processed, this.job.total);
  }

  get hasJob(): boolean {
    return !!this.jobId;
  }

  handleSelect(event: Event): void {
    const id = (event.target as HTMLElement).dataset.id ?? '';
    const checked = (event.target as HTMLInputElement).checked;
    this.chosenIds = checked
      ? [...this.chosenIds.filter((s) => s !== id), id]
      : this.chosenIds.filter((s) => s !== id);
  }

  handleExport(): void {
    const header = [
      'Connection',
      'Connection status',
      'S2S Sync connection',
      'Object',
      'Shared pairs',
      'Without partner Id',
      'Inactive',
      'Already linked',
      'Mappable',
      'Reason',
      'Fields'
    ];
    const lines: (string | number)[][] = [];
    for (const c of this.report?.connections ?? []) {
      for (const o of c.objects) {
        lines.push([
          c.name,
          c.status,
          c.connectionId ?? '',
          o.objectName,
          o.pairs,
          o.withoutPartnerId,
          o.inactive,
          o.alreadyLinked,
          o.mappable ? 'yes' : 'no',
          o.reason ?? '',
          o.fields
        ]);
      }
    }
    downloadText(
      `s2s-native-migration-${new Date().toISOString().slice(0, 10)}.csv`,
      'text/csv',
      csvOf(header, lines)
    );
  }

  handleRefresh(): void {
    this.load();
  }

  handleReview(): void {
    this.step = 'confirm';
    this.focusPending = 'confirm-title';
  }

  handleCancel(): void {
    this.step = 'report';
    this.focusPending = 'report-title';
  }

  async handleConfirm(): Promise<void> {
    if (this.isBusy) {
      return;
    }
    this.isBusy = true;
    this.errorMessage = '';
    try {
      const chosen = [...this.chosenIds];
      const after: Report = await migrate({ nativeConnectionIds: chosen });
      this.report = after;
      this.chosenIds = chosen;
      this.jobId = after.jobId ?? null;
      this.job = null;
      this.step = 'result';
      this.focusPending = 'result-title';
      if (this.jobId) {
        this.schedulePoll();
      }
    } catch (error) {
      this.errorMessage = friendlyError(error);
      this.focusPending = 'error';
    } finally {
      this.isBusy = false;
    }
  }

  handleBack(): void {
    this.stopPolling();
    this.step = 'report';
    this.chosenIds = [];
    this.jobId = null;
    this.job = null;
    this.focusPending = 'report-title';
    this.load();
  }

  private schedulePoll(): void {
    this.stopPolling();
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- polls the batch's progress
    this.timer = setTimeout(() => {
      this.timer = null;
      this.poll();
    }, POLL_MS);
  }

  private async poll(): Promise<void> {
    if (!this.jobId) {
      return;
    }
    try {
      const job: JobStatus = await getJob({ jobId: this.jobId });
      this.job = job;
      if (FINISHED.has(job.status)) {
        this.report = await getReport();
      } else {
        this.schedulePoll();
      }
    } catch (error) {
      this.errorMessage = friendlyError(error);
    }
  }

  private stopPolling(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private async load(): Promise<void> {
    this.isLoading = true;
    try {
      this.report = await getReport();
      this.errorMessage = '';
      this.isDenied = false;
    } catch (error) {
      const text = friendlyError(error);
      this.isDenied = DENIED.test(text);
      this.errorMessage = this.isDenied ? '' : text;
    } finally {
      this.isLoading = false;
    }
  }
}
