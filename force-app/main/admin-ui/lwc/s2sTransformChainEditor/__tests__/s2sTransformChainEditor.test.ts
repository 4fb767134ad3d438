import { createElement } from 'lwc';
import S2sTransformChainEditor, { chainError, chainSummary } from 'c/s2sTransformChainEditor';
import type { ChainChangeDetail } from 'c/s2sTransformChainEditor';

// Labels whose text the assertions read (Jest gives any other label its name, e.g. c.S2S_...).
jest.mock('@salesforce/label/c.S2S_Transform_Title', () => ({ default: 'Transforms of {0}' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.S2S_Transform_Step', () => ({ default: 'Step {0}' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.S2S_Transform_Move_Up', () => ({ default: 'Move step {0} up' }), {
  virtual: true
});
jest.mock(
  '@salesforce/label/c.S2S_Transform_Error_Required',
  () => ({ default: 'Step {0} ({1}): {2} is required.' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.S2S_Transform_Error_Integer',
  () => ({ default: 'Step {0} ({1}): {2} must be a whole number.' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.S2S_Transform_Error_Duplicate_Key',
  () => ({ default: 'Step {0} ({1}): the source value "{2}" is listed more than once.' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.S2S_Transform_Error_Type_Required',
  () => ({ default: 'Step {0}: choose a transform.' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.S2S_Transform_Error_Not_Array',
  () => ({ default: 'The transform chain must be a JSON array of steps.' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.S2S_Transform_Error_Syntax',
  () => ({ default: 'The JSON is not valid: {0}' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.S2S_Transform_Error_Unknown_Type',
  () => ({ default: 'Step {0}: unknown transform type "{1}".' }),
  { virtual: true }
);
jest.mock('@salesforce/label/c.S2S_Transform_Type_ValueMap', () => ({ default: 'Value map' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.S2S_Transform_Type_Default', () => ({ default: 'Default' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.S2S_Transform_Type_Split', () => ({ default: 'Split' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.S2S_Transform_Type_Substring', () => ({ default: 'Substring' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.S2S_Transform_Option_Value', () => ({ default: 'Value' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.S2S_Transform_Option_Index', () => ({ default: 'Part' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.S2S_Transform_Option_Length', () => ({ default: 'Length' }), {
  virtual: true
});

type Stub = HTMLElement & Record<string, any>;

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const SOURCE_FIELDS = [
  { label: 'First Name (FirstName)', value: 'FirstName' },
  { label: 'Last Name (LastName)', value: 'LastName' }
];
// Every type the engine knows, with its options, as Transforms__c stores it.
const EVERY_TYPE = JSON.stringify([
  { type: 'valueMap', map: { USD: 'EUR', '': 'EUR' }, caseInsensitive: true },
  { type: 'default', value: 'EUR' },
  { type: 'constant', value: 'Fixed' },
  { type: 'concat', fields: ['FirstName', 'Nickname__c'], separator: ' ' },
  { type: 'split', separator: ',', index: 0 },
  { type: 'upper' },
  { type: 'lower' },
  { type: 'trim' },
  { type: 'substring', start: 2, length: 3 },
  { type: 'round', scale: 2, mode: 'HALF_EVEN' },
  { type: 'expression', expression: "IF(ISBLANK(value), 'n/a', value)" }
]);

function mount(
  value: string | null = '',
  fieldName = 'CurrencyIsoCode'
): {
  element: Stub;
  changes: ChainChangeDetail[];
} {
  const element = createElement('c-s2s-transform-chain-editor', {
    is: S2sTransformChainEditor
  }) as Stub;
  Object.assign(element, { value, fieldName, sourceFields: SOURCE_FIELDS });
  const changes: ChainChangeDetail[] = [];
  element.addEventListener('change', (event) =>
    changes.push((event as CustomEvent<ChainChangeDetail>).detail)
  );
  document.body.appendChild(element);
  return { element, changes };
}
const $ = (element: HTMLElement, selector: string): Stub =>
  element.shadowRoot!.querySelector(selector) as Stub;
const $$ = (element: HTMLElement, selector: string): Stub[] => [
  ...element.shadowRoot!.querySelectorAll<Stub>(selector)
];
function fire(target: HTMLElement, detail: Record<string, unknown>): void {
  target.dispatchEvent(new CustomEvent('change', { detail }));
}
/** The n-th step's element matching a selector (steps are numbered from 1). */
function inStep(element: HTMLElement, step: number, selector: string): Stub {
  return $$(element, 'ol[data-id="steps"] > li')[step - 1].querySelector(selector) as Stub;
}
const last = (changes: ChainChangeDetail[]): ChainChangeDetail => changes[changes.length - 1];

// The accessibility check of a chain of every type (eleven steps of base components) took over
// Jest's default 5 s on the shared 2-core machine under load; the tests are not slow by design.
jest.setTimeout(30_000);

describe('c-s2s-transform-chain-editor', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('shows an empty chain with a way to add a step', async () => {
    const { element, changes } = mount('');
    await flush();
    expect($(element, '[data-id="title"]').textContent).toBe('Transforms of CurrencyIsoCode');
    expect($(element, '[data-id="empty"]')).not.toBeNull();
    expect($(element, '[data-id="steps"]')).toBeNull();
    expect($(element, '[data-id="add-step"]')).not.toBeNull();
    expect($(element, '[data-id="mode"]').checked).toBe(false);
    expect(changes).toEqual([]);
    await expect(element).toBeAccessible();
  });

  it('loads a step of every type with its options, and emits nothing until edited', async () => {
    const { element, changes } = mount(EVERY_TYPE);
    await flush();
    const steps = $$(element, 'ol[data-id="steps"] > li');
    expect(steps.length).toBe(11);
    expect(steps.map((step) => (step.querySelector('[data-id="type"]') as Stub).value)).toEqual([
      'valueMap',
      'default',
      'constant',
      'concat',
      'split',
      'upper',
      'lower',
      'trim',
      'substring',
      'round',
      'expression'
    ]);
    expect(inStep(element, 1, 'legend').textContent).toBe('Step 1');
    // valueMap: the table, in the map's order, and the case flag.
    const cells = [...steps[0].querySelectorAll<Stub>('[data-id="map"] lightning-input')];
    expect(cells.map((cell) => cell.value)).toEqual(['USD', 'EUR', '', 'EUR']);
    expect(inStep(element, 1, '[data-id="case"]').checked).toBe(true);
    expect(inStep(element, 2, '[data-option="value"]').value).toBe('EUR');
    expect(inStep(element, 3, '[data-option="value"]').value).toBe('Fixed');
    // concat: a field the describe lacks stays offered, so it is not dropped.
    const fields = inStep(element, 4, '[data-id="fields"]');
    expect(fields.value).toEqual(['FirstName', 'Nickname__c']);
    expect(fields.options.map((option: { value: string }) => option.value)).toEqual([
      'FirstName',
      'LastName',
      'Nickname__c'
    ]);
    expect(inStep(element, 4, '[data-option="separator"]').value).toBe(' ');
    expect(inStep(element, 5, '[data-option="separator"]').value).toBe(',');
    expect(inStep(element, 5, '[data-option="index"]').value).toBe('0');
    for (const step of [6, 7, 8]) {
      expect(inStep(element, step, '[data-id="no-options"]')).not.toBeNull();
    }
    expect(inStep(element, 9, '[data-option="start"]').value).toBe('2');
    expect(inStep(element, 9, '[data-option="length"]').value).toBe('3');
    expect(inStep(element, 10, '[data-option="scale"]').value).toBe('2');
    expect(inStep(element, 10, '[data-option="mode"]').value).toBe('HALF_EVEN');
    expect(inStep(element, 11, '[data-option="expression"]').value).toBe(
      "IF(ISBLANK(value), 'n/a', value)"
    );
    expect($$(element, '[data-id="step-errors"]')).toEqual([]);
    expect(changes).toEqual([]);
    await expect(element).toBeAccessible();
  });

  it('serialises an untouched chain back to the same JSON after an edit and its undo', async () => {
    const { element, changes } = mount(EVERY_TYPE);
    await flush();
    fire(inStep(element, 2, '[data-option="value"]'), { value: 'USD' });
    fire(inStep(element, 2, '[data-option="value"]'), { value: 'EUR' });
    await flush();
    expect(last(changes)).toEqual({ value: EVERY_TYPE, valid: true, error: undefined });
  });

  it('builds a chain step by step: type, options, value map table, fields', async () => {
    const { element, changes } = mount('');
    await flush();
    $(element, '[data-id="add-step"]').click();
    await flush();
    expect(last(changes)).toEqual({
      value: '[{}]',
      valid: false,
      error: 'Step 1: choose a transform.'
    });
    fire(inStep(element, 1, '[data-id="type"]'), { value: 'valueMap' });
    await flush();
    inStep(element, 1, '[data-id="add-entry"]').click();
    await flush();
    const [from, to] = [
      ...inStep(element, 1, '[data-id="map"]').querySelectorAll<Stub>('lightning-input')
    ];
    fire(from, { value: 'usd' });
    fire(to, { value: 'USD' });
    fire(inStep(element, 1, '[data-id="case"]'), { checked: true });
    await flush();
    expect(JSON.parse(last(changes).value)).toEqual([
      { type: 'valueMap', map: { usd: 'USD' }, caseInsensitive: true }
    ]);

    $(element, '[data-id="add-step"]').click();
    await flush();
    fire(inStep(element, 2, '[data-id="type"]'), { value: 'concat' });
    await flush();
    fire(inStep(element, 2, '[data-id="fields"]'), { value: ['LastName', 'FirstName'] });
    fire(inStep(element, 2, '[data-option="separator"]'), { value: ', ' });
    $(element, '[data-id="add-step"]').click();
    await flush();
    fire(inStep(element, 3, '[data-id="type"]'), { value: 'substring' });
    await flush();
    fire(inStep(element, 3, '[data-option="start"]'), { value: '0' });
    fire(inStep(element, 3, '[data-option="length"]'), { value: '40' });
    $(element, '[data-id="add-step"]').click();
    await flush();
    fire(inStep(element, 4, '[data-id="type"]'), { value: 'expression' });
    await flush();
    fire(inStep(element, 4, '[data-option="expression"]'), { value: "SUBSTITUTE(value, ',', '')" });
    await flush();
    expect(last(changes)).toEqual({
      value: JSON.stringify([
        { type: 'valueMap', map: { usd: 'USD' }, caseInsensitive: true },
        { type: 'concat', fields: ['LastName', 'FirstName'], separator: ', ' },
        { type: 'substring', start: 0, length: 40 },
        { type: 'expression', expression: "SUBSTITUTE(value, ',', '')" }
      ]),
      valid: true,
      error: undefined
    });
    await expect(element).toBeAccessible();
  });

  it('lets out only its own change, not the bubbling change events of the inputs inside', async () => {
    const { element, changes } = mount('[{"type":"default"}]');
    const heard: unknown[] = [];
    document.body.addEventListener('change', (event) => heard.push((event as CustomEvent).detail));
    await flush();
    // A base component's change bubbles and is composed, as lightning-input's is in the browser.
    inStep(element, 1, '[data-option="value"]').dispatchEvent(
      new CustomEvent('change', { detail: { value: 'Other' }, bubbles: true, composed: true })
    );
    await flush();
    expect(changes).toEqual([
      { value: '[{"type":"default","value":"Other"}]', valid: true, error: undefined }
    ]);
    expect(heard).toEqual([]);
  });

  it('names the step and option of an invalid step, in the step and in the event', async () => {
    const { element, changes } = mount('[{"type":"upper"},{"type":"split","separator":","}]');
    await flush();
    expect(inStep(element, 2, '[data-id="step-errors"]').textContent).toBe(
      'Step 2 (Split): Part is required.'
    );
    expect(inStep(element, 1, '[data-id="step-errors"]')).toBeNull();
    await expect(element).toBeAccessible();
    fire(inStep(element, 2, '[data-option="index"]'), { value: '1.5' });
    await flush();
    expect(last(changes)).toEqual({
      value: '[{"type":"upper"},{"type":"split","separator":",","index":1.5}]',
      valid: false,
      error: 'Step 2 (Split): Part must be a whole number.'
    });
    fire(inStep(element, 2, '[data-option="index"]'), { value: '1' });
    await flush();
    expect(inStep(element, 2, '[data-id="step-errors"]')).toBeNull();
    expect(last(changes).valid).toBe(true);
    // Clearing a required text option removes it, so it reads as missing.
    fire(inStep(element, 2, '[data-option="separator"]'), { value: '' });
    await flush();
    expect(JSON.parse(last(changes).value)[1]).toEqual({ type: 'split', index: 1 });
    expect(last(changes).valid).toBe(false);
  });

  it('refuses a value map source value given twice', async () => {
    const { element, changes } = mount('[{"type":"valueMap","map":{"a":"1"}}]');
    await flush();
    inStep(element, 1, '[data-id="add-entry"]').click();
    await flush();
    const keys = [
      ...inStep(element, 1, '[data-id="map"]').querySelectorAll<Stub>('[data-part="key"]')
    ];
    fire(keys[1], { value: 'a' });
    await flush();
    expect(last(changes).error).toBe(
      'Step 1 (Value map): the source value "a" is listed more than once.'
    );
    expect(last(changes).valid).toBe(false);
    // Removing the second row settles it.
    inStep(element, 1, 'tbody tr:nth-child(2) [data-id="remove-entry"]').click();
    await flush();
    expect(last(changes)).toEqual({
      value: '[{"type":"valueMap","map":{"a":"1"}}]',
      valid: true,
      error: undefined
    });
  });

  it('reorders and removes steps', async () => {
    const { element, changes } = mount(
      '[{"type":"trim"},{"type":"upper"},{"type":"default","value":"X"}]'
    );
    await flush();
    expect(inStep(element, 1, '[data-id="move-up"]').disabled).toBe(true);
    expect(inStep(element, 1, '[data-id="move-up"]').alternativeText).toBe('Move step 1 up');
    expect(inStep(element, 3, '[data-id="move-down"]').disabled).toBe(true);
    expect(inStep(element, 2, '[data-id="move-down"]').disabled).toBe(false);
    inStep(element, 3, '[data-id="move-up"]').click();
    await flush();
    expect(last(changes).value).toBe(
      '[{"type":"trim"},{"type":"default","value":"X"},{"type":"upper"}]'
    );
    inStep(element, 1, '[data-id="move-down"]').click();
    await flush();
    expect(last(changes).value).toBe(
      '[{"type":"default","value":"X"},{"type":"trim"},{"type":"upper"}]'
    );
    inStep(element, 2, '[data-id="remove-step"]').click();
    await flush();
    expect(last(changes).value).toBe('[{"type":"default","value":"X"},{"type":"upper"}]');
    expect($$(element, 'ol[data-id="steps"] > li').length).toBe(2);
    inStep(element, 1, '[data-id="remove-step"]').click();
    await flush();
    inStep(element, 1, '[data-id="remove-step"]').click();
    await flush();
    // No steps left: the field stores nothing, and the empty state is back.
    expect(last(changes)).toEqual({ value: '', valid: true, error: undefined });
    expect($(element, '[data-id="empty"]')).not.toBeNull();
  });

  it('changing the type of a step starts its options afresh', async () => {
    const { element, changes } = mount('[{"type":"split","separator":",","index":2}]');
    await flush();
    fire(inStep(element, 1, '[data-id="type"]'), { value: 'split' });
    await flush();
    expect(changes).toEqual([
      { value: '[{"type":"split","separator":",","index":2}]', valid: true, error: undefined }
    ]);
    fire(inStep(element, 1, '[data-id="type"]'), { value: 'substring' });
    await flush();
    expect(last(changes)).toEqual({
      value: '[{"type":"substring"}]',
      valid: false,
      error: 'Step 1 (Substring): c.S2S_Transform_Option_Start is required.'
    });
    expect(inStep(element, 1, '[data-option="start"]').value).toBe('');
  });

  it('edits the chain as JSON and parses it back into steps', async () => {
    const { element, changes } = mount('[{"type":"default","value":"EUR"}]');
    await flush();
    fire($(element, '[data-id="mode"]'), { checked: true });
    await flush();
    expect($(element, '[data-id="steps"]')).toBeNull();
    expect($(element, '[data-id="json"]').value).toBe(
      JSON.stringify([{ type: 'default', value: 'EUR' }], null, 2)
    );
    await expect(element).toBeAccessible();
    fire($(element, '[data-id="json"]'), {
      value: '[ {"type":"lower"}, {"type":"default","value":"eur"} ]'
    });
    await flush();
    // Valid JSON is passed on compact, as the steps view would write it.
    expect(last(changes)).toEqual({
      value: '[{"type":"lower"},{"type":"default","value":"eur"}]',
      valid: true,
      error: undefined
    });
    expect($(element, '[data-id="json-errors"]')).toBeNull();
    fire($(element, '[data-id="mode"]'), { checked: false });
    await flush();
    expect($(element, '[data-id="json"]')).toBeNull();
    expect($$(element, 'ol[data-id="steps"] > li').length).toBe(2);
    expect(inStep(element, 2, '[data-option="value"]').value).toBe('eur');
  });

  it('keeps invalid JSON in the JSON view with its error, and passes it on as typed', async () => {
    const { element, changes } = mount('');
    await flush();
    fire($(element, '[data-id="mode"]'), { checked: true });
    await flush();
    expect($(element, '[data-id="json"]').value).toBe('');
    fire($(element, '[data-id="json"]'), { value: '[{"type":"upper"},' });
    await flush();
    expect(last(changes).value).toBe('[{"type":"upper"},');
    expect(last(changes).valid).toBe(false);
    expect(last(changes).error).toMatch(/^The JSON is not valid: .+/);
    expect($(element, '[data-id="json-errors"]').textContent).toMatch(/^The JSON is not valid/);
    const toggle = $(element, '[data-id="mode"]');
    toggle.checked = false;
    fire(toggle, { checked: false });
    await flush();
    // Still in the JSON view, the toggle back on, the text and its error kept.
    expect(toggle.checked).toBe(true);
    expect($(element, '[data-id="json"]').value).toBe('[{"type":"upper"},');
    expect($(element, '[data-id="steps"]')).toBeNull();
    await expect(element).toBeAccessible();
    fire($(element, '[data-id="json"]'), { value: '{"type":"upper"}' });
    await flush();
    expect($(element, '[data-id="json-errors"]').textContent).toBe(
      'The transform chain must be a JSON array of steps.'
    );
    fire($(element, '[data-id="json"]'), { value: '  ' });
    await flush();
    expect(last(changes)).toEqual({ value: '', valid: true, error: undefined });
  });

  it('opens a stored chain it cannot show as steps in the JSON view', async () => {
    const { element } = mount('{"type":"upper"}');
    await flush();
    expect($(element, '[data-id="mode"]').checked).toBe(true);
    expect($(element, '[data-id="json"]').value).toBe('{"type":"upper"}');
    expect($(element, '[data-id="json-errors"]').textContent).toBe(
      'The transform chain must be a JSON array of steps.'
    );
  });

  it('keeps its editing state when the parent hands its own value back, reloads a new one', async () => {
    const { element, changes } = mount('[{"type":"valueMap","map":{}}]');
    await flush();
    inStep(element, 1, '[data-id="add-entry"]').click();
    await flush();
    element.value = last(changes).value;
    await flush();
    // The new row (blank source value) is still there to be filled in.
    expect(inStep(element, 1, '[data-id="map"]').querySelectorAll('tbody tr').length).toBe(1);
    element.value = '[{"type":"trim"}]';
    await flush();
    expect(inStep(element, 1, '[data-id="type"]').value).toBe('trim');
    expect(element.value).toBe('[{"type":"trim"}]');
    element.value = null;
    await flush();
    expect($(element, '[data-id="empty"]')).not.toBeNull();
  });

  it('summarises and checks stored chains for the mapping editor', () => {
    expect(chainSummary('')).toBe('c.S2S_Transform_Summary_None');
    expect(chainSummary('[{"type":"valueMap","map":{}},{"type":"default","value":"x"}]')).toBe(
      'Value map → Default'
    );
    expect(chainSummary('[{},{"type":"Odd"}]')).toBe('c.S2S_Transform_Choose_Type → Odd');
    expect(chainSummary('[')).toBe('');
    expect(chainError('[{"type":"default","value":"x"}]')).toBeUndefined();
    expect(chainError('[{"type":"Odd"}]')).toBe('Step 1: unknown transform type "Odd".');
    expect(chainError('[{"type":"substring","start":1,"length":"2"}]')).toBe(
      'Step 1 (Substring): Length must be a whole number.'
    );
  });

  it('edits a round step: decimal places and rounding, half up unless chosen', async () => {
    const { element, changes } = mount('');
    await flush();
    $(element, '[data-id="add-step"]').click();
    await flush();
    fire(inStep(element, 1, '[data-id="type"]'), { value: 'round' });
    await flush();
    expect(last(changes)).toEqual({
      value: '[{"type":"round"}]',
      valid: false,
      error: 'Step 1 (c.S2S_Transform_Type_Round): c.S2S_Transform_Option_Scale is required.'
    });
    const mode = inStep(element, 1, '[data-option="mode"]');
    expect(mode.value).toBe('HALF_UP');
    expect(mode.options.map((option: { value: string }) => option.value)).toEqual([
      'HALF_UP',
      'HALF_EVEN',
      'HALF_DOWN',
      'UP',
      'DOWN',
      'CEILING',
      'FLOOR'
    ]);
    fire(inStep(element, 1, '[data-option="scale"]'), { value: '19' });
    await flush();
    expect(last(changes).error).toBe('c.S2S_Transform_Error_Range');
    expect(inStep(element, 1, '[data-id="step-errors"]').textContent).toBe(
      'c.S2S_Transform_Error_Range'
    );
    fire(inStep(element, 1, '[data-option="scale"]'), { value: '2' });
    fire(mode, { value: 'HALF_EVEN' });
    await flush();
    expect(last(changes)).toEqual({
      value: '[{"type":"round","scale":2,"mode":"HALF_EVEN"}]',
      valid: true,
      error: undefined
    });
    await expect(element).toBeAccessible();
    expect(chainSummary('[{"type":"trim"},{"type":"round","scale":2}]')).toBe(
      'c.S2S_Transform_Type_Trim → c.S2S_Transform_Type_Round'
    );
    expect(chainError('[{"type":"round","scale":2,"mode":"ODD"}]')).toBe(
      'c.S2S_Transform_Error_Unknown_Mode'
    );
  });
});
