/**
 * How every Apex value is represented in JavaScript.
 *
 * The representation keeps the Apex runtime type visible on the value itself so that
 * `Object o = 5; o instanceof Integer` works without static types:
 *
 * | Apex            | JS                                              |
 * |-----------------|-------------------------------------------------|
 * | null            | `null` (never `undefined`)                      |
 * | Boolean         | `boolean`                                       |
 * | Integer         | `number` holding an int32 (hot path: plain JS)  |
 * | Long            | `bigint` kept within 64 bits                    |
 * | Double          | `ApexDouble` (boxed so it differs from Integer) |
 * | Decimal         | `ApexDecimal` (bigint unscaled value + scale)   |
 * | String          | `string`                                        |
 * | Id              | `ApexId` (normalised 18 chars)                  |
 * | Date/Datetime/Time | `ApexDate` / `ApexDatetime` / `ApexTime`     |
 * | Blob            | `ApexBlob`                                      |
 * | List/Set/Map    | `ApexList` / `ApexSet` / `ApexMap`              |
 * | SObject         | `ApexSObject`                                   |
 * | class instance  | `ApexObject` (exceptions too)                   |
 * | enum value      | `ApexEnumValue`                                 |
 * | System.Type     | `ApexTypeValue`                                 |
 * | native object   | `NativeObject` (platform-implemented classes)   |
 *
 * Numbers are in values/numbers.ts, Ids, dates, times and blobs in values/scalars.ts (re-exported here).
 */
import {
  ApexDecimal,
  ApexDouble,
  divRound,
  int32,
  int64,
  javaDoubleToString,
  type RoundingMode
} from './values/numbers.ts';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexId,
  ApexTime,
  idSuffix,
  normaliseId
} from './values/scalars.ts';

export {
  ApexDecimal,
  ApexDouble,
  divRound,
  int32,
  int64,
  javaDoubleToString,
  type RoundingMode,
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexId,
  ApexTime,
  idSuffix,
  normaliseId
};

/** A type as written in Apex, canonicalised: `List<Account>` is {name:'List', args:[{name:'Account'}]}. */
export interface TypeRef {
  /** Canonical dotted name as the platform spells it: 'Integer', 'List', 'Schema.SObjectType', 'Outer.Inner'. */
  readonly name: string;
  readonly args: readonly TypeRef[];
}

export function typeRef(name: string, args: readonly TypeRef[] = []): TypeRef {
  return { name, args };
}

/** `List<Map<String,Integer>>` style rendering, as the platform prints types in messages. */
export function typeToString(t: TypeRef): string {
  return t.args.length ? `${t.name}<${t.args.map(typeToString).join(',')}>` : t.name;
}

export const T_OBJECT = typeRef('Object');
export const T_STRING = typeRef('String');
export const T_INTEGER = typeRef('Integer');
export const T_LONG = typeRef('Long');
export const T_DOUBLE = typeRef('Double');
export const T_DECIMAL = typeRef('Decimal');
export const T_BOOLEAN = typeRef('Boolean');
export const T_ID = typeRef('Id');
export const T_DATE = typeRef('Date');
export const T_DATETIME = typeRef('Datetime');
export const T_TIME = typeRef('Time');
export const T_BLOB = typeRef('Blob');
export const T_SOBJECT = typeRef('SObject');
export const T_VOID = typeRef('void');

/** What values.ts needs to know about a user (or native) class: its name and supertypes. */
export interface ClassRef {
  /** Canonical name, e.g. 'MyClass' or 'MyClass.Inner'. */
  readonly name: string;
  /** True when this class is, extends or implements `typeName` (canonical name, case-insensitive compare done by caller). */
  isSubtypeOf(typeName: string): boolean;
  /** User-defined equals/hashCode, used by Map/Set keys and `==` (null when not declared). */
  readonly userEquals: ((self: ApexObject, other: ApexValue) => boolean) | null;
  readonly userHashCode: ((self: ApexObject) => number) | null;
  /** User-defined toString, used by String.valueOf and string concatenation. */
  readonly userToString: ((self: ApexObject) => string) | null;
}

