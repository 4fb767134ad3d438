// DML with the platform's order of execution (Apex Developer Guide, "Triggers and Order of
// Execution"): per chunk of 200 records, before triggers → system validation (required fields,
// lengths, restricted picklists, references, unique values) → save → after triggers; any error
// with allOrNone rolls the whole statement back; allOrNone=false retries without the failed
// records, as "Bulk DML Exception Handling" describes (at most three attempts).
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexDouble,
  ApexId,
  ApexList,
  ApexSObject,
  ApexTime,
  normaliseId,
  typeRef,
  type ApexValue
} from '../../runtime/values.ts';
import type { TriggerOperation } from '../../runtime/platform.ts';
import type { CatalogField } from '../schema/catalog-types.ts';
import type { Schema, SObjectSchema } from '../schema/schema.ts';
import type { Row, Store } from '../data/store.ts';
import { textKeyer } from '../data/index.ts';
import type { IdGenerator } from '../data/ids.ts';
import type { Limits } from '../limits/limits.ts';
import { MASTER_RECORD_TYPE_ID, RecordTypes } from '../schema/record-types.ts';
import {
  clearRecordErrors,
  DmlFailedError,
  recordErrorsOf,
  type DmlErrorInfo,
  type DmlFailure,
  type RecordResult
} from './errors.ts';
import { must } from '../util.ts';

export interface DmlAccess {
  canCreate(object: string): boolean;
  canEdit(object: string): boolean;
  canDelete(object: string): boolean;
  canEditField(object: string, field: string): boolean;
  canCreateField(object: string, field: string): boolean;
}

/** A committed-to-be change, for Change Data Capture after commit. */
export interface ChangeRecord {
  object: string;
  changeType: 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE';
  id: string;
  changedFields: string[];
  nulledFields: string[];
  values: Map<string, ApexValue>;
  /** undo-log position of the change, so a rollback can drop it */
  mark?: number;
}

export interface DmlContext {
  schema: Schema;
  store: Store;
  ids: IdGenerator;
  limits: Limits;
  now(): number;
  userId(): string;
  /** Runs the Apex triggers for an object and event; returns per-trigger failures as thrown errors. */
  fireTriggers(
    object: string,
    op: TriggerOperation,
    newRecs: ApexSObject[] | null,
    oldRecs: ApexSObject[] | null
  ): void;
  /** Objects with at least one trigger for the event, to skip building context lists. */
  hasTriggers(object: string, op: TriggerOperation): boolean;
  /** Record-level access for `with sharing` code and user mode: may the running user edit this row? */
  canModifyRow?(row: Row, userMode: boolean): boolean;
  /** user mode checks (AccessLevel.USER_MODE, insert as user) */
  access?: DmlAccess;
  recordChange(c: ChangeRecord): void;
  /** Auto-number counters per object.field. */
  autoNumber(key: string): number;
}

export type DmlOp = 'insert' | 'update' | 'upsert' | 'delete' | 'undelete' | 'merge';

export interface DmlCall {
  op: DmlOp;
  records: ApexSObject[];
  allOrNone: boolean;
  userMode: boolean;
  externalIdField?: string | null;
  mergeMaster?: ApexSObject;
  /** Database.DMLOptions.allowFieldTruncation for a record: too long text is cut, not refused */
  allowFieldTruncation?: (input: ApexSObject) => boolean;
}

/** Exceptions thrown before any record is processed (System.ListException, SObjectException...). */
export class DmlCallError extends Error {
  constructor(
    readonly apexType: string,
    message: string
  ) {
    super(message);
  }
}

const TRIGGER_BATCH = 200;

function err(statusCode: string, message: string, fields: string[] = []): DmlErrorInfo {
  return { statusCode, message, fields };
}

interface Work {
  index: number;
  input: ApexSObject;
  /** Trigger.new record */
  rec: ApexSObject;
  old?: ApexSObject;
  row?: Row;
  errors: DmlErrorInfo[];
  created?: boolean;
}

export class DmlEngine {
  private readonly recordTypes: RecordTypes;
  /** Lock contention to emulate: object (lower case) -> DML statements still to fail. */
  private readonly contended = new Map<string, number>();
  constructor(private readonly ctx: DmlContext) {
    this.recordTypes = new RecordTypes(ctx.schema, ctx.store);
  }

  /**
   * Test hook: the next `statements` DML statements on `object` fail every record with
   * UNABLE_TO_LOCK_ROW, as when another transaction holds the rows' locks longer than the 10
   * seconds a statement waits (Apex Developer Guide, "Locking Statements"; "Record Locking
   * Cheat Sheet"). 0 ends it.
   */
  contend(object: string, statements: number): void {
    if (!Number.isInteger(statements) || statements < 0)
      throw new Error(`contend: statements must be a whole number >= 0, got ${statements}`);
    if (statements) this.contended.set(object.toLowerCase(), statements);
    else this.contended.delete(object.toLowerCase());
  }

