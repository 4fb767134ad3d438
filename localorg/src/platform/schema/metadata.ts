// Loads an org's metadata from SFDX source folders (objects, fields, record types, custom metadata,
// custom settings, labels, platform events, permission sets, profiles, custom permissions, named and
// external credentials, static resources). Metadata shapes: Metadata API Developer Guide (docs
// corpus: CustomObject, CustomField, RecordType, CustomMetadata, CustomLabels, PermissionSet,
// Profile, CustomPermission, NamedCredential, ExternalCredential, StaticResource).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { crc32 } from 'node:zlib';
import type { CatalogField, CatalogObject } from './catalog-types.ts';

export interface ObjectPermission {
  read: boolean;
  create: boolean;
  edit: boolean;
  delete: boolean;
  viewAll: boolean;
  modifyAll: boolean;
}

export interface PermissionSetMeta {
  name: string;
  label: string;
  /** true for profiles */
  isProfile: boolean;
  objects: Record<string, ObjectPermission>; // lower-case object name
  fields: Record<string, { read: boolean; edit: boolean }>; // lower-case 'object.field'
  customPermissions: Set<string>; // lower-case names
  classes: Set<string>; // lower-case class names
  externalCredentialPrincipals: Set<string>; // lower-case 'Credential-Principal'
  userPermissions: Set<string>; // lower-case, e.g. modifyalldata
  /** recordTypeVisibilities, keyed lower-case 'object.developername'; only profiles carry `default` */
  recordTypes: Record<string, { visible: boolean; default: boolean }>;
}

export interface NamedCredentialMeta {
  name: string;
  label: string;
  url: string;
  externalCredential?: string;
  allowMergeFieldsInHeader: boolean;
  allowMergeFieldsInBody: boolean;
  generateAuthorizationHeader: boolean;
  /** legacy named credentials carry their principal themselves */
  legacy: boolean;
}

export interface ExternalCredentialMeta {
  name: string;
  label: string;
  protocol: string;
  principals: { name: string; type: string; sequence: number }[];
  parameters: Record<string, string>;
}

export interface RecordTypeMeta {
  object: string;
  developerName: string;
  label: string;
  active: boolean;
  description?: string;
}

export interface CustomMetadataRecord {
  type: string; // X__mdt
  developerName: string;
  label: string;
  protected: boolean;
  values: Record<string, string | number | boolean | null>;
}

export interface ValidationRuleMeta {
  object: string;
  name: string;
  active: boolean;
  formula: string;
  message: string;
  field?: string;
}

export interface StaticResourceMeta {
  name: string;
  contentType: string;
  body: Buffer;
}

/** A field set (objects/X/fieldSets/Name.fieldSet-meta.xml): its fields in display order. */
export interface FieldSetMeta {
  object: string;
  name: string;
  label: string;
  description: string;
  fields: { path: string; required: boolean }[];
}

export interface Metadata {
  objects: CatalogObject[]; // custom objects and custom fields on standard objects (fields only)
  /** custom fields added to standard objects, keyed by object name */
  standardObjectFields: Record<string, CatalogField[]>;
  recordTypes: RecordTypeMeta[];
  fieldSets: FieldSetMeta[];
  validationRules: ValidationRuleMeta[];
  customMetadata: CustomMetadataRecord[];
  labels: Record<string, string>;
  permissionSets: PermissionSetMeta[];
  profiles: PermissionSetMeta[];
  customPermissions: { name: string; label: string }[];
  namedCredentials: NamedCredentialMeta[];
  externalCredentials: ExternalCredentialMeta[];
  staticResources: StaticResourceMeta[];
  notificationTypes: { name: string; label: string }[];
  /** PlatformEventSubscriberConfig: the user and batch size an event or change-event trigger runs with */
  eventSubscriberConfigs: {
    name: string;
    trigger: string;
    username: string | null;
    batchSize: number | null;
  }[];
  groups: { name: string; label: string; doesIncludeBosses: boolean }[];
  apexClasses: { name: string; path: string; apiVersion?: number | null }[];
  apexTriggers: { name: string; path: string }[];
  /** Flow API names (`flows/*.flow-meta.xml`): the local org does not run them. */
  flows: string[];
  /** Platform Cache partitions (`cachePartitions/*.cachePartition-meta.xml`), capacities in MB. */
  cachePartitions: {
    name: string;
    isDefault: boolean;
    orgCapacity: number;
    sessionCapacity: number;
  }[];
}

