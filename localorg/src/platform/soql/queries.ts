// An org's SOQL and SOSL entry points: a query in the current transaction (Queries and QueryRows
// limits, user mode, `with sharing`), inline and dynamic SOQL from Apex (System.QueryException),
// SOSL from Apex (System.SearchException; in tests only Test.setFixedSearchResults Ids, Apex
// Developer Guide "Adding SOSL Queries to Unit Tests"), and binds given by name from TypeScript.
import {
  ApexId,
  ApexList,
  typeRef,
  type ApexSObject,
  type ApexValue
} from '../../runtime/values.ts';
import type { NativeCallContext, QueryRequest } from '../../runtime/platform.ts';
import type { Schema } from '../schema/schema.ts';
import type { Row, Store } from '../data/store.ts';
import type { Access } from '../security/access.ts';
import type { Limits } from '../limits/limits.ts';
import { jsToApex } from '../data/convert.ts';
import type { Bind } from './ast.ts';
import { parseSoql, parseSosl, positionedMessage, QueryException } from './parser.ts';
import { SoqlEvaluator, type QueryEnv, type QueryOutcome } from './eval.ts';
import { checkLinkFilter } from '../content/link-filter.ts';

/** What the queries need of their org. */
export interface QueryHost {
  readonly schema: Schema;
  readonly store: Store;
  readonly access: Access;
  now(): number;
  currentUserId(): string;
  /** The limits of the transaction running now. */
  limits(): Limits;
  /** The sharing of the Apex code running now (`with`, `without`, or null: none declared). */
  currentSharing(): string | null;
  /** Measures the Apex heap with values about to be handed to Apex. */
  checkHeap(extra: readonly ApexValue[]): void;
  /** Whether an Apex test method runs now, and the Ids Test.setFixedSearchResults set. */
  inTestMethod(): boolean;
  fixedSearchResults(): string[] | null;
  /** Formula and roll-up summary fields, computed when read (platform/formula/org-formulas.ts). */
  computed?: QueryEnv['computed'];
}

/** The org's SOQL and SOSL. */
export class OrgQueries {
  constructor(private readonly host: QueryHost) {}

  /** Runs a query in the current transaction (counts limits). */
  run(
    text: string,
    resolveBind: (b: Bind) => ApexValue,
    opts: { userMode?: boolean; withSharing?: boolean; queryLocator?: boolean } = {}
  ): QueryOutcome {
    const h = this.host;
    const limits = h.limits();
    const q = parseSoql(text);
    checkLinkFilter(q); // ContentDocumentLink's query restriction (content/link-filter.ts)
    limits.consume('Queries');
    const userId = h.currentUserId();
    const started = performance.now();
    const outcome = new SoqlEvaluator(
      {
        schema: h.schema,
        store: h.store,
        now: () => h.now(),
        resolveBind,
        userMode: opts.userMode,
        access: {
          canReadObject: (o) => h.access.objectPermission(userId, o).read,
          canReadField: (o, f) => h.access.canReadField(userId, o, f)
        },
        canSee: opts.withSharing ? (row) => h.access.canSee(userId, row) : undefined,
        computed: h.computed
      },
      q
    ).run();
    // a batch's QueryLocator is not counted against the SOQL rows limit ("Using Batch Apex")
    if (!opts.queryLocator) limits.consume('QueryRows', outcome.rowsCounted);
    limits.trace.push({
      kind: 'soql',
      detail: text,
      rows: outcome.rowsCounted,
      ms: performance.now() - started
    });
    return outcome;
  }

