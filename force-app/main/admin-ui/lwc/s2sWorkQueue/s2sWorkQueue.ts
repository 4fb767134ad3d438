// Work queue: what waits for an admin. Changes this org could not send (parked or failed outbox
// entries: retry, re-mapped when sent, or discard with a reason) and changes received from a peer
// and held for a missing parent (release once the parent is here, request the parent from the
// peer, or discard); inspect any of them (sensitive values masked by the server); export the Id
// crosswalk of a connection as CSV, read in pages. Rows come from S2SWorkQueueController as plain
// objects (no field names), so nothing here depends on the namespace.
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getConnections from '@salesforce/apex/S2SConnectionsController.getConnections';
import getWorkQueue from '@salesforce/apex/S2SWorkQueueController.getWorkQueue';
import inspect from '@salesforce/apex/S2SWorkQueueController.inspect';
import retry from '@salesforce/apex/S2SWorkQueueController.retry';
import discard from '@salesforce/apex/S2SWorkQueueController.discard';
import release from '@salesforce/apex/S2SWorkQueueController.release';
import requestParents from '@salesforce/apex/S2SWorkQueueController.requestParents';
import getCrosswalkPage from '@salesforce/apex/S2SWorkQueueController.getCrosswalkPage';
import { csvOf, downloadText, friendlyError, formatLabel } from 'c/s2sUtils';
import { LABELS } from './labels';

/** An outbox entry or a held change, as S2SWorkQueueController returns it. */
export interface WorkItem {
  id: string;
  kind: 'Outbox' | 'Held';
  connectionId?: string;
  connectionName?: string;
  objectName?: string;
  recordId?: string | null;
  status?: string;
  attempts?: number | null;
  reason?: string | null;
  since?: string | null;
}

interface WorkQueue {
  outbox: WorkItem[];
  held: WorkItem[];
}

interface Inspection {
  item: WorkItem;
  operation?: string | null;
  changedFields?: string | null;
  fields: { field: string; value: string | null }[];
  note?: string | null;
}

interface RowResult {
  id: string;
  message: string;
}

interface CrosswalkRow {
  objectName: string;
  localId: string;
  remoteId: string;
  lastSyncedAt?: string | null;
}

type SelectionEvent = CustomEvent<{ selectedRows: WorkItem[] }>;
type RowActionEvent = CustomEvent<{ action: { name: string }; row: WorkItem }>;

/** Rows read per call of the crosswalk export, and the most one export holds. */
export const CROSSWALK_PAGE = 2000;
export const CROSSWALK_MAX = 50000;

const DENIED = /S2S_Administer/;

/** The crosswalk rows as CSV with a header line. */
export function crosswalkCsv(rows: CrosswalkRow[]): string {
  return csvOf(
    ['Object', 'Local Id', 'Remote Id', 'Last Synced At'],
    rows.map((r) => [r.objectName, r.localId, r.remoteId, r.lastSyncedAt ?? ''])
  );
}

const ACTIONS = [{ label: LABELS.inspectLabel, name: 'inspect' }];

export default class S2sWorkQueue extends LightningElement {
  @api cardTitle: string = LABELS.titleLabel;

  labels = LABELS;
  outboxColumns = [
    { label: LABELS.connectionLabel, fieldName: 'connectionName', type: 'text' },
    { label: LABELS.objectLabel, fieldName: 'objectName', type: 'text' },
    { label: LABELS.recordLabel, fieldName: 'recordId', type: 'text' },
    { label: LABELS.statusLabel, fieldName: 'status', type: 'text' },
    { label: LABELS.attemptsLabel, fieldName: 'attempts', type: 'number' },
    { label: LABELS.reasonLabel, fieldName: 'reason', type: 'text', wrapText: true },
    { label: LABELS.sinceLabel, fieldName: 'since', type: 'date' },
    { type: 'action', typeAttributes: { rowActions: ACTIONS } }
  ];
  heldColumns = [
    { label: LABELS.connectionLabel, fieldName: 'connectionName', type: 'text' },
    { label: LABELS.objectLabel, fieldName: 'objectName', type: 'text' },
    { label: LABELS.waitingForLabel, fieldName: 'reason', type: 'text' },
    { label: LABELS.sinceLabel, fieldName: 'since', type: 'date' },
    { type: 'action', typeAttributes: { rowActions: ACTIONS } }
  ];

  connectionOptions: { label: string; value: string }[] = [];
  connectionId = '';
  objectName = '';
  queue: WorkQueue = { outbox: [], held: [] };
  selectedOutbox: string[] = [];
  selectedHeld: string[] = [];
  discardReason = '';
  inspection?: Inspection;
  results: RowResult[] = [];
  isLoading = true;
  isDenied = false;
  errorMessage = '';
  busy = false;

  connectedCallback(): void {
    this.loadConnections();
    this.load();
  }

  get connectionChoices(): { label: string; value: string }[] {
    return [{ label: LABELS.allConnectionsLabel, value: '' }, ...this.connectionOptions];
  }

  get hasOutbox(): boolean {
    return this.queue.outbox.length > 0;
  }

  get hasHeld(): boolean {
    return this.queue.held.length > 0;
  }

  get noOutboxSelected(): boolean {
    return this.busy || this.selectedOutbox.length === 0;
  }

  get noHeldSelected(): boolean {
    return this.busy || this.selectedHeld.length === 0;
  }

  get cannotExport(): boolean {
    return this.busy || !this.connectionId;
  }