const ARRAYS = new Set([
  'value',
  'values',
  'fields',
  'objectPermissions',
  'fieldPermissions',
  'customPermissions',
  'classAccesses',
  'labels',
  'namedCredentialParameters',
  'externalCredentialParameters',
  'externalCredentialPrincipalAccesses',
  'userPermissions',
  'picklistValues',
  'recordTypeVisibilities',
  'layoutAssignments',
  'tabVisibilities',
  'displayedFields'
]);
const xml = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => ARRAYS.has(name)
});

function readXml(path: string): Record<string, unknown> {
  const doc = xml.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const root = Object.keys(doc).find((k) => k !== '?xml');
  if (!root) throw new Error(`Empty metadata file: ${path}`);
  return (doc[root] ?? {}) as Record<string, unknown>;
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const bool = (v: unknown): boolean => str(v) === 'true';
const list = (v: unknown): Record<string, unknown>[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]) as Record<string, unknown>[];

/** Every file under `dir` (recursively) whose name ends with `suffix`. */
/** Listings of the folders read by the running `loadMetadata`: it looks for a dozen suffixes, so each folder is read once. */
let listings: Map<string, string[]> | null = null;

/** Every file under `dir` (recursively, names sorted), [] when it does not exist. */
function filesUnder(dir: string): string[] {
  const known = listings?.get(dir);
  if (known) return known;
  // A folder inside one already listed (an object's fields/) comes from that listing.
  for (const [root, files] of listings ?? []) {
    if (dir.startsWith(root + sep)) return files.filter((f) => f.startsWith(dir + sep));
  }
  const out: string[] = [];
  const visit = (d: string): void => {
    const entries = readdirSync(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(d, e.name);
      // A symbolic link is followed, as statSync does.
      if (e.isDirectory() || (e.isSymbolicLink() && statSync(p).isDirectory())) visit(p);
      else out.push(p);
    }
  };
  if (existsSync(dir)) visit(dir);
  listings?.set(dir, out);
  return out;
}

function walk(dir: string, suffix: string): string[] {
  return filesUnder(dir).filter((p) => p.endsWith(suffix));
}

export function emptyMetadata(): Metadata {
  return {
    objects: [],
    standardObjectFields: {},
    recordTypes: [],
    fieldSets: [],
    validationRules: [],
    customMetadata: [],
    labels: {},
    permissionSets: [],
    profiles: [],
    customPermissions: [],
    namedCredentials: [],
    externalCredentials: [],
    staticResources: [],
    notificationTypes: [],
    eventSubscriberConfigs: [],
    groups: [],
    apexClasses: [],
    apexTriggers: [],
    flows: [],
    cachePartitions: []
  };
}

/** Loads every package directory into one Metadata (later directories add to earlier ones). */
export function loadMetadata(dirs: string[]): Metadata {
  listings = new Map();
  globalValueSets = new Map();
  try {
    return loadAll(dirs);
  } finally {
    listings = null;
    globalValueSets = null;
  }
}

/** Global value sets of the sources being loaded (by lower-case name), read before any field. */
let globalValueSets: Map<string, { values: string[]; defaultValue?: string }> | null = null;

