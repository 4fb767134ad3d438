import {
  ROUNDING_MODES,
  TRANSFORM_TYPES,
  chainProblems,
  displayValue,
  entriesToMap,
  entryProblems,
  mapEntries,
  moved,
  newStep,
  parseChain,
  serialiseChain,
  stepProblems,
  withFlag,
  withNumber,
  withText
} from '../transformChain';
import type { Step } from '../transformChain';

// One step of every type the engine knows, with every option, and a key the engine ignores.
const EVERY_TYPE = [
  { type: 'valueMap', map: { USD: 'EUR', '': 'EUR', '1': 1 }, caseInsensitive: true },
  { type: 'default', value: 'EUR' },
  { type: 'constant', value: null },
  { type: 'concat', fields: ['FirstName', 'LastName'], separator: ' ' },
  { type: 'split', separator: ',', index: 0 },
  { type: 'upper' },
  { type: 'lower', note: 'kept' },
  { type: 'trim' },
  { type: 'substring', start: 2, length: 3 },
  { type: 'round', scale: 2, mode: 'HALF_EVEN' },
  { type: 'expression', expression: "IF(ISBLANK(value), 'n/a', value)" }
];

describe('transform chain logic', () => {
  it('knows the types of the engine (S2STransforms.TYPES)', () => {
    expect([...TRANSFORM_TYPES]).toEqual(EVERY_TYPE.map((step) => step.type));
  });

  it('reads blank as the empty chain and names what the steps view cannot show', () => {
    expect(parseChain('')).toEqual({ steps: [] });
    expect(parseChain('  ')).toEqual({ steps: [] });
    expect(parseChain(null)).toEqual({ steps: [] });
    const syntax = parseChain('[{"type":');
    expect(syntax.problem).toEqual(expect.objectContaining({ code: 'syntax', step: 0 }));
    expect(syntax.problem?.detail).toBeTruthy();
    expect(parseChain('{"type":"upper"}')).toEqual({ problem: { code: 'notArray', step: 0 } });
    expect(parseChain('[{"type":"upper"},[1]]')).toEqual({
      problem: { code: 'notObject', step: 2 }
    });
    expect(parseChain('[{"type":"upper"},null]').problem?.step).toBe(2);
  });

  it('round-trips a stored chain exactly: every type, option order and unknown keys kept', () => {
    const json = JSON.stringify(EVERY_TYPE);
    const parsed = parseChain(json);
    expect(parsed.problem).toBeUndefined();
    expect(serialiseChain(parsed.steps as Step[])).toBe(json);
    // Whitespace aside, a formatted chain comes back as the same JSON.
    const pretty = JSON.stringify(EVERY_TYPE, null, 2);
    expect(serialiseChain(parseChain(pretty).steps as Step[])).toBe(json);
    expect(serialiseChain([])).toBe('');
  });

  it('accepts what the engine accepts', () => {
    expect(chainProblems(JSON.stringify(EVERY_TYPE))).toEqual([]);
    expect(
      chainProblems('[{"type":"valueMap","map":{"USD":"EUR"}},{"type":"default","value":"EUR"}]')
    ).toEqual([]);
    expect(chainProblems('[{"type":"substring","start":0}]')).toEqual([]);
    expect(chainProblems('[{"type":"substring","start":0,"length":null}]')).toEqual([]);
    expect(chainProblems('[{"type":"concat","fields":[]}]')).toEqual([]);
    expect(chainProblems('')).toEqual([]);
  });

  it('names the step, type and option of every missing required option', () => {
    const steps: Step[] = [
      { type: 'valueMap' },
      { type: 'default' },
      { type: 'constant' },
      { type: 'concat' },
      { type: 'split' },
      { type: 'substring' },
      { type: 'expression' }
    ];
    expect(steps.flatMap((step, index) => stepProblems(step, index))).toEqual([
      { code: 'required', step: 1, type: 'valueMap', option: 'map' },
      { code: 'required', step: 2, type: 'default', option: 'value' },
      { code: 'required', step: 3, type: 'constant', option: 'value' },
      { code: 'required', step: 4, type: 'concat', option: 'fields' },
      { code: 'required', step: 5, type: 'split', option: 'separator' },
      { code: 'required', step: 5, type: 'split', option: 'index' },
      { code: 'required', step: 6, type: 'substring', option: 'start' },
      { code: 'required', step: 7, type: 'expression', option: 'expression' }
    ]);
  });

  it('wants whole numbers where the engine reads an Integer', () => {
    expect(stepProblems({ type: 'split', separator: ',', index: 1.5 }, 0)).toEqual([
      { code: 'integer', step: 1, type: 'split', option: 'index' }
    ]);
    expect(stepProblems({ type: 'split', separator: ',', index: '2' }, 0)[0].code).toBe('integer');
    // Beyond 32 bits the engine reads a Long, not an Integer.
    expect(stepProblems({ type: 'substring', start: 2147483648 }, 2)).toEqual([
      { code: 'integer', step: 3, type: 'substring', option: 'start' }
    ]);
    expect(stepProblems({ type: 'substring', start: -1, length: 'x' }, 0)).toEqual([
      { code: 'integer', step: 1, type: 'substring', option: 'length' }
    ]);
  });

  it('checks a round step as the engine does: scale 0 to 18, a known mode', () => {
    expect(chainProblems('[{"type":"round","scale":2}]')).toEqual([]);
    expect(chainProblems('[{"type":"round","scale":0,"mode":"FLOOR"}]')).toEqual([]);
    expect(ROUNDING_MODES[0]).toBe('HALF_UP');
    expect(ROUNDING_MODES).not.toContain('UNNECESSARY');
    expect(stepProblems({ type: 'round' }, 0)).toEqual([
      { code: 'required', step: 1, type: 'round', option: 'scale' }
    ]);
    for (const scale of [-1, 19, 1.5, '2']) {
      expect(stepProblems({ type: 'round', scale }, 1)).toEqual([
        { code: 'range', step: 2, type: 'round', option: 'scale' }
      ]);
    }
    expect(stepProblems({ type: 'round', scale: 2, mode: 'UNNECESSARY' }, 2)).toEqual([
      { code: 'unknownMode', step: 3, type: 'round', option: 'mode', detail: 'UNNECESSARY' }
    ]);
  });

  it('checks the shape of tables, lists, text and types', () => {
    expect(stepProblems({ type: 'valueMap', map: ['a'] }, 0)[0].code).toBe('notTable');
    expect(stepProblems({ type: 'concat', fields: 'Name' }, 0)[0].code).toBe('notList');
    expect(stepProblems({ type: 'expression', expression: 5 }, 0)[0].code).toBe('notText');
    expect(stepProblems({ type: 'expression', expression: '  ' }, 0)[0].code).toBe('required');
    expect(stepProblems({ type: 'expression', expression: '' }, 0)[0].code).toBe('required');
    expect(stepProblems({ type: 'Upper' }, 3)).toEqual([
      { code: 'unknownType', step: 4, detail: 'Upper' }
    ]);
    expect(stepProblems({}, 0)).toEqual([{ code: 'required', step: 1, option: 'type' }]);
    expect(stepProblems({ type: null }, 0)).toEqual([
      { code: 'required', step: 1, option: 'type' }
    ]);
    expect(chainProblems('[{"type":"upper"},{"type":"split","separator":","}]')).toEqual([
      { code: 'required', step: 2, type: 'split', option: 'index' }
    ]);
    expect(chainProblems('nope')[0].code).toBe('syntax');
  });

  it('turns a value map into table rows and back, and reports a key typed twice once', () => {
    const entries = mapEntries({ a: '1', b: 2 });
    expect(entries).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: 2 }
    ]);
    expect(mapEntries(['a'])).toEqual([]);
    expect(entriesToMap(entries)).toEqual({ a: '1', b: 2 });
    const repeated = [...entries, { key: 'a', value: 'x' }, { key: 'a', value: 'y' }];
    expect(entryProblems(repeated, 1)).toEqual([
      { code: 'duplicateKey', step: 2, type: 'valueMap', option: 'map', detail: 'a' }
    ]);
    expect(entryProblems(entries, 0)).toEqual([]);
  });

  it('edits options as inputs give them', () => {
    const step: Step = { type: 'split', separator: ',', index: 1 };
    expect(withText(step, 'separator', ';')).toEqual({ type: 'split', separator: ';', index: 1 });
    expect(withText(step, 'separator', '')).toEqual({ type: 'split', index: 1 });
    expect(withText(step, 'separator', null)).toEqual({ type: 'split', index: 1 });
    expect(withNumber(step, 'index', '3')).toEqual({ type: 'split', separator: ',', index: 3 });
    expect(withNumber(step, 'index', ' ')).toEqual({ type: 'split', separator: ',' });
    expect(withNumber(step, 'index', 'x')).toEqual({ type: 'split', separator: ',', index: 'x' });
    expect(withNumber(step, 'index', undefined)).toEqual({ type: 'split', separator: ',' });
    expect(withFlag({ type: 'valueMap', map: {} }, 'caseInsensitive', true)).toEqual({
      type: 'valueMap',
      map: {},
      caseInsensitive: true
    });
    expect(withFlag({ type: 'valueMap', caseInsensitive: true }, 'caseInsensitive', false)).toEqual(
      { type: 'valueMap' }
    );
    // The original step is never changed in place.
    expect(step).toEqual({ type: 'split', separator: ',', index: 1 });
  });

  it('starts new steps with what their editor needs, and moves items within bounds', () => {
    expect(newStep()).toEqual({});
    expect(newStep('valueMap')).toEqual({ type: 'valueMap', map: {} });
    expect(newStep('concat')).toEqual({ type: 'concat', fields: [] });
    expect(newStep('upper')).toEqual({ type: 'upper' });
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    const items = ['a', 'b'];
    expect(moved(items, 0, -1)).toBe(items);
    expect(moved(items, 1, 1)).toBe(items);
    expect(moved(items, -1, 1)).toBe(items);
  });

  it('shows values as inputs hold them', () => {
    expect(displayValue(undefined)).toBe('');
    expect(displayValue(null)).toBe('');
    expect(displayValue('EUR')).toBe('EUR');
    expect(displayValue(3)).toBe('3');
    expect(displayValue(true)).toBe('true');
    expect(displayValue({ a: 1 })).toBe('{"a":1}');
  });
});
