// Merge fields of a record for the formula engine: the record's own fields, cross-object references
// through lookups (`Account.Owner.Name`, `Parent__r.Field__c`, followed through the store), and the
// global variables (Salesforce Help, "Global Variables"): $User, $Profile, $UserRole, $Organization,
// $Setup (hierarchy custom settings: the user's, else the profile's, else the org's value),
// $CustomMetadata.Type__mdt.Record.Field__c, $Label, $Permission (the running user's custom
// permissions, Salesforce Help "$Permission"), $RecordType and $System.OriginDateTime.
import { ApexDate, ApexDatetime, ApexDecimal, type ApexValue } from '../../runtime/values.ts';
import { zonedParts } from '../../runtime/tz.ts';
import type { CatalogField } from '../schema/catalog-types.ts';
import type { Schema, SObjectSchema } from '../schema/schema.ts';
import type { Store } from '../data/store.ts';
import type { Metadata } from '../schema/metadata.ts';
import {
  compileError,
  fromApex,
  ftypeOf,
  type FormulaEnv,
  type FRef,
  type FType
} from './values.ts';

/** A record as the engine reads it: a stored row or an SObject in memory (lower-case field keys). */
export interface RecordLike {
  readonly type: string;
  readonly values: Map<string, ApexValue>;
}

/** What merge fields need of the org. */
export interface FormulaHost {
  readonly schema: Schema;
  readonly store: Store;
  readonly metadata: Metadata;
  now(): number;
  currentUserId(): string;
  organizationId(): string;
  /** Whether the running user holds a custom permission; null when no such permission exists. */
  hasCustomPermission(name: string): boolean | null;
}

/** Computes a formula or roll-up summary field of a record (the engine's own entry). */
export type ComputedField = (object: SObjectSchema, rec: RecordLike, f: CatalogField) => ApexValue;

export interface RecordEnvOptions {
  blankAsZero: boolean;
  /** validation rules: the record before the save, null on insert */
  old?: RecordLike | null;
  validation?: boolean;
}

export class RecordEnv implements FormulaEnv {
  readonly blankAsZero: boolean;
  prior?: (path: string[]) => FRef;
  isNew?: () => boolean;

  constructor(
    private readonly host: FormulaHost,
    private readonly computed: ComputedField,
    private readonly object: SObjectSchema | null,
    private readonly rec: RecordLike | null,
    opts: RecordEnvOptions
  ) {
    this.blankAsZero = opts.blankAsZero;
    if (opts.validation) {
      const old = opts.old ?? null;
      this.isNew = () => old === null;
      this.prior = (path) =>
        old && object ? this.walk(object, old, path, 0) : { v: null, t: 'any' };
    }
  }

  now(): number {
    return this.host.now();
  }

  /** TODAY() is the running user's date in the user's time zone ("TODAY"). */
  today(): ApexDate {
    const user = this.host.store.get(this.host.currentUserId());
    const zone = String(user?.values.get('timezonesidkey') ?? 'GMT') || 'GMT';
    const p = zonedParts(this.host.now(), zone);
    return new ApexDate(p.year, p.month, p.day);
  }

  ref(path: string[]): FRef {
    const head = path[0];
    if (head.startsWith('$')) return this.global(head.slice(1).toLowerCase(), path);
    if (!this.object || !this.rec)
      throw compileError(`Field ${path.join('.')} does not exist. Check spelling.`);
    return this.walk(this.object, this.rec, path, 0);
  }

  /** Follows `path` from `rec` (an `object` record) through lookups to a field. */
  private walk(object: SObjectSchema, rec: RecordLike | null, path: string[], i: number): FRef {
    const name = path[i];
    if (i === path.length - 1) {
      const f = object.field(name);
      if (!f) throw compileError(`Field ${name} does not exist on ${object.name}. Check spelling.`);
      if (!rec) return { v: null, t: ftypeOf(f.type) };
      const calc = f as CatalogField & { formula?: string; summary?: string };
      const raw =
        calc.formula || calc.summary
          ? this.computed(object, rec, f)
          : rec.values.get(f.name.toLowerCase());
      return { v: fromApex(raw), t: ftypeOf(f.type) };
    }
    const rel =
      object.relationship(name) ??
      (name.toLowerCase() === 'recordtype' ? object.field('RecordTypeId') : undefined);
    if (!rel?.referenceTo?.length)
      throw compileError(`Field ${name} does not exist on ${object.name}. Check spelling.`);
    const target = this.host.schema.get(rel.referenceTo[0]);
    if (!target) throw compileError(`Object ${rel.referenceTo[0]} does not exist`);
    const id = rec?.values.get(rel.name.toLowerCase());
    const parent =
      id === undefined || id === null ? null : (this.host.store.get(String(id)) ?? null);
    if (parent && parent.type.toLowerCase() !== target.name.toLowerCase()) {
      // a polymorphic lookup (Owner, What, Who) pointing at another type
      const actual = this.host.schema.get(parent.type);
      if (actual) return this.walk(actual, parent, path, i + 1);
    }
    return this.walk(target, parent && !parent.deleted ? parent : null, path, i + 1);
  }