function loadAll(dirs: string[]): Metadata {
  const md = emptyMetadata();
  for (const dir of dirs) {
    if (!existsSync(dir)) throw new Error(`Source directory not found: ${dir}`);
    for (const f of walk(dir, '.globalValueSet-meta.xml')) {
      const values = list(readXml(f).customValue);
      const dflt = values.find((v) => bool(v.default));
      globalValueSets?.set(basename(f, '.globalValueSet-meta.xml').toLowerCase(), {
        values: values.map((v) => str(v.fullName)),
        ...(dflt ? { defaultValue: str(dflt.fullName) } : {})
      });
    }
  }
  for (const dir of dirs) {
    loadObjects(dir, md);
    for (const f of walk(dir, '.md-meta.xml')) md.customMetadata.push(parseCustomMetadata(f));
    for (const f of walk(dir, '.labels-meta.xml')) {
      for (const l of list(readXml(f).labels)) md.labels[str(l.fullName)] = str(l.value);
    }
    for (const f of walk(dir, '.permissionset-meta.xml'))
      md.permissionSets.push(parsePermissions(f, false));
    for (const f of walk(dir, '.profile-meta.xml')) md.profiles.push(parsePermissions(f, true));
    for (const f of walk(dir, '.customPermission-meta.xml')) {
      md.customPermissions.push({
        name: basename(f, '.customPermission-meta.xml'),
        label: str(readXml(f).label)
      });
    }
    for (const f of walk(dir, '.namedCredential-meta.xml'))
      md.namedCredentials.push(parseNamedCredential(f));
    for (const f of walk(dir, '.externalCredential-meta.xml'))
      md.externalCredentials.push(parseExternalCredential(f));
    for (const f of walk(dir, '.resource-meta.xml'))
      md.staticResources.push(parseStaticResource(f));
    for (const f of walk(dir, '.notiftype-meta.xml')) {
      const r = readXml(f);
      md.notificationTypes.push({
        name: basename(f, '.notiftype-meta.xml'),
        label: str(r.customNotifTypeName) || str(r.masterLabel)
      });
    }
    for (const f of walk(dir, '.platformEventSubscriberConfig-meta.xml')) {
      const r = readXml(f);
      md.eventSubscriberConfigs.push({
        name: basename(f, '.platformEventSubscriberConfig-meta.xml'),
        trigger: str(r.platformEventConsumer),
        username: r.user === undefined ? null : str(r.user),
        batchSize: r.batchSize === undefined ? null : Number(r.batchSize)
      });
    }
    for (const f of walk(dir, '.group-meta.xml')) {
      const r = readXml(f);
      md.groups.push({
        name: basename(f, '.group-meta.xml'),
        label: str(r.name) || basename(f, '.group-meta.xml'),
        doesIncludeBosses: bool(r.doesIncludeBosses)
      });
    }
    for (const f of walk(dir, '.cls')) {
      // ApexClass.ApiVersion is the class's apiVersion in its -meta.xml (Object Reference, ApexClass)
      const meta = `${f}-meta.xml`;
      const apiVersion = existsSync(meta) ? Number(str(readXml(meta).apiVersion)) || null : null;
      md.apexClasses.push({ name: basename(f, '.cls'), path: f, apiVersion });
    }
    for (const f of walk(dir, '.trigger'))
      md.apexTriggers.push({ name: basename(f, '.trigger'), path: f });
    for (const f of walk(dir, '.flow-meta.xml')) md.flows.push(basename(f, '.flow-meta.xml'));
    for (const f of walk(dir, '.cachePartition-meta.xml')) {
      // Metadata API, "PlatformCachePartition": isDefaultPartition, and per cacheType
      // (Organization, Session) the allocatedCapacity in MB.
      const r = readXml(f);
      const types = list(r.platformCachePartitionTypes);
      const cap = (t: string): number =>
        Number(str(types.find((x) => str(x.cacheType) === t)?.allocatedCapacity) || 0);
      md.cachePartitions.push({
        name: basename(f, '.cachePartition-meta.xml'),
        isDefault: bool(r.isDefaultPartition),
        orgCapacity: cap('Organization'),
        sessionCapacity: cap('Session')
      });
    }
  }
  return md;
}

function loadObjects(dir: string, md: Metadata): void {
  for (const objFile of walk(dir, '.object-meta.xml')) {
    const objDir = join(objFile, '..');
    const name = basename(objFile, '.object-meta.xml');
    const fields = walk(join(objDir, 'fields'), '.field-meta.xml')
      .filter((f) => !isStandardFieldSettings(f))
      .map((f) => parseField(f, name));
    if (!/__(c|mdt|e|b|x)$/.test(name)) {
      // A standard object folder only adds custom fields (the catalogue knows the rest).
      (md.standardObjectFields[name] ??= []).push(...fields);
      continue;
    }
    md.objects.push(buildCustomObject(name, readXml(objFile), fields));
  }
  // Validation rules, also those of a standard object whose folder has no .object-meta.xml
  // (objects/Account/validationRules/X.validationRule-meta.xml).
  for (const f of walk(dir, '.validationRule-meta.xml')) {
    const r = readXml(f);
    md.validationRules.push({
      object: basename(join(f, '..', '..')),
      name: basename(f, '.validationRule-meta.xml'),
      active: bool(r.active),
      formula: str(r.errorConditionFormula),
      message: str(r.errorMessage),
      field: str(r.errorDisplayField) || undefined
    });
  }
  // Record types, also those of a standard object whose folder has no .object-meta.xml
  // (objects/Lead/recordTypes/Partner.recordType-meta.xml).
  for (const f of walk(dir, '.recordType-meta.xml')) {
    const r = readXml(f);
    md.recordTypes.push({
      object: basename(join(f, '..', '..')),
      developerName: str(r.fullName) || basename(f, '.recordType-meta.xml'),
      label: str(r.label),
      active: bool(r.active),
      ...(r.description !== undefined ? { description: str(r.description) } : {})
    });
  }
  for (const f of walk(dir, '.fieldSet-meta.xml')) {
    const r = readXml(f);
    md.fieldSets.push({
      object: basename(join(f, '..', '..')),
      name: str(r.fullName) || basename(f, '.fieldSet-meta.xml'),
      label: str(r.label),
      description: str(r.description),
      fields: list(r.displayedFields).map((d) => ({
        path: str(d.field),
        required: bool(d.isRequired)
      }))
    });
  }
  // Fields of a standard object may also come without its .object-meta.xml.
  for (const fieldFile of walk(dir, '.field-meta.xml')) {
    const objName = basename(join(fieldFile, '..', '..'));
    if (
      /__(c|mdt|e|b|x)$/.test(objName) ||
      existsSync(join(fieldFile, '..', '..', `${objName}.object-meta.xml`))
    )
      continue;
    if (isStandardFieldSettings(fieldFile)) continue;
    const f = parseField(fieldFile, objName);
    const existing = (md.standardObjectFields[objName] ??= []);
    if (!existing.some((x) => x.name === f.name)) existing.push(f);
  }
}

