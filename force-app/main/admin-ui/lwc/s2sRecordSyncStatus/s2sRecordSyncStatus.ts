// Record sync status (record pages) and "Sync now" (button here, and a headless quick action
// through invoke()).
import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getRecordStatus from '@salesforce/apex/S2SRecordStatusController.getRecordStatus';
import syncNow from '@salesforce/apex/S2SRecordStatusController.syncNow';
import { errorText, formatLabel } from 'c/s2sUtils';

import titleLabel from '@salesforce/label/c.S2S_Status_Title';
import loadingLabel from '@salesforce/label/c.S2S_Loading';
import deniedLabel from '@salesforce/label/c.S2S_Permission_Denied_Sync';
import emptyLabel from '@salesforce/label/c.S2S_Status_Empty';
import syncNowLabel from '@salesforce/label/c.S2S_Status_Sync_Now';
import syncingLabel from '@salesforce/label/c.S2S_Status_Syncing';
import refreshLabel from '@salesforce/label/c.S2S_Status_Refresh';
import queuedLabel from '@salesforce/label/c.S2S_Status_Queued';
import notQueuedLabel from '@salesforce/label/c.S2S_Status_Not_Queued';
import remoteIdLabel from '@salesforce/label/c.S2S_Status_Remote_Id';
import lastSyncLabel from '@salesforce/label/c.S2S_Status_Last_Sync';
import inSyncLabel from '@salesforce/label/c.S2S_State_InSync';
import pendingLabel from '@salesforce/label/c.S2S_State_Pending';
import failedLabel from '@salesforce/label/c.S2S_State_Failed';
import neverLabel from '@salesforce/label/c.S2S_State_NeverSynced';
import successTitle from '@salesforce/label/c.S2S_Toast_Success';
import warningTitle from '@salesforce/label/c.S2S_Toast_Warning';
import errorTitle from '@salesforce/label/c.S2S_Toast_Error';

interface Access {
  canAdminister: boolean;
  canSyncNow: boolean;
}
interface WireResult<T> {
  data?: T;
  error?: unknown;
}
interface StatusRow {
  connectionId: string;
  connectionName: string;
  state: 'InSync' | 'Pending' | 'Failed' | 'NeverSynced';
  remoteId?: string | null;
  lastSyncedAt?: string | null;
  lastError?: string | null;
}
interface SyncNowRow {
  connectionId: string;
  queued: boolean;
  message?: string | null;
}

const STATES: Record<StatusRow['state'], { label: string; badge: string; icon: string }> = {
  InSync: { label: inSyncLabel, badge: 'slds-badge slds-theme_success', icon: 'utility:success' },
  Pending: { label: pendingLabel, badge: 'slds-badge slds-theme_warning', icon: 'utility:clock' },
  Failed: { label: failedLabel, badge: 'slds-badge slds-theme_error', icon: 'utility:error' },
  NeverSynced: { label: neverLabel, badge: 'slds-badge', icon: 'utility:dash' }
};

export default class S2sRecordSyncStatus extends LightningElement {
  @api recordId?: string;
  @api objectApiName?: string;
  /** Card title, set in App Builder. */
  @api cardTitle: string = titleLabel;
  /** Hides the card's "Sync now" button (App Builder), e.g. when the page has the quick action. */
  @api hideSyncButton = false;

  labels = {
    loadingLabel,
    deniedLabel,
    emptyLabel,
    syncNowLabel,
    syncingLabel,
    refreshLabel,
    remoteIdLabel,
    lastSyncLabel
  };

  access?: Access;
  accessError?: unknown;
  statuses?: StatusRow[];
  statusError?: unknown;
  syncing = false;
  syncResults?: { key: string; text: string; className: string }[];
  private wiredStatus?: WireResult<StatusRow[]>;

  @wire(getAccess)
  wiredAccess({ data, error }: WireResult<Access>): void {
    this.access = data;
    this.accessError = error;
  }

  @wire(getRecordStatus, { recordId: '$recordId' })
  wiredRecordStatus(result: WireResult<StatusRow[]>): void {
    this.wiredStatus = result;
    this.statuses = result.data;
    this.statusError = result.error;
  }

  /** Headless quick action "Sync now": queues the record and says so in a toast. */
  @api async invoke(): Promise<void> {
    await this.runSyncNow();
  }

  get canView(): boolean {
    return !!this.access && (this.access.canSyncNow || this.access.canAdminister);
  }
  get isLoading(): boolean {
    return (
      !this.accessError && (!this.access || (this.canView && !this.statuses && !this.statusError))
    );
  }
  get isDenied(): boolean {
    return !!this.access && !this.canView;
  }
  get errorMessage(): string | undefined {
    const error = this.accessError ?? this.statusError;
    return error ? errorText(error) : undefined;
  }
  get ready(): boolean {
    return !this.isLoading && !this.isDenied && !this.errorMessage;
  }
  get isEmpty(): boolean {
    return this.ready && (this.statuses?.length ?? 0) === 0;
  }
  get hasStatuses(): boolean {
    return this.ready && (this.statuses?.length ?? 0) > 0;
  }
  get showSyncNow(): boolean {
    return this.ready && !!this.access?.canSyncNow && !this.hideSyncButton && !this.isEmpty;
  }
  get rows(): (StatusRow & {
    stateLabel: string;
    badgeClass: string;
    icon: string;
    isFailed: boolean;
    pendingNote: string | null;
  })[] {
    return (this.statuses ?? []).map((row) => {
      const state = STATES[row.state] ?? STATES.NeverSynced;
      return {
        ...row,
        stateLabel: state.label,
        badgeClass: state.badge,
        icon: state.icon,
        isFailed: row.state === 'Failed',
        // a change queued after a capture error says why (it is read and mapped at delivery)
        pendingNote: row.state === 'Pending' ? (row.lastError ?? null) : null
      };
    });
  }

  async handleSyncNow(): Promise<void> {
    await this.runSyncNow();
  }

  handleRefresh(): Promise<void> {
    return refreshApex(this.wiredStatus);
  }

  private async runSyncNow(): Promise<void> {
    this.syncing = true;
    this.syncResults = undefined;
    try {
      const results = (await syncNow({ recordId: this.recordId })) as SyncNowRow[];
      const names = new Map(
        (this.statuses ?? []).map((row) => [row.connectionId, row.connectionName])
      );
      this.syncResults = results.map((result) => ({
        key: result.connectionId,
        text: result.queued
          ? formatLabel(queuedLabel, names.get(result.connectionId) ?? result.connectionId)
          : formatLabel(
              notQueuedLabel,
              names.get(result.connectionId) ?? result.connectionId,
              result.message
            ),
        className: result.queued ? 'slds-text-color_success' : 'slds-text-color_error'
      }));
      const queued = results.filter((result) => result.queued).length;
      const allQueued = queued === results.length && queued > 0;
      this.dispatchEvent(
        new ShowToastEvent({
          title: allQueued ? successTitle : warningTitle,
          message: this.syncResults.map((result) => result.text).join(' ') || emptyLabel,
          variant: allQueued ? 'success' : 'warning'
        })
      );
      await refreshApex(this.wiredStatus);
    } catch (error) {
      this.dispatchEvent(
        new ShowToastEvent({ title: errorTitle, message: errorText(error), variant: 'error' })
      );
    } finally {
      this.syncing = false;
    }
  }
}
