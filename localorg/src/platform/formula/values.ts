// Formula values and the conversions between them and Apex values. A formula sees numbers as
// decimals (ApexDecimal), text as strings ("" and null are the same blank text), checkboxes as
// booleans, and dates, date/times and times as the Apex classes. Salesforce Help, "Formula Data
// Types" and "Handling Null Values in Formulas".
import {
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexDouble,
  ApexId,
  ApexTime,
  type ApexValue
} from '../../runtime/values.ts';

export type FValue = null | boolean | string | ApexDecimal | ApexDate | ApexDatetime | ApexTime;

/** A merge field's type, so a blank number can be read as zero ("Treat blank fields as zeroes"). */
export type FType = 'number' | 'text' | 'boolean' | 'date' | 'datetime' | 'time' | 'any';

/** A typed merge-field value. */
export interface FRef {
  v: FValue;
  t: FType;
}

/**
 * An error while evaluating a formula. `kind` 'compile' is what the platform refuses when the
 * formula is saved or built (unknown field or function, wrong argument count or type); 'runtime' is
 * what shows as #Error! (division by zero, VALUE of text that is no number).
 */
export class FormulaError extends Error {
  constructor(
    message: string,
    readonly kind: 'compile' | 'runtime'
  ) {
    super(message);
  }
}

export const compileError = (msg: string): FormulaError => new FormulaError(msg, 'compile');
export const runtimeError = (msg: string): FormulaError => new FormulaError(msg, 'runtime');

/** The formula type of a describe field type. */
export function ftypeOf(describeType: string): FType {
  switch (describeType) {
    case 'double':
    case 'currency':
    case 'percent':
    case 'int':
    case 'long':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'time':
      return 'time';
    default:
      return 'text';
  }
}

/** An Apex value as a formula sees it. */
export function fromApex(v: ApexValue | undefined): FValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number')
    return Number.isInteger(v) ? ApexDecimal.fromInt(v) : ApexDecimal.fromDouble(v);
  if (typeof v === 'bigint') return ApexDecimal.fromInt(v);
  if (v instanceof ApexDouble) return ApexDecimal.fromDouble(v.v);
  if (v instanceof ApexId) return String(v);
  if (
    typeof v === 'string' ||
    typeof v === 'boolean' ||
    v instanceof ApexDecimal ||
    v instanceof ApexDate ||
    v instanceof ApexDatetime ||
    v instanceof ApexTime
  )
    return v;
  throw compileError(`a value of this type cannot be used in a formula`);
}

export function isBlank(v: FValue): boolean {
  return v === null || v === '';
}

export function typeName(v: FValue): string {
  if (v === null) return 'Null';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'string') return 'Text';
  if (v instanceof ApexDecimal) return 'Number';
  if (v instanceof ApexDate) return 'Date';
  if (v instanceof ApexDatetime) return 'DateTime';
  return 'Time';
}

export function num(v: FValue, fn: string): ApexDecimal | null {
  if (v === null) return null;
  if (v instanceof ApexDecimal) return v;
  throw compileError(
    `Incorrect parameter type for ${fn}. Expected Number, received ${typeName(v)}`
  );
}

export function text(v: FValue, fn: string): string | null {
  if (v === null || v === '') return null;
  if (typeof v === 'string') return v;
  throw compileError(`Incorrect parameter type for ${fn}. Expected Text, received ${typeName(v)}`);
}

export function bool(v: FValue, fn: string): boolean {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  throw compileError(
    `Incorrect parameter type for ${fn}. Expected Boolean, received ${typeName(v)}`
  );
}

export function date(v: FValue, fn: string): ApexDate | null {
  if (v === null) return null;
  if (v instanceof ApexDate) return v;
  throw compileError(`Incorrect parameter type for ${fn}. Expected Date, received ${typeName(v)}`);
}

export const dec = (n: number | bigint): ApexDecimal =>
  typeof n === 'bigint' || Number.isInteger(n) ? ApexDecimal.fromInt(n) : ApexDecimal.fromDouble(n);

/** Decimal division to 18 places, half up, without trailing zeros. */
export function divide(a: ApexDecimal, b: ApexDecimal): ApexDecimal {
  if (b.signum() === 0) throw runtimeError('Division by zero');
  const scale = 18;
  const [x, y] = ApexDecimal.align(a, b);
  // (x / y) at `scale` places = x * 10^scale / y
  const n = x * 10n ** BigInt(scale);
  let q = n / y;
  const r = n % y;
  if (r !== 0n && (r < 0n ? -r : r) * 2n >= (y < 0n ? -y : y)) q += n < 0n !== y < 0n ? -1n : 1n;
  const s = new ApexDecimal(q, scale).stripTrailingZeros();
  return s.scale < 0 ? s.withScale(0) : s;
}

/** The text of a number as TEXT() and `&` show it: plain notation, no trailing zeros. */
export function numberText(n: ApexDecimal): string {
  const s = n.stripTrailingZeros();
  return (s.scale < 0 ? s.withScale(0) : s).toPlainString();
}

/** Rounds half away from zero to `digits` places (negative digits round to tens, hundreds...). */
export function roundHalfUp(n: ApexDecimal, digits: number): ApexDecimal {
  if (digits >= 0) {
    const s = n.withScale(digits, 'HALF_UP').stripTrailingZeros();
    return s.scale < 0 ? s.withScale(0) : s;
  }
  const p = 10n ** BigInt(-digits);
  const scaled = new ApexDecimal(n.unscaled, n.scale - digits).withScale(0, 'HALF_UP');
  return new ApexDecimal(scaled.unscaled * p, 0);
}

/** What a formula can read. */
export interface FormulaEnv {
  /** A merge field: `['Name']`, `['Account', 'Name']`, `['$User', 'Id']`. Unknown ones throw a compile FormulaError. */
  ref(path: string[]): FRef;
  /** PRIORVALUE: the field's value before this save (validation rules, field updates). */
  prior?(path: string[]): FRef;
  /** ISNEW(): the record is being inserted. */
  isNew?(): boolean;
  /** ISCLONE(): the record is a clone. */
  isClone?(): boolean;
  /** epoch ms now (NOW()) */
  now(): number;
  /** the running user's date today (TODAY()) */
  today(): ApexDate;
  /** "Treat blank fields as zeroes" */
  blankAsZero: boolean;
}
