/** Apex operators on runtime values: arithmetic with promotion and wrapping, conversions, String.valueOf. */
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexDouble,
  ApexEnumValue,
  ApexId,
  ApexList,
  ApexMap,
  ApexObject,
  ApexSObject,
  ApexSet,
  ApexTime,
  ApexTypeValue,
  type ApexValue,
  NativeObject,
  type TypeRef,
  divRound,
  int64,
  javaDoubleToString,
  normaliseId,
  typeToString
} from './values.js';
import { isInstanceOf, runtimeTypeName } from './type-tests.js';
import { throwApex } from './errors.js';
import { formatInZone } from './tz.js';
import { currentRuntimeOrNull, currentUserZone } from './context.js';
import type { Coercer } from './language.js';

type Num = number | bigint | ApexDouble | ApexDecimal;

function rank(v: ApexValue): number {
  if (typeof v === 'number') return 1;
  if (typeof v === 'bigint') return 2;
  if (v instanceof ApexDouble) return 3;
  if (v instanceof ApexDecimal) return 4;
  return 0;
}

export function asNumber(v: Num): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof ApexDouble) return v.v;
  return v.toNumber();
}

function asBig(v: Num): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(v);
  throw new TypeError('not integral');
}

function asDec(v: Num): ApexDecimal {
  if (v instanceof ApexDecimal) return v;
  if (v instanceof ApexDouble) return ApexDecimal.fromDouble(v.v);
  return ApexDecimal.fromInt(v);
}

function npe(): never {
  throwApex('System.NullPointerException', 'Attempt to de-reference a null object');
}

/** Significant digits kept when a Decimal quotient does not terminate (IEEE decimal128 precision). */
const DIV_DIGITS = 34;

export function decimalDivide(a: ApexDecimal, b: ApexDecimal): ApexDecimal {
  if (b.unscaled === 0n) throwApex('System.MathException', 'Divide by 0');
  const preferred = a.scale - b.scale;
  // Try an exact quotient first (scale grows until it terminates or the digit budget is spent).
  for (let extra = 0; extra <= DIV_DIGITS + 2; extra++) {
    const scale = Math.max(preferred, 0) + extra;
    const num = a.unscaled * 10n ** BigInt(scale - preferred + 0);
    if (num % b.unscaled === 0n) return new ApexDecimal(num / b.unscaled, scale);
  }
  // Non-terminating: round to DIV_DIGITS significant digits, HALF_EVEN.
  const intDigits = new ApexDecimal(
    a.unscaled / b.unscaled === 0n ? 1n : a.unscaled / b.unscaled,
    0
  ).precision();
  const scale = Math.max(DIV_DIGITS - intDigits, 0) + Math.max(preferred, 0);
  const num = a.unscaled * 10n ** BigInt(scale - preferred);
  return new ApexDecimal(divRound(num, b.unscaled, 'HALF_EVEN'), scale);
}

/** `a + b`: String concatenation when either side is a String, Date/Datetime plus days, else numeric. */
export function add(a: ApexValue, b: ApexValue): ApexValue {
  if (typeof a === 'number' && typeof b === 'number') return (a + b) | 0;
  if (typeof a === 'string' || typeof b === 'string') return stringOf(a) + stringOf(b);
  if (a instanceof ApexId || b instanceof ApexId) return stringOf(a) + stringOf(b);
  if (a === null || b === null) npe();
  if (a instanceof ApexDate && typeof b === 'number')
    return ApexDate.fromEpochDay(a.toEpochDay() + b);
  if (a instanceof ApexDatetime && rank(b))
    return new ApexDatetime(a.epochMs + Math.round(asNumber(b as Num) * 86400000));
  if (a instanceof ApexTime && typeof b === 'number')
    return new ApexTime((((a.ms + b) % 86400000) + 86400000) % 86400000);
  return arith('+', a, b);
}

