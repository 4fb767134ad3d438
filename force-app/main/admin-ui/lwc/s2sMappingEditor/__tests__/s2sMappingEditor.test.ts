import {
  $,
  $$,
  cleanDom,
  fire,
  flush,
  mocked,
  mockWire,
  mount as mountComponent,
  texts,
  wire
} from 'test-utils/s2sLwc';
import S2sMappingEditor from 'c/s2sMappingEditor';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getConnections from '@salesforce/apex/S2SConnectionsController.getConnections';
import getObjectMappings from '@salesforce/apex/S2SMappingController.getObjectMappings';
import getFieldMappings from '@salesforce/apex/S2SMappingController.getFieldMappings';
import getLocalObjects from '@salesforce/apex/S2SMappingController.getLocalObjects';
import describeLocalObject from '@salesforce/apex/S2SMappingController.describeLocalObject';
import describeRemoteObject from '@salesforce/apex/S2SMappingController.describeRemoteObject';
import describeSchedule from '@salesforce/apex/S2SMappingController.describeSchedule';
import saveMapping from '@salesforce/apex/S2SMappingController.saveMapping';
import previewMapping from '@salesforce/apex/S2SMappingController.previewMapping';
import compareMapping from '@salesforce/apex/S2SOrgCompareController.compareMapping';
import compareDraft from '@salesforce/apex/S2SOrgCompareController.compareDraft';

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
  {
    virtual: true
  }
);
jest.mock(
  '@salesforce/apex/S2SMappingController.describeSchedule',
  () => ({ default: jest.fn() }),
  {
    virtual: true
  }
);
jest.mock('@salesforce/apex/S2SMappingController.saveMapping', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock(
  '@salesforce/apex/S2SOrgCompareController.compareMapping',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock('@salesforce/apex/S2SOrgCompareController.applyFix', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SOrgCompareController.compareDraft', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SOrgCompareController.fixChain', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SMappingController.previewMapping', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SMappingController.deleteMapping', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock(
  '@salesforce/apex/S2SMappingController.exportConfiguration',
  () => ({ default: jest.fn() }),
  {
    virtual: true
  }
);
jest.mock(
  '@salesforce/apex/S2SMappingController.importConfiguration',
  () => ({ default: jest.fn() }),
  {
    virtual: true
  }
);

// Labels with their text, so messages are checked for naming the field and the step.
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
jest.mock('@salesforce/label/c.S2S_Error_Required_Field', () => ({ default: '{0} is required.' }), {
  virtual: true
});
jest.mock(
  '@salesforce/label/c.S2S_Error_Peer_Not_Found',
  () => ({ default: 'The peer org has no such object.' }),
  { virtual: true }
);

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

const mount = (props: Record<string, unknown> = {}): HTMLElement =>
  mountComponent('c-s2s-mapping-editor', S2sMappingEditor, props);
const SETTINGS = 'c-s2s-mapping-settings';
const TABLE = 'c-s2s-field-mapping-table';
const LIST = 'c-s2s-mapping-list';

function setting(
  element: HTMLElement,
  name: string,
  detail: Record<string, unknown>,
  type?: string
): void {
  fire($(element, SETTINGS, `[data-setting="${name}"]`)!, detail, type);
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
  setting(element, 'sourceObject', { value: 'Account' });
  setting(element, 'targetObject', { value: 'Account' });
  await flush();
  wire(describeLocalObject).emit(LOCAL_FIELDS);
  mocked(describeRemoteObject).mockResolvedValueOnce(REMOTE_FIELDS);
  $(element, SETTINGS, '[data-id="describe-target"]')!.click();
  await flush();
}

async function autoMapAll(element: HTMLElement): Promise<void> {
  $(element, TABLE, '[data-id="auto-map"]')!.click();
  await flush();
  $(element, TABLE, 'c-s2s-auto-map-review', '[data-id="review-apply"]')!.click();
  await flush();
}

/** Records every element that takes the focus. */
function watchFocus(): HTMLElement[] {
  const focused: HTMLElement[] = [];
  jest.spyOn(HTMLElement.prototype, 'focus').mockImplementation(function (this: HTMLElement) {
    focused.push(this);
  });
  return focused;
}

describe('c-s2s-mapping-editor', () => {
  afterEach(() => {
    cleanDom();
    jest.clearAllMocks();
    jest.restoreAllMocks();
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

  it('lets an analyst edit to propose a change, without save, new, clone, delete or import', async () => {
    const element = mount();
    wire(getAccess).emit({ canAdminister: false, canProposeMappingChange: true });
    wire(getConnections).emit(CONNECTIONS);
    wire(getLocalObjects).emit([{ name: 'Account', label: 'Account' }]);
    await flush();
    wire(getObjectMappings).emit([MAPPING]);
    await flush();
    expect($(element, '[data-id="denied"]')).toBeNull();
    expect($(element, '[data-id="new"]')).toBeNull();
    expect($(element, 'c-s2s-config-transfer')).toBeNull();
    expect($(element, LIST, '[data-action="clone"]')).toBeNull();
    expect($(element, LIST, '[data-action="delete"]')).toBeNull();
    $(element, LIST, `[data-action="edit"][data-id="${MAPPING.Id}"]`)!.click();
    await flush();
    expect($(element, '[data-id="save"]')).toBeNull();
    const propose = $(element, 'c-s2s-propose-change')!;
    expect(propose).not.toBeNull();
    propose.dispatchEvent(new CustomEvent('proposed', { detail: { id: 'a09000000000002AAA' } }));
    await flush();
    expect($(element, '[data-id="editor"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows a load error without the exception class name', async () => {
    const element = mount();
    wire(getAccess).emit(ADMIN);
    wire(getConnections).error({
      message: 'System.QueryException: No access to S2S_Connection__c'
    });
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

  it('lists mappings with their active state and opens one with its field mappings', async () => {
    const element = mount();
    await showList([
      MAPPING,
      {
        ...MAPPING,
        Id: 'a02000000000002AAA',
        Source_Object__c: 'Contact',
        Target_Object__c: 'Contact',
        Active__c: false
      }
    ]);
    expect(texts($$(element, LIST, '[data-id="active"]'))).toEqual([
      'c.S2S_Mapping_List_Active',
      'c.S2S_Mapping_List_Inactive'
    ]);
    await expect(element).toBeAccessible();
    $(element, LIST, `[data-action="edit"][data-id="${MAPPING.Id}"]`)!.click();
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
    expect($$(element, TABLE, 'tbody tr[data-row]').length).toBe(1);
    expect($(element, '[data-id="editor"] h2')!.textContent).toBe('Account → Account');
    await expect(element).toBeAccessible();
  });

  it('opens the org compare from the list and from the editor, and shows an applied fix in the row', async () => {
    const compared = {
      sourceObject: 'Account',
      targetObject: 'Account',
      connectionName: 'Service org',
      comparedAt: '2026-12-03T06:00:00.000Z',
      validationRulesVisible: true,
      validationRules: [],
      differences: []
    };
    mocked(compareMapping).mockResolvedValue(compared);
    mocked(compareDraft).mockResolvedValue(compared);
    const element = mount();
    await showList();
    $(element, LIST, `[data-action="compare"][data-id="${MAPPING.Id}"]`)!.click();
    await flush();
    await flush();
    expect(compareMapping).toHaveBeenCalledWith({ mappingId: MAPPING.Id });
    expect($(element, 'c-s2s-org-compare')).not.toBeNull();
    await expect(element).toBeAccessible();
    $(element, 'c-s2s-org-compare')!.dispatchEvent(new CustomEvent('close'));
    await flush();
    expect($(element, 'c-s2s-org-compare')).toBeNull();
    $(element, LIST, `[data-action="edit"][data-id="${MAPPING.Id}"]`)!.click();
    await flush();
    wire(getFieldMappings).emit([
      {
        Id: 'a03000000000001AAA',
        Source_Field__c: 'Industry',
        Target_Field__c: 'Industry',
        Active__c: true
      }
    ]);
    await flush();
    $(element, '[data-id="org-compare"]')!.click();
    await flush();
    const dialog = $(element, 'c-s2s-org-compare')!;
    // The editor compares the mapping as edited, not the saved one.
    const opened = dialog as unknown as {
      mappingId?: string;
      draft: { id: string };
      rows: unknown[];
    };
    expect(opened.mappingId).toBeUndefined();
    expect(opened.draft.id).toBe(MAPPING.Id);
    expect(opened.rows.length).toBe(1);
    expect(compareDraft).toHaveBeenCalledTimes(1);
    const chain = '[{"type":"valueMap","map":{"Tech":"Technology"}}]';
    dialog.dispatchEvent(
      new CustomEvent('applied', {
        detail: { fieldMappingId: 'a03000000000001AAA', targetField: 'industry', transforms: chain }
      })
    );
    await flush();
    const rows = ($(element, TABLE) as unknown as { rows: { transforms: string }[] }).rows;
    expect(rows[0].transforms).toBe(chain);
    const focused = watchFocus();
    dialog.dispatchEvent(new CustomEvent('close'));
    await flush();
    expect(focused).toContain($(element, '[data-id="org-compare"]'));
  });

  it('compares a new mapping with the peer before its first save, as edited', async () => {
    mocked(compareDraft).mockResolvedValue({
      mappingName: 'Account → Account',
      sourceObject: 'Account',
      targetObject: 'Account',
      connectionName: 'Service org',
      comparedAt: '2026-12-03T06:00:00.000Z',
      validationRulesVisible: true,
      validationRules: [],
      differences: [
        {
          severity: 'fine',
          kind: 'scale',
          sourceField: 'Score__c',
          targetField: 'Score__c',
          message: 'The peer keeps 1 decimal places',
          fixKind: 'round',
          scale: 1
        }
      ]
    });
    const element = mount();
    await openNewWithDescribes(element);
    $(element, TABLE, '[data-id="add-row"]')!.click();
    await flush();
    const key = $(element, TABLE, 'tbody tr')!.dataset.row as string;
    fire($(element, TABLE, `lightning-combobox[data-key="${key}"][data-prop="targetField"]`)!, {
      value: 'Score__c'
    });
    await flush();
    $(element, '[data-id="org-compare"]')!.click();
    await flush();
    await flush();
    expect(compareMapping).not.toHaveBeenCalled();
    const call = mocked(compareDraft).mock.calls[0][0];
    expect(call.mapping.Id).toBeUndefined();
    expect(call.mapping.Source_Object__c).toBe('Account');
    expect(call.mapping.Target_Object__c).toBe('Account');
    expect(call.fields.map((f: Record<string, unknown>) => f.Target_Field__c)).toEqual([
      'Score__c'
    ]);
    const dialog = $(element, 'c-s2s-org-compare')!;
    expect($(element, 'c-s2s-org-compare', '[data-id="draft-note"]')).not.toBeNull();
    expect($(element, 'c-s2s-org-compare', '[data-id="apply-round"]')).not.toBeNull();
    await expect(element).toBeAccessible();
    dialog.dispatchEvent(new CustomEvent('close'));
    await flush();
    expect($(element, 'c-s2s-org-compare')).toBeNull();
    expect(saveMapping).not.toHaveBeenCalled();
  });

  it('moves the focus to the source object after New mapping, and back to the list after Cancel', async () => {
    const element = mount();
    await showList();
    const focused = watchFocus();
    $(element, '[data-id="new"]')!.click();
    await flush();
    expect(focused.at(-1)).toBe($(element, SETTINGS, '[data-setting="sourceObject"]'));
    $(element, LIST)?.click();
    $(element, '[data-id="cancel"]')!.click();
    await flush();
    await flush();
    expect(focused.at(-1)).toBe($(element, LIST, '[data-id="list-search"]'));
  });

  it('returns the focus to the Edit button of the mapping after Cancel', async () => {
    const element = mount();
    await showList();
    const focused = watchFocus();
    $(element, LIST, `[data-action="edit"][data-id="${MAPPING.Id}"]`)!.click();
    await flush();
    $(element, '[data-id="cancel"]')!.click();
    await flush();
    await flush();
    expect(focused.at(-1)).toBe($(element, LIST, `[data-action="edit"][data-id="${MAPPING.Id}"]`));
  });

  it('auto-maps after review and shows type compatibility', async () => {
    const element = mount();
    await openNewWithDescribes(element);
    expect(mocked(describeRemoteObject)).toHaveBeenCalledWith({
      connectionId: 'a01000000000001AAA',
      objectName: 'Account'
    });
    await autoMapAll(element);
    expect(texts($$(element, TABLE, '[data-id="compat"]'))).toEqual([
      'c.S2S_Compat_Compatible',
      'c.S2S_Compat_Compatible',
      'c.S2S_Compat_Convertible'
    ]);
    await expect(element).toBeAccessible();
  });

  it('puts each error on its input, lists them at the top with links and focuses the first', async () => {
    const element = mount();
    await showList();
    $(element, '[data-id="new"]')!.click();
    await flush();
    setting(element, 'triggerMode', { value: 'Scheduled' });
    await flush();
    const marked: Record<string, string> = {};
    for (const input of $$(element, SETTINGS, '[data-setting]')) {
      (input as unknown as { setCustomValidity(m: string): void }).setCustomValidity = (m) => {
        marked[input.dataset.setting as string] = m;
      };
    }
    const focused = watchFocus();
    $(element, '[data-id="save"]')!.click();
    await flush();
    expect(marked).toEqual(
      expect.objectContaining({
        sourceObject: 'c.S2S_Mapping_Source_Object is required.',
        targetObject: 'c.S2S_Mapping_Target_Object is required.',
        scheduleCron: 'c.S2S_Mapping_Schedule_Cron is required.',
        direction: ''
      })
    );
    const links = $$(element, '[data-id="summary"] a');
    expect(texts(links)).toEqual([
      'c.S2S_Mapping_Source_Object: c.S2S_Mapping_Source_Object is required.',
      'c.S2S_Mapping_Target_Object: c.S2S_Mapping_Target_Object is required.',
      'c.S2S_Mapping_Schedule_Cron: c.S2S_Mapping_Schedule_Cron is required.'
    ]);
    expect(focused.at(-1)).toBe($(element, SETTINGS, '[data-setting="sourceObject"]'));
    links[2].click();
    expect(focused.at(-1)).toBe($(element, SETTINGS, '[data-setting="scheduleCron"]'));
    expect(mocked(saveMapping)).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('refuses to save an invalid row and names the field and the step', async () => {
    const element = mount();
    await openNewWithDescribes(element);
    $(element, TABLE, '[data-id="add-row"]')!.click();
    await flush();
    const key = $(element, TABLE, 'tbody tr')!.dataset.row as string;
    fire($(element, TABLE, `lightning-combobox[data-key="${key}"][data-prop="targetField"]`)!, {
      value: 'Active__c'
    });
    await flush();
    $(element, TABLE, `[data-id="toggle-transforms"][data-key="${key}"]`)!.click();
    await flush();
    const chain = $(element, TABLE, `c-s2s-transform-chain-editor[data-key="${key}"]`)!;
    (chain.shadowRoot!.querySelector('[data-id="add-step"]') as HTMLElement).click();
    await flush();
    expect($(element, TABLE, '[data-id="transforms-invalid"]')).not.toBeNull();
    const focused = watchFocus();
    $(element, '[data-id="save"]')!.click();
    await flush();
    await flush();
    expect(texts($$(element, '[data-id="summary"] li'))).toEqual([
      'c.S2S_Mapping_Error_Source_Missing',
      'Field Active__c, transform chain: Step 1: choose a transform.'
    ]);
    expect(focused.at(-1)).toBe($(element, TABLE, `[data-prop="targetField"][data-key="${key}"]`));
    expect(mocked(saveMapping)).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('keeps denied objects out of the object picker and refuses a denied peer object on its input', async () => {
    const element = mount();
    wire(getAccess).emit(ADMIN);
    wire(getConnections).emit(CONNECTIONS);
    wire(getLocalObjects).emit([
      { name: 'Account', label: 'Account' },
      { name: 'Profile', label: 'Profile' },
      { name: 'PermissionSet', label: 'Permission Set' },
      { name: 'S2S_Outbox__c', label: 'S2S Outbox' }
    ]);
    await flush();
    wire(getObjectMappings).emit([MAPPING]);
    await flush();
    $(element, '[data-id="new"]')!.click();
    await flush();
    const picker = $(element, SETTINGS, '[data-setting="sourceObject"]') as HTMLElement & {
      options: { value: string }[];
    };
    expect(picker.options.map((o) => o.value)).toEqual(['Account']);
    setting(element, 'sourceObject', { value: 'Account' });
    setting(element, 'targetObject', { value: 'PermissionSetAssignment' });
    await flush();
    $(element, '[data-id="save"]')!.click();
    await flush();
    expect(texts($$(element, '[data-id="summary"] li'))).toEqual([
      'c.S2S_Mapping_Target_Object: c.S2S_Mapping_Error_Denied_Object'
    ]);
    expect(mocked(saveMapping)).not.toHaveBeenCalled();
  });

  it('shows the cron next runs from the controller and refuses a cron it says is not valid', async () => {
    const element = mount();
    await showList();
    $(element, '[data-id="new"]')!.click();
    await flush();
    setting(element, 'triggerMode', { value: 'Scheduled' });
    await flush();
    mocked(describeSchedule).mockResolvedValueOnce({
      valid: true,
      nextRuns: ['2030-01-01T02:00:00.000Z', '2030-01-02T02:00:00.000Z', '2030-01-03T02:00:00.000Z']
    });
    setting(element, 'scheduleCron', { value: '0 0 2 * * ?' });
    await flush();
    expect(mocked(describeSchedule)).toHaveBeenCalledWith({ cronExpression: '0 0 2 * * ?' });
    expect(
      $$(element, SETTINGS, '[data-id="next-runs"] lightning-formatted-date-time').length
    ).toBe(3);
    mocked(describeSchedule).mockResolvedValueOnce({
      valid: false,
      error:
        'Seconds and minutes must be single numbers: Apex runs a schedule at most once an hour.'
    });
    setting(element, 'scheduleCron', { value: '0 */5 * * * ?' });
    await flush();
    expect($(element, SETTINGS, '[data-id="cron-error"]')!.textContent).toContain(
      'at most once an hour'
    );
    setting(element, 'sourceObject', { value: 'Account' });
    setting(element, 'targetObject', { value: 'Account' });
    await flush();
    $(element, '[data-id="save"]')!.click();
    await flush();
    expect(texts($$(element, '[data-id="summary"] li'))).toEqual([
      'c.S2S_Mapping_Schedule_Cron: Seconds and minutes must be single numbers: Apex runs a schedule at most once an hour.'
    ]);
    expect(mocked(saveMapping)).not.toHaveBeenCalled();
  });

  it('saves a valid mapping with its settings and fields, then focuses it in the list', async () => {
    const element = mount();
    await openNewWithDescribes(element);
    await autoMapAll(element);
    const rows = $$(element, TABLE, 'tbody tr');
    const lastKey = rows[2].dataset.row as string;
    fire(
      $(element, TABLE, `[data-key="${lastKey}"][data-prop="sensitive"]`)!,
      { checked: true },
      'checkbox'
    );
    await flush();
    $(element, TABLE, `[data-id="remove-row"][data-key="${rows[1].dataset.row}"]`)!.click();
    setting(element, 'sequence', { value: '20' });
    setting(element, 'filter', { value: "Industry = 'Energy'" });
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
        Connection__c: 'a01000000000001AAA',
        Source_Object__c: 'Account',
        Sequence__c: 20,
        Active__c: true,
        Filter__c: "Industry = 'Energy'",
        Schedule_Cron__c: null
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
    const focused = watchFocus();
    finish({ success: true, mappingId: MAPPING.Id });
    await flush();
    await flush();
    expect(toasts).toEqual(['success']);
    expect($(element, '[data-id="editor"]')).toBeNull();
    expect(focused.at(-1)).toBe($(element, LIST, `[data-action="edit"][data-id="${MAPPING.Id}"]`));
  });

  it('puts the engine errors on their settings and rows', async () => {
    const element = mount();
    await openNewWithDescribes(element);
    await autoMapAll(element);
    mocked(saveMapping).mockResolvedValueOnce({
      success: false,
      errors: ['ignored when issues are given'],
      issues: [
        {
          severity: 'error',
          field: 'Source_Object__c',
          message:
            'Account is mapped already on this connection (Account → Account): edit that mapping instead.'
        },
        {
          severity: 'error',
          field: 'Target_Field__c',
          targetField: 'Industry',
          message: 'Field Industry: the peer org has no field Industry on Account.'
        }
      ]
    });
    $(element, '[data-id="save"]')!.click();
    await flush();
    await flush();
    expect(texts($$(element, '[data-id="summary"] li'))).toEqual([
      'c.S2S_Mapping_Source_Object: Account is mapped already on this connection (Account → Account): edit that mapping instead.',
      'Field Industry: the peer org has no field Industry on Account.'
    ]);
    mocked(saveMapping).mockRejectedValueOnce({
      body: { message: 'System.AuraHandledException: Insufficient access' }
    });
    $(element, '[data-id="save"]')!.click();
    await flush();
    expect(texts($$(element, '[data-id="summary"] li'))).toEqual(['Insufficient access']);
  });

  it('keeps the editor open with the warnings when the mapping was saved inactive', async () => {
    const element = mount();
    await openNewWithDescribes(element);
    mocked(saveMapping).mockResolvedValueOnce({
      success: true,
      mappingId: 'a02000000000009AAA',
      issues: [
        {
          severity: 'warning',
          field: 'Target_Object__c',
          message: 'The peer org could not be checked; saved inactive.'
        }
      ]
    });
    const toasts: string[] = [];
    element.addEventListener('lightning__showtoast', (event) =>
      toasts.push((event as CustomEvent).detail.variant)
    );
    $(element, '[data-id="save"]')!.click();
    await flush();
    expect(toasts).toEqual(['warning']);
    expect($(element, '[data-id="summary"] h3')!.textContent).toBe('c.S2S_Mapping_Warnings_Title');
    expect(
      ($(element, SETTINGS, '[data-setting="active"]') as HTMLElement & { checked: boolean })
        .checked
    ).toBe(false);
    mocked(saveMapping).mockResolvedValueOnce({ success: true, mappingId: 'a02000000000009AAA' });
    $(element, '[data-id="save"]')!.click();
    await flush();
    expect(mocked(saveMapping).mock.calls[1][0].mapping.Id).toBe('a02000000000009AAA');
  });

  it('translates the peer describe error into what to do', async () => {
    const element = mount();
    await showList();
    $(element, '[data-id="new"]')!.click();
    await flush();
    setting(element, 'targetObject', { value: 'Nope__c' });
    await flush();
    mocked(describeRemoteObject).mockRejectedValueOnce({
      body: {
        message:
          'HTTP 404: [{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]'
      }
    });
    $(element, SETTINGS, '[data-id="describe-target"]')!.click();
    await flush();
    expect($(element, SETTINGS, '[data-id="describe-error"]')!.textContent!.trim()).toBe(
      'The peer org has no such object.'
    );
  });

  it('clones a mapping into a new, inactive draft with copies of its fields', async () => {
    const element = mount();
    await showList();
    $(element, LIST, `[data-action="clone"][data-id="${MAPPING.Id}"]`)!.click();
    await flush();
    expect($(element, SETTINGS, '[data-setting="connectionId"]')).not.toBeNull();
    wire(getFieldMappings).emit([
      { Id: 'a03000000000001AAA', Source_Field__c: 'Name', Target_Field__c: 'Name' }
    ]);
    await flush();
    setting(element, 'connectionId', { value: 'a01000000000002AAA' });
    await flush();
    mocked(saveMapping).mockResolvedValueOnce({ success: true, mappingId: 'a02000000000003AAA' });
    $(element, '[data-id="save"]')!.click();
    await flush();
    const call = mocked(saveMapping).mock.calls[0][0];
    expect(call.mapping.Id).toBeUndefined();
    expect(call.mapping.Connection__c).toBe('a01000000000002AAA');
    expect(call.mapping.Active__c).toBe(false);
    expect(call.fields[0].Id).toBeUndefined();
  });

  it('previews only the mapped target values', async () => {
    const element = mount();
    await openNewWithDescribes(element);
    await autoMapAll(element);
    fire($(element, 'c-s2s-mapping-preview', '[data-id="sample"]')!, {
      value: '001000000000001AAA'
    });
    await flush();
    mocked(previewMapping).mockResolvedValueOnce({
      Name: 'Acme',
      Industry: null,
      Active__c: 'true',
      __filterPassed: false,
      __lookups: {},
      __recordType: null,
      __ownerId: '005000000000001AAA'
    });
    $(element, 'c-s2s-mapping-preview', '[data-id="preview"]')!.click();
    await flush();
    expect(mocked(previewMapping).mock.calls[0][0].sampleRecordId).toBe('001000000000001AAA');
    expect(texts($$(element, 'c-s2s-mapping-preview', '[data-id="preview-table"] td'))).toEqual([
      'Active__c',
      'true',
      'Industry',
      '',
      'Name',
      'Acme'
    ]);
    expect($(element, 'c-s2s-mapping-preview', '[data-id="filter-result"]')!.textContent).toBe(
      'c.S2S_Mapping_Filter_Failed'
    );
    await expect(element).toBeAccessible();
  });

  it('syncs files when the box is ticked, with the size limit the admin types', async () => {
    const element = mount();
    await openNewWithDescribes(element);
    await autoMapAll(element);
    expect($(element, SETTINGS, '[data-setting="maxFileSizeKb"]')).toBeNull();
    setting(element, 'syncFiles', { checked: true }, 'checkbox');
    await flush();
    expect($(element, SETTINGS, '[data-setting="maxFileSizeKb"]')).not.toBeNull();
    setting(element, 'maxFileSizeKb', { value: '512' });
    await flush();
    mocked(saveMapping).mockResolvedValueOnce({ success: true, mappingId: 'a02000000000009AAA' });
    $(element, '[data-id="save"]')!.click();
    await flush();
    expect(mocked(saveMapping).mock.calls[0][0].mapping).toEqual(
      expect.objectContaining({ Sync_Files__c: true, Max_File_Size_KB__c: 512 })
    );
    await expect(element).toBeAccessible();
  });
});
