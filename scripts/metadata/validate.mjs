// @ts-check
// The metadata validator: what a deploy would reject and `sf project convert source` lets through.
// Every *-meta.xml of the package directories is well-formed, has the right root element and
// namespace, is named as its API name says; custom objects and fields carry the elements their type
// needs; every reference between components (permission sets, layouts, flexipages, tabs, apps,
// fields) resolves to a component of the project or a standard object or field (API 65 tables).
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { listFiles, packageDirectories } from '../lib/files.mjs';
import { KINDS, METADATA_NS, apiNameOf, suffixOf } from './types.mjs';
import { checkField, checkObject, text } from './fields.mjs';
import { referencesOf } from './references.mjs';
import { SCHEMA_SOURCE, checkAgainstSchema } from './schema.mjs';

/**
 * @typedef {Record<string, unknown>} Xml
 * @typedef {{ type: string, name: string, file: string, source: string, xml: Xml }} Component
 * @typedef {{ fields: Set<string>, undeletable: Set<string>, recordTypes: Set<string>, defined: boolean }} ObjectInfo
 */

/** Standard fields every custom object has. */
const CUSTOM_OBJECT_FIELDS = [
  'Id',
  'Name',
  'OwnerId',
  'CreatedById',
  'CreatedDate',
  'LastModifiedById',
  'LastModifiedDate',
  'SystemModstamp',
  'IsDeleted',
  'RecordTypeId',
  'LastActivityDate',
  'LastViewedDate',
  'LastReferencedDate',
  'CurrencyIsoCode'
];

/** @type {{ objects: Record<string, string[]> } | null} */
let standardCache = null;

/** @returns {{ objects: Record<string, string[]> }} */
function standard() {
  if (!standardCache) {
    const file = new URL('./standard-sobjects.json', import.meta.url);
    standardCache = JSON.parse(fs.readFileSync(file, 'utf8'));
  }
  return /** @type {{ objects: Record<string, string[]> }} */ (standardCache);
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: true
});

/**
 * The 1-based line of the first occurrence of `needle` in `source` (1 when absent).
 * @param {string} source
 * @param {string} needle
 * @returns {number}
 */
function lineOf(source, needle) {
  const at = source.indexOf(needle);
  return at < 0 ? 1 : source.slice(0, at).split('\n').length;
}

/**
 * Reads, checks and parses every metadata file; returns the components and the problems so far.
 * @param {string} root
 * @param {string[]} files
 * @param {string[]} problems
 * @returns {Component[]}
 */
function readComponents(root, files, problems) {
  /** @type {Component[]} */
  const components = [];
  for (const file of files) {
    const suffix = suffixOf(file);
    const kind = suffix ? KINDS[suffix] : undefined;
    if (!suffix || !kind) {
      problems.push(
        `${file}:1:1: metadata/unknown-type: no metadata type known for suffix "${suffix}" (add it to scripts/metadata/types.mjs)`
      );
      continue;
    }
    const source = fs.readFileSync(path.join(root, file), 'utf8');
    const valid = XMLValidator.validate(source);
    if (valid !== true) {
      problems.push(
        `${file}:${valid.err.line}:${valid.err.col}: metadata/xml: ${valid.err.code}: ${valid.err.msg}`
      );
      continue;
    }
    const doc = parser.parse(source);
    const roots = Object.keys(doc).filter((k) => !k.startsWith('?'));
    if (roots.length !== 1 || roots[0] !== kind.root) {
      problems.push(
        `${file}:${lineOf(source, `<${roots[0]}`)}:1: metadata/root: root element is <${roots.join(', ')}>, a ${kind.type} needs <${kind.root}>`
      );
      continue;
    }
    const xml = /** @type {Xml} */ (doc[kind.root] === '' ? {} : doc[kind.root]);
    if (xml['@_xmlns'] !== METADATA_NS) {
      problems.push(
        `${file}:${lineOf(source, `<${kind.root}`)}:1: metadata/namespace: <${kind.root}> needs xmlns="${METADATA_NS}", has "${xml['@_xmlns'] ?? ''}"`
      );
    }
    components.push({ type: kind.type, name: apiNameOf(file, kind, suffix), file, source, xml });
  }
  return components;
}

/**
 * Names inside files and companion files: fullName, class name, bundle contents.
 * @param {string} root
 * @param {Component} c
 * @returns {string[]}
 */