export function arith(op: '+' | '-' | '*' | '/' | '%', a: ApexValue, b: ApexValue): ApexValue {
  if (a === null || b === null) npe();
  const ra = rank(a);
  const rb = rank(b);
  if (!ra || !rb) {
    if (op === '-' && a instanceof ApexDate && typeof b === 'number')
      return ApexDate.fromEpochDay(a.toEpochDay() - b);
    if (op === '-' && a instanceof ApexDatetime && rb)
      return new ApexDatetime(a.epochMs - Math.round(asNumber(b as Num) * 86400000));
    throwApex(
      'System.TypeException',
      `Arithmetic expressions must use numeric arguments: ${runtimeTypeName(a)} ${op} ${runtimeTypeName(b)}`
    );
  }
  const r = Math.max(ra, rb);
  const x = a as Num;
  const y = b as Num;
  if (r === 1) {
    const p = x as number;
    const q = y as number;
    switch (op) {
      case '+':
        return (p + q) | 0;
      case '-':
        return (p - q) | 0;
      case '*':
        return Math.imul(p, q);
      case '/':
        if (q === 0) throwApex('System.MathException', 'Divide by 0');
        return (p / q) | 0;
      case '%':
        if (q === 0) throwApex('System.MathException', 'Divide by 0');
        return (p % q) | 0;
    }
  }
  if (r === 2) {
    const p = asBig(x);
    const q = asBig(y);
    switch (op) {
      case '+':
        return int64(p + q);
      case '-':
        return int64(p - q);
      case '*':
        return int64(p * q);
      case '/':
        if (q === 0n) throwApex('System.MathException', 'Divide by 0');
        return int64(p / q);
      case '%':
        if (q === 0n) throwApex('System.MathException', 'Divide by 0');
        return int64(p % q);
    }
  }
  if (r === 3) {
    const p = asNumber(x);
    const q = asNumber(y);
    switch (op) {
      case '+':
        return new ApexDouble(p + q);
      case '-':
        return new ApexDouble(p - q);
      case '*':
        return new ApexDouble(p * q);
      case '/':
        if (q === 0) throwApex('System.MathException', 'Divide by 0');
        return new ApexDouble(p / q);
      case '%':
        return new ApexDouble(p % q);
    }
  }
  const p = asDec(x);
  const q = asDec(y);
  switch (op) {
    case '+':
      return p.add(q);
    case '-':
      return p.subtract(q);
    case '*':
      return p.multiply(q);
    case '/':
      return decimalDivide(p, q);
    case '%':
      throwApex('System.MathException', 'The % operator is not defined for Decimal; use Math.mod');
  }
}

export function negate(v: ApexValue): ApexValue {
  if (typeof v === 'number') return -v | 0;
  if (v === null) npe();
  if (typeof v === 'bigint') return int64(-v);
  if (v instanceof ApexDouble) return new ApexDouble(-v.v);
  if (v instanceof ApexDecimal) return v.negate();
  throwApex(
    'System.TypeException',
    `Arithmetic expressions must use numeric arguments: -${runtimeTypeName(v)}`
  );
}

/** Bitwise and shift operators on Integer/Long; & | ^ on Booleans too. */
export function bitwise(op: string, a: ApexValue, b: ApexValue): ApexValue {
  if (a === null || b === null) npe();
  if (typeof a === 'boolean' && typeof b === 'boolean') {
    if (op === '&') return a && b;
    if (op === '|') return a || b;
    if (op === '^') return a !== b;
  }
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '&':
        return a & b;
      case '|':
        return a | b;
      case '^':
        return a ^ b;
      case '<<':
        return a << b;
      case '>>':
        return a >> b;
      case '>>>':
        return (a >>> b) | 0;
    }
  }
  if (
    (typeof a === 'number' || typeof a === 'bigint') &&
    (typeof b === 'number' || typeof b === 'bigint')
  ) {
    const x = BigInt(a);
    const y = BigInt(b);
    switch (op) {
      case '&':
        return x & y;
      case '|':
        return x | y;
      case '^':
        return x ^ y;
      case '<<':
        return int64(x << (y & 63n));
      case '>>':
        return x >> (y & 63n);
      case '>>>':
        return int64(BigInt.asUintN(64, x) >> (y & 63n));
    }
  }
  throwApex(
    'System.TypeException',
    `Invalid operands for ${op}: ${runtimeTypeName(a)}, ${runtimeTypeName(b)}`
  );
}

// ---------------------------------------------------------------------------------------------
// String.valueOf and string concatenation

export function stringOf(v: ApexValue): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(v);
  }
  if (v instanceof ApexDouble) return javaDoubleToString(v.v);
  if (v instanceof ApexDecimal) return v.toPlainString();
  if (v instanceof ApexId) return v.value;
  if (v instanceof ApexDate) return v.toString();
  if (v instanceof ApexDatetime)
    return formatInZone(v.epochMs, 'yyyy-MM-dd HH:mm:ss', currentUserZone());
  if (v instanceof ApexTime) return v.toString();
  if (v instanceof ApexBlob) return v.toString();
  if (v instanceof ApexList) return `(${v.items.map(stringOf).join(', ')})`;
  if (v instanceof ApexSet) return `{${v.values().map(stringOf).join(', ')}}`;
  if (v instanceof ApexMap)
    return `{${v
      .entries()
      .map(([k, x]) => `${stringOf(k)}=${stringOf(x)}`)
      .join(', ')}}`;
  if (v instanceof ApexSObject)
    return `${v.type}:{${v
      .populated()
      .map(([k, x]) => `${k}=${stringOf(x)}`)
      .join(', ')}}`;
  if (v instanceof ApexObject) {
    const s = currentRuntimeOrNull()?.objectToString(v);
    if (s !== null && s !== undefined) return s;
    if (v.exception)
      return v.exception.message === null ? v.cls.name : `${v.cls.name}: ${v.exception.message}`;
    return `${v.cls.name.slice(v.cls.name.lastIndexOf('.') + 1)}:[]`;
  }
  if (v instanceof ApexEnumValue) return v.name;
  // a managed package's class prints as `ns.Name` (Type.getName)
  if (v instanceof ApexTypeValue)
    return currentRuntimeOrNull()?.qualifiedTypeName?.(v.type) ?? typeToString(v.type);
  if (v instanceof NativeObject) return currentRuntimeOrNull()?.nativeToString(v) ?? v.className;
  return String(v);
}

