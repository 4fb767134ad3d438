// The demo shell: org and user switchers, the orgs' clock, and the admin UI's screens (setup,
// dashboard, audit) beside Accounts, Contacts and Leads record screens that stand in for record
// pages (edit a record, see its sync status card, press "Sync now").
// Each tab's components load when the tab first opens (a dynamic import, rendered with
// lwc:component), so the page starts with the shell alone and a tab's Apex calls wait for it.
import { LightningElement } from 'lwc';
import { currentOrg, currentUser, demoCall } from 'demo/apexClient';

/** Tab value -> the components it shows, each loaded on first opening. */
const SCREENS = {
  setup: () =>
    Promise.all([
      import('c/s2sConnections'),
      import('c/s2sMappingEditor'),
      import('c/s2sNativeMigration')
    ]).then(([connections, mappingEditor, nativeMigration]) => ({
      connections: connections.default,
      mappingEditor: mappingEditor.default,
      nativeMigration: nativeMigration.default
    })),
  load: () => import('c/s2sInitialLoad').then((load) => ({ initialLoad: load.default })),
  dashboard: () =>
    Promise.all([
      import('c/s2sSyncDashboard'),
      import('c/s2sWorkQueue'),
      import('c/s2sDataQuality')
    ]).then(([dashboard, workQueue, dataQuality]) => ({
      dashboard: dashboard.default,
      workQueue: workQueue.default,
      dataQuality: dataQuality.default
    })),
  audit: () =>
    Promise.all([import('c/s2sAuditExplorer'), import('c/s2sAccessReview')]).then(
      ([audit, accessReview]) => ({ audit: audit.default, accessReview: accessReview.default })
    ),
  changes: () =>
    Promise.all([import('c/s2sMappingEditor'), import('c/s2sChangeRequests')]).then(
      ([mappingEditor, changeRequests]) => ({
        mappingEditor: mappingEditor.default,
        changeRequests: changeRequests.default
      })
    ),
  myRecords: () => import('c/s2sMyRecords').then((myRecords) => ({ list: myRecords.default })),
  accounts: () => import('demo/recordScreen').then((screen) => ({ record: screen.default })),
  contacts: () => import('demo/recordScreen').then((screen) => ({ record: screen.default })),
  leads: () => import('demo/recordScreen').then((screen) => ({ record: screen.default }))
};

export default class App extends LightningElement {
  orgs = [];
  orgName = '';
  users = [];
  userKey = '';
  clock;
  clockMessage;
  advancing = false;
  screens = {};
  toasts = [];
  loadError;
  notReady;
  stateNotSaved;

  connectedCallback() {
    this.template.addEventListener('lightning__showtoast', (event) => this.showToast(event.detail));
    this.load();
  }

  async load() {
    try {
      const info = await demoCall('orgs');
      this.orgs = info.orgs;
      this.orgName = info.current;
      this.users = info.users;
      this.userKey = info.user;
      this.clock = info.clock;
      this.notReady = info.notReady;
      this.stateNotSaved = info.stateNotSaved;
    } catch (error) {
      this.loadError = error.body?.message ?? String(error);
    }
  }

  async handleTab(event) {
    const tab = event.target.value;
    if (this.screens[tab] || !SCREENS[tab]) return;
    try {
      const loaded = await SCREENS[tab]();
      this.screens = { ...this.screens, [tab]: loaded };
    } catch (error) {
      this.loadError = `The ${tab} screen did not load: ${error.message ?? error}`;
    }
  }

  get orgButtons() {
    return this.orgs.map((name) => ({
      name,
      variant: name === this.orgName ? 'brand' : 'neutral'
    }));
  }

  get userButtons() {
    return this.users.map((user) => ({
      ...user,
      variant: user.key === this.userKey ? 'brand' : 'neutral'
    }));
  }

  get userLabel() {
    return this.users.find((user) => user.key === this.userKey)?.label ?? currentUser();
  }

  get clockText() {
    if (this.clock === undefined) return '';
    return new Date(this.clock).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  }

  navigate(param, value) {
    const url = new URL(window.location.href);
    url.searchParams.set(param, value);
    window.location.href = url.toString();
  }

  handleOrg(event) {
    this.navigate('org', event.target.dataset.org);
  }

  handleUser(event) {
    this.navigate('user', event.target.dataset.user);
  }

  async handleAdvance(event) {
    const by = event.target.dataset.by;
    this.advancing = true;
    try {
      const result = await demoCall('clock/advance', { by });
      this.clock = result.clock;
      this.clockMessage = `Clock moved on ${by === '1d' ? '1 day' : '1 hour'}: ${result.jobs} async job${result.jobs === 1 ? '' : 's'} ran.`;
    } catch (error) {
      this.clockMessage = error.body?.message ?? String(error);
    } finally {
      this.advancing = false;
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
