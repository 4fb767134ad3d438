// One org's schema: the standard catalogue plus the org's own metadata, with case-insensitive
// lookups, key prefixes and child relationships (what Schema.getGlobalDescribe() exposes).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalog, CatalogField, CatalogObject } from './catalog-types.ts';
import type { Metadata } from './metadata.ts';
import { shareObjectDef, shareObjectName } from './share-objects.ts';
import { PARTNER_NETWORK_OBJECTS } from '../../../catalog/partner-network.ts';
import { hasNamespacePrefix } from './metadata-namespace.ts';
import { CONTENT_LINKS_RELATIONSHIP, patchContentCatalog } from '../content/catalog.ts';

/**
 * The namespace names are resolved in now: that of the Apex code naming them (a managed package's
 * code names its own objects and fields without the prefix, Apex Developer Guide, "Namespace
 * Prefix": "the parser assumes that the namespace of the current object is the namespace of all
 * other objects and fields unless otherwise specified"), null for the org's own code and callers
 * outside Apex (REST, the TypeScript API), which name the package's schema with its prefix.
 */
export interface NameContext {
  namespace(): string | null;
}

/** A custom name the calling namespace may complete: `Name__c` / `Name__r` / `X__e`..., no prefix. */
const IMPLICIT = /__(c|r|e|mdt|b|x|share|changeevent)$/;

/** `map`'s entry for `lc`, trying the calling namespace's `ns__lc` first (see NameContext). */
function implicit<T>(map: Map<string, T>, lc: string, ctx: NameContext): T | undefined {
  const ns = ctx.namespace();
  if (ns && IMPLICIT.test(lc) && !hasNamespacePrefix(lc)) {
    const own = map.get(`${ns}__${lc}`);
    if (own) return own;
  }
  return map.get(lc);
}

/** No namespace: names resolve as written (an org without packages, or before one is installed). */
const NO_NAMESPACE: NameContext = { namespace: () => null };

/** The namespace fixed by `Schema.names.within` (a package's formula being evaluated), if any. */
let fixed: string | null | undefined = undefined;

const here = dirname(fileURLToPath(import.meta.url));
let cachedCatalog: Catalog | undefined;

export function standardCatalog(): Catalog {
  if (!cachedCatalog) {
    cachedCatalog = JSON.parse(
      readFileSync(join(here, '../../../catalog/standard-objects.json'), 'utf8')
    ) as Catalog;
    // hand-described families the generator's type tables lack (catalog/partner-network.ts)
    for (const def of PARTNER_NETWORK_OBJECTS) cachedCatalog.objects[def.name] = def;
    patchContentCatalog(cachedCatalog.objects); // content/catalog.ts
  }
  return cachedCatalog;
}

export interface SchemaOptions {
  /** Person Accounts enabled: the Account Person* fields exist (Object Reference: Account). */
  personAccounts?: boolean;
}

export class SObjectSchema {
  readonly name: string;
  readonly keyPrefix: string;
  readonly def: CatalogObject;
  private readonly fieldsLc = new Map<string, CatalogField>();
  private readonly relationshipsLc = new Map<string, CatalogField>();
  readonly childRelationshipsLc = new Map<
    string,
    { childSObject: string; field: string; relationshipName: string; cascadeDelete: boolean }
  >();

  constructor(
    def: CatalogObject,
    keyPrefix: string,
    private readonly names: NameContext = NO_NAMESPACE
  ) {
    this.def = def;
    this.name = def.name;
    this.keyPrefix = keyPrefix;
    for (const f of Object.values(def.fields)) this.addField(f);
  }

  addField(f: CatalogField): void {
    this.def.fields[f.name] = f;
    this.fieldsLc.set(f.name.toLowerCase(), f);
    if (f.relationshipName) this.relationshipsLc.set(f.relationshipName.toLowerCase(), f);
  }

  removeField(name: string): void {
    const f = this.fieldsLc.get(name.toLowerCase());
    if (!f) return;
    this.def.fields = Object.fromEntries(
      Object.entries(this.def.fields).filter(([k]) => k !== f.name)
    );
    this.fieldsLc.delete(name.toLowerCase());
    if (f.relationshipName) this.relationshipsLc.delete(f.relationshipName.toLowerCase());
  }

  /** A field by name, case-insensitive; an unprefixed custom name in the calling namespace first. */
  field(name: string): CatalogField | undefined {
    return implicit(this.fieldsLc, name.toLowerCase(), this.names);
  }

  /** The lookup field behind a relationship name (Account → AccountId, Parent__r → Parent__c). */
  relationship(name: string): CatalogField | undefined {
    return implicit(this.relationshipsLc, name.toLowerCase(), this.names);
  }

  childRelationship(
    name: string
  ):
    | { childSObject: string; field: string; relationshipName: string; cascadeDelete: boolean }
    | undefined {
    return implicit(this.childRelationshipsLc, name.toLowerCase(), this.names);
  }

  fields(): CatalogField[] {
    return [...this.fieldsLc.values()];
  }

