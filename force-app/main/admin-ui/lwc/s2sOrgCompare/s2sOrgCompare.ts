// Org compare (S2SOrgCompareController) of a saved mapping (`mappingId`, from the list) or of the
// mapping as the editor holds it (`draft` and `rows`, saved or not: compared before a save): the
// differences with the peer org grouped by severity (will be refused, may be refused, fine), each
// with its suggested fix, the peer's active validation rules (or why they are not visible), and a
// CSV export of the report. A fix (value map, truncate, round, default) is written into the saved
// field mapping's transforms, or, for the mapping as edited, into the dialog's copy of the rows
// (the editor saves it with the mapping); the mapping is compared again and the dialog emits
// `applied` ({ fieldMappingId, targetField, transforms }) so the editor shows the new chain, and
// `close`. The focus starts on the heading and stays in the dialog.
import { LightningElement, api } from 'lwc';
import compareMapping from '@salesforce/apex/S2SOrgCompareController.compareMapping';
import compareDraft from '@salesforce/apex/S2SOrgCompareController.compareDraft';
import applyFix from '@salesforce/apex/S2SOrgCompareController.applyFix';
import fixChain from '@salesforce/apex/S2SOrgCompareController.fixChain';
import { csvOf, downloadText, formatLabel, friendlyError } from 'c/s2sUtils';
import { recordFromDraft, recordFromRow } from 'c/s2sMappingModel';
import type { FieldRow, MappingDraft } from 'c/s2sMappingModel';
import { LABELS } from './labels';

export type Severity = 'refused' | 'mayRefuse' | 'fine';

/** One difference as S2SOrgCompare.Difference serializes it. */
export interface Difference {
  severity: Severity;
  kind: string;
  sourceField?: string;
  targetField?: string;
  fieldMappingId?: string;
  message: string;
  fixKind?: 'valueMap' | 'truncate' | 'round' | 'default';
  fixText?: string;
  valueMap?: Record<string, string>;
  peerValues?: string[];
  length?: number;
  defaultValue?: string;
  scale?: number;
}
export interface Rule {
  name: string;
  errorDisplayField?: string;
  errorMessage: string;
  formula?: string;
}
export interface CompareResult {
  mappingName: string;
  sourceObject: string;
  targetObject: string;
  connectionName: string;
  comparedAt: string;
  validationRulesVisible: boolean;
  validationRulesNote?: string;
  validationRules: Rule[];
  differences: Difference[];
}

interface DifferenceView extends Difference {
  key: string;
  fieldText: string;
  isValueMap: boolean;
  isTruncate: boolean;
  isRound: boolean;
  isDefault: boolean;
  valueRows: { key: string; source: string; value: string; label: string }[];
  options: { label: string; value: string }[];
  truncateLabel: string;
  roundLabel: string;
  defaultLabel: string;
  defaultInput: string;
  cannotApply: boolean;
}

const GROUPS: { severity: Severity; label: string }[] = [
  { severity: 'refused', label: LABELS.refused },
  { severity: 'mayRefuse', label: LABELS.mayRefuse },
  { severity: 'fine', label: LABELS.fine }
];

export default class S2sOrgCompare extends LightningElement {
  /** The saved object mapping to compare (from the list). */
  @api mappingId?: string;
  /** Or the mapping as the editor holds it, with its field rows: compared before a save. */
  @api draft?: MappingDraft;
  @api rows: FieldRow[] = [];
  /** Its title, shown in the heading. */
  @api mappingTitle = '';

  labels = LABELS;
  result?: CompareResult;
  error?: string;
  notice?: string;
  comparing = false;
  applying = false;
  private valueMaps = new Map<string, Record<string, string>>();
  private defaults = new Map<string, string>();
  private focused = false;
  /** The rows as edited, with the fixes applied here since the dialog opened. */
  private edited?: FieldRow[];

  connectedCallback(): void {
    this.compare();
  }

  get title(): string {
    return formatLabel(LABELS.title, this.mappingTitle);
  }
  get intro(): string {
    return formatLabel(LABELS.intro, this.result?.targetObject ?? '');
  }
  get comparedAt(): string {
    const r = this.result;
    return r
      ? formatLabel(LABELS.comparedAt, r.connectionName, new Date(r.comparedAt).toLocaleString())
      : '';
  }
  get groups(): { key: string; heading: string; items: DifferenceView[]; empty: boolean }[] {
    const views = (this.result?.differences ?? []).map((d, i) => this.view(d, i));
    return GROUPS.map(({ severity, label }) => {
      const items = views.filter((v) => v.severity === severity);
      return {
        key: severity,
        heading: formatLabel(label, items.length),
        items,
        empty: items.length === 0
      };
    });
  }
  get rules(): (Rule & { key: string; shownOn: string })[] {
    return (this.result?.validationRules ?? []).map((rule) => ({
      ...rule,
      key: rule.name,
      shownOn: rule.errorDisplayField || LABELS.topOfPage
    }));
  }
  get rulesHidden(): string | undefined {
    const r = this.result;
    return r && !r.validationRulesVisible
      ? formatLabel(LABELS.rulesHidden, r.validationRulesNote ?? '')
      : undefined;
  }
  get noRules(): boolean {
    return !!this.result?.validationRulesVisible && this.rules.length === 0;
  }
  get isDraft(): boolean {
    return !this.mappingId && !!this.draft;
  }
  get busy(): boolean {
    return this.comparing || this.applying;
  }

  renderedCallback(): void {
    if (!this.focused) {
      this.focused = true;
      this.template?.querySelector<HTMLElement>('[data-id="compare-title"]')?.focus();
    }
  }

  handleKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') this.handleClose();
  }
  handleClose(): void {
    this.dispatchEvent(new CustomEvent('close'));
  }
  async handleAgain(): Promise<void> {
    this.notice = undefined;
    await this.compare();
  }

  handleValueChange(event: CustomEvent<{ value: string }>): void {
    const { key, source } = (event.target as HTMLElement).dataset as {
      key: string;
      source: string;
    };
    this.valueMaps = new Map(this.valueMaps).set(key, {
      ...this.valueMaps.get(key),
      [source]: event.detail.value
    });
  }
  handleDefaultChange(event: CustomEvent<{ value: string }>): void {
    const key = (event.target as HTMLElement).dataset.key as string;
    this.defaults = new Map(this.defaults).set(key, event.detail.value ?? '');
  }

  async handleApply(event: Event): Promise<void> {
    const key = (event.currentTarget as HTMLElement).dataset.key as string;
    const view = this.groups.flatMap((g) => g.items).find((v) => v.key === key);
    if (!view?.fixKind || !this.fixable(view)) return;
    this.applying = true;
    this.error = undefined;
    const fix = {
      fixKind: view.fixKind,
      valueMap: view.isValueMap
        ? Object.fromEntries(view.valueRows.map((row) => [row.source, row.value]))
        : null,
      length: view.isTruncate ? view.length : null,
      defaultValue: view.isDefault ? view.defaultInput : null,
      scale: view.isRound ? view.scale : null
    };
    try {
      const { targetField, fieldMappingId } = view;
      let transforms: string;
      if (this.isDraft) {
        const row = this.editedRow(targetField);
        transforms = (await fixChain({
          ...fix,
          targetField,
          transforms: row?.transforms ?? null
        })) as string;
        this.edited = this.editedRows().map((r) => (r === row ? { ...r, transforms } : r));
      } else {
        transforms = (await applyFix({ ...fix, fieldMappingId })) as string;
      }
      this.dispatchEvent(
        new CustomEvent('applied', { detail: { fieldMappingId, targetField, transforms } })
      );
      this.valueMaps = new Map();
      this.defaults = new Map();
      await this.compare();
      this.notice = formatLabel(this.isDraft ? LABELS.appliedDraft : LABELS.applied, targetField);
      this.focusLater('[data-id="notice"]');
    } catch (error) {
      this.error = friendlyError(error);
      this.focusLater('[data-id="compare-error"]');
    } finally {
      this.applying = false;
    }
  }

  handleExport(): void {
    const r = this.result;
    if (!r) return;
    // The header is one label of comma-separated column names (translated as one sentence).
    const rows = r.differences.map((d) => [
      d.severity,
      d.kind,
      d.sourceField,
      d.targetField,
      d.message,
      d.fixText
    ]);
    downloadText(
      `org-compare-${r.sourceObject}-${r.targetObject}.csv`,
      'text/csv',
      csvOf(LABELS.csvHeader.split(','), rows)
    );
  }

  private async compare(): Promise<void> {
    if (!this.mappingId && !this.draft) return;
    this.comparing = true;
    this.error = undefined;
    try {
      this.result = (
        this.isDraft
          ? await compareDraft({
              mapping: recordFromDraft(this.draft as MappingDraft),
              fields: this.editedRows().map((row) => recordFromRow(row))
            })
          : await compareMapping({ mappingId: this.mappingId })
      ) as CompareResult;
    } catch (error) {
      this.result = undefined;
      this.error = friendlyError(error);
    } finally {
      this.comparing = false;
    }
  }

  private view(d: Difference, index: number): DifferenceView {
    const key = `${index}-${d.kind}-${d.targetField ?? ''}`;
    const chosen = this.valueMaps.get(key) ?? {};
    const valueRows = Object.entries(d.valueMap ?? {}).map(([source, suggested]) => ({
      key: `${key}-${source}`,
      source,
      value: chosen[source] ?? suggested,
      label: formatLabel(LABELS.peerValueFor, source)
    }));
    const defaultInput = this.defaults.get(key) ?? d.defaultValue ?? '';
    const fixable = this.fixable(d);
    const isValueMap = d.fixKind === 'valueMap' && fixable;
    const isDefault = d.fixKind === 'default' && fixable;
    return {
      ...d,
      key,
      fieldText: [d.sourceField, d.targetField].filter(Boolean).join(' → '),
      isValueMap,
      isTruncate: d.fixKind === 'truncate' && fixable,
      isRound: d.fixKind === 'round' && fixable,
      isDefault,
      valueRows,
      options: [
        { label: LABELS.chooseValue, value: '' },
        ...(d.peerValues ?? []).map((value) => ({ label: value, value }))
      ],
      truncateLabel: formatLabel(LABELS.applyTruncate, d.length),
      roundLabel: formatLabel(LABELS.applyRound, d.scale),
      defaultLabel: formatLabel(LABELS.defaultValue, d.targetField),
      defaultInput,
      cannotApply:
        this.busy ||
        (isValueMap && valueRows.some((row) => !row.value)) ||
        (isDefault && !defaultInput.trim())
    };
  }

  /** A fix applies to a saved field mapping, or, compared as edited, to the editor's row. */
  private fixable(d: Difference): boolean {
    return this.isDraft ? !!this.editedRow(d.targetField) : !!d.fieldMappingId;
  }
  private editedRows(): FieldRow[] {
    return this.edited ?? this.rows ?? [];
  }
  private editedRow(targetField: string | undefined): FieldRow | undefined {
    const name = targetField?.toLowerCase();
    return name
      ? this.editedRows().find((row) => row.targetField.trim().toLowerCase() === name)
      : undefined;
  }

  private focusLater(selector: string): void {
    Promise.resolve().then(() => this.template?.querySelector<HTMLElement>(selector)?.focus());
  }
}
