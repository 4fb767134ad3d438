/**
 * Inline SOQL and SOSL: bind variables compiled as closures, the query handed to the platform at
 * run time.
 */
import type { Expr } from '../../front/ast.js';
import { type EvalFn } from '../../binder/symbols.js';
import { type QueryRequest } from '../../runtime/platform.js';
import { NativeObject, typeRef } from '../../runtime/values.js';
import { throwApex } from '../../runtime/errors.js';
import { type C, lc } from './shared.js';
import { AssignmentCompiler } from './assignments.js';

export abstract class QueryCompiler extends AssignmentCompiler {
  // ------------------------------------------------------------------ SOQL / SOSL

  /** `Database.getQueryLocator([SELECT ...])`: the locator keeps the query and its binds, run lazily by the batch. */
  protected inlineQueryLocator(e: Extract<Expr, { k: 'call' }>): C | null {
    if (
      lc(e.name) !== 'getquerylocator' ||
      e.args.length !== 1 ||
      e.args[0].k !== 'soql' ||
      e.args[0].sosl
    )
      return null;
    const t = e.target;
    const isDatabase =
      t &&
      ((t.k === 'name' && lc(t.name) === 'database') ||
        (t.k === 'field' &&
          lc(t.name) === 'database' &&
          t.target.k === 'name' &&
          lc(t.target.name) === 'system'));
    if (!isDatabase) return null;
    const q = e.args[0];
    const binds = new Map<string, EvalFn>();
    for (const b of q.binds) binds.set(b.text.replace(/\s+/g, ''), this.expr(b.expr).fn);
    const text = q.text;
    return {
      fn: (f) =>
        new NativeObject('Database.QueryLocator', {
          text,
          query: text,
          binds: (b: { text: string }) => {
            const fn = binds.get(b.text.replace(/\s+/g, ''));
            if (!fn) throwApex('System.QueryException', `Variable does not exist: ${b.text}`);
            return fn(f);
          }
        }),
      type: typeRef('Database.QueryLocator')
    };
  }

  soql(e: Extract<Expr, { k: 'soql' }>, forLoop: boolean): C {
    const interp = this.interp;
    const binds = new Map<string, EvalFn>();
    for (const b of e.binds) binds.set(b.text.replace(/\s+/g, ''), this.expr(b.expr).fn);
    const text = e.text;
    const sosl = e.sosl;
    const from = /\bfrom\s+([A-Za-z0-9_]+)/i.exec(text);
    const so = from ? interp.isSObjectType(from[1]) : null;
    const type = sosl
      ? typeRef('List', [typeRef('List', [typeRef('SObject')])])
      : typeRef('List', [typeRef(so ?? 'SObject')]);
    return {
      fn: (f) => {
        const ctx = interp.nativeContext();
        const req: QueryRequest = {
          text,
          kind: 'inline',
          resolveBind: (expr) => {
            const fn = binds.get(expr.replace(/\s+/g, ''));
            if (!fn) throwApex('System.QueryException', `Variable does not exist: ${expr}`);
            return fn(f);
          },
          accessLevel: null,
          forLoop,
          pos: ctx.pos
        };
        return sosl ? interp.platform.search(ctx, req) : interp.platform.query(ctx, req);
      },
      type
    };
  }
}