  get isCustomSetting(): boolean {
    return this.def.kind === 'customSetting';
  }
  get isCustomMetadata(): boolean {
    return this.def.kind === 'customMetadata';
  }
  get isPlatformEvent(): boolean {
    return this.def.kind === 'platformEvent';
  }
  get isChangeEvent(): boolean {
    return !!this.def.changeEventFor;
  }
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export class Schema {
  private readonly objectsLc = new Map<string, SObjectSchema>();
  private readonly byPrefix = new Map<string, SObjectSchema>();
  readonly metadata: Metadata;
  readonly options: SchemaOptions;
  /** The namespace of the code naming objects and fields now (set by the org: its Apex runtime's). */
  readonly names: NameContext & {
    current: () => string | null;
    within<T>(ns: string | null | undefined, fn: () => T): T;
  } = {
    current: () => null,
    namespace() {
      return fixed !== undefined ? fixed : this.current();
    },
    /** Runs `fn` with names resolved in `ns` (a package's formula or rule); undefined: unchanged. */
    within<T>(ns: string | null | undefined, fn: () => T): T {
      if (ns === undefined) return fn();
      const prev = fixed;
      fixed = ns;
      try {
        return fn();
      } finally {
        fixed = prev;
      }
    }
  };

  constructor(metadata: Metadata, options: SchemaOptions = {}) {
    this.metadata = metadata;
    this.options = options;
    const catalog = standardCatalog();
    for (const def of Object.values(catalog.objects)) {
      const copy: CatalogObject = structuredClone(def);
      if (!options.personAccounts) {
        copy.fields = Object.fromEntries(
          Object.entries(copy.fields).filter(([, f]) => !f.personAccount)
        );
      }
      this.add(new SObjectSchema(copy, copy.keyPrefix ?? '', this.names));
    }
    for (const [objName, fields] of Object.entries(metadata.standardObjectFields)) {
      const o = this.get(objName);
      if (!o)
        throw new Error(
          `Unsupported by the local org: custom fields on standard object ${objName}, which the catalogue does not describe`
        );
      for (const f of fields) o.addField(f);
    }
    const typed = objectsWithRecordTypes(metadata, options);
    this.fitRecordTypeFields(typed);
    // Custom objects get key prefixes a00, a01... in name order, custom metadata m00..., events e00...:
    // real prefixes are assigned per org at deploy time, so only their shape matters.
    const counters: Record<string, number> = { a: 0, m: 0, e: 0 };
    for (const def of [...metadata.objects].sort((x, y) => x.name.localeCompare(y.name))) {
      const letter = def.kind === 'customMetadata' ? 'm' : def.kind === 'platformEvent' ? 'e' : 'a';
      const n = counters[letter]++;
      const prefix = `${letter}${BASE62[Math.floor(n / 62)]}${BASE62[n % 62]}`;
      const copy = structuredClone(def);
      if (typed.has(def.name.toLowerCase())) {
        if (def.kind !== 'object')
          throw new Error(`Record types are not supported on ${def.name} (${def.kind})`);
        copy.fields.RecordTypeId = recordTypeIdField();
      }
      this.add(new SObjectSchema(copy, prefix, this.names));
      if (def.kind === 'object') this.add(new SObjectSchema(changeEventFor(copy), '', this.names));
    }
    // Share objects (share-objects.ts). On the platform every custom share object's Ids start with
    // 02c; here each gets its own prefix (s00, s01... in name order) so that an Id names its object.
    let shares = 0;
    for (const def of [...metadata.objects].sort((x, y) => x.name.localeCompare(y.name))) {
      const name = shareObjectName(def);
      if (!name) continue;
      const prefix = `s${BASE62[Math.floor(shares / 62)]}${BASE62[shares % 62]}`;
      shares++;
      this.add(
        new SObjectSchema(shareObjectDef(def, name, metadata.sharingReasons), prefix, this.names)
      );
      this.get(def.name)?.def.childRelationships.push({
        relationshipName: 'Shares',
        childSObject: name,
        field: 'ParentId',
        cascadeDelete: true
      });
    }
    for (const name of typed)
      if (!this.get(name))
        throw new Error(`Record type metadata names an object the org does not have: ${name}`);
    this.linkChildRelationships();
    // AggregateResult rows come from aggregate SOQL only (Apex Developer Guide, "Working with SOQL Aggregate Functions").
    this.add(
      new SObjectSchema(
        {
          name: 'AggregateResult',
          label: 'Aggregate Result',
          labelPlural: 'Aggregate Results',
          custom: false,
          createable: false,
          updateable: false,
          deletable: false,
          fields: {},
          childRelationships: []
        },
        ''
      )
    );
  }

  /**
   * A standard object has a RecordTypeId field only when the org defines record types for it
   * (Object Reference: RecordTypeId is exposed with record types; Apex Reference, RecordTypeInfo
   * Class: "for an sObject with associated record types"); the catalogue lists it regardless.
   */
  private fitRecordTypeFields(typed: Set<string>): void {
    for (const o of this.objectsLc.values()) {
      const subject = (o.def.changeEventFor ?? o.name).toLowerCase();
      if (!typed.has(subject)) o.removeField('RecordTypeId');
      else if (o.isChangeEvent)
        o.addField({ ...recordTypeIdField(), createable: false, updateable: false });
      else o.addField(recordTypeIdField());
    }
  }

  private add(o: SObjectSchema): void {
    this.objectsLc.set(o.name.toLowerCase(), o);
    if (o.keyPrefix) this.byPrefix.set(o.keyPrefix, o);
  }

  private linkChildRelationships(): void {
    for (const parent of this.objectsLc.values()) {
      for (const cr of parent.def.childRelationships) {
        parent.childRelationshipsLc.set(cr.relationshipName.toLowerCase(), {
          ...cr,
          cascadeDelete: !!cr.cascadeDelete
        });
      }
      // files can be linked to custom object records (content/catalog.ts)
      if (parent.def.custom && parent.def.kind === 'object' && !parent.isChangeEvent)
        parent.childRelationshipsLc.set('contentdocumentlinks', CONTENT_LINKS_RELATIONSHIP);
    }
    for (const child of this.objectsLc.values()) {
      if (!child.def.custom && !Object.values(child.def.fields).some((f) => f.name.endsWith('__c')))
        continue;
      // a change event copies its object's lookups but is never a child: it must not take over
      // the object's child relationship names (Field_Mappings__r -> S2S_Field_Mapping__ChangeEvent)
      if (child.isChangeEvent) continue;
      for (const f of child.fields()) {
        if (!f.name.endsWith('__c') || !f.referenceTo) continue;
        if (f.type !== 'reference' && !f.metadataRelationship) continue;
        for (const target of f.referenceTo) {
          const parent = this.get(target);
          if (!parent)
            throw new Error(`Lookup ${child.name}.${f.name} references unknown object ${target}`);
          const rel = f.childRelationshipName ?? f.relationshipName ?? f.name;
          const entry = {
            relationshipName: rel,
            childSObject: child.name,
            field: f.name,
            cascadeDelete: !!f.cascadeDelete
          };
          parent.childRelationshipsLc.set(rel.toLowerCase(), entry);
          parent.def.childRelationships.push(entry);
        }
      }
    }
  }

  get(name: string): SObjectSchema | undefined {
    let lc = name.toLowerCase();
    if (lc.startsWith('schema.')) lc = lc.slice(7);
    return implicit(this.objectsLc, lc, this.names);
  }

  /** The object, or the platform's error for an unknown type. */
  require(name: string): SObjectSchema {
    const o = this.get(name);
    if (!o) throw new SchemaError(`sObject type '${name}' is not supported.`);
    return o;
  }

  byKeyPrefix(prefix: string): SObjectSchema | undefined {
    return this.byPrefix.get(prefix);
  }

  objects(): SObjectSchema[] {
    return [...this.objectsLc.values()];
  }
}

export class SchemaError extends Error {}

/** Lower-case names of the objects the org defines record types for. */
function objectsWithRecordTypes(metadata: Metadata, options: SchemaOptions): Set<string> {
  const out = new Set(metadata.recordTypes.map((r) => r.object.toLowerCase()));
  // Person Accounts come with the business and person account record types (Object Reference: Account).
  if (options.personAccounts) out.add('account');
  return out;
}

/** The standard RecordTypeId lookup (SOAP API Developer Guide, "Frequently Occurring Fields"). */
function recordTypeIdField(): CatalogField {
  return {
    name: 'RecordTypeId',
    type: 'reference',
    apexType: 'Id',
    length: 18,
    nillable: true,
    createable: true,
    updateable: true,
    defaultedOnCreate: true,
    label: 'Record Type ID',
    referenceTo: ['RecordType'],
    relationshipName: 'RecordType'
  };
}

function changeEventFor(def: CatalogObject): CatalogObject {
  const fields: Record<string, CatalogField> = {};
  for (const f of Object.values(def.fields)) {
    if (
      f.name === 'Id' ||
      f.name === 'IsDeleted' ||
      f.name === 'LastViewedDate' ||
      f.name === 'LastReferencedDate'
    )
      continue;
    fields[f.name] = { ...f, createable: false, updateable: false };
  }
  fields.ReplayId = {
    name: 'ReplayId',
    type: 'string',
    apexType: 'String',
    length: 255,
    nillable: true,
    createable: false,
    updateable: false,
    defaultedOnCreate: true
  };
  fields.ChangeEventHeader = {
    name: 'ChangeEventHeader',
    type: 'complexvalue',
    apexType: 'Object',
    length: 0,
    nillable: true,
    createable: false,
    updateable: false,
    defaultedOnCreate: true
  };
  const name = def.name.replace(/__c$/, '__ChangeEvent');
  return {
    name,
    label: `${def.label} Change Event`,
    labelPlural: `${def.label} Change Events`,
    custom: true,
    createable: false,
    updateable: false,
    deletable: false,
    fields,
    childRelationships: [],
    kind: 'changeEvent',
    changeEventFor: def.name
  };
}
