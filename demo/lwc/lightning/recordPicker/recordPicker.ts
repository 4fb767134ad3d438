// Stand-in for lightning-record-picker on the demo page (lightning-base-components does not ship
// it): a text input for the record Id, firing the same change event ({ recordId }). TypeScript so
// that its decorators are compiled by the demo build like the admin UI's components.
import { LightningElement, api } from 'lwc';

export default class RecordPicker extends LightningElement {
  @api label?: string;
  @api objectApiName?: string;
  @api value?: string;

  handleChange(event: CustomEvent<{ value?: string }>): void {
    event.stopPropagation();
    const recordId = event.detail.value || null;
    this.dispatchEvent(new CustomEvent('change', { detail: { recordId } }));
  }
}
