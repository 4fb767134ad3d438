/**
 * Calls and creation: access checks, overload choice, instance and static calls, `new` of classes,
 * SObjects and collections.
 */
import type { Expr, Pos } from '../../front/ast.js';
import {
  canAccess,
  type ClassDef,
  type FieldDef,
  Frame,
  type MethodDef
} from '../../binder/symbols.js';
import {
  ApexList,
  ApexMap,
  ApexObject,
  ApexSet,
  type ApexValue,
  type TypeRef,
  typeRef,
  typeToString,
  T_OBJECT
} from '../../runtime/values.js';
import { throwApex } from '../../runtime/errors.js';

/**
 * The instance methods of List, Set and Map (Apex Reference, "List Class", "Set Class", "Map Class";
 * the same names as the standard-types tables of Apex Dev Tools), with those every object has
 * (clone, equals, hashCode, toString). Calls on other built-in types are checked when they run.
 */
const OBJECT_METHODS = ['clone', 'equals', 'hashcode', 'tostring'];
const COLLECTION_METHODS: Record<string, ReadonlySet<string>> = {
  list: new Set([
    ...OBJECT_METHODS,
    ...'add addall clear contains deepclone get getsobjecttype indexof isempty iterator remove set size sort'.split(
      ' '
    )
  ]),
  set: new Set([
    ...OBJECT_METHODS,
    ...'add addall clear contains containsall isempty iterator remove removeall retainall size'.split(
      ' '
    )
  ]),
  map: new Set([
    ...OBJECT_METHODS,
    ...'clear containskey deepclone get getsobjecttype isempty keyset put putall remove size values'.split(
      ' '
    )
  ])
};
import { type C, type Resolved, lc, SHORT, npe } from './shared.js';
import { NameCompiler } from './names.js';
import { namespaceOf, qualifiedName } from '../namespace.js';

/** Return types of the built-in Exception methods without arguments (Apex Reference, "Exception Class"). */
const EXCEPTION_METHOD_TYPES: Record<string, string> = {
  getcause: 'Exception',
  getlinenumber: 'Integer',
  getmessage: 'String',
  getstacktracestring: 'String',
  gettypename: 'String'
};

export abstract class CallCompiler extends NameCompiler {
  // ------------------------------------------------------------------ calls

  /** A class as this class writes it: `ns.Name` when it belongs to another namespace. */
  private nameFromHere(owner: ClassDef): string {
    return namespaceOf(owner) !== namespaceOf(this.cls) ? qualifiedName(owner) : owner.name;
  }

  protected checkField(fd: FieldDef, pos: Pos, write = false): void {
    if (!canAccess(this.cls, fd.owner, write ? fd.setAccess : fd.access))
      this.err(pos, `Variable is not visible: ${this.nameFromHere(fd.owner)}.${fd.name}`);
  }

  protected checkMethod(m: MethodDef, pos: Pos): void {
    if (!canAccess(this.cls, m.owner, m.access)) {
      const owner = this.nameFromHere(m.owner);
      if (m.kind === 'ctor')
        this.err(
          pos,
          `Constructor is not visible: [${owner}].<Constructor>(${m.params.map((p) => typeToString(p)).join(', ')})`
        );
      this.err(pos, `Method is not visible: ${typeToString(m.returnType)} ${owner}.${m.signature}`);
    }
  }

  /** Several overloads of this arity and an argument whose static type is unknown. */
  protected ambiguous(cands: MethodDef[], args: C[]): boolean {
    if (cands.length < 2) return false;
    return args.some((a, i) => !a.type && new Set(cands.map((m) => lc(m.params[i].name))).size > 1);
  }

  protected argTypes(args: C[]): string {
    return args.map((a) => (a.type ? typeToString(a.type) : 'Object')).join(', ');
  }

  protected call(e: Extract<Expr, { k: 'call' }>): C {
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
    const fieldError = this.fieldAddError(e, args, evalArgs);
    if (fieldError) return fieldError;
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
      } else if (st.isException && args.length === 0 && EXCEPTION_METHOD_TYPES[l]) {
        // The built-in methods every exception has (Apex Reference, "Exception Class"): typed, so
        // that `this(e.getStackTraceString())` picks the String constructor overload.
        retType = typeRef(EXCEPTION_METHOD_TYPES[l]);
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
    } else if (recv.type) {
      // A method a collection type does not have is a compile error, as on the platform (the class
      // does not save): "Method does not exist or incorrect signature: void put(String, String)
      // from the type List<String>".
      const known = COLLECTION_METHODS[lc(recv.type.name)];
      if (known && !known.has(l))
        this.err(
          e.pos,
          `Method does not exist or incorrect signature: void ${e.name}(${this.argTypes(args)}) from the type ${typeToString(recv.type)}`
        );
      retType = interp.builtinReturnType(recv.type, l);
    }
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

  /**
   * `record.Field__c.addError(msg)` (Apex Reference, "SObject Class": addError on a field marks that
   * field of the record): the call goes to the record with the field's name, not to the field's value.
   */
  private fieldAddError(
    e: Extract<Expr, { k: 'call' }>,
    args: C[],
    evalArgs: (f: Frame) => ApexValue[]
  ): C | null {
    if (lc(e.name) !== 'adderror' || !e.target || e.target.k !== 'field' || !args.length)
      return null;
    const fieldExpr = e.target;
    if (fieldExpr.target.k === 'super') return null;
    const base = this.resolve(fieldExpr.target);
    if (base.kind !== 'value' || !base.c.type) return null;
    const so =
      lc(base.c.type.name) === 'sobject' ? 'SObject' : this.interp.isSObjectType(base.c.type.name);
    if (!so) return null;
    const info = so === 'SObject' ? null : this.interp.platform.sobjectType(so);
    const field = info?.field(lc(fieldExpr.name))?.name ?? fieldExpr.name;
    const rec = base.c.fn;
    const interp = this.interp;
    return {
      fn: (f) => {
        const o = rec(f);
        if (o === SHORT) return SHORT;
        if (o === null) return npe();
        return interp.dispatch(o, 'addError', [field, ...evalArgs(f)]);
      },
      type: typeRef('void')
    };
  }

  protected staticCall(
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

  protected newExpr(e: Extract<Expr, { k: 'new' }>): C {
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

  protected newCollection(e: Extract<Expr, { k: 'newCollection' }>): C {
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
}
