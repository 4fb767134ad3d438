// The field mappings of an object mapping: one row per target field with its source field or
// expression, type compatibility, transform chain (edited in the chain editor below the row),
// sensitive and active flags. Search and a filter narrow long tables; Auto-map proposes rows in a
// review dialog. Rows are owned by the mapping editor: every edit is a `rowschange` event.
import { LightningElement, api } from 'lwc';
import { formatLabel } from 'c/s2sUtils';
import { chainSummary } from 'c/s2sTransformChainEditor';
import type { ChainChangeDetail } from 'c/s2sTransformChainEditor';
import {
  LABELS,
  autoMapProposals,
  compatibility,
  newRowKey,
  transformsError
} from 'c/s2sMappingModel';
import type { AutoMapProposal, FieldInfo, FieldRow, Issue } from 'c/s2sMappingModel';

type Validatable = HTMLElement & {
  setCustomValidity(message: string): void;
  reportValidity(): boolean;
  focus(): void;
};

/** A row of the table with what the template shows. */
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

const ATTENTION = new Set(['incompatible', 'unknown', 'convertible']);

export default class S2sFieldMappingTable extends LightningElement {
  /** The rows, in order. */
  @api rows: FieldRow[] = [];
  /** This org's fields of the source object (undefined until described). */
  @api sourceFields?: FieldInfo[];
  /** The peer's fields of the target object (undefined until described). */
  @api targetFields?: FieldInfo[];

  labels = LABELS;
  search = '';
  filter = 'all';
  /** The row whose transform chain editor is open. */
  openTransformsKey?: string;
  /** Auto-map's proposals while the review dialog is open. */
  proposals?: AutoMapProposal[];
  private issuesByKey = new Map<string, string>();

  get filterOptions(): { label: string; value: string }[] {
    return [
      { label: LABELS.fieldFilterAll, value: 'all' },
      { label: LABELS.fieldFilterAttention, value: 'attention' },
      { label: LABELS.fieldFilterInactive, value: 'inactive' }
    ];
  }
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
  get reviewing(): boolean {
    return !!this.proposals;
  }
  get rowViews(): RowView[] {
    const sources = new Map((this.sourceFields ?? []).map((f) => [f.name.toLowerCase(), f]));
    const targets = new Map((this.targetFields ?? []).map((f) => [f.name.toLowerCase(), f]));
    const term = this.search.trim().toLowerCase();
    const views: RowView[] = [];
    for (const row of this.rows) {
      const source = sources.get(row.sourceField.toLowerCase());
      const target = targets.get(row.targetField.toLowerCase());
      const state = compatibility(source?.type, target?.type);
      const haystack = [row.targetField, row.sourceField, target?.label, source?.label]
        .join(' ')
        .toLowerCase();
      // A row being fixed (an error on it) stays visible whatever the search says.
      const shown =
        this.issuesByKey.has(row.key) ||
        ((!term || haystack.includes(term)) &&
          (this.filter !== 'attention' || ATTENTION.has(state)) &&
          (this.filter !== 'inactive' || !row.active));
      if (!shown) continue;
      const targetLabel = row.targetField || LABELS.newField;
      const open = row.key === this.openTransformsKey;
      views.push({
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
      });
    }
    return views;
  }
  get noMatch(): boolean {
    return this.hasRows && this.rowViews.length === 0;
  }

  /**
   * Shows each row problem on the row's target field input; rows are found by key (browser) or by
   * target field (engine). Returns the keys of the rows that have one, in table order.
   * @param issues problems of the last save
   */
  @api
  showIssues(issues: Issue[]): string[] {
    const keyOf = new Map(this.rows.map((row) => [row.targetField.trim().toLowerCase(), row.key]));
    this.issuesByKey = new Map();
    for (const issue of issues) {
      const key =
        issue.rowKey ??
        (issue.targetField ? keyOf.get(issue.targetField.toLowerCase()) : undefined);
      if (key && !this.issuesByKey.has(key)) this.issuesByKey.set(key, issue.message);
    }
    // Re-render first so that rows with a problem are shown, then mark their inputs.
    this.issuesByKey = new Map(this.issuesByKey);
    return this.rows.filter((row) => this.issuesByKey.has(row.key)).map((row) => row.key);
  }

