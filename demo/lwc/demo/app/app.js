// The demo shell: an org switcher and the admin UI's screens (setup, dashboard, audit), plus a
// small Accounts screen that stands in for a record page: edit an Account, see its sync status
// card and press "Sync now".
import { LightningElement } from 'lwc';
import { currentOrg, demoCall } from 'demo/apexClient';

export default class App extends LightningElement {
  orgs = [];
  orgName = '';
  accounts = [];
  selectedId;
  draft;
  recordMessage;
  toasts = [];
  loadError;
  notReady;

  connectedCallback() {
    this.template.addEventListener('lightning__showtoast', (event) => this.showToast(event.detail));
    this.load();
  }

  async load() {
    try {
      const info = await demoCall('orgs');
      this.orgs = info.orgs;
      this.orgName = info.current;
      this.notReady = info.notReady;
      await this.loadAccounts();
    } catch (error) {
      this.loadError = error.body?.message ?? String(error);
    }
  }

  async loadAccounts() {
    const result = await demoCall('records/list', { objectName: 'Account' });
    this.accounts = result.records;
  }

  get orgButtons() {
    return this.orgs.map((name) => ({
      name,
      variant: name === this.orgName ? 'brand' : 'neutral'
    }));
  }

  get accountItems() {
    return this.accounts.map((account) => ({
      ...account,
      className: account.Id === this.selectedId ? 'slds-item slds-theme_shade' : 'slds-item'
    }));
  }

  get hasSelection() {
    return !!this.selectedId;
  }

  handleOrg(event) {
    const url = new URL(window.location.href);
    url.searchParams.set('org', event.target.dataset.org);
    window.location.href = url.toString();
  }

  handleSelect(event) {
    this.selectedId = event.currentTarget.dataset.id;
    const account = this.accounts.find((candidate) => candidate.Id === this.selectedId);
    this.draft = { Name: account.Name, Industry: account.Industry, Phone: account.Phone };
    this.recordMessage = undefined;
  }

  handleDraft(event) {
    this.draft = { ...this.draft, [event.target.dataset.field]: event.detail.value };
  }

  async handleSaveRecord() {
    try {
      await demoCall('records/update', { id: this.selectedId, values: this.draft });
      this.recordMessage = 'Saved.';
      await this.loadAccounts();
    } catch (error) {
      this.recordMessage = error.body?.message ?? String(error);
    }
  }

  showToast(toast) {
    const id = Date.now() + Math.random();
    this.toasts = [
      ...this.toasts,
      {
        id,
        ...toast,
        className: `slds-notify slds-notify_toast slds-theme_${toast.variant || 'info'}`
      }
    ];
    setTimeout(() => {
      this.toasts = this.toasts.filter((candidate) => candidate.id !== id);
    }, 6000);
  }

  get orgLabel() {
    return this.orgName || currentOrg();
  }
}
