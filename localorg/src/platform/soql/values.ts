// Values in SOQL: literals and binds converted to a field's type, comparison and ordering of
// normalised values, LIKE patterns, aggregate and date functions, date literal ranges (SOQL and SOSL
// Reference: "Comparison Operators", "Date Formats and Date Literals", "Aggregate Functions").
import {
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexDouble,
  ApexId,
  ApexSObject,
  ApexTime,
  normaliseId,
  type ApexValue
} from '../../runtime/values.ts';
import type { CatalogField } from '../schema/catalog-types.ts';
import type { Row } from '../data/store.ts';
import type { Bind, Condition, FieldPath, Value } from './ast.ts';
import { QueryException } from './parser.ts';

/** A SOQL value converted to the field's Apex type. */
export function literal(f: CatalogField, v: Value, resolveBind: (b: Bind) => ApexValue): ApexValue {
  const resolved =
    (v as unknown as { kind: string; v: ApexValue }).kind === 'resolved'
      ? (v as unknown as { v: ApexValue }).v
      : undefined;
  if (resolved !== undefined) return coerceBound(f, resolved);
  switch (v.kind) {
    case 'null':
      return null;
    case 'bool':
      if (f.type !== 'boolean')
        throw new QueryException(
          `value of filter criterion for field '${f.name}' must be of type ${soapName(f)} and should not be enclosed in quotes`
        );
      return v.v;
    case 'number':
      if (!isNumberField(f))
        throw new QueryException(
          `value of filter criterion for field '${f.name}' must be of type ${soapName(f)} and should not be enclosed in quotes`
        );
      return ApexDecimal.fromString(v.text);
    case 'string':
      if (f.type === 'date' || f.type === 'datetime' || f.type === 'boolean' || isNumberField(f)) {
        throw new QueryException(
          `value of filter criterion for field '${f.name}' must be of type ${soapName(f)} and should not be enclosed in quotes`
        );
      }
      if (f.type === 'id' || f.type === 'reference') {
        const id = normaliseId(v.v);
        // An invalid Id literal is a query error (SOQL accepts 15 or 18 characters).
        if (!id) throw new QueryException(`invalid ID field: ${v.v}`);
        return new ApexId(id);
      }
      // The platform keeps no empty text (a field saved as '' reads back as null), so `= ''`
      // finds the rows without a value, as `= null` does (apex-recipes' OrgShape finds the org's
      // own cache partition with `NamespacePrefix = ''`; its tests pass on scratch orgs).
      return v.v === '' ? null : v.v;
    case 'date':
      if (f.type === 'datetime')
        throw new QueryException(
          `value of filter criterion for field '${f.name}' must be of type dateTime and should not be enclosed in quotes`
        );
      if (f.type !== 'date')
        throw new QueryException(
          `value of filter criterion for field '${f.name}' must be of type ${soapName(f)} and should not be enclosed in quotes`
        );
      return new ApexDate(
        Number(v.v.slice(0, 4)),
        Number(v.v.slice(5, 7)),
        Number(v.v.slice(8, 10))
      );
    case 'datetime':
      if (f.type !== 'datetime')
        throw new QueryException(
          `value of filter criterion for field '${f.name}' must be of type ${soapName(f)} and should not be enclosed in quotes`
        );
      return new ApexDatetime(Date.parse(v.v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
    case 'bind':
      return coerceBound(f, resolveBind(v));
    default:
      throw new QueryException(`Unsupported by the local org: value ${v.kind} here`);
  }
}

export function coerceBound(f: CatalogField, b: ApexValue): ApexValue {
  if (
    b instanceof ApexSObject &&
    (f.type === 'id' || f.type === 'reference' || f.metadataRelationship)
  ) {
    // Binding an SObject to an Id field uses its Id (Apex Developer Guide, "Using Apex Variables in
    // SOQL and SOSL Queries": "a list of sObjects can also be used--the Ids of the objects are used
    // for the bind"); a custom metadata relationship field holds the related record's Id.
    const id = b.raw('Id');
    return id === undefined ? null : id;
  }
  if ((f.type === 'id' || f.type === 'reference') && typeof b === 'string') {
    // An empty string bound to an Id compares as no Id (no rows for `Id = :''`, no query error:
    // apex-recipes' CustomRestEndpointRecipes_Tests bind the empty tail of a URL and pass on orgs).
    if (b === '') return null;
    const id = normaliseId(b);
    if (!id) throw new QueryException(`invalid ID field: ${b}`);
    return new ApexId(id);
  }
  // An empty string bound to a text field finds the rows without a value, as the literal '' does.
  if (b === '' && !isNumberField(f) && f.type !== 'boolean' && f.type !== 'date') return null;
  if (f.type === 'date' && b instanceof ApexDatetime) {
    throw new QueryException(
      `value of filter criterion for field '${f.name}' must be of type date and should not be enclosed in quotes`
    );
  }
  return b;
}

export function compileDateLiteral(
  now: number,
  f: CatalogField,
  op: string,
  v: Extract<Value, { kind: 'dateLiteral' }>,
  read: (row: Row) => ApexValue
): (row: Row) => boolean {
  if (f.type !== 'date' && f.type !== 'datetime')
    throw new QueryException(
      `value of filter criterion for field '${f.name}' must be of type ${soapName(f)} and should not be enclosed in quotes`
    );
  const [start, end] = dateLiteralRange(v.name, v.n, now);
  const isDate = f.type === 'date';
  const lo = isDate ? start / 86_400_000 : start;
  const hi = isDate ? end / 86_400_000 : end;
  return (row) => {
    const x = read(row);
    if (x === null) return op === '!=';
    const t = x instanceof ApexDate ? x.toEpochDay() : x instanceof ApexDatetime ? x.epochMs : NaN;
    switch (op) {
      case '=':
        return t >= lo && t < hi;
      case '!=':
        return !(t >= lo && t < hi);
      case '<':
        return t < lo;
      case '<=':
        return t < hi;
      case '>':
        return t >= hi;
      case '>=':
        return t >= lo;
      default:
        throw new QueryException(`invalid operator ${op} with a date literal`);
    }
  };
}

export function sameSamePath(a: FieldPath | undefined, b: FieldPath | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i].toLowerCase());
}

