// Pure logic of the transform chain editor: parse the JSON stored in Transforms__c into steps,
// check them as the engine does (S2STransforms.validate), and serialise them back.
// Steps keep every key they were loaded with, so a chain the editor does not touch round-trips.

/** The transform types the engine knows (S2STransforms.TYPES), in the order the picker lists them. */
export const TRANSFORM_TYPES = [
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
] as const;
export type TransformType = (typeof TRANSFORM_TYPES)[number];

/** The options a step can carry; `type` itself is named when it is missing. */
export type StepOption =
  | 'type'
  | 'map'
  | 'caseInsensitive'
  | 'value'
  | 'fields'
  | 'separator'
  | 'index'
  | 'start'
  | 'length'
  | 'scale'
  | 'mode'
  | 'expression';

/** One step as stored: `type` plus its options, and any key the engine ignores. */
export type Step = Record<string, unknown>;

/** A problem of a chain; `step` is 1-based, 0 for the chain as a whole. */
export interface ChainProblem {
  code:
    | 'syntax'
    | 'notArray'
    | 'notObject'
    | 'unknownType'
    | 'required'
    | 'integer'
    | 'notTable'
    | 'notList'
    | 'notText'
    | 'range'
    | 'unknownMode'
    | 'duplicateKey';
  step: number;
  type?: string;
  option?: StepOption;
  detail?: string;
}

export type ParseResult =
  { steps: Step[]; problem?: undefined } | { steps?: undefined; problem: ChainProblem };

// Apex reads a JSON integer as Integer only within 32 bits; larger ones become Long and fail.
const INTEGER_MAX = 2147483647;

/**
 * The rounding modes of a round step (S2STransforms.ROUNDING_MODES: System.RoundingMode without
 * UNNECESSARY); the first, HALF_UP, is what the engine uses when the step names none.
 */
export const ROUNDING_MODES = [
  'HALF_UP',
  'HALF_EVEN',
  'HALF_DOWN',
  'UP',
  'DOWN',
  'CEILING',
  'FLOOR'
] as const;
/** The largest scale of a round step (S2STransforms.MAX_SCALE): a number field holds 18 digits. */
export const MAX_SCALE = 18;

export function isTransformType(type: unknown): type is TransformType {
  return typeof type === 'string' && (TRANSFORM_TYPES as readonly string[]).includes(type);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= INTEGER_MAX;
}

/**
 * Reads a stored chain. Blank is the empty chain. Anything the steps view cannot show (bad JSON,
 * not an array, a step that is not an object) comes back as the problem instead of steps.
 */
export function parseChain(json: string | null | undefined): ParseResult {
  if (!json || !json.trim()) return { steps: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    return { problem: { code: 'syntax', step: 0, detail: (error as Error).message } };
  }
  if (!Array.isArray(parsed)) return { problem: { code: 'notArray', step: 0 } };
  const bad = parsed.findIndex((step) => !isPlainObject(step));
  if (bad !== -1) return { problem: { code: 'notObject', step: bad + 1 } };
  return { steps: parsed as Step[] };
}

/** The stored form of steps: compact JSON, or blank for no steps (Transforms__c stays empty). */
export function serialiseChain(steps: Step[]): string {
  return steps.length === 0 ? '' : JSON.stringify(steps);
}

/** A fresh step of a type, with the empty table or list its editor starts from. */
export function newStep(type?: string): Step {
  if (type === 'valueMap') return { type, map: {} };
  if (type === 'concat') return { type, fields: [] };
  return type ? { type } : {};
}

/**
 * What the engine would refuse in one step (S2STransforms.validate), and two things it would only
 * find while syncing: a `length` that is not an integer and an `expression` that is not text.
 * The expression language itself is parsed by the engine when the mapping is saved.
 */
