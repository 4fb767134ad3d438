// Mapping editor: the object mappings of a connection (s2sMappingList), one mapping edited at a
// time (s2sMappingSettings, s2sFieldMappingTable, s2sMappingPreview) with Save and Cancel in a
// docked footer, and the configuration's export and import (s2sConfigTransfer). This component
// holds the state and talks to the controller; its children show it and report edits.
// Problems are shown on the input they are about and listed in a summary above the form whose
// links move the focus to each; the focus goes to the first one after a refused save.
import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getConnections from '@salesforce/apex/S2SConnectionsController.getConnections';
import getObjectMappings from '@salesforce/apex/S2SMappingController.getObjectMappings';
import getFieldMappings from '@salesforce/apex/S2SMappingController.getFieldMappings';
import getLocalObjects from '@salesforce/apex/S2SMappingController.getLocalObjects';
import describeLocalObject from '@salesforce/apex/S2SMappingController.describeLocalObject';
import describeRemoteObject from '@salesforce/apex/S2SMappingController.describeRemoteObject';
import saveMapping from '@salesforce/apex/S2SMappingController.saveMapping';
import { formatLabel, friendlyError } from 'c/s2sUtils';
import type { Access, WireResult } from 'c/s2sUtils';
import {
  LABELS,
  draftFromRecord,
  draftIssues,
  engineIssues,
  isDeniedObject,
  issueText,
  newDraft,
  recordFromDraft,
  recordFromRow,
  rowFromRecord
} from 'c/s2sMappingModel';
import type {
  FieldInfo,
  FieldRow,
  Issue,
  MappingDraft,
  SaveResult,
  Setting
} from 'c/s2sMappingModel';
import type { SchedulePreview, SettingChangeDetail } from 'c/s2sMappingSettings';

interface Connection {
  Id: string;
  Name: string;
}
interface SettingsApi {
  showIssues(issues: Issue[]): Setting[];
  focusSetting(setting: Setting): boolean;
}
interface TableApi {
  showIssues(issues: Issue[]): string[];
  focusRow(key: string): void;
}
interface ListApi {
  focusMapping(id?: string): void;
}

export default class S2sMappingEditor extends LightningElement {
  /** Connection to open first (App Builder); the admin can switch. */
  @api connectionId?: string;
  /** On a connection's record page, the connection to edit. */
  @api recordId?: string;
  /** Card title, set in App Builder. */
  @api cardTitle: string = LABELS.title;

  labels = LABELS;
  access?: Access;
  accessError?: unknown;
  connections?: Connection[];
  connectionsError?: unknown;
  selectedConnectionId?: string;
  objectMappings?: MappingDraft[];
  mappingsError?: unknown;
  localObjects: { label: string; value: string }[] = [];

  draft?: MappingDraft;
  compareId?: string;
  editingMappingId?: string;
  rows: FieldRow[] = [];
  sourceObject?: string;
  sourceFields?: FieldInfo[];
  targetFields?: FieldInfo[];
  describingTarget = false;
  describeError?: string;
  schedulePreview?: SchedulePreview;
  issues: Issue[] = [];
  saving = false;

  private wiredMappings?: WireResult<Record<string, unknown>[]>;
  /** Where the focus goes after the next render: a setting, or the list after the editor closes. */
  private pendingFocus?: { setting?: Setting; mappingId?: string; list?: boolean };

  override connectedCallback(): void {
    this.selectedConnectionId = this.connectionId || this.recordId;
  }

  @wire(getAccess)
  wiredAccess({ data, error }: WireResult<Access>): void {
    this.access = data;
    this.accessError = error;
  }

  @wire(getConnections)
  wiredConnections({ data, error }: WireResult<Connection[]>): void {
    this.connections = data;
    this.connectionsError = error;
    if (data && data.length > 0 && !this.selectedConnectionId) {
      this.selectedConnectionId = data[0].Id;
    }
  }

  @wire(getObjectMappings, { connectionId: '$selectedConnectionId' })
  wiredObjectMappings(result: WireResult<Record<string, unknown>[]>): void {
    this.wiredMappings = result;
    this.objectMappings = result.data?.map(draftFromRecord);
    this.mappingsError = result.error;
  }

