// Record sync status (record pages) and "Sync now" (button here, and a headless quick action
// through invoke()). Each connection's state in plain words: what happened, the peer's reason and
// what to do (the controller words them from labels; no codes or exception names), the link to the
// record in the peer org, and live updates from the engine's batch outcome events of the record's
// connections. "Sync now" says "sent, waiting for the answer" neutrally, then the real outcome.
import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import BATCH_OUTCOME from '@salesforce/schema/S2S_Batch_Outcome__e';
import CONNECTION_ID_FIELD from '@salesforce/schema/S2S_Batch_Outcome__e.Connection_Id__c';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { subscribe, unsubscribe, onError } from 'lightning/empApi';
import type { EmpMessage, EmpSubscription } from 'lightning/empApi';
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
import queuedNeutralLabel from '@salesforce/label/c.S2S_Status_Queued_Neutral';
import notQueuedLabel from '@salesforce/label/c.S2S_Status_Not_Queued';
import remoteIdLabel from '@salesforce/label/c.S2S_Status_Remote_Id';
import lastSyncLabel from '@salesforce/label/c.S2S_Status_Last_Sync';
import peerSaidLabel from '@salesforce/label/c.S2S_Status_Peer_Said';
import openInPeerLabel from '@salesforce/label/c.S2S_Status_Open_In_Peer';
import whatToDoLabel from '@salesforce/label/c.S2S_Status_What_To_Do';
import requestedLabel from '@salesforce/label/c.S2S_Status_Sync_Requested';
import liveLabel from '@salesforce/label/c.S2S_Status_Live';
import liveOffLabel from '@salesforce/label/c.S2S_Status_Live_Off';
import inSyncLabel from '@salesforce/label/c.S2S_State_InSync';
import pendingLabel from '@salesforce/label/c.S2S_State_Pending';
import failedLabel from '@salesforce/label/c.S2S_State_Failed';
import neverLabel from '@salesforce/label/c.S2S_State_NeverSynced';
import waitingLabel from '@salesforce/label/c.S2S_State_WaitingForParent';
import skippedLabel from '@salesforce/label/c.S2S_State_SkippedByPolicy';
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
export type SyncState =
  'InSync' | 'Pending' | 'Failed' | 'WaitingForParent' | 'SkippedByPolicy' | 'NeverSynced';
/** A connection's state of the record (S2SRecordStatusController.StatusRow). */
export interface StatusRow {
  connectionId: string;
  connectionName: string;
  state: SyncState;
  remoteId?: string | null;
  remoteUrl?: string | null;
  lastSyncedAt?: string | null;
  lastError?: string | null;
  reasonCode?: string | null;
  reason?: string | null;
  detail?: string | null;
  action?: string | null;
  willRetry?: boolean;
}
interface SyncNowRow {
  connectionId: string;
  queued: boolean;
  message?: string | null;
}

/** Each state's label, badge, icon and the toast variant of an outcome that ends in it. */
export const STATES: Record<
  SyncState,
  { label: string; badge: string; icon: string; variant: 'success' | 'warning' | 'error' | 'info' }
> = {
  InSync: {
    label: inSyncLabel,
    badge: 'slds-badge slds-theme_success',
    icon: 'utility:success',
    variant: 'success'
  },
  Pending: {
    label: pendingLabel,
    badge: 'slds-badge slds-theme_warning',
    icon: 'utility:clock',
    variant: 'info'
  },
  Failed: {
    label: failedLabel,
    badge: 'slds-badge slds-theme_error',
    icon: 'utility:error',
    variant: 'error'
  },
  WaitingForParent: {
    label: waitingLabel,
    badge: 'slds-badge slds-theme_warning',
    icon: 'utility:hierarchy',
    variant: 'warning'
  },
  SkippedByPolicy: {
    label: skippedLabel,
    badge: 'slds-badge slds-badge_lightest',
    icon: 'utility:skip',
    variant: 'warning'
  },
  NeverSynced: { label: neverLabel, badge: 'slds-badge', icon: 'utility:dash', variant: 'info' }
};

