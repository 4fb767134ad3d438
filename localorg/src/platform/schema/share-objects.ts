// Share objects of custom objects (Apex Developer Guide, "Sharing a Record Using Apex"): every custom
// object whose organization-wide default is Private or Public Read Only has `MyObject__Share`, one row
// per grant: ParentId (the record), UserOrGroupId (who), AccessLevel (Read, Edit, All: All only for the
// owner's row, kept by the platform) and RowCause (Owner, Manual, or one of the object's Apex sharing
// reasons, `objects/X__c/sharingReasons/R__c.sharingReason-meta.xml`). ParentId, UserOrGroupId and
// RowCause cannot be updated. A detail of a master-detail relationship (ControlledByParent) and an
// object with a public read/write default have none.
import type { CatalogField, CatalogObject } from './catalog-types.ts';

/** An Apex sharing reason of a custom object (`Schema.X__Share.RowCause.R__c` is its name). */
export interface SharingReasonMeta {
  object: string;
  name: string;
  label: string;
}

/** The organization-wide defaults under which a custom object has a share object. */
const SHARED_MODELS = new Set(['private', 'read']);

/** `X__c` → `X__Share` when the object has a share object, else null. */
export function shareObjectName(def: CatalogObject): string | null {
  if (!def.custom || (def.kind ?? 'object') !== 'object' || !def.name.endsWith('__c')) return null;
  if (!SHARED_MODELS.has((def.sharingModel ?? '').toLowerCase())) return null;
  return def.name.replace(/__c$/, '__Share');
}

function field(name: string, extra: Partial<CatalogField>): CatalogField {
  return {
    name,
    type: 'string',
    apexType: 'String',
    length: 0,
    nillable: false,
    createable: false,
    updateable: false,
    defaultedOnCreate: false,
    ...extra
  };
}

/** The share object of `parent` with its sharing reasons as RowCause values. */
export function shareObjectDef(
  parent: CatalogObject,
  name: string,
  reasons: SharingReasonMeta[]
): CatalogObject {
  const own = reasons.filter((r) => r.object.toLowerCase() === parent.name.toLowerCase());
  const fields: CatalogField[] = [
    field('Id', { type: 'id', apexType: 'Id', length: 18, defaultedOnCreate: true }),
    field('ParentId', {
      type: 'reference',
      apexType: 'Id',
      length: 18,
      createable: true,
      referenceTo: [parent.name],
      relationshipName: 'Parent',
      // the grants go with the record (deleted with it, back when it is undeleted)
      cascadeDelete: true,
      label: 'Parent ID'
    }),
    field('UserOrGroupId', {
      type: 'reference',
      apexType: 'Id',
      length: 18,
      createable: true,
      referenceTo: ['Group', 'User'],
      relationshipName: 'UserOrGroup',
      label: 'User/Group ID'
    }),
    field('AccessLevel', {
      type: 'picklist',
      length: 40,
      createable: true,
      updateable: true,
      picklistValues: ['Read', 'Edit', 'All'],
      restrictedPicklist: true,
      label: 'Access Level'
    }),
    field('RowCause', {
      type: 'picklist',
      length: 40,
      createable: true,
      defaultedOnCreate: true,
      defaultValue: 'Manual',
      picklistValues: ['Owner', 'Manual', ...own.map((r) => r.name)],
      restrictedPicklist: true,
      label: 'Row Cause'
    }),
    field('LastModifiedDate', {
      type: 'datetime',
      apexType: 'Datetime',
      defaultedOnCreate: true
    }),
    field('LastModifiedById', {
      type: 'reference',
      apexType: 'Id',
      length: 18,
      defaultedOnCreate: true,
      referenceTo: ['User'],
      relationshipName: 'LastModifiedBy'
    }),
    field('IsDeleted', { type: 'boolean', apexType: 'Boolean', defaultedOnCreate: true })
  ];
  return {
    name,
    label: `${parent.label} Share`,
    labelPlural: `${parent.label} Share`,
    custom: true,
    createable: true,
    updateable: true,
    deletable: true,
    fields: Object.fromEntries(fields.map((f) => [f.name, f])),
    childRelationships: [],
    kind: 'object'
  };
}