export type ApexValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | ApexDouble
  | ApexDecimal
  | ApexId
  | ApexDate
  | ApexDatetime
  | ApexTime
  | ApexBlob
  | ApexList
  | ApexSet
  | ApexMap
  | ApexSObject
  | ApexObject
  | ApexEnumValue
  | ApexTypeValue
  | NativeObject;

// ---------------------------------------------------------------------------------------------
// Collections. Keys are hashed by Apex equality for collections: String keys case-sensitive,
// Ids 15≡18 (always stored as 18), SObjects by field values, user classes by equals/hashCode.

export class ApexList {
  constructor(
    /** Element type, e.g. `Account` for List<Account>; arrays `Account[]` are the same. */
    readonly elemType: TypeRef,
    public items: ApexValue[] = []
  ) {}
}

/** Entry storage shared by Set and Map: a bucket per hash, ordered by insertion. */
class KeyIndex {
  private readonly buckets = new Map<string | number, number[]>();
  readonly keys: ApexValue[] = [];
  /** Slots freed by remove() stay undefined so indexes into `keys` remain stable. */
  private live = 0;
  private dirty = false;

  get size(): number {
    return this.live;
  }

  find(k: ApexValue): number {
    const h = keyHash(k);
    const b = this.buckets.get(h);
    if (!b) return -1;
    for (const i of b) if (keyEquals(this.keys[i], k)) return i;
    return -1;
  }

  add(k: ApexValue): { index: number; added: boolean } {
    const h = keyHash(k);
    let b = this.buckets.get(h);
    if (b) {
      for (const i of b) if (keyEquals(this.keys[i], k)) return { index: i, added: false };
    } else {
      b = [];
      this.buckets.set(h, b);
    }
    this.keys.push(k);
    b.push(this.keys.length - 1);
    this.live++;
    return { index: this.keys.length - 1, added: true };
  }

  remove(k: ApexValue): number {
    const h = keyHash(k);
    const b = this.buckets.get(h);
    if (!b) return -1;
    for (let j = 0; j < b.length; j++) {
      const i = b[j];
      if (keyEquals(this.keys[i], k)) {
        b.splice(j, 1);
        if (!b.length) this.buckets.delete(h);
        (this.keys as (ApexValue | undefined)[])[i] = undefined;
        this.live--;
        this.dirty = true;
        return i;
      }
    }
    return -1;
  }

  /** Live indexes in insertion order. */
  *indexes(): Generator<number> {
    for (let i = 0; i < this.keys.length; i++)
      if (!this.dirty || this.keys[i] !== undefined) yield i;
  }

  clear(): void {
    this.buckets.clear();
    this.keys.length = 0;
    this.live = 0;
    this.dirty = false;
  }
}

export class ApexSet {
  private readonly index = new KeyIndex();
  constructor(readonly elemType: TypeRef) {}
  get size(): number {
    return this.index.size;
  }
  has(v: ApexValue): boolean {
    return this.index.find(v) >= 0;
  }
  /** Returns true when added (Set.add's result). */
  add(v: ApexValue): boolean {
    return this.index.add(v).added;
  }
  remove(v: ApexValue): boolean {
    return this.index.remove(v) >= 0;
  }
  clear(): void {
    this.index.clear();
  }
  values(): ApexValue[] {
    const out: ApexValue[] = [];
    for (const i of this.index.indexes()) out.push(this.index.keys[i]);
    return out;
  }
}

