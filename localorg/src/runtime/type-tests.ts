// Run-time types of Apex values: the type name a value reports (String.valueOf of its type,
// error messages) and `instanceof` / catch / conversion checks (Apex Developer Guide, "Using the
// instanceof Keyword", "Classes and Casting", "Collection Casting").
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
  ApexSet,
  ApexSObject,
  ApexTime,
  ApexTypeValue,
  NativeObject,
  type ApexValue,
  type TypeRef,
  typeToString
} from './values.js';

/** The runtime type name of a value, as getTypeName/messages print it ('Integer', 'Account', 'MyClass'). */
export function runtimeTypeName(v: ApexValue): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return 'Boolean';
    case 'number':
      return 'Integer';
    case 'bigint':
      return 'Long';
    case 'string':
      return 'String';
  }
  if (v instanceof ApexDouble) return 'Double';
  if (v instanceof ApexDecimal) return 'Decimal';
  if (v instanceof ApexId) return 'Id';
  if (v instanceof ApexDate) return 'Date';
  if (v instanceof ApexDatetime) return 'Datetime';
  if (v instanceof ApexTime) return 'Time';
  if (v instanceof ApexBlob) return 'Blob';
  if (v instanceof ApexList) return `List<${typeToString(v.elemType)}>`;
  if (v instanceof ApexSet) return `Set<${typeToString(v.elemType)}>`;
  if (v instanceof ApexMap) return `Map<${typeToString(v.keyType)},${typeToString(v.valueType)}>`;
  if (v instanceof ApexSObject) return v.type;
  if (v instanceof ApexObject) return v.cls.name;
  if (v instanceof ApexEnumValue) return v.enumType;
  if (v instanceof ApexTypeValue) return 'System.Type';
  if (v instanceof NativeObject) return v.className;
  return 'Object';
}

/**
 * `v instanceof T` for a canonical type. `null` is never an instance. `isSObjectType` tells whether a
 * name is an SObject type (the platform schema knows), needed for `instanceof SObject`-like checks.
 */
export function isInstanceOf(v: ApexValue, t: TypeRef): boolean {
  if (v === null) return false;
  const n = t.name.toLowerCase();
  if (n === 'object') return true;
  switch (n) {
    case 'integer':
      return typeof v === 'number';
    case 'long':
      return typeof v === 'bigint';
    case 'double':
      return v instanceof ApexDouble;
    case 'decimal':
      return v instanceof ApexDecimal;
    case 'string':
      return typeof v === 'string';
    case 'id':
      return v instanceof ApexId;
    case 'boolean':
      return typeof v === 'boolean';
    case 'date':
      return v instanceof ApexDate;
    case 'datetime':
      return v instanceof ApexDatetime;
    case 'time':
      return v instanceof ApexTime;
    case 'blob':
      return v instanceof ApexBlob;
    case 'sobject':
      return v instanceof ApexSObject;
    case 'list':
      return (
        v instanceof ApexList &&
        (t.args.length === 0 ||
          collectionArgsMatch([v.elemType], t.args) ||
          genericSObjectList(v, t))
      );
    case 'set':
      return (
        v instanceof ApexSet && (t.args.length === 0 || collectionArgsMatch([v.elemType], t.args))
      );
    case 'map':
      return (
        v instanceof ApexMap &&
        (t.args.length === 0 || collectionArgsMatch([v.keyType, v.valueType], t.args))
      );
    case 'system.type':
    case 'type':
      return v instanceof ApexTypeValue;
  }
  if (v instanceof ApexSObject)
    return v.type.toLowerCase() === n || `schema.${v.type.toLowerCase()}` === n;
  if (v instanceof ApexObject) return v.cls.isSubtypeOf(t.name);
  if (v instanceof ApexEnumValue)
    return v.enumType.toLowerCase() === n || v.enumType.toLowerCase() === `system.${n}`;
  if (v instanceof NativeObject) {
    const c = v.className.toLowerCase();
    return c === n || c.endsWith(`.${n}`);
  }
  return false;
}

/**
 * A list created as List<SObject> (new List<SObject>(), Database.query) passes as a list of any
 * concrete SObject type: `(List<Account>) Database.query(q)` works, and so does instanceof.
 */
function genericSObjectList(v: ApexList, t: TypeRef): boolean {
  if (v.elemType.name.toLowerCase() !== 'sobject' || t.args.length !== 1) return false;
  const w = t.args[0].name.toLowerCase();
  return w !== 'object' && !isPrimitiveName(w);
}

/** List<Account> is a List<SObject> (Apex collections are covariant for SObjects and Object). */
function collectionArgsMatch(actual: readonly TypeRef[], wanted: readonly TypeRef[]): boolean {
  if (actual.length !== wanted.length) return false;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i].name.toLowerCase();
    const w = wanted[i].name.toLowerCase();
    if (w === 'object' || a === w) continue;
    if (w === 'sobject' && a !== 'object' && !isPrimitiveName(a)) continue;
    return false;
  }
  return true;
}

const PRIMITIVES = new Set([
  'integer',
  'long',
  'double',
  'decimal',
  'string',
  'id',
  'boolean',
  'date',
  'datetime',
  'time',
  'blob',
  'object',
  'list',
  'set',
  'map'
]);
export function isPrimitiveName(lcName: string): boolean {
  return PRIMITIVES.has(lcName);
}
