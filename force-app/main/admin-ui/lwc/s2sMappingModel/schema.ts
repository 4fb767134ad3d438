// Mapping and field mapping records as the editor holds them, with their field API names from
// @salesforce/schema imports (namespaced once installed).
import MAPPING_NAME from '@salesforce/schema/S2S_Object_Mapping__c.Name';
import CONNECTION from '@salesforce/schema/S2S_Object_Mapping__c.Connection__c';
import SOURCE_OBJECT from '@salesforce/schema/S2S_Object_Mapping__c.Source_Object__c';
import TARGET_OBJECT from '@salesforce/schema/S2S_Object_Mapping__c.Target_Object__c';
import DIRECTION from '@salesforce/schema/S2S_Object_Mapping__c.Direction__c';
import TRIGGER_MODE from '@salesforce/schema/S2S_Object_Mapping__c.Trigger_Mode__c';
import SCHEDULE_CRON from '@salesforce/schema/S2S_Object_Mapping__c.Schedule_Cron__c';
import FILTER from '@salesforce/schema/S2S_Object_Mapping__c.Filter__c';
import CONFLICT_POLICY from '@salesforce/schema/S2S_Object_Mapping__c.Conflict_Policy__c';
import DELETE_POLICY from '@salesforce/schema/S2S_Object_Mapping__c.Delete_Policy__c';
import LEAVE_FILTER_POLICY from '@salesforce/schema/S2S_Object_Mapping__c.Leave_Filter_Policy__c';
import MATCH_FIELD from '@salesforce/schema/S2S_Object_Mapping__c.Match_Field__c';
import SEQUENCE from '@salesforce/schema/S2S_Object_Mapping__c.Sequence__c';
import OWNER_RULE from '@salesforce/schema/S2S_Object_Mapping__c.Owner_Rule__c';
import MAPPING_ACTIVE from '@salesforce/schema/S2S_Object_Mapping__c.Active__c';
import SYNC_FILES from '@salesforce/schema/S2S_Object_Mapping__c.Sync_Files__c';
import MAX_FILE_SIZE from '@salesforce/schema/S2S_Object_Mapping__c.Max_File_Size_KB__c';
import SOURCE_FIELD from '@salesforce/schema/S2S_Field_Mapping__c.Source_Field__c';
import SOURCE_EXPRESSION from '@salesforce/schema/S2S_Field_Mapping__c.Source_Expression__c';
import TARGET_FIELD from '@salesforce/schema/S2S_Field_Mapping__c.Target_Field__c';
import TRANSFORMS from '@salesforce/schema/S2S_Field_Mapping__c.Transforms__c';
import SENSITIVE from '@salesforce/schema/S2S_Field_Mapping__c.Sensitive__c';
import FIELD_ACTIVE from '@salesforce/schema/S2S_Field_Mapping__c.Active__c';
import { newRowKey } from './mappingRules';
import type { FieldRow } from './mappingRules';

/** An object mapping as the editor holds it; `id` is unset for a new one. */
/** Size limit of a file when Max_File_Size_KB__c is blank: S2SFileLimits.DEFAULT_KB (kept equal by scripts/__tests__/file-limits.test.mjs). */
export const FILE_SIZE_DEFAULT_KB = 1024;
/** The highest Max_File_Size_KB__c (S2SFileLimits.CEILING_KB): what the receiver's 6 MB request and heap allow. */
export const FILE_SIZE_CEILING_KB = 1536;

export interface MappingDraft {
  id?: string;
  name?: string;
  connectionId: string;
  sourceObject: string;
  targetObject: string;
  direction: string;
  triggerMode: string;
  scheduleCron: string;
  filter: string;
  conflictPolicy: string;
  deletePolicy: string;
  leaveFilterPolicy: string;
  matchField: string;
  sequence: number | null;
  ownerRule: string;
  active: boolean;
  /** Sync_Files__c: the records' files travel too (docs/configuration.md, Files) */
  syncFiles: boolean;
  /** Max_File_Size_KB__c: blank means FILE_SIZE_DEFAULT_KB, at most FILE_SIZE_CEILING_KB */
  maxFileSizeKb: number | null;
}