  @wire(getLocalObjects)
  wiredLocalObjects({ data }: WireResult<{ name: string; label: string }[]>): void {
    this.localObjects = (data ?? [])
      .filter((object) => !isDeniedObject(object.name))
      .map((object) => ({ label: `${object.label} (${object.name})`, value: object.name }));
  }

  @wire(describeLocalObject, { objectName: '$sourceObject' })
  wiredSourceFields({ data, error }: WireResult<FieldInfo[]>): void {
    this.sourceFields = data;
    if (error && this.sourceObject) this.describeError = friendlyError(error);
  }

  @wire(getFieldMappings, { objectMappingId: '$editingMappingId' })
  wiredFieldMappings({ data, error }: WireResult<Record<string, unknown>[]>): void {
    if (data && this.editingMappingId) {
      this.rows = data.map(rowFromRecord);
      // A clone edits copies: the rows lose their Ids, so saving creates new field mappings.
      if (!this.draft?.id) this.rows = this.rows.map((row) => ({ ...row, id: undefined }));
    }
    if (error) this.issues = [{ message: friendlyError(error), severity: 'error' }];
  }

  // ---- states -------------------------------------------------------------------------------

  get isLoading(): boolean {
    return (
      !this.accessError &&
      (!this.access || (this.mayUse && !this.connections && !this.connectionsError))
    );
  }
  /** Admins save; analysts (S2S_Propose_Mapping_Change) propose a change for an admin to review. */
  get mayUse(): boolean {
    return !!this.access && (this.access.canAdminister || !!this.access.canProposeMappingChange);
  }
  get proposeOnly(): boolean {
    return !!this.access && !this.access.canAdminister && !!this.access.canProposeMappingChange;
  }
  get canSave(): boolean {
    return !!this.access?.canAdminister;
  }
  get isDenied(): boolean {
    return !!this.access && !this.mayUse;
  }
  get loadError(): string | undefined {
    const error = this.accessError ?? this.connectionsError ?? this.mappingsError;
    return error ? friendlyError(error) : undefined;
  }
  get ready(): boolean {
    return !this.isLoading && !this.isDenied && !this.loadError;
  }
  get noConnections(): boolean {
    return this.ready && (this.connections?.length ?? 0) === 0;
  }
  get showList(): boolean {
    return this.ready && !this.noConnections && !this.draft;
  }
  get showNewButton(): boolean {
    return this.showList && this.canSave;
  }
  get mappingsLoading(): boolean {
    return this.showList && !this.objectMappings;
  }
  get noMappings(): boolean {
    return this.showList && (this.objectMappings?.length ?? -1) === 0;
  }
  get hasMappings(): boolean {
    return this.showList && (this.objectMappings?.length ?? 0) > 0;
  }
  get connectionOptions(): { label: string; value: string }[] {
    return (this.connections ?? []).map((c) => ({ label: c.Name, value: c.Id }));
  }
  get editorTitle(): string {
    return this.draft?.id
      ? `${this.draft.sourceObject} → ${this.draft.targetObject}`
      : LABELS.newMapping;
  }
  get hasIssues(): boolean {
    return this.issues.length > 0;
  }
  get errorCount(): number {
    return this.issues.filter((issue) => issue.severity === 'error').length;
  }
  get hasErrors(): boolean {
    return this.errorCount > 0;
  }
  get summaryTitle(): string {
    return this.hasErrors ? formatLabel(LABELS.errorsTitle, this.errorCount) : LABELS.warningsTitle;
  }
  get summaryClass(): string {
    return `slds-notify slds-notify_alert slds-var-m-bottom_medium ${
      this.hasErrors ? 'slds-alert_error' : 'slds-alert_warning'
    }`;
  }
  get issueItems(): { key: number; text: string }[] {
    return this.issues.map((issue, key) => ({ key, text: issueText(issue) }));
  }

  // ---- list ---------------------------------------------------------------------------------

  handleConnectionChange(event: CustomEvent<{ value: string }>): void {
    this.selectedConnectionId = event.detail.value;
  }

