// Platform classes implemented in TypeScript and visible to Apex (Apex Reference: Database.SaveResult,
// UpsertResult, DeleteResult, UndeleteResult, MergeResult, Database.Error; Schema.DescribeSObjectResult,
// DescribeFieldResult, SObjectType, SObjectField, PicklistEntry, ChildRelationship; HttpRequest,
// HttpResponse, Http; FeatureManagement; Security.stripInaccessible / SObjectAccessDecision;
// EventBus; QueueableContext, FinalizerContext, SchedulableContext, BatchableContext).
import { must } from './util.ts';
import {
  ApexBlob,
  ApexDecimal,
  ApexEnumValue,
  ApexId,
  ApexList,
  ApexMap,
  ApexSet,
  ApexSObject,
  NativeObject,
  T_BOOLEAN,
  T_ID,
  T_INTEGER,
  T_OBJECT,
  T_STRING,
  T_VOID,
  typeRef,
  type ApexValue,
  type TypeRef
} from '../runtime/values.ts';
import { UnsupportedError } from '../runtime/platform.ts';
import type {
  NativeCallContext,
  NativeClassDef,
  NativeMethodDef,
  SObjectTypeInfo
} from '../runtime/platform.ts';
import type { SObjectSchema } from './schema/schema.ts';
import { RecordTypes, type RecordTypeView } from './schema/record-types.ts';
import type { CatalogField } from './schema/catalog-types.ts';
import type { FieldSetMeta } from './schema/metadata.ts';
import type { RecordResult } from './dml/errors.ts';
import type { Org } from './org.ts';
import { restState } from './rest/rest.ts';
import { rowToSObject } from './dml/engine.ts';

/**
 * Standard fields with the Autonumber property (Object Reference for the Salesforce Platform:
 * Case.CaseNumber, Contract.ContractNumber, Order.OrderNumber, Solution.SolutionNumber); the
 * catalogue does not carry that flag. Custom AutoNumber fields carry their display format.
 */
const STANDARD_AUTONUMBER = new Set([
  'Case.CaseNumber',
  'Contract.ContractNumber',
  'Order.OrderNumber',
  'Solution.SolutionNumber'
]);

type Impl = NativeMethodDef['impl'];
/**
 * The maps of Schema.getGlobalDescribe() and fields.getMap() have lower-case keys and case-insensitive
 * lookups (Apex Reference, "Schema Class: getGlobalDescribe()"; "Accessing All Field Describe Results").
 */
class CaseInsensitiveMap extends ApexMap {
  private static key(k: ApexValue): ApexValue {
    return typeof k === 'string' ? k.toLowerCase() : k;
  }
  override get(k: ApexValue): ApexValue {
    return super.get(CaseInsensitiveMap.key(k));
  }
  override has(k: ApexValue): boolean {
    return super.has(CaseInsensitiveMap.key(k));
  }
  override put(k: ApexValue, v: ApexValue): ApexValue {
    return super.put(CaseInsensitiveMap.key(k), v);
  }
  override remove(k: ApexValue): ApexValue {
    return super.remove(CaseInsensitiveMap.key(k));
  }
}

/** Setters return void: evaluate, then null. */
const done = (value: unknown): null => (value === undefined ? null : null);

function m(
  name: string,
  params: TypeRef[],
  returns: TypeRef,
  impl: Impl,
  isStatic = false
): NativeMethodDef {
  return { name, params, returns, isStatic, impl };
}

const T_LIST = (t: TypeRef): TypeRef => typeRef('List', [t]);
const state = <S>(self: ApexValue): S => (self as NativeObject<S>).state;

export function sobjectTypeInfo(o: SObjectSchema): SObjectTypeInfo {
  const info = (
    f: CatalogField
  ): SObjectTypeInfo extends { field(n: string): infer R } ? NonNullable<R> : never => ({
    name: f.name,
    type: typeRef(f.apexType === 'Object' ? 'Object' : f.apexType),
    relationshipName: f.relationshipName,
    referenceTo: f.referenceTo
  });
  return {
    name: o.name,
    keyPrefix: o.keyPrefix || undefined,
    field: (lc) => {
      const f = o.field(lc);
      return f ? info(f) : undefined;
    },
    parentRelationship: (lc) => {
      const f = o.relationship(lc);
      return f ? info(f) : undefined;
    },
    childRelationship: (lc) => {
      const c = o.childRelationship(lc);
      return c
        ? { relationshipName: c.relationshipName, childSObject: c.childSObject, field: c.field }
        : undefined;
    }
  };
}

// StatusCode values the engine produces, in a fixed order for ordinal().
const STATUS_CODES = [
  'REQUIRED_FIELD_MISSING',
  'STRING_TOO_LONG',
  'DUPLICATE_VALUE',
  'DUPLICATE_EXTERNAL_ID',
  'INVALID_CROSS_REFERENCE_KEY',
  'MALFORMED_ID',
  'FIELD_INTEGRITY_EXCEPTION',
  'ENTITY_IS_DELETED',
  'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
  'UNABLE_TO_LOCK_ROW',
  'MISSING_ARGUMENT',
  'INVALID_FIELD',
  'INVALID_ID_FIELD',
  'INSUFFICIENT_ACCESS_OR_READONLY',
  'DELETE_FAILED',
  'UNDELETE_FAILED',
  'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
  'NUMBER_OUTSIDE_VALID_RANGE',
  'INVALID_FIELD_FOR_INSERT_UPDATE',
  'UNKNOWN_EXCEPTION',
  'INVALID_TYPE',
  'INVALID_TYPE_FOR_OPERATION'
];

export function statusCode(code: string): ApexEnumValue {
  const i = STATUS_CODES.indexOf(code);
  return new ApexEnumValue('System.StatusCode', code, i < 0 ? STATUS_CODES.length : i);
}

export function resultValue(kind: string, r: RecordResult): NativeObject<RecordResult> {
  return new NativeObject(kind, r);
}

function errorValue(e: RecordResult['errors'][number]): NativeObject {
  return new NativeObject('Database.Error', e);
}

const resultMethods = (withCreated: boolean): NativeMethodDef[] => [
  m('getId', [], T_ID, (_c, self) =>
    ((id) => (id ? new ApexId(id) : null))(state<RecordResult>(self).id)
  ),
  m('isSuccess', [], T_BOOLEAN, (_c, self) => state<RecordResult>(self).success),
  m(
    'getErrors',
    [],
    T_LIST(typeRef('Database.Error')),
    (_c, self) =>
      new ApexList(typeRef('Database.Error'), state<RecordResult>(self).errors.map(errorValue))
  ),
  ...(withCreated
    ? [m('isCreated', [], T_BOOLEAN, (_c, self) => !!state<RecordResult>(self).created)]
    : [])
];

const DISPLAY_TYPE: Record<string, string> = {
  id: 'ID',
  reference: 'REFERENCE',
  string: 'STRING',
  textarea: 'TEXTAREA',
  picklist: 'PICKLIST',
  multipicklist: 'MULTIPICKLIST',
  boolean: 'BOOLEAN',
  double: 'DOUBLE',
  currency: 'CURRENCY',
  percent: 'PERCENT',
  int: 'INTEGER',
  long: 'LONG',
  date: 'DATE',
  datetime: 'DATETIME',
  time: 'TIME',
  email: 'EMAIL',
  phone: 'PHONE',
  url: 'URL',
  base64: 'BASE64',
  address: 'ADDRESS',
  location: 'LOCATION',
  encryptedstring: 'ENCRYPTEDSTRING',
  combobox: 'COMBOBOX',
  complexvalue: 'COMPLEXVALUE'
};
const DISPLAY_TYPES = Object.values(DISPLAY_TYPE);

/** Apex Reference, "SOAPType Enum": its values in documented order, and the Apex type of each. */
const SOAP_TYPES = [
  'ANYTYPE',
  'BASE64BINARY',
  'BOOLEAN',
  'DATE',
  'DATETIME',
  'DOUBLE',
  'ID',
  'INTEGER',
  'STRING',
  'TIME'
];
const SOAP_TYPE: Record<string, string> = {
  blob: 'BASE64BINARY',
  boolean: 'BOOLEAN',
  date: 'DATE',
  datetime: 'DATETIME',
  decimal: 'DOUBLE',
  double: 'DOUBLE',
  id: 'ID',
  integer: 'INTEGER',
  string: 'STRING',
  time: 'TIME'
};

/** Native classes whose properties Apex also assigns (`res.statusCode = 201`, `RestContext.request = req`). */
export type PlatformClassDef = NativeClassDef & {
  setProperty?(ctx: NativeCallContext, self: ApexValue, name: string, value: ApexValue): boolean;
  setStaticProperty?(ctx: NativeCallContext, name: string, value: ApexValue): boolean;
  /** Platform enums (Schema.DisplayType...): constants in ordinal order, for `switch on` and `values()`. */
  enumValues?: readonly string[];
};

