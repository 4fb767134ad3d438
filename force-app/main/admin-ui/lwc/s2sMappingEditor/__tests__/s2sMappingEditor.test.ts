import { createElement } from 'lwc';
import S2sMappingEditor from 'c/s2sMappingEditor';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getConnections from '@salesforce/apex/S2SConnectionsController.getConnections';
import getObjectMappings from '@salesforce/apex/S2SMappingController.getObjectMappings';
import getFieldMappings from '@salesforce/apex/S2SMappingController.getFieldMappings';
import getLocalObjects from '@salesforce/apex/S2SMappingController.getLocalObjects';
import describeLocalObject from '@salesforce/apex/S2SMappingController.describeLocalObject';
import describeRemoteObject from '@salesforce/apex/S2SMappingController.describeRemoteObject';
import saveMapping from '@salesforce/apex/S2SMappingController.saveMapping';
import previewMapping from '@salesforce/apex/S2SMappingController.previewMapping';
import exportConfiguration from '@salesforce/apex/S2SMappingController.exportConfiguration';
import importConfiguration from '@salesforce/apex/S2SMappingController.importConfiguration';

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
jest.mock('@salesforce/apex/S2SMappingController.getObjectMappings', () => mockWire(), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SMappingController.getFieldMappings', () => mockWire(), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SMappingController.getLocalObjects', () => mockWire(), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SMappingController.describeLocalObject', () => mockWire(), {
  virtual: true
});
jest.mock(
  '@salesforce/apex/S2SMappingController.describeRemoteObject',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock('@salesforce/apex/S2SMappingController.saveMapping', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SMappingController.previewMapping', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock(
  '@salesforce/apex/S2SMappingController.exportConfiguration',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/S2SMappingController.importConfiguration',
  () => ({ default: jest.fn() }),
  { virtual: true }
);

// Two labels with their text, so a message is checked for naming the field and the step.
jest.mock(
  '@salesforce/label/c.S2S_Mapping_Error_Transforms',
  () => ({ default: 'Field {0}, transform chain: {1}' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.S2S_Transform_Error_Type_Required',
  () => ({ default: 'Step {0}: choose a transform.' }),
  { virtual: true }
);

interface TestWire {
  emit(value: unknown): void;
  error(body?: unknown): void;
  getLastConfig(): Record<string, unknown>;
}
const wire = (adapter: unknown): TestWire => adapter as TestWire;
const mocked = (fn: unknown): jest.Mock => fn as jest.Mock;
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const ADMIN = { canAdminister: true, canSyncNow: true, canViewAudit: true };
const CONNECTIONS = [
  { Id: 'a01000000000001AAA', Name: 'Service org' },
  { Id: 'a01000000000002AAA', Name: 'Marketing org' }
];
const MAPPING = {
  Id: 'a02000000000001AAA',
  Connection__c: 'a01000000000001AAA',
  Source_Object__c: 'Account',
  Target_Object__c: 'Account',
  Direction__c: 'Outbound',
  Trigger_Mode__c: 'Realtime_Trigger',
  Conflict_Policy__c: 'Source_Wins',
  Delete_Policy__c: 'Ignore',
  Owner_Rule__c: 'Keep_Default',
  Active__c: true,
  Sequence__c: 10
};
const LOCAL_FIELDS = [
  { name: 'Name', label: 'Account Name', type: 'STRING', updateable: true },
  { name: 'Industry', label: 'Industry', type: 'PICKLIST', updateable: true },
  { name: 'IsActive__c', label: 'Active', type: 'BOOLEAN', updateable: true }
];
const REMOTE_FIELDS = [
  { name: 'Name', label: 'Account Name', type: 'string', updateable: true },
  { name: 'Industry', label: 'Industry', type: 'picklist', updateable: true },
  { name: 'Active__c', label: 'Active', type: 'string', updateable: true },
  { name: 'Id', label: 'Account ID', type: 'id', updateable: false }
];

function mount(props: Record<string, unknown> = {}): HTMLElement {
  const element = createElement('c-s2s-mapping-editor', { is: S2sMappingEditor });
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}
const $ = (element: HTMLElement, selector: string): HTMLElement | null =>
  element.shadowRoot!.querySelector(selector);
const $$ = (element: HTMLElement, selector: string): HTMLElement[] => [
  ...element.shadowRoot!.querySelectorAll<HTMLElement>(selector)
];

function fire(target: HTMLElement, detail: Record<string, unknown>, type?: string): void {
  if (type) (target as HTMLElement & { type: string }).type = type;
  target.dispatchEvent(new CustomEvent('change', { detail }));
}
function setting(
  element: HTMLElement,
  name: string,
  detail: Record<string, unknown>,
  type?: string
): void {
  fire($(element, `[data-setting="${name}"]`)!, detail, type);
}

async function showList(mappings: unknown[] = [MAPPING]): Promise<void> {
  wire(getAccess).emit(ADMIN);
  wire(getConnections).emit(CONNECTIONS);
  wire(getLocalObjects).emit([{ name: 'Account', label: 'Account' }]);
  await flush();
  wire(getObjectMappings).emit(mappings);
  await flush();
}

async function openNewWithDescribes(element: HTMLElement): Promise<void> {
  await showList();
  $(element, '[data-id="new"]')!.click();
  await flush();
  setting(element, 'Source_Object__c', { value: 'Account' });
  setting(element, 'Target_Object__c', { value: 'Account' });
  await flush();
  wire(describeLocalObject).emit(LOCAL_FIELDS);
  mocked(describeRemoteObject).mockResolvedValueOnce(REMOTE_FIELDS);
  $(element, '[data-id="describe-target"]')!.click();
  await flush();
}

describe('c-s2s-mapping-editor', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('shows a spinner while loading', async () => {
    const element = mount();
    await flush();
    expect($(element, 'lightning-spinner')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says permission denied without S2S_Administer', async () => {
    const element = mount();
    wire(getAccess).emit({ canAdminister: false });
    await flush();
    expect($(element, '[data-id="denied"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows a load error', async () => {
    const element = mount();
    wire(getAccess).emit(ADMIN);
    wire(getConnections).error({ message: 'No access to S2S_Connection__c' });
    await flush();
    expect($(element, '[data-id="error"]')!.textContent).toBe('No access to S2S_Connection__c');
  });

  it('asks for a connection first when there is none', async () => {
    const element = mount();
    wire(getAccess).emit(ADMIN);
    wire(getConnections).emit([]);
    await flush();
    expect($(element, '[data-id="no-connections"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('loads the mappings of the first connection, then of the chosen one, with an empty state', async () => {
    const element = mount();
    await showList([]);
    expect(wire(getObjectMappings).getLastConfig()).toEqual({ connectionId: 'a01000000000001AAA' });
    expect($(element, '[data-id="empty"]')).not.toBeNull();
    await expect(element).toBeAccessible();
    fire($(element, '[data-id="connection"]')!, { value: 'a01000000000002AAA' });
    await flush();
    expect(wire(getObjectMappings).getLastConfig()).toEqual({ connectionId: 'a01000000000002AAA' });
  });

  it('opens the connection given by App Builder or the record page', async () => {
    mount({ recordId: 'a01000000000002AAA' });
    wire(getAccess).emit(ADMIN);
    wire(getConnections).emit(CONNECTIONS);
    await flush();
    expect(wire(getObjectMappings).getLastConfig()).toEqual({ connectionId: 'a01000000000002AAA' });
  });

  it('lists mappings and opens one with its field mappings', async () => {
    const element = mount();
    await showList();
    expect($(element, '[data-id="mappings"]')!.textContent).toContain('Account → Account');
    expect($(element, '[data-id="mappings"]')!.textContent).toContain(
      'c.S2S_Trigger_Realtime_Trigger'
    );
    await expect(element).toBeAccessible();
    $(element, `lightning-button[data-id="${MAPPING.Id}"]`)!.click();
    await flush();
    expect(wire(getFieldMappings).getLastConfig()).toEqual({ objectMappingId: MAPPING.Id });
    expect(wire(describeLocalObject).getLastConfig()).toEqual({ objectName: 'Account' });
    wire(getFieldMappings).emit([
      {
        Id: 'a03000000000001AAA',
        Source_Field__c: 'Name',
        Target_Field__c: 'Name',
        Sensitive__c: true,
        Active__c: true
      }
    ]);
    await flush();
    expect($$(element, 'tbody tr[data-row]').length).toBe(1);
    expect($(element, '[data-id="editor"] h2')!.textContent).toBe('Account → Account');
    await expect(element).toBeAccessible();
  });

  it('auto-maps by name and label and shows type compatibility', async () => {
    const element = mount();
    await openNewWithDescribes(element);
    expect(mocked(describeRemoteObject)).toHaveBeenCalledWith({
      connectionId: 'a01000000000001AAA',
      objectName: 'Account'
    });
    $(element, '[data-id="auto-map"]')!.click();
    await flush();
    const badges = $$(element, '[data-id="compat"]').map((badge) => badge.textContent);
    expect(badges).toEqual([
      'c.S2S_Compat_Compatible',
      'c.S2S_Compat_Compatible',
      'c.S2S_Compat_Convertible'
    ]);
    await expect(element).toBeAccessible();
  });

  it('refuses to save an invalid mapping and names the field', async () => {
    const element = mount();
    await openNewWithDescribes(element);
    $(element, '[data-id="add-row"]')!.click();
    await flush();
    const key = $(element, 'tbody tr')!.dataset.row as string;
    fire($(element, `lightning-combobox[data-key="${key}"][data-prop="targetField"]`)!, {
      value: 'Active__c'
    });
    // A step added in the chain editor but given no type: the chain is not valid yet.
    $(element, `[data-id="toggle-transforms"][data-key="${key}"]`)!.click();
    await flush();
    const chain = $(element, `c-s2s-transform-chain-editor[data-key="${key}"]`)!;
    (chain.shadowRoot!.querySelector('[data-id="add-step"]') as HTMLElement).click();
    await flush();
    expect($(element, '[data-id="transforms-invalid"]')).not.toBeNull();
    $(element, '[data-id="save"]')!.click();
    await flush();
    const messages = $$(element, '[data-id="errors"] li').map((item) => item.textContent);
    expect(messages).toEqual([
      'c.S2S_Mapping_Error_Source_Missing',
      'Field Active__c, transform chain: Step 1: choose a transform.'
    ]);
    expect(mocked(saveMapping)).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('keeps denied objects out of the object picker and refuses a denied peer object', async () => {
    const element = mount();
    wire(getAccess).emit(ADMIN);
    wire(getConnections).emit(CONNECTIONS);
    wire(getLocalObjects).emit([
      { name: 'Account', label: 'Account' },
      { name: 'User', label: 'User' },
      { name: 'Group', label: 'Group' },
      { name: 'S2S_Outbox__c', label: 'S2S Outbox' }
    ]);
    await flush();
    wire(getObjectMappings).emit([MAPPING]);
    await flush();
    $(element, '[data-id="new"]')!.click();
    await flush();
    const picker = $(
      element,
      'lightning-combobox[data-setting="Source_Object__c"]'
    ) as HTMLElement & {
      options: { value: string }[];
    };
    expect(picker.options.map((o) => o.value)).toEqual(['Account']);
    setting(element, 'Source_Object__c', { value: 'Account' });
    setting(element, 'Target_Object__c', { value: 'PermissionSetAssignment' });
    await flush();
    $(element, '[data-id="save"]')!.click();
    await flush();
    const messages = $$(element, '[data-id="errors"] li').map((item) => item.textContent);
    expect(messages).toContain('c.S2S_Mapping_Error_Denied_Object');
    expect(mocked(saveMapping)).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('edits a row transform chain in the chain editor below the row and saves its JSON', async () => {
    const element = mount();
    await showList();
    $(element, `lightning-button[data-id="${MAPPING.Id}"]`)!.click();
    await flush();
    wire(describeLocalObject).emit(LOCAL_FIELDS);
    wire(getFieldMappings).emit([
      {
        Id: 'a03000000000001AAA',
        Source_Field__c: 'Industry',
        Target_Field__c: 'Industry',
        Transforms__c: '[{"type":"valueMap","map":{"Tech":"Technology"}}]',
        Active__c: true
      },
      { Id: 'a03000000000002AAA', Source_Field__c: 'Name', Target_Field__c: 'Name' }
    ]);
    await flush();
    const summaries = $$(element, '[data-id="transforms-summary"]').map((cell) => cell.textContent);
    expect(summaries).toEqual(['c.S2S_Transform_Type_ValueMap', 'c.S2S_Transform_Summary_None']);
    expect($(element, 'c-s2s-transform-chain-editor')).toBeNull();

    // Open the Name row's chain: one editor, full width below that row, with the source fields.
    const toggle = $(element, '[data-id="toggle-transforms"][data-key="a03000000000002AAA"]')!;
    toggle.click();
    await flush();
    const chain = $(element, 'tr[data-editor="a03000000000002AAA"] c-s2s-transform-chain-editor')!;
    expect((chain as HTMLElement & { fieldName: string }).fieldName).toBe('Name');
    expect(
      (chain as HTMLElement & { sourceFields: { value: string }[] }).sourceFields.map(
        (option) => option.value
      )
    ).toEqual(['Name', 'Industry', 'IsActive__c']);
    expect((toggle as HTMLElement & { ariaExpanded: string }).ariaExpanded).toBe('true');
    await expect(element).toBeAccessible();

    // Add a "default" step with a value: the row's summary and the saved JSON follow.
    const inner = (selector: string): HTMLElement =>
      chain.shadowRoot!.querySelector(selector) as HTMLElement;
    inner('[data-id="add-step"]').click();
    await flush();
    fire(inner('[data-id="type"]'), { value: 'default' });
    await flush();
    fire(inner('[data-option="value"]'), { value: 'Unnamed' });
    await flush();
    expect($$(element, '[data-id="transforms-summary"]')[1].textContent).toBe(
      'c.S2S_Transform_Type_Default'
    );
    expect($(element, '[data-id="transforms-invalid"]')).toBeNull();
    toggle.click();
    await flush();
    expect($(element, 'c-s2s-transform-chain-editor')).toBeNull();

    mocked(saveMapping).mockResolvedValueOnce({ success: true });
    $(element, '[data-id="save"]')!.click();
    await flush();
    expect(mocked(saveMapping).mock.calls[0][0].fields.map((f: any) => f.Transforms__c)).toEqual([
      '[{"type":"valueMap","map":{"Tech":"Technology"}}]',
      '[{"type":"default","value":"Unnamed"}]'
    ]);
  });

  it('requires objects and a cron for scheduled mappings', async () => {
    const element = mount();
    await showList();
    $(element, '[data-id="new"]')!.click();
    await flush();
    setting(element, 'Trigger_Mode__c', { value: 'Scheduled' });
    await flush();
    expect($(element, '[data-setting="Schedule_Cron__c"]')).not.toBeNull();
    $(element, '[data-id="save"]')!.click();
    await flush();
    expect($$(element, '[data-id="errors"] li').length).toBe(3);
    expect($(element, '[data-id="no-fields"]')).not.toBeNull();
  });

  it('saves a valid mapping with its settings and fields, showing the saving state', async () => {
    const element = mount();
    await openNewWithDescribes(element);
    $(element, '[data-id="auto-map"]')!.click();
    await flush();
    const rows = $$(element, 'tbody tr');
    const lastKey = rows[2].dataset.row as string;
    fire(
      $(element, `[data-key="${lastKey}"][data-prop="sensitive"]`)!,
      { checked: true },
      'checkbox'
    );
    $(element, `[data-id="remove-row"][data-key="${rows[1].dataset.row}"]`)!.click();
    setting(element, 'Sequence__c', { value: '20' });
    setting(element, 'Active__c', { checked: false }, 'checkbox');
    setting(element, 'Filter__c', { value: "Industry = 'Energy'" });
    await flush();
    let finish: (value: unknown) => void = () => undefined;
    mocked(saveMapping).mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
    $(element, '[data-id="save"]')!.click();
    await flush();
    expect(($(element, '[data-id="save"]') as HTMLElement & { disabled: boolean }).disabled).toBe(
      true
    );
    const call = mocked(saveMapping).mock.calls[0][0];
    expect(call.mapping).toEqual(
      expect.objectContaining({
        Source_Object__c: 'Account',
        Sequence__c: 20,
        Active__c: false,
        Filter__c: "Industry = 'Energy'"
      })
    );
    expect(call.fields).toEqual([
      {
        Source_Field__c: 'Name',
        Source_Expression__c: null,
        Target_Field__c: 'Name',
        Transforms__c: null,
        Sensitive__c: false,
        Active__c: true
      },
      {
        Source_Field__c: 'IsActive__c',
        Source_Expression__c: null,
        Target_Field__c: 'Active__c',
        Transforms__c: null,
        Sensitive__c: true,
        Active__c: true
      }
    ]);
    const toasts: string[] = [];
    element.addEventListener('lightning__showtoast', (event) =>
      toasts.push((event as CustomEvent).detail.variant)
    );
    finish({ success: true, mappingId: 'a02000000000009AAA' });
    await flush();
    expect(toasts).toEqual(['success']);
    expect($(element, '[data-id="editor"]')).toBeNull();
  });

  it('shows the engine validation errors and call failures on save', async () => {
    const element = mount();
    await openNewWithDescribes(element);
    mocked(saveMapping).mockResolvedValueOnce({
      success: false,
      errors: ['Field Name: unknown on Account in the peer org']
    });
    $(element, '[data-id="save"]')!.click();
    await flush();
    expect($(element, '[data-id="errors"] li')!.textContent).toBe(
      'Field Name: unknown on Account in the peer org'
    );
    mocked(saveMapping).mockRejectedValueOnce({ body: { message: 'Insufficient access' } });
    $(element, '[data-id="save"]')!.click();
    await flush();
    expect($(element, '[data-id="errors"] li')!.textContent).toBe('Insufficient access');
  });

  it('shows the error of a remote describe', async () => {
    const element = mount();
    await showList();
    $(element, '[data-id="new"]')!.click();
    await flush();
    setting(element, 'Target_Object__c', { value: 'Nope__c' });
    mocked(describeRemoteObject).mockRejectedValueOnce({
      body: { message: 'Peer has no object Nope__c' }
    });
    $(element, '[data-id="describe-target"]')!.click();
    await flush();
    expect($(element, '[data-id="describe-error"]')!.textContent).toBe(
      'Peer has no object Nope__c'
    );
  });

  it('previews the mapping on a sample record, including the filter result', async () => {
    const element = mount();
    await openNewWithDescribes(element);
    $(element, '[data-id="auto-map"]')!.click();
    fire($(element, '[data-id="sample"]')!, { value: '001000000000001AAA' });
    await flush();
    mocked(previewMapping).mockResolvedValueOnce({
      Name: 'Acme',
      Industry: null,
      __filterPassed: false
    });
    $(element, '[data-id="preview"]')!.click();
    await flush();
    expect(mocked(previewMapping).mock.calls[0][0].sampleRecordId).toBe('001000000000001AAA');
    const cells = $$(element, '[data-id="preview-table"] td').map((cell) => cell.textContent);
    expect(cells).toEqual(['Industry', '', 'Name', 'Acme']);
    expect($(element, '[data-id="filter-result"]')!.textContent).toBe(
      'c.S2S_Mapping_Filter_Failed'
    );
    await expect(element).toBeAccessible();
    mocked(previewMapping).mockRejectedValueOnce({ body: { message: 'Record not found' } });
    $(element, '[data-id="preview"]')!.click();
    await flush();
    expect($(element, '[data-id="preview-error"]')!.textContent).toBe('Record not found');
    $(element, '[data-id="cancel"]')!.click();
    await flush();
    expect($(element, '[data-id="mappings"]')).not.toBeNull();
  });

  it('exports the configuration as a JSON download', async () => {
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    mocked(exportConfiguration).mockResolvedValueOnce('{"version":1}');
    const element = mount();
    await showList();
    $(element, '[data-id="export"]')!.click();
    await flush();
    expect(click).toHaveBeenCalledTimes(1);
    mocked(exportConfiguration).mockRejectedValueOnce({ body: { message: 'nope' } });
    const toasts: string[] = [];
    element.addEventListener('lightning__showtoast', (event) =>
      toasts.push((event as CustomEvent).detail.message)
    );
    $(element, '[data-id="export"]')!.click();
    await flush();
    expect(toasts).toEqual(['nope']);
    click.mockRestore();
  });

  it('imports a configuration and reports counts or the errors', async () => {
    const element = mount();
    await showList();
    fire($(element, '[data-id="import-text"]')!, { value: '{"version":1}' });
    mocked(importConfiguration).mockResolvedValueOnce({
      success: true,
      connections: 1,
      objectMappings: 2,
      fieldMappings: 9,
      errors: []
    });
    $(element, '[data-id="import"]')!.click();
    await flush();
    expect(mocked(importConfiguration)).toHaveBeenCalledWith({
      configurationJson: '{"version":1}'
    });
    expect($(element, '[data-id="import-message"]')!.textContent).toBe('c.S2S_Mapping_Imported');
    mocked(importConfiguration).mockResolvedValueOnce({
      success: false,
      errors: ['Account → Account, field Foo__c: unknown']
    });
    $(element, '[data-id="import"]')!.click();
    await flush();
    expect($(element, '[data-id="import-errors"] li')!.textContent).toBe(
      'Account → Account, field Foo__c: unknown'
    );
    mocked(importConfiguration).mockRejectedValueOnce({
      body: { message: 'The configuration is empty' }
    });
    $(element, '[data-id="import"]')!.click();
    await flush();
    expect($(element, '[data-id="import-errors"] li')!.textContent).toBe(
      'The configuration is empty'
    );
    await expect(element).toBeAccessible();
  });
});
