// Metadata resources of the REST API (REST API Developer Guide: "Versions", "sObject Basic
// Information", "sObject Describe"): what versions the org answers, and an object's describe as the
// running user sees it.
import type { Org } from '../org.ts';
import type { Json } from '../data/convert.ts';
import type { SObjectSchema } from '../schema/schema.ts';
import { RecordTypes } from '../schema/record-types.ts';

/** The newest API version this org answers (Winter '26); the Versions resource lists 31.0 to it. */
export const API_VERSION = '65.0';
const OLDEST_VERSION = 31;

/** The Versions resource: 31.0 (Summer '14) to API_VERSION, three releases a year. */
export function versions(): Json {
  const out: Json[] = [];
  for (let v = OLDEST_VERSION; v <= Number(API_VERSION); v++) {
    // 62.0 is Winter '25; each version is the next of Winter, Spring, Summer.
    const k = v - 62;
    const season = ['Winter', 'Spring', 'Summer'][((k % 3) + 3) % 3];
    const year = 25 + Math.floor(k / 3);
    out.push({ label: `${season} '${year}`, url: `/services/data/v${v}.0`, version: `${v}.0` });
  }
  return out;
}

/** sObject Basic Information: the describe's object properties and the recent items (none here). */
export function basicInfo(org: Org, o: SObjectSchema, version: string): Json {
  const d = describe(org, o, version) as { [k: string]: Json };
  const objectDescribe: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(d))
    if (k !== 'fields' && k !== 'childRelationships' && k !== 'recordTypeInfos')
      objectDescribe[k] = v;
  return { objectDescribe, recentItems: [] };
}

export function describe(org: Org, o: SObjectSchema, version: string): Json {
  const userId = org.currentUserId();
  const perm = org.access.objectPermission(userId, o.name);
  return {
    name: o.name,
    label: o.def.label,
    labelPlural: o.def.labelPlural,
    keyPrefix: o.keyPrefix || null,
    custom: o.def.custom,
    createable: o.def.createable && perm.create,
    updateable: o.def.updateable && perm.edit,
    deletable: o.def.deletable && perm.delete,
    queryable: perm.read,
    customSetting: o.isCustomSetting,
    fields: o
      .fields()
      .filter((f) => org.access.canReadField(userId, o.name, f.name))
      .map((f) => ({
        name: f.name,
        label: f.label ?? f.name,
        type: f.type,
        length: f.length,
        precision: f.precision ?? 0,
        scale: f.scale ?? 0,
        nillable: f.nillable,
        createable: f.createable && org.access.canEditField(userId, o.name, f.name),
        updateable: f.updateable && org.access.canEditField(userId, o.name, f.name),
        defaultedOnCreate: f.defaultedOnCreate,
        externalId: !!f.externalId,
        unique: !!f.unique,
        idLookup: !!f.idLookup,
        nameField: !!f.nameField,
        calculated: !!f.calculated,
        caseSensitive: !!f.caseSensitive,
        cascadeDelete: !!f.cascadeDelete,
        referenceTo: f.referenceTo ?? [],
        relationshipName: f.relationshipName ?? null,
        restrictedPicklist: !!f.restrictedPicklist,
        // REST API Developer Guide, "sObject Describe": each PicklistEntry's label and value
        picklistValues: (f.picklistValues ?? []).map((v) => ({
          value: v,
          label: f.picklistLabels?.[v] ?? v,
          active: true,
          defaultValue: f.defaultValue === v
        }))
      })),
    childRelationships: [...o.childRelationshipsLc.values()].map((c) => ({
      relationshipName: c.relationshipName,
      childSObject: c.childSObject,
      field: c.field,
      cascadeDelete: c.cascadeDelete
    })),
    // REST API Developer Guide, sObject Describe / SOAP DescribeSObjectResult RecordTypeInfo: every
    // record type of the object for the calling user, the Master last (also alone, without any).
    recordTypeInfos: new RecordTypes(org.schema, org.store).views(userId, o.name).map((v) => ({
      active: v.active,
      available: v.available,
      defaultRecordTypeMapping: v.defaultMapping,
      developerName: v.developerName,
      master: v.master,
      name: v.name,
      recordTypeId: v.id,
      urls: { layout: `/services/data/v${version}/sobjects/${o.name}/describe/layouts/${v.id}` }
    })),
    urls: {
      sobject: `/services/data/v${version}/sobjects/${o.name}`,
      describe: `/services/data/v${version}/sobjects/${o.name}/describe`,
      rowTemplate: `/services/data/v${version}/sobjects/${o.name}/{ID}`
    }
  };
}

// ---- Apex REST ------------------------------------------------------------------------------