/**
 * A standard field's file in source format (objects/Account/fields/AccountNumber.field-meta.xml)
 * carries its settings (history tracking, help text, a type such as Hierarchy the catalogue does not
 * use): the field itself is the platform's, described by the catalogue, so there is nothing to add.
 */
function isStandardFieldSettings(path: string): boolean {
  return !basename(path, '.field-meta.xml').includes('__');
}

function systemField(
  name: string,
  type: string,
  apexType: string,
  extra: Partial<CatalogField> = {}
): CatalogField {
  return {
    name,
    type,
    apexType,
    length: type === 'id' ? 18 : 0,
    nillable: name !== 'Id' && type !== 'boolean',
    createable: false,
    updateable: false,
    defaultedOnCreate: true,
    ...extra
  };
}

function buildCustomObject(
  name: string,
  o: Record<string, unknown>,
  fields: CatalogField[]
): CatalogObject {
  const kind = name.endsWith('__mdt')
    ? 'customMetadata'
    : name.endsWith('__e')
      ? 'platformEvent'
      : o.customSettingsType
        ? 'customSetting'
        : 'object';
  const all: Record<string, CatalogField> = {};
  const add = (f: CatalogField): void => {
    all[f.name] = f;
  };
  if (kind === 'platformEvent') {
    add(systemField('ReplayId', 'string', 'String', { length: 255 }));
    add(systemField('EventUuid', 'string', 'String', { length: 36 }));
    add(systemField('CreatedDate', 'datetime', 'Datetime'));
    add(
      systemField('CreatedById', 'reference', 'Id', {
        referenceTo: ['User'],
        relationshipName: 'CreatedBy'
      })
    );
  } else {
    add(systemField('Id', 'id', 'Id', { idLookup: true }));
    add(systemField('IsDeleted', 'boolean', 'Boolean'));
    add(systemField('CreatedDate', 'datetime', 'Datetime'));
    add(
      systemField('CreatedById', 'reference', 'Id', {
        referenceTo: ['User'],
        relationshipName: 'CreatedBy'
      })
    );
    add(systemField('LastModifiedDate', 'datetime', 'Datetime'));
    add(
      systemField('LastModifiedById', 'reference', 'Id', {
        referenceTo: ['User'],
        relationshipName: 'LastModifiedBy'
      })
    );
    add(systemField('SystemModstamp', 'datetime', 'Datetime'));
  }
  const nameField = o.nameField as Record<string, unknown> | undefined;
  if (kind === 'customMetadata') {
    add({
      name: 'DeveloperName',
      type: 'string',
      apexType: 'String',
      length: 40,
      nillable: false,
      createable: false,
      updateable: false,
      defaultedOnCreate: false
    });
    add({
      name: 'MasterLabel',
      type: 'string',
      apexType: 'String',
      length: 40,
      nillable: false,
      createable: false,
      updateable: false,
      defaultedOnCreate: false
    });
    add({
      name: 'Label',
      type: 'string',
      apexType: 'String',
      length: 40,
      nillable: false,
      createable: false,
      updateable: false,
      defaultedOnCreate: false
    });
    add({
      name: 'QualifiedApiName',
      type: 'string',
      apexType: 'String',
      length: 70,
      nillable: false,
      createable: false,
      updateable: false,
      defaultedOnCreate: false
    });
    add({
      name: 'NamespacePrefix',
      type: 'string',
      apexType: 'String',
      length: 15,
      nillable: true,
      createable: false,
      updateable: false,
      defaultedOnCreate: false
    });
  } else if (kind === 'customSetting') {
    add({
      name: 'Name',
      type: 'string',
      apexType: 'String',
      length: 38,
      nillable: o.customSettingsType === 'Hierarchy',
      createable: true,
      updateable: true,
      defaultedOnCreate: false,
      nameField: true
    });
    add({
      name: 'SetupOwnerId',
      type: 'reference',
      apexType: 'Id',
      length: 18,
      nillable: false,
      createable: true,
      updateable: true,
      defaultedOnCreate: true,
      referenceTo: ['Organization', 'Profile', 'User'],
      relationshipName: 'SetupOwner'
    });
  } else if (kind === 'object') {
    const auto = str(nameField?.type) === 'AutoNumber';
    add({
      name: 'Name',
      type: 'string',
      apexType: 'String',
      length: 80,
      nillable: auto,
      createable: !auto,
      updateable: !auto,
      defaultedOnCreate: auto,
      nameField: true,
      idLookup: true,
      label: str(nameField?.label) || 'Name',
      ...(auto
        ? {
            autoNumberFormat: str(nameField?.displayFormat),
            autoNumberStart: Number(str(nameField?.startingNumber) || '1')
          }
        : {})
    } as CatalogField);
    const controlled = str(o.sharingModel) === 'ControlledByParent';
    if (!controlled)
      add({
        name: 'OwnerId',
        type: 'reference',
        apexType: 'Id',
        length: 18,
        nillable: false,
        createable: true,
        updateable: true,
        defaultedOnCreate: true,
        referenceTo: ['Group', 'User'],
        relationshipName: 'Owner'
      });
    add(systemField('LastViewedDate', 'datetime', 'Datetime'));
    add(systemField('LastReferencedDate', 'datetime', 'Datetime'));
  }
  for (const f of fields) add(f);
  return {
    name,
    label: str(o.label) || name,
    labelPlural: str(o.pluralLabel) || str(o.label) || name,
    custom: true,
    createable: kind !== 'customMetadata',
    updateable: kind !== 'customMetadata' && kind !== 'platformEvent',
    deletable: kind !== 'customMetadata' && kind !== 'platformEvent',
    fields: all,
    childRelationships: [],
    kind,
    ...(o.customSettingsType
      ? { customSettingType: str(o.customSettingsType) as 'List' | 'Hierarchy' }
      : {}),
    ...(o.sharingModel ? { sharingModel: str(o.sharingModel) } : {}),
    ...(kind === 'platformEvent'
      ? {
          publishBehavior: (str(o.publishBehavior) || 'PublishImmediately') as
            'PublishAfterCommit' | 'PublishImmediately'
        }
      : {})
  };
}