/** A setting of the mapping the settings form edits (a key of MappingDraft). */
export type Setting = Exclude<keyof MappingDraft, 'id' | 'name'>;

/** A problem the engine or the browser found, placed on the setting or row it is about. */
export interface Issue {
  message: string;
  severity: 'error' | 'warning';
  /** The mapping setting it is about, if any. */
  setting?: Setting;
  /** The target field of the row it is about, if any. */
  targetField?: string;
  /** The row it is about, when the browser found it (a row may have no target field yet). */
  rowKey?: string;
}

const fieldName = (reference: { fieldApiName?: string }): string => reference.fieldApiName ?? '';

/** Each setting with the API name of its field (namespaced once installed). */
export const MAPPING_FIELDS: Record<Setting | 'name', string> = {
  name: fieldName(MAPPING_NAME),
  connectionId: fieldName(CONNECTION),
  sourceObject: fieldName(SOURCE_OBJECT),
  targetObject: fieldName(TARGET_OBJECT),
  direction: fieldName(DIRECTION),
  triggerMode: fieldName(TRIGGER_MODE),
  scheduleCron: fieldName(SCHEDULE_CRON),
  filter: fieldName(FILTER),
  conflictPolicy: fieldName(CONFLICT_POLICY),
  deletePolicy: fieldName(DELETE_POLICY),
  leaveFilterPolicy: fieldName(LEAVE_FILTER_POLICY),
  matchField: fieldName(MATCH_FIELD),
  sequence: fieldName(SEQUENCE),
  ownerRule: fieldName(OWNER_RULE),
  active: fieldName(MAPPING_ACTIVE),
  syncFiles: fieldName(SYNC_FILES),
  maxFileSizeKb: fieldName(MAX_FILE_SIZE)
};

const FIELD_MAPPING_FIELDS = {
  sourceField: fieldName(SOURCE_FIELD),
  sourceExpression: fieldName(SOURCE_EXPRESSION),
  targetField: fieldName(TARGET_FIELD),
  transforms: fieldName(TRANSFORMS),
  sensitive: fieldName(SENSITIVE),
  active: fieldName(FIELD_ACTIVE)
};

type SObjectRecord = Record<string, unknown>;

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}
const blankToNull = (value: string): string | null => (value.trim() ? value.trim() : null);

/** The settings a new mapping starts with. */
export function newDraft(connectionId: string): MappingDraft {
  return {
    connectionId,
    sourceObject: '',
    targetObject: '',
    direction: 'Outbound',
    triggerMode: 'Realtime_Trigger',
    scheduleCron: '',
    filter: '',
    conflictPolicy: 'Source_Wins',
    deletePolicy: 'Ignore',
    leaveFilterPolicy: 'Ignore',
    matchField: '',
    sequence: null,
    ownerRule: 'Keep_Default',
    active: true,
    syncFiles: false,
    maxFileSizeKb: null
  };
}

/** A mapping record of the controller as a draft. */
export function draftFromRecord(record: SObjectRecord): MappingDraft {
  const value = (setting: Setting | 'name'): unknown => record[MAPPING_FIELDS[setting]];
  const sequence = value('sequence');
  const maxFileSizeKb = value('maxFileSizeKb');
  return {
    id: record.Id as string | undefined,
    name: text(value('name')) || undefined,
    connectionId: text(value('connectionId')),
    sourceObject: text(value('sourceObject')),
    targetObject: text(value('targetObject')),
    direction: text(value('direction')),
    triggerMode: text(value('triggerMode')),
    scheduleCron: text(value('scheduleCron')),
    filter: text(value('filter')),
    conflictPolicy: text(value('conflictPolicy')),
    deletePolicy: text(value('deletePolicy')),
    leaveFilterPolicy: text(value('leaveFilterPolicy')) || 'Ignore',
    matchField: text(value('matchField')),
    sequence: sequence === null || sequence === undefined ? null : Number(sequence),
    ownerRule: text(value('ownerRule')),
    active: value('active') === true,
    syncFiles: value('syncFiles') === true,
    maxFileSizeKb:
      maxFileSizeKb === null || maxFileSizeKb === undefined ? null : Number(maxFileSizeKb)
  };
}

