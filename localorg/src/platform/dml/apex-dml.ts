// DML as Apex calls it: DML statements and Database methods with their options and result objects,
// savepoints and rollback (Apex Developer Guide, "Transaction Control"), and
// Database.emptyRecycleBin.
import {
  ApexList,
  NativeObject,
  typeRef,
  type ApexSObject,
  type ApexValue
} from '../../runtime/values.ts';
import {
  UnsupportedError,
  type DmlRequest,
  type NativeCallContext
} from '../../runtime/platform.ts';
import type { Store } from '../data/store.ts';
import type { Limits } from '../limits/limits.ts';
import { resultValue } from '../natives/database.ts';
import { DmlCallError, type DmlCall, type DmlOp } from './call.ts';
import { DmlFailedError, type RecordResult } from './errors.ts';

/** What Apex DML needs of its org. */
export interface ApexDmlHost {
  readonly store: Store;
  /** The transaction running now (its limits; a savepoint belongs to it). */
  tx(): { limits: Limits };
  /** Runs one DML statement in the current transaction. */
  runDml(call: DmlCall): RecordResult[];
}

/** The Database result class of a DML operation. */
function resultKind(op: string): string {
  return op === 'upsert'
    ? 'Database.UpsertResult'
    : op === 'delete'
      ? 'Database.DeleteResult'
      : op === 'undelete'
        ? 'Database.UndeleteResult'
        : op === 'merge'
          ? 'Database.MergeResult'
          : 'Database.SaveResult';
}

/** The org's DML entry points for Apex. */
export class ApexDml {
  constructor(private readonly host: ApexDmlHost) {}

  /** A DML statement or Database method: its results as Database.*Result objects. */
  dml(ctx: NativeCallContext, req: DmlRequest): ApexValue {
    const options = dmlOptionsOf(req.options ?? null);
    for (const r of req.records) dmlOptionsOf(r.dmlOptions); // fails loudly on what it cannot do
    // DML on an empty list does nothing: no statement or row counted, no trigger (observed on orgs
    // since at least 2013, not documented); Database methods answer an empty result list.
    if (!req.records.length && !req.single && req.op !== 'merge')
      return new ApexList(typeRef(resultKind(req.op)), []);
    let results: RecordResult[];
    try {
      results = this.host.runDml({
        op: req.op as DmlOp,
        records: [...req.records],
        // Database.insert/update(records, dmlOptions): partial success unless optAllOrNone is true
        allOrNone: req.options ? options.allOrNone : req.allOrNone,
        userMode: req.accessLevel === 'USER_MODE',
        entityAccessThrows: true,
        externalIdField: req.externalIdField ?? null,
        mergeMaster: req.mergeMaster,
        allowFieldTruncation: (input) => options.truncate || dmlOptionsOf(input.dmlOptions).truncate
      });
    } catch (e) {
      if (e instanceof DmlFailedError) ctx.throwApex('System.DmlException', e.message, e.failures);
      if (e instanceof DmlCallError) ctx.throwApex(e.apexType, e.message);
      throw e;
    }
    const kind = resultKind(req.op);
    const values = results.map((r) => resultValue(kind, r));
    // Database.merge(master, duplicates) with a list answers a list (Apex Reference, "Database Class").
    if (req.single) return values[0] ?? null;
    return new ApexList(typeRef(kind), values);
  }

  setSavepoint(): ApexValue {
    // setSavepoint and rollback count against the DML statement limit (Apex Developer Guide, "Transaction Control").
    const tx = this.host.tx();
    tx.limits.consume('DMLStatements');
    return new NativeObject('System.Savepoint', { mark: this.host.store.mark(), tx });
  }

  rollback(ctx: NativeCallContext, savepoint: ApexValue): void {
    const sp =
      savepoint instanceof NativeObject ? (savepoint.state as { mark: number; tx: unknown }) : null;
    if (!sp) ctx.throwApex('System.NullPointerException', 'Argument cannot be null.');
    const tx = this.host.tx();
    if (sp.tx !== tx)
      ctx.throwApex('System.TypeException', 'Savepoint does not exist in this context.');
    tx.limits.consume('DMLStatements');
    this.host.store.rollbackTo(sp.mark);
  }

  /** Database.emptyRecycleBin: deleted records become hard-deleted (no longer visible to ALL ROWS). */
  emptyRecycleBin(records: readonly ApexSObject[], single: boolean): ApexValue {
    const limits = this.host.tx().limits;
    const store = this.host.store;
    limits.consume('DMLStatements');
    limits.consume('DMLRows', records.length);
    const results = records.map((r) => {
      const id = String(r.raw('Id') ?? '');
      const row = store.get(id);
      if (!row || !row.deleted) {
        return new NativeObject('Database.EmptyRecycleBinResult', {
          id,
          success: false,
          errors: [
            {
              statusCode: 'INVALID_ID_FIELD',
              message: 'Entity is not in the recycle bin',
              fields: []
            }
          ]
        });
      }
      for (const child of [...store.rows(row.type, true)])
        if (child.deletedWith === id) store.hardDelete(child);
      store.hardDelete(row);
      return new NativeObject('Database.EmptyRecycleBinResult', { id, success: true, errors: [] });
    });
    return single
      ? (results[0] ?? null)
      : new ApexList(typeRef('Database.EmptyRecycleBinResult'), results);
  }
}

/**
 * What a Database.DMLOptions asks for (Apex Reference, "DMLOptions Class"): partial success unless
 * optAllOrNone is true, and truncation of too long text. Duplicate-rule and email headers change
 * nothing here (the local org has no duplicate rules and sends no email); assignment rules are not
 * supported, so asking for one fails loudly.
 */
function dmlOptionsOf(options: ApexValue): { allOrNone: boolean; truncate: boolean } {
  if (!(options instanceof NativeObject) || options.className !== 'Database.DMLOptions')
    return { allOrNone: false, truncate: false };
  const st = options.state as Record<string, ApexValue>;
  const rule = st.assignmentRuleHeader;
  if (rule instanceof NativeObject) {
    const r = rule.state as Record<string, ApexValue>;
    if (r.useDefaultRule === true || (r.assignmentRuleId ?? null) !== null)
      throw new UnsupportedError(
        'assignment rules (Database.DMLOptions.assignmentRuleHeader): the local org has none'
      );
  }
  return { allOrNone: st.optAllOrNone === true, truncate: st.allowFieldTruncation === true };
}