export function stepProblems(step: Step, index: number): ChainProblem[] {
  const number = index + 1;
  const type = step.type;
  if (type === undefined || type === null || type === '') {
    return [{ code: 'required', step: number, option: 'type' }];
  }
  if (!isTransformType(type)) {
    return [{ code: 'unknownType', step: number, detail: String(type) }];
  }
  const problems: ChainProblem[] = [];
  const add = (code: ChainProblem['code'], option: StepOption): void => {
    problems.push({ code, step: number, type, option });
  };
  const present = (option: StepOption): boolean =>
    step[option] !== undefined && step[option] !== null;
  switch (type) {
    case 'valueMap':
      if (!present('map')) add('required', 'map');
      else if (!isPlainObject(step.map)) add('notTable', 'map');
      break;
    case 'default':
    case 'constant':
      // The engine asks only that the key is there: null is a valid value.
      if (!Object.prototype.hasOwnProperty.call(step, 'value')) add('required', 'value');
      break;
    case 'concat':
      if (!present('fields')) add('required', 'fields');
      else if (!Array.isArray(step.fields)) add('notList', 'fields');
      break;
    case 'split':
      if (!present('separator')) add('required', 'separator');
      if (!present('index')) add('required', 'index');
      else if (!isInteger(step.index)) add('integer', 'index');
      break;
    case 'substring':
      if (!present('start')) add('required', 'start');
      else if (!isInteger(step.start)) add('integer', 'start');
      if (present('length') && !isInteger(step.length)) add('integer', 'length');
      break;
    case 'round':
      if (!present('scale')) add('required', 'scale');
      else if (
        !isInteger(step.scale) ||
        (step.scale as number) < 0 ||
        (step.scale as number) > MAX_SCALE
      )
        add('range', 'scale');
      if (present('mode') && !(ROUNDING_MODES as readonly unknown[]).includes(step.mode))
        problems.push({
          code: 'unknownMode',
          step: number,
          type,
          option: 'mode',
          detail: displayValue(step.mode)
        });
      break;
    case 'expression':
      if (!present('expression') || step.expression === '') add('required', 'expression');
      else if (typeof step.expression !== 'string') add('notText', 'expression');
      else if (!step.expression.trim()) add('required', 'expression');
      break;
    default:
      // upper, lower, trim: no options.
      break;
  }
  return problems;
}

/** Every problem of a stored chain; empty when the engine would accept it. */
export function chainProblems(json: string | null | undefined): ChainProblem[] {
  const parsed = parseChain(json);
  if (parsed.problem) return [parsed.problem];
  return parsed.steps.flatMap((step, index) => stepProblems(step, index));
}

// ---- the value map table -----------------------------------------------------------------------

/** One row of a value map's table: the source value and what it becomes. */
export interface MapEntry {
  key: string;
  value: unknown;
}

/** The rows of a value map, in the map's order. */
export function mapEntries(map: unknown): MapEntry[] {
  if (!isPlainObject(map)) return [];
  return Object.keys(map).map((key) => ({ key, value: map[key] }));
}

/** The map of table rows; a key given twice is reported by entryProblems, the last one wins. */
export function entriesToMap(entries: MapEntry[]): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  for (const entry of entries) map[entry.key] = entry.value;
  return map;
}

/** Keys the table holds more than once: a JSON object keeps only one, so the editor refuses them. */
export function entryProblems(entries: MapEntry[], index: number): ChainProblem[] {
  const seen = new Set<string>();
  const reported = new Set<string>();
  const problems: ChainProblem[] = [];
  for (const entry of entries) {
    if (seen.has(entry.key) && !reported.has(entry.key)) {
      reported.add(entry.key);
      problems.push({
        code: 'duplicateKey',
        step: index + 1,
        type: 'valueMap',
        option: 'map',
        detail: entry.key
      });
    }
    seen.add(entry.key);
  }
  return problems;
}

// ---- editing ---------------------------------------------------------------------------------

/** The step without one option, keys in their order. */
function without(step: Step, option: StepOption): Step {
  return Object.fromEntries(Object.entries(step).filter(([key]) => key !== option));
}

/** A value as an input shows it: text as is, null and absent as blank, anything else as JSON. */
export function displayValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Sets a text option from an input: blank removes it, so a required option reads as missing
 * rather than as an empty string the engine would accept and apply.
 */
export function withText(step: Step, option: StepOption, text: string | null | undefined): Step {
  if (text === undefined || text === null || text === '') return without(step, option);
  return { ...step, [option]: text };
}

/**
 * Sets an integer option from a number input: blank removes it; anything that is not a number is
 * kept as typed so validation names it instead of losing it.
 */
export function withNumber(step: Step, option: StepOption, text: string | null | undefined): Step {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return without(step, option);
  const value = Number(trimmed);
  return { ...step, [option]: Number.isNaN(value) ? trimmed : value };
}

/** Sets a flag: true is written, false removes it (the engine reads a missing flag as false). */
export function withFlag(step: Step, option: StepOption, checked: boolean): Step {
  return checked ? { ...step, [option]: true } : without(step, option);
}

/** Moves the item at `from` by `offset` places; out of range leaves the list as it is. */
export function moved<T>(items: T[], from: number, offset: number): T[] {
  const to = from + offset;
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) return items;
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}
