// Problems of a mapping being edited, as the editor places them: on a setting, on a field row, or
// on the mapping as a whole. What the browser can see before saving, and the controller's answer.
import { formatLabel } from 'c/s2sUtils';
import { LABELS } from './labels';
import { isDeniedObject, validateRows } from './mappingRules';
import type { FieldInfo, FieldRow, RuleError } from './mappingRules';
import { settingOf } from './schema';
import type { Issue, MappingDraft, Setting } from './schema';

/** A problem as the controller reports it: the field API name it is about, if any. */
export interface EngineIssue {
  message: string;
  severity: 'error' | 'warning';
  field?: string | null;
  targetField?: string | null;
}

/** The controller's answer to a save. */
export interface SaveResult {
  success: boolean;
  mappingId?: string;
  errors?: string[];
  issues?: EngineIssue[];
}

const RULE_MESSAGES: Record<RuleError['code'], string> = {
  targetMissing: LABELS.errorTargetMissing,
  targetUnknown: LABELS.errorTargetUnknown,
  targetDuplicate: LABELS.errorTargetDuplicate,
  sourceMissing: LABELS.errorSourceMissing,
  sourceUnknown: LABELS.errorSourceUnknown,
  transformsInvalid: LABELS.errorTransforms,
  typesIncompatible: LABELS.errorTypes
};

const SETTING_LABELS: Partial<Record<Setting, string>> = {
  connectionId: LABELS.connection,
  sourceObject: LABELS.sourceObject,
  targetObject: LABELS.targetObject,
  direction: LABELS.direction,
  triggerMode: LABELS.triggerMode,
  scheduleCron: LABELS.scheduleCron,
  filter: LABELS.filter,
  conflictPolicy: LABELS.conflictPolicy,
  deletePolicy: LABELS.deletePolicy,
  leaveFilterPolicy: LABELS.leaveFilterPolicy,
  matchField: LABELS.matchField,
  sequence: LABELS.sequence,
  ownerRule: LABELS.ownerRule,
  active: LABELS.active,
  syncFiles: LABELS.syncFiles,
  maxFileSizeKb: LABELS.maxFileSizeKb
};

/**
 * Everything the browser can see that the engine would refuse: required settings, denied objects,
 * a cron the controller already said is not valid, and the rows' problems (mappingRules).
 */
export function draftIssues(
  draft: MappingDraft,
  rows: FieldRow[],
  sourceFields: FieldInfo[] | undefined,
  targetFields: FieldInfo[] | undefined,
  cronError: string | undefined
): Issue[] {
  const issues: Issue[] = [];
  const error = (setting: Setting, message: string): void => {
    issues.push({ setting, message, severity: 'error' });
  };
  const required = (setting: Setting, label: string): void =>
    error(setting, formatLabel(LABELS.errorRequired, label));
  if (!draft.connectionId) required('connectionId', LABELS.connection);
  for (const setting of ['sourceObject', 'targetObject'] as const) {
    const value = draft[setting].trim();
    if (!value) required(setting, SETTING_LABELS[setting] as string);
    else if (isDeniedObject(value)) error(setting, formatLabel(LABELS.errorDeniedObject, value));
  }
  if (draft.triggerMode === 'Scheduled') {
    if (!draft.scheduleCron.trim()) required('scheduleCron', LABELS.scheduleCron);
    else if (cronError) error('scheduleCron', cronError);
  }
  for (const problem of validateRows(rows, sourceFields, targetFields)) {
    issues.push({
      message: formatLabel(RULE_MESSAGES[problem.code], problem.field, problem.detail),
      severity: 'error',
      rowKey: problem.rowKey,
      targetField: problem.field.startsWith('#') ? undefined : problem.field
    });
  }
  return issues;
}

/** The controller's answer as issues placed on settings and rows. */
export function engineIssues(result: SaveResult): Issue[] {
  if (result.issues && result.issues.length > 0) {
    return result.issues.map((issue) => ({
      message: issue.message,
      severity: issue.severity === 'warning' ? 'warning' : 'error',
      setting: settingOf(issue.field),
      targetField: issue.targetField ?? undefined
    }));
  }
  return (result.errors ?? []).map((message) => ({ message, severity: 'error' }));
}

/** The summary's text for an issue: the setting it is about, then the problem. */
export function issueText(issue: Issue): string {
  const about = issue.setting ? SETTING_LABELS[issue.setting] : undefined;
  return about ? `${about}: ${issue.message}` : issue.message;
}