  /**
   * Moves the focus to a row's target field input.
   * @param key the row key
   */
  @api
  focusRow(key: string): void {
    this.targetInput(key)?.focus();
  }

  renderedCallback(): void {
    for (const input of this.template?.querySelectorAll<Validatable>('[data-prop="targetField"]') ??
      []) {
      const message = this.issuesByKey.get(input.dataset.key ?? '') ?? '';
      input.setCustomValidity(message);
      if (message) input.reportValidity();
    }
  }

  handleSearch(event: CustomEvent<{ value: string }>): void {
    this.search = event.detail.value ?? '';
  }
  handleFilter(event: CustomEvent<{ value: string }>): void {
    this.filter = event.detail.value;
  }

  handleAutoMap(): void {
    this.proposals = autoMapProposals(this.sourceFields ?? [], this.targetFields ?? [], this.rows);
  }
  handleReviewClose(): void {
    this.proposals = undefined;
    this.template?.querySelector<HTMLElement>('[data-id="auto-map"]')?.focus();
  }
  handleReviewApply(event: CustomEvent<{ keys: string[] }>): void {
    const chosen = new Set(event.detail.keys);
    const added = (this.proposals ?? []).filter((p) => chosen.has(p.row.key)).map((p) => p.row);
    this.proposals = undefined;
    this.emit([...this.rows, ...added]);
  }

  handleAddRow(): void {
    const key = newRowKey();
    this.search = '';
    this.filter = 'all';
    this.emit([
      ...this.rows,
      {
        key,
        sourceField: '',
        sourceExpression: '',
        targetField: '',
        transforms: '',
        sensitive: false,
        active: true
      }
    ]);
    // The new row's first input takes the focus once rendered.
    Promise.resolve().then(() => this.focusRow(key));
  }

  handleToggleTransforms(event: Event): void {
    const key = (event.currentTarget as HTMLElement).dataset.key;
    this.openTransformsKey = this.openTransformsKey === key ? undefined : key;
  }

  handleTransformsChange(event: CustomEvent<ChainChangeDetail>): void {
    const key = (event.currentTarget as HTMLElement).dataset.key;
    const { value, error } = event.detail;
    this.emit(
      this.rows.map((row) => {
        return row.key === key ? { ...row, transforms: value, transformsEditorError: error } : row;
      })
    );
  }

  handleRemoveRow(event: Event): void {
    const key = (event.currentTarget as HTMLElement).dataset.key;
    const index = this.rows.findIndex((row) => row.key === key);
    const rest = this.rows.filter((row) => row.key !== key);
    this.emit(rest);
    // Focus goes to the next row's remove button, else to Add field: never lost to the page.
    const next = rest[Math.min(index, rest.length - 1)];
    Promise.resolve().then(() => {
      const target = next
        ? this.template?.querySelector<HTMLElement>(
            `[data-id="remove-row"][data-key="${next.key}"]`
          )
        : this.template?.querySelector<HTMLElement>('[data-id="add-row"]');
      target?.focus();
    });
  }

  handleRowChange(event: CustomEvent<{ value?: string; checked?: boolean }>): void {
    const target = event.target as HTMLElement & { type?: string };
    const { key, prop } = target.dataset;
    const value = target.type === 'checkbox' ? event.detail.checked : (event.detail.value ?? '');
    if (prop === 'targetField' && key && this.issuesByKey.has(key)) {
      this.issuesByKey.delete(key);
      this.issuesByKey = new Map(this.issuesByKey);
    }
    this.emit(
      this.rows.map((row) => (row.key === key ? { ...row, [prop as string]: value } : row))
    );
  }

  private emit(rows: FieldRow[]): void {
    this.dispatchEvent(new CustomEvent('rowschange', { detail: { rows } }));
  }

  private targetInput(key: string): Validatable | null | undefined {
    return this.template?.querySelector<Validatable>(
      `[data-prop="targetField"][data-key="${key}"]`
    );
  }
}
