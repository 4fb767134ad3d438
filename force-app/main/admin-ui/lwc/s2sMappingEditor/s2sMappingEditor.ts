// Mapping editor: the object mappings of a connection (s2sMappingList), one mapping edited at a
// time (s2sMappingSettings, s2sFieldMappingTable, s2sMappingPreview) with Save, Cancel and Compare
// with peer in a docked footer, the org compare (s2sOrgCompare: of a saved mapping from the list,
// of the mapping as edited from the editor, before it is saved), and the configuration's export
// and import (s2sConfigTransfer). This component holds the state and talks to the controller; its
// children show it and report edits; editorView.ts decides which part of the screen shows,
// saveFlow.ts saves, issueSummary.ts words the problems. Problems are shown on the input they are
// about and listed in a summary above the form whose links move the focus to each; the focus goes
// to the first one after a refused save.
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
import { friendlyError } from 'c/s2sUtils';
import type { Access, WireResult } from 'c/s2sUtils';
import {
  LABELS,
  draftFromRecord,
  draftIssues,
  isDeniedObject,
  newDraft,
  rowFromRecord
} from 'c/s2sMappingModel';
import type { FieldInfo, FieldRow, Issue, MappingDraft } from 'c/s2sMappingModel';
import type { SchedulePreview, SettingChangeDetail } from 'c/s2sMappingSettings';
import { editorView } from './editorView';
import type { EditorView } from './editorView';
import { firstIssue, issueSummary } from './issueSummary';
import type { IssueSummary } from './issueSummary';
import { saveDraft } from './saveFlow';
import { focusIssue, focusPending, markIssues } from './editorFocus';
import type { PendingFocus } from './editorFocus';

interface Connection {
  Id: string;
  Name: string;
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
  /** The saved mapping the org compare is open on (from the list). */
  compareId?: string;
  /** The org compare is open on the mapping as edited (from the editor). */
  comparingDraft = false;
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
  private pendingFocus?: PendingFocus;

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

  get view(): EditorView {
    return editorView({
      access: this.access,
      accessError: this.accessError,
      connections: this.connections,
      connectionsError: this.connectionsError,
      mappings: this.objectMappings,
      mappingsError: this.mappingsError,
      editing: !!this.draft
    });
  }
  get connectionOptions(): { label: string; value: string }[] {
    return (this.connections ?? []).map((c) => ({ label: c.Name, value: c.Id }));
  }
  get editorTitle(): string {
    return this.draft?.id
      ? `${this.draft.sourceObject} → ${this.draft.targetObject}`
      : LABELS.newMapping;
  }
  get summary(): IssueSummary {
    return issueSummary(this.issues);
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

  // ---- org compare (s2sOrgCompare): a saved mapping from the list ({ id }), or the mapping as
  // edited from the editor (its settings and rows, saved or not: compared before a save) ---------

  get showCompare(): boolean {
    return !!this.compareId || this.comparingDraft;
  }
  get compareTitle(): string {
    const m = this.comparingDraft
      ? this.draft
      : this.objectMappings?.find((c) => c.id === this.compareId);
    return m ? `${m.sourceObject} → ${m.targetObject}`.trim() : '';
  }
  handleCompare(event: CustomEvent<{ id: string }>): void {
    this.compareId = event.detail.id;
  }
  handleCompareDraft(): void {
    this.comparingDraft = true;
  }
  /** A fix applied in the compare shows in the row it is about (one row per target field). */
  handleCompareApplied(event: CustomEvent<{ targetField?: string; transforms: string }>): void {
    const { targetField, transforms } = event.detail;
    const name = targetField?.toLowerCase();
    this.rows = this.rows.map((row) => {
      return row.targetField.trim().toLowerCase() === name ? { ...row, transforms } : row;
    });
  }
  handleCompareClose(): void {
    const id = this.compareId;
    this.compareId = undefined;
    this.comparingDraft = false;
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
    const outcome = await saveDraft(this.draft, this.rows);
    try {
      if (outcome.kind === 'refused') {
        this.showIssues(outcome.issues);
      } else if (outcome.kind === 'inactive') {
        // Saved, but inactive: the admin sees why here and can fix it and save again.
        this.draft = { ...this.draft, id: outcome.mappingId, active: false };
        this.toast(LABELS.toastWarning, LABELS.savedInactive, 'warning');
        this.showIssues(outcome.issues);
        await refreshApex(this.wiredMappings);
      } else {
        this.toast(LABELS.toastSuccess, LABELS.saved, 'success');
        this.focusList(outcome.mappingId);
        this.closeEditor();
        await refreshApex(this.wiredMappings);
      }
    } finally {
      this.saving = false;
    }
  }

  renderedCallback(): void {
    if (this.pendingFocus && focusPending(this.template, this.pendingFocus)) {
      this.pendingFocus = undefined;
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
    markIssues(this.template, issues);
    // After the summary renders: the first problem's input, or the summary itself.
    Promise.resolve().then(() => this.focusIssue(firstIssue(issues)));
  }

  private focusIssue(issue: Issue | undefined): void {
    focusIssue(this.template, issue, this.rows);
  }

  private toast(title: string, message: string, variant: 'success' | 'warning' | 'error'): void {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }
}
