// Initial load: for a mapping that sends, a dry-run count of the records in scope, then a load the
// admin can pause, resume, cancel and roll back (after typing the run's name). Progress arrives as
// S2S_Load_Progress__e (empApi); the event and its fields are named through @salesforce/schema, so
// a namespaced org's `ns__Run_Id__c` works unchanged. The runs come from S2SLoadController as view
// models with neutral keys.
import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { subscribe, unsubscribe, onError } from 'lightning/empApi';
import type { EmpMessage, EmpSubscription } from 'lightning/empApi';
import LOAD_PROGRESS from '@salesforce/schema/S2S_Load_Progress__e';
import RUN_ID_FIELD from '@salesforce/schema/S2S_Load_Progress__e.Run_Id__c';
import getMappings from '@salesforce/apex/S2SLoadController.getMappings';
import getRuns from '@salesforce/apex/S2SLoadController.getRuns';
import countRecords from '@salesforce/apex/S2SLoadController.countRecords';
import startLoad from '@salesforce/apex/S2SLoadController.startLoad';
import changeRun from '@salesforce/apex/S2SLoadController.changeRun';
import rollbackLoad from '@salesforce/apex/S2SLoadController.rollbackLoad';
import { errorText, formatLabel } from 'c/s2sUtils';

import titleLabel from '@salesforce/label/c.S2S_Load_Title';
import helpLabel from '@salesforce/label/c.S2S_Load_Help';
import mappingLabel from '@salesforce/label/c.S2S_Load_Mapping';
import mappingOptionLabel from '@salesforce/label/c.S2S_Load_Mapping_Option';
import countLabel from '@salesforce/label/c.S2S_Load_Count';
import startLabel from '@salesforce/label/c.S2S_Load_Start';
import pauseLabel from '@salesforce/label/c.S2S_Load_Pause';
import resumeLabel from '@salesforce/label/c.S2S_Load_Resume';
import cancelLabel from '@salesforce/label/c.S2S_Load_Cancel';
import rollbackLabel from '@salesforce/label/c.S2S_Load_Rollback';
import rollbackHelpLabel from '@salesforce/label/c.S2S_Load_Rollback_Help';
import rollbackConfirmLabel from '@salesforce/label/c.S2S_Load_Rollback_Confirm';
import confirmationLabel from '@salesforce/label/c.S2S_Load_Confirmation';
import keepLabel from '@salesforce/label/c.S2S_Load_Keep';
import progressLabel from '@salesforce/label/c.S2S_Load_Progress';
import countsLabel from '@salesforce/label/c.S2S_Load_Counts';
import rollbackCountsLabel from '@salesforce/label/c.S2S_Load_Rollback_Counts';
import countResultLabel from '@salesforce/label/c.S2S_Load_Count_Result';
import noRunsLabel from '@salesforce/label/c.S2S_Load_No_Runs';
import noMappingsLabel from '@salesforce/label/c.S2S_Load_No_Mappings';
import doneToastLabel from '@salesforce/label/c.S2S_Load_Started_Toast';
import startedByLabel from '@salesforce/label/c.S2S_Load_Started_By';
import countingLabel from '@salesforce/label/c.S2S_Load_Status_Counting';
import countedLabel from '@salesforce/label/c.S2S_Load_Status_Counted';
import runningLabel from '@salesforce/label/c.S2S_Load_Status_Running';
import pausedLabel from '@salesforce/label/c.S2S_Load_Status_Paused';
import failedLabel from '@salesforce/label/c.S2S_Load_Status_Failed';
import cancelledLabel from '@salesforce/label/c.S2S_Load_Status_Cancelled';
import completedLabel from '@salesforce/label/c.S2S_Load_Status_Completed';
import rollingBackLabel from '@salesforce/label/c.S2S_Load_Status_Rolling_Back';
import rolledBackLabel from '@salesforce/label/c.S2S_Load_Status_Rolled_Back';
import loadingLabel from '@salesforce/label/c.S2S_Loading';
import deniedLabel from '@salesforce/label/c.S2S_Permission_Denied_Administer';
import successTitle from '@salesforce/label/c.S2S_Toast_Success';
import errorTitle from '@salesforce/label/c.S2S_Toast_Error';