  /** Inline or dynamic SOQL from Apex. */
  apexQuery(ctx: NativeCallContext, req: QueryRequest): ApexValue {
    try {
      // `with sharing` code sees only the records its user may see (Using the with sharing Keywords).
      const sharing =
        (req as QueryRequest & { sharing?: string | null }).sharing ??
        this.host.currentSharing() ??
        null;
      const out = this.run(req.text, (b) => req.resolveBind(b.text.replace(/\s+/g, '')), {
        userMode: req.accessLevel === 'USER_MODE',
        withSharing: sharing === 'with'
      });
      if (out.kind === 'count') return out.count;
      const rows = new ApexList(
        typeRef(out.kind === 'aggregate' ? 'AggregateResult' : out.object),
        out.records
      );
      this.host.checkHeap([rows]);
      return rows;
    } catch (e) {
      // Dynamic SOQL names the field or object at fault by row and column (inline SOQL is checked
      // when the class compiles on the platform).
      if (e instanceof QueryException)
        ctx.throwApex(
          'System.QueryException',
          req.kind === 'dynamic' ? positionedMessage(e, req.text) : e.message,
          (e as { inaccessibleFields?: string[] }).inaccessibleFields
        );
      throw e;
    }
  }

  /** SOSL from Apex. */
  search(ctx: NativeCallContext, req: QueryRequest): ApexValue {
    const h = this.host;
    h.limits().consume('SoslQueries');
    let q;
    try {
      q = parseSosl(req.text);
    } catch (e) {
      if (e instanceof QueryException) ctx.throwApex('System.SearchException', e.message);
      throw e;
    }
    const fixed = h.fixedSearchResults();
    const out = new ApexList(typeRef('List', [typeRef('SObject')]));
    for (const spec of q.returning) {
      const o = h.schema.require(spec.object);
      // In tests SOSL returns only Test.setFixedSearchResults Ids (Apex Developer Guide, "Adding SOSL Queries to Unit Tests").
      const rows = h.inTestMethod()
        ? (fixed ?? [])
            .map((id) => h.store.get(id))
            .filter((r) => r && !r.deleted && r.type === o.name)
        : this.searchRows(
            o.name,
            typeof q.search === 'string' ? q.search : String(req.resolveBind(q.search.text))
          );
      const fields = spec.fields.length ? spec.fields.map((p) => p.join('.')).join(', ') : 'Id';
      const ids = rows.flatMap((r) => (r ? [r.id] : []));
      const res = this.run(
        `SELECT ${fields} FROM ${o.name} WHERE Id IN :ids`,
        () =>
          new ApexList(
            typeRef('Id'),
            ids.map((i) => new ApexId(i))
          )
      );
      out.items.push(new ApexList(typeRef(o.name), res.records));
    }
    return out;
  }

  private searchRows(object: string, term: string): (Row | undefined)[] {
    const needle = term.replace(/[*?"]/g, '').toLowerCase().trim();
    const o = this.host.schema.require(object);
    const textFields = o
      .fields()
      .filter((f) => ['string', 'textarea', 'email', 'phone', 'url', 'picklist'].includes(f.type))
      .map((f) => f.name.toLowerCase());
    return [...this.host.store.rows(object)].filter((r) =>
      textFields.some((f) =>
        String(r.values.get(f) ?? '')
          .toLowerCase()
          .includes(needle)
      )
    );
  }

  /** A query from TypeScript with binds by name: the records, or the count of a COUNT() query. */
  tsQuery(soql: string, binds: Record<string, unknown>): ApexSObject[] | number {
    const out = this.run(soql, (b) => {
      if (!(b.text in binds)) throw new QueryException(`Variable does not exist: ${b.text}`);
      return toBindValue(binds[b.text]);
    });
    return out.kind === 'count' ? out.count : out.records;
  }
}

/** A JavaScript value given as a bind from TypeScript, as Apex holds it. */
function toBindValue(v: unknown): ApexValue {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return new ApexList(typeRef('Object'), v.map(toBindValue));
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number')
    return Number.isInteger(v)
      ? v
      : (jsToApex(
          {
            name: 'x',
            type: 'double',
            apexType: 'Decimal',
            length: 0,
            nillable: true,
            createable: true,
            updateable: true,
            defaultedOnCreate: false
          },
          v
        ) as ApexValue);
  if (v instanceof Date)
    return jsToApex(
      {
        name: 'x',
        type: 'datetime',
        apexType: 'Datetime',
        length: 0,
        nillable: true,
        createable: true,
        updateable: true,
        defaultedOnCreate: false
      },
      v
    );
  return v as ApexValue;
}
