// Evaluates a parsed SOQL query against one org's store (SOQL and SOSL Reference: "SOQL SELECT
// Syntax", "Comparison Operators", "Date Formats and Date Literals", "Relationship Queries",
// "Aggregate Functions", "ORDER BY", "Use null in WHERE"). Result rows are ApexSObjects whose
// `queried` set holds what was selected, so reading an unqueried field fails as on the platform.
import { must } from '../util.ts';
import {
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexDouble,
  ApexId,
  ApexList,
  ApexSet,
  ApexSObject,
  ApexTime,
  normaliseId,
  typeRef,
  type ApexValue
} from '../../runtime/values.ts';
import type { CatalogField } from '../schema/catalog-types.ts';
import { ensureCatalogueRecords } from '../schema/catalogue-records.ts';
import type { Schema, SObjectSchema } from '../schema/schema.ts';
import type { IndexKeyer, Row, Store } from '../data/store.ts';
import type { Bind, Condition, FieldPath, OrderItem, Query, SelectItem, Value } from './ast.ts';
import { QueryException } from './parser.ts';

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

const isComputed = (f: CatalogField): boolean =>
  !!(
    (f as CatalogField & { formula?: string }).formula ||
    (f as CatalogField & { summary?: string }).summary
  );

export interface QueryOutcome {
  kind: 'records' | 'aggregate' | 'count';
  records: ApexSObject[];
  count: number;
  /** rows counted against the query rows limit */
  rowsCounted: number;
  object: string;
}

const NO_SUCH_COLUMN = (f: string, o: string): string =>
  `No such column '${f}' on entity '${o}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`;
const BAD_RELATIONSHIP = (r: string): string =>
  `Didn't understand relationship '${r}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`;
export const UNKNOWN_OBJECT = (o: string): string =>
  `sObject type '${o}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`;

/**
 * Index keys for SOQL equality. A key is a function of the value `normalise` gives (the form the
 * WHERE predicates compare), so rows a predicate finds equal always share a bucket.
 */
const soqlKeyer: IndexKeyer = {
  name: 'soql',
  key: (v) => {
    const n = normaliseAny(v ?? null);
    return n === null ? null : `${typeof n}:${String(n)}`;
  }
};
const soqlIdKeyer: IndexKeyer = {
  name: 'soql-id',
  key: (v) => (v === null || v === undefined ? null : idText(String(v)))
};

function keyerFor(f: CatalogField): IndexKeyer {
  return f.type === 'id' || f.type === 'reference' ? soqlIdKeyer : soqlKeyer;
}

/** An indexed way into a table for one WHERE comparison: rows whose field has one of `keys`. */
interface AccessPath {
  field: string;
  keyer: IndexKeyer;
  keys: string[];
}

/** A resolved field path: relationship hops then a field on the last object. */
interface Resolved {
  hops: { field: CatalogField; name: string }[];
  field: CatalogField;
  object: SObjectSchema;
  /** polymorphic hops resolve the field by the row's actual type at run time */
  polymorphic: boolean;
  path: string[];
}

export class SoqlEvaluator {
  private readonly env: QueryEnv;
  private readonly userMode: boolean;
  private readonly enforced: boolean;
  private inaccessible: string[] = [];
  /** `=`, `IN` and semi-join comparisons on a field of the queried object, usable through an index */
  private readonly accessPaths = new Map<Condition, AccessPath>();

  constructor(
    env: QueryEnv,
    private readonly q: Query
  ) {
    this.env = env;
    this.userMode = q.withMode === 'USER_MODE' || (!!env.userMode && q.withMode !== 'SYSTEM_MODE');
    this.enforced = q.withMode === 'SECURITY_ENFORCED';
  }

  run(): QueryOutcome {
    return this.runQuery(this.q, undefined);
  }

  private object(name: string): SObjectSchema {
    const o = this.env.schema.get(name);
    if (!o) throw new QueryException(UNKNOWN_OBJECT(name));
    if (o.name === 'EntityDefinition' || o.name === 'FieldDefinition')
      ensureCatalogueRecords(this.env.schema, this.env.store);
    if (
      (this.userMode || this.enforced) &&
      this.env.access &&
      !this.env.access.canReadObject(o.name)
    ) {
      throw new QueryException(UNKNOWN_OBJECT(name));
    }
    return o;
  }

  /** Resolves `Account.Owner.Name` from `object`; strips a leading object name or alias. */
  private resolve(object: SObjectSchema, path: FieldPath, alias?: string): Resolved {
    let p = path;
    if (
      p.length > 1 &&
      ((alias && p[0].toLowerCase() === alias.toLowerCase()) ||
        (p[0].toLowerCase() === object.name.toLowerCase() && !object.relationship(p[0])))
    ) {
      p = p.slice(1);
    }
    const hops: Resolved['hops'] = [];
    let cur = object;
    let polymorphic = false;
    for (let i = 0; i < p.length - 1; i++) {
      const rel = cur.relationship(p[i]);
      if (!rel || !rel.referenceTo?.length) throw new QueryException(BAD_RELATIONSHIP(p[i]));
      this.checkField(cur, rel);
      hops.push({ field: rel, name: rel.relationshipName ?? rel.name });
      if (rel.referenceTo.length > 1) polymorphic = true;
      const target = this.env.schema.get(rel.referenceTo[0]);
      if (!target) throw new QueryException(UNKNOWN_OBJECT(rel.referenceTo[0]));
      cur = target;
    }
    const last = p[p.length - 1];
    const field = cur.field(last);
    if (!field) {
      if (polymorphic) {
        // Polymorphic (Name) relationships allow the common fields: Id, Name, Type... resolved per row.
        return {
          hops,
          field: {
            name: last,
            type: 'string',
            apexType: 'String',
            length: 0,
            nillable: true,
            createable: false,
            updateable: false,
            defaultedOnCreate: false
          },
          object: cur,
          polymorphic,
          path: p
        };
      }
      throw new QueryException(NO_SUCH_COLUMN(last, cur.name));
    }
    if (isComputed(field) && !this.env.computed) {
      throw new QueryException(
        `Unsupported by the local org: formula and roll-up summary field ${cur.name}.${field.name} (no formula engine)`
      );
    }
    this.checkField(cur, field);
    return { hops, field, object: cur, polymorphic, path: p };
  }