const TYPE_MAP: Record<string, { type: string; apexType: string; length?: number }> = {
  Text: { type: 'string', apexType: 'String' },
  TextArea: { type: 'textarea', apexType: 'String', length: 255 },
  LongTextArea: { type: 'textarea', apexType: 'String' },
  Html: { type: 'textarea', apexType: 'String' },
  EncryptedText: { type: 'encryptedstring', apexType: 'String' },
  Email: { type: 'email', apexType: 'String', length: 80 },
  Phone: { type: 'phone', apexType: 'String', length: 40 },
  Url: { type: 'url', apexType: 'String', length: 255 },
  Picklist: { type: 'picklist', apexType: 'String', length: 255 },
  MultiselectPicklist: { type: 'multipicklist', apexType: 'String', length: 4099 },
  Checkbox: { type: 'boolean', apexType: 'Boolean' },
  Number: { type: 'double', apexType: 'Decimal' },
  Currency: { type: 'currency', apexType: 'Decimal' },
  Percent: { type: 'percent', apexType: 'Decimal' },
  Date: { type: 'date', apexType: 'Date' },
  DateTime: { type: 'datetime', apexType: 'Datetime' },
  Time: { type: 'time', apexType: 'Time' },
  Lookup: { type: 'reference', apexType: 'Id', length: 18 },
  MasterDetail: { type: 'reference', apexType: 'Id', length: 18 },
  MetadataRelationship: { type: 'string', apexType: 'String', length: 255 },
  AutoNumber: { type: 'string', apexType: 'String', length: 30 },
  Location: { type: 'location', apexType: 'Location' }
};

