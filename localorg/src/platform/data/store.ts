// One org's records in memory, with an undo log: every change records the row's previous state,
// so Database.rollback(savepoint), a failed allOrNone DML and the end of a test method can undo
// exactly what happened after a mark. Deleted rows stay (IsDeleted) for the recycle bin and ALL ROWS
// (Apex Developer Guide, "Deleting Records" / "Restoring Deleted Records": 15 days in the bin).
import type { ApexValue } from '../../runtime/values.ts';

export interface Row {
  readonly id: string;
  /** canonical object name */
  readonly type: string;
  /** lower-case field name → value */
  values: Map<string, ApexValue>;
  deleted: boolean;
  /** Id of the record whose delete cascaded to this one (undelete brings it back with its root) */
  deletedWith?: string;
  /** hard-deleted rows (emptied recycle bin, master-detail child deleted before its parent) vanish */
}

interface UndoEntry {
  id: string;
  prev: { values: Map<string, ApexValue>; deleted: boolean; deletedWith?: string } | null;
  type: string;
}

export class Store {
  private readonly tables = new Map<string, Map<string, Row>>();
  private readonly byId = new Map<string, Row>();
  private undo: UndoEntry[] = [];

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
    return [...this.rows(type)].length;
  }

  private journal(row: Row | undefined, id: string, type: string): void {
    this.undo.push({
      id,
      type,
      prev: row
        ? { values: new Map(row.values), deleted: row.deleted, deletedWith: row.deletedWith }
        : null
    });
  }

  insert(type: string, id: string, values: Map<string, ApexValue>): Row {
    if (this.byId.has(id)) throw new Error(`Duplicate Id ${id}`);
    this.journal(undefined, id, type);
    const row: Row = { id, type, values, deleted: false };
    this.table(type).set(id, row);
    this.byId.set(id, row);
    return row;
  }

  update(row: Row, changes: Iterable<[string, ApexValue]>): void {
    this.journal(row, row.id, row.type);
    for (const [k, v] of changes) row.values.set(k, v);
  }

  markDeleted(row: Row, deleted: boolean, deletedWith?: string): void {
    this.journal(row, row.id, row.type);
    row.deleted = deleted;
    row.deletedWith = deleted ? deletedWith : undefined;
    row.values.set('isdeleted', deleted);
  }

  hardDelete(row: Row): void {
    this.journal(row, row.id, row.type);
    this.table(row.type).delete(row.id);
    this.byId.delete(row.id);
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
      const row = this.byId.get(e.id);
      if (!e.prev) {
        if (row) {
          this.table(row.type).delete(e.id);
          this.byId.delete(e.id);
        }
        continue;
      }
      if (row) {
        row.values = e.prev.values;
        row.deleted = e.prev.deleted;
        row.deletedWith = e.prev.deletedWith;
      } else {
        const restored: Row = {
          id: e.id,
          type: e.type,
          values: e.prev.values,
          deleted: e.prev.deleted,
          deletedWith: e.prev.deletedWith
        };
        this.table(e.type).set(e.id, restored);
        this.byId.set(e.id, restored);
      }
    }
  }

  /** Forget the undo log up to now (a committed transaction outside any test). */
  commit(): void {
    this.undo = [];
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
    this.undo = [];
    for (const r of rows) {
      const copy: Row = { ...r, values: new Map(r.values) };
      this.table(r.type).set(r.id, copy);
      this.byId.set(r.id, copy);
    }
  }
}