  private checkField(object: SObjectSchema, field: CatalogField): void {
    if (!(this.userMode || this.enforced) || !this.env.access) return;
    if (field.name === 'Id') return;
    if (!this.env.access.canReadField(object.name, field.name)) {
      if (this.enforced)
        throw new QueryException(
          'Insufficient permissions: secure query included inaccessible field'
        );
      this.inaccessible.push(`${object.name}.${field.name}`);
      const e = new QueryException(NO_SUCH_COLUMN(field.name, object.name));
      (e as QueryException & { inaccessibleFields?: string[] }).inaccessibleFields = [
        ...this.inaccessible
      ];
      throw e;
    }
  }

  /** EntityDefinition/FieldDefinition rows by lower-case DurableId, built on first use. */
  private durableIds: Map<string, Row> | null = null;

  /**
   * The row a lookup value points to: a record by Id, or for a custom metadata relationship to
   * EntityDefinition or FieldDefinition, the row with that DurableId.
   */
  private parentRow(field: CatalogField, id: ApexValue): Row | undefined {
    if (!field.metadataRelationship) return this.env.store.get(String(id));
    const target = field.referenceTo?.[0]?.toLowerCase();
    if (target !== 'entitydefinition' && target !== 'fielddefinition')
      return this.env.store.get(String(id));
    if (!this.durableIds) {
      ensureCatalogueRecords(this.env.schema, this.env.store);
      this.durableIds = new Map();
      for (const type of ['EntityDefinition', 'FieldDefinition'])
        for (const r of this.env.store.rows(type))
          this.durableIds.set(String(r.values.get('durableid')).toLowerCase(), r);
    }
    return this.durableIds.get(String(id).toLowerCase());
  }

  /** Reads a resolved path from a stored row, following lookups through the store. */
  private read(row: Row, r: Resolved): ApexValue {
    let cur: Row | undefined = row;
    for (const h of r.hops) {
      const id = cur.values.get(h.field.name.toLowerCase());
      if (id === undefined || id === null) return null;
      cur = this.parentRow(h.field, id);
      if (!cur) return null;
    }
    if (r.polymorphic) {
      const lc = r.field.name.toLowerCase();
      if (lc === 'type') return cur.type;
      const v = cur.values.get(lc);
      return v === undefined ? null : v;
    }
    if (isComputed(r.field)) return this.computedValue(cur, r.field);
    const v = cur.values.get(r.field.name.toLowerCase());
    return v === undefined ? null : v;
  }

  /** A formula or roll-up summary field of a stored row, computed now. */
  private computedValue(row: Row, field: CatalogField): ApexValue {
    const compute = must(this.env.computed, 'formula engine');
    return compute(this.env.schema.require(row.type), row, field);
  }

  private rowsOf(object: SObjectSchema, allRows: boolean, where?: Condition): Row[] {
    const path = where && this.bestPath(object, where);
    const source = path
      ? this.env.store
          .lookupAll(object.name, path.field, path.keyer, path.keys)
          .filter((r) => allRows || !r.deleted)
      : this.env.store.rows(object.name, allRows);
    const out: Row[] = [];
    for (const row of source) {
      if (this.env.canSee && !this.env.canSee(row)) continue;
      out.push(row);
    }
    return out;
  }

  /**
   * The most selective indexed comparison among the top-level AND terms of a compiled WHERE, or
   * undefined to scan. The full predicate still runs on what the index returns.
   */
  private bestPath(object: SObjectSchema, where: Condition): AccessPath | undefined {
    const terms: Condition[] = [];
    const collect = (c: Condition): void => {
      if (c.kind === 'and') c.items.forEach(collect);
      else if (c.kind === 'cmp') terms.push(c);
    };
    collect(where);
    let best: AccessPath | undefined;
    let bestCount = Infinity;
    for (const t of terms) {
      const path = this.accessPaths.get(t);
      if (!path) continue;
      const n = this.env.store.lookupCount(object.name, path.field, path.keyer, path.keys);
      if (n < bestCount) {
        best = path;
        bestCount = n;
      }
    }
    return best;
  }

  /** Records an index access path for a comparison on a plain field of the queried object. */
  private noteAccessPath(
    c: Condition,
    r: Resolved,
    values: ApexValue[],
    keyer: IndexKeyer = keyerFor(r.field)
  ): void {
    if (r.hops.length || r.polymorphic || isComputed(r.field)) return;
    const keys: string[] = [];
    for (const v of values) {
      const k = keyer.key(v);
      // null matches rows without a value, which no index holds
      if (k === null) return;
      keys.push(k);
    }
    this.accessPaths.set(c, { field: r.field.name.toLowerCase(), keyer, keys });
  }

