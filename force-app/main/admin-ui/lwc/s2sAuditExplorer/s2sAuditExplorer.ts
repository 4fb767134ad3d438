// Audit explorer: filter the audit trail, page through it and export it as CSV. Values are shown
// and exported exactly as stored, so values masked by the engine stay masked.
import { LightningElement, api, wire } from 'lwc';
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
interface AuditLog {
  Id: string;
  Event_Time__c?: string;
  Acting_User__r?: { Name: string };
  Connection__r?: { Name: string };
  [field: string]: unknown;
}
interface AuditPage {
  rows: AuditLog[];
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
      fieldName: 'Event_Time__c',
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
    { label: objectLabel, fieldName: 'Object_Name__c', type: 'text' },
    { label: recordLabel, fieldName: 'Local_Record_Id__c', type: 'text' },
    { label: remoteLabel, fieldName: 'Remote_Record_Id__c', type: 'text' },
    { label: operationLabel, fieldName: 'Operation__c', type: 'text' },
    { label: stageLabel, fieldName: 'Stage__c', type: 'text' },
    {
      label: outcomeLabel,
      fieldName: 'Outcome__c',
      type: 'text',
      cellAttributes: { class: { fieldName: 'outcomeClass' } }
    },
    { label: changedLabel, fieldName: 'Changed_Fields__c', type: 'text', wrapText: true },
    { label: oldValuesLabel, fieldName: 'Old_Values__c', type: 'text', wrapText: true },
    { label: newValuesLabel, fieldName: 'New_Values__c', type: 'text', wrapText: true },
    { label: errorLabel, fieldName: 'Error__c', type: 'text', wrapText: true }
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
  get rows(): Record<string, unknown>[] {
    return (this.auditPage?.rows ?? []).map((row) => ({
      ...row,
      userName: row.Acting_User__r?.Name,
      connectionName: row.Connection__r?.Name,
      outcomeClass: row.Outcome__c === 'Failure' ? 'slds-text-color_error' : ''
    }));
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
