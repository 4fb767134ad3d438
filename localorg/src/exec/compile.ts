/**
 * Compiles a bound method body to JavaScript closures: variables live in frame slots, names are
 * resolved here once (local → field → static/outer/super → type → namespace), never at run time.
 * Statements return a completion code (NORMAL/BREAK/CONTINUE/RETURN) instead of throwing.
 */
import type { Expr, Pos, Stmt, TypeNode } from '../front/ast.js';
import { CompileError } from '../binder/errors.js';
import { Scopes } from '../binder/scope.js';
import {
  BREAK,
  canAccess,
  CONTINUE,
  type ClassDef,
  type EvalFn,
  type ExecFn,
  type FieldDef,
  Frame,
  type MethodDef,
  NORMAL,
  RETURN
} from '../binder/symbols.js';
import { ApexThrow, type QueryRequest } from '../runtime/platform.js';
import {
  ApexDecimal,
  ApexDouble,
  ApexEnumValue,
  ApexList,
  ApexMap,
  ApexObject,
  ApexSObject,
  ApexSet,
  ApexTypeValue,
  type ApexValue,
  NativeObject,
  type TypeRef,
  apexCompare,
  apexEquals,
  isInstanceOf,
  normaliseId,
  keyEquals,
  typeRef,
  typeToString,
  T_BOOLEAN,
  T_DECIMAL,
  T_INTEGER,
  T_LONG,
  T_OBJECT,
  T_STRING
} from '../runtime/values.js';
import { add, arith, bitwise, cast, negate } from '../runtime/ops.js';
import { throwApex } from '../runtime/errors.js';
import type { Executor } from './executor.js';
import type { BuiltinClass } from '../runtime/builtins.js';

/** A compiled expression and its static type (null = known only at run time). */
interface C {
  fn: EvalFn;
  type: TypeRef | null;
}

/** What a name chain denotes before it becomes a value. */
type Resolved =
  | { kind: 'value'; c: C }
  | {
      kind: 'type';
      user: ClassDef | null;
      builtin: BuiltinClass | null;
      sobject: string | null;
      t: TypeRef;
    }
  | { kind: 'ns'; ns: string };

const NAMESPACES = new Set([
  'system',
  'schema',
  'database',
  'messaging',
  'approval',
  'auth',
  'connectapi',
  'eventbus',
  'search',
  'dom',
  'reports',
  'cache',
  'process',
  'site',
  'kbmanagement',
  'flow',
  'invocable',
  'commercepayments',
  'slack',
  'functions',
  'datasource',
  'sfc',
  'txnsecurity',
  'userprovisioning',
  'wave',
  'lxscheduler',
  'quickaction',
  'territorymgmt',
  'metadata'
]);

function lc(s: string): string {
  return s.toLowerCase();
}

/**
 * `a?.b.c`: when `a` is null the rest of the chain is skipped and the whole chain is null
 * (Apex Developer Guide, "Safe Navigation Operator"). Inside a chain the skip travels as SHORT.
 */
const SHORT = Symbol('short-circuit') as unknown as ApexValue;

function containsSafe(e: Expr): boolean {
  if (e.k === 'field' || e.k === 'call')
    return e.safe || (e.target !== null && containsSafe(e.target));
  if (e.k === 'index') return containsSafe(e.target);
  return false;
}

function npe(): never {
  throwApex('System.NullPointerException', 'Attempt to de-reference a null object');
}

export class MethodCompiler {
  readonly scopes = new Scopes();
  private loopDepth = 0;

  constructor(
    private readonly interp: Executor,
    private readonly cls: ClassDef,
    private readonly isStatic: boolean,
    /** Inside a property accessor the property's own name means its backing slot. */
    private readonly accessorOf: FieldDef | null = null
  ) {}

  private err(pos: Pos, msg: string): never {
    throw new CompileError(pos, msg);
  }

  type(node: TypeNode): TypeRef {
    return this.interp.resolveType(node, this.cls);
  }

  // =============================================================================== statements

  /** Wraps a statement with line tracking and coverage. */
  private track(pos: Pos, inner: ExecFn): ExecFn {
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

  private scoped(s: Stmt): ExecFn {
    this.scopes.push();
    const fn = this.stmt(s);
    this.scopes.pop();
    return fn;
  }

  private loopBody(s: Stmt): ExecFn {
    this.loopDepth++;
    const fn = this.scoped(s);
    this.loopDepth--;
    return fn;
  }

  private cond(e: Expr): (f: Frame) => boolean {
    const c = this.expr(e).fn;
    return (f) => {
      const v = c(f);
      if (v === true) return true;
      if (v === false) return false;
      if (v === null) npe();
      throwApex('System.TypeException', 'Condition must be a Boolean');
    };
  }

  private local(s: Extract<Stmt, { k: 'local' }>): ExecFn {
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

  private forLoop(s: Extract<Stmt, { k: 'for' }>): ExecFn {
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

  private forEach(s: Extract<Stmt, { k: 'forEach' }>): ExecFn {
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
      let items: ApexValue[];
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
      } else if (coll instanceof ApexSet) items = coll.values();
      else if (coll instanceof ApexObject) {
        // Iterable<T>: iterator() then hasNext()/next().
        const it = this.interp.dispatch(coll, 'iterator', []);
        while (this.interp.dispatch(it, 'hasnext', []) === true) {
          f.slots[slot] = this.interp.dispatch(it, 'next', []);
          const r = body(f);
          if (r === BREAK) break;
          if (r === RETURN) return r;
        }
        return NORMAL;
      } else
        throwApex('System.TypeException', `Loop must iterate over collection: ${typeToString(t)}`);
      for (const item of items) {
        f.slots[slot] = conv ? conv(item) : item;
        const r = body(f);
        if (r === BREAK) break;
        if (r === RETURN) return r;
      }
      return NORMAL;
    });
  }

