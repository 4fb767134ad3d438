// One org's records in memory, with an undo log: every change records what it overwrote, so
// Database.rollback(savepoint), a failed allOrNone DML and the end of a test method can undo
// exactly what happened after a mark. Deleted rows stay (IsDeleted) for the recycle bin and ALL ROWS
// (Apex Developer Guide, "Deleting Records" / "Restoring Deleted Records": 15 days in the bin).
// Field indexes (see index.ts) are kept in step with every change and every undo.
import type { ApexValue } from '../../runtime/values.ts';
import { FieldIndexes, type IndexKeyer } from './index.ts';
import type { Row } from './row.ts';

export type { IndexKeyer } from './index.ts';
export type { Row } from './row.ts';

/** Marks a field that was absent before an update (undo deletes it again). */
const ABSENT = Symbol('absent');

/**
 * One undo step. Updates keep only the fields they overwrote (a full copy of every row on every
 * update made large transactions quadratic); a hard delete keeps the whole row.
 */
type UndoEntry =
  | { op: 'insert'; id: string }
  | { op: 'update'; id: string; prev: [string, ApexValue | typeof ABSENT][] }
  | {
      op: 'flag';
      id: string;
      deleted: boolean;
      deletedWith?: string;
      isDeleted: ApexValue | typeof ABSENT;
    }
  | { op: 'hardDelete'; row: Row };

export class Store {
  private readonly tables = new Map<string, Map<string, Row>>();
  private readonly byId = new Map<string, Row>();
  private undo: UndoEntry[] = [];
  /** Position of each row in its table's iteration order (ascending = insertion order). */
  private readonly seq = new WeakMap<Row, number>();
  private nextSeq = 0;
  private readonly indexes = new FieldIndexes();

  table(type: string): Map<string, Row> {
    const lc = type.toLowerCase();
    let t = this.tables.get(lc);
    if (!t) {
      t = new Map();
      this.tables.set(lc, t);
    }
    return t;
  }

  get(id: string): Row | undefined {
    return this.byId.get(id);
  }

  /** Live (not deleted) rows of a type, in insertion order. */
  *rows(type: string, includeDeleted = false): Generator<Row> {
    const t = this.tables.get(type.toLowerCase());
    if (!t) return;
    for (const r of t.values()) if (includeDeleted || !r.deleted) yield r;
  }

  count(type: string): number {
    const t = this.tables.get(type.toLowerCase());
    if (!t) return 0;
    let n = 0;
    for (const r of t.values()) if (!r.deleted) n++;
    return n;
  }

  /**
   * Rows of `type` (deleted ones too) whose field `field` (lower case) has `keyer.key(value)`
   * equal to `key`, in the order `rows()` yields them. The index is built on first use and then
   * maintained; callers still apply their exact predicate to what comes back.
   */
  lookup(type: string, field: string, keyer: IndexKeyer, key: string): Row[] {
    const bucket = this.index(type, field, keyer).get(key);
    if (!bucket) return [];
    const out = [...bucket];
    return out.length > 1 ? this.inTableOrder(out) : out;
  }

  /** As lookup, for several keys at once (an IN list): one ordered, duplicate-free list. */
  lookupAll(type: string, field: string, keyer: IndexKeyer, keys: Iterable<string>): Row[] {
    const index = this.index(type, field, keyer);
    const out = new Set<Row>();
    for (const k of keys) for (const r of index.get(k) ?? []) out.add(r);
    return this.inTableOrder([...out]);
  }

  /** Number of rows lookupAll would return (to pick the most selective index of an AND). */
  lookupCount(type: string, field: string, keyer: IndexKeyer, keys: Iterable<string>): number {
    const index = this.index(type, field, keyer);
    let n = 0;
    for (const k of new Set(keys)) n += index.get(k)?.size ?? 0;
    return n;
  }

  private index(type: string, field: string, keyer: IndexKeyer): Map<string, Set<Row>> {
    const lc = type.toLowerCase();
    return this.indexes.get(lc, field, keyer, () => this.tables.get(lc)?.values() ?? []);
  }

  private inTableOrder(rows: Row[]): Row[] {
    return rows.sort((a, b) => (this.seq.get(a) ?? 0) - (this.seq.get(b) ?? 0));
  }

  private attach(row: Row): void {
    this.table(row.type).set(row.id, row);
    this.byId.set(row.id, row);
    this.seq.set(row, this.nextSeq++);
    this.indexes.add(row);
  }

  private detach(row: Row): void {
    this.indexes.remove(row);
    this.table(row.type).delete(row.id);
    this.byId.delete(row.id);
  }

