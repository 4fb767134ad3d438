// The rows of custom share objects the platform keeps itself (Apex Developer Guide, "Sharing a Record
// Using Apex", "Understanding Apex Managed Sharing"; Salesforce Help, "Record Ownership"):
// - every record of an object with a share object has an Owner row (AccessLevel All) for its owner,
//   moved to the new owner when the owner changes;
// - a change of owner removes the Manual rows (user managed sharing); Apex sharing reasons stay;
// - a share row written by DML cannot grant All (only the platform's Owner row has it) nor an access
//   level no higher than the organization-wide default ("must be more permissive than the object's
//   default"; the guide's example checks FIELD_FILTER_VALIDATION_EXCEPTION with 'AccessLevel' in the
//   message). The rows go with their record on delete and come back on undelete (ParentId cascades).
import { ApexDatetime, ApexId, type ApexValue } from '../../runtime/values.ts';
import { textKeyer } from '../data/index.ts';
import type { Row } from '../data/store.ts';
import type { SObjectSchema } from '../schema/schema.ts';
import { shareObjectName } from '../schema/share-objects.ts';
import type { DmlContext } from './call.ts';
import { err, type Work } from './work.ts';

const LEVELS = ['none', 'read', 'edit', 'all'];

export class ShareKeeper {
  constructor(private readonly ctx: DmlContext) {}

  /** The share object of a record's object, if it has one. */
  private shareObjectOf(object: SObjectSchema): SObjectSchema | undefined {
    const name = shareObjectName(object.def);
    return name ? this.ctx.schema.get(name) : undefined;
  }

  /** The object a share object shares, if `object` is one. */
  private parentOf(object: SObjectSchema): SObjectSchema | undefined {
    if (!/__Share$/i.test(object.name)) return undefined;
    const parent = this.ctx.schema.get(object.name.replace(/__Share$/i, '__c'));
    return parent && shareObjectName(parent.def) ? parent : undefined;
  }

  /** System validation of a share row written by DML. */
  validate(object: SObjectSchema, w: Work): void {
    const parent = this.parentOf(object);
    if (!parent) return;
    const level = String(w.rec.raw('AccessLevel') ?? '');
    if (level.toLowerCase() === 'all') {
      w.errors.push(
        err(
          'FIELD_INTEGRITY_EXCEPTION',
          'field integrity exception: AccessLevel (All is kept for the owner by the platform)',
          ['AccessLevel']
        )
      );
      return;
    }
    const model = (parent.def.sharingModel ?? '').toLowerCase();
    const floor = model === 'read' ? 'read' : 'none';
    if (LEVELS.indexOf(level.toLowerCase()) <= LEVELS.indexOf(floor))
      w.errors.push(
        err(
          'FIELD_FILTER_VALIDATION_EXCEPTION',
          `AccessLevel: trivial share level ${level}, for organization with default level ${parent.def.sharingModel}`,
          ['AccessLevel']
        )
      );
  }

  /** After a record of an object with a share object is saved: its Owner row, Manual rows on transfer. */
  afterSave(
    object: SObjectSchema,
    kind: 'insert' | 'update',
    row: Row,
    oldOwner: string | null
  ): void {
    const share = this.shareObjectOf(object);
    if (!share) return;
    const owner = String(row.values.get('ownerid') ?? '');
    if (!owner) return;
    const { store } = this.ctx;
    if (kind === 'update') {
      if (oldOwner === null || oldOwner === owner) return;
      for (const r of store.lookup(share.name, 'parentid', textKeyer, row.id.toLowerCase())) {
        if (r.deleted || String(r.values.get('parentid')) !== row.id) continue;
        const cause = String(r.values.get('rowcause') ?? '');
        if (cause === 'Owner') store.update(r, [['userorgroupid', new ApexId(owner)]]);
        else if (cause === 'Manual') store.hardDelete(r);
      }
      return;
    }
    const values = new Map<string, ApexValue>([
      ['parentid', new ApexId(row.id)],
      ['userorgroupid', new ApexId(owner)],
      ['accesslevel', 'All'],
      ['rowcause', 'Owner'],
      ['lastmodifieddate', new ApexDatetime(Math.floor(this.ctx.now() / 1000) * 1000)],
      ['lastmodifiedbyid', new ApexId(this.ctx.userId())],
      ['isdeleted', false]
    ]);
    const id = this.ctx.ids.next(share.keyPrefix);
    values.set('id', new ApexId(id));
    store.insert(share.name, id, values);
  }
}
