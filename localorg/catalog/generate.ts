// Generates catalog/standard-objects.json from the Apex Dev Tools SObject type tables (the
// sobject-types jar shipped with @salesforce/code-analyzer-pmd-engine), then overlays the facts
// the jar lacks from overlay.ts. Run: `npx tsx localorg/catalog/generate.ts` (needs `javap`, Java 11+).
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OBJECT_OVERLAY, SYSTEM_FIELDS, type FieldOverlay } from './overlay.ts';
import type { CatalogField, CatalogObject, Catalog } from '../src/platform/schema/catalog-types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const libDir = join(root, 'node_modules/@salesforce/code-analyzer-pmd-engine/dist/java-lib');
const jarName = readdirSync(libDir).find((f) => /^sobject-types-.*\.jar$/.test(f));
if (!jarName) throw new Error(`sobject-types jar not found in ${libDir}`);
const jar = join(libDir, jarName);
const PKG = 'com.nawforce.runforce.SObjects.';

// The objects issue 5 requires, plus the setup objects the security and async modules read.
const OBJECTS = [
  'Account',
  'Contact',
  'Lead',
  'Opportunity',
  'OpportunityLineItem',
  'Case',
  'Task',
  'Event',
  'User',
  'Profile',
  'PermissionSet',
  'PermissionSetAssignment',
  'PermissionSetGroup',
  'PermissionSetGroupComponent',
  'Group',
  'GroupMember',
  'UserRole',
  'RecordType',
  'Product2',
  'Pricebook2',
  'PricebookEntry',
  'ContentVersion',
  'ContentDocument',
  'ContentDocumentLink',
  'Attachment',
  'Note',
  'AsyncApexJob',
  'CronTrigger',
  'CronJobDetail',
  'Organization',
  'CustomPermission',
  'SetupEntityAccess',
  'ApexClass',
  'NamedCredential',
  'CustomNotificationType',
  'StaticResource',
  // Objects public suites use (issue 14): marketing, file sharing, the permission objects derived from
  // loaded permission sets and profiles, and the metadata catalogue custom metadata relationships point to.
  'Campaign',
  'CampaignMember',
  'ContentDistribution',
  'ObjectPermissions',
  'FieldPermissions',
  'EntityDefinition',
  'FieldDefinition',
  // fflib-apex-common's selector tests (issue 14): Contract, and the licence object its security tests read.
  'Contract',
  'UserLicense',
  'ListEmail',
  // Objects NebulaLogger reads (issue 14): queues and topics, Apex triggers, login history and
  // sessions, email messages and Apex error notifications, contact point addresses.
  'QueueSobject',
  'Topic',
  'ApexTrigger',
  'LoginHistory',
  'AuthSession',
  'EmailMessage',
  'ApexEmailNotification',
  'ContactPointAddress',
  // The org's Platform Cache partitions (apex-recipes' OrgShape queries them).
  'PlatformCachePartition',
  // A case's comments (fflib-apex-common's selector tests, NebulaLogger's related-record tests).
  'CaseComment',
  // The flows of the org (NebulaLogger's log entry handler reads their API names and versions).
  'FlowDefinitionView',
  'FlowVersionView',
  // A topic's assignments to records (NebulaLogger tags log entries with topics).
  'TopicAssignment',
  // The platform event of failed batch jobs (NebulaLogger's async-failure plugin subscribes to it).
  'BatchApexErrorEvent'
];

interface RawField {
  name: string;
  javaType: string;
  isArray: boolean;
}

function javap(classes: string[]): Map<string, RawField[]> {
  const out = execFileSync('javap', ['-p', '-cp', jar, ...classes.map((c) => PKG + c)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  });
  const result = new Map<string, RawField[]>();
  let current: RawField[] | undefined;
  for (const line of out.split('\n')) {
    const cls = /^public class com\.nawforce\.runforce\.SObjects\.(\w+) /.exec(line);
    const [, className] = cls ?? [];
    if (className !== undefined) {
      current = [];
      result.set(className, current);
      continue;
    }
    const [, javaType, arrayMark, name] = /^ {2}public ([\w.$]+)(\[\])? (\w+);$/.exec(line) ?? [];
    if (javaType !== undefined && name !== undefined && current)
      current.push({ javaType, isArray: arrayMark !== undefined, name });
  }
  return result;
}