// ---------------------------------------------------------------------------------------------
// Conversions on assignment and cast

export type { Coercer };

/** Implicit conversion when assigning to a declared type, or null when values pass unchanged. */
export function coercerFor(t: TypeRef, isSObjectType: (name: string) => boolean): Coercer | null {
  switch (t.name.toLowerCase()) {
    case 'long':
      return (v) => (typeof v === 'number' ? BigInt(v) : v);
    case 'double':
      return (v) =>
        v === null || v instanceof ApexDouble
          ? v
          : typeof v === 'number' || typeof v === 'bigint'
            ? new ApexDouble(Number(v))
            : v instanceof ApexDecimal
              ? new ApexDouble(v.toNumber())
              : v;
    case 'decimal':
      return (v) =>
        v === null || v instanceof ApexDecimal
          ? v
          : typeof v === 'number' || typeof v === 'bigint'
            ? ApexDecimal.fromInt(v)
            : v instanceof ApexDouble
              ? ApexDecimal.fromDouble(v.v)
              : v;
    case 'id':
      return (v) => (typeof v === 'string' ? toId(v) : v);
    case 'string':
      return (v) => (v instanceof ApexId ? v.value : v);
    case 'datetime':
      // `Datetime dt = aDate;` widens to midnight GMT of that day (Rules of Conversion).
      return (v) =>
        v instanceof ApexDate ? new ApexDatetime(Date.UTC(v.year, v.month - 1, v.day)) : v;
  }
  if (isSObjectType(t.name) || t.name.toLowerCase() === 'sobject') {
    return (v) => {
      if (v instanceof ApexList) {
        if (v.items.length === 0)
          throwApex('System.QueryException', 'List has no rows for assignment to SObject');
        if (v.items.length > 1)
          throwApex('System.QueryException', 'List has more than 1 row for assignment to SObject');
        return v.items[0];
      }
      return v;
    };
  }
  return null;
}

export function toId(s: string): ApexId {
  const n = normaliseId(s);
  if (n === null) throwApex('System.StringException', `Invalid id: ${s}`);
  return new ApexId(n);
}

/** `(T) v`: checked cast with the platform's TypeException message. */
export function cast(
  v: ApexValue,
  t: TypeRef,
  isSObjectType: (name: string) => boolean
): ApexValue {
  if (v === null) return null;
  const n = t.name.toLowerCase();
  // Explicit casts convert between the numeric types (narrowing truncates, as in Java).
  if (rank(v)) {
    const x = v as Num;
    switch (n) {
      case 'integer':
        if (typeof x === 'number') return x;
        if (typeof x === 'bigint') return Number(BigInt.asIntN(32, x));
        return Math.trunc(asNumber(x)) | 0;
      case 'long':
        if (typeof x === 'bigint') return x;
        if (typeof x === 'number') return BigInt(x);
        return x instanceof ApexDecimal
          ? int64(x.withScale(0, 'DOWN').unscaled)
          : BigInt(Math.trunc(x.v));
      case 'double':
        return x instanceof ApexDouble ? x : new ApexDouble(asNumber(x));
      case 'decimal':
        return asDec(x);
    }
  }
  const c = coercerFor(t, isSObjectType);
  if (n === 'id' && typeof v === 'string') return toId(v);
  if (n === 'string' && v instanceof ApexId) return v.value;
  if (n === 'datetime' && v instanceof ApexDate && c) return c(v);
  if (isInstanceOf(v, t)) return v;
  if (v instanceof ApexList && isSObjectType(t.name) && c) return c(v);
  if (n === 'sobject' || isSObjectType(t.name)) {
    if (v instanceof ApexSObject && (n === 'sobject' || v.type.toLowerCase() === n)) return v;
  }
  throwApex(
    'System.TypeException',
    `Invalid conversion from runtime type ${runtimeTypeName(v)} to ${typeToString(t)}`
  );
}
