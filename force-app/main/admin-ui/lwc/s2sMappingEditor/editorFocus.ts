// Where the mapping editor puts the focus and its problems, through the children's public
// methods: problems marked on the settings and rows they are about, the focus moved to one of
// them (else to the summary), and the focus a render was asked for (a setting after New mapping
// or Edit, the list or New mapping after the editor closes).
import type { FieldRow, Issue, Setting } from 'c/s2sMappingModel';

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

/** The focus a render should move: a setting, or the list (a mapping's row) after the editor. */
export interface PendingFocus {
  setting?: Setting;
  mappingId?: string;
  list?: boolean;
}

const settingsOf = (root: ParentNode | null | undefined): SettingsApi | null =>
  root?.querySelector('c-s2s-mapping-settings') as unknown as SettingsApi | null;
const tableOf = (root: ParentNode | null | undefined): TableApi | null =>
  root?.querySelector('c-s2s-field-mapping-table') as unknown as TableApi | null;

/** Marks each problem on its setting and row. */
export function markIssues(root: ParentNode | null | undefined, issues: Issue[]): void {
  settingsOf(root)?.showIssues(issues);
  tableOf(root)?.showIssues(issues);
}

/** Moves the focus to a problem's setting or row, else to the summary. */
export function focusIssue(
  root: ParentNode | null | undefined,
  issue: Issue | undefined,
  rows: FieldRow[]
): void {
  if (issue?.setting && settingsOf(root)?.focusSetting(issue.setting)) return;
  const target = issue?.targetField?.toLowerCase();
  const key =
    issue?.rowKey ?? rows.find((row) => row.targetField.trim().toLowerCase() === target)?.key;
  const table = tableOf(root);
  if (key && table) {
    table.focusRow(key);
    return;
  }
  root?.querySelector<HTMLElement>('[data-id="summary"]')?.focus();
}

/**
 * Moves the focus a render was asked for, once its target is drawn: true when done (the caller
 * forgets it), false to try again after the next render.
 */
export function focusPending(root: ParentNode | null | undefined, pending: PendingFocus): boolean {
  if (pending.setting) {
    const settings = settingsOf(root);
    settings?.focusSetting(pending.setting);
    return !!settings;
  }
  if (!pending.list) return true;
  const list = root?.querySelector('c-s2s-mapping-list') as unknown as ListApi | null;
  if (list) {
    list.focusMapping(pending.mappingId);
    return true;
  }
  const button = root?.querySelector<HTMLElement>('[data-id="new"]');
  button?.focus();
  return !!button;
}