  private runQuery(
    q: Query,
    parentFilter: { field: CatalogField; id: string } | undefined,
    preRows?: Row[]
  ): QueryOutcome {
    const object = this.object(q.from);
    // WHERE is compiled first: its = / IN terms may name an index to read instead of the table.
    const pred = q.where ? this.compileCondition(object, q.where, q.alias) : undefined;
    let rows = preRows ?? this.rowsOf(object, q.allRows, q.where);
    if (parentFilter) {
      const lc = parentFilter.field.name.toLowerCase();
      rows = rows.filter((r) => {
        const v = r.values.get(lc);
        return v !== undefined && v !== null && String(v) === parentFilter.id;
      });
    }
    if (pred) rows = rows.filter(pred);
    const aggregates =
      q.select.some((s) => s.kind === 'function' && isAggregate(s.fn)) || !!q.groupBy;
    const countOnly =
      q.select.length === 1 &&
      q.select[0].kind === 'function' &&
      q.select[0].fn === 'COUNT' &&
      !q.select[0].path;
    if (countOnly && !q.groupBy) {
      if (q.orderBy) throw new QueryException('Ordering is not allowed with a COUNT() query'); // COUNT(): no ORDER BY
      let n = rows.length;
      if (q.offset !== undefined) n = Math.max(0, n - this.intValue(q.offset));
      if (q.limit !== undefined) n = Math.min(n, this.intValue(q.limit));
      // COUNT() counts as one query row (Apex Developer Guide, "Working with SOQL Aggregate Functions")
      return { kind: 'count', records: [], count: n, rowsCounted: 1, object: object.name };
    }
    if (aggregates) return this.aggregate(q, object, rows);
    if (q.orderBy) rows = this.sort(object, rows, q.orderBy, q.alias);
    const offset = q.offset !== undefined ? this.intValue(q.offset) : 0;
    if (offset > 2000) throw new QueryException('Maximum SOQL offset allowed is 2000'); // SOQL OFFSET: max 2,000
    if (offset) rows = rows.slice(offset);
    if (q.limit !== undefined) rows = rows.slice(0, this.intValue(q.limit));
    const builder = this.compileSelect(object, q);
    const records = rows.map(builder);
    let rowsCounted = records.length;
    for (const rec of records) {
      for (const v of rec.values.values()) if (v instanceof ApexList) rowsCounted += v.items.length;
    }
    return { kind: 'records', records, count: records.length, rowsCounted, object: object.name };
  }

  private intValue(v: number | Bind): number {
    if (typeof v === 'number') return v;
    const b = this.env.resolveBind(v);
    const n = b instanceof ApexDecimal ? b.toNumber() : typeof b === 'bigint' ? Number(b) : b;
    if (typeof n !== 'number' || !Number.isInteger(n))
      throw new QueryException(`Invalid bind value for LIMIT/OFFSET: ${String(b)}`);
    return n;
  }

  /** Builds the row → SObject function for a SELECT list. */
  private compileSelect(object: SObjectSchema, q: Query): (row: Row) => ApexSObject {
    const steps: ((row: Row, out: ApexSObject) => void)[] = [];
    const items: SelectItem[] = [{ kind: 'field', path: ['Id'] }, ...q.select];
    for (const item of items) {
      switch (item.kind) {
        case 'field': {
          const r = this.resolve(object, item.path, q.alias);
          steps.push((row, out) => this.place(out, r, row));
          break;
        }
        case 'fields': {
          if (item.which === 'ALL' || item.which === 'CUSTOM') {
            if (q.limit === undefined || (typeof q.limit === 'number' && q.limit > 200)) {
              throw new QueryException('The SOQL FIELDS function must have a LIMIT of at most 200');
            }
          }
          for (const f of object.fields()) {
            const custom = f.name.endsWith('__c');
            if (item.which === 'CUSTOM' && !custom) continue;
            if (item.which === 'STANDARD' && custom) continue;
            if (
              f.type === 'address' ||
              f.type === 'location' ||
              f.type === 'complexvalue' ||
              (isComputed(f) && !this.env.computed)
            )
              continue;
            if (
              (this.userMode || this.enforced) &&
              this.env.access &&
              !this.env.access.canReadField(object.name, f.name)
            )
              continue;
            const r: Resolved = { hops: [], field: f, object, polymorphic: false, path: [f.name] };
            steps.push((row, out) => this.place(out, r, row));
          }
          break;
        }
        case 'subquery': {
          const sub = item.query;
          const rel = object.childRelationship(sub.from);
          if (!rel) throw new QueryException(BAD_RELATIONSHIP(sub.from));
          const child = this.object(rel.childSObject);
          const field = must(child.field(rel.field), `${child.name}.${rel.field}`);
          const childQuery: Query = { ...sub, from: child.name };
          steps.push((row, out) => {
            const res = this.runQuery(
              childQuery,
              { field, id: row.id },
              this.childRows(child, field, row.id, sub.allRows || this.q.allRows)
            );
            out.set(rel.relationshipName, new ApexList(typeRef(child.name), res.records));
          });
          break;
        }
        case 'typeof': {
          const rel = object.relationship(item.path[item.path.length - 1]);
          if (!rel || item.path.length !== 1)
            throw new QueryException(BAD_RELATIONSHIP(item.path.join('.')));
          const lc = rel.name.toLowerCase();
          steps.push((row, out) => {
            const id: ApexValue | undefined = row.values.get(lc);
            const target = id ? this.parentRow(rel, id) : undefined;
            if (!target) {
              out.set(rel.relationshipName ?? rel.name, null);
              return;
            }
            const when = item.whens.find((w) => w.type.toLowerCase() === target.type.toLowerCase());
            const fields = when ? when.fields : item.elseFields;
            const targetSchema = this.object(target.type);
            const parent = this.newRecord(targetSchema.name);
            parent.set('Id', new ApexId(target.id));
            for (const f of fields) {
              const r = this.resolve(targetSchema, f);
              this.place(parent, r, target);
            }
            out.set(rel.relationshipName ?? rel.name, parent);
          });
          break;
        }
        case 'function': {
          if (item.fn === 'TOLABEL' || item.fn === 'CONVERTCURRENCY' || item.fn === 'FORMAT') {
            // Labels equal API names for picklists loaded from source; single currency org.
            const r = this.resolve(object, must(item.path, `${item.fn}() argument`), q.alias);
            steps.push((row, out) => this.place(out, r, row, item.alias));
            break;
          }
          throw new QueryException(
            `Unsupported by the local org: ${item.fn}() outside an aggregate query`
          );
        }
      }
    }
    return (row) => {
      const out = this.newRecord(object.name);
      for (const s of steps) s(row, out);
      return out;
    };
  }