/** The channel of the engine's batch outcome events, namespaced once installed. */
export const CHANNEL = `/event/${BATCH_OUTCOME.objectApiName}`;
const CONNECTION_ID = CONNECTION_ID_FIELD.fieldApiName ?? '';

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
    lastSyncLabel,
    whatToDoLabel,
    liveLabel,
    liveOffLabel
  };

  access?: Access;
  accessError?: unknown;
  statuses?: StatusRow[];
  statusError?: unknown;
  syncing = false;
  syncResults?: { key: string; text: string; className: string }[];
  /** The real outcome of the last "Sync now", once the peer answered (announced politely). */
  outcomeText?: string;
  /** Live updates are off: why (the card offers Refresh). */
  liveError?: string;
  private wiredStatus?: WireResult<StatusRow[]>;
  private subscription?: EmpSubscription;
  /** Connections a "Sync now" queued the record on, whose answer is not shown yet. */
  private awaiting = new Set<string>();

  override connectedCallback(): void {
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

  @wire(getRecordStatus, { recordId: '$recordId' })
  wiredRecordStatus(result: WireResult<StatusRow[]>): void {
    this.wiredStatus = result;
    this.statuses = result.data;
    this.statusError = result.error;
    this.reportOutcomes();
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
    isProblem: boolean;
    detailText: string | null;
    linkLabel: string;
    pendingNote: string | null;
  })[] {
    return (this.statuses ?? []).map((row) => {
      const state = STATES[row.state] ?? STATES.NeverSynced;
      return {
        ...row,
        stateLabel: state.label,
        badgeClass: state.badge,
        icon: state.icon,
        isProblem: !!row.reason,
        detailText: row.detail ? formatLabel(peerSaidLabel, row.detail) : null,
        linkLabel: formatLabel(openInPeerLabel, row.connectionName),
        // a change queued after a capture error says why (it is read and mapped at delivery)
        pendingNote: row.state === 'Pending' ? (row.lastError ?? null) : null
      };
    });
  }

  async handleSyncNow(): Promise<void> {
    await this.runSyncNow();
    this.focusSyncNow();
  }

  async handleRefresh(): Promise<void> {
    await refreshApex(this.wiredStatus);
  }

  private handleEvent(message: EmpMessage): void {
    const connectionId = message.data.payload[CONNECTION_ID] as string | undefined;
    // only the outcomes of this record's connections can change what the card shows
    const mine = (this.statuses ?? []).some((row) => row.connectionId === connectionId);
    if (mine) {
      refreshApex(this.wiredStatus);
    }
  }

  private focusSyncNow(): void {
    // the button was disabled while syncing: the focus goes back to it, not to the page's top
    const button = this.template?.querySelector<HTMLElement>('[data-id="sync-now"]');
    button?.focus();
  }

  private async runSyncNow(): Promise<void> {
    this.syncing = true;
    this.syncResults = undefined;
    this.outcomeText = undefined;
    try {
      const results = (await syncNow({ recordId: this.recordId })) as SyncNowRow[];
      const names = new Map(
        (this.statuses ?? []).map((row) => [row.connectionId, row.connectionName])
      );
      this.syncResults = results.map((result) => ({
        key: result.connectionId,
        text: result.queued
          ? formatLabel(queuedNeutralLabel, names.get(result.connectionId) ?? result.connectionId)
          : formatLabel(
              notQueuedLabel,
              names.get(result.connectionId) ?? result.connectionId,
              result.message
            ),
        className: result.queued ? '' : 'slds-text-color_error'
      }));
      this.awaiting = new Set(
        results.filter((result) => result.queued).map((result) => result.connectionId)
      );
      const refused = results.some((result) => !result.queued) || results.length === 0;
      // queued is not synced: a neutral word now, the peer's real answer when it comes
      this.dispatchEvent(
        new ShowToastEvent({
          title: refused ? warningTitle : requestedLabel,
          message: this.syncResults.map((result) => result.text).join(' ') || emptyLabel,
          variant: refused ? 'warning' : 'info'
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

  // Once a connection a "Sync now" queued on has answered (no longer Pending), says how it ended.
  private reportOutcomes(): void {
    if (this.awaiting.size === 0 || !this.statuses) {
      return;
    }
    const answered = this.statuses.filter(
      (row) => this.awaiting.has(row.connectionId) && row.state !== 'Pending'
    );
    if (answered.length === 0) {
      return;
    }
    const texts = answered.map((row) =>
      [`${row.connectionName}: ${(STATES[row.state] ?? STATES.NeverSynced).label}`, row.reason]
        .filter(Boolean)
        .join(' — ')
    );
    answered.forEach((row) => this.awaiting.delete(row.connectionId));
    this.outcomeText = texts.join(' ');
    const worst = answered.some((row) => row.state === 'Failed')
      ? 'error'
      : answered.every((row) => row.state === 'InSync')
        ? 'success'
        : 'warning';
    this.dispatchEvent(
      new ShowToastEvent({
        title: worst === 'success' ? successTitle : worst === 'error' ? errorTitle : warningTitle,
        message: this.outcomeText,
        variant: worst
      })
    );
  }
}
