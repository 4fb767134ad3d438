// System validation of the records of a DML statement, after before triggers (Apex Developer Guide,
// "Triggers and Order of Execution"): object and field access in user mode, required fields,
// lengths, restricted picklists, references and record types, numeric ranges, unique values, and
// external-Id foreign keys.
import { ApexDecimal, ApexId, type ApexSObject, type ApexValue } from '../../runtime/values.ts';
import type { CatalogField } from '../schema/catalog-types.ts';
import type { SObjectSchema } from '../schema/schema.ts';
import type { Row } from '../data/store.ts';
import { textKeyer } from '../data/index.ts';
import { RecordTypes } from '../schema/record-types.ts';
import { must } from '../util.ts';
import type { DmlContext } from './call.ts';
import { err, idOf, sameText, sameValue, type Work } from './work.ts';

/** Checks records being saved and adds their errors to `Work.errors`. */
export class RecordValidator {
  /** Record types of the org (valid ids, the user's default). */
  readonly recordTypes: RecordTypes;

  constructor(private readonly ctx: Pick<DmlContext, 'schema' | 'store' | 'access' | 'userId'>) {
    this.recordTypes = new RecordTypes(ctx.schema, ctx.store);
  }

  resolveForeignKey(rel: CatalogField, parent: ApexSObject, w: Work): ApexValue | undefined {
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

  checkAccess(kind: 'insert' | 'update', object: SObjectSchema, w: Work, input: ApexSObject): void {
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

  validate(object: SObjectSchema, w: Work, kind: 'insert' | 'update', truncate = false): void {
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
    if (f.polymorphicAny) return; // any record of the org (content/catalog.ts)
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
  checkRecordType(object: SObjectSchema, w: Work, userMode: boolean): void {
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
  rowsWithText(object: string, f: CatalogField, value: ApexValue): Row[] {
    const lc = f.name.toLowerCase();
    return this.ctx.store
      .lookup(object, lc, textKeyer, String(value).toLowerCase())
      .filter((r) => !r.deleted && sameText(r.values.get(lc), value, !!f.caseSensitive));
  }

  checkUnique(object: SObjectSchema, works: Work[]): void {
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
}
