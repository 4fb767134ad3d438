// Inside the mapping editor, for an analyst who proposes changes (S2S_Propose_Mapping_Change)
// instead of saving them: the reason (required, said on the field) and Propose change, which sends
// the mapping as edited to S2SChangeRequestController.proposeChange. An admin reviews it under
// Mapping change requests. Emits `proposed` ({ id }) once stored; a refusal is shown on the reason
// field when it is about the reason, otherwise below the button, and takes the focus.
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import proposeChange from '@salesforce/apex/S2SChangeRequestController.proposeChange';
import { friendlyError } from 'c/s2sUtils';
import { recordFromDraft, recordFromRow } from 'c/s2sMappingModel';
import type { FieldRow, MappingDraft } from 'c/s2sMappingModel';
import S2S_Propose_Hint from '@salesforce/label/c.S2S_Propose_Hint';
import S2S_Propose_Reason from '@salesforce/label/c.S2S_Propose_Reason';
import S2S_Propose_Submit from '@salesforce/label/c.S2S_Propose_Submit';
import S2S_Propose_Reason_Required from '@salesforce/label/c.S2S_Propose_Reason_Required';
import S2S_Propose_Done from '@salesforce/label/c.S2S_Propose_Done';
import S2S_Saving from '@salesforce/label/c.S2S_Saving';

interface Validity extends HTMLElement {
  value?: string;
  setCustomValidity(message: string): void;
  reportValidity(): boolean;
}

export default class S2sProposeChange extends LightningElement {
  /** The mapping as edited. */
  @api draft?: MappingDraft;
  /** Its field rows as edited. */
  @api rows: FieldRow[] = [];

  labels = {
    hint: S2S_Propose_Hint,
    reason: S2S_Propose_Reason,
    submit: S2S_Propose_Submit,
    saving: S2S_Saving
  };
  reason = '';
  error?: string;
  sending = false;

  /** Puts the focus on the reason (the editor calls it when asked to save). */
  @api
  focusReason(): void {
    this.reasonField()?.focus();
  }

  handleReasonChange(event: CustomEvent<{ value: string }>): void {
    this.reason = event.detail.value ?? '';
    if (this.reason.trim()) this.reasonField()?.setCustomValidity('');
  }

  async handlePropose(): Promise<void> {
    const field = this.reasonField();
    this.error = undefined;
    // the field's own value: typed text may not have raised a change event yet
    if (typeof field?.value === 'string' && field.value.trim()) this.reason = field.value;
    if (!this.reason.trim()) {
      field?.setCustomValidity(S2S_Propose_Reason_Required);
      field?.reportValidity();
      field?.focus();
      return;
    }
    if (!this.draft) return;
    this.sending = true;
    try {
      const id = (await proposeChange({
        mapping: recordFromDraft(this.draft),
        fields: this.rows.map((row) => recordFromRow(row)),
        reason: this.reason.trim()
      })) as string;
      this.dispatchEvent(
        new ShowToastEvent({
          title: S2S_Propose_Done,
          message: S2S_Propose_Done,
          variant: 'success'
        })
      );
      this.reason = '';
      this.dispatchEvent(new CustomEvent('proposed', { detail: { id } }));
    } catch (error) {
      const message = friendlyError(error);
      if (message.startsWith('Reason:')) {
        field?.setCustomValidity(message);
        field?.reportValidity();
        field?.focus();
      } else {
        this.error = message;
        Promise.resolve().then(() =>
          this.template?.querySelector<HTMLElement>('[data-id="propose-error"]')?.focus()
        );
      }
    } finally {
      this.sending = false;
    }
  }

  private reasonField(): Validity | null {
    return this.template?.querySelector<Validity>('[data-id="reason"]') ?? null;
  }
}
