// Upsert matching: which records of an upsert call are inserts and which update a record found by Id or external Id.
import { ApexId } from '../../runtime/values.ts';
import { must } from '../util.ts';
import type { RecordResult } from './errors.ts';
import { DmlCallError, type DmlCall, type DmlContext } from './call.ts';
import { err, idOf } from './work.ts';
import type { RecordValidator } from './validation.ts';

/**
 * Splits the records at `indexes` of an upsert call into inserts and updates (an update's Id set
 * from the record its external Id matched); records refused here get their failed result in `results`.
 */
export function partitionUpsert(
  ctx: DmlContext,
  validator: RecordValidator,
  call: DmlCall,
  indexes: number[],
  results: Map<number, RecordResult>
): { inserts: number[]; updates: number[] } {
  const inserts: number[] = [];
  const updates: number[] = [];
  const first = call.records[indexes[0] ?? 0];
  if (!first) return { inserts, updates };
  const object = ctx.schema.require(first.type);
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
      else
        // Nothing to match on: the record is refused, not created (the error Data Loader and
        // the APIs report for an upsert row with a blank external Id: "MISSING_ARGUMENT:
        // <field> not specified").
        results.set(i, {
          id: null,
          success: false,
          errors: [err('MISSING_ARGUMENT', `${f.name} not specified`, [])]
        });
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
    const matches = validator.rowsWithText(object.name, f, value);
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