  /** Sets one field, keeping indexes in step (undefined deletes the field). */
  private setField(row: Row, k: string, v: ApexValue | typeof ABSENT): void {
    // A row object no longer in the store (hard-deleted) is not in any index either.
    const indexed = this.indexes.has(row.type, k) && this.byId.get(row.id) === row;
    if (indexed) this.indexes.removeField(row, k);
    if (v === ABSENT) row.values.delete(k);
    else row.values.set(k, v);
    if (indexed) this.indexes.addField(row, k);
  }

  insert(type: string, id: string, values: Map<string, ApexValue>): Row {
    if (this.byId.has(id)) throw new Error(`Duplicate Id ${id}`);
    this.undo.push({ op: 'insert', id });
    const row: Row = { id, type, values, deleted: false };
    this.attach(row);
    return row;
  }

  update(row: Row, changes: Iterable<[string, ApexValue]>): void {
    const prev: [string, ApexValue | typeof ABSENT][] = [];
    const entry: UndoEntry = { op: 'update', id: row.id, prev };
    this.undo.push(entry);
    for (const [k, v] of changes) {
      prev.push([k, row.values.has(k) ? (row.values.get(k) as ApexValue) : ABSENT]);
      this.setField(row, k, v);
    }
  }

  markDeleted(row: Row, deleted: boolean, deletedWith?: string): void {
    this.undo.push({
      op: 'flag',
      id: row.id,
      deleted: row.deleted,
      deletedWith: row.deletedWith,
      isDeleted: row.values.has('isdeleted') ? (row.values.get('isdeleted') as ApexValue) : ABSENT
    });
    row.deleted = deleted;
    row.deletedWith = deleted ? deletedWith : undefined;
    this.setField(row, 'isdeleted', deleted);
  }

  hardDelete(row: Row): void {
    this.undo.push({
      op: 'hardDelete',
      row: {
        id: row.id,
        type: row.type,
        values: new Map(row.values),
        deleted: row.deleted,
        deletedWith: row.deletedWith
      }
    });
    if (this.byId.get(row.id) === row) this.detach(row);
    else {
      this.table(row.type).delete(row.id);
      this.byId.delete(row.id);
    }
  }

  /** A position in the undo log (Database.setSavepoint, start of a test method, start of a DML). */
  mark(): number {
    return this.undo.length;
  }

  /** Called after every rollback with the mark rolled back to (the org drops CDC changes past it). */
  onRollback: ((mark: number) => void) | null = null;

  rollbackTo(mark: number): void {
    if (mark > this.undo.length) throw new Error('Savepoint is no longer valid');
    this.onRollback?.(mark);
    while (this.undo.length > mark) {
      const e = this.undo.pop();
      if (!e) break;
      switch (e.op) {
        case 'insert': {
          const row = this.byId.get(e.id);
          if (row) this.detach(row);
          break;
        }
        case 'update': {
          const row = this.byId.get(e.id);
          if (!row) break;
          // Reverse order, so a field changed twice in one update ends at its first value.
          for (let i = e.prev.length - 1; i >= 0; i--)
            this.setField(row, e.prev[i][0], e.prev[i][1]);
          break;
        }
        case 'flag': {
          const row = this.byId.get(e.id);
          if (!row) break;
          row.deleted = e.deleted;
          row.deletedWith = e.deletedWith;
          this.setField(row, 'isdeleted', e.isDeleted);
          break;
        }
        case 'hardDelete': {
          const existing = this.byId.get(e.row.id);
          if (!existing) {
            this.attach({ ...e.row, values: new Map(e.row.values) });
            break;
          }
          this.indexes.remove(existing);
          existing.values = new Map(e.row.values);
          existing.deleted = e.row.deleted;
          existing.deletedWith = e.row.deletedWith;
          this.indexes.add(existing);
          break;
        }
      }
    }
  }

  /** Forget the undo log up to now (a committed transaction outside any test). */
  commit(): void {
    this.undo = [];
  }

  /** Number of undo steps held (kept small outside tests: emptied at every top-level commit). */
  get undoDepth(): number {
    return this.undo.length;
  }

  /** Deep-enough copy of every row, for @TestSetup data restored before each test method. */
  snapshot(): Row[] {
    const out: Row[] = [];
    for (const r of this.byId.values()) out.push({ ...r, values: new Map(r.values) });
    return out;
  }

  restore(rows: Row[]): void {
    this.tables.clear();
    this.byId.clear();
    this.indexes.clear();
    this.undo = [];
    for (const r of rows) this.attach({ ...r, values: new Map(r.values) });
  }
}