/** A property bag over a NativeObject's state, keyed case-insensitively by the given names. */
function bag(
  names: string[],
  convert: Record<string, (v: ApexValue) => unknown> = {}
): Pick<PlatformClassDef, 'property' | 'setProperty'> {
  const find = (n: string): string | undefined =>
    names.find((x) => x.toLowerCase() === n.toLowerCase());
  return {
    property: (_c, self, name) => {
      const k = find(name);
      return k === undefined
        ? undefined
        : ((state<Record<string, unknown>>(self)[k] ?? null) as ApexValue);
    },
    setProperty: (_c, self, name, value) => {
      const k = find(name);
      if (k === undefined) return false;
      state<Record<string, unknown>>(self)[k] = convert[k] ? convert[k](value) : value;
      return true;
    }
  };
}

function enumProps(
  type: string,
  values: string[]
): (ctx: NativeCallContext, name: string) => ApexValue | undefined {
  return (_c, name) => {
    const i = values.indexOf(name.toUpperCase());
    return i < 0 ? undefined : new ApexEnumValue(type, values[i], i);
  };
}

export function platformNatives(built: Org): PlatformClassDef[] {
  // Each org's interpreter registers its own definitions (runtime/builtins.ts); each call still
  // rebinds `org` to the org running the code (the call's platform, see `bound` below), so a
  // definition never depends on which org built it.
  let org = built;
  let schema = org.schema;
  const user = (): string => org.currentUserId();
  const typeToken = (name: string): NativeObject => org.typeToken(name);
  const fieldToken = (o: string, f: string): NativeObject => org.fieldToken(o, f);
  // The org that runs the code is the call's platform (see above).
  const recordTypesByOrg = new WeakMap<Org, RecordTypes>();
  const recordTypeViews = (ctx: NativeCallContext, self: ApexValue): RecordTypeView[] => {
    const running = ctx.platform as Org;
    let rts = recordTypesByOrg.get(running);
    if (!rts) recordTypesByOrg.set(running, (rts = new RecordTypes(running.schema, running.store)));
    return rts.views(running.currentUserId(), state<{ object: string }>(self).object);
  };
  const recordTypeInfo = (v: RecordTypeView): NativeObject =>
    new NativeObject('Schema.RecordTypeInfo', v);
  const rtView = (self: ApexValue): RecordTypeView => state<RecordTypeView>(self);
  const obj = (self: ApexValue): SObjectSchema =>
    schema.require(state<{ object: string }>(self).object);
  const fld = (self: ApexValue): { o: SObjectSchema; f: CatalogField } => {
    const s = state<{ object: string; field: string }>(self);
    const o = schema.require(s.object);
    return { o, f: must(o.field(s.field), `field ${s.object}.${s.field}`) };
  };
  const fieldMap = (o: SObjectSchema): ApexMap => {
    const map = new CaseInsensitiveMap(T_STRING, typeRef('Schema.SObjectField'));
    // getMap() keys are lower-case field names (Apex Reference, "Schema.SObjectTypeFields").
    for (const f of o.fields()) map.put(f.name.toLowerCase(), fieldToken(o.name, f.name));
    return map;
  };

  const fieldSetsOf = (object: string): FieldSetMeta[] =>
    org.metadata.fieldSets.filter((x) => x.object.toLowerCase() === object.toLowerCase());
  const fieldSetObject = (fs: FieldSetMeta): NativeObject =>
    new NativeObject('Schema.FieldSet', fs);
  const fsm = (self: ApexValue): { path: string; required: boolean } =>
    state<{ path: string; required: boolean }>(self);
  /** The object and field a field set path ends on: 'Account.Owner.Name' walks the lookups. */
  const fieldAtPath = (object: string, path: string): { object: string; field: string } => {
    const parts = path.split('.');
    let o = schema.require(object);
    for (const rel of parts.slice(0, -1)) {
      const target = o.relationship(rel)?.referenceTo?.[0];
      if (!target) throw new Error(`Field set path ${path} on ${object}: ${rel} is no lookup`);
      o = schema.require(target);
    }
    const f = o.field(parts[parts.length - 1].toLowerCase());
    if (!f) throw new Error(`Field set path ${path} on ${object}: no such field`);
    return { object: o.name, field: f.name };
  };

  const defs: PlatformClassDef[] = [
    { name: 'Database.SaveResult', methods: resultMethods(false) },
    { name: 'Database.UpsertResult', methods: resultMethods(true) },
    { name: 'Database.DeleteResult', methods: resultMethods(false) },
    { name: 'Database.UndeleteResult', methods: resultMethods(false) },
    { name: 'Database.EmptyRecycleBinResult', methods: resultMethods(false) },
    {
      name: 'Database.MergeResult',
      methods: [
        ...resultMethods(false),
        m('getMergedRecordIds', [], T_LIST(T_ID), () => new ApexList(T_ID, [])),
        m('getUpdatedRelatedIds', [], T_LIST(T_ID), () => new ApexList(T_ID, []))
      ]
    },
    {
      name: 'Database.Error',
      methods: [
        m('getStatusCode', [], typeRef('System.StatusCode'), (_c, self) =>
          statusCode(state<{ statusCode: string }>(self).statusCode)
        ),
        m('getMessage', [], T_STRING, (_c, self) => state<{ message: string }>(self).message),
        m(
          'getFields',
          [],
          T_LIST(T_STRING),
          (_c, self) => new ApexList(T_STRING, [...state<{ fields: string[] }>(self).fields])
        )
      ]
    },
    { name: 'System.Savepoint', aliases: ['Savepoint'], methods: [] },
    {
      name: 'Database.QueryLocator',
      methods: [m('getQuery', [], T_STRING, (_c, self) => state<{ text: string }>(self).text)]
    },
    {
      name: 'Schema.SObjectType',
      // `Schema.SObjectType.Account` is the describe result of Account (Apex Developer Guide,
      // "Understanding Apex Describe Information").
      staticProperty: (_c, name) => {
        const o = org.schema.get(name);
        return o ? new NativeObject('Schema.DescribeSObjectResult', { object: o.name }) : undefined;
      },
      methods: [
        m(
          'getDescribe',
          [],
          typeRef('Schema.DescribeSObjectResult'),
          (_c, self) => new NativeObject('Schema.DescribeSObjectResult', { object: obj(self).name })
        ),
        m(
          'getDescribe',
          [typeRef('Schema.SObjectDescribeOptions')],
          typeRef('Schema.DescribeSObjectResult'),
          (_c, self) => new NativeObject('Schema.DescribeSObjectResult', { object: obj(self).name })
        ),
        m('newSObject', [], typeRef('SObject'), (_c, self) => new ApexSObject(obj(self).name)),
        m('newSObject', [T_ID], typeRef('SObject'), (_c, self, [id]) => {
          const s = new ApexSObject(obj(self).name);
          if (id !== null) s.set('Id', id);
          return s;
        }),
        // Apex Reference, SObjectType Class, newSObject(recordTypeId, loadDefaults): the given
        // record type, or the user's default one when null on an object with record types; with
        // loadDefaults, custom fields take their predefined default values.
        m('newSObject', [T_ID, T_BOOLEAN], typeRef('SObject'), (ctx, self, [rtId, load]) => {
          const o = obj(self);
          const s = new ApexSObject(o.name);
          if (o.field('recordtypeid')) {
            const running = ctx.platform as Org;
            let rts = recordTypesByOrg.get(running);
            if (!rts)
              recordTypesByOrg.set(running, (rts = new RecordTypes(running.schema, running.store)));
            const id = rtId ?? rts.defaultId(running.currentUserId(), o.name);
            if (id !== null)
              s.set('RecordTypeId', id instanceof ApexId ? id : new ApexId(String(id)));
          } else if (rtId !== null)
            throw new UnsupportedError(
              `newSObject with a record type Id on ${o.name}, which has no record types`,
              ctx.pos
            );
          if (load === true)
            for (const f of o.fields())
              if (f.name.endsWith('__c') && f.createable && f.defaultValue !== undefined)
                s.set(f.name, literalDefault(ctx, o.name, f));
          return s;
        }),
        m('toString', [], T_STRING, (_c, self) => obj(self).name)
      ],
      // `Contact.SObjectType.fields.LastName` is the field's token (a Schema.SObjectField), where
      // the describe result's `fields.LastName` is its DescribeFieldResult.
      property: (_c, self, name) =>
        name.toLowerCase() === 'fields'
          ? new NativeObject('Schema.SObjectTypeFieldTokens', { object: obj(self).name })
          : undefined
    },
    {
      name: 'Schema.SObjectTypeFieldTokens',
      methods: [
        m('getMap', [], typeRef('Map', [T_STRING, typeRef('Schema.SObjectField')]), (_c, self) =>
          fieldMap(obj(self))
        )
      ],
      property: (_c, self, name) => {
        const o = obj(self);
        const f = o.field(name);
        return f ? fieldToken(o.name, f.name) : undefined;
      }
    },
    {
      name: 'Schema.DescribeSObjectResult',
      methods: [
        m('getName', [], T_STRING, (_c, self) => obj(self).name),
        m('getLocalName', [], T_STRING, (_c, self) => obj(self).name),
        m('getLabel', [], T_STRING, (_c, self) => obj(self).def.label),
        m('getLabelPlural', [], T_STRING, (_c, self) => obj(self).def.labelPlural),
        m('getKeyPrefix', [], T_STRING, (_c, self) => obj(self).keyPrefix || null),
        m('getSObjectType', [], typeRef('Schema.SObjectType'), (_c, self) =>
          typeToken(obj(self).name)
        ),
        m('isCustom', [], T_BOOLEAN, (_c, self) => obj(self).def.custom),
        m('isCustomSetting', [], T_BOOLEAN, (_c, self) => obj(self).isCustomSetting),
        m(
          'isAccessible',
          [],
          T_BOOLEAN,
          (_c, self) => org.access.objectPermission(user(), obj(self).name).read
        ),
        m(
          'isQueryable',
          [],
          T_BOOLEAN,
          (_c, self) => org.access.objectPermission(user(), obj(self).name).read
        ),
        m(
          'isCreateable',
          [],
          T_BOOLEAN,
          (_c, self) =>
            obj(self).def.createable && org.access.objectPermission(user(), obj(self).name).create
        ),
        m(
          'isUpdateable',
          [],
          T_BOOLEAN,
          (_c, self) =>
            obj(self).def.updateable && org.access.objectPermission(user(), obj(self).name).edit
        ),
        m(
          'isDeletable',
          [],
          T_BOOLEAN,
          (_c, self) =>
            obj(self).def.deletable && org.access.objectPermission(user(), obj(self).name).delete
        ),
        m(
          'fields',
          [],
          typeRef('Schema.SObjectTypeFields'),
          (_c, self) => new NativeObject('Schema.SObjectTypeFields', { object: obj(self).name })
        ),
        m(
          'getChildRelationships',
          [],
          T_LIST(typeRef('Schema.ChildRelationship')),
          (_c, self) =>
            new ApexList(
              typeRef('Schema.ChildRelationship'),
              [...obj(self).childRelationshipsLc.values()].map(
                (c) => new NativeObject('Schema.ChildRelationship', c)
              )
            )
        ),
        m('getRecordTypeInfos', [], T_LIST(typeRef('Schema.RecordTypeInfo')), (ctx, self) => {
          const list = new ApexList(typeRef('Schema.RecordTypeInfo'), []);
          for (const v of recordTypeViews(ctx, self)) list.items.push(recordTypeInfo(v));
          return list;
        }),
        ...(
          [
            ['getRecordTypeInfosById', T_ID, (v: RecordTypeView) => new ApexId(v.id)],
            ['getRecordTypeInfosByName', T_STRING, (v: RecordTypeView) => v.name],
            ['getRecordTypeInfosByDeveloperName', T_STRING, (v: RecordTypeView) => v.developerName]
          ] as const
        ).map(([name, keyType, key]) =>
          m(name, [], typeRef('Map', [keyType, typeRef('Schema.RecordTypeInfo')]), (ctx, self) => {
            const map = new ApexMap(keyType, typeRef('Schema.RecordTypeInfo'));
            for (const v of recordTypeViews(ctx, self)) map.put(key(v), recordTypeInfo(v));
            return map;
          })
        )
      ],
      property: (_c, self, name) =>
        name.toLowerCase() === 'fields'
          ? new NativeObject('Schema.SObjectTypeFields', { object: obj(self).name })
          : name.toLowerCase() === 'fieldsets'
            ? new NativeObject('Schema.SObjectTypeFieldSets', { object: obj(self).name })
            : undefined
    },
    // Apex Reference, "FieldSet Class" and "FieldSetMember Class": describe.fieldSets.getMap() and
    // describe.fieldSets.<Name> give the object's field sets (from fieldSets/*.fieldSet-meta.xml).
    {
      name: 'Schema.SObjectTypeFieldSets',
      methods: [
        m('getMap', [], typeRef('Map', [T_STRING, typeRef('Schema.FieldSet')]), (_c, self) => {
          const map = new CaseInsensitiveMap(T_STRING, typeRef('Schema.FieldSet'));
          for (const fs of fieldSetsOf(obj(self).name)) map.put(fs.name, fieldSetObject(fs));
          return map;
        })
      ],
      property: (_c, self, name) => {
        const fs = fieldSetsOf(obj(self).name).find(
          (x) => x.name.toLowerCase() === name.toLowerCase()
        );
        return fs ? fieldSetObject(fs) : undefined;
      }
    },
    {
      name: 'Schema.FieldSet',
      methods: [
        m('getName', [], T_STRING, (_c, self) => state<FieldSetMeta>(self).name),
        m('getLabel', [], T_STRING, (_c, self) => state<FieldSetMeta>(self).label),
        m('getDescription', [], T_STRING, (_c, self) => state<FieldSetMeta>(self).description),
        m('getNamespace', [], T_STRING, () => ''),
        m('getSObjectType', [], typeRef('Schema.SObjectType'), (_c, self) =>
          typeToken(state<FieldSetMeta>(self).object)
        ),
        m('getFields', [], T_LIST(typeRef('Schema.FieldSetMember')), (_c, self) => {
          const fs = state<FieldSetMeta>(self);
          return new ApexList(
            typeRef('Schema.FieldSetMember'),
            fs.fields.map(
              (f) =>
                new NativeObject('Schema.FieldSetMember', {
                  ...fieldAtPath(fs.object, f.path),
                  path: f.path,
                  required: f.required
                })
            )
          );
        })
      ]
    },
    {
      name: 'Schema.FieldSetMember',
      methods: [
        m('getFieldPath', [], T_STRING, (_c, self) => fsm(self).path),
        m('getLabel', [], T_STRING, (_c, self) => fld(self).f.label ?? fld(self).f.name),
        m('getRequired', [], T_BOOLEAN, (_c, self) => fsm(self).required),
        m(
          'getDbRequired',
          [],
          T_BOOLEAN,
          (_c, self) => !fld(self).f.nillable && !fld(self).f.defaultedOnCreate
        ),
        m('getType', [], typeRef('Schema.DisplayType'), (_c, self) => {
          const t = DISPLAY_TYPE[fld(self).f.type] ?? 'STRING';
          return new ApexEnumValue('Schema.DisplayType', t, DISPLAY_TYPES.indexOf(t));
        }),
        m('getSObjectField', [], typeRef('Schema.SObjectField'), (_c, self) =>
          fieldToken(fld(self).o.name, fld(self).f.name)
        )
      ]
    },
    {
      name: 'Schema.SObjectTypeFields',
      methods: [
        m('getMap', [], typeRef('Map', [T_STRING, typeRef('Schema.SObjectField')]), (_c, self) =>
          fieldMap(obj(self))
        )
      ],
      property: (_c, self, name) => {
        const o = obj(self);
        const f = o.field(name);
        return f
          ? new NativeObject('Schema.DescribeFieldResult', { object: o.name, field: f.name })
          : undefined;
      }
    },
    {
      name: 'Schema.SObjectField',
      methods: [
        m(
          'getDescribe',
          [],
          typeRef('Schema.DescribeFieldResult'),
          (_c, self) => new NativeObject('Schema.DescribeFieldResult', state(self))
        ),
        m('toString', [], T_STRING, (_c, self) => fld(self).f.name)
      ]
    },
    {
      name: 'Schema.DescribeFieldResult',
      methods: [
        m('getName', [], T_STRING, (_c, self) => fld(self).f.name),
        m('getLocalName', [], T_STRING, (_c, self) => fld(self).f.name),
        m('getLabel', [], T_STRING, (_c, self) => fld(self).f.label ?? fld(self).f.name),
        m('getType', [], typeRef('Schema.DisplayType'), (_c, self) => {
          const t = DISPLAY_TYPE[fld(self).f.type] ?? 'STRING';
          return new ApexEnumValue('Schema.DisplayType', t, DISPLAY_TYPES.indexOf(t));
        }),
        m('getSoapType', [], typeRef('Schema.SOAPType'), (_c, self) => {
          const t = SOAP_TYPE[fld(self).f.apexType.toLowerCase()] ?? 'ANYTYPE';
          return new ApexEnumValue('Schema.SOAPType', t, SOAP_TYPES.indexOf(t));
        }),
        m('getLength', [], T_INTEGER, (_c, self) => fld(self).f.length),
        m('getPrecision', [], T_INTEGER, (_c, self) => fld(self).f.precision ?? 0),
        m('getScale', [], T_INTEGER, (_c, self) => fld(self).f.scale ?? 0),
        m(
          'getReferenceTo',
          [],
          T_LIST(typeRef('Schema.SObjectType')),
          (_c, self) =>
            new ApexList(
              typeRef('Schema.SObjectType'),
              // Only targets this org has (objects outside the catalogue, e.g. DandBCompany, are absent here).
              (fld(self).f.referenceTo ?? []).filter((t) => schema.get(t)).map(typeToken)
            )
        ),
        m('getRelationshipName', [], T_STRING, (_c, self) => fld(self).f.relationshipName ?? null),
        m('getSObjectField', [], typeRef('Schema.SObjectField'), (_c, self) =>
          fieldToken(fld(self).o.name, fld(self).f.name)
        ),
        m('getDefaultValue', [], T_OBJECT, (_c, self) =>
          fld(self).f.defaultValue === undefined ? null : (fld(self).f.defaultValue as ApexValue)
        ),
        m('isAccessible', [], T_BOOLEAN, (_c, self) =>
          org.access.canReadField(user(), fld(self).o.name, fld(self).f.name)
        ),
        m(
          'isCreateable',
          [],
          T_BOOLEAN,
          (_c, self) =>
            fld(self).f.createable &&
            org.access.canEditField(user(), fld(self).o.name, fld(self).f.name)
        ),
        m(
          'isUpdateable',
          [],
          T_BOOLEAN,
          (_c, self) =>
            fld(self).f.updateable &&
            org.access.canEditField(user(), fld(self).o.name, fld(self).f.name)
        ),
        m('isNillable', [], T_BOOLEAN, (_c, self) => fld(self).f.nillable),
        m('isDefaultedOnCreate', [], T_BOOLEAN, (_c, self) => fld(self).f.defaultedOnCreate),
        m('isExternalId', [], T_BOOLEAN, (_c, self) => !!fld(self).f.externalId),
        m('isUnique', [], T_BOOLEAN, (_c, self) => !!fld(self).f.unique),
        m('isIdLookup', [], T_BOOLEAN, (_c, self) => !!fld(self).f.idLookup),
        m('isNameField', [], T_BOOLEAN, (_c, self) => !!fld(self).f.nameField),
        m('isCustom', [], T_BOOLEAN, (_c, self) => fld(self).f.name.endsWith('__c')),
        m('isCalculated', [], T_BOOLEAN, (_c, self) => !!fld(self).f.calculated),
        m('isAutoNumber', [], T_BOOLEAN, (_c, self) => {
          const { o, f } = fld(self);
          return (
            (f as { autoNumberFormat?: string }).autoNumberFormat !== undefined ||
            STANDARD_AUTONUMBER.has(`${o.name}.${f.name}`)
          );
        }),
        m('isCascadeDelete', [], T_BOOLEAN, (_c, self) => !!fld(self).f.cascadeDelete),
        m('isCaseSensitive', [], T_BOOLEAN, (_c, self) => !!fld(self).f.caseSensitive),
        m('isRestrictedPicklist', [], T_BOOLEAN, (_c, self) => !!fld(self).f.restrictedPicklist),
        m('getPicklistValues', [], T_LIST(typeRef('Schema.PicklistEntry')), (_c, self) => {
          const f = fld(self).f;
          return new ApexList(
            typeRef('Schema.PicklistEntry'),
            (f.picklistValues ?? []).map(
              (v) =>
                new NativeObject('Schema.PicklistEntry', {
                  value: v,
                  label: v,
                  isDefault: f.defaultValue === v
                })
            )
          );
        })
      ]
    },
    {
      name: 'Schema.PicklistEntry',
      methods: [
        m('getValue', [], T_STRING, (_c, self) => state<{ value: string }>(self).value),
        m('getLabel', [], T_STRING, (_c, self) => state<{ label: string }>(self).label),
        m('isActive', [], T_BOOLEAN, () => true),
        m(
          'isDefaultValue',
          [],
          T_BOOLEAN,
          (_c, self) => state<{ isDefault: boolean }>(self).isDefault
        )
      ]
    },
    {
      name: 'Schema.ChildRelationship',
      methods: [
        m('getChildSObject', [], typeRef('Schema.SObjectType'), (_c, self) =>
          typeToken(state<{ childSObject: string }>(self).childSObject)
        ),
        m('getField', [], typeRef('Schema.SObjectField'), (_c, self) =>
          fieldToken(
            state<{ childSObject: string }>(self).childSObject,
            state<{ field: string }>(self).field
          )
        ),
        m(
          'getRelationshipName',
          [],
          T_STRING,
          (_c, self) => state<{ relationshipName: string }>(self).relationshipName
        ),
        m(
          'isCascadeDelete',
          [],
          T_BOOLEAN,
          (_c, self) => state<{ cascadeDelete: boolean }>(self).cascadeDelete
        )
      ]
    },
    {
      // Apex Reference, "RecordTypeInfo Class": the running user's view of one record type.
      name: 'Schema.RecordTypeInfo',
      methods: [
        m('getRecordTypeId', [], T_ID, (_c, self) => new ApexId(rtView(self).id)),
        m('getName', [], T_STRING, (_c, self) => rtView(self).name),
        m('getDeveloperName', [], T_STRING, (_c, self) => rtView(self).developerName),
        m('isActive', [], T_BOOLEAN, (_c, self) => rtView(self).active),
        m('isAvailable', [], T_BOOLEAN, (_c, self) => rtView(self).available),
        m('isDefaultRecordTypeMapping', [], T_BOOLEAN, (_c, self) => rtView(self).defaultMapping),
        m('isMaster', [], T_BOOLEAN, (_c, self) => rtView(self).master)
      ]
    },
    {
      name: 'Schema',
      methods: [
        m(
          'getGlobalDescribe',
          [],
          typeRef('Map', [T_STRING, typeRef('Schema.SObjectType')]),
          () => {
            const map = new CaseInsensitiveMap(T_STRING, typeRef('Schema.SObjectType'));
            for (const o of schema.objects()) map.put(o.name.toLowerCase(), typeToken(o.name));
            return map;
          },
          true
        ),
        ...[[T_LIST(T_STRING)], [T_LIST(T_STRING), typeRef('Schema.SObjectDescribeOptions')]].map(
          (params) =>
            m(
              'describeSObjects',
              params,
              T_LIST(typeRef('Schema.DescribeSObjectResult')),
              (ctx, _s, [names]) => {
                const list = names instanceof ApexList ? names.items : [];
                return new ApexList(
                  typeRef('Schema.DescribeSObjectResult'),
                  list.map((n) => {
                    const o = schema.get(String(n));
                    if (!o)
                      return ctx.throwApex(
                        'System.InvalidParameterValueException',
                        `In describeSObjects(), the SObject type '${String(n)}' is invalid`
                      );
                    return new NativeObject('Schema.DescribeSObjectResult', { object: o.name });
                  })
                );
              },
              true
            )
        )
      ]
    },
    httpRequestDef(),
    httpResponseDef(),
    ...staticResourceMockDefs(() => org),
    {
      name: 'System.Http',
      aliases: ['Http'],
      constructors: [
        m('Http', [], typeRef('System.Http'), () => new NativeObject('System.Http', {}))
      ],
      methods: [
        m(
          'send',
          [typeRef('System.HttpRequest')],
          typeRef('System.HttpResponse'),
          (ctx, _self, [req]) => ctx.platform.httpSend(ctx, req ?? null)
        )
      ]
    },
    {
      name: 'System.FeatureManagement',
      aliases: ['FeatureManagement'],
      methods: [
        m(
          'checkPermission',
          [T_STRING],
          T_BOOLEAN,
          (ctx, _s, [name]) => {
            const n = String(name);
            if (
              !org.metadata.customPermissions.some((c) => c.name.toLowerCase() === n.toLowerCase())
            ) {
              // Unknown names return false on the platform (no exception).
              return false;
            }
            // Custom permissions are granted only by a profile or permission set, even to administrators.
            return org.access.hasCustomPermission(user(), n);
          },
          true
        )
      ]
    },
    {
      name: 'System.Security',
      aliases: ['Security'],
      methods: [
        m(
          'stripInaccessible',
          [typeRef('System.AccessType'), T_LIST(typeRef('SObject'))],
          typeRef('System.SObjectAccessDecision'),
          (_c, _s, [at, recs]) => stripInaccessible(org, at, recs),
          true
        ),
        m(
          'stripInaccessible',
          [typeRef('System.AccessType'), T_LIST(typeRef('SObject')), T_BOOLEAN],
          typeRef('System.SObjectAccessDecision'),
          (_c, _s, [at, recs]) => stripInaccessible(org, at, recs),
          true
        )
      ]
    },
    {
      name: 'System.SObjectAccessDecision',
      methods: [
        m(
          'getRecords',
          [],
          T_LIST(typeRef('SObject')),
          (_c, self) => state<{ records: ApexList }>(self).records
        ),
        m(
          'getRemovedFields',
          [],
          typeRef('Map', [T_STRING, typeRef('Set', [T_STRING])]),
          (_c, self) => state<{ removed: ApexMap }>(self).removed
        ),
        m(
          'getModifiedIndexes',
          [],
          typeRef('Set', [T_INTEGER]),
          (_c, self) => state<{ modified: ApexSet }>(self).modified
        )
      ]
    },
    {
      name: 'System.AccessType',
      aliases: ['AccessType'],
      enumValues: ['CREATABLE', 'READABLE', 'UPDATABLE', 'UPSERTABLE'],
      methods: [],
      staticProperty: (_c, name) => {
        const values = ['CREATABLE', 'READABLE', 'UPDATABLE', 'UPSERTABLE'];
        const i = values.indexOf(name.toUpperCase());
        return i < 0 ? undefined : new ApexEnumValue('System.AccessType', values[i], i);
      }
    },
    {
      name: 'EventBus',
      methods: [
        m(
          'publish',
          [typeRef('SObject')],
          typeRef('Database.SaveResult'),
          (ctx, _s, [e]) => ctx.platform.publishEvents(ctx, [e as ApexSObject], true),
          true
        ),
        m(
          'publish',
          [T_LIST(typeRef('SObject'))],
          T_LIST(typeRef('Database.SaveResult')),
          (ctx, _s, [l]) =>
            ctx.platform.publishEvents(ctx, (l as ApexList).items as ApexSObject[], false),
          true
        )
      ]
    },
    {
      name: 'EventBus.TestBroker',
      methods: [
        m('deliver', [], T_VOID, () => {
          org.deliverTestEvents();
          return null;
        })
      ]
    },
    {
      name: 'System.QueueableContext',
      aliases: ['QueueableContext'],
      methods: [
        m('getJobId', [], T_ID, (_c, self) => new ApexId(state<{ jobId: string }>(self).jobId))
      ]
    },
    {
      name: 'System.SchedulableContext',
      aliases: ['SchedulableContext'],
      methods: [
        m(
          'getTriggerId',
          [],
          T_ID,
          (_c, self) => new ApexId(state<{ triggerId: string }>(self).triggerId)
        )
      ]
    },
    {
      name: 'Database.BatchableContext',
      methods: [
        m('getJobId', [], T_ID, (_c, self) => new ApexId(state<{ jobId: string }>(self).jobId)),
        m('getChildJobId', [], T_ID, (_c, self) => new ApexId(state<{ jobId: string }>(self).jobId))
      ]
    },
    {
      name: 'System.FinalizerContext',
      aliases: ['FinalizerContext'],
      methods: [
        m(
          'getAsyncApexJobId',
          [],
          T_ID,
          (_c, self) => new ApexId(state<{ jobId: string }>(self).jobId)
        ),
        m('getRequestId', [], T_STRING, (_c, self) => state<{ jobId: string }>(self).jobId),
        m('getResult', [], typeRef('System.ParentJobResult'), (_c, self) => {
          const r = state<{ result: string }>(self).result;
          return new ApexEnumValue('System.ParentJobResult', r, r === 'SUCCESS' ? 0 : 1);
        }),
        m(
          'getException',
          [],
          typeRef('Exception'),
          (_c, self) => state<{ exception: ApexValue }>(self).exception
        )
      ]
    },
    {
      name: 'System.Label',
      aliases: ['Label'],
      methods: [],
      staticProperty: (_c, name) => {
        const k = Object.keys(org.metadata.labels).find(
          (x) => x.toLowerCase() === name.toLowerCase()
        );
        return k === undefined ? undefined : org.metadata.labels[k];
      }
    },
    {
      name: 'Schema.SOAPType',
      enumValues: SOAP_TYPES,
      methods: [],
      staticProperty: enumProps('Schema.SOAPType', SOAP_TYPES)
    },
    {
      name: 'Schema.DisplayType',
      enumValues: DISPLAY_TYPES,
      methods: [],
      staticProperty: enumProps('Schema.DisplayType', DISPLAY_TYPES)
    },
    {
      name: 'Schema.SObjectDescribeOptions',
      enumValues: ['DEFAULT', 'DEFERRED', 'FULL'],
      methods: [],
      staticProperty: enumProps('Schema.SObjectDescribeOptions', ['DEFAULT', 'DEFERRED', 'FULL'])
    },
    {
      name: 'System.StatusCode',
      aliases: ['StatusCode'],
      enumValues: STATUS_CODES,
      methods: [],
      staticProperty: enumProps('System.StatusCode', STATUS_CODES)
    },
    {
      name: 'System.ParentJobResult',
      aliases: ['ParentJobResult'],
      enumValues: ['SUCCESS', 'UNHANDLED_EXCEPTION'],
      methods: [],
      staticProperty: enumProps('System.ParentJobResult', ['SUCCESS', 'UNHANDLED_EXCEPTION'])
    },
    // Database.DMLOptions and its headers (Apex Reference, "DMLOptions Class"): a new DMLOptions
    // already holds one of each header, so `o.assignmentRuleHeader.useDefaultRule = true` works.
    {
      name: 'Database.DMLOptions',
      constructors: [
        m(
          'DMLOptions',
          [],
          typeRef('Database.DMLOptions'),
          () =>
            new NativeObject('Database.DMLOptions', {
              allowFieldTruncation: false,
              optAllOrNone: null,
              localeOptions: null,
              assignmentRuleHeader: new NativeObject('Database.DMLOptions.AssignmentRuleHeader', {
                useDefaultRule: null,
                assignmentRuleId: null
              }),
              duplicateRuleHeader: new NativeObject('Database.DMLOptions.DuplicateRuleHeader', {
                allowSave: false,
                runAsCurrentUser: false
              }),
              emailHeader: new NativeObject('Database.DMLOptions.EmailHeader', {
                triggerAutoResponseEmail: false,
                triggerOtherEmail: false,
                triggerUserEmail: false
              })
            })
        )
      ],
      methods: [],
      ...bag([
        'allowFieldTruncation',
        'optAllOrNone',
        'localeOptions',
        'assignmentRuleHeader',
        'duplicateRuleHeader',
        'emailHeader'
      ])
    },
    ...(
      [
        ['AssignmentRuleHeader', ['useDefaultRule', 'assignmentRuleId']],
        ['DuplicateRuleHeader', ['allowSave', 'runAsCurrentUser']],
        ['EmailHeader', ['triggerAutoResponseEmail', 'triggerOtherEmail', 'triggerUserEmail']]
      ] as const
    ).map(([header, props]) => ({
      name: `Database.DMLOptions.${header}`,
      constructors: [
        m(
          header,
          [],
          typeRef(`Database.DMLOptions.${header}`),
          () =>
            new NativeObject(
              `Database.DMLOptions.${header}`,
              Object.fromEntries(props.map((p) => [p, null]))
            )
        )
      ],
      methods: [],
      ...bag([...props])
    })),
    {
      name: 'System.AsyncOptions',
      aliases: ['AsyncOptions'],
      constructors: [
        m(
          'AsyncOptions',
          [],
          typeRef('System.AsyncOptions'),
          () =>
            new NativeObject('System.AsyncOptions', {
              MinimumQueueableDelayInMinutes: null,
              MaximumQueueableStackDepth: null,
              DuplicateSignature: null
            })
        )
      ],
      methods: [],
      ...bag(['MinimumQueueableDelayInMinutes', 'MaximumQueueableStackDepth', 'DuplicateSignature'])
    },
    {
      name: 'System.QueueableDuplicateSignature.Builder',
      aliases: ['QueueableDuplicateSignature.Builder'],
      constructors: [
        m(
          'Builder',
          [],
          typeRef('System.QueueableDuplicateSignature.Builder'),
          () =>
            new NativeObject('System.QueueableDuplicateSignature.Builder', {
              parts: [] as string[]
            })
        )
      ],
      methods: [
        ...(['addString', 'addId', 'addInteger', 'addLong'] as const).map((name) =>
          m(
            name,
            [name === 'addId' ? T_ID : name === 'addString' ? T_STRING : T_INTEGER],
            typeRef('System.QueueableDuplicateSignature.Builder'),
            (_c, self, [v]) => {
              state<{ parts: string[] }>(self).parts.push(`${name}:${String(v)}`);
              return self;
            }
          )
        ),
        m(
          'build',
          [],
          typeRef('System.QueueableDuplicateSignature'),
          (_c, self) =>
            new NativeObject('System.QueueableDuplicateSignature', {
              signature: state<{ parts: string[] }>(self).parts.join('|')
            })
        )
      ]
    },
    {
      name: 'System.QueueableDuplicateSignature',
      aliases: ['QueueableDuplicateSignature'],
      methods: []
    },
    {
      name: 'EventBus.ChangeEventHeader',
      constructors: [
        m(
          'ChangeEventHeader',
          [],
          typeRef('EventBus.ChangeEventHeader'),
          () =>
            new NativeObject('EventBus.ChangeEventHeader', {
              entityName: null,
              recordIds: null,
              changeType: null,
              changedFields: null,
              nulledFields: null,
              diffFields: null,
              changeOrigin: null,
              transactionKey: null,
              sequenceNumber: null,
              commitTimestamp: null,
              commitNumber: null,
              commitUser: null
            })
        )
      ],
      // getEntityName()/setEntityName(...) and friends read and write the same fields as the properties.
      methods: HEADER_FIELDS.flatMap((f) => {
        const cap = f.charAt(0).toUpperCase() + f.slice(1);
        return [
          m(`get${cap}`, [], headerType(f), (_c, self) =>
            headerGet(state<Record<string, unknown>>(self), f)
          ),
          m(`set${cap}`, [headerType(f)], T_VOID, (_c, self, [v]) =>
            done(headerSet(state<Record<string, unknown>>(self), f, v ?? null))
          )
        ];
      }),
      property: (_c, self, name) => {
        const h = state<Record<string, unknown>>(self);
        const key = Object.keys(h).find((k) => k.toLowerCase() === name.toLowerCase());
        if (!key) return undefined;
        const v = h[key];
        if (Array.isArray(v)) return new ApexList(T_STRING, v.map(String));
        if (typeof v === 'number' && key !== 'sequenceNumber') return BigInt(v);
        return (v ?? null) as ApexValue;
      },
      setProperty: (_c, self, name, value) => {
        const h = state<Record<string, unknown>>(self);
        const key = Object.keys(h).find((k) => k.toLowerCase() === name.toLowerCase());
        if (!key) return false;
        h[key] =
          value instanceof ApexList
            ? value.items.map(String)
            : typeof value === 'bigint'
              ? Number(value)
              : value;
        return true;
      }
    },
    {
      name: 'System.RestRequest',
      aliases: ['RestRequest'],
      constructors: [
        m(
          'RestRequest',
          [],
          typeRef('System.RestRequest'),
          () =>
            new NativeObject('System.RestRequest', {
              httpMethod: null,
              requestURI: null,
              resourcePath: null,
              headers: {},
              params: {},
              requestBody: null,
              remoteAddress: null
            })
        )
      ],
      methods: [
        m('addHeader', [T_STRING, T_STRING], T_VOID, (_c, self, [k, v]) =>
          done((state<{ headers: Record<string, string> }>(self).headers[String(k)] = String(v)))
        ),
        m('addParameter', [T_STRING, T_STRING], T_VOID, (_c, self, [k, v]) =>
          done((state<{ params: Record<string, string> }>(self).params[String(k)] = String(v)))
        )
      ],
      property: (_c, self, name) => {
        const st = state<Record<string, unknown>>(self);
        const key = Object.keys(st).find((k) => k.toLowerCase() === name.toLowerCase());
        if (!key) return undefined;
        const v = st[key];
        if (key === 'headers' || key === 'params') {
          const map = new ApexMap(T_STRING, T_STRING);
          for (const [k, x] of Object.entries(v as Record<string, string>)) map.put(k, x);
          return map;
        }
        if (key === 'requestBody')
          return v === null || v === undefined
            ? null
            : new ApexBlob(new Uint8Array(Buffer.from(String(v), 'utf8')));
        return (v ?? null) as ApexValue;
      },
      setProperty: (_c, self, name, value) => {
        const st = state<Record<string, unknown>>(self);
        const key = Object.keys(st).find((k) => k.toLowerCase() === name.toLowerCase());
        if (!key) return false;
        if (key === 'requestBody')
          st[key] = value instanceof ApexBlob ? Buffer.from(value.bytes).toString('utf8') : value;
        else if (key === 'headers' || key === 'params')
          st[key] =
            value instanceof ApexMap
              ? Object.fromEntries(value.entries().map(([k, v]) => [String(k), String(v)]))
              : {};
        else st[key] = value;
        return true;
      }
    },
    {
      name: 'System.RestResponse',
      aliases: ['RestResponse'],
      constructors: [
        m(
          'RestResponse',
          [],
          typeRef('System.RestResponse'),
          () =>
            new NativeObject('System.RestResponse', {
              statusCode: 200,
              responseBody: null,
              headers: {}
            })
        )
      ],
      methods: [
        m('addHeader', [T_STRING, T_STRING], T_VOID, (_c, self, [k, v]) =>
          done((state<{ headers: Record<string, string> }>(self).headers[String(k)] = String(v)))
        )
      ],
      property: (_c, self, name) => {
        const st = state<{
          statusCode: number;
          responseBody: string | null;
          headers: Record<string, string>;
        }>(self);
        const n = name.toLowerCase();
        if (n === 'statuscode') return st.statusCode;
        if (n === 'responsebody')
          return st.responseBody === null
            ? null
            : new ApexBlob(new Uint8Array(Buffer.from(st.responseBody, 'utf8')));
        if (n === 'headers') {
          const map = new ApexMap(T_STRING, T_STRING);
          for (const [k, x] of Object.entries(st.headers)) map.put(k, x);
          return map;
        }
        return undefined;
      },
      setProperty: (_c, self, name, value) => {
        const st = state<{ statusCode: number; responseBody: string | null }>(self);
        const n = name.toLowerCase();
        if (n === 'statuscode') st.statusCode = Number(value);
        else if (n === 'responsebody')
          st.responseBody =
            value instanceof ApexBlob
              ? Buffer.from(value.bytes).toString('utf8')
              : value === null
                ? null
                : String(value);
        else return false;
        return true;
      }
    },
    {
      name: 'System.RestContext',
      aliases: ['RestContext'],
      methods: [],
      staticProperty: (_c, name) => {
        const st = restState(org);
        if (name.toLowerCase() === 'request') return st.restRequest;
        if (name.toLowerCase() === 'response') return st.restResponse;
        return undefined;
      },
      setStaticProperty: (_c, name, value) => {
        const st = restState(org);
        if (name.toLowerCase() === 'request') st.restRequest = value as NativeObject | null;
        else if (name.toLowerCase() === 'response') st.restResponse = value as NativeObject | null;
        else return false;
        return true;
      }
    },
    {
      // Messaging.CustomNotification (Apex Reference): sent notifications are kept on the org for tests.
      name: 'Messaging.CustomNotification',
      constructors: [
        m(
          'CustomNotification',
          [],
          typeRef('Messaging.CustomNotification'),
          () =>
            new NativeObject('Messaging.CustomNotification', {
              typeId: null,
              title: null,
              body: null,
              targetId: null,
              targetPageRef: null,
              senderId: null
            })
        )
      ],
      methods: [
        ...(
          [
            ['setNotificationTypeId', 'typeId', T_ID],
            ['setTitle', 'title', T_STRING],
            ['setBody', 'body', T_STRING],
            ['setTargetId', 'targetId', T_ID],
            ['setTargetPageRef', 'targetPageRef', T_STRING],
            ['setSenderId', 'senderId', T_ID]
          ] as const
        ).map(([name, key, t]) =>
          m(name, [t], T_VOID, (_c, self, [v]) =>
            done((state<Record<string, unknown>>(self)[key] = v === null ? null : String(v)))
          )
        ),
        m('send', [typeRef('Set', [T_STRING])], T_VOID, (ctx, self, [users]) => {
          const n = state<Record<string, string | null>>(self);
          const missing = ['typeId', 'title', 'body'].filter((k) => !n[k]);
          if (!n.targetId && !n.targetPageRef) missing.push('targetId');
          if (missing.length)
            ctx.throwApex(
              'System.IllegalArgumentException',
              `Custom notification is missing: ${missing.join(', ')}`
            );
          const type = org.store.get(String(n.typeId));
          if (!type || type.type !== 'CustomNotificationType')
            return ctx.throwApex(
              'System.IllegalArgumentException',
              `Invalid notification type Id: ${String(n.typeId)}`
            );
          const recipients = users instanceof ApexSet ? users.values().map(String) : [];
          org.notifications.push({
            type: String(type.values.get('developername')),
            title: String(n.title),
            body: String(n.body),
            targetId: n.targetId,
            recipients
          });
          return null;
        })
      ]
    },
    {
      // EventBus.TriggerContext (Apex Reference): retries, lastError, setResumeCheckpoint in event triggers.
      name: 'EventBus.TriggerContext',
      methods: [
        m(
          'currentContext',
          [],
          typeRef('EventBus.TriggerContext'),
          (ctx) => {
            if (!org.eventContext)
              return ctx.throwApex(
                'System.InvalidParameterValueException',
                'EventBus.TriggerContext is only available in an event trigger'
              );
            return new NativeObject('EventBus.TriggerContext', org.eventContext);
          },
          true
        ),
        m('setResumeCheckpoint', [T_STRING], T_VOID, (ctx, self, [replayId]) => {
          const st = state<{ batch: ApexSObject[]; checkpoint: string | null }>(self);
          if (!st.batch.some((e) => String(e.raw('ReplayId')) === String(replayId))) {
            return ctx.throwApex(
              'EventBus.InvalidReplayIdException',
              `Invalid replay ID: ${String(replayId)}`
            );
          }
          st.checkpoint = String(replayId);
          return null;
        }),
        m(
          'getResumeCheckpoint',
          [],
          T_STRING,
          (_c, self) => state<{ checkpoint: string | null }>(self).checkpoint
        )
      ],
      property: (_c, self, name) => {
        const st = state<{ retries: number; lastError: string | null }>(self);
        if (name.toLowerCase() === 'retries') return st.retries;
        if (name.toLowerCase() === 'lasterror') return st.lastError;
        return undefined;
      }
    },
    ...settingsClasses(() => org)
  ];
  const bound = <A extends unknown[], R>(
    fn: (ctx: NativeCallContext, ...rest: A) => R
  ): ((ctx: NativeCallContext, ...rest: A) => R) => {
    return (ctx, ...rest) => {
      const running = ctx.platform as Partial<Org>;
      if (running === org || !running.schema || !running.store) return fn(ctx, ...rest);
      const previous = org;
      org = running as Org;
      schema = org.schema;
      try {
        return fn(ctx, ...rest);
      } finally {
        org = previous;
        schema = previous.schema;
      }
    };
  };
  const bindMethod = (d: NativeMethodDef): NativeMethodDef => ({ ...d, impl: bound(d.impl) });
  return defs.map((d) => ({
    ...d,
    methods: d.methods.map(bindMethod),
    ...(d.constructors ? { constructors: d.constructors.map(bindMethod) } : {}),
    ...(d.property ? { property: bound(d.property.bind(d)) } : {}),
    ...(d.setProperty ? { setProperty: bound(d.setProperty.bind(d)) } : {}),
    ...(d.staticProperty ? { staticProperty: bound(d.staticProperty.bind(d)) } : {}),
    ...(d.setStaticProperty ? { setStaticProperty: bound(d.setStaticProperty.bind(d)) } : {})
  }));
}