/**
 * A roll-up summary field's type (Salesforce Help, "Roll-Up Summary Field"): COUNT is a number; SUM,
 * MIN and MAX have the type of the summarized child field (read from the child object's source).
 * Its value is not computed (reading it in SOQL fails loudly: no formula engine).
 */
function summaryType(
  path: string,
  f: Record<string, unknown>
): { type: string; apexType: string; length?: number } {
  const op = str(f.summaryOperation).toLowerCase();
  const summarized = str(f.summarizedField);
  if (op === 'count' || !summarized.includes('.')) return TYPE_MAP.Number;
  const [child, field] = summarized.split('.');
  const childFile = join(path, '..', '..', '..', child, 'fields', `${field}.field-meta.xml`);
  const childType = existsSync(childFile) ? str(readXml(childFile).type) : '';
  return TYPE_MAP[childType] ?? TYPE_MAP.Number;
}

function parseField(path: string, objectName: string): CatalogField {
  const f = readXml(path);
  const name = str(f.fullName) || basename(path, '.field-meta.xml');
  const mdType = str(f.type);
  const formula = str(f.formula);
  const t = formula
    ? (TYPE_MAP[mdType === 'Checkbox' ? 'Checkbox' : mdType] ?? TYPE_MAP.Text)
    : mdType === 'Summary'
      ? summaryType(path, f)
      : TYPE_MAP[mdType];
  if (!t)
    throw new Error(
      `Unsupported by the local org: field type ${mdType} on ${objectName}.${name} (${path})`
    );
  const md = mdType === 'MasterDetail';
  const calculated = !!formula || mdType === 'Summary' || mdType === 'AutoNumber';
  const field: CatalogField = {
    name,
    type: t.type,
    apexType: t.apexType,
    length: Number(str(f.length)) || t.length || 0,
    nillable: !(md || bool(f.required)) && t.type !== 'boolean',
    createable: !calculated,
    updateable: !calculated && !(md && !bool(f.reparentableMasterDetail)),
    defaultedOnCreate:
      f.defaultValue !== undefined || t.type === 'boolean' || mdType === 'AutoNumber',
    label: str(f.label) || name
  };
  if (f.precision !== undefined) field.precision = Number(str(f.precision));
  if (f.scale !== undefined) field.scale = Number(str(f.scale));
  if (f.defaultValue !== undefined) field.defaultValue = str(f.defaultValue);
  if (mdType === 'Lookup' || md) {
    field.referenceTo = [str(f.referenceTo)];
    // Parent side: Connection__c → Connection__r; child side: <relationshipName>__r on the parent.
    field.relationshipName = name.replace(/__c$/, '__r');
    field.childRelationshipName = `${str(f.relationshipName) || name.replace(/__c$/, '')}__r`;
    if (md) {
      field.masterDetail = true;
      field.cascadeDelete = true;
    } else field.deleteConstraint = str(f.deleteConstraint) || 'SetNull';
    if (field.deleteConstraint === 'Cascade') field.cascadeDelete = true;
  }
  if (mdType === 'MetadataRelationship') {
    // A custom metadata relationship (Salesforce Help, "Custom Metadata Relationships"): the field
    // reads as text (the related record's Id, or an EntityDefinition/FieldDefinition durable Id) and
    // X__r follows it to the related custom metadata record, EntityDefinition or FieldDefinition.
    field.referenceTo = [str(f.referenceTo)];
    field.relationshipName = name.replace(/__c$/, '__r');
    field.childRelationshipName = `${str(f.relationshipName) || name.replace(/__c$/, '')}__r`;
    field.metadataRelationship = true;
    const controlling = str(f.metadataRelationshipControllingField);
    if (controlling)
      field.metadataControllingField = controlling.slice(controlling.indexOf('.') + 1);
  }
  if (mdType === 'Picklist' || mdType === 'MultiselectPicklist') {
    const vs = f.valueSet as Record<string, unknown> | undefined;
    const def = vs?.valueSetDefinition as Record<string, unknown> | undefined;
    const values = list(def?.value);
    field.picklistValues = values.map((v) => str(v.fullName));
    const dflt = values.find((v) => bool(v.default));
    if (dflt && field.defaultValue === undefined) {
      field.defaultValue = str(dflt.fullName);
      field.defaultedOnCreate = true;
    }
    if (bool(vs?.restricted)) field.restrictedPicklist = true;
    if (vs?.valueSetName) {
      // A picklist on a global value set takes that set's values and is always restricted
      // (Salesforce Help, "Create a Global Picklist Value Set").
      const global = globalValueSets?.get(str(vs.valueSetName).toLowerCase());
      if (!global)
        throw new Error(
          `Global value set ${str(vs.valueSetName)} of ${objectName}.${name} is not in the sources (${path})`
        );
      field.picklistValues = [...global.values];
      field.restrictedPicklist = true;
      if (global.defaultValue !== undefined && field.defaultValue === undefined) {
        field.defaultValue = global.defaultValue;
        field.defaultedOnCreate = true;
      }
    }
  }
  if (bool(f.unique)) field.unique = true;
  if (bool(f.caseSensitive)) field.caseSensitive = true;
  if (bool(f.externalId)) field.externalId = true;
  if (bool(f.externalId) || bool(f.unique)) field.idLookup = true;
  if (calculated) {
    field.calculated = true;
    if (formula) (field as CatalogField & { formula?: string }).formula = formula;
    if (mdType === 'AutoNumber')
      (field as CatalogField & { autoNumberFormat?: string }).autoNumberFormat = str(
        f.displayFormat
      );
    if (mdType === 'Summary') {
      (field as CatalogField & { summary?: string }).summary = str(f.summaryOperation);
      // What the formula engine needs to compute it (platform/formula/rollups.ts).
      Object.assign(field, {
        summarizedField: str(f.summarizedField) || undefined,
        summaryForeignKey: str(f.summaryForeignKey),
        summaryFilterItems: list(f.summaryFilterItems).map((i) => ({
          field: str(i.field),
          operation: str(i.operation),
          value: str(i.value)
        }))
      });
    }
    if (formula) {
      // "Treat blank fields as zeroes" (BlankAsZero) or "as blanks" (CustomField.formulaTreatBlanksAs).
      (field as CatalogField & { blankAsZero?: boolean }).blankAsZero =
        str(f.formulaTreatBlanksAs) !== 'BlankAsBlank';
      if (mdType === 'Percent') (field as CatalogField & { percent?: boolean }).percent = true;
    }
  }
  return field;
}

