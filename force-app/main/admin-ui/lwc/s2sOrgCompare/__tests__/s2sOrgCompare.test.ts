import S2sOrgCompare from 'c/s2sOrgCompare';
import compareMapping from '@salesforce/apex/S2SOrgCompareController.compareMapping';
import applyFix from '@salesforce/apex/S2SOrgCompareController.applyFix';
import compareDraft from '@salesforce/apex/S2SOrgCompareController.compareDraft';
import fixChain from '@salesforce/apex/S2SOrgCompareController.fixChain';
import { newDraft } from 'c/s2sMappingModel';
import { downloadText } from 'c/s2sUtils';
import { $, $$, cleanDom, fire, flush, mocked, mount, texts } from 'test-utils/s2sLwc';

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
jest.mock('c/s2sUtils', () => ({ ...jest.requireActual('c/s2sUtils'), downloadText: jest.fn() }));

const MAPPING = 'a02000000000001AAA';
const LEAD_SOURCE = 'a03000000000001AAA';

function result(overrides: Record<string, unknown> = {}) {
  return {
    mappingName: 'Contacts',
    sourceObject: 'Contact',
    targetObject: 'Contact',
    connectionName: 'Service org',
    comparedAt: '2026-12-03T06:00:00.000Z',
    validationRulesVisible: true,
    validationRules: [
      {
        name: 'Email_Required',
        errorDisplayField: 'Email',
        errorMessage: 'Email is required',
        formula: 'ISBLANK(Email)'
      }
    ],
    differences: [
      {
        severity: 'refused',
        kind: 'picklist',
        sourceField: 'LeadSource',
        targetField: 'LeadSource',
        fieldMappingId: LEAD_SOURCE,
        message: 'The peer lacks Phone Inquiry, Purchased List',
        fixKind: 'valueMap',
        fixText: 'Map each to a value the peer has',
        valueMap: { 'Phone Inquiry': 'Phone', 'Purchased List': '' },
        peerValues: ['Web', 'Phone', 'Other']
      },
      {
        severity: 'refused',
        kind: 'required',
        targetField: 'Region__c',
        message: 'Region__c is required, "and" not mapped',
        fixText: 'Map a field to it'
      },
      {
        severity: 'mayRefuse',
        kind: 'length',
        sourceField: 'Title',
        targetField: 'Title',
        fieldMappingId: 'a03000000000002AAA',
        message: 'Longer values are refused',
        fixKind: 'truncate',
        length: 40
      },
      {
        severity: 'mayRefuse',
        kind: 'requiredWhenBlank',
        sourceField: 'Phone',
        targetField: 'Phone',
        fieldMappingId: 'a03000000000003AAA',
        message: '=HYPERLINK("x") Phone may be blank',
        fixKind: 'default',
        defaultValue: null
      }
    ],
    ...overrides
  };
}

async function open(): Promise<HTMLElement> {
  const element = mount('c-s2s-org-compare', S2sOrgCompare, {
    mappingId: MAPPING,
    mappingTitle: 'Contact → Contact'
  });
  await flush();
  await flush();
  return element;
}

