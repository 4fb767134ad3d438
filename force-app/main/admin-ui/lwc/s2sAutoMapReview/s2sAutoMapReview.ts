// Auto-map as a review: a dialog listing the rows Auto-map proposes, each with a checkbox. System
// fields and the text twin of a code field start unticked with the reason shown; nothing is added
// to the mapping until the admin applies the selection. Emits `apply` ({ keys }) or `close`.
import { LightningElement, api } from 'lwc';
import { formatLabel } from 'c/s2sUtils';
import { LABELS } from 'c/s2sMappingModel';
import type { AutoMapProposal } from 'c/s2sMappingModel';

interface ProposalView {
  key: string;
  targetField: string;
  sourceField: string;
  selected: boolean;
  checkboxLabel: string;
  note: string;
}

export default class S2sAutoMapReview extends LightningElement {
  labels = LABELS;
  private selection = new Map<string, boolean>();
  private items: AutoMapProposal[] = [];
  private focused = false;

  /** Auto-map's proposals, ticked or not by default. */
  @api
  get proposals(): AutoMapProposal[] {
    return this.items;
  }
  set proposals(value: AutoMapProposal[]) {
    this.items = value ?? [];
    this.selection = new Map(this.items.map((p) => [p.row.key, p.selected]));
  }

  get hasProposals(): boolean {
    return this.items.length > 0;
  }
  get views(): ProposalView[] {
    return this.items.map((p) => ({
      key: p.row.key,
      targetField: p.row.targetField,
      sourceField: p.row.sourceField,
      selected: this.selection.get(p.row.key) === true,
      checkboxLabel: formatLabel(LABELS.autoMapInclude, p.row.targetField, p.row.sourceField),
      note:
        p.reason === 'system'
          ? LABELS.autoMapSystem
          : p.reason === 'duplicate'
            ? formatLabel(LABELS.autoMapDuplicate, p.twin)
            : ''
    }));
  }
  get selectedCount(): number {
    return [...this.selection.values()].filter(Boolean).length;
  }
  get applyLabel(): string {
    return formatLabel(LABELS.autoMapApply, this.selectedCount);
  }
  get cannotApply(): boolean {
    return this.selectedCount === 0;
  }

  renderedCallback(): void {
    // The dialog takes the focus when it opens (its heading), so a keyboard user starts inside it.
    if (!this.focused) {
      this.focused = true;
      this.template?.querySelector<HTMLElement>('[data-id="review-title"]')?.focus();
    }
  }

  handleToggle(event: CustomEvent<{ checked: boolean }>): void {
    const key = (event.target as HTMLElement).dataset.key as string;
    this.selection = new Map(this.selection).set(key, event.detail.checked);
  }

  handleKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') this.handleClose();
  }

  handleApply(): void {
    const keys = this.items.map((p) => p.row.key).filter((key) => this.selection.get(key));
    this.dispatchEvent(new CustomEvent('apply', { detail: { keys } }));
  }

  handleClose(): void {
    this.dispatchEvent(new CustomEvent('close'));
  }
}
