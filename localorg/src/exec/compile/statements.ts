/**
 * Statements: blocks, locals, if/loops/for-each, try/catch/finally, switch, DML; each returns a
 * completion code (NORMAL/BREAK/CONTINUE/RETURN) instead of throwing.
 */
import type { Expr, Pos, Stmt } from '../../front/ast.js';
import { BREAK, CONTINUE, type ExecFn, Frame, NORMAL, RETURN } from '../../binder/symbols.js';
import { ApexThrow } from '../../runtime/platform.js';
import {
  ApexEnumValue,
  ApexList,
  ApexObject,
  ApexSObject,
  ApexSet,
  type ApexValue,
  type TypeRef,
  keyEquals,
  typeToString,
  T_OBJECT
} from '../../runtime/values.js';
import { isInstanceOf } from '../../runtime/type-tests.js';
import { throwApex } from '../../runtime/errors.js';
import { lc, npe } from './shared.js';
import { ExpressionCompiler } from './expressions.js';

export class MethodCompiler extends ExpressionCompiler {
  // =============================================================================== statements

  /** Wraps a statement with line tracking and coverage. */
  protected track(pos: Pos, inner: ExecFn): ExecFn {
    const line = pos.line;
    const hits = this.interp.coverageFor(this.cls, line);
    return (f) => {
      f.line = line;
      hits[line] = 1;
      return inner(f);
    };
  }

  block(stmts: Stmt[]): ExecFn {
    this.scopes.push();
    const fns = stmts.map((s) => this.stmt(s));
    this.scopes.pop();
    const n = fns.length;
    if (n === 0) return () => NORMAL;
    if (n === 1) return fns[0];
    return (f) => {
      for (let i = 0; i < n; i++) {
        const r = fns[i](f);
        if (r !== NORMAL) return r;
      }
      return NORMAL;
    };
  }

  stmt(s: Stmt): ExecFn {
    switch (s.k) {
      case 'block':
        return this.block(s.body);
      case 'empty':
        return () => NORMAL;
      case 'local':
        return this.local(s);
      case 'expr': {
        const e = this.expr(s.expr).fn;
        return this.track(s.pos, (f) => {
          e(f);
          return NORMAL;
        });
      }
      case 'if': {
        const c = this.cond(s.cond);
        const t = this.scoped(s.then);
        const e = s.else ? this.scoped(s.else) : null;
        return this.track(s.pos, e ? (f) => (c(f) ? t(f) : e(f)) : (f) => (c(f) ? t(f) : NORMAL));
      }
      case 'while': {
        const c = this.cond(s.cond);
        const b = this.loopBody(s.body);
        const line = s.pos.line;
        return this.track(s.pos, (f) => {
          while (c(f)) {
            const r = b(f);
            if (r === BREAK) break;
            if (r === RETURN) return r;
            f.line = line;
          }
          return NORMAL;
        });
      }
      case 'do': {
        const c = this.cond(s.cond);
        const b = this.loopBody(s.body);
        return this.track(s.pos, (f) => {
          do {
            const r = b(f);
            if (r === BREAK) break;
            if (r === RETURN) return r;
          } while (c(f));
          return NORMAL;
        });
      }
      case 'for':
        return this.forLoop(s);
      case 'forEach':
        return this.forEach(s);
      case 'return': {
        if (!s.expr) return this.track(s.pos, () => RETURN);
        const e = this.expr(s.expr).fn;
        const conv = this.interp.coercer(this.returnType ?? T_OBJECT);
        return this.track(
          s.pos,
          conv
            ? (f) => {
                f.ret = conv(e(f));
                return RETURN;
              }
            : (f) => {
                f.ret = e(f);
                return RETURN;
              }
        );
      }
      case 'throw': {
        const e = this.expr(s.expr).fn;
        return this.track(s.pos, (f) => {
          const v = e(f);
          if (v === null) npe();
          if (!(v instanceof ApexObject) || !v.exception)
            throwApex('System.TypeException', 'Throw expression must be an exception');
          // Thrown without a message, an exception reports "Script-thrown exception" (one only
          // constructed still has none).
          if (v.exception.message === null) v.exception.message = 'Script-thrown exception';
          // An AuraHandledException's message goes to the Lightning client; in Apex getMessage()
          // answers "Script-thrown exception" unless setMessage set it (apex-recipes'
          // AuraEnabledRecipes_Tests expect it and pass on orgs).
          if (!v.exception.messageSet && v.cls.isSubtypeOf('System.AuraHandledException'))
            v.exception.message = 'Script-thrown exception';
          throw new ApexThrow(v);
        });
      }
      case 'break':
        if (!this.loopDepth) this.err(s.pos, 'Break statement must be in loop');
        return this.track(s.pos, () => BREAK);
      case 'continue':
        if (!this.loopDepth) this.err(s.pos, 'Continue statement must be in loop');
        return this.track(s.pos, () => CONTINUE);
      case 'try':
        return this.tryStmt(s);
      case 'switch':
        return this.switchStmt(s);
      case 'dml':
        return this.dml(s);
      case 'runAs': {
        const args = s.args.map((a) => this.expr(a).fn);
        const body = this.scoped(s.body);
        return this.track(s.pos, (f) => {
          const user = args[0] ? args[0](f) : null;
          if (!(user instanceof ApexSObject))
            throwApex('System.TypeException', 'System.runAs requires a User record');
          let result = NORMAL;
          this.interp.platform.runAs(this.interp.nativeContext(), user, () => {
            result = body(f);
          });
          return result;
        });
      }
    }
  }

