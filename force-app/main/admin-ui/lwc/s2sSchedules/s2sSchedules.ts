// Schedules: the package's background jobs (sweep, audit purge, reconciliation, each scheduled
// mapping) with their next and last run and last result; starts and stops them. The rows come from
// S2SSchedulesController as plain objects (no field names), so nothing here depends on the namespace.
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getSchedules from '@salesforce/apex/S2SSchedulesController.getSchedules';
import startSchedule from '@salesforce/apex/S2SSchedulesController.startSchedule';
import stopSchedule from '@salesforce/apex/S2SSchedulesController.stopSchedule';
import { errorText, formatLabel } from 'c/s2sUtils';

import titleLabel from '@salesforce/label/c.S2S_Schedules_Title';
import emptyLabel from '@salesforce/label/c.S2S_Schedules_Empty';
import helpLabel from '@salesforce/label/c.S2S_Schedules_Help';
import sweepLabel from '@salesforce/label/c.S2S_Schedules_Sweep';
import purgeLabel from '@salesforce/label/c.S2S_Schedules_Purge';
import reconciliationLabel from '@salesforce/label/c.S2S_Schedules_Reconciliation';
import verificationLabel from '@salesforce/label/c.S2S_Schedules_Verification';
import mappingLabel from '@salesforce/label/c.S2S_Schedules_Mapping';
import scheduledLabel from '@salesforce/label/c.S2S_Schedules_Scheduled';
import stoppedLabel from '@salesforce/label/c.S2S_Schedules_Stopped';
import nextRunLabel from '@salesforce/label/c.S2S_Schedules_Next_Run';
import lastRunLabel from '@salesforce/label/c.S2S_Schedules_Last_Run';
import lastResultLabel from '@salesforce/label/c.S2S_Schedules_Last_Result';
import whenLabel from '@salesforce/label/c.S2S_Schedules_When';
import startLabel from '@salesforce/label/c.S2S_Schedules_Start';
import stopLabel from '@salesforce/label/c.S2S_Schedules_Stop';
import startedLabel from '@salesforce/label/c.S2S_Schedules_Started';
import stoppedToastLabel from '@salesforce/label/c.S2S_Schedules_Stopped_Toast';
import neverLabel from '@salesforce/label/c.S2S_Schedules_Never';
import loadingLabel from '@salesforce/label/c.S2S_Loading';
import deniedLabel from '@salesforce/label/c.S2S_Permission_Denied_Administer';
import successTitle from '@salesforce/label/c.S2S_Toast_Success';
import errorTitle from '@salesforce/label/c.S2S_Toast_Error';

/** One schedule as S2SSchedulesController returns it. */
export interface Schedule {
  key: string;
  kind: 'Sweep' | 'Purge' | 'Reconciliation' | 'Verification' | 'Mapping';
  mappingName?: string | null;
  cron?: string | null;
  scheduled: boolean;
  nextRun?: string | null;
  lastRun?: string | null;
  lastResult?: string | null;
}

/** A row as the template shows it. */
interface Row extends Schedule {
  name: string;
  state: string;
  badgeClass: string;
  nextRunText: string;
  lastRunText: string;
  lastResultText: string;
  actionLabel: string;
}

const DENIED = /S2S_Administer/;

export default class S2sSchedules extends LightningElement {
  @api cardTitle: string = titleLabel;

  labels = {
    emptyLabel,
    helpLabel,
    nextRunLabel,
    lastRunLabel,
    lastResultLabel,
    whenLabel,
    loadingLabel,
    deniedLabel
  };
  schedules: Schedule[] = [];
  isLoading = true;
  isDenied = false;
  errorMessage = '';
  busyKey = '';

  connectedCallback(): void {
    this.load();
  }

  get rows(): Row[] {
    return this.schedules.map((s) => ({
      ...s,
      name: this.nameOf(s),
      state: s.scheduled ? scheduledLabel : stoppedLabel,
      badgeClass: s.scheduled ? 'slds-badge slds-theme_success' : 'slds-badge',
      nextRunText: formatTime(s.nextRun),
      lastRunText: formatTime(s.lastRun),
      lastResultText: s.lastResult ?? '',
      actionLabel: s.scheduled ? stopLabel : startLabel
    }));
  }

  get isEmpty(): boolean {
    return this.schedules.length === 0;
  }

  get isBusy(): boolean {
    return this.busyKey !== '';
  }

  async handleToggle(event: Event): Promise<void> {
    const key = (event.currentTarget as HTMLElement).dataset.key ?? '';
    const schedule = this.schedules.find((s) => s.key === key);
    if (!schedule || this.isBusy) {
      return;
    }
    this.busyKey = key;
    try {
      this.schedules = schedule.scheduled
        ? await stopSchedule({ key })
        : await startSchedule({ key });
      this.toast(
        successTitle,
        formatLabel(schedule.scheduled ? stoppedToastLabel : startedLabel, this.nameOf(schedule)),
        'success'
      );
    } catch (error) {
      this.toast(errorTitle, errorText(error), 'error');
    } finally {
      this.busyKey = '';
    }
  }

  private async load(): Promise<void> {
    this.isLoading = true;
    try {
      this.schedules = await getSchedules();
      this.errorMessage = '';
    } catch (error) {
      const text = errorText(error);
      this.isDenied = DENIED.test(text);
      this.errorMessage = this.isDenied ? '' : text;
    } finally {
      this.isLoading = false;
    }
  }

  private nameOf(s: Schedule): string {
    switch (s.kind) {
      case 'Sweep':
        return sweepLabel;
      case 'Purge':
        return purgeLabel;
      case 'Reconciliation':
        return reconciliationLabel;
      case 'Verification':
        return verificationLabel;
      default:
        return formatLabel(mappingLabel, s.mappingName ?? s.key);
    }
  }

  private toast(title: string, message: string, variant: 'success' | 'error'): void {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }
}

function formatTime(value: string | null | undefined): string {
  return value ? new Date(value).toLocaleString() : neverLabel;
}