describe('c-s2s-org-compare', () => {
  afterEach(() => {
    cleanDom();
    jest.clearAllMocks();
  });

  it('shows the differences grouped by severity, the rules, and is accessible', async () => {
    mocked(compareMapping).mockResolvedValue(result());
    const element = await open();
    expect(compareMapping).toHaveBeenCalledWith({ mappingId: MAPPING });
    // Labels are their names under Jest: the groups are told apart by their rows.
    expect(texts($$(element, '[data-group] h3'))).toEqual([
      'c.S2S_Compare_Refused',
      'c.S2S_Compare_May_Refuse',
      'c.S2S_Compare_Fine'
    ]);
    expect($$(element, '[data-group="mayRefuse"] tbody tr')).toHaveLength(2);
    expect($(element, '[data-group="fine"] p')?.textContent).toBe('c.S2S_Compare_Group_Empty');
    expect(texts($$(element, '[data-group="refused"] tbody th'))).toEqual([
      'LeadSource → LeadSource',
      'Region__c'
    ]);
    expect($(element, '[data-rule="Email_Required"]')?.textContent).toContain('ISBLANK(Email)');
    expect($(element, '[data-id="compare-title"]')?.textContent).toContain('c.S2S_Compare_Title');
    expect(element.shadowRoot?.activeElement).toBe($(element, '[data-id="compare-title"]'));
    await expect(element).toBeAccessible();
  });

  it('keeps the value map disabled until every value has a peer value, then applies it', async () => {
    mocked(compareMapping).mockResolvedValue(result());
    mocked(applyFix).mockResolvedValue('[{"type":"valueMap","map":{"Phone Inquiry":"Phone"}}]');
    const element = await open();
    const apply = $(element, '[data-id="apply-value-map"]') as HTMLElement & { disabled: boolean };
    expect(apply.disabled).toBe(true);
    const choices = $$(element, 'lightning-combobox[data-source]');
    expect(choices.map((c) => (c as unknown as { value: string }).value)).toEqual(['Phone', '']);
    fire(choices[1], { value: 'Other' });
    await flush();
    expect(apply.disabled).toBe(false);
    const applied = jest.fn();
    element.addEventListener('applied', applied);
    mocked(compareMapping).mockResolvedValue(result({ differences: [] }));
    apply.click();
    await flush();
    await flush();
    expect(applyFix).toHaveBeenCalledWith({
      fieldMappingId: LEAD_SOURCE,
      fixKind: 'valueMap',
      valueMap: { 'Phone Inquiry': 'Phone', 'Purchased List': 'Other' },
      length: null,
      defaultValue: null,
      scale: null
    });
    expect(applied.mock.calls[0][0].detail).toEqual({
      fieldMappingId: LEAD_SOURCE,
      targetField: 'LeadSource',
      transforms: '[{"type":"valueMap","map":{"Phone Inquiry":"Phone"}}]'
    });
    expect(compareMapping).toHaveBeenCalledTimes(2);
    expect($(element, '[data-id="notice"]')).not.toBeNull();
    expect($$(element, '[data-group="refused"] tbody tr')).toHaveLength(0);
  });

  it('applies a truncate and a typed default', async () => {
    mocked(compareMapping).mockResolvedValue(result());
    mocked(applyFix).mockResolvedValue('[]');
    const element = await open();
    ($(element, '[data-id="apply-truncate"]') as HTMLElement).click();
    await flush();
    await flush();
    expect(mocked(applyFix).mock.calls[0][0]).toMatchObject({ fixKind: 'truncate', length: 40 });
    const apply = $(element, '[data-id="apply-default"]') as HTMLElement & { disabled: boolean };
    expect(apply.disabled).toBe(true);
    fire($(element, 'lightning-input[data-key]') as HTMLElement, { value: 'n/a' });
    await flush();
    apply.click();
    await flush();
    expect(mocked(applyFix).mock.calls[1][0]).toMatchObject({
      fixKind: 'default',
      defaultValue: 'n/a'
    });
  });

  it('says in plain words why the peer could not be compared, and when a fix is refused', async () => {
    mocked(compareMapping).mockRejectedValue({
      body: { message: 'The peer org could not be asked (HTTP 503). Use Test connection.' }
    });
    const element = await open();
    expect($(element, '[data-id="compare-error"]')?.textContent).toContain('Test connection');
    expect($(element, '[data-group]')).toBeNull();
    mocked(compareMapping).mockResolvedValue(result());
    ($(element, '[data-id="again"]') as HTMLElement).click();
    await flush();
    await flush();
    expect($(element, '[data-id="compare-error"]')).toBeNull();
    mocked(applyFix).mockRejectedValue({ body: { message: 'Choose the peer value for "x".' } });
    ($(element, '[data-id="apply-truncate"]') as HTMLElement).click();
    await flush();
    await flush();
    expect($(element, '[data-id="compare-error"]')?.textContent).toContain('Choose the peer value');
    await expect(element).toBeAccessible();
  });

  it('says why validation rules are not shown, or that there are none', async () => {
    mocked(compareMapping).mockResolvedValue(
      result({
        validationRulesVisible: false,
        validationRulesNote: 'the peer org has no S2S Sync',
        validationRules: []
      })
    );
    const element = await open();
    expect($(element, '[data-id="rules-hidden"]')).not.toBeNull();
    expect($(element, '[data-rule]')).toBeNull();
    cleanDom();
    mocked(compareMapping).mockResolvedValue(result({ validationRules: [] }));
    const other = await open();
    expect($(other, '[data-id="rules-none"]')).not.toBeNull();
  });

  it('exports the report as CSV, quoting cells, and closes on Escape and Close', async () => {
    mocked(compareMapping).mockResolvedValue(result());
    const element = await open();
    ($(element, '[data-id="export"]') as HTMLElement).click();
    const [fileName, mime, content] = mocked(downloadText).mock.calls[0];
    expect(fileName).toBe('org-compare-Contact-Contact.csv');
    expect(mime).toBe('text/csv');
    const lines = (content as string).split('\r\n');
    expect(lines[0]).toBe('c.S2S_Compare_Csv_Header');
    // Four rows after the header, each line ended by CRLF (RFC 4180).
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('');
    expect(lines[2]).toBe(
      'refused,required,,Region__c,"Region__c is required, ""and"" not mapped",Map a field to it'
    );
    expect(lines[4]).toContain(',"\'=HYPERLINK(""x"") Phone may be blank",');
    const close = jest.fn();
    element.addEventListener('close', close);
    $(element, '[data-id="compare"]')?.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape' })
    );
    ($(element, '[data-id="compare-close"]') as HTMLElement).click();
    expect(close).toHaveBeenCalledTimes(2);
  });

  it('suggests a round to the peer scale and applies it to the saved field mapping', async () => {
    mocked(compareMapping).mockResolvedValue(
      result({
        differences: [
          {
            severity: 'fine',
            kind: 'scale',
            sourceField: 'Score__c',
            targetField: 'Score__c',
            fieldMappingId: 'a03000000000004AAA',
            message: 'The peer keeps 1 decimal places (this org 3)',
            fixKind: 'round',
            fixText: 'Round to 1 decimal places',
            scale: 1
          }
        ]
      })
    );
    mocked(applyFix).mockResolvedValue('[{"type":"round","scale":1,"mode":"HALF_UP"}]');
    const element = await open();
    const applied = jest.fn();
    element.addEventListener('applied', (event) => applied((event as CustomEvent).detail));
    const round = $(element, '[data-id="apply-round"]') as HTMLElement & { label: string };
    expect(round.label).toBe('c.S2S_Compare_Apply_Round');
    round.click();
    await flush();
    await flush();
    expect(mocked(applyFix).mock.calls[0][0]).toMatchObject({
      fieldMappingId: 'a03000000000004AAA',
      fixKind: 'round',
      scale: 1,
      length: null
    });
    expect(applied).toHaveBeenCalledWith({
      fieldMappingId: 'a03000000000004AAA',
      targetField: 'Score__c',
      transforms: '[{"type":"round","scale":1,"mode":"HALF_UP"}]'
    });
    expect(compareMapping).toHaveBeenCalledTimes(2);
    await expect(element).toBeAccessible();
  });

  it('compares the mapping as edited, before a save, and puts a fix in the rows, not the database', async () => {
    const draft = {
      ...newDraft('a01000000000001AAA'),
      sourceObject: 'Contact',
      targetObject: 'Contact'
    };
    const rows = [
      {
        key: 'r1',
        sourceField: 'LeadSource',
        targetField: 'LeadSource',
        transforms: '',
        active: true
      },
      { key: 'r2', sourceField: 'Title', targetField: 'Title', transforms: '', active: true }
    ];
    const saved = result();
    // Rows not saved: the differences name no field mapping.
    const unsaved = {
      ...saved,
      differences: saved.differences.map((d) => ({ ...d, fieldMappingId: undefined }))
    };
    mocked(compareDraft).mockResolvedValue(unsaved);
    const chain = '[{"type":"valueMap","map":{"Phone Inquiry":"Phone","Purchased List":"Web"}}]';
    mocked(fixChain).mockResolvedValue(chain);
    const element = mount('c-s2s-org-compare', S2sOrgCompare, {
      draft,
      rows,
      mappingTitle: 'Contact → Contact'
    });
    await flush();
    await flush();
    expect(compareMapping).not.toHaveBeenCalled();
    const first = mocked(compareDraft).mock.calls[0][0];
    expect(first.mapping.Source_Object__c).toBe('Contact');
    expect(first.fields.map((f: Record<string, unknown>) => f.Target_Field__c)).toEqual([
      'LeadSource',
      'Title'
    ]);
    expect($(element, '[data-id="draft-note"]')?.textContent?.trim()).toBe(
      'c.S2S_Compare_Draft_Note'
    );
    // Phone, a row the editor does not hold, offers no fix; LeadSource and Title do.
    expect($(element, '[data-id="apply-default"]')).toBeNull();
    expect($(element, '[data-id="apply-truncate"]')).not.toBeNull();
    const applied = jest.fn();
    element.addEventListener('applied', (event) => applied((event as CustomEvent).detail));
    fire($$(element, 'lightning-combobox')[1], { value: 'Web' });
    await flush();
    ($(element, '[data-id="apply-value-map"]') as HTMLElement).click();
    await flush();
    await flush();
    expect(applyFix).not.toHaveBeenCalled();
    expect(mocked(fixChain).mock.calls[0][0]).toMatchObject({
      targetField: 'LeadSource',
      transforms: '',
      fixKind: 'valueMap',
      valueMap: { 'Phone Inquiry': 'Phone', 'Purchased List': 'Web' }
    });
    expect(applied).toHaveBeenCalledWith({
      fieldMappingId: undefined,
      targetField: 'LeadSource',
      transforms: chain
    });
    // Compared again with the fixed row.
    const again = mocked(compareDraft).mock.calls[1][0];
    expect(again.fields[0].Transforms__c).toBe(chain);
    expect($(element, '[data-id="notice"]')?.textContent?.trim()).toBe(
      'c.S2S_Compare_Applied_Draft'
    );
    await expect(element).toBeAccessible();
  });
});
