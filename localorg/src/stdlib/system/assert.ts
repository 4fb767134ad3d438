/**
 * System.Assert: assertions fail with System.AssertException, which no Apex catch block sees.
 */
import {
  ApexDecimal,
  ApexDouble,
  ApexTypeValue,
  apexEquals,
  keyEquals,
  typeRef,
  typeToString,
  type ApexValue
} from '../../runtime/values.js';
import { isInstanceOf, runtimeTypeName } from '../../runtime/type-tests.js';
import { throwApex } from '../../runtime/errors.js';
import { stringOf } from '../../runtime/ops.js';
import type { BuiltinClass } from '../../runtime/builtins.js';

export const assertClasses: BuiltinClass[] = [];

// ---------------------------------------------------------------------------------------------
// Assertions (uncatchable, as on the platform)

export function fail(message: string): never {
  throwApex('System.AssertException', message);
}

function withMsg(msg: ApexValue, detail: string): string {
  return msg === null || msg === undefined
    ? `Assertion Failed: ${detail}`
    : `Assertion Failed: ${stringOf(msg)}: ${detail}`;
}

export function plainMsg(msg: ApexValue | undefined): string {
  return msg === null || msg === undefined
    ? 'Assertion Failed'
    : `Assertion Failed: ${stringOf(msg)}`;
}

/** Assert equality: Object.equals semantics, but numbers compare by value across types and scales. */
function sameValue(x: ApexValue, y: ApexValue): boolean {
  const num = (v: ApexValue) =>
    typeof v === 'number' ||
    typeof v === 'bigint' ||
    v instanceof ApexDecimal ||
    v instanceof ApexDouble;
  if (num(x) && num(y)) return apexEquals(x, y);
  return keyEquals(x, y);
}

export function assertEquals(a: ApexValue[]): ApexValue {
  if (!sameValue(a[0], a[1]))
    fail(withMsg(a[2] ?? null, `Expected: ${stringOf(a[0])}, Actual: ${stringOf(a[1])}`));
  return null;
}

export function assertNotEquals(a: ApexValue[]): ApexValue {
  if (sameValue(a[0], a[1])) fail(withMsg(a[2] ?? null, `Same value: ${stringOf(a[1])}`));
  return null;
}

assertClasses.push({
  name: 'System.Assert',
  statics: {
    areequal: (_c, a) => assertEquals(a),
    arenotequal: (_c, a) => assertNotEquals(a),
    istrue: (_c, a) => {
      if (a[0] !== true)
        fail(
          a.length > 1
            ? plainMsg(a[1])
            : 'Assertion Failed: Expected: true, Actual: ' + stringOf(a[0])
        );
      return null;
    },
    isfalse: (_c, a) => {
      if (a[0] !== false)
        fail(
          a.length > 1
            ? plainMsg(a[1])
            : 'Assertion Failed: Expected: false, Actual: ' + stringOf(a[0])
        );
      return null;
    },
    isnull: (_c, a) => {
      if (a[0] !== null) fail(withMsg(a[1] ?? null, `Expected: null, Actual: ${stringOf(a[0])}`));
      return null;
    },
    isnotnull: (_c, a) => {
      if (a[0] === null) fail(withMsg(a[1] ?? null, 'Expected: not null, Actual: null'));
      return null;
    },
    isinstanceoftype: (_c, a) => {
      const t = (a[1] as ApexTypeValue).type;
      if (!isInstance(a[0], t))
        fail(
          withMsg(
            a[2] ?? null,
            `Expected: ${typeToString(t)}, Actual: ${a[0] === null ? 'null' : runtimeName(a[0])}`
          )
        );
      return null;
    },
    isnotinstanceoftype: (_c, a) => {
      const t = (a[1] as ApexTypeValue).type;
      if (isInstance(a[0], t)) fail(withMsg(a[2] ?? null, `Unexpected type: ${typeToString(t)}`));
      return null;
    },
    fail: (_c, a) => fail(a.length && a[0] !== null ? stringOf(a[0]) : 'Assertion Failed')
  }
});

function isInstance(v: ApexValue, t: ReturnType<typeof typeRef>): boolean {
  return isInstanceOf(v, t);
}
function runtimeName(v: ApexValue): string {
  return runtimeTypeName(v);
}
