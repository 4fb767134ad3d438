// Evaluates a parsed SOQL query against one org's store (SOQL and SOSL Reference: "SOQL SELECT
// Syntax", "Comparison Operators", "Date Formats and Date Literals", "Relationship Queries",
// "Aggregate Functions", "ORDER BY", "Use null in WHERE"). Result rows are ApexSObjects whose
// `queried` set holds what was selected, so reading an unqueried field fails as on the platform.
import { must } from '../util.ts';
import {
  ApexDecimal,
  ApexId,
  ApexList,
  ApexSet,
  ApexSObject,
  typeRef,
  type ApexValue
} from '../../runtime/values.ts';
import type { CatalogField } from '../schema/catalog-types.ts';
import { ensureCatalogueRecords } from '../schema/catalogue-records.ts';
import type { SObjectSchema } from '../schema/schema.ts';
import type { IndexKeyer, Row } from '../data/store.ts';
import type { Bind, Condition, FieldPath, OrderItem, Query, SelectItem, Value } from './ast.ts';
import { QueryException, queryError } from './parser.ts';
import type { QueryEnv, QueryOutcome, Resolved } from './env.ts';
import { Aggregator } from './aggregate.ts';
import {
  compare,
  compileDateLiteral,
  dateFunction,
  hasSemiJoin,
  idText,
  isAggregate,
  likeRegex,
  literal,
  normalise,
  normaliseAny,
  orderCompare
} from './values.ts';

export type { AccessChecker, QueryEnv, QueryOutcome } from './env.ts';
export { dateLiteralRange } from './values.ts';

const isComputed = (f: CatalogField): boolean =>
  !!(
    (f as CatalogField & { formula?: string }).formula ||
    (f as CatalogField & { summary?: string }).summary
  );

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

/** Objects a custom metadata relationship (or FieldDefinition.EntityDefinitionId) names by DurableId. */
const DURABLE = new Set(['entitydefinition', 'fielddefinition']);

function keyerFor(f: CatalogField): IndexKeyer {
  return f.type === 'id' || f.type === 'reference' ? soqlIdKeyer : soqlKeyer;
}

/** An indexed way into a table for one WHERE comparison: rows whose field has one of `keys`. */
interface AccessPath {
  field: string;
  keyer: IndexKeyer;
  keys: string[];
}

export class SoqlEvaluator {
  private readonly env: QueryEnv;
  private readonly userMode: boolean;
  private readonly enforced: boolean;
  private inaccessible: string[] = [];
  /** `=`, `IN` and semi-join comparisons on a field of the queried object, usable through an index */
  private readonly accessPaths = new Map<Condition, AccessPath>();

  private readonly aggregator: Aggregator;
  private readonly bindResolver: (b: Bind) => ApexValue;

  constructor(
    env: QueryEnv,
    private readonly q: Query
  ) {
    this.env = env;
    this.bindResolver = (b) => env.resolveBind(b);
    this.aggregator = new Aggregator({
      resolve: (object, path, alias) => this.resolve(object, path, alias),
      read: (row, r) => this.read(row, r),
      intValue: (v) => this.intValue(v),
      resolveBind: this.bindResolver
    });
    this.userMode = q.withMode === 'USER_MODE' || (!!env.userMode && q.withMode !== 'SYSTEM_MODE');
    this.enforced = q.withMode === 'SECURITY_ENFORCED';
  }

  run(): QueryOutcome {
    return this.runQuery(this.q, undefined);
  }

