// The formula functions (Salesforce Help, "Formula Operators and Functions by Context" and one page
// per function). Arguments are evaluated lazily where the function decides (IF, CASE, AND, OR,
// BLANKVALUE...), so an error in a branch not taken does not fail the formula. An unknown function
// fails loudly, naming it.
import { ApexDate, ApexDatetime, ApexDecimal, ApexTime } from '../../runtime/values.ts';
import type { FormulaNode } from './parse.ts';
import {
  bool,
  compileError,
  date,
  dec,
  isBlank,
  num,
  numberText,
  roundHalfUp,
  runtimeError,
  text,
  typeName,
  type FormulaEnv,
  type FValue
} from './values.ts';

type Eval = (n: FormulaNode, env: FormulaEnv) => FValue;
type Impl = (args: FormulaNode[], env: FormulaEnv, ev: Eval) => FValue;

const DAY_MS = 86_400_000;

function arity(name: string, args: FormulaNode[], min: number, max = min): void {
  if (args.length < min || args.length > max)
    throw compileError(
      `Incorrect number of parameters for function '${name}()'. Expected ${min === max ? min : `${min}-${max === Infinity ? 'more' : max}`}, received ${args.length}`
    );
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** TEXT(): numbers plainly, dates `YYYY-MM-DD`, date/times `YYYY-MM-DD HH:MM:SSZ` in GMT. */
export function textOf(v: FValue): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof ApexDecimal) return numberText(v);
  if (v instanceof ApexDate) return v.toString();
  if (v instanceof ApexDatetime) {
    const d = new Date(v.epochMs);
    return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}Z`;
  }
  const t = v;
  return `${pad2(Math.floor(t.ms / 3_600_000))}:${pad2(Math.floor(t.ms / 60_000) % 60)}:${pad2(Math.floor(t.ms / 1000) % 60)}.${String(t.ms % 1000).padStart(3, '0')}`;
}

const int = (v: FValue, fn: string): number | null => {
  const n = num(v, fn);
  return n === null ? null : Number(n.withScale(0, 'DOWN').unscaled);
};

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function mkDate(y: number, m: number, d: number, fn: string): ApexDate {
  if (m < 1 || m > 12 || d < 1 || d > lastDay(y, m) || y < 1700 || y > 4000)
    throw runtimeError(`${fn}: ${y}-${m}-${d} is not a valid date`);
  return new ApexDate(y, m, d);
}

const FUNCTIONS: Record<string, Impl> = {
  // ---- logical
  AND: (a, env, ev) => a.every((x) => bool(ev(x, env), 'AND')),
  OR: (a, env, ev) => a.some((x) => bool(ev(x, env), 'OR')),
  NOT: (a, env, ev) => (arity('NOT', a, 1), !bool(ev(a[0], env), 'NOT')),
  IF: (a, env, ev) => {
    arity('IF', a, 3);
    return bool(ev(a[0], env), 'IF') ? ev(a[1], env) : ev(a[2], env);
  },
  CASE: (a, env, ev) => {
    if (a.length < 4 || a.length % 2 !== 0)
      throw compileError(
        `Incorrect number of parameters for function 'CASE()'. Expected an expression, pairs of values and results, and an else result; received ${a.length}`
      );
    const v = ev(a[0], env);
    for (let i = 1; i < a.length - 1; i += 2) {
      const w = ev(a[i], env);
      if (isBlank(v) ? isBlank(w) : !isBlank(w) && eq(v, w)) return ev(a[i + 1], env);
    }
    return ev(a[a.length - 1], env);
  },
  ISBLANK: (a, env, ev) => (arity('ISBLANK', a, 1), isBlank(ev(a[0], env))),
  ISNULL: (a, env, ev) => (arity('ISNULL', a, 1), isBlank(ev(a[0], env))),
  BLANKVALUE: (a, env, ev) => {
    arity('BLANKVALUE', a, 2);
    const v = ev(a[0], env);
    return isBlank(v) ? ev(a[1], env) : v;
  },
  NULLVALUE: (a, env, ev) => {
    arity('NULLVALUE', a, 2);
    const v = ev(a[0], env);
    return isBlank(v) ? ev(a[1], env) : v;
  },
  ISNUMBER: (a, env, ev) => {
    arity('ISNUMBER', a, 1);
    const s = text(ev(a[0], env), 'ISNUMBER');
    return s !== null && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(s);
  },
  ISPICKVAL: (a, env, ev) => {
    arity('ISPICKVAL', a, 2);
    const v = ev(a[0], env);
    const lit = ev(a[1], env);
    return (v ?? '') === (lit ?? '');
  },
  INCLUDES: (a, env, ev) => {
    arity('INCLUDES', a, 2);
    const v = text(ev(a[0], env), 'INCLUDES');
    const lit = text(ev(a[1], env), 'INCLUDES');
    return v !== null && lit !== null && v.split(';').includes(lit);
  },
  PICKLISTCOUNT: (a, env, ev) => {
    arity('PICKLISTCOUNT', a, 1);
    const v = text(ev(a[0], env), 'PICKLISTCOUNT');
    return dec(v === null ? 0 : v.split(';').length);
  },
  ISNEW: (a, env) => {
    arity('ISNEW', a, 0);
    if (!env.isNew) throw compileError('Function ISNEW may not be used in this type of formula');
    return env.isNew();
  },
  ISCLONE: (a, env) => (arity('ISCLONE', a, 0), env.isClone ? env.isClone() : false),
  ISCHANGED: (a, env, ev) => {
    arity('ISCHANGED', a, 1);
    if (!env.prior || !env.isNew)
      throw compileError('Function ISCHANGED may not be used in this type of formula');
    if (a[0].kind !== 'ref') throw compileError('ISCHANGED takes a field');
    // On insert ISCHANGED is always false ("ISCHANGED": "returns FALSE for new records").
    if (env.isNew()) return false;
    const now = ev(a[0], env);
    const before = env.prior(a[0].path).v;
    return isBlank(now) ? !isBlank(before) : isBlank(before) || !eq(now, before);
  },
  PRIORVALUE: (a, env) => {
    arity('PRIORVALUE', a, 1);
    if (!env.prior || !env.isNew)
      throw compileError('Function PRIORVALUE may not be used in this type of formula');
    if (a[0].kind !== 'ref') throw compileError('PRIORVALUE takes a field');
    // On insert PRIORVALUE returns the current value ("PRIORVALUE" in Salesforce Help).
    return env.isNew() ? env.ref(a[0].path).v : env.prior(a[0].path).v;
  },
  // ---- text
  TEXT: (a, env, ev) => (arity('TEXT', a, 1), textOf(ev(a[0], env))),
  VALUE: (a, env, ev) => {
    arity('VALUE', a, 1);
    const s = text(ev(a[0], env), 'VALUE');
    if (s === null) return null;
    const t = s.trim().replace(/^\+/, '');
    if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t))
      throw runtimeError(`VALUE: '${s}' is not a number`);
    return ApexDecimal.fromString(t);
  },
  LEN: (a, env, ev) => (arity('LEN', a, 1), dec([...(text(ev(a[0], env), 'LEN') ?? '')].length)),
  LEFT: (a, env, ev) => {
    arity('LEFT', a, 2);
    const s = text(ev(a[0], env), 'LEFT');
    const n = int(ev(a[1], env), 'LEFT');
    return s === null || n === null ? null : s.slice(0, Math.max(0, n)) || null;
  },
  RIGHT: (a, env, ev) => {
    arity('RIGHT', a, 2);
    const s = text(ev(a[0], env), 'RIGHT');
    const n = int(ev(a[1], env), 'RIGHT');
    return s === null || n === null || n <= 0 ? null : s.slice(Math.max(0, s.length - n)) || null;
  },
  MID: (a, env, ev) => {
    arity('MID', a, 3);
    const s = text(ev(a[0], env), 'MID');
    const start = int(ev(a[1], env), 'MID');
    const n = int(ev(a[2], env), 'MID');
    if (s === null || start === null || n === null) return null;
    const from = Math.max(1, start) - 1;
    return s.slice(from, from + Math.max(0, n)) || null;
  },
  FIND: (a, env, ev) => {
    arity('FIND', a, 2, 3);
    const search = text(ev(a[0], env), 'FIND');
    const s = text(ev(a[1], env), 'FIND');
    const start = a.length > 2 ? (int(ev(a[2], env), 'FIND') ?? 1) : 1;
    if (search === null || s === null || start < 1) return dec(0);
    return dec(s.indexOf(search, start - 1) + 1);
  },
  CONTAINS: (a, env, ev) => {
    arity('CONTAINS', a, 2);
    const s = text(ev(a[0], env), 'CONTAINS') ?? '';
    const c = text(ev(a[1], env), 'CONTAINS') ?? '';
    return s.includes(c);
  },
  BEGINS: (a, env, ev) => {
    arity('BEGINS', a, 2);
    const s = text(ev(a[0], env), 'BEGINS') ?? '';
    const c = text(ev(a[1], env), 'BEGINS') ?? '';
    return s.startsWith(c);
  },
  SUBSTITUTE: (a, env, ev) => {
    arity('SUBSTITUTE', a, 3);
    const s = text(ev(a[0], env), 'SUBSTITUTE');
    const from = text(ev(a[1], env), 'SUBSTITUTE');
    const to = text(ev(a[2], env), 'SUBSTITUTE') ?? '';
    if (s === null) return null;
    return (from === null ? s : s.split(from).join(to)) || null;
  },
  UPPER: (a, env, ev) => (
    arity('UPPER', a, 1, 2),
    text(ev(a[0], env), 'UPPER')?.toUpperCase() ?? null
  ),
  LOWER: (a, env, ev) => (
    arity('LOWER', a, 1, 2),
    text(ev(a[0], env), 'LOWER')?.toLowerCase() ?? null
  ),
  TRIM: (a, env, ev) => (arity('TRIM', a, 1), text(ev(a[0], env), 'TRIM')?.trim() || null),
  INITCAP: (a, env, ev) => {
    arity('INITCAP', a, 1);
    const s = text(ev(a[0], env), 'INITCAP');
    return s === null
      ? null
      : s
          .toLowerCase()
          .replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
  },
  REVERSE: (a, env, ev) => (
    arity('REVERSE', a, 1),
    [...(text(ev(a[0], env), 'REVERSE') ?? '')].reverse().join('') || null
  ),
  LPAD: (a, env, ev) => padFn('LPAD', a, env, ev, true),
  RPAD: (a, env, ev) => padFn('RPAD', a, env, ev, false),
  REGEX: (a, env, ev) => {
    arity('REGEX', a, 2);
    const s = text(ev(a[0], env), 'REGEX') ?? '';
    const re = text(ev(a[1], env), 'REGEX') ?? '';
    // The whole text must match (Java's Matcher.matches()).
    try {
      return new RegExp(`^(?:${re})$`, 'u').test(s);
    } catch {
      throw compileError(`REGEX: invalid regular expression '${re}'`);
    }
  },
  BR: (a) => (arity('BR', a, 0), '<br>'),
  CASESAFEID: (a, env, ev) => {
    arity('CASESAFEID', a, 1);
    const s = text(ev(a[0], env), 'CASESAFEID');
    if (s === null || s.length !== 15) return s;
    let suffix = '';
    for (let i = 0; i < 3; i++) {
      let bits = 0;
      for (let j = 0; j < 5; j++) if (/[A-Z]/.test(s[i * 5 + j])) bits |= 1 << j;
      suffix += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'[bits];
    }
    return s + suffix;
  },
  HYPERLINK: (a, env, ev) => {
    arity('HYPERLINK', a, 2, 3);
    const url = text(ev(a[0], env), 'HYPERLINK') ?? '';
    const label = text(ev(a[1], env), 'HYPERLINK') ?? '';
    const target = a.length > 2 ? (text(ev(a[2], env), 'HYPERLINK') ?? '_blank') : '_blank';
    return `<a href="${url}" target="${target}">${label}</a>`;
  },
  // ---- math
  ABS: (a, env, ev) => (
    arity('ABS', a, 1),
    mapNum(ev(a[0], env), 'ABS', (n) => (n.signum() < 0 ? n.negate() : n))
  ),
  ROUND: (a, env, ev) => {
    arity('ROUND', a, 2);
    const n = num(ev(a[0], env), 'ROUND');
    const d = int(ev(a[1], env), 'ROUND');
    return n === null || d === null ? null : roundHalfUp(n, d);
  },
  // FLOOR rounds down, towards zero if negative; CEILING rounds up, away from zero if negative;
  // MFLOOR and MCEILING round down and up on the number line ("FLOOR", "CEILING", "MFLOOR", "MCEILING").
  FLOOR: (a, env, ev) => (
    arity('FLOOR', a, 1),
    mapNum(ev(a[0], env), 'FLOOR', (n) => n.withScale(0, 'DOWN'))
  ),
  CEILING: (a, env, ev) => (
    arity('CEILING', a, 1),
    mapNum(ev(a[0], env), 'CEILING', (n) => n.withScale(0, 'UP'))
  ),
  MCEILING: (a, env, ev) => (
    arity('MCEILING', a, 1),
    mapNum(ev(a[0], env), 'MCEILING', (n) => n.withScale(0, 'CEILING'))
  ),
  MFLOOR: (a, env, ev) => (
    arity('MFLOOR', a, 1),
    mapNum(ev(a[0], env), 'MFLOOR', (n) => n.withScale(0, 'FLOOR'))
  ),
  TRUNC: (a, env, ev) => {
    arity('TRUNC', a, 1, 2);
    const n = num(ev(a[0], env), 'TRUNC');
    const d = a.length > 1 ? int(ev(a[1], env), 'TRUNC') : 0;
    return n === null || d === null ? null : n.withScale(Math.max(0, d), 'DOWN');
  },
  MOD: (a, env, ev) => {
    arity('MOD', a, 2);
    const n = num(ev(a[0], env), 'MOD');
    const d = num(ev(a[1], env), 'MOD');
    if (n === null || d === null) return null;
    if (d.signum() === 0) throw runtimeError('Division by zero');
    const [x, y, s] = ApexDecimal.align(n, d);
    return new ApexDecimal(x % y, s);
  },
  MAX: (a, env, ev) => extreme('MAX', a, env, ev, 1),
  MIN: (a, env, ev) => extreme('MIN', a, env, ev, -1),
  SQRT: (a, env, ev) => (
    arity('SQRT', a, 1),
    mathFn(ev(a[0], env), 'SQRT', (x) => {
      if (x < 0) throw runtimeError('SQRT of a negative number');
      return Math.sqrt(x);
    })
  ),
  EXP: (a, env, ev) => (arity('EXP', a, 1), mathFn(ev(a[0], env), 'EXP', Math.exp)),
  LN: (a, env, ev) => (arity('LN', a, 1), mathFn(ev(a[0], env), 'LN', logOf(Math.log))),
  LOG: (a, env, ev) => (arity('LOG', a, 1), mathFn(ev(a[0], env), 'LOG', logOf(Math.log10))),
  // ---- date and time
  TODAY: (a, env) => (arity('TODAY', a, 0), env.today()),
  NOW: (a, env) => (arity('NOW', a, 0), new ApexDatetime(env.now())),
  TIMENOW: (a, env) => (
    arity('TIMENOW', a, 0),
    new ApexTime(((env.now() % DAY_MS) + DAY_MS) % DAY_MS)
  ),
  DATE: (a, env, ev) => {
    arity('DATE', a, 3);
    const [y, m, d] = a.map((x) => int(ev(x, env), 'DATE'));
    return y === null || m === null || d === null ? null : mkDate(y, m, d, 'DATE');
  },
  DATEVALUE: (a, env, ev) => {
    arity('DATEVALUE', a, 1);
    const v = ev(a[0], env);
    if (v === null) return null;
    // A date/time gives its date in GMT ("DATEVALUE").
    if (v instanceof ApexDatetime) return ApexDate.fromEpochDay(Math.floor(v.epochMs / DAY_MS));
    if (v instanceof ApexDate) return v;
    const s = text(v, 'DATEVALUE');
    const m = s === null ? null : /^\s*(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s);
    if (!m) throw runtimeError(`DATEVALUE: '${String(s)}' is not a date (YYYY-MM-DD)`);
    return mkDate(Number(m[1]), Number(m[2]), Number(m[3]), 'DATEVALUE');
  },
  DATETIMEVALUE: (a, env, ev) => {
    arity('DATETIMEVALUE', a, 1);
    const v = ev(a[0], env);
    if (v === null) return null;
    if (v instanceof ApexDatetime) return v;
    if (v instanceof ApexDate) return new ApexDatetime(v.toEpochDay() * DAY_MS);
    const s = text(v, 'DATETIMEVALUE');
    const m =
      s === null
        ? null
        : /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(s);
    if (!m)
      throw runtimeError(`DATETIMEVALUE: '${String(s)}' is not a date/time (YYYY-MM-DD HH:MM:SS)`);
    const d = mkDate(Number(m[1]), Number(m[2]), Number(m[3]), 'DATETIMEVALUE');
    return new ApexDatetime(
      d.toEpochDay() * DAY_MS +
        (Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0)) * 1000
    );
  },
  TIMEVALUE: (a, env, ev) => {
    arity('TIMEVALUE', a, 1);
    const v = ev(a[0], env);
    if (v === null) return null;
    if (v instanceof ApexDatetime) return new ApexTime(((v.epochMs % DAY_MS) + DAY_MS) % DAY_MS);
    const s = text(v, 'TIMEVALUE');
    const m = s === null ? null : /^\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*$/.exec(s);
    if (!m) throw runtimeError(`TIMEVALUE: '${String(s)}' is not a time (HH:MM:SS.MS)`);
    return new ApexTime(
      (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0)) * 1000 +
        Number((m[4] ?? '0').padEnd(3, '0'))
    );
  },
  YEAR: (a, env, ev) => (arity('YEAR', a, 1), datePart(ev(a[0], env), 'YEAR', (d) => d.year)),
  MONTH: (a, env, ev) => (arity('MONTH', a, 1), datePart(ev(a[0], env), 'MONTH', (d) => d.month)),
  DAY: (a, env, ev) => (arity('DAY', a, 1), datePart(ev(a[0], env), 'DAY', (d) => d.day)),
  WEEKDAY: (a, env, ev) => (
    arity('WEEKDAY', a, 1),
    datePart(ev(a[0], env), 'WEEKDAY', (d) => (((d.toEpochDay() % 7) + 7 + 4) % 7) + 1)
  ),
  DAYOFYEAR: (a, env, ev) => (
    arity('DAYOFYEAR', a, 1),
    datePart(
      ev(a[0], env),
      'DAYOFYEAR',
      (d) => d.toEpochDay() - new ApexDate(d.year, 1, 1).toEpochDay() + 1
    )
  ),
  ADDMONTHS: (a, env, ev) => {
    arity('ADDMONTHS', a, 2);
    const v = ev(a[0], env);
    const n = int(ev(a[1], env), 'ADDMONTHS');
    if (v === null || n === null) return null;
    const d =
      v instanceof ApexDatetime
        ? ApexDate.fromEpochDay(Math.floor(v.epochMs / DAY_MS))
        : date(v, 'ADDMONTHS');
    if (d === null) return null;
    const total = d.year * 12 + (d.month - 1) + n;
    const y = Math.floor(total / 12);
    const m = (total % 12) + 1;
    // The last day of a month stays the last day; a day past the new month's end becomes its last ("ADDMONTHS").
    const day = d.day === lastDay(d.year, d.month) ? lastDay(y, m) : Math.min(d.day, lastDay(y, m));
    const out = new ApexDate(y, m, day);
    return v instanceof ApexDatetime
      ? new ApexDatetime(out.toEpochDay() * DAY_MS + (((v.epochMs % DAY_MS) + DAY_MS) % DAY_MS))
      : out;
  },
  HOUR: (a, env, ev) => (
    arity('HOUR', a, 1),
    timePart(ev(a[0], env), 'HOUR', (ms) => Math.floor(ms / 3_600_000))
  ),
  MINUTE: (a, env, ev) => (
    arity('MINUTE', a, 1),
    timePart(ev(a[0], env), 'MINUTE', (ms) => Math.floor(ms / 60_000) % 60)
  ),
  SECOND: (a, env, ev) => (
    arity('SECOND', a, 1),
    timePart(ev(a[0], env), 'SECOND', (ms) => Math.floor(ms / 1000) % 60)
  ),
  MILLISECOND: (a, env, ev) => (
    arity('MILLISECOND', a, 1),
    timePart(ev(a[0], env), 'MILLISECOND', (ms) => ms % 1000)
  ),
  UNIXTIMESTAMP: (a, env, ev) => {
    arity('UNIXTIMESTAMP', a, 1);
    const v = ev(a[0], env);
    if (v === null) return null;
    if (v instanceof ApexDatetime) return dec(Math.floor(v.epochMs / 1000));
    if (v instanceof ApexDate) return dec(v.toEpochDay() * 86_400);
    if (v instanceof ApexTime) return dec(Math.floor(v.ms / 1000));
    throw compileError(`Incorrect parameter type for UNIXTIMESTAMP. Received ${typeName(v)}`);
  },
  FROMUNIXTIME: (a, env, ev) => {
    arity('FROMUNIXTIME', a, 1);
    const n = num(ev(a[0], env), 'FROMUNIXTIME');
    return n === null ? null : new ApexDatetime(Math.round(n.toNumber() * 1000));
  }
};

function eq(a: FValue, b: FValue): boolean {
  if (a instanceof ApexDecimal && b instanceof ApexDecimal) return a.compareTo(b) === 0;
  if (a instanceof ApexDate && b instanceof ApexDate) return a.toEpochDay() === b.toEpochDay();
  if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.epochMs === b.epochMs;
  if (a instanceof ApexTime && b instanceof ApexTime) return a.ms === b.ms;
  return a === b;
}

function padFn(name: string, a: FormulaNode[], env: FormulaEnv, ev: Eval, left: boolean): FValue {
  arity(name, a, 2, 3);
  const s = text(ev(a[0], env), name) ?? '';
  const n = int(ev(a[1], env), name);
  const p = a.length > 2 ? (text(ev(a[2], env), name) ?? '') : ' ';
  if (n === null) return null;
  // A longer text is cut to the length, from the right ("LPAD", "RPAD").
  if (s.length >= n) return s.slice(0, Math.max(0, n)) || null;
  if (!p) return s || null;
  const fill = p.repeat(Math.ceil((n - s.length) / p.length)).slice(0, n - s.length);
  return left ? fill + s : s + fill;
}

function mapNum(v: FValue, fn: string, f: (n: ApexDecimal) => ApexDecimal): FValue {
  const n = num(v, fn);
  return n === null ? null : f(n);
}

function mathFn(v: FValue, fn: string, f: (x: number) => number): FValue {
  const n = num(v, fn);
  if (n === null) return null;
  const r = f(n.toNumber());
  if (!Number.isFinite(r)) throw runtimeError(`${fn}: result is not a number`);
  return dec(r);
}

const logOf =
  (f: (x: number) => number) =>
  (x: number): number => {
    if (x <= 0) throw runtimeError('Logarithm of a number that is not positive');
    return f(x);
  };

function extreme(name: string, a: FormulaNode[], env: FormulaEnv, ev: Eval, sign: number): FValue {
  arity(name, a, 1, Infinity);
  let best: FValue = null;
  for (const x of a) {
    const v = ev(x, env);
    if (v === null) return null;
    if (best === null) best = v;
    else if (v instanceof ApexDecimal && best instanceof ApexDecimal) {
      if (v.compareTo(best) * sign > 0) best = v;
    } else if (v instanceof ApexDate && best instanceof ApexDate) {
      if ((v.toEpochDay() - best.toEpochDay()) * sign > 0) best = v;
    } else if (v instanceof ApexDatetime && best instanceof ApexDatetime) {
      if ((v.epochMs - best.epochMs) * sign > 0) best = v;
    } else if (typeof v === 'string' && typeof best === 'string') {
      if ((v > best ? 1 : v < best ? -1 : 0) * sign > 0) best = v;
    } else throw compileError(`Incorrect parameter type for ${name}. Received ${typeName(v)}`);
  }
  return best;
}

function datePart(v: FValue, fn: string, f: (d: ApexDate) => number): FValue {
  const d = date(v, fn);
  return d === null ? null : dec(f(d));
}

function timePart(v: FValue, fn: string, f: (ms: number) => number): FValue {
  if (v === null) return null;
  if (!(v instanceof ApexTime))
    throw compileError(
      `Incorrect parameter type for ${fn}. Expected Time, received ${typeName(v)}`
    );
  return dec(f(v.ms));
}

export function callFunction(name: string, args: FormulaNode[], env: FormulaEnv, ev: Eval): FValue {
  const impl = FUNCTIONS[name];
  if (!impl) throw compileError(`Unknown function ${name}. Check spelling.`);
  return impl(args, env, ev);
}

/** Names of the functions the engine knows (docs/localorg.md lists them). */
export const FORMULA_FUNCTIONS: readonly string[] = Object.keys(FUNCTIONS);
