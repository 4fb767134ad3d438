// Audit explorer: filter the audit trail (a From after To is refused on the field), page through
// it as a readable table (record names, who made the change, old → new values, dates in the user's
// locale), open one change's detail followed by its correlation Id across both orgs, verify the
// tamper-evident chain, and export CSV. Values are shown and exported as stored, so values masked by
// the engine stay masked (said "hidden"). The controller's
// rows name their fields by API name (`ns__Stage__c`, `ns__Acting_User__r` once installed under the
// namespace): the names come from @salesforce/schema imports, and the table shows rows with neutral
// keys (rowFromRecord), so no field name is written here.
import { LightningElement, api, wire } from 'lwc';
import EVENT_TIME from '@salesforce/schema/S2S_Audit_Log__c.Event_Time__c';
import ACTING_USER_NAME from '@salesforce/schema/S2S_Audit_Log__c.Acting_User__r.Name';
import CONNECTION_NAME from '@salesforce/schema/S2S_Audit_Log__c.Connection__r.Name';
import OBJECT_NAME from '@salesforce/schema/S2S_Audit_Log__c.Object_Name__c';
import LOCAL_RECORD_ID from '@salesforce/schema/S2S_Audit_Log__c.Local_Record_Id__c';
import REMOTE_RECORD_ID from '@salesforce/schema/S2S_Audit_Log__c.Remote_Record_Id__c';
import OPERATION from '@salesforce/schema/S2S_Audit_Log__c.Operation__c';
import STAGE from '@salesforce/schema/S2S_Audit_Log__c.Stage__c';
import OUTCOME from '@salesforce/schema/S2S_Audit_Log__c.Outcome__c';
import CHANGED_FIELDS from '@salesforce/schema/S2S_Audit_Log__c.Changed_Fields__c';
import OLD_VALUES from '@salesforce/schema/S2S_Audit_Log__c.Old_Values__c';
import NEW_VALUES from '@salesforce/schema/S2S_Audit_Log__c.New_Values__c';
import ERROR from '@salesforce/schema/S2S_Audit_Log__c.Error__c';
import ORIGIN_USER from '@salesforce/schema/S2S_Audit_Log__c.Origin_User__c';
import CORRELATION_ID from '@salesforce/schema/S2S_Audit_Log__c.Correlation_Id__c';
import CONNECTION from '@salesforce/schema/S2S_Audit_Log__c.Connection__c';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getConnectionOptions from '@salesforce/apex/S2SAuditController.getConnectionOptions';
import getAuditPage from '@salesforce/apex/S2SAuditController.getAuditPage';
import exportAuditCsv from '@salesforce/apex/S2SAuditController.exportAuditCsv';
import verifyChain from '@salesforce/apex/S2SAuditController.verifyChain';
import getLatestVerification from '@salesforce/apex/S2SAuditController.getLatestVerification';
import getCorrelated from '@salesforce/apex/S2SAuditController.getCorrelated';
import { errorText, formatLabel, downloadText } from 'c/s2sUtils';
import { changesOf, changesText, formatValue } from './auditFormat';
import type { FieldChange } from './auditFormat';

