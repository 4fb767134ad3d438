// Schema describes and tokens: SObjectType, SObjectField, Describe*Result, field sets, picklist
// entries, child relationships, record type infos, the Schema class and its enums (Apex Reference:
// "Schema Namespace").
import { randomUUID } from 'node:crypto';
import { must } from '../util.ts';
import {
  ApexDecimal,
  ApexEnumValue,
  ApexId,
  ApexList,
  ApexMap,
  ApexSObject,
  NativeObject,
  T_BOOLEAN,
  T_ID,
  T_INTEGER,
  T_OBJECT,
  T_STRING,
  typeRef,
  type ApexValue
} from '../../runtime/values.ts';
import {
  UnsupportedError,
  type NativeCallContext,
  type SObjectTypeInfo
} from '../../runtime/platform.ts';
import type { SObjectSchema } from '../schema/schema.ts';
import { RecordTypes, type RecordTypeView } from '../schema/record-types.ts';
import type { CatalogField } from '../schema/catalog-types.ts';
import type { FieldSetMeta } from '../schema/metadata.ts';
import { hasNamespacePrefix } from '../schema/metadata-namespace.ts';
import type { NativesEnv, OrgServices } from './services.ts';
import {
  CaseInsensitiveMap,
  SchemaNameMap,
  T_LIST,
  enumProps,
  m,
  state,
  type PlatformClassDef
} from './common.ts';

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