  handleNew(): void {
    this.openEditor(newDraft(this.selectedConnectionId as string), []);
    this.pendingFocus = { setting: 'sourceObject' };
  }

  handleEdit(event: CustomEvent<{ id: string }>): void {
    const mapping = this.objectMappings?.find((candidate) => candidate.id === event.detail.id);
    if (!mapping) return;
    this.openEditor({ ...mapping }, []);
    this.editingMappingId = mapping.id;
    this.pendingFocus = { setting: 'sourceObject' };
  }

  handleClone(event: CustomEvent<{ id: string }>): void {
    const mapping = this.objectMappings?.find((candidate) => candidate.id === event.detail.id);
    if (!mapping) return;
    // A copy without Ids or name, inactive until saved deliberately: the same source object on the
    // same connection is refused, so the admin picks another connection or object first.
    this.openEditor({ ...mapping, id: undefined, name: undefined, active: false }, []);
    this.editingMappingId = mapping.id;
    this.pendingFocus = { setting: 'connectionId' };
  }

  async handleDeleted(): Promise<void> {
    this.focusList(undefined);
    await refreshApex(this.wiredMappings);
  }

  /** An analyst's proposal is stored: the editor closes, the mapping itself is unchanged. */
  handleProposed(): void {
    const id = this.draft?.id;
    this.closeEditor();
    this.focusList(id);
  }

  async handleImported(): Promise<void> {
    await refreshApex(this.wiredMappings);
  }

  // ---- org compare (s2sOrgCompare): from the list ({ id }) or the editor of a saved mapping ----

  get canCompare(): boolean {
    return !!this.draft?.id;
  }
  get compareTitle(): string {
    const m = this.objectMappings?.find((c) => c.id === this.compareId) ?? this.draft;
    return m ? `${m.sourceObject} → ${m.targetObject}` : '';
  }
  handleCompare(event: CustomEvent<{ id: string }>): void {
    this.compareId = event.detail?.id ?? this.draft?.id;
  }
  handleCompareApplied(event: CustomEvent<{ fieldMappingId: string; transforms: string }>): void {
    const { fieldMappingId, transforms } = event.detail;
    this.rows = this.rows.map((row) => (row.id === fieldMappingId ? { ...row, transforms } : row));
  }
  handleCompareClose(): void {
    const id = this.compareId;
    this.compareId = undefined;
    // Back to the button that opened it: the editor's, else the mapping's row in the list.
    const opener = this.template?.querySelector<HTMLElement>('[data-id="org-compare"]');
    if (opener) Promise.resolve().then(() => opener.focus());
    else this.focusList(id);
  }

  // ---- editor -------------------------------------------------------------------------------

  handleCancel(): void {
    const id = this.draft?.id ?? this.editingMappingId;
    this.closeEditor();
    this.focusList(id);
  }

  handleSettingChange(event: CustomEvent<SettingChangeDetail>): void {
    if (!this.draft) return;
    const { setting, value } = event.detail;
    this.draft = { ...this.draft, [setting]: value };
    if (setting === 'sourceObject') this.sourceObject = (value as string) || undefined;
    if (setting === 'targetObject') this.targetFields = undefined;
  }

  async handleDescribeTarget(): Promise<void> {
    if (!this.draft?.targetObject) return;
    this.describingTarget = true;
    this.describeError = undefined;
    try {
      this.targetFields = (await describeRemoteObject({
        connectionId: this.draft.connectionId,
        objectName: this.draft.targetObject
      })) as FieldInfo[];
    } catch (error) {
      this.describeError = friendlyError(error);
    } finally {
      this.describingTarget = false;
    }
  }

  handleSchedulePreview(event: CustomEvent<SchedulePreview | undefined>): void {
    this.schedulePreview = event.detail;
  }

  handleRowsChange(event: CustomEvent<{ rows: FieldRow[] }>): void {
    this.rows = event.detail.rows;
  }

  handleIssueClick(event: Event): void {
    event.preventDefault();
    const index = Number((event.currentTarget as HTMLElement).dataset.index);
    this.focusIssue(this.issues[index]);
  }