  private object(name: string, pos?: number): SObjectSchema {
    const unknown = (): QueryException => {
      const e = queryError(UNKNOWN_OBJECT(name), 'INVALID_TYPE');
      e.pos = pos;
      return e;
    };
    const o = this.env.schema.get(name);
    if (!o) throw unknown();
    if (o.name === 'EntityDefinition' || o.name === 'FieldDefinition')
      ensureCatalogueRecords(this.env.schema, this.env.store);
    if (
      (this.userMode || this.enforced) &&
      this.env.access &&
      !this.env.access.canReadObject(o.name)
    ) {
      throw unknown();
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
      if (!rel || !rel.referenceTo?.length)
        throw queryError(BAD_RELATIONSHIP(p[i]), 'INVALID_FIELD', path);
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
      throw queryError(NO_SUCH_COLUMN(last, cur.name), 'INVALID_FIELD', path);
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
      const e = queryError(NO_SUCH_COLUMN(field.name, object.name), 'INVALID_FIELD');
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
    const object = this.object(q.from, q.fromPos);
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
    if (aggregates) return this.aggregator.run(q, object, rows);
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
          if (
            sub.fromQualifier &&
            sub.fromQualifier.toLowerCase() !== object.name.toLowerCase() &&
            sub.fromQualifier.toLowerCase() !== (q.alias ?? '').toLowerCase()
          )
            throw queryError(BAD_RELATIONSHIP(`${sub.fromQualifier}.${sub.from}`), 'INVALID_FIELD');
          const rel = object.childRelationship(sub.from);
          if (!rel) {
            const e = queryError(BAD_RELATIONSHIP(sub.from), 'INVALID_FIELD');
            e.pos = sub.fromPos;
            throw e;
          }
          const child = this.object(rel.childSObject);
          const field = must(child.field(rel.field), `${child.name}.${rel.field}`);
          const childQuery: Query = { ...sub, from: child.name };
          // EntityDefinition.Fields: FieldDefinition.EntityDefinitionId holds the object's DurableId.
          const byDurableId =
            !!field.metadataRelationship && DURABLE.has(object.name.toLowerCase());
          steps.push((row, out) => {
            const key = byDurableId ? String(row.values.get('durableid') ?? '') : row.id;
            const res = this.runQuery(
              childQuery,
              { field, id: key },
              this.childRows(child, field, key, sub.allRows || this.q.allRows)
            );
            out.set(rel.relationshipName, new ApexList(typeRef(child.name), res.records));
          });
          break;
        }
        case 'typeof': {
          const rel = object.relationship(item.path[item.path.length - 1]);
          if (!rel || item.path.length !== 1)
            throw queryError(BAD_RELATIONSHIP(item.path.join('.')), 'INVALID_FIELD', item.path);
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
            // toLabel() reads a picklist value's label (SOQL and SOSL Reference, "toLabel()"): the
            // value's <label> in the source, else the value itself. Single currency org; FORMAT
            // gives the stored value.
            const r = this.resolve(object, must(item.path, `${item.fn}() argument`), q.alias);
            const labels = item.fn === 'TOLABEL' ? r.field.picklistLabels : undefined;
            const label = labels
              ? (v: ApexValue): ApexValue =>
                  typeof v === 'string'
                    ? v
                        .split(';')
                        .map((x) => labels[x] ?? x)
                        .join(';')
                    : v
              : undefined;
            steps.push((row, out) => this.place(out, r, row, item.alias, label));
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
  private place(
    out: ApexSObject,
    r: Resolved,
    row: Row,
    alias?: string,
    map?: (v: ApexValue) => ApexValue
  ): void {
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
    const value = v === undefined ? null : v;
    target.set(alias ?? r.field.name, map ? map(value) : value);
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
    // `Id = :aSetOrList` matches any of the collection's values, as IN does (apex-recipes'
    // PlatformEventPublishCallback binds a Set<Id> with '='; its tests pass on orgs).
    if (op === '=' && c.value.kind === 'bind') {
      const b = this.env.resolveBind(c.value);
      if (b instanceof ApexList || b instanceof ApexSet)
        return this.compileComparison(object, { ...c, op: 'IN' }, alias);
    }
    const read = (row: Row): ApexValue => this.read(row, r);
    if (c.value.kind === 'dateLiteral')
      return compileDateLiteral(this.env.now(), f, op, c.value, read);
    if (op === 'IN' || op === 'NOT IN') {
      const literals = this.listValues(c.value).map((v) => literal(f, v, this.bindResolver));
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
        String(literal(f, v, this.bindResolver) ?? '')
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
    const lit = literal(f, c.value, this.bindResolver);
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
    const object = this.object(sub.from, sub.fromPos);
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
}
