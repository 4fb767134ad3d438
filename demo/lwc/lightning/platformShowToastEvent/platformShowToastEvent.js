// lightning/platformShowToastEvent for the demo page: the same event the platform listens to; the
// demo shell shows it.
export class ShowToastEvent extends CustomEvent {
  constructor(toast) {
    super('lightning__showtoast', {
      composed: true,
      bubbles: true,
      cancelable: true,
      detail: toast
    });
  }
}