  returnType: TypeRef | null = null;

  protected scoped(s: Stmt): ExecFn {
    this.scopes.push();
    const fn = this.stmt(s);
    this.scopes.pop();
    return fn;
  }

  protected loopBody(s: Stmt): ExecFn {
    this.loopDepth++;
    const fn = this.scoped(s);
    this.loopDepth--;
    return fn;
  }

  protected cond(e: Expr): (f: Frame) => boolean {
    const c = this.expr(e).fn;
    return (f) => {
      const v = c(f);
      if (v === true) return true;
      if (v === false) return false;
      if (v === null) npe();
      throwApex('System.TypeException', 'Condition must be a Boolean');
    };
  }

  protected local(s: Extract<Stmt, { k: 'local' }>): ExecFn {
    const t = this.type(s.type);
    const conv = this.interp.coercer(t);
    const parts: ExecFn[] = [];
    for (const d of s.decls) {
      // The initialiser is compiled before the name is declared: `Integer x = x;` is an error.
      const init = d.init ? this.exprTo(d.init, t) : null;
      const v = this.scopes.declare(d.name, t, d.pos);
      const slot = v.slot;
      if (init) {
        const fn = init.fn;
        const set: ExecFn = conv
          ? (f) => {
              f.slots[slot] = conv(fn(f));
              return NORMAL;
            }
          : (f) => {
              f.slots[slot] = fn(f);
              return NORMAL;
            };
        parts.push(this.track(d.pos, set));
      } else {
        parts.push((f) => {
          f.slots[slot] = null;
          return NORMAL;
        });
      }
    }
    if (parts.length === 1) return parts[0];
    return (f) => {
      for (const p of parts) p(f);
      return NORMAL;
    };
  }

  protected forLoop(s: Extract<Stmt, { k: 'for' }>): ExecFn {
    this.scopes.push();
    let init: ExecFn | null = null;
    if (s.init && !Array.isArray(s.init)) init = this.stmt(s.init);
    else if (Array.isArray(s.init)) {
      const es = s.init.map((e) => this.expr(e).fn);
      init = (f) => {
        for (const e of es) e(f);
        return NORMAL;
      };
    }
    const c = s.cond ? this.cond(s.cond) : () => true;
    const upd = s.update.map((e) => this.expr(e).fn);
    const body = this.loopBody(s.body);
    this.scopes.pop();
    const line = s.pos.line;
    const hits = this.interp.coverageFor(this.cls, line);
    return (f) => {
      f.line = line;
      hits[line] = 1;
      if (init) init(f);
      for (; c(f);) {
        const r = body(f);
        if (r === BREAK) break;
        if (r === RETURN) return r;
        for (let i = 0; i < upd.length; i++) upd[i](f);
      }
      return NORMAL;
    };
  }