const SCALAR: Record<string, { soapType: string; type: string }> = {
  'System.String': { soapType: 'xsd:string', type: 'string' },
  'System.Boolean': { soapType: 'xsd:boolean', type: 'boolean' },
  'System.Decimal': { soapType: 'xsd:double', type: 'double' },
  'System.Double': { soapType: 'xsd:double', type: 'double' },
  'System.Integer': { soapType: 'xsd:int', type: 'int' },
  'System.Long': { soapType: 'xsd:long', type: 'long' },
  'System.Date': { soapType: 'xsd:date', type: 'date' },
  'System.Datetime': { soapType: 'xsd:dateTime', type: 'datetime' },
  'System.Time': { soapType: 'xsd:time', type: 'time' },
  'System.Blob': { soapType: 'xsd:base64Binary', type: 'base64' },
  'System.Id': { soapType: 'tns:ID', type: 'reference' },
  'SObjects.Address': { soapType: 'urn:address', type: 'address' },
  'SObjects.Location': { soapType: 'urn:location', type: 'location' },
  'java.lang.Object': { soapType: 'urn:ChangeEventHeader', type: 'complexvalue' }
};

function shortType(javaType: string): string {
  return javaType.replace('com.nawforce.runforce.', '');
}

function buildObject(name: string, raw: RawField[], isChangeEvent: boolean): CatalogObject {
  const overlay = isChangeEvent ? {} : (OBJECT_OVERLAY[name] ?? {});
  const byName = new Map(raw.map((f) => [f.name, f]));
  const fields: Record<string, CatalogField> = {};
  const childRelationships: CatalogObject['childRelationships'] = [];
  for (const f of raw) {
    const t = shortType(f.javaType);
    if (f.isArray) {
      if (t.startsWith('SObjects.'))
        childRelationships.push({ relationshipName: f.name, childSObject: t.slice(9), field: '' });
      continue;
    }
    const scalar = SCALAR[t];
    if (!scalar) continue; // relationship objects (Owner, Account...) are described by their Id field
    const fo: FieldOverlay = overlay.fields?.[f.name] ?? {};
    let type = fo.type ?? scalar.type;
    let referenceTo: string[] = [];
    let relationshipName: string | undefined;
    if (t === 'System.Id') {
      if (f.name === 'Id') type = 'id';
      const relName = f.name.endsWith('Id') ? f.name.slice(0, -2) : undefined;
      const rel = relName ? byName.get(relName) : undefined;
      if (rel && !rel.isArray) {
        relationshipName = relName;
        const target = shortType(rel.javaType).replace('SObjects.', '');
        referenceTo = fo.referenceTo ?? (target === 'Name' ? ['User'] : [target]);
      } else if (f.name !== 'Id') {
        referenceTo = fo.referenceTo ?? [];
        if (!fo.referenceTo) type = 'reference';
      }
    }
    const system = SYSTEM_FIELDS.has(f.name);
    // Compound address and location fields are read-only: their component fields are written
    // (Object Reference, "Compound Fields").
    const compound = type === 'address' || type === 'location';
    const readOnly = system || !!fo.readOnly || isChangeEvent || compound;
    const field: CatalogField = {
      name: f.name,
      type,
      apexType: t.replace(/^(System|SObjects)\./, ''),
      length:
        type === 'string' ||
        type === 'picklist' ||
        type === 'textarea' ||
        type === 'email' ||
        type === 'phone' ||
        type === 'url' ||
        type === 'combobox' ||
        type === 'multipicklist'
          ? (fo.length ?? 255)
          : 0,
      nillable: !fo.required && type !== 'boolean' && f.name !== 'Id',
      createable: !readOnly,
      updateable: !readOnly && !fo.createOnly,
      defaultedOnCreate:
        system || fo.defaultValue !== undefined || type === 'boolean' || f.name === 'OwnerId'
    };
    // Labels: the Object Reference's where overlaid, else the API name in words ("AccountId" → "Account ID").
    field.label =
      fo.label ??
      (f.name === 'Id'
        ? `${name} ID`
        : f.name
            .replace(/Id$/, ' ID')
            .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
            .trim());
    if (type === 'id') field.length = 18;
    if (referenceTo.length) field.referenceTo = referenceTo;
    if (relationshipName) field.relationshipName = relationshipName;
    if (fo.picklist) field.picklistValues = fo.picklist;
    if (fo.restricted) field.restrictedPicklist = true;
    if (fo.defaultValue !== undefined) field.defaultValue = fo.defaultValue;
    if (fo.unique) field.unique = true;
    if (fo.externalId) field.externalId = true;
    if (fo.idLookup || f.name === 'Id') field.idLookup = true;
    if (fo.cascadeDelete) field.cascadeDelete = true;
    if (fo.personAccount) field.personAccount = true;
    if (fo.durableRelationship) {
      field.metadataRelationship = true;
      field.referenceTo = [fo.durableRelationship.to];
      field.relationshipName = fo.durableRelationship.name;
    }
    if (f.name === 'Name' || f.name === (overlay.nameField ?? '')) field.nameField = true;
    fields[f.name] = field;
  }
  const obj: CatalogObject = {
    name,
    label: overlay.label ?? name.replace(/([a-z])([A-Z])/g, '$1 $2'),
    labelPlural: overlay.labelPlural ?? `${name.replace(/([a-z])([A-Z])/g, '$1 $2')}s`,
    custom: false,
    createable: !isChangeEvent && overlay.createable !== false,
    updateable: !isChangeEvent && overlay.updateable !== false,
    deletable: !isChangeEvent && overlay.deletable !== false,
    fields,
    childRelationships
  };
  if (overlay.keyPrefix) obj.keyPrefix = overlay.keyPrefix;
  if (overlay.platformEvent) {
    obj.kind = 'platformEvent';
    obj.publishBehavior = 'PublishImmediately';
  }
  if (isChangeEvent) obj.changeEventFor = name.replace(/ChangeEvent$/, '');
  return obj;
}

