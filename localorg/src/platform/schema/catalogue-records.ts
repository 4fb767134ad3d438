/**
 * The metadata catalogue as records (Object Reference, "EntityDefinition", "FieldDefinition"): one
 * EntityDefinition per object of the schema (change events excepted) and one FieldDefinition per
 * field, each with the DurableId a custom metadata relationship holds (standard objects and fields
 * by API name; here custom ones too, where the platform uses their Ids). Built the first time a query
 * reads them (some 3,000 rows an org rarely needs); a rollback that removes them has them built again.
 */
import { ApexId, type ApexValue } from '../../runtime/values.ts';
import { jsToApex } from '../data/convert.ts';
import type { Store } from '../data/store.ts';
import type { Schema } from './schema.ts';

let serial = 0;

export function ensureCatalogueRecords(schema: Schema, store: Store): void {
  const entity = schema.get('EntityDefinition');
  const field = schema.get('FieldDefinition');
  if (!entity || !field) return;
  for (const _ of store.rows('EntityDefinition')) return;
  const put = (type: typeof entity, values: Record<string, unknown>): void => {
    const id = `${type.keyPrefix}${String(++serial).padStart(12, '0')}AAA`;
    const m = new Map<string, ApexValue>([
      ['id', new ApexId(id)],
      ['isdeleted', false]
    ]);
    for (const [k, v] of Object.entries(values)) {
      const f = type.field(k);
      if (!f) throw new Error(`catalogue: ${type.name}.${k} unknown`);
      m.set(k.toLowerCase(), jsToApex(f, v));
    }
    store.insert(type.name, id, m);
  };
  for (const o of schema.objects()) {
    if (o.isChangeEvent || o === entity || o === field) continue;
    put(entity, {
      QualifiedApiName: o.name,
      DeveloperName: o.name.replace(/__(c|mdt|e|x)$/, ''),
      DurableId: o.name,
      Label: o.def.label,
      MasterLabel: o.def.label,
      PluralLabel: o.def.labelPlural,
      KeyPrefix: o.keyPrefix || null,
      NamespacePrefix: null,
      IsCustomSetting: o.def.kind === 'customSetting',
      IsQueryable: true,
      IsCustomizable: true,
      IsEverCreatable: o.def.createable,
      IsEverUpdatable: o.def.updateable,
      IsEverDeletable: o.def.deletable
    });
    for (const f of o.fields()) {
      put(field, {
        QualifiedApiName: f.name,
        DeveloperName: f.name.replace(/__c$/, ''),
        DurableId: `${o.name}.${f.name}`,
        EntityDefinitionId: o.name,
        Label: f.label ?? f.name,
        MasterLabel: f.label ?? f.name,
        DataType: f.type,
        Length: f.length,
        Precision: f.precision ?? 0,
        Scale: f.scale ?? 0,
        IsNillable: f.nillable,
        IsCalculated: !!f.calculated,
        IsNameField: !!f.nameField,
        IsIndexed: f.name === 'Id' || !!f.externalId || !!f.unique || f.type === 'reference',
        RelationshipName: f.relationshipName ?? null,
        NamespacePrefix: null
      });
    }
  }
}