/** The progress events' channel, namespace-safe. */
export const CHANNEL = `/event/${LOAD_PROGRESS.objectApiName}`;

/** A mapping as S2SLoadController.getMappings returns it. */
export interface MappingRow {
  id: string;
  name: string;
  connectionName: string;
  mode: string;
  sourceObject: string;
  filter?: string | null;
  sequence?: number | null;
}

/** A run as S2SLoadController.getRuns returns it. */
export interface RunRow {
  id: string;
  name: string;
  status: string;
  dryRun: boolean;
  delivery?: string | null;
  counts: Record<string, number | null>;
  startedBy?: string | null;
  startedAt?: string | null;
  finishedAt?: string | null;
  lastError?: string | null;
}

const STATUS: Record<string, string> = {
  Counting: countingLabel,
  Counted: countedLabel,
  Running: runningLabel,
  Paused: pausedLabel,
  Failed: failedLabel,
  Cancelled: cancelledLabel,
  Completed: completedLabel,
  Rolling_Back: rollingBackLabel,
  Rolled_Back: rolledBackLabel
};
const CAN: Record<string, string[]> = {
  pause: ['Running'],
  resume: ['Paused', 'Failed'],
  cancel: ['Running', 'Paused', 'Failed'],
  rollback: ['Completed', 'Cancelled', 'Failed', 'Paused']
};
const DENIED = /S2S_Administer/;
const n = (v: number | null | undefined): number => v ?? 0;

export default class S2sInitialLoad extends LightningElement {
  labels = {
    titleLabel,
    helpLabel,
    mappingLabel,
    countLabel,
    startLabel,
    pauseLabel,
    resumeLabel,
    cancelLabel,
    rollbackLabel,
    confirmationLabel,
    keepLabel,
    noRunsLabel,
    noMappingsLabel,
    loadingLabel,
    deniedLabel
  };
  mappings: MappingRow[] = [];
  runs: RunRow[] = [];
  mappingId = '';
  isLoading = true;
  isDenied = false;
  isBusy = false;
  errorMessage = '';
  confirmingId = '';
  confirmation = '';
  private subscription: EmpSubscription | undefined;

  connectedCallback(): void {
    this.loadMappings();
    onError((error) => {
      this.errorMessage = errorText(error);
    });
    subscribe(CHANNEL, -1, (message) => this.handleProgress(message))
      .then((subscription) => {
        this.subscription = subscription;
      })
      .catch((error: unknown) => {
        this.errorMessage = errorText(error);
      });
  }

  disconnectedCallback(): void {
    if (this.subscription) {
      unsubscribe(this.subscription);
      this.subscription = undefined;
    }
  }

  get mappingOptions(): { label: string; value: string }[] {
    return this.mappings.map((m) => ({
      label: formatLabel(mappingOptionLabel, m.name, m.sourceObject, m.connectionName, m.mode),
      value: m.id
    }));
  }

  get hasMappings(): boolean {
    return this.mappings.length > 0;
  }

  get hasRuns(): boolean {
    return this.runs.length > 0;
  }

  get noMapping(): boolean {
    return !this.mappingId || this.isBusy;
  }