export class ApexMap {
  private readonly index = new KeyIndex();
  private readonly vals: ApexValue[] = [];
  constructor(
    readonly keyType: TypeRef,
    readonly valueType: TypeRef
  ) {}
  get size(): number {
    return this.index.size;
  }
  has(k: ApexValue): boolean {
    return this.index.find(k) >= 0;
  }
  get(k: ApexValue): ApexValue {
    const i = this.index.find(k);
    return i >= 0 ? this.vals[i] : null;
  }
  /** Returns the previous value or null (Map.put's result). */
  put(k: ApexValue, v: ApexValue): ApexValue {
    const { index, added } = this.index.add(k);
    const prev = added ? null : this.vals[index];
    this.vals[index] = v;
    return prev;
  }
  remove(k: ApexValue): ApexValue {
    const i = this.index.remove(k);
    if (i < 0) return null;
    const prev = this.vals[i];
    this.vals[i] = null;
    return prev;
  }
  clear(): void {
    this.index.clear();
    this.vals.length = 0;
  }
  keys(): ApexValue[] {
    const out: ApexValue[] = [];
    for (const i of this.index.indexes()) out.push(this.index.keys[i]);
    return out;
  }
  values(): ApexValue[] {
    const out: ApexValue[] = [];
    for (const i of this.index.indexes()) out.push(this.vals[i]);
    return out;
  }
  entries(): [ApexValue, ApexValue][] {
    const out: [ApexValue, ApexValue][] = [];
    for (const i of this.index.indexes()) out.push([this.index.keys[i], this.vals[i]]);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// SObjects

/**
 * An SObject value. Field names are keyed by lower case (Apex field names are case-insensitive)
 * and remember the canonical spelling the schema gave when set.
 *
 * `queried` is set on rows that came from SOQL: reading a field outside it throws
 * `System.SObjectException: SObject row was retrieved via SOQL without querying the requested field: Account.Name`.
 * Parent relationships (`Account` on a Contact) and child relationship lists are stored as fields too.
 */
export class ApexSObject {
  /** lower-case field name → value, in the order fields were first set. */
  readonly values = new Map<string, ApexValue>();
  /** lower-case field name → canonical field name. */
  readonly names = new Map<string, string>();
  /** Lower-case names of fields the query selected; null when the row was not built by SOQL. */
  queried: Set<string> | null = null;
  /** `addError` calls on this record (field null = record-level), read by the platform after triggers. */
  errors: { field: string | null; message: string }[] | null = null;
  /** Database.DMLOptions given with `setOptions`, read by the platform's DML. */
  dmlOptions: ApexValue = null;
  /**
   * Set by the platform while the record is Trigger.new of an after trigger or Trigger.old: Apex
   * may not assign its fields (System.FinalException: Record is read-only).
   */
  readOnly = false;
  constructor(
    /** Canonical SObject type name, e.g. 'Account', 'S2S_Outbox__c'. */
    readonly type: string
  ) {}

  /** Value of a field, or undefined when it was never set (caller decides null vs SObjectException). */
  raw(field: string): ApexValue | undefined {
    return this.values.get(field.toLowerCase());
  }

  isPopulated(field: string): boolean {
    return this.values.has(field.toLowerCase());
  }

  set(canonicalField: string, value: ApexValue): void {
    const lc = canonicalField.toLowerCase();
    if (!this.names.has(lc)) this.names.set(lc, canonicalField);
    this.values.set(lc, value);
    if (this.queried) this.queried.add(lc);
  }

  unset(field: string): void {
    const lc = field.toLowerCase();
    this.values.delete(lc);
    this.names.delete(lc);
  }

  /** Canonical name → value of every populated field (getPopulatedFieldsAsMap's order). */
  populated(): [string, ApexValue][] {
    const out: [string, ApexValue][] = [];
    for (const [lc, v] of this.values) out.push([this.names.get(lc) ?? lc, v]);
    return out;
  }

  /** Shallow copy (SObject.clone(preserveId=true, isDeepClone=false)). */
  copy(): ApexSObject {
    const c = new ApexSObject(this.type);
    for (const [lc, v] of this.values) {
      c.values.set(lc, v);
      c.names.set(lc, this.names.get(lc) ?? lc);
    }
    c.queried = this.queried ? new Set(this.queried) : null;
    return c;
  }
}

// ---------------------------------------------------------------------------------------------
// Class instances, enums, types, natives

/** An instance of a user-defined Apex class (exceptions included). Fields live in slots. */
export class ApexObject {
  constructor(
    readonly cls: ClassRef,
    readonly fields: ApexValue[]
  ) {}
  /** Set on exception instances: message, cause, line, stack (kept here so natives can read them). */
  exception?: ExceptionState;
  /** Set on `Test.createStub` objects: every method call goes to this System.StubProvider. */
  stubProvider?: ApexValue;
}

export interface ExceptionState {
  message: string | null;
  cause: ApexObject | null;
  /** Where it was thrown (or constructed, for `new` without throw), file:line for getLineNumber/stack. */
  line: number;
  stack: string;
  /** Extra state of platform exceptions (DmlException rows, QueryException inaccessible fields...). */
  data?: unknown;
  /** setMessage was called (an AuraHandledException then keeps its message in Apex). */
  messageSet?: boolean;
}

export class ApexEnumValue {
  constructor(
    /** Canonical enum type name, e.g. 'Season', 'System.RoundingMode', 'System.TriggerOperation'. */
    readonly enumType: string,
    readonly name: string,
    readonly ordinal: number
  ) {}
  toString(): string {
    return this.name;
  }
}

/** A System.Type value (`Account.class`, `Type.forName('X')`). */
export class ApexTypeValue {
  constructor(readonly type: TypeRef) {}
  toString(): string {
    return typeToString(this.type);
  }
}

/**
 * An instance of a class implemented in TypeScript (HttpRequest, Database.SaveResult, JSONGenerator, ...).
 * `className` is its canonical Apex name; `state` is whatever the implementation needs.
 */
export class NativeObject<S = unknown> {
  constructor(
    readonly className: string,
    public state: S
  ) {}
}

// ---------------------------------------------------------------------------------------------
// Equality, hashing, ordering

/**
 * Apex `==`: Strings compare case-insensitively, Id vs String compares as Ids (15≡18), numbers
 * across types by value, SObjects and collections by content, user classes via equals() or identity.
 */
export function apexEquals(a: ApexValue, b: ApexValue): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (typeof a === 'string' && typeof b === 'string')
    return a.length === b.length && a.toLowerCase() === b.toLowerCase();
  return deepEquals(a, b, true);
}

/** Equality used by Map keys, Set elements and String.equals: case-sensitive Strings. */
export function keyEquals(a: ApexValue, b: ApexValue): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (typeof a === 'string' && typeof b === 'string') return false;
  return deepEquals(a, b, false);
}