  private childRows(
    child: SObjectSchema,
    field: CatalogField,
    parentId: string,
    allRows: boolean
  ): Row[] {
    const lc = field.name.toLowerCase();
    const out: Row[] = [];
    for (const r of this.env.store.lookup(child.name, lc, soqlIdKeyer, idText(parentId))) {
      if (!allRows && r.deleted) continue;
      const v = r.values.get(lc);
      if (
        v !== undefined &&
        v !== null &&
        String(v) === parentId &&
        (!this.env.canSee || this.env.canSee(r))
      )
        out.push(r);
    }
    return out;
  }

  private newRecord(type: string): ApexSObject {
    const s = new ApexSObject(type);
    s.queried = new Set();
    return s;
  }

  /** Puts a (possibly related) value on the result: Account.Owner.Name nests SObjects. */
  private place(out: ApexSObject, r: Resolved, row: Row, alias?: string): void {
    let target = out;
    let cur: Row | undefined = row;
    for (const h of r.hops) {
      const id: ApexValue | undefined = cur?.values.get(h.field.name.toLowerCase());
      cur = id && cur ? this.parentRow(h.field, id) : undefined;
      const existing = target.raw(h.name);
      if (!cur) {
        if (existing === undefined) target.set(h.name, null);
        return;
      }
      if (existing instanceof ApexSObject) target = existing;
      else {
        const parent = this.newRecord(cur.type);
        parent.set('Id', new ApexId(cur.id));
        target.set(h.name, parent);
        target = parent;
      }
    }
    if (!cur) return;
    const v =
      r.polymorphic && r.field.name.toLowerCase() === 'type'
        ? cur.type
        : isComputed(r.field) && this.env.computed
          ? this.computedValue(cur, r.field)
          : cur.values.get(r.field.name.toLowerCase());
    target.set(alias ?? (r.polymorphic ? r.field.name : r.field.name), v === undefined ? null : v);
  }

  // ---- WHERE ----------------------------------------------------------------------------

  compileCondition(
    object: SObjectSchema,
    c: Condition,
    alias?: string,
    aggregateRow = false
  ): (row: Row) => boolean {
    switch (c.kind) {
      case 'and': {
        const parts = c.items.map((i) => this.compileCondition(object, i, alias, aggregateRow));
        return (row) => parts.every((p) => p(row));
      }
      case 'or': {
        if (c.items.some(hasSemiJoin)) {
          throw new QueryException(
            'Semi join sub-selects are only allowed at the top level WHERE expressions and not in nested WHERE expressions.'
          );
        }
        const parts = c.items.map((i) => this.compileCondition(object, i, alias, aggregateRow));
        return (row) => parts.some((p) => p(row));
      }
      case 'not': {
        const inner = this.compileCondition(object, c.item, alias, aggregateRow);
        return (row) => !inner(row);
      }
      case 'cmp':
        return this.compileComparison(object, c, alias);
    }
  }

  private compileComparison(
    object: SObjectSchema,
    c: Extract<Condition, { kind: 'cmp' }>,
    alias?: string
  ): (row: Row) => boolean {
    if (c.left.fn) return this.compileFunctionComparison(object, c, alias);
    const r = this.resolve(object, must(c.left.path, 'field path'), alias);
    const f = r.field;
    const op = c.op;
    if (c.value.kind === 'subquery') {
      if (op !== 'IN' && op !== 'NOT IN')
        throw new QueryException('Semi join sub-selects are only allowed with IN or NOT IN');
      const sub = c.value.query;
      if (sub.select.length !== 1 || sub.select[0].kind !== 'field')
        throw new QueryException('Semi join sub-selects can only select one field');
      const res = this.runSemiJoin(sub);
      if (op === 'IN' && (f.type === 'id' || f.type === 'reference'))
        this.noteAccessPath(c, r, [...res], soqlIdKeyer);
      return (row) => {
        const v = this.read(row, r);
        const key = v === null ? null : String(v);
        const inSet = key !== null && res.has(key);
        return op === 'IN' ? inSet : !inSet;
      };
    }
    const read = (row: Row): ApexValue => this.read(row, r);
    if (c.value.kind === 'dateLiteral') return this.compileDateLiteral(f, op, c.value, read);
    if (op === 'IN' || op === 'NOT IN') {
      const literals = this.listValues(c.value).map((v) => this.literal(f, v));
      if (op === 'IN') this.noteAccessPath(c, r, literals);
      const set = new Set(literals.map((v) => normalise(f, v)));
      return (row) => {
        const v = normalise(f, read(row));
        return op === 'IN' ? set.has(v) : !set.has(v);
      };
    }
    if (op === 'INCLUDES' || op === 'EXCLUDES') {
      if (f.type !== 'multipicklist')
        throw new QueryException(
          `invalid operator on multipicklist field: ${op} is only valid on multi-select picklists`
        );
      // includes('AAA;BBB','CCC') = (AAA and BBB) or CCC (Querying Multi-Select Picklists)
      const groups = this.listValues(c.value).map((v) =>
        String(this.literal(f, v) ?? '')
          .toLowerCase()
          .split(';')
          .map((s) => s.trim())
      );
      return (row) => {
        const raw = read(row);
        const have = new Set(
          raw === null
            ? []
            : String(raw)
                .toLowerCase()
                .split(';')
                .map((s) => s.trim())
        );
        const any = groups.some((g) => g.every((x) => have.has(x)));
        return op === 'INCLUDES' ? any : !any;
      };
    }
    const lit = this.literal(f, c.value);
    if (op === 'LIKE') {
      if (lit === null) return () => false;
      const re = likeRegex(String(lit));
      return (row) => {
        const v = read(row);
        return v !== null && re.test(String(v));
      };
    }
    const rhs = normalise(f, lit);
    if (op === '=') this.noteAccessPath(c, r, [lit]);
    const caseSensitive = !!f.caseSensitive;
    return (row) => {
      const lhs = normalise(f, read(row), caseSensitive);
      const right = caseSensitive ? normalise(f, lit, true) : rhs;
      return compare(lhs, op, right);
    };
  }

