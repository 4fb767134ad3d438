/**
 * Binary and unary operators: arithmetic, comparison, equality, logic with short circuit,
 * increment and decrement.
 */
import type { Expr } from '../../front/ast.js';
import {
  type ApexValue,
  type TypeRef,
  apexEquals,
  typeRef,
  T_BOOLEAN,
  T_DECIMAL,
  T_INTEGER,
  T_LONG,
  T_STRING
} from '../../runtime/values.js';
import { add, arith, bitwise } from '../../runtime/ops.js';
import { type C, lc, npe, exactEquals, compareOp } from './shared.js';
import { CallCompiler } from './calls.js';

export abstract class OperatorCompiler extends CallCompiler {
  // ------------------------------------------------------------------ operators

  protected binary(e: Extract<Expr, { k: 'binary' }>): C {
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

  protected incdec(e: Extract<Expr, { k: 'incdec' }>): C {
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
}
