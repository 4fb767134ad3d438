import { createElement } from 'lwc';
import S2sConnections from 'c/s2sConnections';
import LightningConfirm from 'lightning/confirm';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getConnections from '@salesforce/apex/S2SConnectionsController.getConnections';
import getNamedCredentials from '@salesforce/apex/S2SConnectionsController.getNamedCredentials';
import saveConnection from '@salesforce/apex/S2SConnectionsController.saveConnection';
import deleteConnection from '@salesforce/apex/S2SConnectionsController.deleteConnection';
import testConnection from '@salesforce/apex/S2SConnectionsController.testConnection';
import resumeConnection from '@salesforce/apex/S2SConnectionsController.resumeConnection';
import pauseConnection from '@salesforce/apex/S2SConnectionsController.pauseConnection';
import isPausedGlobally from '@salesforce/apex/S2SConnectionsController.isPausedGlobally';
import setGlobalPause from '@salesforce/apex/S2SConnectionsController.setGlobalPause';

function mockWire(): unknown {
  const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
  return { default: createApexTestWireAdapter(jest.fn()) };
}
jest.mock('@salesforce/apex/S2SAdminAccessController.getAccess', () => mockWire(), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SConnectionsController.getConnections', () => mockWire(), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SConnectionsController.getNamedCredentials', () => mockWire(), {
  virtual: true
});
jest.mock(
  '@salesforce/apex/S2SConnectionsController.saveConnection',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/S2SConnectionsController.deleteConnection',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/S2SConnectionsController.testConnection',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/S2SConnectionsController.resumeConnection',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/S2SConnectionsController.pauseConnection',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/S2SConnectionsController.setGlobalPause',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock('@salesforce/apex/S2SConnectionsController.isPausedGlobally', () => mockWire(), {
  virtual: true
});

interface TestWire {
  emit(value: unknown): void;
  error(body?: unknown): void;
}
const wire = (adapter: unknown): TestWire => adapter as TestWire;
const mocked = (fn: unknown): jest.Mock => fn as jest.Mock;
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const ADMIN = { canAdminister: true, canSyncNow: true, canViewAudit: true };
const CONNECTIONS: Record<string, unknown>[] = [
  {
    Id: 'a01000000000001AAA',
    Name: 'Service org',
    Named_Credential__c: 'Service_Org',
    Direction__c: 'Bidirectional',
    Mode__c: 'Package',
    Active__c: true,
    Sla_Minutes__c: 15,
    Max_Attempts__c: 5,
    Batch_Size__c: 200
  }
];

function mount(): HTMLElement {
  const element = createElement('c-s2s-connections', { is: S2sConnections });
  document.body.appendChild(element);
  return element;
}
const $ = (element: HTMLElement, selector: string): HTMLElement | null =>
  element.shadowRoot!.querySelector(selector);

function change(element: HTMLElement, field: string, detail: Record<string, unknown>): void {
  $(element, `[data-field="${field}"]`)!.dispatchEvent(new CustomEvent('change', { detail }));
}

async function showData(connections = CONNECTIONS): Promise<void> {
  wire(getAccess).emit(ADMIN);
  wire(getConnections).emit(connections);
  wire(getNamedCredentials).emit([{ label: 'Service Org', value: 'Service_Org' }]);
  await flush();
}

/** The first row of the table, as the datatable hands it to a row action. */
function firstRow(element: HTMLElement): Record<string, unknown> {
  return ($(element, 'lightning-datatable') as HTMLElement & { data: Record<string, unknown>[] })
    .data[0];
}

function rowAction(element: HTMLElement, name: string): void {
  const row = firstRow(element);
  $(element, 'lightning-datatable')!.dispatchEvent(
    new CustomEvent('rowaction', { detail: { action: { name }, row } })
  );
}