  private compileFunctionComparison(
    object: SObjectSchema,
    c: Extract<Condition, { kind: 'cmp' }>,
    alias?: string
  ): (row: Row) => boolean {
    const fn = must(c.left.fn, 'function');
    if (isAggregate(fn))
      throw new QueryException(`Cannot use aggregate function ${fn} in WHERE; use HAVING`);
    const r = this.resolve(object, must(c.left.path, `${fn}() argument`), alias);
    const lit = c.value.kind === 'number' ? Number(c.value.text) : null;
    if (lit === null && c.value.kind !== 'list')
      throw new QueryException(
        `Unsupported by the local org: ${fn}() compared with ${c.value.kind}`
      );
    const values =
      c.value.kind === 'list'
        ? c.value.items.map((v) => (v.kind === 'number' ? Number(v.text) : NaN))
        : [lit];
    return (row) => {
      const v = dateFunction(fn, this.read(row, r));
      if (v === null) return false;
      if (c.op === 'IN') return values.includes(v);
      if (c.op === 'NOT IN') return !values.includes(v);
      return compare(v, c.op, lit);
    };
  }

  private runSemiJoin(sub: Query): Set<string> {
    const object = this.object(sub.from);
    const first = sub.select[0] as Extract<SelectItem, { kind: 'field' }>;
    const r = this.resolve(object, first.path, sub.alias);
    if (r.field.type !== 'id' && r.field.type !== 'reference' && !r.field.metadataRelationship)
      throw new QueryException('Semi join sub-selects must select an Id or a reference field');
    const pred = sub.where && this.compileCondition(object, sub.where, sub.alias);
    let rows = this.rowsOf(object, false, sub.where);
    if (pred) rows = rows.filter(pred);
    const out = new Set<string>();
    for (const row of rows) {
      const v = this.read(row, r);
      if (v !== null) out.add(String(v));
    }
    return out;
  }

  private listValues(v: Value): Value[] {
    if (v.kind === 'list') return v.items;
    if (v.kind === 'bind') {
      const b = this.env.resolveBind(v);
      const items = b instanceof ApexList ? b.items : b instanceof ApexSet ? b.values() : null;
      if (!items) return [{ kind: 'bind', text: v.text }];
      return items.map((x) => ({ kind: 'resolved', v: x }) as unknown as Value);
    }
    return [v];
  }

