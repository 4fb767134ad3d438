// The states a screen shows before its data, in one place: loading (a spinner), permission denied
// (why, from the screen's own label), an error (the controller's message, already saying what to
// do), empty (what to do next), and otherwise the data, which the screen passes in the default
// slot. The first state that holds wins, in that order, as each screen's template chained them.
// The screen keeps its own data condition around what it slots in (content in a slot this
// component does not render is still created by the screen under native shadow DOM).
import { LightningElement, api } from 'lwc';
import loadingLabel from '@salesforce/label/c.S2S_Loading';

export default class S2sLoadState extends LightningElement {
  /** Shows the spinner, before anything else. */
  @api loading = false;
  /** The spinner's accessible name. */
  @api loadingText: string = loadingLabel;
  /** The user lacks the permission the screen needs. */
  @api denied = false;
  /** The screen's permission-denied message (which permission is missing). */
  @api deniedText = '';
  /** An error to show instead of the data; blank for none. */
  @api error?: string;
  /** Nothing to show: the empty message instead of the data. */
  @api empty = false;
  /** What the empty state says (and what to do next). */
  @api emptyText = '';
  /** The empty message as a line of text, not a centered block (lists inside a card). */
  @api compact = false;

  get showError(): boolean {
    return !!this.error;
  }

  get emptyClass(): string {
    return this.compact
      ? 'slds-text-color_weak'
      : 'slds-text-color_weak slds-text-align_center slds-var-p-around_large';
  }
}
