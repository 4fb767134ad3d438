// My records: the running user's records (owned or last modified by them) that are not in sync on
// some connection, with the state, the peer's reason in plain words, what to do and "Sync now" per
// row. Read imperatively (the list changes as deliveries happen), paged; refreshed by the engine's
// batch outcome events. After "Sync now" the focus stays on the row's button (or Refresh when the
// record left the list).
import { LightningElement, api, wire } from 'lwc';
import BATCH_OUTCOME from '@salesforce/schema/S2S_Batch_Outcome__e';
import { subscribe, unsubscribe } from 'lightning/empApi';
import type { EmpSubscription } from 'lightning/empApi';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getMyRecords from '@salesforce/apex/S2SMyRecordsController.getMyRecords';
import syncNow from '@salesforce/apex/S2SRecordStatusController.syncNow';
import { errorText, formatLabel } from 'c/s2sUtils';

import titleLabel from '@salesforce/label/c.S2S_My_Records_Title';
import emptyLabel from '@salesforce/label/c.S2S_My_Records_Empty';
import objectLabel from '@salesforce/label/c.S2S_My_Records_Object';
import nameLabel from '@salesforce/label/c.S2S_My_Records_Name';
import stateLabel from '@salesforce/label/c.S2S_My_Records_State';
import connectionLabel from '@salesforce/label/c.S2S_My_Records_Connection';
import reasonLabel from '@salesforce/label/c.S2S_My_Records_Reason';
import actionsLabel from '@salesforce/label/c.S2S_My_Records_Actions';
import syncRowLabel from '@salesforce/label/c.S2S_My_Records_Sync_Now_Row';
import truncatedLabel from '@salesforce/label/c.S2S_My_Records_Truncated';
import captionLabel from '@salesforce/label/c.S2S_My_Records_Caption';
import loadingLabel from '@salesforce/label/c.S2S_Loading';
import deniedLabel from '@salesforce/label/c.S2S_Permission_Denied_Sync';
import syncNowLabel from '@salesforce/label/c.S2S_Status_Sync_Now';
import refreshLabel from '@salesforce/label/c.S2S_Status_Refresh';
import queuedNeutralLabel from '@salesforce/label/c.S2S_Status_Queued_Neutral';
import notQueuedLabel from '@salesforce/label/c.S2S_Status_Not_Queued';
import peerSaidLabel from '@salesforce/label/c.S2S_Status_Peer_Said';
import pageLabel from '@salesforce/label/c.S2S_Audit_Page';
import { STATES } from 'c/s2sRecordSyncStatus';
import type { StatusRow } from 'c/s2sRecordSyncStatus';

interface Access {
  canAdminister: boolean;
  canSyncNow: boolean;
}
interface WireResult<T> {
  data?: T;
  error?: unknown;
}
/** One record on one connection (S2SMyRecordsController.MyRecordRow). */
export interface MyRecordRow {
  key: string;
  recordId: string;
  objectLabel: string;
  name: string;
  lastModified?: string;
  status: StatusRow;
}
interface MyRecordsPage {
  rows: MyRecordRow[];
  total: number;
  pageNumber: number;
  pageSize: number;
  truncated: boolean;
}
interface SyncNowRow {
  connectionId: string;
  queued: boolean;
  message?: string | null;
}

/** The most candidate records the controller scans (S2SMyRecordsController.MAX_CANDIDATES). */
const MAX_CANDIDATES = 500;
const CHANNEL = `/event/${BATCH_OUTCOME.objectApiName}`;

export default class S2sMyRecords extends LightningElement {
  /** Card title, set in App Builder. */
  @api cardTitle: string = titleLabel;
  /** Rows per page (App Builder), 1 to 50. */
  @api pageSize = 10;

  labels = {
    emptyLabel,
    objectLabel,
    nameLabel,
    stateLabel,
    connectionLabel,
    reasonLabel,
    actionsLabel,
    captionLabel,
    loadingLabel,
    deniedLabel,
    refreshLabel,
    syncNowLabel
  };

  access?: Access;
  accessError?: unknown;
  page?: MyRecordsPage;
  pageError?: unknown;
  pageNumber = 1;
  loading = false;
  /** The record whose "Sync now" runs. */
  syncingId?: string;
  /** What the last "Sync now" did, announced politely. */
  message?: string;
  private subscription?: EmpSubscription;
  private loaded = false;