  /** A SOQL value converted to the field's Apex type. */
  private literal(f: CatalogField, v: Value): ApexValue {
    const resolved =
      (v as unknown as { kind: string; v: ApexValue }).kind === 'resolved'
        ? (v as unknown as { v: ApexValue }).v
        : undefined;
    if (resolved !== undefined) return this.coerceBound(f, resolved);
    switch (v.kind) {
      case 'null':
        return null;
      case 'bool':
        if (f.type !== 'boolean')
          throw new QueryException(
            `value of filter criterion for field '${f.name}' must be of type ${soapName(f)} and should not be enclosed in quotes`
          );
        return v.v;
      case 'number':
        if (!isNumberField(f))
          throw new QueryException(
            `value of filter criterion for field '${f.name}' must be of type ${soapName(f)} and should not be enclosed in quotes`
          );
        return ApexDecimal.fromString(v.text);
      case 'string':
        if (
          f.type === 'date' ||
          f.type === 'datetime' ||
          f.type === 'boolean' ||
          isNumberField(f)
        ) {
          throw new QueryException(
            `value of filter criterion for field '${f.name}' must be of type ${soapName(f)} and should not be enclosed in quotes`
          );
        }
        if (f.type === 'id' || f.type === 'reference') {
          const id = normaliseId(v.v);
          // An invalid Id literal is a query error (SOQL accepts 15 or 18 characters).
          if (!id) throw new QueryException(`invalid ID field: ${v.v}`);
          return new ApexId(id);
        }
        return v.v;
      case 'date':
        if (f.type === 'datetime')
          throw new QueryException(
            `value of filter criterion for field '${f.name}' must be of type dateTime and should not be enclosed in quotes`
          );
        if (f.type !== 'date')
          throw new QueryException(
            `value of filter criterion for field '${f.name}' must be of type ${soapName(f)} and should not be enclosed in quotes`
          );
        return new ApexDate(
          Number(v.v.slice(0, 4)),
          Number(v.v.slice(5, 7)),
          Number(v.v.slice(8, 10))
        );
      case 'datetime':
        if (f.type !== 'datetime')
          throw new QueryException(
            `value of filter criterion for field '${f.name}' must be of type ${soapName(f)} and should not be enclosed in quotes`
          );
        return new ApexDatetime(Date.parse(v.v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
      case 'bind':
        return this.coerceBound(f, this.env.resolveBind(v));
      default:
        throw new QueryException(`Unsupported by the local org: value ${v.kind} here`);
    }
  }

  private coerceBound(f: CatalogField, b: ApexValue): ApexValue {
    if (b instanceof ApexSObject && (f.type === 'id' || f.type === 'reference')) {
      // Binding an SObject to an Id field uses its Id.
      const id = b.raw('Id');
      return id === undefined ? null : id;
    }
    if ((f.type === 'id' || f.type === 'reference') && typeof b === 'string') {
      const id = normaliseId(b);
      if (!id) throw new QueryException(`invalid ID field: ${b}`);
      return new ApexId(id);
    }
    if (f.type === 'date' && b instanceof ApexDatetime) {
      throw new QueryException(
        `value of filter criterion for field '${f.name}' must be of type date and should not be enclosed in quotes`
      );
    }
    return b;
  }

  private compileDateLiteral(
    f: CatalogField,
    op: string,
    v: Extract<Value, { kind: 'dateLiteral' }>,
    read: (row: Row) => ApexValue
  ): (row: Row) => boolean {
    if (f.type !== 'date' && f.type !== 'datetime')
      throw new QueryException(
        `value of filter criterion for field '${f.name}' must be of type ${soapName(f)} and should not be enclosed in quotes`
      );
    const [start, end] = dateLiteralRange(v.name, v.n, this.env.now());
    const isDate = f.type === 'date';
    const lo = isDate ? start / 86_400_000 : start;
    const hi = isDate ? end / 86_400_000 : end;
    return (row) => {
      const x = read(row);
      if (x === null) return op === '!=';
      const t =
        x instanceof ApexDate ? x.toEpochDay() : x instanceof ApexDatetime ? x.epochMs : NaN;
      switch (op) {
        case '=':
          return t >= lo && t < hi;
        case '!=':
          return !(t >= lo && t < hi);
        case '<':
          return t < lo;
        case '<=':
          return t < hi;
        case '>':
          return t >= hi;
        case '>=':
          return t >= lo;
        default:
          throw new QueryException(`invalid operator ${op} with a date literal`);
      }
    };
  }

  // ---- ORDER BY -------------------------------------------------------------------------

  private sort(object: SObjectSchema, rows: Row[], order: OrderItem[], alias?: string): Row[] {
    const keys = order.map((o) => {
      if (o.operand.fn)
        throw new QueryException(
          'Unsupported by the local org: ORDER BY a function outside an aggregate query'
        );
      const r = this.resolve(object, must(o.operand.path, 'ORDER BY field'), alias);
      if (r.field.type === 'multipicklist')
        throw new QueryException(`field '${r.field.name}' can not be sorted in a query call`);
      return { r, o };
    });
    const decorated = rows.map((row, i) => ({
      row,
      i,
      k: keys.map(({ r }) => normalise(r.field, this.read(row, r)))
    }));
    decorated.sort((a, b) => {
      for (let j = 0; j < keys.length; j++) {
        const { o } = keys[j];
        const c = orderCompare(a.k[j], b.k[j], o.desc, o.nullsLast);
        if (c) return c;
      }
      return a.i - b.i;
    });
    return decorated.map((d) => d.row);
  }

  // ---- Aggregates -----------------------------------------------------------------------

  private aggregate(q: Query, object: SObjectSchema, rows: Row[]): QueryOutcome {
    const groupBy = (q.groupBy ?? []).map((g) => ({
      g,
      r: this.resolve(object, must(g.path, 'GROUP BY field'), q.alias)
    }));
    let expr = 0;
    const cols = q.select.map((s) => {
      if (s.kind === 'function') {
        const r = s.path ? this.resolve(object, s.path, q.alias) : undefined;
        const name = s.alias ?? (isAggregate(s.fn) || !r ? `expr${expr++}` : r.field.name);
        return { s, r, name };
      }
      if (s.kind === 'field') {
        const r = this.resolve(object, s.path, q.alias);
        if (
          !groupBy.some((g) => g.r.field === r.field && g.r.path.join('.') === r.path.join('.'))
        ) {
          throw new QueryException(`Field must be grouped or aggregated: ${r.field.name}`);
        }
        return { s, r, name: s.alias ?? r.field.name };
      }
      throw new QueryException('Unsupported by the local org: subqueries in aggregate queries');
    });
    const groups = new Map<string, Row[]>();
    if (!groupBy.length) groups.set('', rows);
    else {
      for (const row of rows) {
        const key = JSON.stringify(
          groupBy.map(({ g, r }) => {
            const v = this.read(row, r);
            const x = g.fn ? dateFunction(g.fn, v) : normalise(r.field, v);
            return x;
          })
        );
        let list = groups.get(key);
        if (!list) groups.set(key, (list = []));
        list.push(row);
      }
    }
    let results: ApexSObject[] = [];
    for (const members of groups.values()) {
      const out = new ApexSObject('AggregateResult');
      const first = members[0];
      for (const c of cols) {
        const r = c.r;
        if (c.s.kind === 'field') {
          out.set(c.name, first && r ? this.read(first, r) : null);
          continue;
        }
        const s = c.s as Extract<SelectItem, { kind: 'function' }>;
        if (!isAggregate(s.fn)) {
          out.set(c.name, first && r ? dateFunction(s.fn, this.read(first, r)) : null);
          continue;
        }
        out.set(
          c.name,
          aggregateValue(
            s.fn,
            r ? members.map((m) => this.read(m, r)) : members.map(() => 1),
            c.r?.field
          )
        );
      }
      results.push(out);
    }
    if (q.having) {
      const having = q.having;
      results = results.filter((r) => this.havingMatches(having, r, cols));
    }
    if (q.orderBy) {
      const idx = q.orderBy.map((o) => {
        const col = cols.find((c) =>
          o.operand.fn
            ? c.s.kind === 'function' &&
              c.s.fn === o.operand.fn &&
              sameSamePath(c.s.path, o.operand.path)
            : c.s.kind === 'field' && sameSamePath(c.s.path, o.operand.path)
        );
        if (!col)
          throw new QueryException(
            'Unsupported by the local org: ORDER BY an expression not in the SELECT list of an aggregate query'
          );
        return { name: col.name, o };
      });
      results.sort((a, b) => {
        for (const { name, o } of idx) {
          const c = orderCompare(
            normaliseAny(a.raw(name) ?? null),
            normaliseAny(b.raw(name) ?? null),
            o.desc,
            o.nullsLast
          );
          if (c) return c;
        }
        return 0;
      });
    }
    if (q.offset !== undefined) results = results.slice(this.intValue(q.offset));
    if (q.limit !== undefined) results = results.slice(0, this.intValue(q.limit));
    // Aggregate queries count every aggregated row against the query rows limit, except COUNT() and
    // COUNT(fieldname): one query row, or one per grouping with GROUP BY (Apex Developer Guide,
    // "Working with SOQL Aggregate Functions").
    const countsOnly = cols.every(
      (c) => c.s.kind !== 'function' || !isAggregate(c.s.fn) || c.s.fn === 'COUNT'
    );
    return {
      kind: 'aggregate',
      records: results,
      count: results.length,
      rowsCounted: countsOnly ? (groupBy.length ? groups.size : 1) : rows.length,
      object: object.name
    };
  }

  private havingMatches(
    c: Condition,
    r: ApexSObject,
    cols: { s: SelectItem; name: string; r?: Resolved }[]
  ): boolean {
    switch (c.kind) {
      case 'and':
        return c.items.every((i) => this.havingMatches(i, r, cols));
      case 'or':
        return c.items.some((i) => this.havingMatches(i, r, cols));
      case 'not':
        return !this.havingMatches(c.item, r, cols);
      case 'cmp': {
        const col = cols.find((x) =>
          c.left.fn
            ? x.s.kind === 'function' && x.s.fn === c.left.fn && sameSamePath(x.s.path, c.left.path)
            : x.s.kind === 'field' && sameSamePath(x.s.path, c.left.path)
        );
        if (!col)
          throw new QueryException(
            'Unsupported by the local org: HAVING on an expression not in the SELECT list'
          );
        const v = normaliseAny(r.raw(col.name) ?? null);
        const lit =
          c.value.kind === 'number'
            ? Number(c.value.text)
            : c.value.kind === 'string'
              ? c.value.v.toLowerCase()
              : c.value.kind === 'null'
                ? null
                : normaliseAny(c.value.kind === 'bind' ? this.env.resolveBind(c.value) : null);
        return compare(v, c.op, lit);
      }
    }
  }
}

function sameSamePath(a: FieldPath | undefined, b: FieldPath | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i].toLowerCase());
}