function parseCustomMetadata(path: string): CustomMetadataRecord {
  const r = readXml(path);
  const full = basename(path, '.md-meta.xml'); // Type.Record (type without __mdt)
  const dot = full.indexOf('.');
  const values: CustomMetadataRecord['values'] = {};
  for (const v of list(r.values)) {
    const raw = (Array.isArray(v.value) ? v.value[0] : v.value) as unknown;
    const nil =
      raw && typeof raw === 'object' && (raw as Record<string, string>)['@_xsi:nil'] === 'true';
    const type =
      raw && typeof raw === 'object' ? (raw as Record<string, string>)['@_xsi:type'] : undefined;
    const text =
      raw && typeof raw === 'object' ? str((raw as Record<string, string>)['#text']) : str(raw);
    values[str(v.field)] = nil
      ? null
      : type === 'xsd:boolean'
        ? text === 'true'
        : type === 'xsd:double' || type === 'xsd:int'
          ? Number(text)
          : text;
  }
  return {
    type: `${full.slice(0, dot)}__mdt`,
    developerName: full.slice(dot + 1),
    label: str(r.label),
    protected: bool(r.protected),
    values
  };
}

function parsePermissions(path: string, isProfile: boolean): PermissionSetMeta {
  const r = readXml(path);
  const suffix = isProfile ? '.profile-meta.xml' : '.permissionset-meta.xml';
  const p: PermissionSetMeta = {
    name: basename(path, suffix),
    label: str(r.label) || basename(path, suffix),
    isProfile,
    objects: {},
    fields: {},
    customPermissions: new Set(),
    classes: new Set(),
    externalCredentialPrincipals: new Set(),
    userPermissions: new Set(),
    recordTypes: {}
  };
  for (const o of list(r.objectPermissions)) {
    p.objects[str(o.object).toLowerCase()] = {
      read: bool(o.allowRead),
      create: bool(o.allowCreate),
      edit: bool(o.allowEdit),
      delete: bool(o.allowDelete),
      viewAll: bool(o.viewAllRecords),
      modifyAll: bool(o.modifyAllRecords)
    };
  }
  for (const f of list(r.fieldPermissions))
    p.fields[str(f.field).toLowerCase()] = { read: bool(f.readable), edit: bool(f.editable) };
  for (const c of list(r.customPermissions))
    if (bool(c.enabled)) p.customPermissions.add(str(c.name).toLowerCase());
  for (const c of list(r.classAccesses))
    if (bool(c.enabled)) p.classes.add(str(c.apexClass).toLowerCase());
  for (const c of list(r.externalCredentialPrincipalAccesses))
    if (bool(c.enabled))
      p.externalCredentialPrincipals.add(str(c.externalCredentialPrincipal).toLowerCase());
  for (const c of list(r.userPermissions))
    if (bool(c.enabled)) p.userPermissions.add(str(c.name).toLowerCase());
  // A permission set gives record types but never a default (Salesforce Help, "How Is Record
  // Type Access Specified?"): `default` is read from profiles only.
  for (const v of list(r.recordTypeVisibilities))
    p.recordTypes[str(v.recordType).toLowerCase()] = {
      visible: bool(v.visible),
      default: isProfile && bool(v.default)
    };
  return p;
}