/** Custom settings and custom metadata statics: getInstance, getOrgDefaults, getValues, getAll (Apex Reference, "Custom Settings Methods", "Custom Metadata Type Methods"). */
function settingsClasses(current: () => Org): PlatformClassDef[] {
  const org = current();
  const out: PlatformClassDef[] = [];
  for (const o of org.schema.objects()) {
    if (!o.isCustomSetting && !o.isCustomMetadata) continue;
    const type = typeRef(o.name);
    const records = (): ApexSObject[] =>
      [...current().store.rows(o.name)].map((r) => rowToSObject(o, r));
    const byOwner = (id: string): ApexSObject | null =>
      records().find((r) => String(r.raw('SetupOwnerId')) === id) ?? null;
    const allMap = (key: string): ApexMap => {
      const map = new ApexMap(T_STRING, type);
      for (const r of records()) map.put(String(r.raw(key)), r);
      return map;
    };
    if (o.isCustomMetadata) {
      const find = (v: ApexValue): ApexSObject | null =>
        records().find(
          (r) => String(r.raw('DeveloperName')) === String(v) || String(r.raw('Id')) === String(v)
        ) ?? null;
      out.push({
        name: o.name,
        methods: [
          m('getAll', [], typeRef('Map', [T_STRING, type]), () => allMap('DeveloperName'), true),
          m('getInstance', [T_STRING], type, (_c, _s, [v]) => find(v ?? null), true)
        ]
      });
      continue;
    }
    if (o.def.customSettingType === 'List') {
      const byName = (v: ApexValue): ApexSObject | null =>
        records().find((r) => String(r.raw('Name')) === String(v)) ?? null;
      out.push({
        name: o.name,
        methods: [
          m('getAll', [], typeRef('Map', [T_STRING, type]), () => allMap('Name'), true),
          m('getInstance', [T_STRING], type, (_c, _s, [v]) => byName(v ?? null), true),
          m('getValues', [T_STRING], type, (_c, _s, [v]) => byName(v ?? null), true)
        ]
      });
      continue;
    }
    const orgDefaults = (): ApexSObject => {
      const r = byOwner(current().organizationId);
      if (r) return r;
      const empty = new ApexSObject(o.name);
      empty.set('SetupOwnerId', new ApexId(current().organizationId));
      return empty;
    };
    // Fields merge from the lowest hierarchy level that defines them: user, then profile, then org.
    const instanceFor = (userId: string): ApexSObject => {
      const user = current().store.get(userId);
      const profileId = String(user?.values.get('profileid') ?? '');
      const levels = [
        byOwner(userId),
        byOwner(profileId),
        byOwner(current().organizationId)
      ].filter((x): x is ApexSObject => x !== null);
      const out = new ApexSObject(o.name);
      for (const lvl of [...levels].reverse())
        for (const [k, v] of lvl.populated()) if (v !== null) out.set(k, v);
      if (levels[0] && String(levels[0].raw('SetupOwnerId')) === userId)
        out.set('Id', levels[0].raw('Id') ?? null);
      else out.unset('Id');
      out.set('SetupOwnerId', new ApexId(userId));
      return out;
    };
    out.push({
      name: o.name,
      methods: [
        m('getInstance', [], type, () => instanceFor(current().currentUserId()), true),
        m(
          'getInstance',
          [T_ID],
          type,
          (_c, _s, [id]) =>
            String(id).startsWith('00e')
              ? (byOwner(String(id)) ?? orgDefaults())
              : instanceFor(String(id)),
          true
        ),
        m('getOrgDefaults', [], type, () => orgDefaults(), true),
        m('getValues', [T_ID], type, (_c, _s, [id]) => byOwner(String(id)), true)
      ]
    });
  }
  return out;
}