  protected forEach(s: Extract<Stmt, { k: 'forEach' }>): ExecFn {
    const t = this.type(s.type);
    const isSoql = s.iter.k === 'soql';
    const iter = isSoql
      ? this.soql(s.iter as Extract<Expr, { k: 'soql' }>, true).fn
      : this.expr(s.iter).fn;
    this.scopes.push();
    const v = this.scopes.declare(s.name, t, s.pos);
    const body = this.loopBody(s.body);
    this.scopes.pop();
    const slot = v.slot;
    const conv = this.interp.coercer(t);
    // `for (List<Account> chunk : [SELECT ...])` iterates in lists of 200.
    const chunked = isSoql && lc(t.name) === 'list';
    return this.track(s.pos, (f) => {
      let coll = iter(f);
      if (coll === null) npe();
      if (chunked && coll instanceof ApexList) {
        const all = coll.items;
        const chunks: ApexValue[] = [];
        for (let i = 0; i < all.length; i += 200)
          chunks.push(new ApexList(coll.elemType, all.slice(i, i + 200)));
        if (!chunks.length) chunks.push(new ApexList(coll.elemType, []));
        coll = new ApexList(t, chunks);
      }
      if (coll instanceof ApexList) {
        const live = coll.items;
        const n = live.length;
        for (let i = 0; i < live.length; i++) {
          f.slots[slot] = conv ? conv(live[i]) : live[i];
          const r = body(f);
          if (live.length !== n && !isSoql)
            throwApex(
              'System.FinalException',
              'Cannot modify a collection while it is being iterated.'
            );
          if (r === BREAK) break;
          if (r === RETURN) return r;
        }
        return NORMAL;
      } else if (coll instanceof ApexSet) {
        // "Modifying a collection's elements while iterating through that collection is not
        // supported and causes an error" (Apex Developer Guide, "Iterating Collections").
        const n = coll.size;
        for (const item of coll.values()) {
          f.slots[slot] = conv ? conv(item) : item;
          const r = body(f);
          if (coll.size !== n)
            throwApex(
              'System.FinalException',
              'Cannot modify a collection while it is being iterated.'
            );
          if (r === BREAK) break;
          if (r === RETURN) return r;
        }
        return NORMAL;
      } else if (coll instanceof ApexObject) {
        // Iterable<T>: iterator() then hasNext()/next().
        const it = this.interp.dispatch(coll, 'iterator', []);
        while (this.interp.dispatch(it, 'hasnext', []) === true) {
          f.slots[slot] = this.interp.dispatch(it, 'next', []);
          const r = body(f);
          if (r === BREAK) break;
          if (r === RETURN) return r;
        }
        return NORMAL;
      }
      return throwApex(
        'System.TypeException',
        `Loop must iterate over collection: ${typeToString(t)}`
      );
    });
  }

  protected tryStmt(s: Extract<Stmt, { k: 'try' }>): ExecFn {
    const body = this.scoped(s.body);
    const catches = s.catches.map((c) => {
      const t = this.type(c.type);
      this.scopes.push();
      const v = this.scopes.declare(c.name, t, c.pos);
      const b = this.stmt(c.body);
      this.scopes.pop();
      return {
        t,
        slot: v.slot,
        b,
        isAll: lc(t.name) === 'exception' || lc(t.name) === 'system.exception'
      };
    });
    const fin = s.fin ? this.scoped(s.fin) : null;
    const interp = this.interp;
    return (f) => {
      try {
        return body(f);
      } catch (e) {
        if (!(e instanceof ApexThrow) || e.uncatchable) throw e;
        for (const c of catches) {
          if (c.isAll || isInstanceOf(e.exception, c.t)) {
            f.slots[c.slot] = e.exception;
            interp.unwindTo(f);
            return c.b(f);
          }
        }
        throw e;
      } finally {
        if (fin) {
          const r = fin(f);
          // A return inside finally wins over everything else, as in Java.
          if (r !== NORMAL) return r;
        }
      }
    };
  }

