// Previous and Next below a paged list, with the page the list is on between them. The screen
// keeps the page number and reads the page; the buttons only ask for the page before or after
// (events `previous` and `next`) and are disabled at either end.
import { LightningElement, api } from 'lwc';
import previousLabel from '@salesforce/label/c.S2S_Audit_Previous';
import nextLabel from '@salesforce/label/c.S2S_Audit_Next';

export default class S2sPager extends LightningElement {
  /** Where the list is ("Page 2 of 5 (230 entries)"), from the screen's own label. */
  @api pageText = '';
  /** On the first page: Previous is disabled. */
  @api atFirst = false;
  /** On the last page: Next is disabled. */
  @api atLast = false;

  labels = { previousLabel, nextLabel };

  handlePrevious(): void {
    this.dispatchEvent(new CustomEvent('previous'));
  }

  handleNext(): void {
    this.dispatchEvent(new CustomEvent('next'));
  }
}