function hasSemiJoin(c: Condition): boolean {
  if (c.kind === 'cmp') return c.value.kind === 'subquery';
  if (c.kind === 'not') return hasSemiJoin(c.item);
  return c.items.some(hasSemiJoin);
}

function isAggregate(fn: string): boolean {
  return (
    fn === 'COUNT' ||
    fn === 'COUNT_DISTINCT' ||
    fn === 'SUM' ||
    fn === 'AVG' ||
    fn === 'MIN' ||
    fn === 'MAX'
  );
}

function isNumberField(f: CatalogField): boolean {
  return ['double', 'currency', 'percent', 'int', 'long'].includes(f.type);
}

function soapName(f: CatalogField): string {
  if (f.type === 'datetime') return 'dateTime';
  if (f.type === 'id' || f.type === 'reference') return 'id';
  if (isNumberField(f)) return f.type === 'int' ? 'int' : 'double';
  return f.type === 'date' || f.type === 'boolean' ? f.type : 'string';
}

/** Comparable JS form of a value for a field: strings lower-cased (SOQL compares case-insensitively). */
function normalise(
  f: CatalogField,
  v: ApexValue,
  caseSensitive = false
): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (f.type === 'id' || f.type === 'reference') return idText(String(v));
  return normaliseAny(v, caseSensitive);
}

/** An Id's text as SOQL compares it: 15 characters become the 18-character form. */
function idText(s: string): string {
  return s.length === 15 ? (normaliseId(s) ?? s) : s;
}

function normaliseAny(v: ApexValue, caseSensitive = false): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return caseSensitive ? v : v.toLowerCase();
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof ApexDecimal) return v.toNumber();
  if (v instanceof ApexDouble) return v.v;
  // An Id compared with a text field is its 18-character string, compared like any text.
  if (v instanceof ApexId) return caseSensitive ? v.value : v.value.toLowerCase();
  if (v instanceof ApexDate) return v.toEpochDay();
  if (v instanceof ApexDatetime) return v.epochMs;
  if (v instanceof ApexTime) return v.ms;
  return String(v);
}

function compare(
  a: string | number | boolean | null,
  op: string,
  b: string | number | boolean | null
): boolean {
  // null only matches = null / != null (Use null in WHERE); a boolean = null is false.
  if (op === '=') return a === b;
  if (op === '!=') return a !== b;
  if (a === null || b === null) return false;
  switch (op) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
  throw new QueryException(`unexpected token: '${op}'`);
}

function orderCompare(
  a: string | number | boolean | null,
  b: string | number | boolean | null,
  desc: boolean,
  nullsLast: boolean
): number {
  if (a === b) return 0;
  if (a === null) return nullsLast ? 1 : -1;
  if (b === null) return nullsLast ? -1 : 1;
  const c = a < b ? -1 : 1;
  return desc ? -c : c;
}

function likeRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && (pattern[i + 1] === '%' || pattern[i + 1] === '_')) {
      re += pattern[++i];
      continue;
    }
    if (ch === '%') re += '[\\s\\S]*';
    else if (ch === '_') re += '[\\s\\S]';
    else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

function aggregateValue(fn: string, values: ApexValue[], field?: CatalogField): ApexValue {
  const present = values.filter((v) => v !== null);
  switch (fn) {
    case 'COUNT':
      return present.length;
    case 'COUNT_DISTINCT':
      return new Set(present.map((v) => normaliseAny(v))).size;
    case 'SUM':
    case 'AVG': {
      if (!present.length) return null;
      let sum = new ApexDecimal(0n, 0);
      for (const v of present)
        sum = sum.add(
          v instanceof ApexDecimal ? v : ApexDecimal.fromString(String(normaliseAny(v)))
        );
      if (fn === 'SUM') return field?.type === 'int' ? sum.toNumber() : sum;
      return ApexDecimal.fromString(String(sum.toNumber() / present.length));
    }
    case 'MIN':
    case 'MAX': {
      if (!present.length) return null;
      let best = present[0];
      for (const v of present.slice(1)) {
        const a = normaliseAny(v);
        const b = normaliseAny(best);
        if (a !== null && b !== null && (fn === 'MIN' ? a < b : a > b)) best = v;
      }
      return best;
    }
  }
  throw new QueryException(`Unsupported by the local org: aggregate ${fn}`);
}