  override connectedCallback(): void {
    subscribe(CHANNEL, -1, () => {
      if (this.canView) this.load();
    })
      .then((subscription) => {
        this.subscription = subscription;
      })
      .catch(() => {
        // live updates are a comfort here: Refresh stays
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
    if (this.canView && !this.loaded) {
      this.loaded = true;
      this.load();
    }
  }

  get canView(): boolean {
    return !!this.access && (this.access.canSyncNow || this.access.canAdminister);
  }
  get canSync(): boolean {
    return !!this.access?.canSyncNow;
  }
  get isLoading(): boolean {
    return !this.accessError && (!this.access || (this.canView && !this.page && !this.pageError));
  }
  get isDenied(): boolean {
    return !!this.access && !this.canView;
  }
  get errorMessage(): string | undefined {
    const error = this.accessError ?? this.pageError;
    return error ? errorText(error) : undefined;
  }
  get ready(): boolean {
    return !this.isLoading && !this.isDenied && !this.errorMessage;
  }
  get isEmpty(): boolean {
    return this.ready && (this.page?.rows.length ?? 0) === 0;
  }
  get hasRows(): boolean {
    return this.ready && (this.page?.rows.length ?? 0) > 0;
  }
  get truncatedText(): string | null {
    return this.page?.truncated ? formatLabel(truncatedLabel, MAX_CANDIDATES) : null;
  }
  get rows(): (MyRecordRow & {
    url: string;
    stateText: string;
    badgeClass: string;
    detailText: string | null;
    syncLabel: string;
    syncDisabled: boolean;
  })[] {
    return (this.page?.rows ?? []).map((row) => {
      const state = STATES[row.status.state] ?? STATES.NeverSynced;
      return {
        ...row,
        url: `/${row.recordId}`,
        stateText: state.label,
        badgeClass: state.badge,
        detailText: row.status.detail ? formatLabel(peerSaidLabel, row.status.detail) : null,
        syncLabel: formatLabel(syncRowLabel, row.name),
        syncDisabled: !!this.syncingId
      };
    });
  }
  get pageCount(): number {
    return Math.max(1, Math.ceil((this.page?.total ?? 0) / this.pageSize));
  }
  get pageText(): string {
    return formatLabel(pageLabel, this.pageNumber, this.pageCount, this.page?.total ?? 0);
  }
  get isFirstPage(): boolean {
    return this.pageNumber <= 1;
  }
  get isLastPage(): boolean {
    return this.pageNumber >= this.pageCount;
  }

  async load(): Promise<void> {
    this.loading = true;
    try {
      this.page = (await getMyRecords({
        pageSize: this.pageSize,
        pageNumber: this.pageNumber
      })) as MyRecordsPage;
      this.pageError = undefined;
      if (this.page.rows.length === 0 && this.pageNumber > 1) {
        // the last page emptied (records got in sync): show the one before
        this.pageNumber -= 1;
        await this.load();
      }
    } catch (error) {
      this.pageError = error;
    } finally {
      this.loading = false;
    }
  }

  handleRefresh(): Promise<void> {
    return this.load();
  }

  async handlePrevious(): Promise<void> {
    if (!this.isFirstPage) {
      this.pageNumber -= 1;
      await this.load();
    }
  }

  async handleNext(): Promise<void> {
    if (!this.isLastPage) {
      this.pageNumber += 1;
      await this.load();
    }
  }

  async handleSyncNow(event: Event): Promise<void> {
    const recordId = (event.currentTarget as HTMLElement).dataset.recordId;
    const row = this.page?.rows.find((candidate) => candidate.recordId === recordId);
    if (!recordId || !row) return;
    this.syncingId = recordId;
    this.message = undefined;
    try {
      const results = (await syncNow({ recordId })) as SyncNowRow[];
      // queued is not synced: a neutral word; the list shows the real outcome once reloaded
      this.message = results
        .map((result) => {
          return result.queued
            ? formatLabel(queuedNeutralLabel, row.status.connectionName)
            : formatLabel(notQueuedLabel, row.status.connectionName, result.message);
        })
        .join(' ');
      await this.load();
    } catch (error) {
      this.message = errorText(error);
    } finally {
      this.syncingId = undefined;
    }
    this.focusAfterSync(recordId);
  }

  private focusAfterSync(recordId: string): void {
    const button =
      this.template?.querySelector<HTMLElement>(`[data-sync="${recordId}"]`) ??
      this.template?.querySelector<HTMLElement>('[data-id="refresh"]');
    button?.focus();
  }
}
