// Mapping editor: object mappings of a connection, their field mappings with type compatibility,
// transforms, filters and policies, a preview on a real record, and configuration import/export.
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
import previewMapping from '@salesforce/apex/S2SMappingController.previewMapping';
import exportConfiguration from '@salesforce/apex/S2SMappingController.exportConfiguration';
import importConfiguration from '@salesforce/apex/S2SMappingController.importConfiguration';
import { errorText, formatLabel, downloadText } from 'c/s2sUtils';
import { chainSummary } from 'c/s2sTransformChainEditor';
import type { ChainChangeDetail } from 'c/s2sTransformChainEditor';
import {
  autoMap,
  compatibility,
  isDeniedObject,
  newRowKey,
  transformsError,
  validateRows
} from './mappingRules';
import type { FieldInfo, FieldRow, RuleError } from './mappingRules';
import { LABELS, OPTIONS } from './labels';

interface Access {
  canAdminister: boolean;
}
interface WireResult<T> {
  data?: T;
  error?: unknown;
}
interface Connection {
  Id: string;
  Name: string;
}
/** An object mapping record as the controller reads and saves it. */
export interface ObjectMapping {
  Id?: string;
  Connection__c: string;
  Source_Object__c: string;
  Target_Object__c: string;
  Direction__c: string;
  Trigger_Mode__c: string;
  Schedule_Cron__c?: string | null;
  Filter__c?: string | null;
  Conflict_Policy__c: string;
  Delete_Policy__c: string;
  Leave_Filter_Policy__c?: string | null;
  Match_Field__c?: string | null;
  Sequence__c?: number | null;
  Owner_Rule__c: string;
  Active__c: boolean;
}
interface FieldMappingRecord {
  Id?: string;
  Source_Field__c?: string | null;
  Source_Expression__c?: string | null;
  Target_Field__c: string;
  Transforms__c?: string | null;
  Sensitive__c?: boolean;
  Active__c?: boolean;
}
interface SaveResult {
  success: boolean;
  mappingId?: string;
  errors?: string[];
}
interface ImportResult {
  success: boolean;
  errors?: string[];
  connections?: number;
  objectMappings?: number;
  fieldMappings?: number;
}
/** A row of the field table with what the template shows. */
interface RowView extends FieldRow {
  compatibilityLabel: string;
  compatibilityClass: string;
  targetLabel: string;
  transformsSummary: string;
  transformsInvalid: boolean;
  transformsOpen: boolean;
  transformsToggleLabel: string;
  transformsToggleIcon: string;
  editorKey: string;
}

const NUMBER_SETTINGS = new Set(['Sequence__c']);
const RULE_MESSAGES: Record<RuleError['code'], string> = {
  targetMissing: LABELS.errorTargetMissing,
  targetUnknown: LABELS.errorTargetUnknown,
  targetDuplicate: LABELS.errorTargetDuplicate,
  sourceMissing: LABELS.errorSourceMissing,
  sourceUnknown: LABELS.errorSourceUnknown,
  transformsInvalid: LABELS.errorTransforms,
  typesIncompatible: LABELS.errorTypes
};

export default class S2sMappingEditor extends LightningElement {
  /** Connection to open first (App Builder); the admin can switch. */
  @api connectionId?: string;
  /** On a connection's record page, the connection to edit. */
  @api recordId?: string;
  /** Card title, set in App Builder. */
  @api cardTitle: string = LABELS.title;

  labels = LABELS;
  options = OPTIONS;

  access?: Access;
  accessError?: unknown;
  connections?: Connection[];
  connectionsError?: unknown;
  selectedConnectionId?: string;
  objectMappings?: ObjectMapping[];
  mappingsError?: unknown;
  localObjects: { label: string; value: string }[] = [];

  draft?: ObjectMapping;
  editingMappingId?: string;
  rows: FieldRow[] = [];
  sourceObject?: string;
  sourceFields?: FieldInfo[];
  targetFields?: FieldInfo[];
  describingTarget = false;
  describeError?: string;
  errors: string[] = [];
  saving = false;
  /** The row whose transform chain editor is open, below it across the table. */
  openTransformsKey?: string;

  sampleRecordId = '';
  previewing = false;
  preview?: { field: string; value: string }[];
  previewFilterPassed?: boolean;
  previewError?: string;

  importText = '';
  importing = false;
  importMessage?: string;
  importErrors: string[] = [];

  private wiredMappings?: WireResult<ObjectMapping[]>;

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
  wiredObjectMappings(result: WireResult<ObjectMapping[]>): void {
    this.wiredMappings = result;
    this.objectMappings = result.data;
    this.mappingsError = result.error;
  }