const changeEvents = OBJECTS.map((o) => `${o}ChangeEvent`);
const listed = execFileSync('unzip', ['-Z1', jar], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024
});
const available = new Set(
  listed
    .split('\n')
    .filter((l) => l.startsWith('com/nawforce/runforce/SObjects/'))
    .map((l) => l.slice(31, -6))
);
const wanted = [...OBJECTS, ...changeEvents.filter((c) => available.has(c))];
const raw = javap(wanted);
const catalog: Catalog = { source: jarName, objects: {} };
for (const name of wanted) {
  const r = raw.get(name);
  if (!r) throw new Error(`javap gave no fields for ${name}`);
  catalog.objects[name] = buildObject(name, r, name.endsWith('ChangeEvent'));
}
// EntityDefinition.Fields, the object's FieldDefinitions (Object Reference, "EntityDefinition";
// not in the jar, which lists only the child relationships typed as SObject arrays).
catalog.objects.EntityDefinition?.childRelationships.push({
  relationshipName: 'Fields',
  childSObject: 'FieldDefinition',
  field: ''
});
// Child relationships: keep those whose child is in the catalogue and whose lookup is unambiguous.
for (const parent of Object.values(catalog.objects)) {
  parent.childRelationships = parent.childRelationships.flatMap((cr) => {
    const child = catalog.objects[cr.childSObject];
    if (!child || child.changeEventFor) return [];
    // Person Account relationships (PersonCases...) exist only with Person Accounts enabled.
    if (parent.name === 'Account' && cr.relationshipName.startsWith('Person')) return [];
    // Derived read-only lookups (Task.AccountId) are not what a child relationship follows (Task.WhatId is).
    // EntityDefinition.Fields follows FieldDefinition.EntityDefinitionId, which holds a DurableId.
    const lookups = Object.values(child.fields).filter(
      (f) =>
        (f.type === 'reference' || f.metadataRelationship) &&
        f.createable &&
        f.referenceTo?.includes(parent.name)
    );
    const field =
      lookups.length === 1 ? lookups[0] : lookups.find((f) => f.relationshipName === parent.name);
    if (!field) return [];
    return [
      {
        relationshipName: cr.relationshipName,
        childSObject: cr.childSObject,
        field: field.name,
        cascadeDelete: !!field.cascadeDelete
      }
    ];
  });
}
writeFileSync(join(here, 'standard-objects.json'), JSON.stringify(catalog) + '\n');
console.log(`wrote ${Object.keys(catalog.objects).length} objects from ${jarName}`);
