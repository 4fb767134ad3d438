// Evaluates a parsed formula against an environment that reads merge fields (the record, its
// parents, $User, $Setup...). Operators follow Salesforce Help, "Formula Operators and Functions":
// `+ -` on numbers, on a date and a number of days, on a date/time and a (fractional) number of days,
// date − date = days; `&` (and `+` on text) concatenates; comparisons of text are case-sensitive;
// `^` raises to a power. A blank operand makes an arithmetic result blank ("Treat blank fields as
// blanks"); with "Treat blank fields as zeroes" a blank number field reads as 0.
import { ApexDate, ApexDatetime, ApexDecimal, ApexTime } from '../../runtime/values.ts';
import type { FormulaNode } from './parse.ts';
import { callFunction } from './functions.ts';
import {
  compileError,
  dec,
  divide,
  isBlank,
  numberText,
  runtimeError,
  typeName,
  type FormulaEnv,
  type FValue
} from './values.ts';

export type { FormulaEnv } from './values.ts';

const DAY_MS = 86_400_000;

export function evaluate(node: FormulaNode, env: FormulaEnv): FValue {
  switch (node.kind) {
    case 'literal':
      if (typeof node.value === 'number')
        return node.text ? ApexDecimal.fromString(node.text) : dec(node.value);
      return node.value;
    case 'ref': {
      const r = env.ref(node.path);
      if (r.v === null && env.blankAsZero && r.t === 'number') return ApexDecimal.fromInt(0);
      return r.v;
    }
    case 'unary': {
      const v = evaluate(node.arg, env);
      if (v === null) return null;
      if (!(v instanceof ApexDecimal))
        throw compileError(
          `Incorrect parameter type for operator '${node.op}'. Expected Number, received ${typeName(v)}`
        );
      return node.op === '-' ? v.negate() : v;
    }
    case 'binary':
      return binary(node.op, node.left, node.right, env);
    case 'call':
      return callFunction(node.name, node.args, env, evaluate);
  }
}

function binary(op: string, l: FormulaNode, r: FormulaNode, env: FormulaEnv): FValue {
  if (op === '&&' || op === '||') {
    const a = evaluate(l, env);
    if (a !== null && typeof a !== 'boolean')
      throw compileError(
        `Incorrect parameter type for operator '${op}'. Expected Boolean, received ${typeName(a)}`
      );
    if (op === '&&' && a === false) return false;
    if (op === '||' && a === true) return true;
    const b = evaluate(r, env);
    if (b !== null && typeof b !== 'boolean')
      throw compileError(
        `Incorrect parameter type for operator '${op}'. Expected Boolean, received ${typeName(b)}`
      );
    return b === true;
  }
  const a = evaluate(l, env);
  const b = evaluate(r, env);
  switch (op) {
    case '&':
      return concat(a, b);
    case '+':
      if (typeof a === 'string' || typeof b === 'string') return concat(a, b);
      return plus(a, b);
    case '-':
      return minus(a, b);
    case '*':
    case '/':
    case '^': {
      if (a === null || b === null) return null;
      if (!(a instanceof ApexDecimal) || !(b instanceof ApexDecimal))
        throw compileError(
          `Incorrect parameter type for operator '${op}'. Expected Number, received ${typeName(a instanceof ApexDecimal ? b : a)}`
        );
      if (op === '*') return a.multiply(b);
      if (op === '/') return divide(a, b);
      return power(a, b);
    }
    case '=':
    case '==':
      return equals(a, b);
    case '!=':
    case '<>':
      return !equals(a, b);
    default:
      return compare(op, a, b);
  }
}

function concat(a: FValue, b: FValue): string {
  const s = (v: FValue): string => {
    if (v === null) return '';
    if (typeof v === 'string') return v;
    throw compileError(
      `Incorrect parameter type for operator '&'. Expected Text, received ${typeName(v)}`
    );
  };
  return s(a) + s(b);
}

function plus(a: FValue, b: FValue): FValue {
  if (a === null || b === null) return null;
  if (a instanceof ApexDecimal && b instanceof ApexDecimal) return a.add(b);
  if (a instanceof ApexDate && b instanceof ApexDecimal) return addDays(a, b);
  if (a instanceof ApexDecimal && b instanceof ApexDate) return addDays(b, a);
  if (a instanceof ApexDatetime && b instanceof ApexDecimal) return addMs(a, b);
  if (a instanceof ApexDecimal && b instanceof ApexDatetime) return addMs(b, a);
  if (a instanceof ApexTime && b instanceof ApexDecimal) return addTime(a, b);
  throw compileError(
    `Incorrect parameter type for operator '+'. Received ${typeName(a)} and ${typeName(b)}`
  );
}