  get inspectionTitle(): string {
    const item = this.inspection?.item;
    return formatLabel(LABELS.inspectTitleLabel, item?.objectName, item?.recordId ?? item?.id);
  }

  get hasNoInspectedValues(): boolean {
    return !!this.inspection && this.inspection.fields.length === 0;
  }

  get hasResults(): boolean {
    return this.results.length > 0;
  }

  handleConnection(event: CustomEvent<{ value: string }>): void {
    this.connectionId = event.detail.value;
    this.load();
  }

  handleObject(event: CustomEvent<{ value: string }>): void {
    this.objectName = event.detail.value ?? '';
  }

  handleApplyFilter(): void {
    this.load();
  }

  handleOutboxSelection(event: SelectionEvent): void {
    this.selectedOutbox = event.detail.selectedRows.map((r) => r.id);
  }

  handleHeldSelection(event: SelectionEvent): void {
    this.selectedHeld = event.detail.selectedRows.map((r) => r.id);
  }

  handleReason(event: CustomEvent<{ value: string }>): void {
    this.discardReason = event.detail.value ?? '';
  }

  async handleRowAction(event: RowActionEvent): Promise<void> {
    try {
      this.inspection = (await inspect({ itemId: event.detail.row.id })) as Inspection;
    } catch (error) {
      this.toast(LABELS.errorTitle, friendlyError(error), 'error');
    }
  }

  handleCloseInspection(): void {
    this.inspection = undefined;
  }

  async handleRetry(): Promise<void> {
    await this.act(async () => {
      const n = (await retry({ itemIds: this.selectedOutbox })) as number;
      this.toast(LABELS.successTitle, formatLabel(LABELS.retriedLabel, n), 'success');
    });
  }

  async handleDiscardOutbox(): Promise<void> {
    await this.discardSelected(this.selectedOutbox);
  }

  async handleDiscardHeld(): Promise<void> {
    await this.discardSelected(this.selectedHeld);
  }

  async handleRelease(): Promise<void> {
    await this.act(async () => {
      this.results = (await release({ itemIds: this.selectedHeld })) as RowResult[];
    });
  }

  async handleRequestParents(): Promise<void> {
    await this.act(async () => {
      this.results = (await requestParents({ itemIds: this.selectedHeld })) as RowResult[];
    });
  }

  /** Reads the crosswalk page by page (bounded) and downloads it as CSV. */
  async handleExport(): Promise<void> {
    if (!this.connectionId) return;
    this.busy = true;
    try {
      const rows: CrosswalkRow[] = [];
      let after: string | null = null;
      do {
        // sequential on purpose: each page starts after the last Id of the previous one
        // eslint-disable-next-line no-await-in-loop
        const page = (await getCrosswalkPage({
          connectionId: this.connectionId,
          objectName: this.objectName || null,
          after,
          pageSize: CROSSWALK_PAGE
        })) as { rows: CrosswalkRow[]; next: string | null };
        rows.push(...page.rows);
        after = page.next;
      } while (after && rows.length < CROSSWALK_MAX);
      downloadText('s2s-crosswalk.csv', 'text/csv', crosswalkCsv(rows));
      const truncated = after !== null;
      this.toast(
        truncated ? LABELS.warningTitle : LABELS.successTitle,
        formatLabel(truncated ? LABELS.exportTruncatedLabel : LABELS.exportedLabel, rows.length),
        truncated ? 'warning' : 'success'
      );
    } catch (error) {
      this.toast(LABELS.errorTitle, friendlyError(error), 'error');
    } finally {
      this.busy = false;
    }
  }

  private async discardSelected(itemIds: string[]): Promise<void> {
    const input = this.template?.querySelector<
      HTMLElement & { setCustomValidity(m: string): void; reportValidity(): boolean; focus(): void }
    >('[data-id="reason"]');
    if (!this.discardReason.trim()) {
      input?.setCustomValidity(LABELS.reasonRequiredLabel);
      input?.reportValidity();
      input?.focus();
      return;
    }
    input?.setCustomValidity('');
    await this.act(async () => {
      const n = (await discard({ itemIds, reason: this.discardReason })) as number;
      this.discardReason = '';
      this.toast(LABELS.successTitle, formatLabel(LABELS.discardedLabel, n), 'success');
    });
  }

  private async act(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.results = [];
    try {
      await action();
      await this.load();
    } catch (error) {
      this.toast(LABELS.errorTitle, friendlyError(error), 'error');
    } finally {
      this.busy = false;
    }
  }

  private async loadConnections(): Promise<void> {
    try {
      const records = (await getConnections()) as { Id: string; Name: string }[];
      this.connectionOptions = records.map((r) => ({ label: r.Name, value: r.Id }));
    } catch {
      this.connectionOptions = []; // the queue's own load says what is wrong
    }
  }

  private async load(): Promise<void> {
    this.isLoading = this.queue.outbox.length === 0 && this.queue.held.length === 0;
    try {
      this.queue = (await getWorkQueue({
        connectionId: this.connectionId || null,
        objectName: this.objectName || null
      })) as WorkQueue;
      this.selectedOutbox = [];
      this.selectedHeld = [];
      this.errorMessage = '';
    } catch (error) {
      const text = friendlyError(error);
      this.isDenied = DENIED.test(text);
      this.errorMessage = this.isDenied ? '' : text;
    } finally {
      this.isLoading = false;
    }
  }

  private toast(
    title: string,
    message: string,
    variant: 'success' | 'warning' | 'error' | 'info'
  ): void {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }
}