interface HttpReqState {
  method: string;
  endpoint: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  compressed: boolean;
}

function httpRequestDef(): NativeClassDef {
  const s = (self: ApexValue): HttpReqState => state<HttpReqState>(self);
  return {
    name: 'System.HttpRequest',
    aliases: ['HttpRequest'],
    constructors: [
      m(
        'HttpRequest',
        [],
        typeRef('System.HttpRequest'),
        () =>
          new NativeObject<HttpReqState>('System.HttpRequest', {
            method: '',
            endpoint: '',
            headers: {},
            body: '',
            timeoutMs: 10_000,
            compressed: false
          })
      )
    ],
    methods: [
      m('setMethod', [T_STRING], T_VOID, (_c, self, [v]) =>
        done((s(self).method = String(v ?? '')))
      ),
      m('getMethod', [], T_STRING, (_c, self) => s(self).method || null),
      m('setEndpoint', [T_STRING], T_VOID, (_c, self, [v]) =>
        done((s(self).endpoint = String(v ?? '')))
      ),
      m('getEndpoint', [], T_STRING, (_c, self) => s(self).endpoint || null),
      m('setHeader', [T_STRING, T_STRING], T_VOID, (_c, self, [k, v]) =>
        done((s(self).headers[String(k)] = String(v ?? '')))
      ),
      m('getHeader', [T_STRING], T_STRING, (_c, self, [k]) =>
        headerValue(s(self).headers, String(k))
      ),
      m('setBody', [T_STRING], T_VOID, (_c, self, [v]) => done((s(self).body = String(v ?? '')))),
      m('getBody', [], T_STRING, (_c, self) => s(self).body),
      m('setBodyAsBlob', [typeRef('Blob')], T_VOID, (_c, self, [v]) =>
        done((s(self).body = v instanceof ApexBlob ? Buffer.from(v.bytes).toString('utf8') : ''))
      ),
      m(
        'getBodyAsBlob',
        [],
        typeRef('Blob'),
        (_c, self) => new ApexBlob(new Uint8Array(Buffer.from(s(self).body, 'utf8')))
      ),
      m('setTimeout', [T_INTEGER], T_VOID, (ctx, self, [v]) => {
        const n = Number(v);
        // Timeout range 1–120,000 ms (Callout Limits and Limitations).
        if (!(n >= 1 && n <= 120_000))
          ctx.throwApex(
            'System.CalloutException',
            `Timeout value ${n} is outside of the valid range 1 to 120000`
          );
        s(self).timeoutMs = n;
        return null;
      }),
      m('setCompressed', [T_BOOLEAN], T_VOID, (_c, self, [v]) =>
        done((s(self).compressed = v === true))
      ),
      m('getCompressed', [], T_BOOLEAN, (_c, self) => s(self).compressed),
      m(
        'toString',
        [],
        T_STRING,
        (_c, self) => `System.HttpRequest[Endpoint=${s(self).endpoint}, Method=${s(self).method}]`
      )
    ]
  };
}

