// What a DML statement is (operation, records, all-or-none, user mode) and what the engine asks of
// its org (DmlContext): schema, store, limits, triggers, access checks, change capture.
import type { ApexSObject, ApexValue } from '../../runtime/values.ts';
import type { TriggerOperation } from '../../runtime/platform.ts';
import type { Schema, SObjectSchema } from '../schema/schema.ts';
import type { CatalogField } from '../schema/catalog-types.ts';
import type { Row, Store } from '../data/store.ts';
import type { IdGenerator } from '../data/ids.ts';
import type { Limits } from '../limits/limits.ts';

export interface DmlAccess {
  canRead(object: string): boolean;
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
  /** Validation rules and default value formulas (platform/formula/org-formulas.ts). */
  formulas?: DmlFormulas;
}

/** What the engine asks of the formula engine. */
export interface DmlFormulas {
  /** Active validation rules whose error condition is true for the record (old: null on insert). */
  validate(
    object: SObjectSchema,
    rec: { type: string; values: Map<string, ApexValue> },
    old: { type: string; values: Map<string, ApexValue> } | null
  ): { rule: string; message: string; field: string | null }[];
  /** A default value formula's value on insert. */
  defaultValue(object: SObjectSchema, field: CatalogField, formula: string): ApexValue;
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
  /**
   * Apex DML in user mode: a running user who cannot even read the object gets
   * `System.SecurityException: Access to entity 'X' denied` for the whole statement, before any
   * record is looked at (REST calls report per record instead).
   */
  entityAccessThrows?: boolean;
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
