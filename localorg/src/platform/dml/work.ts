// One record of a DML statement being saved (its input, Trigger.new record, old values, stored row
// and errors), and the helpers that compare and convert records.
import {
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexId,
  ApexSObject,
  normaliseId,
  type ApexValue
} from '../../runtime/values.ts';
import type { SObjectSchema } from '../schema/schema.ts';
import type { Row } from '../data/store.ts';
import type { DmlErrorInfo } from './errors.ts';

export function err(statusCode: string, message: string, fields: string[] = []): DmlErrorInfo {
  return { statusCode, message, fields };
}

export interface Work {
  index: number;
  input: ApexSObject;
  /** Trigger.new record */
  rec: ApexSObject;
  old?: ApexSObject;
  row?: Row;
  errors: DmlErrorInfo[];
  created?: boolean;
}

/** The stored row of a record being saved (set once it exists). */
export function rowOf(w: Work): Row {
  if (!w.row) throw new Error(`DML engine: record ${w.index} has no stored row`);
  return w.row;
}

export function idOf(r: ApexSObject): string | null {
  const v = r.raw('Id');
  if (v === undefined || v === null) return null;
  if (v instanceof ApexId) return v.value;
  return normaliseId(String(v));
}

/** A stored row as a full SObject (Trigger.old, Trigger.new in update). */
export function rowToSObject(object: SObjectSchema, row: Row): ApexSObject {
  const s = new ApexSObject(object.name);
  for (const [k, v] of row.values) s.set(object.field(k)?.name ?? k, v);
  return s;
}

export function sameValue(a: ApexValue | undefined, b: ApexValue | undefined): boolean {
  const x = a === undefined ? null : a;
  const y = b === undefined ? null : b;
  if (x === y) return true;
  if (x === null || y === null) return false;
  if (x instanceof ApexDecimal && y instanceof ApexDecimal) return x.compareTo(y) === 0;
  if (x instanceof ApexDatetime && y instanceof ApexDatetime) return x.epochMs === y.epochMs;
  if (x instanceof ApexDate && y instanceof ApexDate) return x.toEpochDay() === y.toEpochDay();
  return String(x) === String(y);
}

export function sameText(a: ApexValue | undefined, b: ApexValue, caseSensitive: boolean): boolean {
  if (a === undefined || a === null) return false;
  return caseSensitive
    ? String(a) === String(b)
    : String(a).toLowerCase() === String(b).toLowerCase();
}