  private tryStmt(s: Extract<Stmt, { k: 'try' }>): ExecFn {
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

  private switchStmt(s: Extract<Stmt, { k: 'switch' }>): ExecFn {
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

  private dml(s: Extract<Stmt, { k: 'dml' }>): ExecFn {
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

  // =============================================================================== expressions

  /**
   * Compiles `e` for assignment to type `t`, reporting the platform's `Illegal assignment from X to Y`
   * when both are scalar primitives that do not convert implicitly.
   */
  exprTo(e: Expr, t: TypeRef): C {
    const c = this.expr(e);
    if (c.type && !assignable(c.type, t))
      this.err(e.pos, `Illegal assignment from ${typeToString(c.type)} to ${typeToString(t)}`);
    return c;
  }

  expr(e: Expr): C {
    const c = this.exprRaw(e);
    if (!containsSafe(e)) return c;
    const fn = c.fn;
    return {
      fn: (f) => {
        const v = fn(f);
        return v === SHORT ? null : v;
      },
      type: c.type
    };
  }

  /** Compiles without ending a safe-navigation chain (member targets keep SHORT flowing). */
  private exprRaw(e: Expr): C {
    switch (e.k) {
      case 'lit':
        return this.literal(e);
      case 'name':
      case 'field': {
        const r = this.resolve(e);
        if (r.kind === 'value') return r.c;
        if (r.kind === 'type') this.err(e.pos, `Variable does not exist: ${r.t.name}`);
        return this.err(e.pos, `Variable does not exist: ${r.ns}`);
      }
      case 'this': {
        if (this.isStatic) this.err(e.pos, 'This cannot be referenced in a static context');
        return { fn: (f) => f.self, type: typeRef(this.cls.name) };
      }
      case 'super':
        return {
          fn: (f) => f.self,
          type: this.cls.superclass ? typeRef(this.cls.superclass.name) : T_OBJECT
        };
      case 'call':
        return this.call(e);
      case 'ctorCall':
        return this.err(
          e.pos,
          `Constructor call ${e.which}() must be the first statement in a constructor`
        );
      case 'index': {
        const t = this.exprRaw(e.target);
        const i = this.expr(e.index).fn;
        const elem = t.type && lc(t.type.name) === 'list' && t.type.args[0] ? t.type.args[0] : null;
        return {
          fn: (f) => {
            const l = t.fn(f);
            if (l === SHORT) return SHORT;
            const idx = i(f);
            if (l === null || idx === null) npe();
            if (!(l instanceof ApexList))
              throwApex('System.TypeException', 'Expression must be a list type');
            const n = idx as number;
            if (n < 0 || n >= l.items.length)
              throwApex('System.ListException', `List index out of bounds: ${n}`);
            return l.items[n];
          },
          type: elem
        };
      }
      case 'new':
        return this.newExpr(e);
      case 'newArray': {
        const t = this.type(e.type);
        const elem = t.args[0] ?? T_OBJECT;
        const conv = this.interp.coercer(elem);
        if (e.size) {
          const n = this.expr(e.size).fn;
          return {
            fn: (f) => {
              const size = n(f) as number;
              if (size === null) npe();
              return new ApexList(elem, new Array(size).fill(null));
            },
            type: t
          };
        }
        const items = (e.init ?? []).map((x) => this.expr(x).fn);
        return {
          fn: (f) =>
            new ApexList(
              elem,
              items.map((x) => (conv ? conv(x(f)) : x(f)))
            ),
          type: t
        };
      }
      case 'newCollection':
        return this.newCollection(e);
      case 'cast': {
        const t = this.type(e.type);
        const x = this.expr(e.expr).fn;
        const isS = (n: string) => this.interp.isSObjectType(n) !== null;
        return { fn: (f) => cast(x(f), t, isS), type: t };
      }
      case 'unary': {
        const x = this.expr(e.expr);
        if (e.op === '!')
          return {
            fn: (f) => {
              const v = x.fn(f);
              if (v === null) npe();
              return !v;
            },
            type: T_BOOLEAN
          };
        if (e.op === '-') return { fn: (f) => negate(x.fn(f)), type: x.type };
        if (e.op === '~')
          return {
            fn: (f) => {
              const v = x.fn(f);
              if (typeof v === 'number') return ~v;
              if (typeof v === 'bigint') return ~v;
              return npe();
            },
            type: x.type
          };
        return x;
      }
      case 'incdec':
        return this.incdec(e);
      case 'binary':
        return this.binary(e);
      case 'instanceof': {
        const t = this.type(e.type);
        const x = this.expr(e.expr).fn;
        // `str instanceof Id` holds for a String that converts to an Id (the usual Id check).
        if (lc(t.name) === 'id')
          return {
            fn: (f) => {
              const v = x(f);
              return typeof v === 'string' ? normaliseId(v) !== null : isInstanceOf(v, t);
            },
            type: T_BOOLEAN
          };
        return { fn: (f) => isInstanceOf(x(f), t), type: T_BOOLEAN };
      }
      case 'cond': {
        const c = this.cond(e.c);
        const a = this.expr(e.a);
        const b = this.expr(e.b);
        return { fn: (f) => (c(f) ? a.fn(f) : b.fn(f)), type: a.type ?? b.type };
      }
      case 'assign':
        return this.assign(e);
      case 'classLit': {
        const t = e.type ? this.type(e.type) : typeRef('void');
        const v = new ApexTypeValue(t);
        return { fn: () => v, type: typeRef('System.Type') };
      }
      case 'soql':
        return this.soql(e, false);
    }
  }

  private literal(e: Extract<Expr, { k: 'lit' }>): C {
    switch (e.type) {
      case 'Integer': {
        const n = Number(e.text);
        // The magnitude is checked before the sign, as the platform does: -2147483648 is illegal too.
        if (Math.abs(n) > 2147483647) this.err(e.pos, 'Illegal integer');
        return { fn: () => n, type: T_INTEGER };
      }
      case 'Long': {
        const n = BigInt(e.text);
        if ((n < 0n ? -n : n) > 9223372036854775807n) this.err(e.pos, 'Illegal long');
        return { fn: () => n, type: T_LONG };
      }
      case 'Decimal': {
        const d = ApexDecimal.fromString(e.text);
        return { fn: () => d, type: T_DECIMAL };
      }
      case 'Double': {
        const d = new ApexDouble(Number(e.text));
        return { fn: () => d, type: typeRef('Double') };
      }
      case 'String': {
        const s = e.text;
        return { fn: () => s, type: T_STRING };
      }
      case 'Boolean': {
        const b = e.text === 'true';
        return { fn: () => b, type: T_BOOLEAN };
      }
      case 'null':
        return { fn: () => null, type: null };
    }
  }

  // ------------------------------------------------------------------ names

  /** Resolves `a`, `a.b`, `a.b.c` to a value, a type or a namespace. */
  resolve(e: Expr): Resolved {
    if (e.k === 'name') return this.resolveName(e.name, e.pos);
    if (e.k === 'field') {
      if (e.target.k === 'super')
        return {
          kind: 'value',
          c: this.memberOf(
            {
              fn: (f) => f.self,
              type: this.cls.superclass ? typeRef(this.cls.superclass.name) : null
            },
            e.name,
            e.pos,
            false
          )
        };
      const base = this.resolve(e.target);
      if (base.kind === 'value')
        return { kind: 'value', c: this.memberOf(base.c, e.name, e.pos, e.safe) };
      if (base.kind === 'ns') return this.resolveInNamespace(base.ns, e.name, e.pos);
      return this.staticMember(base, e.name, e.pos);
    }
    return { kind: 'value', c: this.exprRaw(e) };
  }

  private resolveName(name: string, pos: Pos): Resolved {
    const l = lc(name);
    const v = this.scopes.lookup(name);
    if (v) {
      const slot = v.slot;
      return { kind: 'value', c: { fn: (f) => f.slots[slot], type: v.type } };
    }
    if (this.accessorOf && lc(this.accessorOf.name) === l) {
      const fd = this.accessorOf;
      if (fd.isStatic) {
        const owner = fd.owner;
        return { kind: 'value', c: { fn: () => owner.staticValues[fd.slot], type: fd.type } };
      }
      return {
        kind: 'value',
        c: { fn: (f) => (f.self as ApexObject).fields[fd.slot], type: fd.type }
      };
    }
    // Fields of this class and its superclasses, then statics of outer classes.
    const inst = this.cls.fields.get(l);
    if (inst) {
      if (this.isStatic) this.err(pos, `Variable does not exist: ${name}`);
      return { kind: 'value', c: this.instanceFieldRead(inst, (f) => f.self) };
    }
    for (let c: ClassDef | null = this.cls; c; c = c.outer) {
      const sf = c.findStatic(l);
      if (sf) return { kind: 'value', c: this.staticFieldRead(sf) };
    }
    const t = this.interp.lookupTypeName([name], this.cls);
    if (t) return t;
    if (NAMESPACES.has(l)) return { kind: 'ns', ns: l };
    return this.err(pos, `Variable does not exist: ${name}`);
  }

  private resolveInNamespace(ns: string, name: string, pos: Pos): Resolved {
    const t = this.interp.lookupTypeName([ns, name], this.cls);
    if (t) return t;
    if (ns === 'system') {
      // `System.debug`-style statics are handled by call(); a field on System is an error.
    }
    return this.err(pos, `Variable does not exist: ${ns}.${name}`);
  }

  private instanceFieldGetter(fd: FieldDef): (o: ApexObject) => ApexValue {
    const slot = fd.slot;
    const g = fd.getter;
    const interp = this.interp;
    return g ? (o) => interp.invoke(g, o, []) : (o) => o.fields[slot];
  }

  private instanceFieldRead(fd: FieldDef, self: EvalFn): C {
    const slot = fd.slot;
    if (fd.getter) {
      const g = fd.getter;
      const interp = this.interp;
      return {
        fn: (f) => {
          const o = self(f);
          if (o === null) npe();
          return interp.invoke(g, o as ApexObject, []);
        },
        type: fd.type
      };
    }
    return {
      fn: (f) => {
        const o = self(f);
        if (o === null) npe();
        return (o as ApexObject).fields[slot];
      },
      type: fd.type
    };
  }

  private staticFieldRead(fd: FieldDef): C {
    const owner = fd.owner;
    const slot = fd.slot;
    const interp = this.interp;
    if (fd.getter) {
      const g = fd.getter;
      return {
        fn: () => {
          interp.ensureStaticInit(owner);
          return interp.invoke(g, null, []);
        },
        type: fd.type
      };
    }
    return {
      fn: () => {
        if (owner.staticState !== 2) interp.ensureStaticInit(owner);
        return owner.staticValues[slot];
      },
      type: fd.type
    };
  }

  /** `value.name`: SObject field, user field/property, native property, List size... decided by type. */
  private memberOf(base: C, name: string, pos: Pos, safe: boolean): C {
    const l = lc(name);
    const interp = this.interp;
    const st = base.type ? interp.classByType(base.type) : null;
    if (st) {
      const fd = st.fields.get(l);
      if (fd) {
        this.checkField(fd, pos);
        const get = this.instanceFieldGetter(fd);
        const bfn = base.fn;
        return {
          fn: (f) => {
            const o = bfn(f);
            if (o === SHORT) return SHORT;
            if (o === null) return safe ? SHORT : npe();
            return get(o as ApexObject);
          },
          type: fd.type
        };
      }
      const sf = st.findStatic(l);
      if (sf) {
        this.checkField(sf, pos);
        return this.staticFieldRead(sf);
      }
      if (!st.isException && st.kind !== 'interface')
        this.err(pos, `Variable does not exist: ${name}`);
    }
    let fieldType: TypeRef | null = base.type ? describeMemberType(base.type, l) : null;
    if (base.type) {
      const so = interp.isSObjectType(base.type.name);
      if (so) {
        const info = interp.platform.sobjectType(so);
        const fi = info?.field(l);
        const rel = info?.parentRelationship(l);
        const child = info?.childRelationship(l);
        if (fi) fieldType = fi.type;
        else if (rel && rel.referenceTo?.length === 1) fieldType = typeRef(rel.referenceTo[0]);
        else if (child) fieldType = typeRef('List', [typeRef(child.childSObject)]);
        else if (info) this.err(pos, `Invalid field ${name} for ${so}`);
      }
    }
    const fn: EvalFn = (f) => {
      const o = base.fn(f);
      if (o === SHORT) return SHORT;
      if (o === null) return safe ? SHORT : npe();
      return interp.getMember(o, name);
    };
    return { fn, type: fieldType };
  }

  private staticMember(
    base: Extract<Resolved, { kind: 'type' }>,
    name: string,
    pos: Pos
  ): Resolved {
    const l = lc(name);
    const interp = this.interp;
    if (base.user) {
      const u = base.user;
      if (u.kind === 'enum') {
        const ev = u.enumValues.find((x) => lc(x.name) === l);
        if (ev) return { kind: 'value', c: { fn: () => ev, type: typeRef(u.name) } };
      }
      // A variable hides a type of the same name: `Fn.Match.field(..)` reads the static field
      // `Match` even though Fn also has an inner class Match (names resolve variables first).
      const sf = u.findStatic(l);
      if (sf) {
        this.checkField(sf, pos);
        return { kind: 'value', c: this.staticFieldRead(sf) };
      }
      const inner = interp.lookupTypeName([...base.t.name.split('.'), name], this.cls);
      if (inner) return inner;
      return this.err(pos, `Variable does not exist: ${name}`);
    }
    if (base.sobject) {
      const so = base.sobject;
      if (l === 'sobjecttype')
        return {
          kind: 'value',
          c: {
            fn: () => interp.platform.sobjectTypeToken(interp.nativeContext(), so),
            type: typeRef('Schema.SObjectType')
          }
        };
      const info = interp.platform.sobjectType(so);
      const fi = info?.field(l);
      if (info && !fi) this.err(pos, `Invalid field ${name} for ${so}`);
      const fname = fi ? fi.name : name;
      return {
        kind: 'value',
        c: {
          fn: () => interp.platform.sobjectFieldToken(interp.nativeContext(), so, fname),
          type: typeRef('Schema.SObjectField')
        }
      };
    }
    const b = base.builtin;
    if (b) {
      const inner = interp.lookupTypeName([...base.t.name.split('.'), name], this.cls);
      if (inner) return inner;
      if (b.enumValues) {
        const i = b.enumValues.findIndex((x) => lc(x) === l);
        if (i >= 0) {
          const ev = interp.builtinEnum(b.name, b.enumValues[i], i);
          return { kind: 'value', c: { fn: () => ev, type: typeRef(b.name) } };
        }
      }
      const sp = b.staticProps?.[l];
      if (sp) return { kind: 'value', c: { fn: () => sp(interp.nativeContext()), type: null } };
      if (b.name === 'Schema.SObjectType' && b.staticProp) {
        // `Schema.SObjectType.Account`: the object's describe result, checked at compile time
        const so = interp.isSObjectType(name);
        if (!so) return this.err(pos, `Variable does not exist: ${name}`);
        const describe = b.staticProp;
        return {
          kind: 'value',
          c: {
            fn: () => describe(interp.nativeContext(), lc(so)) ?? null,
            type: typeRef('Schema.DescribeSObjectResult')
          }
        };
      }
      if (b.staticProp) {
        const dyn = b.staticProp;
        return {
          kind: 'value',
          c: {
            fn: () => {
              const v = dyn(interp.nativeContext(), l);
              if (v === undefined)
                throwApex('System.SObjectException', `Invalid ${b.name} member: ${name}`);
              return v;
            },
            type: null
          }
        };
      }
    }
    return this.err(pos, `Variable does not exist: ${base.t.name}.${name}`);
  }

  // ------------------------------------------------------------------ calls

  private checkField(fd: FieldDef, pos: Pos, write = false): void {
    if (!canAccess(this.cls, fd.owner, write ? fd.setAccess : fd.access))
      this.err(pos, `Variable is not visible: ${fd.owner.name}.${fd.name}`);
  }

  private checkMethod(m: MethodDef, pos: Pos): void {
    if (!canAccess(this.cls, m.owner, m.access)) {
      if (m.kind === 'ctor')
        this.err(
          pos,
          `Constructor is not visible: [${m.owner.name}].<Constructor>(${m.params.map((p) => typeToString(p)).join(', ')})`
        );
      this.err(
        pos,
        `Method is not visible: ${typeToString(m.returnType)} ${m.owner.name}.${m.signature}`
      );
    }
  }

  /** Several overloads of this arity and an argument whose static type is unknown. */
  private ambiguous(cands: MethodDef[], args: C[]): boolean {
    if (cands.length < 2) return false;
    return args.some((a, i) => !a.type && new Set(cands.map((m) => lc(m.params[i].name))).size > 1);
  }

  private argTypes(args: C[]): string {
    return args.map((a) => (a.type ? typeToString(a.type) : 'Object')).join(', ');
  }

  private call(e: Extract<Expr, { k: 'call' }>): C {
    const interp = this.interp;
    const loc = this.inlineQueryLocator(e);
    if (loc) return loc;
    const args = e.args.map((a) => this.expr(a));
    const argFns = args.map((a) => a.fn);
    const evalArgs = (f: Frame): ApexValue[] => {
      const out = new Array(argFns.length);
      for (let i = 0; i < argFns.length; i++) out[i] = argFns[i](f);
      return out;
    };
    const l = lc(e.name);
    if (e.target === null) {
      // Methods of this class (instance or static), its superclasses, then outer classes (static only).
      for (let c: ClassDef | null = this.cls; c; c = c.outer) {
        const cands = c
          .findMethods(l)
          .filter((m) => m.params.length === args.length && (c === this.cls || m.isStatic));
        if (!cands.length) continue;
        const staticOnly = this.isStatic || c !== this.cls;
        const usable = staticOnly ? cands.filter((m) => m.isStatic) : cands;
        if (!usable.length)
          this.err(
            e.pos,
            `Non static method cannot be referenced from a static context: ${cands[0].signature}`
          );
        const chosen = interp.pickStatic(
          usable,
          args.map((a) => a.type)
        );
        if (this.ambiguous(usable, args)) {
          // Overloads the static types cannot separate: choose by the runtime argument values.
          return {
            fn: (f) => {
              const vals = evalArgs(f);
              const m = interp.pickByValues(usable, vals);
              return m.isStatic
                ? interp.invokeStatic(m, vals)
                : interp.dispatchMethod(f.self as ApexObject, m, vals);
            },
            type: chosen.returnType
          };
        }
        if (chosen.isStatic)
          return { fn: (f) => interp.invokeStatic(chosen, evalArgs(f)), type: chosen.returnType };
        return {
          fn: (f) => interp.dispatchMethod(f.self as ApexObject, chosen, evalArgs(f)),
          type: chosen.returnType
        };
      }
      return this.err(
        e.pos,
        `Method does not exist or incorrect signature: void ${e.name}(${this.argTypes(args)}) from the type ${this.cls.name}`
      );
    }
    if (e.target.k === 'super') {
      const sup = this.cls.superclass;
      const cands = sup ? sup.findMethods(l).filter((m) => m.params.length === args.length) : [];
      if (!sup || !cands.length) {
        if (sup?.isException || (!sup && ['tostring', 'equals', 'hashcode'].includes(l)))
          return {
            fn: (f) => interp.dispatchBuiltinObject(f.self as ApexObject, l, evalArgs(f)),
            type: null
          };
        this.err(
          e.pos,
          `Method does not exist or incorrect signature: void ${e.name}(${this.argTypes(args)}) from the type ${sup?.name ?? 'Object'}`
        );
      }
      const chosen = interp.pickStatic(
        cands,
        args.map((a) => a.type)
      );
      return { fn: (f) => interp.invoke(chosen, f.self, evalArgs(f)), type: chosen.returnType };
    }
    const target = this.resolve(e.target);
    if (target.kind === 'ns') {
      // `System.debug(...)`, `Database.insert(...)`: static methods of the namespace's own class.
      const t = interp.lookupTypeName([target.ns], this.cls);
      if (t && t.kind === 'type') return this.staticCall(t, e.name, args, evalArgs, e.pos);
      return this.err(
        e.pos,
        `Method does not exist or incorrect signature: void ${e.name}(${this.argTypes(args)}) from the type ${target.ns}`
      );
    }
    if (target.kind === 'type') return this.staticCall(target, e.name, args, evalArgs, e.pos);
    const recv = target.c;
    const st = recv.type ? interp.classByType(recv.type) : null;
    let retType: TypeRef | null = null;
    // Overloads are chosen by the static argument types (Apex Developer Guide, "Using Methods":
    // overloading), not by the runtime values: a null Schema.SObjectField argument still calls
    // the SObjectField overload.
    let overload: MethodDef | null = null;
    if (st) {
      const cands = st.findMethods(l).filter((m) => m.params.length === args.length);
      if (cands.length) {
        const chosen = interp.pickStatic(
          cands,
          args.map((a) => a.type)
        );
        this.checkMethod(chosen, e.pos);
        retType = chosen.returnType;
        if (cands.length > 1 && !chosen.isStatic) overload = chosen;
      } else if (
        !st.isException &&
        !['tostring', 'equals', 'hashcode'].includes(l) &&
        st.kind === 'class'
      ) {
        this.err(
          e.pos,
          `Method does not exist or incorrect signature: void ${e.name}(${this.argTypes(args)}) from the type ${st.name}`
        );
      }
    } else if (recv.type) retType = interp.builtinReturnType(recv.type, l);
    const safe = e.safe;
    const name = e.name;
    const rfn = recv.fn;
    const chosenOverload = overload;
    return {
      fn: (f) => {
        const o = rfn(f);
        if (o === SHORT) return SHORT;
        if (o === null) return safe ? SHORT : npe();
        if (chosenOverload && o instanceof ApexObject) {
          if (o.stubProvider !== undefined)
            return interp.dispatchMethod(o, chosenOverload, evalArgs(f));
          const target = interp.overrideOf(o, chosenOverload);
          if (target) return interp.invoke(target, o, evalArgs(f));
        }
        return interp.dispatch(o, name, evalArgs(f));
      },
      type: retType
    };
  }

  private staticCall(
    t: Extract<Resolved, { kind: 'type' }>,
    name: string,
    args: C[],
    evalArgs: (f: Frame) => ApexValue[],
    pos: Pos
  ): C {
    const interp = this.interp;
    const l = lc(name);
    if (t.user) {
      const u = t.user;
      if (u.kind === 'enum' && (l === 'values' || l === 'valueof')) {
        if (l === 'values')
          return {
            fn: () => new ApexList(typeRef(u.name), [...u.enumValues]),
            type: typeRef('List', [typeRef(u.name)])
          };
        return {
          fn: (f) => {
            const s = evalArgs(f)[0];
            return (
              u.enumValues.find((x) => x.name === s) ??
              throwApex('System.NoSuchElementException', `No enum constant ${u.name}.${String(s)}`)
            );
          },
          type: typeRef(u.name)
        };
      }
      const cands = u.findMethods(l).filter((m) => m.isStatic && m.params.length === args.length);
      if (!cands.length)
        this.err(
          pos,
          `Method does not exist or incorrect signature: void ${name}(${this.argTypes(args)}) from the type ${u.name}`
        );
      const chosen = interp.pickStatic(
        cands,
        args.map((a) => a.type)
      );
      this.checkMethod(chosen, pos);
      if (this.ambiguous(cands, args)) {
        return {
          fn: (f) => {
            const vals = evalArgs(f);
            return interp.invokeStatic(interp.pickByValues(cands, vals), vals);
          },
          type: chosen.returnType
        };
      }
      return { fn: (f) => interp.invokeStatic(chosen, evalArgs(f)), type: chosen.returnType };
    }
    if (t.sobject) {
      // `Account.getSObjectType()` is the static form of `Account.SObjectType`.
      const so = t.sobject;
      if (l === 'getsobjecttype' && !args.length)
        return {
          fn: () => interp.platform.sobjectTypeToken(interp.nativeContext(), so),
          type: typeRef('Schema.SObjectType')
        };
      return this.err(
        pos,
        `Method does not exist or incorrect signature: void ${name}(${this.argTypes(args)}) from the type ${t.sobject}`
      );
    }
    const b = t.builtin;
    if (!b)
      return this.err(
        pos,
        `Method does not exist or incorrect signature: void ${name}(${this.argTypes(args)}) from the type ${t.t.name}`
      );
    if (b.enumValues && (l === 'values' || l === 'valueof')) {
      return {
        fn: (f) => {
          const all = (b.enumValues ?? []).map((n, i) => interp.builtinEnum(b.name, n, i));
          if (l === 'values') return new ApexList(typeRef(b.name), all);
          const s = evalArgs(f)[0];
          return (
            all.find((x) => x.name === s) ??
            throwApex('System.NoSuchElementException', `No enum constant ${b.name}.${String(s)}`)
          );
        },
        type: null
      };
    }
    const fn = b.statics?.[l];
    if (!fn)
      this.err(
        pos,
        `Method does not exist or incorrect signature: void ${name}(${this.argTypes(args)}) from the type ${b.name}`
      );
    return { fn: (f) => fn(interp.nativeContext(), evalArgs(f)), type: b.returns?.[l] ?? null };
  }

  // ------------------------------------------------------------------ creation

  private newExpr(e: Extract<Expr, { k: 'new' }>): C {
    const interp = this.interp;
    const t = this.type(e.type);
    const n = lc(t.name);
    if (n === 'list' || n === 'set' || n === 'map') {
      const args = e.args.map((a) => this.expr(a).fn);
      return {
        fn: (f) =>
          interp.newCollection(
            t,
            args.map((a) => a(f))
          ),
        type: t
      };
    }
    const so = interp.isSObjectType(t.name);
    if (so) {
      // new Account(Name = 'x', Industry = 'y'): name=value pairs.
      const pairs = e.args.map((a) => {
        if (a.k !== 'assign' || a.op !== '=' || a.target.k !== 'name')
          this.err(a.pos, 'SObject constructor arguments must be field = value pairs');
        const fname = (a.target as { name: string }).name;
        const info = interp.platform.sobjectType(so);
        const fi = info?.field(lc(fname));
        // A parent relationship takes a record too: new Opportunity(Account = acc).
        const rel = fi ? undefined : info?.parentRelationship(lc(fname));
        if (info && !fi && !rel) this.err(a.pos, `Invalid field ${fname} for ${so}`);
        return {
          name: fi?.name ?? rel?.relationshipName ?? fname,
          value: this.expr(a.value).fn,
          conv: fi ? interp.coercer(fi.type) : null
        };
      });
      return {
        fn: (f) => {
          const o = interp.platform.newSObject(interp.nativeContext(), so);
          for (const p of pairs) {
            const v = p.value(f);
            o.set(p.name, p.conv ? p.conv(v) : v);
          }
          return o;
        },
        type: typeRef(so)
      };
    }
    const args = e.args.map((a) => this.expr(a));
    const u = interp.classByType(t);
    if (u) {
      if (u.kind !== 'class' || u.modifiers.has('abstract'))
        this.err(e.pos, `Abstract classes cannot be constructed: ${u.name}`);
      const fns = args.map((a) => a.fn);
      const ctor = interp.pickCtor(
        u,
        args.map((a) => a.type),
        e.pos
      );
      this.checkMethod(ctor, e.pos);
      return {
        fn: (f) =>
          interp.construct(
            u,
            ctor,
            fns.map((a) => a(f))
          ),
        type: t
      };
    }
    const b = interp.builtinByType(t);
    if (b?.construct) {
      const fns = args.map((a) => a.fn);
      const make = b.construct;
      return {
        fn: (f) =>
          make(
            interp.nativeContext(),
            fns.map((a) => a(f)),
            t
          ),
        type: t
      };
    }
    return this.err(e.pos, `Type cannot be constructed: ${typeToString(t)}`);
  }

  private newCollection(e: Extract<Expr, { k: 'newCollection' }>): C {
    const interp = this.interp;
    const t = this.type(e.type);
    const n = lc(t.name);
    if (n === 'list' || n === 'set') {
      const elem = t.args[0] ?? T_OBJECT;
      const conv = interp.coercer(elem);
      const items = (e.items ?? []).map((x) => this.expr(x).fn);
      if (n === 'list')
        return {
          fn: (f) =>
            new ApexList(
              elem,
              items.map((x) => (conv ? conv(x(f)) : x(f)))
            ),
          type: t
        };
      return {
        fn: (f) => {
          const s = new ApexSet(elem);
          for (const x of items) s.add(conv ? conv(x(f)) : x(f));
          return s;
        },
        type: t
      };
    }
    if (n === 'map') {
      const [kt, vt] = [t.args[0] ?? T_OBJECT, t.args[1] ?? T_OBJECT];
      const kc = interp.coercer(kt);
      const vc = interp.coercer(vt);
      const pairs = (e.pairs ?? []).map(([k, v]) => [this.expr(k).fn, this.expr(v).fn] as const);
      return {
        fn: (f) => {
          const m = new ApexMap(kt, vt);
          for (const [k, v] of pairs) {
            const kv = k(f);
            const vv = v(f);
            m.put(kc ? kc(kv) : kv, vc ? vc(vv) : vv);
          }
          return m;
        },
        type: t
      };
    }
    if (interp.isSObjectType(t.name) && !e.items && !e.pairs)
      return this.newExpr({ k: 'new', pos: e.pos, type: e.type, args: [] });
    return this.err(e.pos, `Invalid initializer for type ${typeToString(t)}`);
  }

  // ------------------------------------------------------------------ operators

  private binary(e: Extract<Expr, { k: 'binary' }>): C {
    const l = this.expr(e.l);
    const r = this.expr(e.r);
    const a = l.fn;
    const b = r.fn;
    const numType = (): TypeRef | null => {
      const rankOf = (t: TypeRef | null) =>
        t
          ? (({ integer: 1, long: 2, double: 3, decimal: 4 } as Record<string, number>)[
              lc(t.name)
            ] ?? 0)
          : 0;
      const x = rankOf(l.type);
      const y = rankOf(r.type);
      if (!x || !y) return null;
      return [T_INTEGER, T_LONG, typeRef('Double'), T_DECIMAL][Math.max(x, y) - 1];
    };
    switch (e.op) {
      case '&&':
        return {
          fn: (f) => {
            const x = a(f);
            if (x === null) npe();
            if (!x) return false;
            const y = b(f);
            if (y === null) npe();
            return y;
          },
          type: T_BOOLEAN
        };
      case '||':
        return {
          fn: (f) => {
            const x = a(f);
            if (x === null) npe();
            if (x) return true;
            const y = b(f);
            if (y === null) npe();
            return y;
          },
          type: T_BOOLEAN
        };
      case '==':
        return { fn: (f) => apexEquals(a(f), b(f)), type: T_BOOLEAN };
      case '!=':
      case '<>':
        return { fn: (f) => !apexEquals(a(f), b(f)), type: T_BOOLEAN };
      case '===':
        return { fn: (f) => exactEquals(a(f), b(f)), type: T_BOOLEAN };
      case '!==':
        return { fn: (f) => !exactEquals(a(f), b(f)), type: T_BOOLEAN };
      case '<':
        return { fn: (f) => compareOp(a(f), b(f), (c) => c < 0), type: T_BOOLEAN };
      case '>':
        return { fn: (f) => compareOp(a(f), b(f), (c) => c > 0), type: T_BOOLEAN };
      case '<=':
        return { fn: (f) => compareOp(a(f), b(f), (c) => c <= 0), type: T_BOOLEAN };
      case '>=':
        return { fn: (f) => compareOp(a(f), b(f), (c) => c >= 0), type: T_BOOLEAN };
      case '+': {
        const strType =
          (l.type && lc(l.type.name) === 'string') || (r.type && lc(r.type.name) === 'string');
        return {
          fn: (f) => {
            const x = a(f);
            const y = b(f);
            if (typeof x === 'number' && typeof y === 'number') return (x + y) | 0;
            return add(x, y);
          },
          type: strType ? T_STRING : (numType() ?? l.type)
        };
      }
      case '-':
        return {
          fn: (f) => {
            const x = a(f);
            const y = b(f);
            if (typeof x === 'number' && typeof y === 'number') return (x - y) | 0;
            return arith('-', x, y);
          },
          type: numType() ?? l.type
        };
      case '*':
        return {
          fn: (f) => {
            const x = a(f);
            const y = b(f);
            if (typeof x === 'number' && typeof y === 'number') return Math.imul(x, y);
            return arith('*', x, y);
          },
          type: numType()
        };
      case '/':
        return { fn: (f) => arith('/', a(f), b(f)), type: numType() };
      case '??':
        return {
          fn: (f) => {
            const x = a(f);
            return x === null ? b(f) : x;
          },
          type: l.type ?? r.type
        };
      case '&':
      case '|':
      case '^':
      case '<<':
      case '>>':
      case '>>>': {
        const op = e.op;
        return { fn: (f) => bitwise(op, a(f), b(f)), type: l.type };
      }
    }
    return this.err(e.pos, `Unsupported by the local org: operator ${e.op}`);
  }

  private incdec(e: Extract<Expr, { k: 'incdec' }>): C {
    const p = this.place(e.target);
    const delta = e.op === '++' ? 1 : -1;
    const prefix = e.prefix;
    const step = (v: ApexValue): ApexValue => {
      if (typeof v === 'number') return (v + delta) | 0;
      if (v === null) npe();
      return add(v, delta);
    };
    if (p.slot !== undefined) {
      const slot = p.slot;
      return {
        fn: (f) => {
          const old = f.slots[slot];
          const nv = typeof old === 'number' ? (old + delta) | 0 : step(old);
          f.slots[slot] = nv;
          return prefix ? nv : old;
        },
        type: p.type
      };
    }
    return {
      fn: (f) => {
        const ref = p.ref(f);
        const old = ref.get();
        const nv = step(old);
        ref.set(nv);
        return prefix ? nv : old;
      },
      type: p.type
    };
  }

  private assign(e: Extract<Expr, { k: 'assign' }>): C {
    const p = this.place(e.target);
    const v = this.exprTo(e.value, p.type ?? T_OBJECT).fn;
    const conv = p.type ? this.interp.coercer(p.type) : null;
    if (e.op === '=') {
      if (p.slot !== undefined) {
        const slot = p.slot;
        return {
          fn: conv
            ? (f) => {
                const x = conv(v(f));
                f.slots[slot] = x;
                return x;
              }
            : (f) => {
                const x = v(f);
                f.slots[slot] = x;
                return x;
              },
          type: p.type
        };
      }
      return {
        fn: (f) => {
          const ref = p.ref(f);
          const x = v(f);
          const cx = conv ? conv(x) : x;
          ref.set(cx);
          return cx;
        },
        type: p.type
      };
    }
    const op = e.op.slice(0, -1);
    const combine = (x: ApexValue, y: ApexValue): ApexValue => {
      switch (op) {
        case '+':
          return typeof x === 'number' && typeof y === 'number' ? (x + y) | 0 : add(x, y);
        case '-':
        case '*':
        case '/':
          return arith(op, x, y);
        default:
          return bitwise(op, x, y);
      }
    };
    if (p.slot !== undefined) {
      const slot = p.slot;
      return {
        fn: (f) => {
          const x = combine(f.slots[slot], v(f));
          const cx = conv ? conv(x) : x;
          f.slots[slot] = cx;
          return cx;
        },
        type: p.type
      };
    }
    return {
      fn: (f) => {
        const ref = p.ref(f);
        const x = combine(ref.get(), v(f));
        const cx = conv ? conv(x) : x;
        ref.set(cx);
        return cx;
      },
      type: p.type
    };
  }

  /** An assignable location: a local slot (fast path) or a reference computed at run time. */
  private place(e: Expr): {
    slot?: number;
    type: TypeRef | null;
    ref: (f: Frame) => { get(): ApexValue; set(v: ApexValue): void };
  } {
    const interp = this.interp;
    if (e.k === 'name') {
      const v = this.scopes.lookup(e.name);
      if (v) {
        const slot = v.slot;
        return {
          slot,
          type: v.type,
          ref: (f) => ({ get: () => f.slots[slot], set: (x) => (f.slots[slot] = x) })
        };
      }
      const l = lc(e.name);
      if (this.accessorOf && lc(this.accessorOf.name) === l) {
        const fd = this.accessorOf;
        if (fd.isStatic)
          return {
            type: fd.type,
            ref: () => ({
              get: () => fd.owner.staticValues[fd.slot],
              set: (x) => (fd.owner.staticValues[fd.slot] = x)
            })
          };
        return {
          type: fd.type,
          ref: (f) => ({
            get: () => (f.self as ApexObject).fields[fd.slot],
            set: (x) => ((f.self as ApexObject).fields[fd.slot] = x)
          })
        };
      }
      const inst = this.cls.fields.get(l);
      if (inst && !this.isStatic)
        return { type: inst.type, ref: (f) => this.fieldRef(f.self as ApexObject, inst) };
      for (let c: ClassDef | null = this.cls; c; c = c.outer) {
        const sf = c.findStatic(l);
        if (sf) return { type: sf.type, ref: () => this.staticRef(sf) };
      }
      return this.err(e.pos, `Variable does not exist: ${e.name}`);
    }
    if (e.k === 'field') {
      const base =
        e.target.k === 'super' || e.target.k === 'this'
          ? ({ kind: 'value', c: this.expr({ k: 'this', pos: e.pos }) } as Resolved)
          : this.resolve(e.target);
      if (base.kind === 'type' && base.user) {
        const sf = base.user.findStatic(lc(e.name));
        if (!sf) return this.err(e.pos, `Variable does not exist: ${e.name}`);
        this.checkField(sf, e.pos, true);
        return { type: sf.type, ref: () => this.staticRef(sf) };
      }
      if (base.kind === 'type' && base.builtin?.setStaticProp) {
        const b = base.builtin;
        const setProp = base.builtin.setStaticProp;
        const name = e.name;
        const l = lc(name);
        return {
          type: null,
          ref: () => ({
            get: () => b.staticProp?.(interp.nativeContext(), l) ?? null,
            set: (x) => {
              if (!setProp(interp.nativeContext(), l, x))
                throwApex('System.TypeException', `Field is not writeable: ${b.name}.${name}`);
            }
          })
        };
      }
      if (base.kind !== 'value') return this.err(e.pos, `Variable does not exist: ${e.name}`);
      const target = base.c;
      const st = target.type ? interp.classByType(target.type) : null;
      const fd = st?.fields.get(lc(e.name));
      if (fd) {
        this.checkField(fd, e.pos, true);
        return {
          type: fd.type,
          ref: (f) => {
            const o = target.fn(f);
            if (o === null) npe();
            return this.fieldRef(o as ApexObject, fd);
          }
        };
      }
      let ftype: TypeRef | null = null;
      if (target.type) {
        const so = interp.isSObjectType(target.type.name);
        const info = so ? interp.platform.sobjectType(so) : null;
        const fi = info?.field(lc(e.name));
        if (
          info &&
          !fi &&
          !info.parentRelationship(lc(e.name)) &&
          !info.childRelationship(lc(e.name))
        )
          this.err(e.pos, `Invalid field ${e.name} for ${so}`);
        if (fi) ftype = fi.type;
      }
      const name = e.name;
      return {
        type: ftype,
        ref: (f) => {
          const o = target.fn(f);
          if (o === null) npe();
          return { get: () => interp.getMember(o, name), set: (x) => interp.setMember(o, name, x) };
        }
      };
    }
    if (e.k === 'index') {
      const t = this.expr(e.target);
      const i = this.expr(e.index).fn;
      return {
        type: t.type && t.type.args[0] ? t.type.args[0] : null,
        ref: (f) => {
          const l = t.fn(f);
          const idx = i(f) as number;
          if (l === null || idx === null) npe();
          if (!(l instanceof ApexList))
            throwApex('System.TypeException', 'Expression must be a list type');
          if (idx < 0 || idx >= l.items.length)
            throwApex('System.ListException', `List index out of bounds: ${idx}`);
          const conv = interp.coercer(l.elemType);
          return { get: () => l.items[idx], set: (x) => (l.items[idx] = conv ? conv(x) : x) };
        }
      };
    }
    return this.err(e.pos, 'Expression cannot be assigned');
  }

  private fieldRef(o: ApexObject, fd: FieldDef): { get(): ApexValue; set(v: ApexValue): void } {
    const interp = this.interp;
    return {
      get: () => (fd.getter ? interp.invoke(fd.getter, o, []) : o.fields[fd.slot]),
      set: (v) => {
        if (fd.setter) interp.invoke(fd.setter, o, [v]);
        else o.fields[fd.slot] = v;
      }
    };
  }

  private staticRef(fd: FieldDef): { get(): ApexValue; set(v: ApexValue): void } {
    const interp = this.interp;
    interp.ensureStaticInit(fd.owner);
    return {
      get: () => (fd.getter ? interp.invoke(fd.getter, null, []) : fd.owner.staticValues[fd.slot]),
      set: (v) => {
        if (fd.setter) interp.invoke(fd.setter, null, [v]);
        else fd.owner.staticValues[fd.slot] = v;
      }
    };
  }

  // ------------------------------------------------------------------ SOQL / SOSL

  /** `Database.getQueryLocator([SELECT ...])`: the locator keeps the query and its binds, run lazily by the batch. */
  private inlineQueryLocator(e: Extract<Expr, { k: 'call' }>): C | null {
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

const SCALARS = new Set([
  'integer',
  'long',
  'double',
  'decimal',
  'string',
  'boolean',
  'date',
  'datetime',
  'time',
  'blob',
  'id'
]);
const WIDENS: Record<string, string[]> = {
  integer: ['long', 'double', 'decimal'],
  long: ['double', 'decimal'],
  double: ['decimal'],
  decimal: ['double'],
  id: ['string'],
  string: ['id'],
  date: ['datetime']
};

/** Implicit conversions between scalar primitives; anything else is left to run time. */
function assignable(from: TypeRef, to: TypeRef): boolean {
  const f = lc(from.name);
  const t = lc(to.name);
  if (!SCALARS.has(f) || !SCALARS.has(t) || f === t) return true;
  return (WIDENS[f] ?? []).includes(t);
}

function exactEquals(a: ApexValue, b: ApexValue): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (typeof a !== 'object' && typeof b !== 'object') return keyEquals(a, b);
  if (a instanceof ApexDouble || a instanceof ApexDecimal) return keyEquals(a, b);
  return false;
}

function compareOp(a: ApexValue, b: ApexValue, test: (c: number) => boolean): boolean {
  if (typeof a === 'number' && typeof b === 'number') return test(a - b);
  // Comparisons with null are false for numbers and dates (Apex Developer Guide, Expression Operators).
  if (a === null || b === null) return false;
  const c = apexCompare(a, b, true);
  if (c === null)
    throwApex('System.TypeException', 'Comparison arguments must be compatible types');
  return test(c);
}

/**
 * Static types of the describe chains (Apex Developer Guide, "Understanding Apex Describe
 * Information"): `Account.SObjectType.fields.Name` is a Schema.SObjectField token, while
 * `Schema.SObjectType.Account.fields.Name` is a Schema.DescribeFieldResult. Typed, they pick the
 * right overload (selectField(Schema.SObjectField) over selectField(String)).
 */
function describeMemberType(base: TypeRef, lcName: string): TypeRef | null {
  switch (base.name.toLowerCase().replace(/^schema\./, '')) {
    case 'sobjecttype':
      return lcName === 'fields' ? typeRef('Schema.SObjectTypeFieldTokens') : null;
    case 'sobjecttypefieldtokens':
      return lcName === 'getmap' ? null : typeRef('Schema.SObjectField');
    case 'describesobjectresult':
      return lcName === 'fields'
        ? typeRef('Schema.SObjectTypeFields')
        : lcName === 'fieldsets'
          ? typeRef('Schema.SObjectTypeFieldSets')
          : null;
    case 'sobjecttypefields':
      return typeRef('Schema.DescribeFieldResult');
    case 'sobjecttypefieldsets':
      return typeRef('Schema.FieldSet');
    default:
      return null;
  }
}
