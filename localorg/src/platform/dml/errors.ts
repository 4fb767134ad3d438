// Record-level DML errors (Database.Error: getStatusCode, getMessage, getFields) and the DmlException
// message the platform builds from the first one (Apex Developer Guide, "Returned Database Errors";
// Apex Reference, "DmlException Class"; wording in ../shared/PLATFORM.md "Data and API — 2 DML").
import type { ApexSObject } from '../../runtime/values.ts';

export interface DmlErrorInfo {
  statusCode: string;
  message: string;
  fields: string[];
}

/** Result of one record in a DML call (SaveResult / UpsertResult / DeleteResult / UndeleteResult). */
export interface RecordResult {
  id: string | null;
  success: boolean;
  errors: DmlErrorInfo[];
  /** UpsertResult.isCreated() */
  created?: boolean;
}

/** One failed row, for DmlException.getDmlMessage(i), getDmlIndex(i), getDmlId(i)... */
export interface DmlFailure extends DmlErrorInfo {
  index: number;
  id: string | null;
}

const VERB: Record<string, string> = {
  insert: 'Insert',
  update: 'Update',
  upsert: 'Upsert',
  delete: 'Delete',
  undelete: 'Undelete',
  merge: 'Merge'
};

/** "Insert failed. First exception on row 2; first error: REQUIRED_FIELD_MISSING, Required fields are missing: [Email]: [Email]" */
export function dmlExceptionMessage(op: string, failures: DmlFailure[]): string {
  const f = failures[0];
  const row = f.id ? `row ${f.index} with id ${f.id}` : `row ${f.index}`;
  return `${VERB[op] ?? op} failed. First exception on ${row}; first error: ${f.statusCode}, ${f.message}: [${f.fields.join(', ')}]`;
}

/** Thrown by the DML engine when allOrNone and a record failed; the org turns it into System.DmlException. */
export class DmlFailedError extends Error {
  constructor(
    readonly op: string,
    readonly failures: DmlFailure[]
  ) {
    super(dmlExceptionMessage(op, failures));
  }
}

// SObject.addError / SObjectField.addError record errors on the record itself (ApexSObject.errors,
// written by the runtime's SObject methods); the DML engine reads them after each trigger
// (Apex Reference, "SObject Class: addError").
export function addRecordError(record: ApexSObject, message: string, field?: string): void {
  (record.errors ??= []).push({ field: field ?? null, message });
}

export function recordErrorsOf(record: ApexSObject): DmlErrorInfo[] {
  return (record.errors ?? []).map((e) => ({
    statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    message: e.message,
    fields: e.field ? [e.field] : []
  }));
}

export function clearRecordErrors(record: ApexSObject): void {
  record.errors = null;
}

/** SObject.hasErrors() */
export function hasRecordErrors(record: ApexSObject): boolean {
  return (record.errors?.length ?? 0) > 0;
}