function minus(a: FValue, b: FValue): FValue {
  if (a === null || b === null) return null;
  if (a instanceof ApexDecimal && b instanceof ApexDecimal) return a.subtract(b);
  if (a instanceof ApexDate && b instanceof ApexDecimal) return addDays(a, b.negate());
  if (a instanceof ApexDate && b instanceof ApexDate)
    return ApexDecimal.fromInt(a.toEpochDay() - b.toEpochDay());
  if (a instanceof ApexDatetime && b instanceof ApexDecimal) return addMs(a, b.negate());
  if (a instanceof ApexDatetime && b instanceof ApexDatetime)
    return divide(ApexDecimal.fromInt(a.epochMs - b.epochMs), ApexDecimal.fromInt(DAY_MS));
  if (a instanceof ApexTime && b instanceof ApexDecimal) return addTime(a, b.negate());
  if (a instanceof ApexTime && b instanceof ApexTime) return ApexDecimal.fromInt(a.ms - b.ms);
  throw compileError(
    `Incorrect parameter type for operator '-'. Received ${typeName(a)} and ${typeName(b)}`
  );
}

function addDays(d: ApexDate, n: ApexDecimal): ApexDate {
  // A date plus a fraction of a day: the whole days count ("Using Date, Date/Time, and Time Values in Formulas").
  return ApexDate.fromEpochDay(d.toEpochDay() + Number(n.withScale(0, 'DOWN').unscaled));
}

function addMs(d: ApexDatetime, days: ApexDecimal): ApexDatetime {
  return new ApexDatetime(d.epochMs + Math.round(days.toNumber() * DAY_MS));
}

function addTime(t: ApexTime, ms: ApexDecimal): ApexTime {
  const v = (((t.ms + Math.round(ms.toNumber())) % DAY_MS) + DAY_MS) % DAY_MS;
  return new ApexTime(v);
}

function power(a: ApexDecimal, b: ApexDecimal): ApexDecimal {
  const e = b.stripTrailingZeros();
  if (e.scale <= 0 && e.unscaled >= 0n && e.unscaled < 1000n) {
    let out = ApexDecimal.fromInt(1);
    for (let i = 0n; i < e.withScale(0).unscaled; i++) out = out.multiply(a);
    return out;
  }
  const v = Math.pow(a.toNumber(), b.toNumber());
  if (!Number.isFinite(v)) throw runtimeError('Exponent result is not a number');
  return dec(v);
}

export function equals(a: FValue, b: FValue): boolean {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
  if (a instanceof ApexDecimal && b instanceof ApexDecimal) return a.compareTo(b) === 0;
  if (a instanceof ApexDate && b instanceof ApexDate) return a.toEpochDay() === b.toEpochDay();
  if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.epochMs === b.epochMs;
  if (a instanceof ApexTime && b instanceof ApexTime) return a.ms === b.ms;
  if (typeof a === typeof b && (typeof a === 'string' || typeof a === 'boolean')) return a === b;
  throw compileError(
    `Incorrect parameter type for operator '='. Received ${typeName(a)} and ${typeName(b)}`
  );
}

function compare(op: string, a: FValue, b: FValue): boolean {
  if (a === null || b === null) return false;
  let c: number;
  if (a instanceof ApexDecimal && b instanceof ApexDecimal) c = a.compareTo(b);
  else if (a instanceof ApexDate && b instanceof ApexDate) c = a.toEpochDay() - b.toEpochDay();
  else if (a instanceof ApexDatetime && b instanceof ApexDatetime) c = a.epochMs - b.epochMs;
  else if (a instanceof ApexTime && b instanceof ApexTime) c = a.ms - b.ms;
  else if (typeof a === 'string' && typeof b === 'string') c = a < b ? -1 : a > b ? 1 : 0;
  else
    throw compileError(
      `Incorrect parameter type for operator '${op}'. Received ${typeName(a)} and ${typeName(b)}`
    );
  switch (op) {
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    default:
      return c >= 0;
  }
}

export { numberText };