function isNumeric(v: ApexValue): v is number | bigint | ApexDouble | ApexDecimal {
  return (
    typeof v === 'number' ||
    typeof v === 'bigint' ||
    v instanceof ApexDouble ||
    v instanceof ApexDecimal
  );
}

/** Numeric value as Decimal, for cross-type comparison. */
export function toDecimal(v: number | bigint | ApexDouble | ApexDecimal): ApexDecimal {
  if (v instanceof ApexDecimal) return v;
  if (v instanceof ApexDouble) return ApexDecimal.fromDouble(v.v);
  return ApexDecimal.fromInt(v);
}

function idText(v: ApexValue): string | null {
  if (v instanceof ApexId) return v.value;
  if (typeof v === 'string') return normaliseId(v);
  return null;
}

function deepEquals(a: ApexValue, b: ApexValue, ci: boolean): boolean {
  if (isNumeric(a) && isNumeric(b)) {
    if (typeof a === 'number' && typeof b === 'number') return a === b;
    // As keys, Decimals are BigDecimal.equals: 1.1 and 1.10 differ (Apex Reference, Decimal Class).
    if (!ci && a instanceof ApexDecimal && b instanceof ApexDecimal)
      return a.scale === b.scale && a.unscaled === b.unscaled;
    if (a instanceof ApexDouble || b instanceof ApexDouble) return numberOf(a) === numberOf(b);
    return toDecimal(a).compareTo(toDecimal(b)) === 0;
  }
  if (a instanceof ApexId || b instanceof ApexId) {
    const x = idText(a);
    const y = idText(b);
    return x !== null && x === y;
  }
  if (a instanceof ApexDate && b instanceof ApexDate)
    return a.year === b.year && a.month === b.month && a.day === b.day;
  if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.epochMs === b.epochMs;
  if (a instanceof ApexTime && b instanceof ApexTime) return a.ms === b.ms;
  if (a instanceof ApexBlob && b instanceof ApexBlob) {
    if (a.bytes.length !== b.bytes.length) return false;
    for (let i = 0; i < a.bytes.length; i++) if (a.bytes[i] !== b.bytes[i]) return false;
    return true;
  }
  const eq = ci ? apexEquals : keyEquals;
  if (a instanceof ApexList && b instanceof ApexList) {
    if (a.items.length !== b.items.length) return false;
    for (let i = 0; i < a.items.length; i++) if (!eq(a.items[i], b.items[i])) return false;
    return true;
  }
  if (a instanceof ApexSet && b instanceof ApexSet) {
    if (a.size !== b.size) return false;
    for (const v of a.values()) if (!b.has(v)) return false;
    return true;
  }
  if (a instanceof ApexMap && b instanceof ApexMap) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a.entries()) if (!b.has(k) || !eq(v, b.get(k))) return false;
    return true;
  }
  if (a instanceof ApexSObject && b instanceof ApexSObject) {
    // "== performs a deep check of all sObject field values" (Apex Developer Guide, "Expression
    // Operators"): a field set to null and a field never set both have the value null.
    if (a.type.toLowerCase() !== b.type.toLowerCase()) return false;
    for (const [f, v] of a.values) if (!eq(v, (b.values.get(f) ?? null) as ApexValue)) return false;
    for (const [f, v] of b.values) if (!a.values.has(f) && v !== null) return false;
    return true;
  }
  if (a instanceof ApexObject) {
    if (a.cls.userEquals) return a.cls.userEquals(a, b);
    return false; // identity already checked
  }
  if (a instanceof ApexEnumValue && b instanceof ApexEnumValue)
    return a.enumType === b.enumType && a.name === b.name;
  if (a instanceof ApexTypeValue && b instanceof ApexTypeValue)
    return typeToString(a.type).toLowerCase() === typeToString(b.type).toLowerCase();
  // Platform tokens (Schema.SObjectType, Schema.SObjectField...) are values: equal when their states match.
  if (a instanceof NativeObject && b instanceof NativeObject)
    return a.className === b.className && shallowStateEquals(a.state, b.state);
  return false;
}