  @wire(getLocalObjects)
  wiredLocalObjects({ data }: WireResult<{ name: string; label: string }[]>): void {
    this.localObjects = (data ?? [])
      .filter((object) => !isDeniedObject(object.name))
      .map((object) => ({
        label: `${object.label} (${object.name})`,
        value: object.name
      }));
  }

  @wire(describeLocalObject, { objectName: '$sourceObject' })
  wiredSourceFields({ data, error }: WireResult<FieldInfo[]>): void {
    this.sourceFields = data;
    if (error && this.sourceObject) this.describeError = errorText(error);
  }

  @wire(getFieldMappings, { objectMappingId: '$editingMappingId' })
  wiredFieldMappings({ data, error }: WireResult<FieldMappingRecord[]>): void {
    if (data && this.editingMappingId) {
      this.rows = data.map((record) => ({
        key: record.Id ?? newRowKey(),
        id: record.Id,
        sourceField: record.Source_Field__c ?? '',
        sourceExpression: record.Source_Expression__c ?? '',
        targetField: record.Target_Field__c,
        transforms: record.Transforms__c ?? '',
        sensitive: !!record.Sensitive__c,
        active: record.Active__c !== false
      }));
    }
    if (error) this.errors = [errorText(error)];
  }

  // ---- states -------------------------------------------------------------------------------

  get isLoading(): boolean {
    return (
      !this.accessError &&
      (!this.access || (this.access.canAdminister && !this.connections && !this.connectionsError))
    );
  }
  get isDenied(): boolean {
    return !!this.access && !this.access.canAdminister;
  }
  get loadError(): string | undefined {
    const error = this.accessError ?? this.connectionsError ?? this.mappingsError;
    return error ? errorText(error) : undefined;
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
    return (this.connections ?? []).map((connection) => ({
      label: connection.Name,
      value: connection.Id
    }));
  }
  get mappingItems(): (ObjectMapping & { title: string; triggerLabel: string })[] {
    return (this.objectMappings ?? []).map((mapping) => ({
      ...mapping,
      title: `${mapping.Source_Object__c} → ${mapping.Target_Object__c}`,
      triggerLabel:
        OPTIONS.triggerMode.find((option) => option.value === mapping.Trigger_Mode__c)?.label ??
        mapping.Trigger_Mode__c
    }));
  }

  // ---- field table --------------------------------------------------------------------------

  get sourceFieldOptions(): { label: string; value: string }[] {
    return (this.sourceFields ?? []).map((field) => ({
      label: `${field.label} (${field.name})`,
      value: field.name
    }));
  }
  get targetFieldOptions(): { label: string; value: string }[] {
    return (this.targetFields ?? [])
      .filter((field) => field.updateable !== false)
      .map((field) => ({ label: `${field.label} (${field.name})`, value: field.name }));
  }
  get hasTargetDescribe(): boolean {
    return !!this.targetFields;
  }
  get hasRows(): boolean {
    return this.rows.length > 0;
  }
  get cannotAutoMap(): boolean {
    return !this.sourceFields || !this.targetFields;
  }
  get rowViews(): RowView[] {
    const sources = new Map(
      (this.sourceFields ?? []).map((field) => [field.name.toLowerCase(), field])
    );
    const targets = new Map(
      (this.targetFields ?? []).map((field) => [field.name.toLowerCase(), field])
    );
    return this.rows.map((row) => {
      const source = sources.get(row.sourceField.toLowerCase());
      const target = targets.get(row.targetField.toLowerCase());
      const state = compatibility(source?.type, target?.type);
      const targetLabel = row.targetField || LABELS.newField;
      const open = row.key === this.openTransformsKey;
      return {
        ...row,
        compatibilityLabel: LABELS[`compat_${state}` as const],
        compatibilityClass: `slds-badge s2s-compat_${state}`,
        targetLabel,
        transformsSummary: chainSummary(row.transforms),
        transformsInvalid: !!(transformsError(row.transforms) ?? row.transformsEditorError),
        transformsOpen: open,
        transformsToggleLabel: formatLabel(
          open ? LABELS.closeTransforms : LABELS.editTransforms,
          targetLabel
        ),
        transformsToggleIcon: open ? 'utility:chevronup' : 'utility:edit',
        editorKey: `${row.key}-transforms`
      };
    });
  }
  get isScheduled(): boolean {
    return this.draft?.Trigger_Mode__c === 'Scheduled';
  }
  get hasErrors(): boolean {
    return this.errors.length > 0;
  }
  get editorTitle(): string {
    return this.draft?.Id
      ? `${this.draft.Source_Object__c} → ${this.draft.Target_Object__c}`
      : LABELS.newMapping;
  }
  get hasPreview(): boolean {
    return !!this.preview;
  }
  get filterLabel(): string {
    return this.previewFilterPassed ? LABELS.filterPassed : LABELS.filterFailed;
  }
  get filterClass(): string {
    return this.previewFilterPassed ? 'slds-text-color_success' : 'slds-text-color_error';
  }
  get cannotPreview(): boolean {
    return this.previewing || !this.sampleRecordId.trim() || !this.draft?.Source_Object__c;
  }
  get errorItems(): { key: number; message: string }[] {
    return this.errors.map((message, key) => ({ key, message }));
  }
  get importErrorItems(): { key: number; message: string }[] {
    return this.importErrors.map((message, key) => ({ key, message }));
  }
  get hasImportErrors(): boolean {
    return this.importErrors.length > 0;
  }