function parseNamedCredential(path: string): NamedCredentialMeta {
  const r = readXml(path);
  const name = basename(path, '.namedCredential-meta.xml');
  const params = list(r.namedCredentialParameters);
  const param = (t: string): string | undefined => {
    const p = params.find((x) => str(x.parameterType) === t);
    return p ? str(p.parameterValue) || str(p.externalCredential) : undefined;
  };
  const legacy = r.endpoint !== undefined;
  return {
    name,
    label: str(r.label) || name,
    url: legacy ? str(r.endpoint) : (param('Url') ?? ''),
    externalCredential: legacy ? undefined : param('Authentication'),
    allowMergeFieldsInHeader: bool(r.allowMergeFieldsInHeader),
    allowMergeFieldsInBody: bool(r.allowMergeFieldsInBody),
    generateAuthorizationHeader:
      r.generateAuthorizationHeader === undefined ? true : bool(r.generateAuthorizationHeader),
    legacy
  };
}

function parseExternalCredential(path: string): ExternalCredentialMeta {
  const r = readXml(path);
  const name = basename(path, '.externalCredential-meta.xml');
  const principals: ExternalCredentialMeta['principals'] = [];
  const parameters: Record<string, string> = {};
  for (const p of list(r.externalCredentialParameters)) {
    if (
      str(p.parameterType) === 'NamedPrincipal' ||
      str(p.parameterType) === 'PerUserPrincipal' ||
      str(p.parameterType) === 'AwsStsPrincipal'
    ) {
      principals.push({
        name: str(p.parameterName),
        type: str(p.parameterType),
        sequence: Number(str(p.sequenceNumber) || '1')
      });
    } else parameters[str(p.parameterName) || str(p.parameterType)] = str(p.parameterValue);
  }
  return {
    name,
    label: str(r.label) || name,
    protocol: str(r.authenticationProtocol),
    principals,
    parameters
  };
}

function parseStaticResource(path: string): StaticResourceMeta {
  const r = readXml(path);
  const name = basename(path, '.resource-meta.xml');
  const dir = join(path, '..');
  const entries = readdirSync(dir);
  // The content is `name.ext` next to the meta file, or a folder `name/` (an archive resource the
  // source format keeps unzipped; it deploys as the zip of that folder).
  const file =
    entries.find((f) => f.startsWith(`${name}.`) && !f.endsWith('-meta.xml')) ??
    entries.find((f) => f === name);
  if (!file) throw new Error(`Static resource ${name} has no content file next to ${path}`);
  const full = join(dir, file);
  if (statSync(full).isDirectory())
    return { name, contentType: str(r.contentType) || 'application/zip', body: zipFolder(full) };
  return { name, contentType: str(r.contentType), body: readFileSync(full) };
}

/** A folder as a zip archive (entries stored uncompressed, paths relative to the folder, sorted). */
export function zipFolder(root: string): Buffer {
  const files: { name: Buffer; data: Buffer }[] = [];
  const visit = (d: string, prefix: string): void => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) visit(p, `${prefix}${e}/`);
      else files.push({ name: Buffer.from(`${prefix}${e}`, 'utf8'), data: readFileSync(p) });
    }
  };
  visit(root, '');
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const crc = crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(f.data.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(f.name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(f.data.length, 20);
    central.writeUInt32LE(f.data.length, 24);
    central.writeUInt16LE(f.name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, f.name, f.data);
    centrals.push(central, f.name);
    offset += 30 + f.name.length + f.data.length;
  }
  const dirSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
