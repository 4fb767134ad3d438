// What a SOQL evaluation runs against (the org's schema, store, clock, binds and access) and what it
// gives back; shared by the evaluator (eval.ts) and its parts (aggregate.ts, values.ts).
import type { ApexSObject, ApexValue } from '../../runtime/values.ts';
import type { CatalogField } from '../schema/catalog-types.ts';
import type { Schema, SObjectSchema } from '../schema/schema.ts';
import type { Row, Store } from '../data/store.ts';
import type { Bind } from './ast.ts';

export interface AccessChecker {
  canReadObject(object: string): boolean;
  canReadField(object: string, field: string): boolean;
}

export interface QueryEnv {
  schema: Schema;
  store: Store;
  now(): number;
  resolveBind(b: Bind): ApexValue;
  /** Checks for WITH USER_MODE / SECURITY_ENFORCED (and AccessLevel.USER_MODE). */
  access?: AccessChecker;
  /** Forces user mode (Database.query(q, AccessLevel.USER_MODE)). */
  userMode?: boolean;
  /** Row-level visibility (with sharing, private OWD); undefined = sees everything (system mode). */
  canSee?(row: Row): boolean;
  /** Formula and roll-up summary fields, computed when read (platform/formula/); absent: they fail loudly. */
  computed?(object: SObjectSchema, row: Row, field: CatalogField): ApexValue;
}

export interface QueryOutcome {
  kind: 'records' | 'aggregate' | 'count';
  records: ApexSObject[];
  count: number;
  /** rows counted against the query rows limit */
  rowsCounted: number;
  object: string;
}

/** A resolved field path: relationship hops then a field on the last object. */
export interface Resolved {
  hops: { field: CatalogField; name: string }[];
  field: CatalogField;
  object: SObjectSchema;
  /** polymorphic hops resolve the field by the row's actual type at run time */
  polymorphic: boolean;
  path: string[];
}