  // ---- handlers -----------------------------------------------------------------------------

  handleConnectionChange(event: CustomEvent<{ value: string }>): void {
    this.selectedConnectionId = event.detail.value;
  }

  handleNew(): void {
    this.openEditor({
      Connection__c: this.selectedConnectionId as string,
      Source_Object__c: '',
      Target_Object__c: '',
      Direction__c: 'Outbound',
      Trigger_Mode__c: 'Realtime_Trigger',
      Conflict_Policy__c: 'Source_Wins',
      Delete_Policy__c: 'Ignore',
      Leave_Filter_Policy__c: 'Ignore',
      Owner_Rule__c: 'Keep_Default',
      Active__c: true
    });
    this.rows = [];
  }

  handleEdit(event: Event): void {
    const id = (event.currentTarget as HTMLElement).dataset.id;
    const mapping = this.objectMappings?.find((candidate) => candidate.Id === id);
    if (!mapping) return;
    this.openEditor({ ...mapping });
    this.editingMappingId = mapping.Id;
    this.sourceObject = mapping.Source_Object__c;
  }

  handleCancel(): void {
    this.draft = undefined;
    this.openTransformsKey = undefined;
    this.editingMappingId = undefined;
    this.rows = [];
  }

  handleSettingChange(event: CustomEvent<{ value?: unknown; checked?: boolean }>): void {
    const target = event.target as HTMLElement & { dataset: DOMStringMap; type?: string };
    const setting = target.dataset.setting as keyof ObjectMapping;
    if (!this.draft || !setting) return;
    let value: unknown = target.type === 'checkbox' ? event.detail.checked : event.detail.value;
    if (NUMBER_SETTINGS.has(setting)) value = value === '' || value == null ? null : Number(value);
    this.draft = { ...this.draft, [setting]: value };
    if (setting === 'Source_Object__c') this.sourceObject = value as string;
    if (setting === 'Target_Object__c') this.targetFields = undefined;
  }

  async handleDescribeTarget(): Promise<void> {
    if (!this.draft?.Target_Object__c) return;
    this.describingTarget = true;
    this.describeError = undefined;
    try {
      this.targetFields = (await describeRemoteObject({
        connectionId: this.draft.Connection__c,
        objectName: this.draft.Target_Object__c
      })) as FieldInfo[];
    } catch (error) {
      this.describeError = errorText(error);
    } finally {
      this.describingTarget = false;
    }
  }

  handleAutoMap(): void {
    this.rows = [
      ...this.rows,
      ...autoMap(this.sourceFields ?? [], this.targetFields ?? [], this.rows)
    ];
  }

  handleAddRow(): void {
    this.rows = [
      ...this.rows,
      {
        key: newRowKey(),
        sourceField: '',
        sourceExpression: '',
        targetField: '',
        transforms: '',
        sensitive: false,
        active: true
      }
    ];
  }

  handleToggleTransforms(event: Event): void {
    const key = (event.currentTarget as HTMLElement).dataset.key;
    this.openTransformsKey = this.openTransformsKey === key ? undefined : key;
  }

  handleTransformsChange(event: CustomEvent<ChainChangeDetail>): void {
    const key = (event.currentTarget as HTMLElement).dataset.key;
    const { value, error } = event.detail;
    this.rows = this.rows.map((row) => {
      return row.key === key ? { ...row, transforms: value, transformsEditorError: error } : row;
    });
  }

  handleRemoveRow(event: Event): void {
    const key = (event.currentTarget as HTMLElement).dataset.key;
    this.rows = this.rows.filter((row) => row.key !== key);
  }

  handleRowChange(event: CustomEvent<{ value?: string; checked?: boolean }>): void {
    const target = event.target as HTMLElement & { dataset: DOMStringMap; type?: string };
    const { key, prop } = target.dataset;
    const value = target.type === 'checkbox' ? event.detail.checked : (event.detail.value ?? '');
    this.rows = this.rows.map((row) => {
      return row.key === key ? { ...row, [prop as string]: value } : row;
    });
  }