export function hasSemiJoin(c: Condition): boolean {
  if (c.kind === 'cmp') return c.value.kind === 'subquery';
  if (c.kind === 'not') return hasSemiJoin(c.item);
  return c.items.some(hasSemiJoin);
}

export function isAggregate(fn: string): boolean {
  return (
    fn === 'COUNT' ||
    fn === 'COUNT_DISTINCT' ||
    fn === 'SUM' ||
    fn === 'AVG' ||
    fn === 'MIN' ||
    fn === 'MAX'
  );
}

export function isNumberField(f: CatalogField): boolean {
  return ['double', 'currency', 'percent', 'int', 'long'].includes(f.type);
}

export function soapName(f: CatalogField): string {
  if (f.type === 'datetime') return 'dateTime';
  if (f.type === 'id' || f.type === 'reference') return 'id';
  if (isNumberField(f)) return f.type === 'int' ? 'int' : 'double';
  return f.type === 'date' || f.type === 'boolean' ? f.type : 'string';
}

/** Comparable JS form of a value for a field: strings lower-cased (SOQL compares case-insensitively). */
export function normalise(
  f: CatalogField,
  v: ApexValue,
  caseSensitive = false
): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (f.type === 'id' || f.type === 'reference') return idText(String(v));
  return normaliseAny(v, caseSensitive);
}

/** An Id's text as SOQL compares it: 15 characters become the 18-character form. */
export function idText(s: string): string {
  return s.length === 15 ? (normaliseId(s) ?? s) : s;
}

export function normaliseAny(
  v: ApexValue,
  caseSensitive = false
): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return caseSensitive ? v : v.toLowerCase();
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof ApexDecimal) return v.toNumber();
  if (v instanceof ApexDouble) return v.v;
  // An Id compared with a text field is its 18-character string, compared like any text.
  if (v instanceof ApexId) return caseSensitive ? v.value : v.value.toLowerCase();
  if (v instanceof ApexDate) return v.toEpochDay();
  if (v instanceof ApexDatetime) return v.epochMs;
  if (v instanceof ApexTime) return v.ms;
  return String(v);
}