/** CALENDAR_YEAR(CreatedDate) etc., in GMT (the local org's users are on GMT for date functions). */
function dateFunction(fn: string, v: ApexValue): number | null {
  if (v === null) return null;
  const d =
    v instanceof ApexDate
      ? new Date(Date.UTC(v.year, v.month - 1, v.day))
      : v instanceof ApexDatetime
        ? new Date(v.epochMs)
        : null;
  if (!d) return null;
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const dayOfYear = Math.floor((d.getTime() - start) / 86_400_000) + 1;
  switch (fn) {
    case 'CALENDAR_YEAR':
    case 'FISCAL_YEAR':
      return d.getUTCFullYear();
    case 'CALENDAR_MONTH':
    case 'FISCAL_MONTH':
      return d.getUTCMonth() + 1;
    case 'CALENDAR_QUARTER':
    case 'FISCAL_QUARTER':
      return Math.floor(d.getUTCMonth() / 3) + 1;
    case 'DAY_IN_MONTH':
      return d.getUTCDate();
    case 'DAY_IN_WEEK':
      return d.getUTCDay() + 1; // 1 = Sunday
    case 'DAY_IN_YEAR':
      return dayOfYear;
    case 'HOUR_IN_DAY':
      return d.getUTCHours();
    case 'WEEK_IN_MONTH':
      return Math.floor((d.getUTCDate() - 1) / 7) + 1;
    case 'WEEK_IN_YEAR':
      return Math.floor((dayOfYear - 1) / 7) + 1;
  }
  throw new QueryException(`Unsupported by the local org: ${fn}() here`);
}

/**
 * [start, end) in epoch ms for a date literal, in GMT, weeks starting Sunday (en_US), fiscal
 * year = calendar year (SOQL and SOSL Reference, "Date Formats and Date Literals").
 */
export function dateLiteralRange(
  name: string,
  n: number | undefined,
  nowMs: number
): [number, number] {
  const DAY = 86_400_000;
  const now = new Date(nowMs);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const weekStart = today - now.getUTCDay() * DAY;
  const q = Math.floor(m / 3);
  const month = (yy: number, mm: number): number => Date.UTC(yy, mm, 1);
  const need = (): number => {
    if (n === undefined || n < 0)
      throw new QueryException(`Invalid date literal ${name}: expects ${name}:n`);
    return n;
  };
  switch (name) {
    case 'YESTERDAY':
      return [today - DAY, today];
    case 'TODAY':
      return [today, today + DAY];
    case 'TOMORROW':
      return [today + DAY, today + 2 * DAY];
    case 'LAST_WEEK':
      return [weekStart - 7 * DAY, weekStart];
    case 'THIS_WEEK':
      return [weekStart, weekStart + 7 * DAY];
    case 'NEXT_WEEK':
      return [weekStart + 7 * DAY, weekStart + 14 * DAY];
    case 'LAST_MONTH':
      return [month(y, m - 1), month(y, m)];
    case 'THIS_MONTH':
      return [month(y, m), month(y, m + 1)];
    case 'NEXT_MONTH':
      return [month(y, m + 1), month(y, m + 2)];
    case 'LAST_90_DAYS':
      return [today - 90 * DAY, today + DAY];
    case 'NEXT_90_DAYS':
      return [today + DAY, today + 91 * DAY];
    case 'LAST_N_DAYS':
      // "For the number n provided, starts with the current day and continues for the past n days."
      return [today - need() * DAY, today + DAY];
    case 'NEXT_N_DAYS':
      return [today + DAY, today + (need() + 1) * DAY];
    case 'N_DAYS_AGO':
      return [today - need() * DAY, today - need() * DAY + DAY];
    case 'LAST_N_WEEKS':
      return [weekStart - need() * 7 * DAY, weekStart];
    case 'NEXT_N_WEEKS':
      return [weekStart + 7 * DAY, weekStart + (need() + 1) * 7 * DAY];
    case 'N_WEEKS_AGO':
      return [weekStart - need() * 7 * DAY, weekStart - (need() - 1) * 7 * DAY];
    case 'LAST_N_MONTHS':
      return [month(y, m - need()), month(y, m)];
    case 'NEXT_N_MONTHS':
      return [month(y, m + 1), month(y, m + 1 + need())];
    case 'N_MONTHS_AGO':
      return [month(y, m - need()), month(y, m - need() + 1)];
    case 'THIS_QUARTER':
    case 'THIS_FISCAL_QUARTER':
      return [month(y, q * 3), month(y, q * 3 + 3)];
    case 'LAST_QUARTER':
    case 'LAST_FISCAL_QUARTER':
      return [month(y, q * 3 - 3), month(y, q * 3)];
    case 'NEXT_QUARTER':
    case 'NEXT_FISCAL_QUARTER':
      return [month(y, q * 3 + 3), month(y, q * 3 + 6)];
    case 'LAST_N_QUARTERS':
    case 'LAST_N_FISCAL_QUARTERS':
      return [month(y, q * 3 - 3 * need()), month(y, q * 3)];
    case 'NEXT_N_QUARTERS':
    case 'NEXT_N_FISCAL_QUARTERS':
      return [month(y, q * 3 + 3), month(y, q * 3 + 3 + 3 * need())];
    case 'N_QUARTERS_AGO':
    case 'N_FISCAL_QUARTERS_AGO':
      return [month(y, q * 3 - 3 * need()), month(y, q * 3 - 3 * need() + 3)];
    case 'THIS_YEAR':
    case 'THIS_FISCAL_YEAR':
      return [month(y, 0), month(y + 1, 0)];
    case 'LAST_YEAR':
    case 'LAST_FISCAL_YEAR':
      return [month(y - 1, 0), month(y, 0)];
    case 'NEXT_YEAR':
    case 'NEXT_FISCAL_YEAR':
      return [month(y + 1, 0), month(y + 2, 0)];
    case 'LAST_N_YEARS':
    case 'LAST_N_FISCAL_YEARS':
      return [month(y - need(), 0), month(y, 0)];
    case 'NEXT_N_YEARS':
    case 'NEXT_N_FISCAL_YEARS':
      return [month(y + 1, 0), month(y + 1 + need(), 0)];
    case 'N_YEARS_AGO':
    case 'N_FISCAL_YEARS_AGO':
      return [month(y - need(), 0), month(y - need() + 1, 0)];
  }
  throw new QueryException(`unexpected token: '${name}'`);
}
