// Audit explorer: filter the audit trail, page through it and export it as CSV. Values are shown
// and exported exactly as stored, so values masked by the engine stay masked. The controller's
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
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getConnectionOptions from '@salesforce/apex/S2SAuditController.getConnectionOptions';
import getAuditPage from '@salesforce/apex/S2SAuditController.getAuditPage';
import exportAuditCsv from '@salesforce/apex/S2SAuditController.exportAuditCsv';
import { errorText, formatLabel, downloadText } from 'c/s2sUtils';

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
import previousLabel from '@salesforce/label/c.S2S_Audit_Previous';
import nextLabel from '@salesforce/label/c.S2S_Audit_Next';
import pageLabel from '@salesforce/label/c.S2S_Audit_Page';
import timeLabel from '@salesforce/label/c.S2S_Dashboard_Time';
import stageLabel from '@salesforce/label/c.S2S_Audit_Stage';
import operationLabel from '@salesforce/label/c.S2S_Audit_Operation';
import changedLabel from '@salesforce/label/c.S2S_Audit_Changed_Fields';
import oldValuesLabel from '@salesforce/label/c.S2S_Audit_Old_Values';
import newValuesLabel from '@salesforce/label/c.S2S_Audit_New_Values';
import errorLabel from '@salesforce/label/c.S2S_Dashboard_Error';
import remoteLabel from '@salesforce/label/c.S2S_Status_Remote_Id';
import errorTitle from '@salesforce/label/c.S2S_Toast_Error';

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
  error: fieldName(ERROR)
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
    outcomeLabel,
    userLabel,
    applyLabel,
    clearLabel,
    exportLabel,
    exportingLabel,
    previousLabel,
    nextLabel
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
      typeAttributes: {
        year: 'numeric',
        month: 'short',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit'
      }
    },
    { label: userLabel, fieldName: 'userName', type: 'text' },
    { label: connectionLabel, fieldName: 'connectionName', type: 'text' },
    { label: objectLabel, fieldName: 'objectName', type: 'text' },
    { label: recordLabel, fieldName: 'localRecordId', type: 'text' },
    { label: remoteLabel, fieldName: 'remoteRecordId', type: 'text' },
    { label: operationLabel, fieldName: 'operation', type: 'text' },
    { label: stageLabel, fieldName: 'stage', type: 'text' },
    {
      label: outcomeLabel,
      fieldName: 'outcome',
      type: 'text',
      cellAttributes: { class: { fieldName: 'outcomeClass' } }
    },
    { label: changedLabel, fieldName: 'changedFields', type: 'text', wrapText: true },
    { label: oldValuesLabel, fieldName: 'oldValues', type: 'text', wrapText: true },
    { label: newValuesLabel, fieldName: 'newValues', type: 'text', wrapText: true },
    { label: errorLabel, fieldName: 'error', type: 'text', wrapText: true }
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
  get rows(): AuditRow[] {
    return (this.auditPage?.rows ?? []).map(rowFromRecord);
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

  handleFilterChange(event: CustomEvent<{ value?: string; recordId?: string | null }>): void {
    const filter = (event.target as HTMLElement).dataset.filter as keyof AuditFilter;
    const value = filter === 'userId' ? event.detail.recordId : event.detail.value;
    this.draft = { ...this.draft, [filter]: value ? value : null };
  }

  handleApply(): void {
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
}