export function compare(
  a: string | number | boolean | null,
  op: string,
  b: string | number | boolean | null
): boolean {
  // null only matches = null / != null (Use null in WHERE); a boolean = null is false.
  if (op === '=') return a === b;
  if (op === '!=') return a !== b;
  if (a === null || b === null) return false;
  switch (op) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
  throw new QueryException(`unexpected token: '${op}'`);
}

export function orderCompare(
  a: string | number | boolean | null,
  b: string | number | boolean | null,
  desc: boolean,
  nullsLast: boolean
): number {
  if (a === b) return 0;
  if (a === null) return nullsLast ? 1 : -1;
  if (b === null) return nullsLast ? -1 : 1;
  const c = a < b ? -1 : 1;
  return desc ? -c : c;
}

export function likeRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && (pattern[i + 1] === '%' || pattern[i + 1] === '_')) {
      re += pattern[++i];
      continue;
    }
    if (ch === '%') re += '[\\s\\S]*';
    else if (ch === '_') re += '[\\s\\S]';
    else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

export function aggregateValue(fn: string, values: ApexValue[], field?: CatalogField): ApexValue {
  const present = values.filter((v) => v !== null);
  switch (fn) {
    case 'COUNT':
      return present.length;
    case 'COUNT_DISTINCT':
      return new Set(present.map((v) => normaliseAny(v))).size;
    case 'SUM':
    case 'AVG': {
      if (!present.length) return null;
      let sum = new ApexDecimal(0n, 0);
      for (const v of present)
        sum = sum.add(
          v instanceof ApexDecimal ? v : ApexDecimal.fromString(String(normaliseAny(v)))
        );
      if (fn === 'SUM') return field?.type === 'int' ? sum.toNumber() : sum;
      return ApexDecimal.fromString(String(sum.toNumber() / present.length));
    }
    case 'MIN':
    case 'MAX': {
      if (!present.length) return null;
      let best = present[0];
      for (const v of present.slice(1)) {
        const a = normaliseAny(v);
        const b = normaliseAny(best);
        if (a !== null && b !== null && (fn === 'MIN' ? a < b : a > b)) best = v;
      }
      return best;
    }
  }
  throw new QueryException(`Unsupported by the local org: aggregate ${fn}`);
}

/** CALENDAR_YEAR(CreatedDate) etc., in GMT (the local org's users are on GMT for date functions). */
export function dateFunction(fn: string, v: ApexValue): number | null {
  if (v === null) return null;
  const d =
    v instanceof ApexDate
      ? new Date(Date.UTC(v.year, v.month - 1, v.day))
      : v instanceof ApexDatetime
        ? new Date(v.epochMs)
        : null;
  if (!d) return null;
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const dayOfYear = Math.floor((d.getTime() - start) / 86_400_000) + 1;
  switch (fn) {
    case 'CALENDAR_YEAR':
    case 'FISCAL_YEAR':
      return d.getUTCFullYear();
    case 'CALENDAR_MONTH':
    case 'FISCAL_MONTH':
      return d.getUTCMonth() + 1;
    case 'CALENDAR_QUARTER':
    case 'FISCAL_QUARTER':
      return Math.floor(d.getUTCMonth() / 3) + 1;
    case 'DAY_IN_MONTH':
      return d.getUTCDate();
    case 'DAY_IN_WEEK':
      return d.getUTCDay() + 1; // 1 = Sunday
    case 'DAY_IN_YEAR':
      return dayOfYear;
    case 'HOUR_IN_DAY':
      return d.getUTCHours();
    case 'WEEK_IN_MONTH':
      return Math.floor((d.getUTCDate() - 1) / 7) + 1;
    case 'WEEK_IN_YEAR':
      return Math.floor((dayOfYear - 1) / 7) + 1;
  }
  throw new QueryException(`Unsupported by the local org: ${fn}() here`);
}

/**
 * [start, end) in epoch ms for a date literal, in GMT, weeks starting Sunday (en_US), fiscal
 * year = calendar year (SOQL and SOSL Reference, "Date Formats and Date Literals").
 */