interface HttpResState {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

function httpResponseDef(): NativeClassDef {
  const s = (self: ApexValue): HttpResState => state<HttpResState>(self);
  return {
    name: 'System.HttpResponse',
    aliases: ['HttpResponse'],
    constructors: [
      m(
        'HttpResponse',
        [],
        typeRef('System.HttpResponse'),
        () =>
          new NativeObject<HttpResState>('System.HttpResponse', {
            status: 0,
            statusText: '',
            headers: {},
            body: ''
          })
      )
    ],
    methods: [
      m('setStatusCode', [T_INTEGER], T_VOID, (_c, self, [v]) =>
        done((s(self).status = Number(v)))
      ),
      m('getStatusCode', [], T_INTEGER, (_c, self) => s(self).status),
      m('setStatus', [T_STRING], T_VOID, (_c, self, [v]) =>
        done((s(self).statusText = String(v ?? '')))
      ),
      m('getStatus', [], T_STRING, (_c, self) => s(self).statusText || null),
      m('setBody', [T_STRING], T_VOID, (_c, self, [v]) => done((s(self).body = String(v ?? '')))),
      m('getBody', [], T_STRING, (_c, self) => s(self).body),
      m('setBodyAsBlob', [typeRef('Blob')], T_VOID, (_c, self, [v]) =>
        done((s(self).body = v instanceof ApexBlob ? Buffer.from(v.bytes).toString('utf8') : ''))
      ),
      m(
        'getBodyAsBlob',
        [],
        typeRef('Blob'),
        (_c, self) => new ApexBlob(new Uint8Array(Buffer.from(s(self).body, 'utf8')))
      ),
      m('setHeader', [T_STRING, T_STRING], T_VOID, (_c, self, [k, v]) =>
        done((s(self).headers[String(k)] = String(v ?? '')))
      ),
      m('getHeader', [T_STRING], T_STRING, (_c, self, [k]) =>
        headerValue(s(self).headers, String(k))
      ),
      m(
        'getHeaderKeys',
        [],
        T_LIST(T_STRING),
        (_c, self) => new ApexList(T_STRING, Object.keys(s(self).headers))
      ),
      m(
        'toString',
        [],
        T_STRING,
        (_c, self) =>
          `System.HttpResponse[Status=${s(self).statusText}, StatusCode=${s(self).status}]`
      )
    ]
  };
}

const HEADER_FIELDS = [
  'entityName',
  'recordIds',
  'changeType',
  'changedFields',
  'nulledFields',
  'diffFields',
  'changeOrigin',
  'transactionKey',
  'sequenceNumber',
  'commitTimestamp',
  'commitNumber',
  'commitUser'
];

function headerType(key: string): TypeRef {
  if (['recordIds', 'changedFields', 'nulledFields', 'diffFields'].includes(key))
    return T_LIST(T_STRING);
  if (key === 'commitTimestamp' || key === 'commitNumber') return typeRef('Long');
  if (key === 'sequenceNumber') return T_INTEGER;
  return T_STRING;
}

/** ChangeEventHeader values as Apex sees them: lists of Strings, Long timestamps and commit numbers. */
function headerGet(h: Record<string, unknown>, key: string): ApexValue {
  const v = h[key];
  if (Array.isArray(v)) return new ApexList(T_STRING, v.map(String));
  if (typeof v === 'number' && key !== 'sequenceNumber') return BigInt(v);
  return (v ?? null) as ApexValue;
}

function headerSet(h: Record<string, unknown>, key: string, value: ApexValue): void {
  h[key] =
    value instanceof ApexList
      ? value.items.map(String)
      : typeof value === 'bigint'
        ? Number(value)
        : value;
}

function headerValue(h: Record<string, string>, k: string): string | null {
  const key = Object.keys(h).find((x) => x.toLowerCase() === k.toLowerCase());
  return key === undefined ? null : h[key];
}

/** Security.stripInaccessible: removes fields the running user cannot read/create/update. */
function stripInaccessible(org: Org, accessType: ApexValue, recs: ApexValue): ApexValue {
  const at = accessType instanceof ApexEnumValue ? accessType.name : String(accessType);
  const list = recs instanceof ApexList ? recs : new ApexList(typeRef('SObject'));
  const userId = org.currentUserId();
  const removed = new ApexMap(T_STRING, typeRef('Set', [T_STRING]));
  const modified = new ApexSet(T_INTEGER);
  const out = new ApexList(list.elemType, []);
  list.items.forEach((item, i) => {
    if (!(item instanceof ApexSObject)) {
      out.items.push(item);
      return;
    }
    const o = org.schema.require(item.type);
    const copy = new ApexSObject(o.name);
    copy.queried = item.queried ? new Set(item.queried) : null;
    for (const [name, v] of item.populated()) {
      const f = o.field(name);
      let ok = true;
      if (f && f.name !== 'Id') {
        const read = org.access.canReadField(userId, o.name, f.name);
        const edit = org.access.canEditField(userId, o.name, f.name);
        ok =
          at === 'READABLE'
            ? read
            : at === 'CREATABLE'
              ? edit && f.createable
              : at === 'UPDATABLE'
                ? edit && f.updateable
                : edit;
      }
      if (ok) copy.set(name, v);
      else {
        modified.add(i);
        let set = removed.get(o.name) as ApexSet | null;
        if (!set) {
          set = new ApexSet(T_STRING);
          removed.put(o.name, set);
        }
        set.add(f?.name ?? name);
      }
    }
    out.items.push(copy);
  });
  return new NativeObject('System.SObjectAccessDecision', { records: out, removed, modified });
}

export type { NativeCallContext };

/** A field's predefined default as a value: literals and picklist values; formulas fail loudly. */
function literalDefault(ctx: NativeCallContext, object: string, f: CatalogField): ApexValue {
  const d = f.defaultValue as string | number | boolean;
  if (typeof d === 'boolean') return d;
  if (typeof d === 'number')
    return f.apexType === 'Decimal' ? ApexDecimal.fromString(String(d)) : d;
  const t = d.trim();
  if (f.type === 'boolean' && /^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  if (f.apexType === 'Decimal' && /^-?\d+(\.\d+)?$/.test(t)) return ApexDecimal.fromString(t);
  if (f.apexType === 'Integer' && /^-?\d+$/.test(t)) return Number(t);
  if (f.apexType === 'String') {
    const q = /^"(.*)"$/.exec(t) ?? /^'(.*)'$/.exec(t);
    if (q) return q[1];
    if (f.type === 'picklist' || f.type === 'multipicklist') return t;
  }
  throw new UnsupportedError(`default value formula '${t}' on ${object}.${f.name}`, ctx.pos);
}

interface StaticMockState {
  /** endpoint → static resource name; '' for StaticResourceCalloutMock's single resource */
  resources: Map<string, string>;
  status: number;
  statusText: string;
  headers: Record<string, string>;
}

/**
 * StaticResourceCalloutMock and MultiStaticResourceCalloutMock (Apex Developer Guide, "Testing HTTP
 * Callouts Using Static Resources"): built-in HttpCalloutMocks answering with a static resource's
 * body (one for every request, or one per endpoint), and the status and headers they were given.
 */
function staticResourceMockDefs(currentOrg: () => Org): NativeClassDef[] {
  const st = (self: ApexValue): StaticMockState => state<StaticMockState>(self);
  const common = (type: string): NativeMethodDef[] => [
    m('setStatusCode', [T_INTEGER], T_VOID, (_c, self, [v]) => done((st(self).status = Number(v)))),
    m('setStatus', [T_STRING], T_VOID, (_c, self, [v]) =>
      done((st(self).statusText = String(v ?? '')))
    ),
    m('setHeader', [T_STRING, T_STRING], T_VOID, (_c, self, [k, v]) =>
      done((st(self).headers[String(k)] = String(v ?? '')))
    ),
    m(
      'respond',
      [typeRef('System.HttpRequest')],
      typeRef('System.HttpResponse'),
      (ctx, self, [req]) => {
        const endpoint = String(state<{ endpoint: string }>(req).endpoint ?? '');
        const s = st(self);
        const name =
          type === 'System.StaticResourceCalloutMock'
            ? s.resources.get('')
            : s.resources.get(endpoint);
        if (name === undefined)
          return ctx.throwApex(
            'System.CalloutException',
            type === 'System.StaticResourceCalloutMock'
              ? 'StaticResourceCalloutMock: no static resource set'
              : `MultiStaticResourceCalloutMock: no static resource set for endpoint ${endpoint}`
          );
        const resource = currentOrg().staticResource(name);
        if (!resource)
          return ctx.throwApex('System.CalloutException', `Static resource not found: ${name}`);
        return new NativeObject('System.HttpResponse', {
          status: s.status,
          statusText: s.statusText,
          headers: { ...s.headers },
          body: resource.body.toString('utf8')
        });
      }
    )
  ];
  const make = (type: string) => () =>
    new NativeObject<StaticMockState>(type, {
      resources: new Map(),
      status: 200,
      statusText: '',
      headers: {}
    });
  return [
    {
      name: 'System.StaticResourceCalloutMock',
      aliases: ['StaticResourceCalloutMock'],
      supertypes: ['System.HttpCalloutMock'],
      constructors: [
        m(
          'StaticResourceCalloutMock',
          [],
          typeRef('System.StaticResourceCalloutMock'),
          make('System.StaticResourceCalloutMock')
        )
      ],
      methods: [
        m('setStaticResource', [T_STRING], T_VOID, (_c, self, [name]) =>
          done(st(self).resources.set('', String(name)))
        ),
        ...common('System.StaticResourceCalloutMock')
      ]
    },
    {
      name: 'System.MultiStaticResourceCalloutMock',
      aliases: ['MultiStaticResourceCalloutMock'],
      supertypes: ['System.HttpCalloutMock'],
      constructors: [
        m(
          'MultiStaticResourceCalloutMock',
          [],
          typeRef('System.MultiStaticResourceCalloutMock'),
          make('System.MultiStaticResourceCalloutMock')
        )
      ],
      methods: [
        m('setStaticResource', [T_STRING, T_STRING], T_VOID, (_c, self, [endpoint, name]) =>
          done(st(self).resources.set(String(endpoint), String(name)))
        ),
        ...common('System.MultiStaticResourceCalloutMock')
      ]
    }
  ];
}