  private rowOf(object: string, id: ApexValue | undefined): RecordLike | null {
    if (id === undefined || id === null) return null;
    const r = this.host.store.get(String(id));
    return r && r.type.toLowerCase() === object.toLowerCase() ? r : null;
  }

  private global(name: string, path: string[]): FRef {
    const { schema, metadata } = this.host;
    const rest = (object: string, rec: RecordLike | null, from: number): FRef => {
      if (path.length <= from)
        throw compileError(`$${path[0].slice(1)} needs a field: ${path.join('.')}`);
      return this.walk(schema.require(object), rec, path, from);
    };
    const user = (): RecordLike | null => this.rowOf('User', this.host.currentUserId());
    switch (name) {
      case 'user':
        return rest('User', user(), 1);
      case 'profile':
        return rest('Profile', this.rowOf('Profile', user()?.values.get('profileid')), 1);
      case 'userrole':
        return rest('UserRole', this.rowOf('UserRole', user()?.values.get('userroleid')), 1);
      case 'organization':
        return rest('Organization', this.rowOf('Organization', this.host.organizationId()), 1);
      case 'recordtype': {
        if (!this.object || !this.rec) throw compileError('$RecordType needs a record');
        return rest('RecordType', this.rowOf('RecordType', this.rec.values.get('recordtypeid')), 1);
      }
      case 'system':
        if (path[1]?.toLowerCase() === 'origindatetime' && path.length === 2)
          return { v: new ApexDatetime(Date.UTC(1900, 0, 1)), t: 'datetime' };
        break;
      case 'label': {
        const key = Object.keys(metadata.labels).find(
          (k) => k.toLowerCase() === path[1]?.toLowerCase()
        );
        if (key === undefined || path.length !== 2)
          throw compileError(`Custom label ${path.slice(1).join('.')} does not exist`);
        return { v: metadata.labels[key], t: 'text' };
      }
      case 'setup':
        return this.setup(path);
      case 'permission': {
        // $Permission.Name: true when the running user holds the custom permission ("$Permission")
        const holds = path.length === 2 ? this.host.hasCustomPermission(path[1]) : null;
        if (holds === null)
          throw compileError(`Custom permission ${path.slice(1).join('.')} does not exist`);
        return { v: holds, t: 'boolean' };
      }
      case 'custommetadata':
        return this.customMetadata(path);
      default:
        break;
    }
    throw compileError(
      `Unsupported by the local org: global variable ${path.join('.')} in a formula`
    );
  }

  /** $Setup.Setting__c.Field__c: the hierarchy setting of the user, else the profile, else the org. */
  private setup(path: string[]): FRef {
    if (path.length !== 3)
      throw compileError(`$Setup takes a setting and a field: ${path.join('.')}`);
    const object = this.host.schema.get(path[1]);
    if (!object?.isCustomSetting) throw compileError(`Custom setting ${path[1]} does not exist`);
    const f = object.field(path[2]);
    if (!f) throw compileError(`Field ${path[2]} does not exist on ${object.name}`);
    const user = this.rowOf('User', this.host.currentUserId());
    const owners = [
      this.host.currentUserId(),
      String(user?.values.get('profileid') ?? ''),
      this.host.organizationId()
    ];
    const rows = [...this.host.store.rows(object.name)];
    for (const owner of owners) {
      const row = rows.find((r) => String(r.values.get('setupownerid') ?? '') === owner);
      if (row) return { v: fromApex(row.values.get(f.name.toLowerCase())), t: ftypeOf(f.type) };
    }
    return { v: null, t: ftypeOf(f.type) };
  }

  /** $CustomMetadata.Type__mdt.Record_Name.Field__c */
  private customMetadata(path: string[]): FRef {
    if (path.length !== 4)
      throw compileError(`$CustomMetadata takes a type, a record and a field: ${path.join('.')}`);
    const [, type, record, field] = path.map((p) => p.toLowerCase());
    const object = this.host.schema.get(path[1]);
    const f = object?.field(path[3]);
    if (!object || !f) throw compileError(`${path.slice(1).join('.')} does not exist`);
    const r = this.host.metadata.customMetadata.find(
      (m) => m.type.toLowerCase() === type && m.developerName.toLowerCase() === record
    );
    if (!r) throw compileError(`Custom metadata record ${path[1]}.${path[2]} does not exist`);
    const key = Object.keys(r.values).find((k) => k.toLowerCase() === field);
    const t: FType = ftypeOf(f.type);
    if (field === 'developername') return { v: r.developerName, t };
    if (field === 'masterlabel' || field === 'label') return { v: r.label, t };
    const raw = key === undefined ? null : r.values[key];
    // custom metadata values are kept as their source text
    if (t === 'number' && typeof raw === 'string' && raw !== '')
      return { v: ApexDecimal.fromString(raw), t };
    if (t === 'boolean' && typeof raw === 'string') return { v: raw === 'true', t };
    return { v: fromApex(raw), t };
  }
}
