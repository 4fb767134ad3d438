// Loads an org's metadata from SFDX source folders (objects, fields, record types, custom metadata,
// custom settings, labels, platform events, permission sets, profiles, custom permissions, named and
// external credentials, static resources). Metadata shapes: Metadata API Developer Guide (docs
// corpus: CustomObject, CustomField, RecordType, CustomMetadata, CustomLabels, PermissionSet,
// Profile, CustomPermission, NamedCredential, ExternalCredential, StaticResource).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import type { CatalogField, CatalogObject } from './catalog-types.ts';
import type { Metadata } from './metadata-types.ts';
import { bool, list, readXml, str } from './metadata-xml.ts';
import { parseField, picklistLabelsOf, type GlobalValueSets } from './metadata-fields.ts';
import {
  parseCustomMetadata,
  parseExternalCredential,
  parseNamedCredential,
  parsePermissions,
  parseStaticResource
} from './metadata-setup.ts';

export type * from './metadata-types.ts';
export { zipFolder } from './metadata-setup.ts';

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
    sharingReasons: [],
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
let globalValueSets: GlobalValueSets | null = null;

function loadAll(dirs: string[]): Metadata {
  const md = emptyMetadata();
  for (const dir of dirs) {
    if (!existsSync(dir)) throw new Error(`Source directory not found: ${dir}`);
    for (const f of walk(dir, '.globalValueSet-meta.xml')) {
      const values = list(readXml(f).customValue);
      const dflt = values.find((v) => bool(v.default));
      const labels = picklistLabelsOf(values);
      globalValueSets?.set(basename(f, '.globalValueSet-meta.xml').toLowerCase(), {
        values: values.map((v) => str(v.fullName)),
        ...(dflt ? { defaultValue: str(dflt.fullName) } : {}),
        ...(labels ? { labels } : {})
      });
    }
  }
  for (const dir of dirs) {
    loadObjects(dir, md);
    for (const f of walk(dir, '.md-meta.xml')) md.customMetadata.push(parseCustomMetadata(f));
    for (const f of walk(dir, '.labels-meta.xml')) {
      for (const l of list(readXml(f).labels)) {
        md.labels[str(l.fullName)] = str(l.value);
        if (bool(l.protected)) (md.protectedLabels ??= []).push(str(l.fullName));
      }
    }
    for (const f of walk(dir, '.permissionset-meta.xml'))
      md.permissionSets.push(parsePermissions(f, false));
    for (const f of walk(dir, '.permissionsetgroup-meta.xml')) {
      const x = readXml(f);
      (md.permissionSetGroups ??= []).push({
        name: basename(f, '.permissionsetgroup-meta.xml'),
        label: str(x.label),
        ...(x.description ? { description: str(x.description) } : {}),
        status: str(x.status) || 'Updated',
        permissionSets: list(x.permissionSets).map((v) => str(v)),
        mutingPermissionSets: list(x.mutingPermissionSets).map((v) => str(v))
      });
    }
    for (const f of walk(dir, '.profile-meta.xml')) md.profiles.push(parsePermissions(f, true));
    for (const f of walk(dir, '.customPermission-meta.xml')) {
      md.customPermissions.push({
        name: basename(f, '.customPermission-meta.xml'),
        label: str(readXml(f).label)
      });
    }
    for (const f of walk(dir, '.namedCredential-meta.xml'))
      md.namedCredentials.push(parseNamedCredential(f));
    for (const f of walk(dir, '.remoteSite-meta.xml')) {
      const r = readXml(f);
      (md.remoteSites ??= []).push({
        name: basename(f, '.remoteSite-meta.xml'),
        url: str(r.url),
        active: bool(r.isActive)
      });
    }
    for (const f of walk(dir, '.externalCredential-meta.xml'))
      md.externalCredentials.push(parseExternalCredential(f));
    for (const f of walk(dir, '.resource-meta.xml')) {
      // the folder's names from the listing already made (a content file, or a folder resource)
      const folder = join(f, '..');
      const names = filesUnder(folder).map((p) => p.slice(folder.length + 1).split(sep)[0]);
      md.staticResources.push(parseStaticResource(f, [...new Set(names)]));
    }
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
      .map((f) => parseField(f, name, globalValueSets));
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
  // Apex sharing reasons: RowCause values of the object's share object (share-objects.ts).
  for (const f of walk(dir, '.sharingReason-meta.xml')) {
    const name = basename(f, '.sharingReason-meta.xml');
    md.sharingReasons.push({
      object: basename(join(f, '..', '..')),
      name,
      label: str(readXml(f).label) || name
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
    const f = parseField(fieldFile, objName, globalValueSets);
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
      // a text name left blank on insert takes the record's Id (dml/engine.ts), so it is defaulted
      defaultedOnCreate: true,
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
