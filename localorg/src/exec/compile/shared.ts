/** Types and helpers shared by the compiler's layers (this folder). */
import type { Expr } from '../../front/ast.js';
import { type ClassDef, type EvalFn } from '../../binder/symbols.js';
import {
  ApexDecimal,
  ApexDouble,
  type ApexValue,
  type TypeRef,
  apexCompare,
  keyEquals,
  typeRef
} from '../../runtime/values.js';
import { throwApex } from '../../runtime/errors.js';
import type { BuiltinClass } from '../../runtime/builtins.js';
/** A compiled expression and its static type (null = known only at run time). */
export interface C {
  fn: EvalFn;
  type: TypeRef | null;
  /** An sObject's parent relationship read (`c.Account`): a field read through it is null-tolerant. */
  relationship?: boolean;
}

/** What a name chain denotes before it becomes a value. */
export type Resolved =
  | { kind: 'value'; c: C }
  | {
      kind: 'type';
      user: ClassDef | null;
      builtin: BuiltinClass | null;
      sobject: string | null;
      t: TypeRef;
    }
  | { kind: 'ns'; ns: string };

export const NAMESPACES = new Set([
  'system',
  'schema',
  'database',
  'messaging',
  'approval',
  'auth',
  'connectapi',
  'eventbus',
  'search',
  'dom',
  'reports',
  'cache',
  'process',
  'site',
  'kbmanagement',
  'flow',
  'invocable',
  'commercepayments',
  'slack',
  'functions',
  'datasource',
  'sfc',
  'txnsecurity',
  'userprovisioning',
  'wave',
  'lxscheduler',
  'quickaction',
  'territorymgmt',
  'metadata',
  'formulaeval'
]);

export function lc(s: string): string {
  return s.toLowerCase();
}

/**
 * `a?.b.c`: when `a` is null the rest of the chain is skipped and the whole chain is null
 * (Apex Developer Guide, "Safe Navigation Operator"). Inside a chain the skip travels as SHORT.
 */
export const SHORT = Symbol('short-circuit') as unknown as ApexValue;

export function containsSafe(e: Expr): boolean {
  if (e.k === 'field' || e.k === 'call')
    return e.safe || (e.target !== null && containsSafe(e.target));
  if (e.k === 'index') return containsSafe(e.target);
  return false;
}

export function npe(): never {
  throwApex('System.NullPointerException', 'Attempt to de-reference a null object');
}

export const SCALARS = new Set([
  'integer',
  'long',
  'double',
  'decimal',
  'string',
  'boolean',
  'date',
  'datetime',
  'time',
  'blob',
  'id'
]);
export const WIDENS: Record<string, string[]> = {
  integer: ['long', 'double', 'decimal'],
  long: ['double', 'decimal'],
  double: ['decimal'],
  decimal: ['double'],
  id: ['string'],
  string: ['id'],
  date: ['datetime']
};

/** Implicit conversions between scalar primitives; anything else is left to run time. */
export function assignable(from: TypeRef, to: TypeRef): boolean {
  const f = lc(from.name);
  const t = lc(to.name);
  if (!SCALARS.has(f) || !SCALARS.has(t) || f === t) return true;
  return (WIDENS[f] ?? []).includes(t);
}

export function exactEquals(a: ApexValue, b: ApexValue): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (typeof a !== 'object' && typeof b !== 'object') return keyEquals(a, b);
  if (a instanceof ApexDouble || a instanceof ApexDecimal) return keyEquals(a, b);
  return false;
}

export function compareOp(a: ApexValue, b: ApexValue, test: (c: number) => boolean): boolean {
  if (typeof a === 'number' && typeof b === 'number') return test(a - b);
  // Comparisons with null are false for numbers and dates (Apex Developer Guide, Expression Operators).
  if (a === null || b === null) return false;
  const c = apexCompare(a, b, true);
  if (c === null)
    throwApex('System.TypeException', 'Comparison arguments must be compatible types');
  return test(c);
}

/**
 * Static types of the describe chains (Apex Developer Guide, "Understanding Apex Describe
 * Information"): `Account.SObjectType.fields.Name` is a Schema.SObjectField token, while
 * `Schema.SObjectType.Account.fields.Name` is a Schema.DescribeFieldResult. Typed, they pick the
 * right overload (selectField(Schema.SObjectField) over selectField(String)).
 */
export function describeMemberType(base: TypeRef, lcName: string): TypeRef | null {
  switch (base.name.toLowerCase().replace(/^schema\./, '')) {
    case 'sobjecttype':
      return lcName === 'fields' ? typeRef('Schema.SObjectTypeFieldTokens') : null;
    case 'sobjecttypefieldtokens':
      return lcName === 'getmap' ? null : typeRef('Schema.SObjectField');
    case 'describesobjectresult':
      return lcName === 'fields'
        ? typeRef('Schema.SObjectTypeFields')
        : lcName === 'fieldsets'
          ? typeRef('Schema.SObjectTypeFieldSets')
          : null;
    case 'sobjecttypefields':
      return typeRef('Schema.DescribeFieldResult');
    case 'sobjecttypefieldsets':
      return typeRef('Schema.FieldSet');
    default:
      return null;
  }
}
