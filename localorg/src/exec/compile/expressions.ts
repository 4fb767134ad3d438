/**
 * Expressions: the dispatch over expression kinds, conversion to a declared type, literals.
 */
import type { Expr } from '../../front/ast.js';
import {
  ApexDecimal,
  ApexDouble,
  ApexList,
  ApexDate,
  ApexTypeValue,
  type ApexValue,
  type TypeRef,
  normaliseId,
  typeRef,
  typeToString,
  T_BOOLEAN,
  T_DECIMAL,
  T_INTEGER,
  T_LONG,
  T_OBJECT,
  T_STRING
} from '../../runtime/values.js';
import { isInstanceOf } from '../../runtime/type-tests.js';
import { cast, negate } from '../../runtime/ops.js';
import { throwApex } from '../../runtime/errors.js';
import { type C, lc, SHORT, containsSafe, npe, assignable } from './shared.js';
import { QueryCompiler } from './soql.js';

export abstract class ExpressionCompiler extends QueryCompiler {
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
  protected exprRaw(e: Expr): C {
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
        return { fn: (f) => instanceOfWidening(x(f), t), type: T_BOOLEAN };
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

  protected literal(e: Extract<Expr, { k: 'lit' }>): C {
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
}

/**
 * The `instanceof` operator widens like an assignment (Apex Developer Guide, "Rules of Conversion":
 * Integer → Long → Double → Decimal; a Date assigns to a Datetime): `9 instanceof Long`, `9L
 * instanceof Decimal`, `9.99 instanceof Double` and `aDate instanceof Datetime` are true, while
 * `9L instanceof Integer`, `9.99 instanceof Long` and `aDatetime instanceof Date` are false.
 */
export function instanceOfWidening(v: ApexValue, t: TypeRef): boolean {
  if (isInstanceOf(v, t)) return true;
  switch (lc(t.name)) {
    case 'long':
      return typeof v === 'number';
    case 'double':
    case 'decimal':
      return (
        typeof v === 'number' ||
        typeof v === 'bigint' ||
        v instanceof ApexDouble ||
        v instanceof ApexDecimal
      );
    case 'datetime':
      return v instanceof ApexDate;
  }
  return false;
}