  async handleSave(): Promise<void> {
    if (!this.draft) return;
    this.errors = this.clientErrors();
    if (this.errors.length > 0) return;
    this.saving = true;
    try {
      const result = (await saveMapping({
        mapping: this.draft,
        fields: this.fieldRecords()
      })) as SaveResult;
      if (!result.success) {
        this.errors = result.errors ?? [];
        return;
      }
      this.dispatchEvent(
        new ShowToastEvent({
          title: LABELS.toastSuccess,
          message: LABELS.saved,
          variant: 'success'
        })
      );
      this.handleCancel();
      await refreshApex(this.wiredMappings);
    } catch (error) {
      this.errors = [errorText(error)];
    } finally {
      this.saving = false;
    }
  }

  handleSampleChange(event: CustomEvent<{ value: string }>): void {
    this.sampleRecordId = event.detail.value ?? '';
  }

  async handlePreview(): Promise<void> {
    if (!this.draft) return;
    this.previewing = true;
    this.previewError = undefined;
    this.preview = undefined;
    try {
      const result = (await previewMapping({
        mapping: this.draft,
        fields: this.fieldRecords(),
        sampleRecordId: this.sampleRecordId.trim()
      })) as Record<string, unknown>;
      this.previewFilterPassed = result.__filterPassed !== false;
      this.preview = Object.keys(result)
        .filter((field) => field !== '__filterPassed')
        .sort()
        .map((field) => ({
          field,
          value: result[field] === null || result[field] === undefined ? '' : String(result[field])
        }));
    } catch (error) {
      this.previewError = errorText(error);
    } finally {
      this.previewing = false;
    }
  }

  async handleExport(): Promise<void> {
    try {
      const json = (await exportConfiguration()) as string;
      downloadText('s2s-configuration.json', 'application/json', json);
    } catch (error) {
      this.dispatchEvent(
        new ShowToastEvent({
          title: LABELS.toastError,
          message: errorText(error),
          variant: 'error'
        })
      );
    }
  }

  handleImportText(event: CustomEvent<{ value: string }>): void {
    this.importText = event.detail.value ?? '';
  }

  async handleImport(): Promise<void> {
    this.importing = true;
    this.importMessage = undefined;
    this.importErrors = [];
    try {
      const result = (await importConfiguration({
        configurationJson: this.importText
      })) as ImportResult;
      if (result.success) {
        this.importMessage = formatLabel(
          LABELS.imported,
          result.connections,
          result.objectMappings,
          result.fieldMappings
        );
        await refreshApex(this.wiredMappings);
      } else {
        this.importErrors = result.errors ?? [];
      }
    } catch (error) {
      this.importErrors = [errorText(error)];
    } finally {
      this.importing = false;
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private openEditor(mapping: ObjectMapping): void {
    this.draft = mapping;
    this.errors = [];
    this.preview = undefined;
    this.previewError = undefined;
    this.targetFields = undefined;
    this.describeError = undefined;
    this.sourceObject = mapping.Source_Object__c || undefined;
  }

  private clientErrors(): string[] {
    const draft = this.draft as ObjectMapping;
    const errors: string[] = [];
    if (!draft.Source_Object__c)
      errors.push(formatLabel(LABELS.errorRequired, LABELS.sourceObject));
    if (!draft.Target_Object__c)
      errors.push(formatLabel(LABELS.errorRequired, LABELS.targetObject));
    for (const objectName of [draft.Source_Object__c, draft.Target_Object__c]) {
      if (isDeniedObject(objectName))
        errors.push(formatLabel(LABELS.errorDeniedObject, objectName));
    }
    if (draft.Trigger_Mode__c === 'Scheduled' && !draft.Schedule_Cron__c?.trim()) {
      errors.push(formatLabel(LABELS.errorRequired, LABELS.scheduleCron));
    }
    for (const problem of validateRows(this.rows, this.sourceFields, this.targetFields)) {
      errors.push(formatLabel(RULE_MESSAGES[problem.code], problem.field, problem.detail));
    }
    return errors;
  }

  private fieldRecords(): FieldMappingRecord[] {
    return this.rows.map((row) => ({
      ...(row.id ? { Id: row.id } : {}),
      Source_Field__c: row.sourceField || null,
      Source_Expression__c: row.sourceExpression || null,
      Target_Field__c: row.targetField.trim(),
      Transforms__c: row.transforms.trim() || null,
      Sensitive__c: row.sensitive,
      Active__c: row.active
    }));
  }
}