function checkNaming(root, c) {
  /** @type {string[]} */
  const problems = [];
  const fullName = text(c.xml.fullName);
  const expected =
    c.type === 'CustomField' || c.file.includes('/objects/') ? c.name.split('.').pop() : c.name;
  if (fullName && fullName !== expected && fullName !== c.name) {
    problems.push(
      `${c.file}:${lineOf(c.source, '<fullName>')}:1: metadata/name: <fullName>${fullName}</fullName> does not match the file name ${expected}`
    );
  }
  const suffix = /** @type {string} */ (suffixOf(c.file));
  const kind = KINDS[suffix];
  if (kind.source) {
    const companion = path.join(root, c.file.replace(/-meta\.xml$/, ''));
    if (!fs.existsSync(companion)) {
      problems.push(
        `${c.file}:1:1: metadata/companion: ${path.basename(companion)} is missing beside its -meta.xml`
      );
    } else if (c.type === 'ApexClass' || c.type === 'ApexTrigger') {
      const code = fs
        .readFileSync(companion, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      const keyword = c.type === 'ApexClass' ? '(?:class|interface|enum)' : 'trigger';
      const declared = new RegExp(`\\b${keyword}\\s+(\\w+)`, 'i').exec(code)?.[1];
      if (declared && declared.toLowerCase() !== c.name.toLowerCase()) {
        problems.push(
          `${c.file.replace(/-meta\.xml$/, '')}:1:1: metadata/name: declares ${declared}, the file is named ${c.name}`
        );
      }
    }
    if (!text(c.xml.apiVersion))
      problems.push(`${c.file}:1:1: metadata/apiVersion: a ${c.type} needs <apiVersion>`);
  }
  if (c.type === 'LightningComponentBundle') {
    const dir = path.dirname(path.join(root, c.file));
    const base = path.basename(c.file, '.js-meta.xml');
    if (base !== c.name) {
      problems.push(
        `${c.file}:1:1: metadata/name: the bundle folder is ${c.name}, its meta file is ${base}.js-meta.xml`
      );
    }
    if (
      !fs.existsSync(path.join(dir, `${c.name}.ts`)) &&
      !fs.existsSync(path.join(dir, `${c.name}.js`))
    ) {
      problems.push(
        `${c.file}:1:1: metadata/companion: LWC ${c.name} has no ${c.name}.ts or ${c.name}.js`
      );
    }
    if (!text(c.xml.apiVersion))
      problems.push(`${c.file}:1:1: metadata/apiVersion: a ${c.type} needs <apiVersion>`);
  }
  return problems;
}

/**
 * Source files (Foo.cls, Foo.trigger...) without their -meta.xml.
 * @param {string[]} all every file of the package directories
 * @returns {string[]}
 */
function orphanSources(all) {
  const present = new Set(all);
  return all
    .filter((f) => /\.(cls|trigger|page|component)$/.test(f) && !present.has(`${f}-meta.xml`))
    .map((f) => `${f}:1:1: metadata/companion: ${path.posix.basename(f)}-meta.xml is missing`);
}

/**
 * The objects of the project: fields, required fields, record types.
 * @param {Component[]} components
 * @returns {Map<string, ObjectInfo>}
 */
function objectIndex(components) {
  /** @type {Map<string, ObjectInfo>} */
  const objects = new Map();
  /** @param {string} name */
  const get = (name) => {
    let o = objects.get(name);
    if (!o) {
      o = { fields: new Set(), undeletable: new Set(), recordTypes: new Set(), defined: false };
      objects.set(name, o);
    }
    return o;
  };
  for (const c of components) {
    if (c.type === 'CustomObject') get(c.name).defined = true;
    if (c.type === 'CustomField') {
      const [object, field] = c.name.split('.');
      const o = get(object);
      o.fields.add(field);
      // Required and master-detail fields are always readable and editable: a permission set
      // naming them fails to deploy.
      if (text(c.xml.required) === 'true' || text(c.xml.type) === 'MasterDetail')
        o.undeletable.add(field);
    }
    if (c.type === 'RecordType') get(c.name.split('.')[0]).recordTypes.add(c.name.split('.')[1]);
  }
  return objects;
}

/**
 * Whether a reference resolves; a reason when it does not.
 * @param {import('./references.mjs').Reference} ref
 * @param {Map<string, Map<string, Component>>} byType
 * @param {Map<string, ObjectInfo>} objects
 * @returns {string | null}
 */
function unresolved(ref, byType, objects) {
  const std = standard().objects;
  const objectExists = (/** @type {string} */ name) =>
    objects.get(name)?.defined === true || (!name.includes('__') && name in std);
  switch (ref.kind) {
    case 'object':
      return objectExists(ref.value) ? null : `object ${ref.value} does not exist`;
    case 'field': {
      const [object, field] = ref.value.split('.');
      if (!field) return `"${ref.value}" is not Object.Field`;
      if (!objectExists(object)) return `object ${object} (of field ${ref.value}) does not exist`;
      if (objects.get(object)?.fields.has(field)) return null;
      if (field.endsWith('__c')) return `field ${ref.value} does not exist`;
      const standardFields = object.includes('__') ? CUSTOM_OBJECT_FIELDS : (std[object] ?? []);
      return standardFields.includes(field) ? null : `standard field ${ref.value} does not exist`;
    }
    case 'RecordType': {
      const [object, recordType] = ref.value.split('.');
      return objects.get(object)?.recordTypes.has(recordType)
        ? null
        : `record type ${ref.value} does not exist`;
    }
    case 'CustomTab':
      if (ref.value.startsWith('standard-')) return null;
      return byType.get('CustomTab')?.has(ref.value) ? null : `tab ${ref.value} does not exist`;
    case 'CustomApplication':
      if (ref.value.startsWith('standard__')) return null;
      return byType.get('CustomApplication')?.has(ref.value)
        ? null
        : `app ${ref.value} does not exist`;
    default:
      return byType.get(ref.kind)?.has(ref.value)
        ? null
        : `${ref.kind} ${ref.value} does not exist`;
  }
}

/**
 * Validates every metadata file of the project's package directories.
 * @param {string} root
 * @returns {{ files: number, components: number, problems: string[] }}
 */
export function validateMetadata(root) {
  const all = packageDirectories(root).flatMap((d) => listFiles(root, d));
  const files = all.filter((f) => f.endsWith('-meta.xml'));
  /** @type {string[]} */
  const problems = [];
  const components = readComponents(root, files, problems);
  problems.push(...orphanSources(all));
  /** @type {Map<string, Map<string, Component>>} */
  const byType = new Map();
  for (const c of components) {
    if (!byType.has(c.type)) byType.set(c.type, new Map());
    const named = /** @type {Map<string, Component>} */ (byType.get(c.type));
    const twin = named.get(c.name);
    if (twin)
      problems.push(
        `${c.file}:1:1: metadata/duplicate: ${c.type} ${c.name} is also defined in ${twin.file}`
      );
    named.set(c.name, c);
  }
  const objects = objectIndex(components);
  for (const c of components) {
    problems.push(...checkNaming(root, c));
    for (const p of checkAgainstSchema(c.type, c.xml)) {
      const line =
        p.value === undefined
          ? lineOf(c.source, `<${p.element}`)
          : lineOf(c.source, `<${p.element}>${p.value}<`);
      problems.push(
        `${c.file}:${line}:1: metadata/schema: ${p.path}: ${p.message} (Metadata API ${SCHEMA_SOURCE.apiVersion}, ${SCHEMA_SOURCE.package})`
      );
    }
    /** @type {string[]} */
    const own = [];
    if (c.type === 'CustomObject') own.push(...checkObject(c.xml, c.name));
    if (c.type === 'CustomField') {
      const [object] = c.name.split('.');
      own.push(...checkField(c.xml, object));
      if (!objects.get(object)?.defined && object.includes('__')) {
        own.push(`field/object: the object ${object} has no ${object}.object-meta.xml`);
      }
    }
    const ownLine = c.type === 'CustomField' ? lineOf(c.source, '<type>') : 1;
    for (const p of own) problems.push(`${c.file}:${ownLine}:1: ${p}`);
    for (const ref of referencesOf(c.type, c.name, c.xml)) {
      const reason = unresolved(ref, byType, objects);
      const line = lineOf(c.source, `>${ref.value}<`);
      if (reason) {
        problems.push(
          `${c.file}:${line}:1: metadata/reference: <${ref.element}>${ref.value}</${ref.element}>: ${reason}`
        );
      } else if (ref.kind === 'field' && (c.type === 'PermissionSet' || c.type === 'Profile')) {
        const [object, field] = ref.value.split('.');
        if (objects.get(object)?.undeletable.has(field)) {
          problems.push(
            `${c.file}:${line}:1: metadata/reference: <field>${ref.value}</field>: required and master-detail fields cannot have field permissions (deploy error)`
          );
        }
      }
    }
  }
  return { files: files.length, components: components.length, problems };
}

/** @type {Record<string, string>} */
const FOLDER_TYPES = { ReportFolder: 'Report', DashboardFolder: 'Dashboard' };

/**
 * The components `sf project convert source` packages, as `Type:FullName` (for the comparison test).
 * @param {string} root
 * @param {string[]} dirs
 * @returns {string[]}
 */
export function componentList(root, dirs) {
  const files = dirs.flatMap((d) => listFiles(root, d)).filter((f) => f.endsWith('-meta.xml'));
  /** @type {string[]} */
  const problems = [];
  // package.xml names a report or dashboard folder under Report/Dashboard, with a trailing slash
  const listed = (/** @type {{ type: string, name: string }} */ c) =>
    FOLDER_TYPES[c.type] ? `${FOLDER_TYPES[c.type]}:${c.name}/` : `${c.type}:${c.name}`;
  const names = readComponents(root, files, problems).map(listed);
  return [...new Set(names)].sort();
}