  get runRows(): Record<string, unknown>[] {
    return this.runs.map((r) => {
      const c = r.counts;
      const expected = n(c.expected);
      const percent = expected ? Math.min(100, Math.round((n(c.read) * 100) / expected)) : 100;
      const confirming = this.confirmingId === r.id;
      return {
        ...r,
        statusText: STATUS[r.status] ?? r.status,
        badgeClass:
          r.status === 'Failed'
            ? 'slds-badge slds-theme_error'
            : r.status === 'Completed' || r.status === 'Counted'
              ? 'slds-badge slds-theme_success'
              : 'slds-badge',
        percent,
        progressText: formatLabel(progressLabel, n(c.read), expected),
        countsText: r.dryRun
          ? formatLabel(countResultLabel, n(c.inScope), n(c.read))
          : formatLabel(
              countsLabel,
              n(c.inScope),
              n(c.queued),
              n(c.bulkSent),
              n(c.bulkFailed),
              n(c.unchanged),
              n(c.skipped)
            ),
        rollbackText:
          n(c.deleted) + n(c.restored) + n(c.notRolledBack) > 0
            ? formatLabel(rollbackCountsLabel, n(c.deleted), n(c.restored), n(c.notRolledBack))
            : '',
        startedText: formatLabel(
          startedByLabel,
          r.startedBy ?? '',
          r.startedAt ? new Date(r.startedAt).toLocaleString() : ''
        ),
        canPause: !r.dryRun && CAN.pause.includes(r.status),
        canResume: !r.dryRun && CAN.resume.includes(r.status),
        canCancel: CAN.cancel.includes(r.status) || r.status === 'Counting',
        canRollback: !r.dryRun && !confirming && CAN.rollback.includes(r.status),
        confirming,
        confirmHelp: formatLabel(rollbackHelpLabel, r.name),
        confirmLabel: formatLabel(rollbackConfirmLabel, r.name),
        confirmDisabled: this.isBusy || this.confirmation.trim() !== r.name
      };
    });
  }

  async handleMappingChange(event: CustomEvent<{ value: string }>): Promise<void> {
    this.mappingId = event.detail.value;
    this.confirmingId = '';
    await this.loadRuns();
  }

  async handleCount(): Promise<void> {
    await this.act(() => countRecords({ mappingId: this.mappingId }), countLabel);
  }

  async handleStart(): Promise<void> {
    await this.act(() => startLoad({ mappingId: this.mappingId }), startLabel);
  }

  async handleChange(event: Event): Promise<void> {
    const { id, action } = (event.currentTarget as HTMLElement).dataset;
    const label = action === 'pause' ? pauseLabel : action === 'resume' ? resumeLabel : cancelLabel;
    await this.act(() => changeRun({ runId: id ?? '', action: action ?? '' }), label);
  }

  handleAskRollback(event: Event): void {
    this.confirmingId = (event.currentTarget as HTMLElement).dataset.id ?? '';
    this.confirmation = '';
  }

  handleConfirmation(event: CustomEvent<{ value: string }>): void {
    this.confirmation = event.detail.value ?? '';
  }

  handleKeep(): void {
    this.confirmingId = '';
    this.confirmation = '';
  }

  async handleRollback(): Promise<void> {
    const runId = this.confirmingId;
    const confirmation = this.confirmation;
    this.confirmingId = '';
    await this.act(() => rollbackLoad({ runId, confirmation }), rollbackLabel);
  }

  private handleProgress(message: EmpMessage): void {
    const payload = message.data.payload;
    const runId = payload[RUN_ID_FIELD.fieldApiName ?? ''] as string | undefined;
    if (runId && this.runs.some((r) => r.id.slice(0, 15) === runId.slice(0, 15))) {
      this.loadRuns();
    }
  }

  private async act(call: () => Promise<unknown>, label: string): Promise<void> {
    this.isBusy = true;
    try {
      await call();
      this.toast(successTitle, formatLabel(doneToastLabel, label), 'success');
    } catch (error) {
      this.toast(errorTitle, errorText(error), 'error');
    } finally {
      this.isBusy = false;
    }
    await this.loadRuns();
  }

  private async loadMappings(): Promise<void> {
    this.isLoading = true;
    try {
      this.mappings = await getMappings();
      this.errorMessage = '';
    } catch (error) {
      const text = errorText(error);
      this.isDenied = DENIED.test(text);
      this.errorMessage = this.isDenied ? '' : text;
    } finally {
      this.isLoading = false;
    }
  }

  private async loadRuns(): Promise<void> {
    if (!this.mappingId) {
      this.runs = [];
      return;
    }
    try {
      this.runs = await getRuns({ mappingId: this.mappingId });
    } catch (error) {
      this.errorMessage = errorText(error);
    }
  }

  private toast(title: string, message: string, variant: 'success' | 'error'): void {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }
}