export function schemaClasses(env: NativesEnv): PlatformClassDef[] {
  const user = (): string => env.org.currentUserId();
  const typeToken = (name: string): NativeObject => env.org.typeToken(name);
  const fieldToken = (o: string, f: string): NativeObject => env.org.fieldToken(o, f);
  // The org that runs the code is the call's platform (see above).
  const recordTypesByOrg = new WeakMap<OrgServices, RecordTypes>();
  const recordTypeViews = (ctx: NativeCallContext, self: ApexValue): RecordTypeView[] => {
    const running = ctx.platform as unknown as OrgServices;
    let rts = recordTypesByOrg.get(running);
    if (!rts) recordTypesByOrg.set(running, (rts = new RecordTypes(running.schema, running.store)));
    return rts.views(running.currentUserId(), state<{ object: string }>(self).object);
  };
  const recordTypeInfo = (v: RecordTypeView): NativeObject =>
    new NativeObject('Schema.RecordTypeInfo', v);
  const rtView = (self: ApexValue): RecordTypeView => state<RecordTypeView>(self);
  const obj = (self: ApexValue): SObjectSchema =>
    env.org.schema.require(state<{ object: string }>(self).object);
  const fld = (self: ApexValue): { o: SObjectSchema; f: CatalogField } => {
    const s = state<{ object: string; field: string }>(self);
    const o = env.org.schema.require(s.object);
    return { o, f: must(o.field(s.field), `field ${s.object}.${s.field}`) };
  };
  const fieldMap = (o: SObjectSchema): ApexMap => {
    const map = new SchemaNameMap(T_STRING, typeRef('Schema.SObjectField'), env.org.schema.names);
    // getMap() keys are lower-case field names (Apex Reference, "Schema.SObjectTypeFields").
    for (const f of o.fields()) map.put(f.name.toLowerCase(), fieldToken(o.name, f.name));
    return map;
  };
  const fieldSetsOf = (object: string): FieldSetMeta[] =>
    env.org.metadata.fieldSets.filter((x) => x.object.toLowerCase() === object.toLowerCase());
  const fieldSetObject = (fs: FieldSetMeta): NativeObject =>
    new NativeObject('Schema.FieldSet', fs);
  const fsm = (self: ApexValue): { path: string; required: boolean } =>
    state<{ path: string; required: boolean }>(self);
  /** The object and field a field set path ends on: 'Account.Owner.Name' walks the lookups. */
  const fieldAtPath = (object: string, path: string): { object: string; field: string } => {
    const parts = path.split('.');
    let o = env.org.schema.require(object);
    for (const rel of parts.slice(0, -1)) {
      const target = o.relationship(rel)?.referenceTo?.[0];
      if (!target) throw new Error(`Field set path ${path} on ${object}: ${rel} is no lookup`);
      o = env.org.schema.require(target);
    }
    const f = o.field(parts[parts.length - 1].toLowerCase());
    if (!f) throw new Error(`Field set path ${path} on ${object}: no such field`);
    return { object: o.name, field: f.name };
  };
  return [
    {
      name: 'Schema.SObjectType',
      // `Schema.SObjectType.Account` is the describe result of Account (Apex Developer Guide,
      // "Understanding Apex Describe Information").
      staticProperty: (_c, name) => {
        const o = env.org.schema.get(name);
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
            const running = ctx.platform as unknown as OrgServices;
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
          // A platform event created with loadDefaults gets its EventUuid now (Platform Events
          // Developer Guide, "Create an Event with an EventUuid Field").
          if (load === true && o.isPlatformEvent) s.set('EventUuid', randomUUID());
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
        // The name without the namespace prefix (Apex Reference, DescribeSObjectResult.getLocalName).
        m('getLocalName', [], T_STRING, (_c, self) => localName(obj(self).name)),
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
          (_c, self) => env.org.access.objectPermission(user(), obj(self).name).read
        ),
        m(
          'isQueryable',
          [],
          T_BOOLEAN,
          (_c, self) => env.org.access.objectPermission(user(), obj(self).name).read
        ),
        m(
          'isCreateable',
          [],
          T_BOOLEAN,
          (_c, self) =>
            obj(self).def.createable &&
            env.org.access.objectPermission(user(), obj(self).name).create
        ),
        m(
          'isUpdateable',
          [],
          T_BOOLEAN,
          (_c, self) =>
            obj(self).def.updateable && env.org.access.objectPermission(user(), obj(self).name).edit
        ),
        m(
          'isDeletable',
          [],
          T_BOOLEAN,
          (_c, self) =>
            obj(self).def.deletable &&
            env.org.access.objectPermission(user(), obj(self).name).delete
        ),
        // DescribeSObjectResult Class, isUndeletable(): the user may undelete the object's records,
        // which takes the right to delete them (records of an object that cannot be deleted never
        // reach the Recycle Bin).
        m(
          'isUndeletable',
          [],
          T_BOOLEAN,
          (_c, self) =>
            obj(self).def.deletable &&
            env.org.access.objectPermission(user(), obj(self).name).delete
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
      // A field token has no JSON form: JSON.serialize throws (public suites catch it and fall back
      // to the token's name).
      toJson: (ctx) =>
        ctx.throwApex('System.JSONException', 'Apex Type unsupported in JSON: Schema.SObjectField'),
      methods: [
        m(
          'getDescribe',
          [],
          typeRef('Schema.DescribeFieldResult'),
          (_c, self) => new NativeObject('Schema.DescribeFieldResult', state(self))
        ),
        m('toString', [], T_STRING, (_c, self) => fld(self).f.name)
      ],
      // `Schema.X__Share.RowCause.Reason__c` is the name of an Apex sharing reason (Apex Developer
      // Guide, "Sharing a Record Using Apex": "Schema.CustomObject__Share.rowCause.SharingReason__c").
      property: (_c, self, name) => {
        const { o, f } = fld(self);
        if (!/__Share$/i.test(o.name) || f.name !== 'RowCause' || !/__c$/i.test(name))
          return undefined;
        return f.picklistValues?.find((v) => v.toLowerCase() === name.toLowerCase());
      }
    },
    {
      name: 'Schema.DescribeFieldResult',
      methods: [
        m('getName', [], T_STRING, (_c, self) => fld(self).f.name),
        m('getLocalName', [], T_STRING, (_c, self) => localName(fld(self).f.name)),
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
              (fld(self).f.referenceTo ?? []).filter((t) => env.org.schema.get(t)).map(typeToken)
            )
        ),
        m('getRelationshipName', [], T_STRING, (_c, self) => fld(self).f.relationshipName ?? null),
        m('getSObjectField', [], typeRef('Schema.SObjectField'), (_c, self) =>
          fieldToken(fld(self).o.name, fld(self).f.name)
        ),
        // The object the field belongs to (DescribeFieldResult Class, getSObjectType()).
        m('getSObjectType', [], typeRef('Schema.SObjectType'), (_c, self) =>
          typeToken(fld(self).o.name)
        ),
        // A checkbox's default is a Boolean (DescribeFieldResult Class, getDefaultValue()), whatever
        // form the metadata gave it in.
        m('getDefaultValue', [], T_OBJECT, (_c, self) => {
          const f = fld(self).f;
          if (f.defaultValue === undefined || f.defaultValue === null) return null;
          if (f.apexType.toLowerCase() === 'boolean')
            return String(f.defaultValue).trim().toLowerCase() === 'true';
          return f.defaultValue as ApexValue;
        }),
        m('isAccessible', [], T_BOOLEAN, (_c, self) =>
          env.org.access.canReadField(user(), fld(self).o.name, fld(self).f.name)
        ),
        m(
          'isCreateable',
          [],
          T_BOOLEAN,
          (_c, self) =>
            fld(self).f.createable &&
            env.org.access.canEditField(user(), fld(self).o.name, fld(self).f.name)
        ),
        m(
          'isUpdateable',
          [],
          T_BOOLEAN,
          (_c, self) =>
            fld(self).f.updateable &&
            env.org.access.canEditField(user(), fld(self).o.name, fld(self).f.name)
        ),
        m('isNillable', [], T_BOOLEAN, (_c, self) => fld(self).f.nillable),
        // SOQL and SOSL Reference, "ORDER BY": multi-select picklists, long and rich text areas,
        // encrypted and compound fields cannot be sorted on.
        m('isSortable', [], T_BOOLEAN, (_c, self) => {
          const f = fld(self).f;
          return !(
            f.type === 'multipicklist' ||
            (f.type === 'textarea' && f.length > 255) ||
            f.type === 'base64' ||
            f.type === 'address' ||
            f.type === 'location' ||
            f.type === 'complexvalue' ||
            f.type === 'encryptedstring'
          );
        }),
        m('isDefaultedOnCreate', [], T_BOOLEAN, (_c, self) => fld(self).f.defaultedOnCreate),
        m('isExternalId', [], T_BOOLEAN, (_c, self) => !!fld(self).f.externalId),
        m('isUnique', [], T_BOOLEAN, (_c, self) => !!fld(self).f.unique),
        m('isIdLookup', [], T_BOOLEAN, (_c, self) => !!fld(self).f.idLookup),
        // Shield Platform Encryption is not modelled: no field of the local org is encrypted
        // (DescribeFieldResult Class, isEncrypted()).
        m('isEncrypted', [], T_BOOLEAN, () => false),
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
                // Apex Reference, "PicklistEntry Class": getLabel() the display name, getValue()
                // the API name
                new NativeObject('Schema.PicklistEntry', {
                  value: v,
                  label: f.picklistLabels?.[v] ?? v,
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
            const map = new SchemaNameMap(
              T_STRING,
              typeRef('Schema.SObjectType'),
              env.org.schema.names
            );
            for (const o of env.org.schema.objects())
              map.put(o.name.toLowerCase(), typeToken(o.name));
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
                    const o = env.org.schema.get(String(n));
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
    }
  ];
}

/** `ns__Name__c` → `Name__c` (getLocalName); a name without a namespace unchanged. */
function localName(name: string): string {
  return hasNamespacePrefix(name) ? name.slice(name.indexOf('__') + 2) : name;
}
