// Hash indexes on stored fields, built the first time a caller looks a field up and then kept in
// step by the Store on insert, update, delete, undelete, hard delete and rollback. A keyer turns a
// value into the bucket key; it must give equal keys to every pair of values the caller's own
// predicate treats as equal (it may also group values the predicate tells apart: callers re-check).
import type { ApexValue } from '../../runtime/values.ts';
import type { Row } from './row.ts';

export interface IndexKeyer {
  /** identifies the index: one keyer name per way of comparing */
  readonly name: string;
  /** bucket key, or null for a value that is never found by a lookup (not indexed) */
  key(v: ApexValue | undefined): string | null;
}

type Buckets = Map<string, Set<Row>>;

interface FieldIndex {
  keyer: IndexKeyer;
  buckets: Buckets;
}

/** Every index of one store: lower-case type → lower-case field → keyer name → buckets. */
export class FieldIndexes {
  private readonly byType = new Map<string, Map<string, Map<string, FieldIndex>>>();
  /** row.type → lower case, cached: has() runs for every field of every update */
  private readonly lower = new Map<string, string>();

  private lc(type: string): string {
    let l = this.lower.get(type);
    if (l === undefined) {
      l = type.toLowerCase();
      this.lower.set(type, l);
    }
    return l;
  }

  /** The buckets of (type, field, keyer), built from `rows` on first use. */
  get(type: string, field: string, keyer: IndexKeyer, rows: () => Iterable<Row>): Buckets {
    const lcType = this.lc(type);
    let fields = this.byType.get(lcType);
    if (!fields) {
      fields = new Map();
      this.byType.set(lcType, fields);
    }
    let keyers = fields.get(field);
    if (!keyers) {
      keyers = new Map();
      fields.set(field, keyers);
    }
    let index = keyers.get(keyer.name);
    if (!index) {
      index = { keyer, buckets: new Map() };
      keyers.set(keyer.name, index);
      for (const row of rows()) put(index, row, row.values.get(field));
    }
    return index.buckets;
  }

  /** Whether any index covers this field of this type. */
  has(type: string, field: string): boolean {
    return this.byType.get(this.lc(type))?.has(field) ?? false;
  }

  add(row: Row): void {
    const fields = this.byType.get(this.lc(row.type));
    if (!fields) return;
    for (const [field, keyers] of fields)
      for (const index of keyers.values()) put(index, row, row.values.get(field));
  }

  remove(row: Row): void {
    const fields = this.byType.get(this.lc(row.type));
    if (!fields) return;
    for (const [field, keyers] of fields)
      for (const index of keyers.values()) take(index, row, row.values.get(field));
  }

  /** Indexes a row under its current value of `field` (after the Store changed it). */
  addField(row: Row, field: string): void {
    const keyers = this.byType.get(this.lc(row.type))?.get(field);
    if (keyers) for (const index of keyers.values()) put(index, row, row.values.get(field));
  }

  /** Takes a row out from under its current value of `field` (before the Store changes it). */
  removeField(row: Row, field: string): void {
    const keyers = this.byType.get(this.lc(row.type))?.get(field);
    if (keyers) for (const index of keyers.values()) take(index, row, row.values.get(field));
  }

  clear(): void {
    this.byType.clear();
  }
}

function put(index: FieldIndex, row: Row, v: ApexValue | undefined): void {
  const k = index.keyer.key(v);
  if (k === null) return;
  let bucket = index.buckets.get(k);
  if (!bucket) {
    bucket = new Set();
    index.buckets.set(k, bucket);
  }
  bucket.add(row);
}

function take(index: FieldIndex, row: Row, v: ApexValue | undefined): void {
  const k = index.keyer.key(v);
  if (k === null) return;
  const bucket = index.buckets.get(k);
  if (!bucket) return;
  bucket.delete(row);
  if (!bucket.size) index.buckets.delete(k);
}

/** Text compared case-insensitively as String(value) (DML external Id and unique checks). */
export const textKeyer: IndexKeyer = {
  name: 'text',
  key: (v) => (v === undefined || v === null ? null : String(v).toLowerCase())
};
