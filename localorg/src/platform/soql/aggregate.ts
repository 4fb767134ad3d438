// Aggregate queries: GROUP BY, aggregate and date functions, HAVING, ORDER BY and LIMIT/OFFSET
// on the groups, and the rows they count (SOQL and SOSL Reference: "Aggregate Functions",
// "GROUP BY", "HAVING"; Apex Developer Guide: "Working with SOQL Aggregate Functions").
import { must } from '../util.ts';
import { ApexSObject, type ApexValue } from '../../runtime/values.ts';
import type { SObjectSchema } from '../schema/schema.ts';
import type { Row } from '../data/store.ts';
import type { Bind, Condition, FieldPath, Query, SelectItem } from './ast.ts';
import { QueryException } from './parser.ts';
import type { QueryOutcome, Resolved } from './env.ts';
import {
  aggregateValue,
  compare,
  dateFunction,
  isAggregate,
  normalise,
  normaliseAny,
  orderCompare,
  sameSamePath
} from './values.ts';

/** What an aggregate query needs of the evaluator running it. */
export interface AggregateHost {
  resolve(object: SObjectSchema, path: FieldPath, alias?: string): Resolved;
  read(row: Row, r: Resolved): ApexValue;
  intValue(v: number | Bind): number;
  resolveBind(b: Bind): ApexValue;
}

export class Aggregator {
  constructor(private readonly host: AggregateHost) {}

  // ---- Aggregates -----------------------------------------------------------------------

  run(q: Query, object: SObjectSchema, rows: Row[]): QueryOutcome {
    const groupBy = (q.groupBy ?? []).map((g) => ({
      g,
      r: this.host.resolve(object, must(g.path, 'GROUP BY field'), q.alias)
    }));
    let expr = 0;
    const cols = q.select.map((s) => {
      if (s.kind === 'function') {
        const r = s.path ? this.host.resolve(object, s.path, q.alias) : undefined;
        const name = s.alias ?? (isAggregate(s.fn) || !r ? `expr${expr++}` : r.field.name);
        return { s, r, name };
      }
      if (s.kind === 'field') {
        const r = this.host.resolve(object, s.path, q.alias);
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
            const v = this.host.read(row, r);
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
          out.set(c.name, first && r ? this.host.read(first, r) : null);
          continue;
        }
        const s = c.s as Extract<SelectItem, { kind: 'function' }>;
        if (!isAggregate(s.fn)) {
          out.set(c.name, first && r ? dateFunction(s.fn, this.host.read(first, r)) : null);
          continue;
        }
        out.set(
          c.name,
          aggregateValue(
            s.fn,
            r ? members.map((m) => this.host.read(m, r)) : members.map(() => 1),
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
    if (q.offset !== undefined) results = results.slice(this.host.intValue(q.offset));
    if (q.limit !== undefined) results = results.slice(0, this.host.intValue(q.limit));
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
                : normaliseAny(c.value.kind === 'bind' ? this.host.resolveBind(c.value) : null);
        return compare(v, c.op, lit);
      }
    }
  }
}
