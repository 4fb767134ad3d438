/**
 * Assignments and the places they write to: locals, fields, statics, list and map elements,
 * SObject fields.
 */
import type { Expr } from '../../front/ast.js';
import { type ClassDef, type FieldDef, Frame } from '../../binder/symbols.js';
import {
  ApexList,
  ApexObject,
  type ApexValue,
  type TypeRef,
  T_OBJECT
} from '../../runtime/values.js';
import { add, arith, bitwise } from '../../runtime/ops.js';
import { throwApex } from '../../runtime/errors.js';
import { type C, type Resolved, lc, npe } from './shared.js';
import { OperatorCompiler } from './operators.js';

export abstract class AssignmentCompiler extends OperatorCompiler {
  protected assign(e: Extract<Expr, { k: 'assign' }>): C {
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
  protected place(e: Expr): {
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

  protected fieldRef(o: ApexObject, fd: FieldDef): { get(): ApexValue; set(v: ApexValue): void } {
    const interp = this.interp;
    return {
      get: () => (fd.getter ? interp.invoke(fd.getter, o, []) : o.fields[fd.slot]),
      set: (v) => {
        if (fd.setter) interp.invoke(fd.setter, o, [v]);
        else o.fields[fd.slot] = v;
      }
    };
  }

  protected staticRef(fd: FieldDef): { get(): ApexValue; set(v: ApexValue): void } {
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
}