  protected switchStmt(s: Extract<Stmt, { k: 'switch' }>): ExecFn {
    const on = this.expr(s.on);
    if (on.type) {
      // Only types known not to qualify are refused; platform enums (Schema.DisplayType...) pass.
      const n = lc(on.type.name);
      const user = this.interp.classByType(on.type);
      const refused =
        [
          'object',
          'boolean',
          'decimal',
          'double',
          'date',
          'datetime',
          'time',
          'blob',
          'list',
          'set',
          'map'
        ].includes(n) ||
        (user !== null && user.kind !== 'enum');
      if (refused)
        this.err(
          s.on.pos,
          `Switch expression must be a Integer, Long, String, SObject record or enum value, not '${typeToString(on.type)}'`
        );
    }
    type Arm = { test: (v: ApexValue, f: Frame) => boolean; body: ExecFn };
    const arms: Arm[] = [];
    let elseArm: ExecFn | null = null;
    for (const w of s.whens) {
      if (w.kind === 'else') {
        elseArm = this.scoped(w.body);
        continue;
      }
      if (w.kind === 'type') {
        const t = this.type(w.type);
        this.scopes.push();
        const v = this.scopes.declare(w.name, t, w.pos);
        const body = this.stmt(w.body);
        this.scopes.pop();
        const slot = v.slot;
        arms.push({
          test: (val, f) => {
            if (!isInstanceOf(val, t)) return false;
            f.slots[slot] = val;
            return true;
          },
          body
        });
        continue;
      }
      const tests = w.values.map((wv): ((v: ApexValue) => boolean) => {
        if (wv.k === 'enum') {
          const name = lc(wv.name.split('.').pop() as string);
          return (v) => v instanceof ApexEnumValue && lc(v.name) === name;
        }
        const lit = wv.value;
        if (lit === null) return (v) => v === null;
        return (v) => keyEquals(v, lit);
      });
      arms.push({ test: (v) => tests.some((t) => t(v)), body: this.scoped(w.body) });
    }
    return this.track(s.pos, (f) => {
      const v = on.fn(f);
      for (const a of arms) if (a.test(v, f)) return a.body(f);
      return elseArm ? elseArm(f) : NORMAL;
    });
  }

  protected dml(s: Extract<Stmt, { k: 'dml' }>): ExecFn {
    const e = this.expr(s.expr).fn;
    const extra = s.extra ? this.expr(s.extra).fn : null;
    const interp = this.interp;
    let extField: string | null = null;
    if (s.field) {
      const parts = s.field.split('.');
      extField = parts[parts.length - 1];
    }
    return this.track(s.pos, (f) => {
      const v = e(f);
      if (v === null) throwApex('System.NullPointerException', 'Argument cannot be null.');
      const single = !(v instanceof ApexList);
      const records = single ? [v] : (v as ApexList).items;
      const ctx = interp.nativeContext();
      let master: ApexSObject | undefined;
      let recs = records as ApexSObject[];
      if (s.op === 'merge') {
        master = v as ApexSObject;
        const d = extra ? extra(f) : null;
        recs = (d instanceof ApexList ? d.items : [d]) as ApexSObject[];
      }
      interp.platform.dml(ctx, {
        op: s.op,
        records: recs,
        single,
        allOrNone: true,
        accessLevel:
          s.access === 'user' ? 'USER_MODE' : s.access === 'system' ? 'SYSTEM_MODE' : null,
        externalIdField: extField,
        mergeMaster: master,
        pos: ctx.pos
      });
      return NORMAL;
    });
  }
}