import titleLabel from '@salesforce/label/c.S2S_Audit_Title';
import loadingLabel from '@salesforce/label/c.S2S_Loading';
import deniedLabel from '@salesforce/label/c.S2S_Permission_Denied_Audit';
import emptyLabel from '@salesforce/label/c.S2S_Audit_Empty';
import fromLabel from '@salesforce/label/c.S2S_Audit_From';
import toLabel from '@salesforce/label/c.S2S_Audit_To';
import connectionLabel from '@salesforce/label/c.S2S_Dashboard_Connection';
import objectLabel from '@salesforce/label/c.S2S_Dashboard_Object';
import recordLabel from '@salesforce/label/c.S2S_Dashboard_Record';
import outcomeLabel from '@salesforce/label/c.S2S_Audit_Outcome';
import userLabel from '@salesforce/label/c.S2S_Audit_User';
import anyLabel from '@salesforce/label/c.S2S_Audit_Any';
import successLabel from '@salesforce/label/c.S2S_Audit_Success';
import failureLabel from '@salesforce/label/c.S2S_Audit_Failure';
import applyLabel from '@salesforce/label/c.S2S_Audit_Apply';
import clearLabel from '@salesforce/label/c.S2S_Audit_Clear';
import exportLabel from '@salesforce/label/c.S2S_Audit_Export';
import exportingLabel from '@salesforce/label/c.S2S_Audit_Exporting';
import pageLabel from '@salesforce/label/c.S2S_Audit_Page';
import timeLabel from '@salesforce/label/c.S2S_Dashboard_Time';
import stageLabel from '@salesforce/label/c.S2S_Audit_Stage';
import operationLabel from '@salesforce/label/c.S2S_Audit_Operation';
import errorLabel from '@salesforce/label/c.S2S_Dashboard_Error';
import remoteLabel from '@salesforce/label/c.S2S_Status_Remote_Id';
import errorTitle from '@salesforce/label/c.S2S_Toast_Error';
import rangeErrorLabel from '@salesforce/label/c.S2S_Audit_Error_Range';
import verifyLabel from '@salesforce/label/c.S2S_Audit_Verify';
import verifyingLabel from '@salesforce/label/c.S2S_Audit_Verifying';
import chainIntactLabel from '@salesforce/label/c.S2S_Audit_Chain_Intact';
import chainBrokenLabel from '@salesforce/label/c.S2S_Audit_Chain_Broken';
import chainNeverLabel from '@salesforce/label/c.S2S_Audit_Chain_Never';
import chainWaitingLabel from '@salesforce/label/c.S2S_Audit_Chain_Waiting';
import detailsLabel from '@salesforce/label/c.S2S_Audit_Details';
import detailTitleLabel from '@salesforce/label/c.S2S_Audit_Detail_Title';
import closeLabel from '@salesforce/label/c.S2S_Audit_Detail_Close';
import thisOrgLabel from '@salesforce/label/c.S2S_Audit_This_Org';
import peerOrgLabel from '@salesforce/label/c.S2S_Audit_Peer_Org';
import peerErrorLabel from '@salesforce/label/c.S2S_Audit_Peer_Error';
import changesLabel from '@salesforce/label/c.S2S_Audit_Changes';
import recordPickerLabel from '@salesforce/label/c.S2S_Audit_Record_Picker';
import originUserLabel from '@salesforce/label/c.S2S_Audit_Origin_User';
import correlationLabel from '@salesforce/label/c.S2S_Audit_Correlation';
import loadingDetailLabel from '@salesforce/label/c.S2S_Audit_Loading_Detail';
import noPeerEntriesLabel from '@salesforce/label/c.S2S_Audit_No_Peer_Entries';
import maskedLabel from '@salesforce/label/c.S2S_Audit_Masked';
import blankLabel from '@salesforce/label/c.S2S_Audit_Blank';

interface Access {
  canViewAudit: boolean;
}
interface WireResult<T> {
  data?: T;
  error?: unknown;
}
/** The filters sent to the controller (S2SAuditController.AuditFilter). */
export interface AuditFilter {
  fromTime?: string | null;
  toTime?: string | null;
  connectionId?: string | null;
  objectName?: string | null;
  recordId?: string | null;
  outcome?: string | null;
  userId?: string | null;
}
/** An audit entry as the controller returns it: field API name to value, lookups as objects. */
export type AuditRecord = Record<string, unknown>;

/** An audit entry as the table shows it. */
export interface AuditRow {
  id: string;
  eventTime?: unknown;
  userName?: unknown;
  connectionName?: unknown;
  objectName?: unknown;
  localRecordId?: unknown;
  remoteRecordId?: unknown;
  operation?: unknown;
  stage?: unknown;
  outcome?: unknown;
  changedFields?: unknown;
  oldValues?: unknown;
  newValues?: unknown;
  error?: unknown;
  originUser?: unknown;
  correlationId?: unknown;
  connectionId?: unknown;
  outcomeClass: string;
}

type Column = Exclude<keyof AuditRow, 'id' | 'outcomeClass'>;

const fieldName = (reference: { fieldApiName?: string }): string => reference.fieldApiName ?? '';