  execute(call: DmlCall): RecordResult[] {
    const { store, limits } = this.ctx;
    limits.consume('DMLStatements');
    limits.consume('DMLRows', call.op === 'merge' ? 1 + call.records.length : call.records.length);
    limits.trace.push({
      kind: 'dml',
      detail: `${call.op} ${call.records[0]?.type ?? call.mergeMaster?.type ?? ''}`,
      rows: call.records.length
    });
    const locked = this.lockFailure(call);
    if (locked) return locked;
    if (call.op === 'merge') return this.merge(call);
    this.checkList(call);
    const mark = store.mark();
    let active = call.records.map((_, i) => i);
    const failedResults = new Map<number, RecordResult>();
    // allOrNone=false: attempt 1 with all records, then again without the failed ones, at most three
    // attempts ("Bulk DML Exception Handling"); triggers fire again on each attempt.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const results = this.runOnce(call, active);
      const resultOf = (i: number): RecordResult => must(results.get(i), `result ${i}`);
      const failed = active.filter((i) => !resultOf(i).success);
      if (!failed.length) return this.collect(call, results, failedResults);
      store.rollbackTo(mark);
      if (call.allOrNone) {
        const failures: DmlFailure[] = failed.map((i) => {
          const r = resultOf(i);
          return { index: i, id: r.id, ...must(r.errors[0], 'first error') };
        });
        throw new DmlFailedError(call.op, failures);
      }
      for (const i of failed) failedResults.set(i, resultOf(i));
      active = active.filter((i) => resultOf(i).success);
      if (!active.length) return this.collect(call, new Map(), failedResults);
    }
    for (const i of active) {
      failedResults.set(i, {
        id: null,
        success: false,
        errors: [
          err(
            'UNKNOWN_EXCEPTION',
            'Too many batch retries in the presence of Apex triggers and partial failures.'
          )
        ]
      });
    }
    return this.collect(call, new Map(), failedResults);
  }

  /**
   * A delete or undelete modifies the record: LastModifiedDate, LastModifiedById and SystemModstamp
   * move ("System Fields": updated during any operation on an object), so a replication that reads
   * `SystemModstamp` with ALL ROWS sees deletions since its watermark.
   */
  private touch(object: SObjectSchema, row: Row): void {
    if (!object.field('SystemModstamp')) return;
    const ts = new ApexDatetime(Math.floor(this.ctx.now() / 1000) * 1000);
    const changes: [string, ApexValue][] = [['systemmodstamp', ts]];
    if (object.field('LastModifiedDate'))
      changes.push(['lastmodifieddate', ts], ['lastmodifiedbyid', new ApexId(this.ctx.userId())]);
    this.ctx.store.update(row, changes);
  }

  /** The results of a statement on contended rows (null when its object is not contended). */
  private lockFailure(call: DmlCall): RecordResult[] | null {
    const type = (call.records[0]?.type ?? call.mergeMaster?.type ?? '').toLowerCase();
    const left = this.contended.get(type);
    if (!left) return null;
    if (left > 1) this.contended.set(type, left - 1);
    else this.contended.delete(type);
    const lockError = err(
      'UNABLE_TO_LOCK_ROW',
      `unable to obtain exclusive access to this record or ${call.records.length} records`
    );
    if (call.allOrNone)
      throw new DmlFailedError(
        call.op,
        call.records.map((r, index) => ({ index, id: idOf(r) ?? null, ...lockError }))
      );
    return call.records.map((r) => ({ id: idOf(r) ?? null, success: false, errors: [lockError] }));
  }

  private collect(
    call: DmlCall,
    ok: Map<number, RecordResult>,
    failed: Map<number, RecordResult>
  ): RecordResult[] {
    const out: RecordResult[] = [];
    for (let i = 0; i < call.records.length; i++) {
      const r = ok.get(i) ?? failed.get(i);
      if (!r) throw new Error(`DML engine lost record ${i}`);
      out.push(r);
      // Inserted Ids are written back to the caller's records (only on success).
      if (r.success && r.id && (call.op === 'insert' || call.op === 'upsert'))
        call.records[i].set('Id', new ApexId(r.id));
    }
    return out;
  }

  private checkList(call: DmlCall): void {
    if (call.op === 'update' || call.op === 'delete' || call.op === 'undelete') {
      const seen = new Set<string>();
      for (const r of call.records) {
        const id = idOf(r);
        if (!id) continue;
        if (seen.has(id))
          throw new DmlCallError('System.ListException', `Duplicate id in list: ${id}`);
        seen.add(id);
      }
    }
    if (call.op === 'insert') {
      for (const r of call.records) {
        if (idOf(r))
          throw new DmlCallError(
            'System.DmlException',
            `Insert failed. First exception on row ${call.records.indexOf(r)}; first error: INVALID_FIELD_FOR_INSERT_UPDATE, cannot specify Id in an insert call: [Id]`
          );
      }
    }
  }

  private runOnce(call: DmlCall, indexes: number[]): Map<number, RecordResult> {
    const results = new Map<number, RecordResult>();
    switch (call.op) {
      case 'insert':
        this.saveGroup('insert', call, indexes, results);
        break;
      case 'update':
        this.saveGroup('update', call, indexes, results);
        break;
      case 'upsert': {
        const { inserts, updates } = this.partitionUpsert(call, indexes, results);
        // Upsert saves the new records and the existing ones as separate trigger invocations.
        this.saveGroup('insert', call, inserts, results, true);
        this.saveGroup('update', call, updates, results, true);
        break;
      }
      case 'delete':
        this.deleteGroup(call, indexes, results);
        break;
      case 'undelete':
        this.undeleteGroup(call, indexes, results);
        break;
      default:
        throw new Error(`Unknown DML op ${call.op}`);
    }
    return results;
  }

  // ---- insert / update -------------------------------------------------------------------

  private saveGroup(
    kind: 'insert' | 'update',
    call: DmlCall,
    indexes: number[],
    results: Map<number, RecordResult>,
    upsert = false
  ): void {
    for (let start = 0; start < indexes.length; start += TRIGGER_BATCH) {
      const chunk = indexes.slice(start, start + TRIGGER_BATCH);
      // Group a chunk by object type (a List<SObject> may mix types; each type gets its own triggers).
      const byType = new Map<string, number[]>();
      for (const i of chunk) {
        const t = call.records[i].type;
        let l = byType.get(t);
        if (!l) byType.set(t, (l = []));
        l.push(i);
      }
      for (const [type, idx] of byType) this.saveChunk(kind, call, type, idx, results, upsert);
    }
  }

  private saveChunk(
    kind: 'insert' | 'update',
    call: DmlCall,
    type: string,
    idx: number[],
    results: Map<number, RecordResult>,
    upsert: boolean
  ): void {
    const { schema, store } = this.ctx;
    const object = schema.get(type);
    if (!object) throw new DmlCallError('System.SObjectException', `Invalid SObject type: ${type}`);
    if (kind === 'insert' && !object.def.createable)
      throw new DmlCallError(
        'System.TypeException',
        `DML operation Insert not allowed on ${object.name}`
      );
    if (kind === 'update' && !object.def.updateable)
      throw new DmlCallError(
        'System.TypeException',
        `DML operation Update not allowed on ${object.name}`
      );
    const works: Work[] = [];
    const typed = !!object.field('RecordTypeId');
    let defaultRecordType: string | null | undefined;
    for (const i of idx) {
      const input = call.records[i];
      const w: Work = { index: i, input, rec: new ApexSObject(object.name), errors: [] };
      if (kind === 'insert') {
        this.applyDefaults(object, w.rec);
        for (const [name, v] of input.populated())
          if (name.toLowerCase() !== 'id') this.copyField(object, w, name, v);
        if (typed) {
          // the user's default record type, set before the before triggers see the record
          const rt = w.rec.raw('RecordTypeId') ?? null;
          if (rt === null) {
            defaultRecordType ??= this.recordTypes.defaultId(this.ctx.userId(), object.name);
            w.rec.set(
              'RecordTypeId',
              defaultRecordType === null ? null : new ApexId(defaultRecordType)
            );
          } else if (String(rt) === MASTER_RECORD_TYPE_ID) w.rec.set('RecordTypeId', null);
        }
        if (upsert) w.created = true;
      } else {
        const id = idOf(input);
        if (!id) {
          w.errors.push(err('MISSING_ARGUMENT', 'Id not specified in an update call'));
        } else {
          const row = store.get(id);
          if (!row || row.deleted) {
            w.errors.push(err('ENTITY_IS_DELETED', 'entity is deleted'));
          } else if (row.type.toLowerCase() !== object.name.toLowerCase()) {
            w.errors.push(err('INVALID_ID_FIELD', `Id value of incorrect type: ${id}`));
          } else if (this.ctx.canModifyRow && !this.ctx.canModifyRow(row, call.userMode)) {
            w.errors.push(
              err('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id')
            );
          } else {
            w.row = row;
            w.old = rowToSObject(object, row);
            for (const [k, v] of row.values) w.rec.set(object.field(k)?.name ?? k, v);
            for (const [name, v] of input.populated()) this.copyField(object, w, name, v);
          }
        }
        if (upsert) w.created = false;
      }
      if (call.userMode && this.ctx.access) this.checkAccess(kind, object, w, input);
      works.push(w);
    }
    const live = (): Work[] => works.filter((w) => !w.errors.length);
    const beforeOp: TriggerOperation = kind === 'insert' ? 'BEFORE_INSERT' : 'BEFORE_UPDATE';
    const afterOp: TriggerOperation = kind === 'insert' ? 'AFTER_INSERT' : 'AFTER_UPDATE';
    // 4. before triggers
    this.trigger(object, beforeOp, works, live());
    // 5. system validation
    for (const w of live())
      this.validate(object, w, kind, call.allowFieldTruncation?.(w.input) ?? false);
    if (typed) for (const w of live()) this.checkRecordType(object, w, call.userMode);
    this.checkUnique(object, live());
    // 7. save (not committed)
    const now = Math.floor(this.ctx.now() / 1000) * 1000;
    const user = new ApexId(this.ctx.userId());
    for (const w of live()) {
      const ts = new ApexDatetime(now);
      if (kind === 'insert') {
        const id = this.ctx.ids.next(object.keyPrefix);
        w.rec.set('Id', new ApexId(id));
        w.rec.set('IsDeleted', false);
        w.rec.set('CreatedDate', ts);
        w.rec.set('CreatedById', user);
        if (object.field('OwnerId') && (w.rec.raw('OwnerId') ?? null) === null)
          w.rec.set('OwnerId', user);
        this.setAutoNumbers(object, w.rec);
      }
      if (object.field('LastModifiedDate')) {
        w.rec.set('LastModifiedDate', ts);
        w.rec.set('LastModifiedById', user);
        w.rec.set('SystemModstamp', ts);
      }
      this.setCompoundName(object, w.rec);
      const values = new Map<string, ApexValue>();
      for (const [k, v] of w.rec.values) values.set(k, v);
      if (kind === 'insert') {
        w.row = store.insert(object.name, String(w.rec.raw('Id')), values);
        this.ctx.recordChange({
          object: object.name,
          changeType: 'CREATE',
          id: rowOf(w).id,
          changedFields: [],
          nulledFields: [],
          values
        });
      } else {
        const changed: string[] = [];
        const nulled: string[] = [];
        for (const [k, v] of values) {
          if (k === 'lastmodifieddate' || k === 'systemmodstamp' || k === 'lastmodifiedbyid')
            continue;
          const before = rowOf(w).values.get(k);
          if (!sameValue(before, v)) {
            changed.push(object.field(k)?.name ?? k);
            if (v === null) nulled.push(object.field(k)?.name ?? k);
          }
        }
        // Change events list LastModifiedDate among the changed fields of every update (ChangeEventHeader Fields).
        if (object.field('LastModifiedDate')) changed.push('LastModifiedDate');
        store.update(rowOf(w), values);
        this.ctx.recordChange({
          object: object.name,
          changeType: 'UPDATE',
          id: rowOf(w).id,
          changedFields: changed,
          nulledFields: nulled,
          values
        });
      }
    }
    // 8. after triggers (records now carry Id and system fields)
    this.trigger(object, afterOp, works, live());
    for (const w of works) {
      results.set(w.index, {
        id: w.errors.length ? (kind === 'update' ? idOf(w.input) : null) : rowOf(w).id,
        success: !w.errors.length,
        errors: w.errors,
        ...(w.created !== undefined ? { created: w.created } : {})
      });
    }
  }

  private trigger(object: SObjectSchema, op: TriggerOperation, all: Work[], live: Work[]): void {
    if (!live.length || !this.ctx.hasTriggers(object.name, op)) return;
    const isDelete = op === 'BEFORE_DELETE' || op === 'AFTER_DELETE';
    const newRecs = isDelete ? null : live.map((w) => w.rec);
    const oldRecs =
      op === 'BEFORE_UPDATE' || op === 'AFTER_UPDATE' || isDelete
        ? live.map((w) => must(w.old, 'Trigger.old record'))
        : null;
    for (const r of [...(newRecs ?? []), ...(oldRecs ?? [])]) clearRecordErrors(r);
    try {
      this.ctx.fireTriggers(object.name, op, newRecs, oldRecs);
    } catch (e) {
      const failure = (e as { triggerFailure?: string }).triggerFailure;
      if (!failure) throw e;
      // An unhandled exception in a trigger fails every record of the chunk.
      for (const w of live) w.errors.push(err('CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', failure));
      return;
    }
    for (const w of live) {
      const errs = [...recordErrorsOf(w.rec), ...(w.old ? recordErrorsOf(w.old) : [])];
      if (errs.length) w.errors.push(...errs);
    }
    void all;
  }

  private copyField(object: SObjectSchema, w: Work, name: string, v: ApexValue): void {
    const f = object.field(name);
    if (!f) {
      // A parent reference by external Id: `contact.Account = new Account(Ext__c = 'A1')`.
      const rel = object.relationship(name);
      if (rel && v instanceof ApexSObject) {
        const id = this.resolveForeignKey(rel, v, w);
        if (id !== undefined) w.rec.set(rel.name, id);
        return;
      }
      if (rel && v === null) return;
      if (rel && v instanceof ApexList) return; // child lists on a record are ignored by DML
      throw new DmlCallError('System.SObjectException', `Invalid field ${name} for ${object.name}`);
    }
    w.rec.set(f.name, coerce(f, v));
  }

  private resolveForeignKey(
    rel: CatalogField,
    parent: ApexSObject,
    w: Work
  ): ApexValue | undefined {
    const target = this.ctx.schema.get(parent.type);
    if (!target) return undefined;
    const keys = parent.populated().filter(([k]) => k.toLowerCase() !== 'id');
    const id = idOf(parent);
    if (id) return new ApexId(id);
    if (keys.length !== 1) {
      w.errors.push(
        err(
          'INVALID_FIELD',
          `More than 1 field provided in an external foreign key reference in entity: ${target.name}`
        )
      );
      return undefined;
    }
    const [fname, value] = keys[0];
    const f = target.field(fname);
    if (!f || !(f.externalId || f.idLookup)) {
      w.errors.push(
        err(
          'INVALID_FIELD',
          `Field ${fname} is not an external Id or indexed field for ${target.name}`
        )
      );
      return undefined;
    }
    const matches = this.rowsWithText(target.name, f, value);
    if (matches.length !== 1) {
      w.errors.push(
        err(
          matches.length ? 'DUPLICATE_EXTERNAL_ID' : 'INVALID_FIELD',
          matches.length
            ? `${target.name}: more than one record found for external id field: [${matches.map((m) => m.id).join(', ')}]`
            : `Foreign key external ID: ${String(value)} not found for field ${f.name} in entity ${target.name}`,
          [rel.relationshipName ?? rel.name]
        )
      );
      return undefined;
    }
    return new ApexId(matches[0].id);
  }

  private applyDefaults(object: SObjectSchema, rec: ApexSObject): void {
    for (const f of object.fields()) {
      if (!f.createable) continue;
      if (f.type === 'boolean')
        rec.set(
          f.name,
          f.defaultValue === undefined
            ? false
            : (parseDefault(f, f.defaultValue, object) as boolean)
        );
      else if (f.defaultValue !== undefined)
        rec.set(f.name, parseDefault(f, f.defaultValue, object));
    }
  }

  private checkAccess(
    kind: 'insert' | 'update',
    object: SObjectSchema,
    w: Work,
    input: ApexSObject
  ): void {
    const a = must(this.ctx.access, 'access checker');
    if (kind === 'insert' ? !a.canCreate(object.name) : !a.canEdit(object.name)) {
      w.errors.push(
        err('INSUFFICIENT_ACCESS_OR_READONLY', `insufficient access rights on object id`)
      );
      return;
    }
    for (const [name] of input.populated()) {
      const f = object.field(name);
      if (!f || f.name === 'Id') continue;
      const ok =
        kind === 'insert'
          ? a.canCreateField(object.name, f.name)
          : a.canEditField(object.name, f.name);
      if (!ok) {
        // User-mode DML on a field the user cannot edit (Apex Developer Guide, "Enforce User Mode for Database Operations").
        w.errors.push(
          err(
            'INVALID_FIELD_FOR_INSERT_UPDATE',
            `Unable to create/update fields: ${f.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
            [f.name]
          )
        );
        return;
      }
    }
  }

  private validate(
    object: SObjectSchema,
    w: Work,
    kind: 'insert' | 'update',
    truncate = false
  ): void {
    const rec = w.rec;
    const missing: string[] = [];
    for (const f of object.fields()) {
      const v = rec.raw(f.name);
      const value = v === undefined ? null : v;
      if (
        kind === 'insert' &&
        !f.nillable &&
        f.createable &&
        !f.defaultedOnCreate &&
        (value === null || value === '')
      )
        missing.push(f.name);
      else if (
        kind === 'update' &&
        !f.nillable &&
        f.updateable &&
        f.type !== 'boolean' &&
        (value === null || value === '') &&
        rec.isPopulated(f.name) &&
        f.name !== 'OwnerId'
      )
        missing.push(f.name);
      if (value === null) continue;
      if (truncate && f.length && typeof value === 'string' && value.length > f.length) {
        rec.set(f.name, value.slice(0, f.length)); // allowFieldTruncation: the pre-15.0 behaviour
      } else if (f.length && typeof value === 'string' && value.length > f.length) {
        w.errors.push(
          err(
            'STRING_TOO_LONG',
            `${f.label ?? f.name}: data value too large: ${value} (max length=${f.length})`,
            [f.name]
          )
        );
      }
      if (
        f.type === 'picklist' &&
        f.restrictedPicklist &&
        f.picklistValues &&
        !f.picklistValues.includes(String(value))
      ) {
        w.errors.push(
          err(
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `${f.label ?? f.name}: bad value for restricted picklist field: ${String(value)}`,
            [f.name]
          )
        );
      }
      if (f.type === 'multipicklist' && f.restrictedPicklist && f.picklistValues) {
        for (const part of String(value).split(';')) {
          if (!f.picklistValues.includes(part))
            w.errors.push(
              err(
                'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                `${f.label ?? f.name}: bad value for restricted picklist field: ${part}`,
                [f.name]
              )
            );
        }
      }
      // An update checks the lookups it writes, not those it leaves as they are (a merged
      // record's MasterRecordId names a record deleted since, and the record stays updatable).
      const unchanged = kind === 'update' && !!w.old && sameValue(w.old.raw(f.name), value);
      if (
        f.type === 'reference' &&
        f.referenceTo?.length &&
        f.name !== 'Id' &&
        f.name !== 'RecordTypeId' &&
        !unchanged
      )
        this.validateReference(object, f, value, w);
      if (
        (f.type === 'double' || f.type === 'currency' || f.type === 'percent') &&
        f.precision !== undefined &&
        value instanceof ApexDecimal
      ) {
        const scale = f.scale ?? 0;
        const intDigits = value
          .withScale(0, 'DOWN')
          .unscaled.toString()
          .replace('-', '')
          .replace(/^0$/, '').length;
        if (intDigits > f.precision - scale) {
          w.errors.push(
            err(
              'NUMBER_OUTSIDE_VALID_RANGE',
              `${f.label ?? f.name}: value outside of valid range on numeric field: ${value.toPlainString()}`,
              [f.name]
            )
          );
        }
      }
    }
    if (missing.length)
      w.errors.push(
        err(
          'REQUIRED_FIELD_MISSING',
          `Required fields are missing: [${missing.join(', ')}]`,
          missing
        )
      );
  }

  private validateReference(
    object: SObjectSchema,
    f: CatalogField,
    value: ApexValue,
    w: Work
  ): void {
    const id = String(value);
    if (f.name === 'OwnerId' || f.name === 'CreatedById' || f.name === 'LastModifiedById') {
      // Owners are Users or queues (Groups); users of the org are records in the store.
      const row = this.ctx.store.get(id);
      if (!row || row.deleted)
        w.errors.push(err('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [f.name]));
      return;
    }
    const row = this.ctx.store.get(id);
    if (!row || row.deleted) {
      w.errors.push(err('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [f.name]));
      return;
    }
    if (!(f.referenceTo ?? []).some((t) => t.toLowerCase() === row.type.toLowerCase())) {
      w.errors.push(
        err(
          'FIELD_INTEGRITY_EXCEPTION',
          `${f.label ?? f.name}: id value of incorrect type: ${id}`,
          [f.name]
        )
      );
    }
    void object;
  }

  /**
   * A new or changed RecordTypeId must be an active record type of the object, available to the
   * user in user mode (schema/record-types.ts); the platform words it as INVALID_CROSS_REFERENCE_KEY
   * "Record Type ID: this ID value isn't valid for the user".
   */
  private checkRecordType(object: SObjectSchema, w: Work, userMode: boolean): void {
    const v = w.rec.raw('RecordTypeId') ?? null;
    if (v === null) return;
    const id = String(v);
    if (w.old && String(w.old.raw('RecordTypeId') ?? '') === id) return;
    if (!this.recordTypes.isValid(object.name, id, this.ctx.userId(), userMode))
      w.errors.push(
        err(
          'INVALID_CROSS_REFERENCE_KEY',
          `Record Type ID: this ID value isn't valid for the user: ${id}`,
          ['RecordTypeId']
        )
      );
  }

  /** Live rows whose text field equals `value` as sameText compares (through the field's index). */
  private rowsWithText(object: string, f: CatalogField, value: ApexValue): Row[] {
    const lc = f.name.toLowerCase();
    return this.ctx.store
      .lookup(object, lc, textKeyer, String(value).toLowerCase())
      .filter((r) => !r.deleted && sameText(r.values.get(lc), value, !!f.caseSensitive));
  }

  private checkUnique(object: SObjectSchema, works: Work[]): void {
    const uniques = object.fields().filter((f) => f.unique);
    for (const f of uniques) {
      const lc = f.name.toLowerCase();
      const key = (v: ApexValue): string | null =>
        v === null || v === undefined || v === ''
          ? null
          : f.caseSensitive
            ? String(v)
            : String(v).toLowerCase();
      // The saved record holding a key (the last one in table order, as a scan would find).
      const existing = (k: string): string | undefined =>
        this.ctx.store
          .lookup(object.name, lc, textKeyer, k.toLowerCase())
          .filter((r) => !r.deleted && key(r.values.get(lc) ?? null) === k)
          .at(-1)?.id;
      const inBatch = new Map<string, Work>();
      for (const w of works) {
        const k = key(w.rec.raw(f.name) ?? null);
        if (k === null) continue;
        const owner = existing(k);
        const selfId = w.row?.id;
        if (owner && owner !== selfId) {
          w.errors.push(
            err(
              'DUPLICATE_VALUE',
              `duplicate value found: ${f.name} duplicates value on record with id: ${owner}`,
              [f.name]
            )
          );
          continue;
        }
        const other = inBatch.get(k);
        if (other) {
          w.errors.push(
            err(
              'DUPLICATE_VALUE',
              `duplicate value found: ${f.name} duplicates value on record with id: ${other.row?.id ?? ''}`,
              [f.name]
            )
          );
          continue;
        }
        inBatch.set(k, w);
      }
    }
  }

  private setAutoNumbers(object: SObjectSchema, rec: ApexSObject): void {
    for (const f of object.fields()) {
      const fmt = (f as CatalogField & { autoNumberFormat?: string }).autoNumberFormat;
      if (fmt === undefined && !(object.name === 'Case' && f.name === 'CaseNumber')) continue;
      const n = this.ctx.autoNumber(`${object.name}.${f.name}`);
      const pattern = fmt || '{00000000}';
      rec.set(
        f.name,
        pattern.replace(/\{(0+)\}/, (_m, zeros: string) => String(n).padStart(zeros.length, '0'))
      );
    }
  }

  /** Contact/Lead/User Name = FirstName LastName (read-only compound field). */
  private setCompoundName(object: SObjectSchema, rec: ApexSObject): void {
    const name = object.field('Name');
    if (!name || name.createable || !object.field('LastName') || !object.field('FirstName')) return;
    const first = rec.raw('FirstName');
    const last = rec.raw('LastName');
    rec.set(
      'Name',
      [first, last].filter((x) => x !== null && x !== undefined && x !== '').join(' ')
    );
  }

  // ---- upsert ----------------------------------------------------------------------------

  private partitionUpsert(
    call: DmlCall,
    indexes: number[],
    results: Map<number, RecordResult>
  ): { inserts: number[]; updates: number[] } {
    const inserts: number[] = [];
    const updates: number[] = [];
    const first = call.records[indexes[0] ?? 0];
    if (!first) return { inserts, updates };
    const object = this.ctx.schema.require(first.type);
    const extName = call.externalIdField;
    const f = extName ? object.field(extName) : object.field('Id');
    if (!f)
      throw new DmlCallError(
        'System.SObjectException',
        `Invalid field ${extName} for ${object.name}`
      );
    if (extName && !(f.externalId || f.idLookup) && f.name !== 'Id') {
      throw new DmlCallError(
        'System.SObjectException',
        `Invalid field for upsert, must be an External Id custom or standard indexed field: ${f.name}`
      );
    }
    const seen = new Map<string, number>();
    for (const i of indexes) {
      const rec = call.records[i];
      if (f.name === 'Id') {
        const id = idOf(rec);
        if (id) {
          // The update is redirected to the existing record.
          updates.push(i);
        } else inserts.push(i);
        continue;
      }
      const value = rec.raw(f.name);
      if (value === undefined || value === null || value === '') {
        const id = idOf(rec);
        if (id) updates.push(i);
        else inserts.push(i);
        continue;
      }
      const key = f.caseSensitive ? String(value) : String(value).toLowerCase();
      if (seen.has(key)) {
        // Same key twice in one call (../shared/PLATFORM.md: "Duplicate external id specified").
        results.set(i, {
          id: null,
          success: false,
          errors: [
            err('DUPLICATE_EXTERNAL_ID', `Duplicate external id specified: ${String(value)}`, [
              f.name
            ])
          ]
        });
        const j = must(seen.get(key), 'first record with this key');
        if (!results.has(j))
          results.set(j, {
            id: null,
            success: false,
            errors: [
              err('DUPLICATE_EXTERNAL_ID', `Duplicate external id specified: ${String(value)}`, [
                f.name
              ])
            ]
          });
        continue;
      }
      seen.set(key, i);
      const matches = this.rowsWithText(object.name, f, value);
      if (matches.length > 1) {
        results.set(i, {
          id: null,
          success: false,
          errors: [
            err(
              'DUPLICATE_EXTERNAL_ID',
              `${f.label ?? f.name}: more than one record found for external id field: [${matches.map((m) => m.id).join(', ')}]`,
              [f.name]
            )
          ]
        });
      } else if (matches.length === 1) {
        rec.set('Id', new ApexId(matches[0].id));
        updates.push(i);
      } else inserts.push(i);
    }
    const dupes = new Set([...results.keys()]);
    return {
      inserts: inserts.filter((i) => !dupes.has(i)),
      updates: updates.filter((i) => !dupes.has(i))
    };
  }

  // ---- delete / undelete -----------------------------------------------------------------

  private deleteGroup(call: DmlCall, indexes: number[], results: Map<number, RecordResult>): void {
    const { store, schema } = this.ctx;
    for (let start = 0; start < indexes.length; start += TRIGGER_BATCH) {
      const chunk = indexes.slice(start, start + TRIGGER_BATCH);
      const byType = new Map<string, Work[]>();
      for (const i of chunk) {
        const input = call.records[i];
        const id = idOf(input);
        const w: Work = { index: i, input, rec: input, errors: [] };
        const row = id ? store.get(id) : undefined;
        if (!id) w.errors.push(err('MISSING_ARGUMENT', 'Id not specified in a delete call'));
        else if (!row || row.deleted) w.errors.push(err('ENTITY_IS_DELETED', 'entity is deleted'));
        else if (this.ctx.canModifyRow && !this.ctx.canModifyRow(row, call.userMode)) {
          w.errors.push(
            err('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id')
          );
        } else {
          w.row = row;
          w.old = rowToSObject(schema.require(row.type), row);
        }
        const type = row?.type ?? input.type;
        let l = byType.get(type);
        if (!l) byType.set(type, (l = []));
        l.push(w);
      }
      for (const [type, works] of byType) {
        const object = schema.require(type);
        if (!object.def.deletable)
          throw new DmlCallError(
            'System.TypeException',
            `DML operation Delete not allowed on ${object.name}`
          );
        const live = (): Work[] => works.filter((w) => !w.errors.length);
        if (call.userMode && this.ctx.access && !this.ctx.access.canDelete(object.name)) {
          for (const w of live())
            w.errors.push(
              err('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id')
            );
        }
        this.trigger(object, 'BEFORE_DELETE', works, live());
        for (const w of live()) this.checkRestrict(object, w);
        for (const w of live()) {
          store.markDeleted(rowOf(w), true);
          this.touch(object, rowOf(w));
          this.ctx.recordChange({
            object: object.name,
            changeType: 'DELETE',
            id: rowOf(w).id,
            changedFields: [],
            nulledFields: [],
            values: rowOf(w).values
          });
          this.cascade(object, rowOf(w));
        }
        this.trigger(object, 'AFTER_DELETE', works, live());
        for (const w of works)
          results.set(w.index, {
            id: w.row?.id ?? idOf(w.input),
            success: !w.errors.length,
            errors: w.errors
          });
      }
    }
  }

  /** Live rows whose reference field `lc` holds `id`, in table order (through the field's index). */
  private rowsReferencing(type: string, lc: string, id: string): Row[] {
    return this.ctx.store
      .lookup(type, lc, textKeyer, id.toLowerCase())
      .filter((r) => !r.deleted && String(r.values.get(lc) ?? '') === id);
  }

  /** A lookup with "Don't allow deletion" blocks deleting its parent (Help: lookup relationship options). */
  private checkRestrict(object: SObjectSchema, w: Work): void {
    for (const child of this.ctx.schema.objects()) {
      for (const f of child.fields()) {
        if (
          f.deleteConstraint !== 'Restrict' ||
          !f.referenceTo?.some((t) => t.toLowerCase() === object.name.toLowerCase())
        )
          continue;
        const [r] = this.rowsReferencing(child.name, f.name.toLowerCase(), rowOf(w).id);
        if (r) {
          w.errors.push(
            err(
              'DELETE_FAILED',
              `Your attempt to delete ${String(rowOf(w).values.get('name') ?? rowOf(w).id)} could not be completed because it is associated with the following ${child.def.labelPlural}.: ${String(r.values.get('name') ?? r.id)}`
            )
          );
          return;
        }
      }
    }
  }

  /** Master-detail children are deleted with the parent (no triggers on them); lookups are cleared. */
  private cascade(object: SObjectSchema, parent: Row): void {
    const { store, schema } = this.ctx;
    for (const child of schema.objects()) {
      if (child.isChangeEvent) continue;
      for (const f of child.fields()) {
        if (
          f.type !== 'reference' ||
          !f.referenceTo?.some((t) => t.toLowerCase() === object.name.toLowerCase())
        )
          continue;
        if (
          f.name === 'OwnerId' ||
          f.name === 'CreatedById' ||
          f.name === 'LastModifiedById' ||
          !f.createable
        )
          continue;
        const lc = f.name.toLowerCase();
        for (const r of this.rowsReferencing(child.name, lc, parent.id)) {
          if (f.cascadeDelete) {
            store.markDeleted(r, true, parent.id);
            this.touch(child, r);
            this.cascade(child, r);
          } else store.update(r, [[lc, null]]);
        }
      }
    }
  }

  private undeleteGroup(
    call: DmlCall,
    indexes: number[],
    results: Map<number, RecordResult>
  ): void {
    const { store, schema } = this.ctx;
    const byType = new Map<string, Work[]>();
    for (const i of indexes) {
      const input = call.records[i];
      const id = idOf(input);
      const row = id ? store.get(id) : undefined;
      const w: Work = { index: i, input, rec: input, errors: [] };
      if (!row) w.errors.push(err('ENTITY_IS_DELETED', 'entity is deleted'));
      else if (!row.deleted)
        w.errors.push(err('UNDELETE_FAILED', 'Entity is not in the recycle bin'));
      else w.row = row;
      const type = row?.type ?? input.type;
      let l = byType.get(type);
      if (!l) byType.set(type, (l = []));
      l.push(w);
    }
    for (const [type, works] of byType) {
      const object = schema.require(type);
      const live = works.filter((w) => !w.errors.length);
      for (const w of live) {
        store.markDeleted(rowOf(w), false);
        this.touch(object, rowOf(w));
        w.rec = rowToSObject(object, rowOf(w));
        this.ctx.recordChange({
          object: object.name,
          changeType: 'UNDELETE',
          id: rowOf(w).id,
          changedFields: [],
          nulledFields: [],
          values: rowOf(w).values
        });
        // Records deleted with it come back too (Apex Developer Guide, "Restoring Deleted Records").
        for (const child of schema.objects()) {
          for (const r of [...store.rows(child.name, true)])
            if (r.deleted && r.deletedWith === rowOf(w).id) {
              store.markDeleted(r, false);
              this.touch(child, r);
            }
        }
      }
      this.trigger(object, 'AFTER_UNDELETE', works, live);
      for (const w of works)
        results.set(w.index, {
          id: w.row?.id ?? idOf(w.input),
          success: !w.errors.length,
          errors: w.errors
        });
    }
  }

  // ---- merge -----------------------------------------------------------------------------

  private merge(call: DmlCall): RecordResult[] {
    const master = must(call.mergeMaster, 'merge master record');
    const object = this.ctx.schema.require(master.type);
    if (!['Account', 'Contact', 'Lead', 'Case'].includes(object.name))
      throw new DmlCallError(
        'System.DmlException',
        `Merge failed. First exception on row 0; first error: INVALID_TYPE_FOR_OPERATION, entity type ${object.name} does not support merge: []`
      );
    if (call.records.length < 1 || call.records.length > 2)
      throw new DmlCallError(
        'System.DmlException',
        'A single merge request must contain at least one records to merge, got none'
      );
    const masterId = idOf(master);
    if (!masterId)
      throw new DmlCallError(
        'System.DmlException',
        'Merge failed. First exception on row 0; first error: MISSING_ARGUMENT, Id not specified: []'
      );
    const mark = this.ctx.store.mark();
    try {
      const losers = call.records.map((r) => must(idOf(r), 'Id of a record to merge'));
      // Reparent children of the losers to the master, then delete the losers.
      for (const child of this.ctx.schema.objects()) {
        for (const f of child.fields()) {
          if (
            f.type !== 'reference' ||
            !f.createable ||
            !f.referenceTo?.some((t) => t.toLowerCase() === object.name.toLowerCase())
          )
            continue;
          const lc = f.name.toLowerCase();
          const keys = losers.map((id) => id.toLowerCase());
          for (const r of this.ctx.store.lookupAll(child.name, lc, textKeyer, keys))
            if (!r.deleted && losers.includes(String(r.values.get(lc) ?? ''))) {
              this.ctx.store.update(r, [[lc, new ApexId(masterId)]]);
              this.touch(child, r); // reparented: modified, without triggers ("System Fields")
            }
        }
      }
      for (const id of losers) {
        const row = this.ctx.store.get(id);
        if (row && object.field('MasterRecordId'))
          this.ctx.store.update(row, [['masterrecordid', new ApexId(masterId)]]);
      }
      this.execute({
        op: 'delete',
        records: call.records,
        allOrNone: true,
        userMode: call.userMode
      });
      // Then the winner is updated, with its update triggers, whether or not fields were given
      // (Apex Developer Guide, "Triggers and Merge Statements": delete triggers of the losers first,
      // then the master record's update triggers).
      this.execute({ op: 'update', records: [master], allOrNone: true, userMode: call.userMode });
    } catch (e) {
      this.ctx.store.rollbackTo(mark);
      throw e;
    }
    return [{ id: masterId, success: true, errors: [] }];
  }
}

/** The stored row of a record being saved (set once it exists). */
function rowOf(w: Work): Row {
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

function sameValue(a: ApexValue | undefined, b: ApexValue | undefined): boolean {
  const x = a === undefined ? null : a;
  const y = b === undefined ? null : b;
  if (x === y) return true;
  if (x === null || y === null) return false;
  if (x instanceof ApexDecimal && y instanceof ApexDecimal) return x.compareTo(y) === 0;
  if (x instanceof ApexDatetime && y instanceof ApexDatetime) return x.epochMs === y.epochMs;
  if (x instanceof ApexDate && y instanceof ApexDate) return x.toEpochDay() === y.toEpochDay();
  return String(x) === String(y);
}

function sameText(a: ApexValue | undefined, b: ApexValue, caseSensitive: boolean): boolean {
  if (a === undefined || a === null) return false;
  return caseSensitive
    ? String(a) === String(b)
    : String(a).toLowerCase() === String(b).toLowerCase();
}

/** Converts a value to the field's storage type (Ids normalised to 18 characters). */
function coerce(f: CatalogField, v: ApexValue): ApexValue {
  if (v === null) return null;
  if ((f.type === 'id' || f.type === 'reference') && typeof v === 'string') {
    if (v === '') return null;
    const id = normaliseId(v);
    if (!id) throw new DmlCallError('System.StringException', `Invalid id: ${v}`);
    return new ApexId(id);
  }
  if (
    (f.apexType === 'Decimal' || f.apexType === 'Double') &&
    (typeof v === 'number' || typeof v === 'bigint' || v instanceof ApexDouble)
  ) {
    return v instanceof ApexDouble ? ApexDecimal.fromDouble(v.v) : ApexDecimal.fromInt(v);
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
  object: SObjectSchema
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
  throw new DmlCallError(
    'System.UnsupportedOperationException',
    `Unsupported by the local org: default value formula '${s}' on ${object.name}.${f.name}`
  );
}

export { typeRef };
