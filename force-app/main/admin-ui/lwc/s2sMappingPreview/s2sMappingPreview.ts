// What a mapping, as edited and not saved, would send for a real record of the source object: each
// mapped target field with its value, and whether the filter passes. Only the target fields of the
// active rows are shown; the engine's bookkeeping (lookup Ids to resolve, the filter flag) is not.
import { LightningElement, api } from 'lwc';
import previewMapping from '@salesforce/apex/S2SMappingController.previewMapping';
import { friendlyError } from 'c/s2sUtils';
import { LABELS, recordFromDraft, recordFromRow } from 'c/s2sMappingModel';
import type { FieldRow, MappingDraft } from 'c/s2sMappingModel';

export default class S2sMappingPreview extends LightningElement {
  /** The mapping as edited. */
  @api draft?: MappingDraft;
  /** Its field rows as edited. */
  @api rows: FieldRow[] = [];

  labels = LABELS;
  sampleRecordId = '';
  previewing = false;
  preview?: { field: string; value: string }[];
  filterPassed?: boolean;
  previewError?: string;

  get hasPreview(): boolean {
    return !!this.preview;
  }
  get filterLabel(): string {
    return this.filterPassed ? LABELS.filterPassed : LABELS.filterFailed;
  }
  get filterClass(): string {
    return this.filterPassed ? 'slds-text-color_success' : 'slds-text-color_error';
  }
  get cannotPreview(): boolean {
    return this.previewing || !this.sampleRecordId.trim() || !this.draft?.sourceObject;
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
        mapping: recordFromDraft(this.draft),
        fields: this.rows.map((row) => recordFromRow(row)),
        sampleRecordId: this.sampleRecordId.trim()
      })) as Record<string, unknown>;
      this.filterPassed = result.__filterPassed !== false;
      // Keys are matched without case: the engine answers with the target field's API name.
      // A lookup's value is the source record's Id, which the peer resolves through its crosswalk.
      const lookups = (result.__lookups ?? {}) as Record<string, unknown>;
      const values = new Map(
        [...Object.entries(lookups), ...Object.entries(result)]
          .filter(([key]) => !key.startsWith('__'))
          .map(([key, value]) => [key.toLowerCase(), value])
      );
      this.preview = this.rows
        .filter((row) => row.active && row.targetField.trim())
        .map((row) => row.targetField.trim())
        .sort((a, b) => a.localeCompare(b))
        .map((field) => ({ field, value: display(values.get(field.toLowerCase())) }));
    } catch (error) {
      this.previewError = friendlyError(error);
    } finally {
      this.previewing = false;
    }
  }
}

function display(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