function shallowStateEquals(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (!x || !y || typeof x !== 'object' || typeof y !== 'object') return false;
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  if (kx.length !== ky.length) return false;
  for (const k of kx) {
    const vx = (x as Record<string, unknown>)[k];
    const vy = (y as Record<string, unknown>)[k];
    if (vx !== vy) return false;
  }
  return true;
}

function stateHash(st: unknown): number {
  if (!st || typeof st !== 'object') return 0;
  let h = 0;
  for (const [k, v] of Object.entries(st))
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      h = (h + (stringHash(k) ^ stringHash(String(v)))) | 0;
  return h;
}

function numberOf(v: number | bigint | ApexDouble | ApexDecimal): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof ApexDouble) return v.v;
  return v.toNumber();
}

function stringHash(s: string): number {
  // Java's String.hashCode, so hashCode() results match the platform's for Strings.
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** Hash consistent with keyEquals (a string/number key for the JS Map of buckets). */
export function keyHash(v: ApexValue): string | number {
  if (v === null) return 'null';
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return `n${v}`;
  if (v instanceof ApexDecimal)
    return `n${v.scale === 0 ? v.unscaled.toString() : v.toPlainString()}`;
  if (v instanceof ApexDouble)
    return Number.isInteger(v.v) && Math.abs(v.v) < 2 ** 31 ? v.v : `d${v.v}`;
  if (v instanceof ApexId) return `s${v.value}`;
  if (v instanceof ApexEnumValue) return `e${v.enumType}.${v.name}`;
  if (v instanceof ApexObject)
    return v.cls.userHashCode ? `o${v.cls.userHashCode(v)}` : `o#${identityHash(v)}`;
  return `h${apexHash(v)}`;
}

const identities = new WeakMap<object, number>();
let nextIdentity = 1;
function identityHash(o: object): number {
  let h = identities.get(o);
  if (h === undefined) {
    h = nextIdentity++;
    identities.set(o, h);
  }
  return h;
}

/** Apex hashCode() of a value (used by keyHash and by `Object.hashCode()` calls). */
export function apexHash(v: ApexValue): number {
  if (v === null) return 0;
  if (typeof v === 'string') return stringHash(v);
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1231 : 1237;
  if (typeof v === 'bigint') return Number(BigInt.asIntN(32, v ^ (v >> 32n)));
  if (v instanceof ApexDouble) return stringHash(String(v.v));
  if (v instanceof ApexDecimal) return stringHash(v.stripTrailingZeros().toPlainString());
  if (v instanceof ApexId) return stringHash(v.value);
  if (v instanceof ApexDate || v instanceof ApexDatetime || v instanceof ApexTime)
    return stringHash(v.toString());
  if (v instanceof ApexBlob) {
    let h = 1;
    for (const b of v.bytes) h = (Math.imul(31, h) + b) | 0;
    return h;
  }
  if (v instanceof ApexList) {
    let h = 1;
    for (const x of v.items) h = (Math.imul(31, h) + apexHash(x)) | 0;
    return h;
  }
  if (v instanceof ApexSet) {
    let h = 0;
    for (const x of v.values()) h = (h + apexHash(x)) | 0;
    return h;
  }
  if (v instanceof ApexMap) {
    let h = 0;
    for (const [k, x] of v.entries()) h = (h + (apexHash(k) ^ apexHash(x))) | 0;
    return h;
  }
  if (v instanceof ApexSObject) {
    let h = stringHash(v.type.toLowerCase());
    // null fields are left out: equal records (a field set to null or never set) hash alike
    for (const [f, x] of v.values) if (x !== null) h = (h + (stringHash(f) ^ apexHash(x))) | 0;
    return h;
  }
  if (v instanceof ApexObject) return v.cls.userHashCode ? v.cls.userHashCode(v) : identityHash(v);
  if (v instanceof ApexEnumValue) return stringHash(v.name);
  if (v instanceof ApexTypeValue) return stringHash(typeToString(v.type).toLowerCase());
  if (v instanceof NativeObject) return (stringHash(v.className) ^ stateHash(v.state)) | 0;
  return identityHash(v);
}

/**
 * Ordering for `<`/`>` and List.sort of primitives. Returns negative/0/positive, or null when the
 * values are not comparable (the caller raises the platform's error).
 * `caseInsensitive` selects the `<` operator's String rule; List.sort compares case-sensitively.
 */
export function apexCompare(a: ApexValue, b: ApexValue, caseInsensitive = false): number | null {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (isNumeric(a) && isNumeric(b)) {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (a instanceof ApexDouble || b instanceof ApexDouble) {
      const x = numberOf(a);
      const y = numberOf(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    return toDecimal(a).compareTo(toDecimal(b));
  }
  if (
    (typeof a === 'string' || a instanceof ApexId) &&
    (typeof b === 'string' || b instanceof ApexId)
  ) {
    let x = String(a);
    let y = String(b);
    if (caseInsensitive) {
      x = x.toLowerCase();
      y = y.toLowerCase();
    }
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a instanceof ApexDate && b instanceof ApexDate) return a.toEpochDay() - b.toEpochDay();
  if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.epochMs - b.epochMs;
  if (a instanceof ApexTime && b instanceof ApexTime) return a.ms - b.ms;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (a instanceof ApexEnumValue && b instanceof ApexEnumValue) return a.ordinal - b.ordinal;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Runtime type tests (`instanceof`, casts)