/** Each column with the API name (or relationship path, `Acting_User__r.Name`) it shows. */
export const AUDIT_FIELDS: Record<Column, string> = {
  eventTime: fieldName(EVENT_TIME),
  userName: fieldName(ACTING_USER_NAME),
  connectionName: fieldName(CONNECTION_NAME),
  objectName: fieldName(OBJECT_NAME),
  localRecordId: fieldName(LOCAL_RECORD_ID),
  remoteRecordId: fieldName(REMOTE_RECORD_ID),
  operation: fieldName(OPERATION),
  stage: fieldName(STAGE),
  outcome: fieldName(OUTCOME),
  changedFields: fieldName(CHANGED_FIELDS),
  oldValues: fieldName(OLD_VALUES),
  newValues: fieldName(NEW_VALUES),
  error: fieldName(ERROR),
  originUser: fieldName(ORIGIN_USER),
  correlationId: fieldName(CORRELATION_ID),
  connectionId: fieldName(CONNECTION)
};

/** The value at a field path of a record (`Acting_User__r.Name` walks the lookup). */
function valueAt(record: AuditRecord, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (value === null || value === undefined || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** An audit entry of the controller as a row of the table. */
export function rowFromRecord(record: AuditRecord): AuditRow {
  const row = { id: record.Id as string, outcomeClass: '' } as AuditRow;
  for (const column of Object.keys(AUDIT_FIELDS) as Column[]) {
    row[column] = valueAt(record, AUDIT_FIELDS[column]);
  }
  row.outcomeClass = row.outcome === 'Failure' ? 'slds-text-color_error' : '';
  return row;
}

interface AuditPage {
  rows: AuditRecord[];
  total: number;
  pageNumber: number;
  pageSize: number;
  /** name by record Id, of the records the auditor can read */
  recordNames?: Record<string, string>;
}

/** The latest verification of the chain (S2SAuditController.ChainVerification). */
interface ChainVerification {
  verifiedAt?: string;
  intact: boolean;
  problem?: string | null;
  brokenId?: string | null;
  checked?: number | null;
}

/** One change across both orgs (S2SAuditController.CorrelatedEntries). */
interface CorrelatedEntries {
  local: AuditRecord[];
  peer: Record<string, unknown>[];
  peerLabel?: string | null;
  peerError?: string | null;
}

/** An entry of the detail view, from either org. */
export interface DetailEntry {
  key: string;
  time: string;
  stage: string;
  outcome: string;
  userName: string;
  originUser: string | null;
  record: string;
  changes: (FieldChange & { key: string; hasBefore: boolean; fieldLabel: string })[];
  error: string | null;
  className: string;
}

const WORDS = { masked: maskedLabel, blank: blankLabel };
/** Polls of the verification's result after Verify, and the pause between them. */
const VERIFY_POLLS = 10;
const VERIFY_POLL_MS = 2000;

function sameVerification(a: ChainVerification, b: ChainVerification | null): boolean {
  return !!b && a.verifiedAt === b.verifiedAt && a.problem === b.problem && a.checked === b.checked;
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** An entry of either org as the detail view shows it (keys of the peer's answer, or a row). */
export function detailEntry(
  key: string,
  entry: Record<string, unknown>,
  recordNames: Record<string, string> = {}
): DetailEntry {
  const record = text(entry.localRecordId);
  const changes = changesOf(entry.oldValues, entry.newValues, WORDS).map((change) => ({
    ...change,
    key: `${key}-${change.field}`,
    fieldLabel: `${change.field}:`,
    hasBefore: change.before !== null
  }));
  return {
    key,
    time: entry.eventTime ? formatValue(text(entry.eventTime), WORDS) : '',
    stage: text(entry.stage),
    outcome: text(entry.outcome),
    userName: text(entry.actingUser ?? entry.userName),
    originUser: entry.originUser ? text(entry.originUser) : null,
    record: recordNames[record] ?? record,
    changes,
    error: entry.error ? text(entry.error) : null,
    className: entry.outcome === 'Failure' ? 'slds-item slds-text-color_error' : 'slds-item'
  };
}

const EMPTY_FILTER: AuditFilter = {
  fromTime: null,
  toTime: null,
  connectionId: null,
  objectName: null,
  recordId: null,
  outcome: null,
  userId: null
};

export default class S2sAuditExplorer extends LightningElement {
  /** Card title, set in App Builder. */
  @api cardTitle: string = titleLabel;
  /** Rows per page (App Builder), 1 to 200. */
  @api pageSize = 50;

  labels = {
    loadingLabel,
    deniedLabel,
    emptyLabel,
    fromLabel,
    toLabel,
    connectionLabel,
    objectLabel,
    recordLabel,
    recordPickerLabel,
    outcomeLabel,
    userLabel,
    applyLabel,
    clearLabel,
    exportLabel,
    exportingLabel,
    verifyLabel,
    verifyingLabel,
    closeLabel,
    thisOrgLabel,
    changesLabel,
    originUserLabel,
    correlationLabel,
    loadingDetailLabel,
    noPeerEntriesLabel,
    stageLabel,
    operationLabel,
    remoteLabel,
    errorLabel
  };

  outcomeOptions = [
    { label: anyLabel, value: '' },
    { label: successLabel, value: 'Success' },
    { label: failureLabel, value: 'Failure' }
  ];

  columns = [
    {
      label: timeLabel,
      fieldName: 'eventTime',
      type: 'date',
      initialWidth: 170,
      typeAttributes: {
        year: 'numeric',
        month: 'short',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit'
      }
    },
    { label: userLabel, fieldName: 'userText', type: 'text', wrapText: true },
    { label: recordLabel, fieldName: 'recordName', type: 'text', wrapText: true },
    { label: objectLabel, fieldName: 'objectName', type: 'text' },
    { label: stageLabel, fieldName: 'stage', type: 'text' },
    {
      label: outcomeLabel,
      fieldName: 'outcome',
      type: 'text',
      cellAttributes: { class: { fieldName: 'outcomeClass' } }
    },
    { label: changesLabel, fieldName: 'changesText', type: 'text', wrapText: true },
    { label: errorLabel, fieldName: 'error', type: 'text', wrapText: true },
    {
      type: 'button',
      initialWidth: 110,
      typeAttributes: {
        label: detailsLabel,
        name: 'details',
        variant: 'base',
        title: detailsLabel
      }
    }
  ];

  access?: Access;
  accessError?: unknown;
  connectionOptions: { label: string; value: string }[] = [];
  /** The filters being edited; applied only on "Apply", so typing does not query. */
  draft: AuditFilter = { ...EMPTY_FILTER };
  /** The filters of the wire: a new object each time, so the wire runs again. */
  appliedFilter: AuditFilter = { ...EMPTY_FILTER };
  pageNumber = 1;
  auditPage?: AuditPage;
  pageError?: unknown;
  exporting = false;
  verifying = false;
  verification?: ChainVerification | null;
  verificationError?: string;
  /** The entry whose change is shown across both orgs. */
  detailRow?: AuditRow;
  detail?: CorrelatedEntries;
  detailError?: string;
  detailLoading = false;

  override connectedCallback(): void {
    this.loadVerification();
  }

  @wire(getAccess)
  wiredAccess({ data, error }: WireResult<Access>): void {
    this.access = data;
    this.accessError = error;
  }

  @wire(getConnectionOptions)
  wiredConnections({ data }: WireResult<{ label: string; value: string }[]>): void {
    this.connectionOptions = [{ label: anyLabel, value: '' }, ...(data ?? [])];
  }

  @wire(getAuditPage, {
    filter: '$appliedFilter',
    pageSize: '$pageSize',
    pageNumber: '$pageNumber'
  })
  wiredPage({ data, error }: WireResult<AuditPage>): void {
    this.auditPage = data;
    this.pageError = error;
  }

  get isLoading(): boolean {
    return (
      !this.accessError &&
      (!this.access || (this.access.canViewAudit && !this.auditPage && !this.pageError))
    );
  }
  get isDenied(): boolean {
    return !!this.access && !this.access.canViewAudit;
  }
  get errorMessage(): string | undefined {
    const error = this.accessError ?? this.pageError;
    return error ? errorText(error) : undefined;
  }
  get showFilters(): boolean {
    return !!this.access?.canViewAudit;
  }
  get ready(): boolean {
    return !this.isLoading && !this.isDenied && !this.errorMessage;
  }
  get isEmpty(): boolean {
    return this.ready && (this.auditPage?.rows.length ?? 0) === 0;
  }
  get hasRows(): boolean {
    return this.ready && (this.auditPage?.rows.length ?? 0) > 0;
  }
  /** The record filter is a picker of the chosen object's records; a text field without one. */
  get recordPickerObject(): string | null {
    return this.draft.objectName ? this.draft.objectName : null;
  }
  get rows(): (AuditRow & { userText: string; recordName: string; changesText: string })[] {
    const names = this.auditPage?.recordNames ?? {};
    return (this.auditPage?.rows ?? []).map((record) => {
      const row = rowFromRecord(record);
      // who made the change in the sending org, beside the integration user that applied it
      const origin = row.originUser ? ` (${originUserLabel}: ${text(row.originUser)})` : '';
      return {
        ...row,
        userText: text(row.userName) + origin,
        recordName: names[text(row.localRecordId)] ?? text(row.localRecordId),
        changesText: changesText(changesOf(row.oldValues, row.newValues, WORDS))
      };
    });
  }
  get pageCount(): number {
    return Math.max(1, Math.ceil((this.auditPage?.total ?? 0) / this.pageSize));
  }
  get pageText(): string {
    return formatLabel(pageLabel, this.pageNumber, this.pageCount, this.auditPage?.total ?? 0);
  }
  get isFirstPage(): boolean {
    return this.pageNumber <= 1;
  }
  get isLastPage(): boolean {
    return this.pageNumber >= this.pageCount;
  }
  get verificationText(): string {
    if (this.verificationError) return this.verificationError;
    if (this.verifying) return verifyingLabel;
    const v = this.verification;
    if (!v) return chainNeverLabel;
    const when = formatValue(v.verifiedAt ?? '', WORDS);
    return v.intact
      ? formatLabel(chainIntactLabel, v.checked ?? 0, when)
      : formatLabel(chainBrokenLabel, v.problem ?? '', when);
  }
  get verificationClass(): string {
    const broken = !!this.verificationError || this.verification?.intact === false;
    return broken ? 'slds-text-color_error' : 'slds-text-color_weak';
  }
  get detailTitle(): string {
    return formatLabel(detailTitleLabel, text(this.detailRow?.correlationId));
  }
  get localEntries(): DetailEntry[] {
    const names = this.auditPage?.recordNames ?? {};
    return (this.detail?.local ?? []).map((record) => {
      const row = rowFromRecord(record);
      return detailEntry(`l-${row.id}`, row as unknown as Record<string, unknown>, names);
    });
  }
  get peerEntries(): DetailEntry[] {
    return (this.detail?.peer ?? []).map((entry, index) => detailEntry(`p-${index}`, entry));
  }
  get peerTitle(): string {
    return formatLabel(peerOrgLabel, this.detail?.peerLabel ?? '');
  }
  get peerErrorText(): string | null {
    return this.detail?.peerError ? formatLabel(peerErrorLabel, this.detail.peerError) : null;
  }
  get noPeerEntries(): boolean {
    return !!this.detail && !this.detail.peerError && this.detail.peer.length === 0;
  }

  handleFilterChange(event: CustomEvent<{ value?: string; recordId?: string | null }>): void {
    const target = event.target as HTMLElement & { setCustomValidity?: (m: string) => void };
    const filter = target.dataset.filter as keyof AuditFilter;
    const value =
      filter === 'userId' || target.dataset.picker === 'true'
        ? event.detail.recordId
        : event.detail.value;
    this.draft = { ...this.draft, [filter]: value ? value : null };
    if (filter === 'fromTime' || filter === 'toTime') {
      this.rangeInput()?.setCustomValidity('');
    }
  }

  handleApply(): void {
    const to = this.rangeInput();
    const { fromTime, toTime } = this.draft;
    if (fromTime && toTime && new Date(fromTime).getTime() > new Date(toTime).getTime()) {
      // the error on the field, and the focus there: nothing is queried
      to?.setCustomValidity(rangeErrorLabel);
      to?.reportValidity();
      to?.focus();
      return;
    }
    to?.setCustomValidity('');
    to?.reportValidity();
    this.appliedFilter = { ...this.draft };
    this.pageNumber = 1;
  }

  handleClear(): void {
    this.draft = { ...EMPTY_FILTER };
    this.handleApply();
  }

  handlePrevious(): void {
    if (!this.isFirstPage) this.pageNumber -= 1;
  }

  handleNext(): void {
    if (!this.isLastPage) this.pageNumber += 1;
  }

  async handleRowAction(
    event: CustomEvent<{ action: { name: string }; row: AuditRow }>
  ): Promise<void> {
    if (event.detail.action.name !== 'details') return;
    this.detailRow = event.detail.row;
    this.detail = undefined;
    this.detailError = undefined;
    const correlationId = text(this.detailRow.correlationId);
    if (!correlationId) {
      this.detail = { local: [this.findRecord(this.detailRow.id)], peer: [], peerError: null };
      this.focusDetail();
      return;
    }
    this.detailLoading = true;
    this.focusDetail();
    try {
      this.detail = (await getCorrelated({
        correlationId,
        connectionId: this.detailRow.connectionId ?? null
      })) as CorrelatedEntries;
    } catch (error) {
      this.detailError = errorText(error);
    } finally {
      this.detailLoading = false;
    }
  }

  handleCloseDetail(): void {
    this.detailRow = undefined;
    this.detail = undefined;
    this.detailError = undefined;
    // back to the table the auditor came from
    Promise.resolve().then(() => {
      this.template?.querySelector<HTMLElement>('[data-id="table"]')?.focus();
    });
  }

  async handleVerify(): Promise<void> {
    this.verifying = true;
    this.verificationError = undefined;
    try {
      // the org's clock, not the browser's, stamps the result: wait for a result other than the last
      const before = (await getLatestVerification()) as ChainVerification | null;
      await verifyChain();
      // the verification is a batch: its result is the newest Verified entry once it ends
      for (let poll = 0; poll < VERIFY_POLLS; poll++) {
        // eslint-disable-next-line no-await-in-loop -- one poll after the other, not at once
        const latest = (await getLatestVerification()) as ChainVerification | null;
        if (latest?.verifiedAt && !sameVerification(latest, before)) {
          this.verification = latest;
          return;
        }
        // eslint-disable-next-line no-await-in-loop -- waits between polls of the batch's result
        await new Promise((resolve) => {
          // eslint-disable-next-line @lwc/lwc/no-async-operation -- polls the batch's result
          setTimeout(resolve, VERIFY_POLL_MS);
        });
      }
      this.verificationError = chainWaitingLabel;
    } catch (error) {
      this.verificationError = errorText(error);
    } finally {
      this.verifying = false;
      this.template?.querySelector<HTMLElement>('[data-id="verify"]')?.focus();
    }
  }

  async handleExport(): Promise<void> {
    this.exporting = true;
    try {
      const csv = (await exportAuditCsv({ filter: this.appliedFilter })) as string;
      downloadText(`s2s-audit-${new Date().toISOString().slice(0, 10)}.csv`, 'text/csv', csv);
    } catch (error) {
      this.dispatchEvent(
        new ShowToastEvent({ title: errorTitle, message: errorText(error), variant: 'error' })
      );
    } finally {
      this.exporting = false;
    }
  }

  private async loadVerification(): Promise<void> {
    try {
      this.verification = (await getLatestVerification()) as ChainVerification | null;
    } catch {
      this.verification = undefined; // an auditor's screen without the result: Verify still works
    }
  }

  private rangeInput():
    (HTMLElement & { setCustomValidity(m: string): void; reportValidity(): boolean }) | null {
    return this.template?.querySelector('[data-filter="toTime"]') ?? null;
  }

  private findRecord(id: string): AuditRecord {
    return (this.auditPage?.rows ?? []).find((record) => record.Id === id) ?? { Id: id };
  }

  private focusDetail(): void {
    Promise.resolve().then(() => {
      this.template?.querySelector<HTMLElement>('[data-id="detail-title"]')?.focus();
    });
  }
}
