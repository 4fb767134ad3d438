// The object mappings of a connection as a table: objects, trigger, delivery order and whether the
// mapping is active, narrowed by a search and an Active filter. Each row offers Edit, Clone and
// Delete, and Org compare: `edit`, `clone` and `compare` events ({ id }) for the mapping editor;
// Delete asks for a confirmation, deletes and emits `deleted`.
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import LightningConfirm from 'lightning/confirm';
import deleteMapping from '@salesforce/apex/S2SMappingController.deleteMapping';
import { formatLabel, friendlyError } from 'c/s2sUtils';
import { LABELS, OPTIONS } from 'c/s2sMappingModel';
import type { MappingDraft } from 'c/s2sMappingModel';

/** lightning/confirm's open(), which @salesforce/lightning-types does not declare. */
const confirmDialog = LightningConfirm as unknown as {
  open(config: { message: string; label: string; theme?: string }): Promise<boolean>;
};

interface MappingView {
  id: string;
  title: string;
  triggerLabel: string;
  sequence: string;
  active: boolean;
  activeLabel: string;
  activeIcon: string;
  cloneLabel: string;
  deleteLabel: string;
  compareLabel: string;
}

export default class S2sMappingList extends LightningElement {
  /** The mappings of the connection. */
  @api mappings: MappingDraft[] = [];
  /** An analyst who proposes changes: Edit only (to propose), no compare, clone or delete. */
  @api proposeOnly = false;

  get adminActions(): boolean {
    return !this.proposeOnly;
  }

  labels = LABELS;
  search = '';
  status = 'all';

  get statusOptions(): { label: string; value: string }[] {
    return [
      { label: LABELS.listAll, value: 'all' },
      { label: LABELS.listActive, value: 'active' },
      { label: LABELS.listInactive, value: 'inactive' }
    ];
  }
  get views(): MappingView[] {
    const term = this.search.trim().toLowerCase();
    return this.mappings
      .filter((m) => this.status === 'all' || m.active === (this.status === 'active'))
      .filter(
        (m) =>
          !term ||
          `${m.sourceObject} ${m.targetObject} ${m.name ?? ''}`.toLowerCase().includes(term)
      )
      .map((m) => {
        const title = `${m.sourceObject} → ${m.targetObject}`;
        return {
          id: m.id as string,
          title,
          triggerLabel:
            OPTIONS.triggerMode.find((option) => option.value === m.triggerMode)?.label ??
            m.triggerMode,
          sequence: m.sequence === null ? '' : String(m.sequence),
          active: m.active,
          activeLabel: m.active ? LABELS.listActive : LABELS.listInactive,
          activeIcon: m.active ? 'utility:success' : 'utility:ban',
          cloneLabel: formatLabel(LABELS.cloneMapping, title),
          deleteLabel: formatLabel(LABELS.deleteMapping, title),
          compareLabel: formatLabel(LABELS.orgCompareOf, title)
        };
      });
  }
  get noMatch(): boolean {
    return this.views.length === 0;
  }

  /**
   * Moves the focus to a mapping's Edit button, or to the search when it is not listed.
   * @param id the mapping
   */
  @api
  focusMapping(id: string | undefined): void {
    const button = id
      ? this.template?.querySelector<HTMLElement>(`[data-action="edit"][data-id="${id}"]`)
      : null;
    (button ?? this.template?.querySelector<HTMLElement>('[data-id="list-search"]'))?.focus();
  }

  handleSearch(event: CustomEvent<{ value: string }>): void {
    this.search = event.detail.value ?? '';
  }
  handleStatus(event: CustomEvent<{ value: string }>): void {
    this.status = event.detail.value;
  }
  handleAction(event: Event): void {
    const { action, id } = (event.currentTarget as HTMLElement).dataset;
    if (action === 'delete') {
      this.remove(id as string);
      return;
    }
    this.dispatchEvent(new CustomEvent(action as string, { detail: { id } }));
  }

  private async remove(id: string): Promise<void> {
    const mapping = this.mappings.find((candidate) => candidate.id === id);
    const title = mapping ? `${mapping.sourceObject} → ${mapping.targetObject}` : id;
    const confirmed = await confirmDialog.open({
      message: formatLabel(LABELS.confirmDeleteMapping, title),
      label: LABELS.deleteTitle,
      theme: 'warning'
    });
    if (!confirmed) {
      // The focus returns to the button that asked.
      this.template?.querySelector<HTMLElement>(`[data-action="delete"][data-id="${id}"]`)?.focus();
      return;
    }
    try {
      await deleteMapping({ mappingId: id });
      this.toast(LABELS.toastSuccess, LABELS.deleted, 'success');
      this.dispatchEvent(new CustomEvent('deleted', { detail: { id } }));
    } catch (error) {
      this.toast(LABELS.toastError, friendlyError(error), 'error');
    }
  }

  private toast(title: string, message: string, variant: 'success' | 'error'): void {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }
}