export function dateLiteralRange(
  name: string,
  n: number | undefined,
  nowMs: number
): [number, number] {
  const DAY = 86_400_000;
  const now = new Date(nowMs);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const weekStart = today - now.getUTCDay() * DAY;
  const q = Math.floor(m / 3);
  const month = (yy: number, mm: number): number => Date.UTC(yy, mm, 1);
  const need = (): number => {
    if (n === undefined || n < 0)
      throw new QueryException(`Invalid date literal ${name}: expects ${name}:n`);
    return n;
  };
  switch (name) {
    case 'YESTERDAY':
      return [today - DAY, today];
    case 'TODAY':
      return [today, today + DAY];
    case 'TOMORROW':
      return [today + DAY, today + 2 * DAY];
    case 'LAST_WEEK':
      return [weekStart - 7 * DAY, weekStart];
    case 'THIS_WEEK':
      return [weekStart, weekStart + 7 * DAY];
    case 'NEXT_WEEK':
      return [weekStart + 7 * DAY, weekStart + 14 * DAY];
    case 'LAST_MONTH':
      return [month(y, m - 1), month(y, m)];
    case 'THIS_MONTH':
      return [month(y, m), month(y, m + 1)];
    case 'NEXT_MONTH':
      return [month(y, m + 1), month(y, m + 2)];
    case 'LAST_90_DAYS':
      return [today - 90 * DAY, today + DAY];
    case 'NEXT_90_DAYS':
      return [today + DAY, today + 91 * DAY];
    case 'LAST_N_DAYS':
      // "For the number n provided, starts with the current day and continues for the past n days."
      return [today - need() * DAY, today + DAY];
    case 'NEXT_N_DAYS':
      return [today + DAY, today + (need() + 1) * DAY];
    case 'N_DAYS_AGO':
      return [today - need() * DAY, today - need() * DAY + DAY];
    case 'LAST_N_WEEKS':
      return [weekStart - need() * 7 * DAY, weekStart];
    case 'NEXT_N_WEEKS':
      return [weekStart + 7 * DAY, weekStart + (need() + 1) * 7 * DAY];
    case 'N_WEEKS_AGO':
      return [weekStart - need() * 7 * DAY, weekStart - (need() - 1) * 7 * DAY];
    case 'LAST_N_MONTHS':
      return [month(y, m - need()), month(y, m)];
    case 'NEXT_N_MONTHS':
      return [month(y, m + 1), month(y, m + 1 + need())];
    case 'N_MONTHS_AGO':
      return [month(y, m - need()), month(y, m - need() + 1)];
    case 'THIS_QUARTER':
    case 'THIS_FISCAL_QUARTER':
      return [month(y, q * 3), month(y, q * 3 + 3)];
    case 'LAST_QUARTER':
    case 'LAST_FISCAL_QUARTER':
      return [month(y, q * 3 - 3), month(y, q * 3)];
    case 'NEXT_QUARTER':
    case 'NEXT_FISCAL_QUARTER':
      return [month(y, q * 3 + 3), month(y, q * 3 + 6)];
    case 'LAST_N_QUARTERS':
    case 'LAST_N_FISCAL_QUARTERS':
      return [month(y, q * 3 - 3 * need()), month(y, q * 3)];
    case 'NEXT_N_QUARTERS':
    case 'NEXT_N_FISCAL_QUARTERS':
      return [month(y, q * 3 + 3), month(y, q * 3 + 3 + 3 * need())];
    case 'N_QUARTERS_AGO':
    case 'N_FISCAL_QUARTERS_AGO':
      return [month(y, q * 3 - 3 * need()), month(y, q * 3 - 3 * need() + 3)];
    case 'THIS_YEAR':
    case 'THIS_FISCAL_YEAR':
      return [month(y, 0), month(y + 1, 0)];
    case 'LAST_YEAR':
    case 'LAST_FISCAL_YEAR':
      return [month(y - 1, 0), month(y, 0)];
    case 'NEXT_YEAR':
    case 'NEXT_FISCAL_YEAR':
      return [month(y + 1, 0), month(y + 2, 0)];
    case 'LAST_N_YEARS':
    case 'LAST_N_FISCAL_YEARS':
      return [month(y - need(), 0), month(y, 0)];
    case 'NEXT_N_YEARS':
    case 'NEXT_N_FISCAL_YEARS':
      return [month(y + 1, 0), month(y + 1 + need(), 0)];
    case 'N_YEARS_AGO':
    case 'N_FISCAL_YEARS_AGO':
      return [month(y - need(), 0), month(y - need() + 1, 0)];
  }
  throw new QueryException(`unexpected token: '${name}'`);
}
