// Field values the platform sets on save: default values on insert, auto numbers, the compound
// Name of Contact/Lead/User, and a value converted to its field's storage type.
import {
  ApexBlob,
  ApexDecimal,
  ApexDouble,
  ApexId,
  ApexTime,
  normaliseId,
  type ApexSObject,
  type ApexValue
} from '../../runtime/values.ts';
import type { CatalogField } from '../schema/catalog-types.ts';
import type { SObjectSchema } from '../schema/schema.ts';
import { DmlCallError } from './call.ts';

/** Evaluates a default value formula (Salesforce Help, "Define Default Field Values"). */
export type DefaultFormula = (f: CatalogField, formula: string) => ApexValue;

export function applyDefaults(
  object: SObjectSchema,
  rec: ApexSObject,
  formula?: DefaultFormula
): void {
  for (const f of object.fields()) {
    if (!f.createable) continue;
    if (f.type === 'boolean')
      rec.set(
        f.name,
        f.defaultValue === undefined
          ? false
          : (parseDefault(f, f.defaultValue, object, formula) as boolean)
      );
    else if (f.defaultValue !== undefined)
      rec.set(f.name, parseDefault(f, f.defaultValue, object, formula));
  }
}

export function setAutoNumbers(
  object: SObjectSchema,
  rec: ApexSObject,
  autoNumber: (key: string) => number
): void {
  for (const f of object.fields()) {
    const fmt = (f as CatalogField & { autoNumberFormat?: string }).autoNumberFormat;
    if (fmt === undefined && !(object.name === 'Case' && f.name === 'CaseNumber')) continue;
    const n = autoNumber(`${object.name}.${f.name}`);
    const pattern = fmt || '{00000000}';
    rec.set(
      f.name,
      pattern.replace(/\{(0+)\}/, (_m, zeros: string) => String(n).padStart(zeros.length, '0'))
    );
  }
}

/** Contact/Lead/User Name = FirstName LastName (read-only compound field). */
export function setCompoundName(object: SObjectSchema, rec: ApexSObject): void {
  const name = object.field('Name');
  if (!name || name.createable || !object.field('LastName') || !object.field('FirstName')) return;
  const first = rec.raw('FirstName');
  const last = rec.raw('LastName');
  rec.set('Name', [first, last].filter((x) => x !== null && x !== undefined && x !== '').join(' '));
}

/** Converts a value to the field's storage type (Ids normalised to 18 characters). */
export function coerce(f: CatalogField, v: ApexValue): ApexValue {
  if (v === null) return null;
  if ((f.type === 'id' || f.type === 'reference') && typeof v === 'string') {
    if (v === '') return null;
    const id = normaliseId(v);
    if (!id) throw new DmlCallError('System.StringException', `Invalid id: ${v}`);
    return new ApexId(id);
  }
  if (
    (f.apexType === 'Decimal' || f.apexType === 'Double') &&
    (typeof v === 'number' ||
      typeof v === 'bigint' ||
      v instanceof ApexDouble ||
      v instanceof ApexDecimal)
  ) {
    const d =
      v instanceof ApexDecimal
        ? v
        : v instanceof ApexDouble
          ? ApexDecimal.fromDouble(v.v)
          : ApexDecimal.fromInt(v);
    // A number field keeps `scale` decimal places: more are rounded on save (half up; the
    // rounding mode is the local org's reading, issue 14 item 2), fewer are kept as given.
    return f.scale !== undefined && d.scale > f.scale ? d.withScale(f.scale, 'HALF_UP') : d;
  }
  if (
    f.apexType === 'String' &&
    typeof v === 'string' &&
    f.type !== 'textarea' &&
    f.type !== 'multipicklist'
  )
    return v;
  void ApexBlob;
  void ApexTime;
  return v;
}

function parseDefault(
  f: CatalogField,
  d: string | number | boolean,
  object: SObjectSchema,
  formula?: DefaultFormula
): ApexValue {
  if (typeof d === 'boolean') return d;
  if (typeof d === 'number')
    return f.apexType === 'Decimal' ? ApexDecimal.fromString(String(d)) : d;
  const s = d.trim();
  if (f.type === 'boolean') {
    if (/^true$/i.test(s)) return true;
    if (/^false$/i.test(s)) return false;
  } else if (f.apexType === 'Decimal' && /^-?\d+(\.\d+)?$/.test(s))
    return ApexDecimal.fromString(s);
  else if (f.apexType === 'Integer' && /^-?\d+$/.test(s)) return Number(s);
  else if (f.apexType === 'String') {
    const m = /^"(.*)"$/.exec(s) ?? /^'(.*)'$/.exec(s);
    if (m) return m[1];
    if (f.type === 'picklist' || f.type === 'multipicklist') return s; // picklist default value (not a formula)
  }
  if (formula) return formula(f, s);
  throw new DmlCallError(
    'System.UnsupportedOperationException',
    `Unsupported by the local org: default value formula '${s}' on ${object.name}.${f.name}`
  );
}