/** A draft as the record the controller saves (blank text as null). */
export function recordFromDraft(draft: MappingDraft): SObjectRecord {
  const record: SObjectRecord = draft.id ? { Id: draft.id } : {};
  if (draft.name) record[MAPPING_FIELDS.name] = draft.name;
  record[MAPPING_FIELDS.connectionId] = draft.connectionId;
  record[MAPPING_FIELDS.sourceObject] = draft.sourceObject.trim();
  record[MAPPING_FIELDS.targetObject] = draft.targetObject.trim();
  record[MAPPING_FIELDS.direction] = draft.direction;
  record[MAPPING_FIELDS.triggerMode] = draft.triggerMode;
  record[MAPPING_FIELDS.scheduleCron] = blankToNull(draft.scheduleCron);
  record[MAPPING_FIELDS.filter] = blankToNull(draft.filter);
  record[MAPPING_FIELDS.conflictPolicy] = draft.conflictPolicy;
  record[MAPPING_FIELDS.deletePolicy] = draft.deletePolicy;
  record[MAPPING_FIELDS.leaveFilterPolicy] = draft.leaveFilterPolicy;
  record[MAPPING_FIELDS.matchField] = blankToNull(draft.matchField);
  record[MAPPING_FIELDS.sequence] = draft.sequence;
  record[MAPPING_FIELDS.ownerRule] = draft.ownerRule;
  record[MAPPING_FIELDS.active] = draft.active;
  record[MAPPING_FIELDS.syncFiles] = draft.syncFiles;
  record[MAPPING_FIELDS.maxFileSizeKb] = draft.maxFileSizeKb;
  return record;
}

/** A field mapping record of the controller as a row of the table. */
export function rowFromRecord(record: SObjectRecord): FieldRow {
  const value = (field: keyof typeof FIELD_MAPPING_FIELDS): unknown =>
    record[FIELD_MAPPING_FIELDS[field]];
  return {
    key: (record.Id as string | undefined) ?? newRowKey(),
    id: record.Id as string | undefined,
    sourceField: text(value('sourceField')),
    sourceExpression: text(value('sourceExpression')),
    targetField: text(value('targetField')),
    transforms: text(value('transforms')),
    sensitive: value('sensitive') === true,
    active: value('active') !== false
  };
}

/** A row as the field mapping record the controller saves. */
export function recordFromRow(row: FieldRow, keepId = true): SObjectRecord {
  const record: SObjectRecord = keepId && row.id ? { Id: row.id } : {};
  record[FIELD_MAPPING_FIELDS.sourceField] = row.sourceField || null;
  record[FIELD_MAPPING_FIELDS.sourceExpression] = row.sourceExpression || null;
  record[FIELD_MAPPING_FIELDS.targetField] = row.targetField.trim();
  record[FIELD_MAPPING_FIELDS.transforms] = row.transforms.trim() || null;
  record[FIELD_MAPPING_FIELDS.sensitive] = row.sensitive;
  record[FIELD_MAPPING_FIELDS.active] = row.active;
  return record;
}

/** The setting an engine issue names by field API name (namespace or not), if it is one. */
export function settingOf(apiName: string | null | undefined): Setting | undefined {
  if (!apiName) return undefined;
  const bare = (name: string): string =>
    name.replace(/^[A-Za-z0-9]+__(?=.+__c$)/, '').toLowerCase();
  const wanted = bare(apiName);
  return (Object.keys(MAPPING_FIELDS) as (Setting | 'name')[]).find(
    (setting) => setting !== 'name' && bare(MAPPING_FIELDS[setting]) === wanted
  ) as Setting | undefined;
}