  async handleSave(): Promise<void> {
    if (!this.draft) return;
    const client = this.clientIssues();
    if (client.length > 0) {
      this.showIssues(client);
      return;
    }
    this.saving = true;
    try {
      const result = (await saveMapping({
        mapping: recordFromDraft(this.draft),
        fields: this.rows.map((row) => recordFromRow(row))
      })) as SaveResult;
      const issues = engineIssues(result);
      if (!result.success) {
        this.showIssues(issues);
        return;
      }
      if (issues.length > 0) {
        // Saved, but inactive: the admin sees why here and can fix it and save again.
        this.draft = { ...this.draft, id: result.mappingId, active: false };
        this.toast(LABELS.toastWarning, LABELS.savedInactive, 'warning');
        this.showIssues(issues);
        await refreshApex(this.wiredMappings);
        return;
      }
      this.toast(LABELS.toastSuccess, LABELS.saved, 'success');
      this.focusList(result.mappingId);
      this.closeEditor();
      await refreshApex(this.wiredMappings);
    } catch (error) {
      this.showIssues([{ message: friendlyError(error), severity: 'error' }]);
    } finally {
      this.saving = false;
    }
  }

  renderedCallback(): void {
    const pending = this.pendingFocus;
    if (!pending) return;
    if (pending.setting) {
      const settings = this.settings();
      if (settings) {
        this.pendingFocus = undefined;
        settings.focusSetting(pending.setting);
      }
    } else if (pending.list) {
      const list = this.template?.querySelector('c-s2s-mapping-list') as unknown as ListApi | null;
      const target = list ?? this.template?.querySelector<HTMLElement>('[data-id="new"]');
      if (target) {
        this.pendingFocus = undefined;
        if (list) list.focusMapping(pending.mappingId);
        else (target as HTMLElement).focus();
      }
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private openEditor(mapping: MappingDraft, rows: FieldRow[]): void {
    this.draft = mapping;
    this.rows = rows;
    this.issues = [];
    this.targetFields = undefined;
    this.describeError = undefined;
    this.schedulePreview = undefined;
    this.editingMappingId = undefined;
    this.sourceObject = mapping.sourceObject || undefined;
  }

  private closeEditor(): void {
    this.draft = undefined;
    this.editingMappingId = undefined;
    this.rows = [];
    this.issues = [];
  }

  private focusList(mappingId: string | undefined): void {
    this.pendingFocus = { list: true, mappingId };
  }

  /** Problems the browser can see before asking the engine. */
  private clientIssues(): Issue[] {
    const cronError =
      this.schedulePreview && !this.schedulePreview.valid ? this.schedulePreview.error : undefined;
    return draftIssues(
      this.draft as MappingDraft,
      this.rows,
      this.sourceFields,
      this.targetFields,
      cronError
    );
  }

  /** Shows problems on their inputs and in the summary; the focus goes to the first one. */
  private showIssues(issues: Issue[]): void {
    this.issues = issues;
    this.settings()?.showIssues(issues);
    this.table()?.showIssues(issues);
    const first = issues.find((issue) => issue.severity === 'error') ?? issues[0];
    // After the summary renders: the first problem's input, or the summary itself.
    Promise.resolve().then(() => this.focusIssue(first));
  }

  private focusIssue(issue: Issue | undefined): void {
    if (issue?.setting && this.settings()?.focusSetting(issue.setting)) return;
    const key =
      issue?.rowKey ??
      this.rows.find(
        (row) => row.targetField.trim().toLowerCase() === issue?.targetField?.toLowerCase()
      )?.key;
    if (key && this.table()) {
      this.table()?.focusRow(key);
      return;
    }
    this.template?.querySelector<HTMLElement>('[data-id="summary"]')?.focus();
  }

  private settings(): SettingsApi | null {
    return this.template?.querySelector('c-s2s-mapping-settings') as unknown as SettingsApi | null;
  }
  private table(): TableApi | null {
    return this.template?.querySelector('c-s2s-field-mapping-table') as unknown as TableApi | null;
  }

  private toast(title: string, message: string, variant: 'success' | 'warning' | 'error'): void {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }
}