describe('c-s2s-connections', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('shows a spinner while loading', async () => {
    const element = mount();
    await flush();
    expect($(element, 'lightning-spinner')).not.toBeNull();
    expect($(element, 'lightning-datatable')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says permission denied to a user without S2S_Administer', async () => {
    const element = mount();
    wire(getAccess).emit({ canAdminister: false, canSyncNow: true, canViewAudit: false });
    await flush();
    expect($(element, '[data-id="denied"]')!.textContent).toBe(
      'c.S2S_Permission_Denied_Administer'
    );
    expect($(element, 'lightning-spinner')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the error of a failed load', async () => {
    const element = mount();
    wire(getAccess).emit(ADMIN);
    wire(getConnections).error({ message: 'Insufficient access to S2S_Connection__c' });
    await flush();
    expect($(element, '[data-id="error"]')!.textContent).toBe(
      'Insufficient access to S2S_Connection__c'
    );
    await expect(element).toBeAccessible();
  });

  it('shows the empty state when there is no connection', async () => {
    const element = mount();
    await showData([]);
    expect($(element, '[data-id="empty"]')!.textContent).toContain('c.S2S_Connections_Empty');
    expect($(element, 'lightning-datatable')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('lists connections with edit, test, resume and delete actions', async () => {
    const element = mount();
    await showData();
    const table = $(element, 'lightning-datatable') as HTMLElement & {
      data: unknown[];
      columns: { type?: string; typeAttributes?: { rowActions: { name: string }[] } }[];
    };
    expect(table.data).toEqual([
      {
        id: 'a01000000000001AAA',
        name: 'Service org',
        namedCredential: 'Service_Org',
        direction: 'Bidirectional',
        mode: 'Package',
        active: true,
        peerOrgId: null,
        slaMinutes: 15,
        maxAttempts: 5,
        batchSize: 200,
        defaultOwner: null,
        inboundUsernames: null,
        applyWithoutAutomation: false,
        pausedReason: null,
        pausedText: ''
      }
    ]);
    const actions = table.columns
      .find((column) => column.type === 'action')!
      .typeAttributes!.rowActions.map((a) => a.name);
    expect(actions).toEqual(['edit', 'test', 'pause', 'resume', 'delete']);
    expect($(element, '[data-id="paused"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows why a connection is paused and how to resume it, then resumes it', async () => {
    const element = mount();
    await showData([{ ...CONNECTIONS[0], Paused_Reason__c: 'Sandbox_Refresh' }]);
    const table = $(element, 'lightning-datatable') as HTMLElement & {
      data: { pausedText: string }[];
    };
    expect(table.data[0].pausedText).toBe('c.S2S_Connections_Paused_Sandbox');
    expect($(element, '[data-id="paused"]')!.textContent!.trim()).toBe(
      'c.S2S_Connections_Paused_Help'
    );
    mocked(resumeConnection).mockResolvedValue(undefined);
    const toasts: string[] = [];
    element.addEventListener('lightning__showtoast', (e) =>
      toasts.push((e as CustomEvent).detail.variant)
    );
    rowAction(element, 'resume');
    await flush();
    expect(resumeConnection).toHaveBeenCalledWith({ connectionId: CONNECTIONS[0].Id });
    expect(toasts).toEqual(['success']);
    await expect(element).toBeAccessible();
  });

  it('pauses a connection as an admin, and says so when it was paused already', async () => {
    const element = mount();
    await showData();
    mocked(pauseConnection).mockResolvedValueOnce(true).mockResolvedValueOnce(false);
    const toasts: string[] = [];
    element.addEventListener('lightning__showtoast', (e) =>
      toasts.push((e as CustomEvent).detail.message)
    );
    rowAction(element, 'pause');
    await flush();
    rowAction(element, 'pause');
    await flush();
    expect(pauseConnection).toHaveBeenCalledWith({ connectionId: CONNECTIONS[0].Id });
    expect(toasts).toEqual(['c.S2S_Connections_Paused_Toast', 'c.S2S_Connections_Already_Paused']);
  });

  it('names a pause by an admin in the Paused column', async () => {
    const element = mount();
    await showData([{ ...CONNECTIONS[0], Paused_Reason__c: 'Admin' }]);
    const table = $(element, 'lightning-datatable') as HTMLElement & {
      data: { pausedText: string }[];
    };
    expect(table.data[0].pausedText).toBe('c.S2S_Connections_Paused_Admin');
  });

  it('pauses every connection at once and shows it, then resumes them all', async () => {
    const element = mount();
    await showData();
    const button = $(element, '[data-id="global-pause"]') as HTMLElement & { label: string };
    expect(button.label).toBe('c.S2S_Connections_Pause_All');
    expect($(element, '[data-id="global-paused"]')).toBeNull();
    mocked(setGlobalPause).mockResolvedValue(true);
    button.click();
    await flush();
    expect(setGlobalPause).toHaveBeenCalledWith({ paused: true });
    expect($(element, '[data-id="global-paused"]')).not.toBeNull();
    expect(button.label).toBe('c.S2S_Connections_Resume_All');
    await expect(element).toBeAccessible();
    button.click();
    await flush();
    expect(setGlobalPause).toHaveBeenLastCalledWith({ paused: false });
    expect($(element, '[data-id="global-paused"]')).toBeNull();
  });

  it('shows the global pause the server reports', async () => {
    const element = mount();
    await showData();
    wire(isPausedGlobally).emit(true);
    await flush();
    expect($(element, '[data-id="global-paused"]')!.textContent!.trim()).toBe(
      'c.S2S_Connections_Global_Paused'
    );
  });

  it('creates a connection: saving state, then toast and refreshed list', async () => {
    mocked(saveConnection).mockResolvedValue('a01000000000002AAA');
    const element = mount();
    await showData();
    const toasts: string[] = [];
    element.addEventListener('lightning__showtoast', (event) =>
      toasts.push((event as CustomEvent).detail.variant)
    );
    $(element, '[data-id="new"]')!.click();
    await flush();
    expect($(element, '[data-id="form"]')).not.toBeNull();
    await expect(element).toBeAccessible();
    change(element, 'name', { value: 'Marketing org' });
    change(element, 'namedCredential', { value: 'Service_Org' });
    change(element, 'batchSize', { value: '50' });
    change(element, 'inboundUsernames', { value: 'integration@marketing.example' });
    change(element, 'slaMinutes', { value: '' });
    change(element, 'active', { checked: false });
    ($(element, '[data-field="active"]') as HTMLElement & { type: string }).type = 'checkbox';
    change(element, 'active', { checked: false });
    ($(element, '[data-field="applyWithoutAutomation"]') as HTMLElement & { type: string }).type =
      'checkbox';
    change(element, 'applyWithoutAutomation', { checked: true });
    let finishSave: (value: string) => void = () => undefined;
    mocked(saveConnection).mockReturnValue(new Promise((resolve) => (finishSave = resolve)));
    $(element, '[data-id="save"]')!.click();
    await flush();
    expect(($(element, '[data-id="save"]') as HTMLElement & { disabled: boolean }).disabled).toBe(
      true
    );
    expect($(element, 'section lightning-spinner')).not.toBeNull();
    finishSave('a01000000000002AAA');
    await flush();
    expect(mocked(saveConnection)).toHaveBeenCalledWith({
      connection: {
        Name: 'Marketing org',
        Named_Credential__c: 'Service_Org',
        Batch_Size__c: 50,
        Inbound_Usernames__c: 'integration@marketing.example',
        Sla_Minutes__c: null,
        Max_Attempts__c: 5,
        Default_Owner_Username__c: null,
        Active__c: false,
        Apply_Without_Automation__c: true,
        Direction__c: 'Outbound',
        Mode__c: 'Package'
      }
    });
    expect(toasts).toEqual(['success']);
    expect($(element, '[data-id="form"]')).toBeNull();
  });

  it('refuses to save without a name or credential and names the field', async () => {
    const element = mount();
    wire(getAccess).emit(ADMIN);
    wire(getConnections).emit(CONNECTIONS);
    wire(getNamedCredentials).emit([]);
    await flush();
    $(element, '[data-id="new"]')!.click();
    await flush();
    expect($(element, '[data-id="no-credentials"]')).not.toBeNull();
    $(element, '[data-id="save"]')!.click();
    await flush();
    expect($(element, '[data-id="form-error"]')!.textContent).toBe('c.S2S_Error_Required_Field');
    change(element, 'name', { value: 'Peer' });
    $(element, '[data-id="save"]')!.click();
    await flush();
    expect($(element, '[data-id="form-error"]')).not.toBeNull();
    change(element, 'namedCredential', { value: 'Peer' });
    change(element, 'batchSize', { value: '500' });
    $(element, '[data-id="save"]')!.click();
    await flush();
    expect($(element, '[data-id="form-error"]')!.textContent).toBe('c.S2S_Error_Batch_Size');
    expect(mocked(saveConnection)).not.toHaveBeenCalled();
  });

  it('shows the server error of a failed save and keeps the form', async () => {
    mocked(saveConnection).mockRejectedValue({
      body: { message: 'Named Credential Nope is unknown' }
    });
    const element = mount();
    await showData();
    rowAction(element, 'edit');
    await flush();
    expect(($(element, '[data-field="name"]') as HTMLElement & { value: string }).value).toBe(
      'Service org'
    );
    $(element, '[data-id="save"]')!.click();
    await flush();
    expect($(element, '[data-id="form-error"]')!.textContent).toBe(
      'Named Credential Nope is unknown'
    );
    // an edit saves the record by its Id, with the settings the form edits (not the pause)
    expect(mocked(saveConnection)).toHaveBeenCalledWith({
      connection: expect.objectContaining({
        Id: 'a01000000000001AAA',
        Name: 'Service org',
        Named_Credential__c: 'Service_Org'
      })
    });
    expect(mocked(saveConnection).mock.calls[0][0].connection).not.toHaveProperty(
      'Paused_Reason__c'
    );
    expect($(element, '[data-id="form"]')).not.toBeNull();
    await expect(element).toBeAccessible();
    $(element, '[data-id="cancel"]')!.click();
    await flush();
    expect($(element, '[data-id="form"]')).toBeNull();
  });

  it('tests a connection and shows org id, versions and permissions', async () => {
    mocked(testConnection).mockResolvedValue({
      ok: true,
      orgId: '00D000000000001EAA',
      apiVersion: '65.0',
      packageVersion: '0.1.0',
      permissions: ['S2S_Inbound_Apply', 'ApiEnabled']
    });
    const element = mount();
    await showData();
    rowAction(element, 'test');
    await flush();
    expect(mocked(testConnection)).toHaveBeenCalledWith({ connectionId: 'a01000000000001AAA' });
    expect($(element, '[data-id="probe-org"]')!.textContent).toBe('00D000000000001EAA');
    expect($(element, '[data-id="probe-permissions"]')!.textContent).toBe(
      'S2S_Inbound_Apply, ApiEnabled'
    );
    await expect(element).toBeAccessible();
    $(element, '[data-id="probe-close"]')!.click();
    await flush();
    expect($(element, '[data-id="probe"]')).toBeNull();
  });

  it('shows the exact error of a failed test, from the probe or from the call', async () => {
    const element = mount();
    await showData();
    let finish: (value: unknown) => void = () => undefined;
    mocked(testConnection).mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
    rowAction(element, 'test');
    await flush();
    expect($(element, '[data-id="testing"]')).not.toBeNull();
    finish({ ok: false, error: 'Unauthorized endpoint: https://peer.example' });
    await flush();
    expect($(element, '[data-id="probe-error"]')!.textContent).toBe(
      'Unauthorized endpoint: https://peer.example'
    );
    mocked(testConnection).mockRejectedValueOnce({ body: { message: 'Read timed out' } });
    rowAction(element, 'test');
    await flush();
    expect($(element, '[data-id="probe-error"]')!.textContent).toBe('Read timed out');
  });

  it('deletes a connection only after confirmation', async () => {
    const confirm = jest.spyOn(LightningConfirm as unknown as { open(): Promise<boolean> }, 'open');
    confirm.mockResolvedValueOnce(false);
    const element = mount();
    await showData();
    rowAction(element, 'delete');
    await flush();
    expect(mocked(deleteConnection)).not.toHaveBeenCalled();
    confirm.mockResolvedValueOnce(true);
    mocked(deleteConnection).mockResolvedValueOnce(undefined);
    const toasts: string[] = [];
    element.addEventListener('lightning__showtoast', (event) =>
      toasts.push((event as CustomEvent).detail.variant)
    );
    rowAction(element, 'delete');
    await flush();
    expect(mocked(deleteConnection)).toHaveBeenCalledWith({ connectionId: 'a01000000000001AAA' });
    confirm.mockResolvedValueOnce(true);
    mocked(deleteConnection).mockRejectedValueOnce({ body: { message: 'Delete failed' } });
    rowAction(element, 'delete');
    await flush();
    expect(toasts).toEqual(['success', 'error']);
  });
});
