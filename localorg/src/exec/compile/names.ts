/**
 * Names, resolved once at compile time: local → field → static/outer/super → type → namespace;
 * field reads and member access.
 */
import type { Expr, Pos } from '../../front/ast.js';
import { type ClassDef, type EvalFn, type FieldDef } from '../../binder/symbols.js';
import { ApexObject, type ApexValue, type TypeRef, typeRef } from '../../runtime/values.js';
import { throwApex } from '../../runtime/errors.js';
import type { BuiltinClass } from '../../runtime/builtins.js';
import { type C, type Resolved, NAMESPACES, lc, SHORT, npe, describeMemberType } from './shared.js';
import { CompilerBase } from './base.js';

export abstract class NameCompiler extends CompilerBase {
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

  protected resolveName(name: string, pos: Pos): Resolved {
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
    const t = this.interp.lookupTypeName([name], this.cls, pos);
    if (t) return t;
    if (NAMESPACES.has(l) || this.interp.isPackageNamespace(l)) return { kind: 'ns', ns: l };
    return this.err(pos, `Variable does not exist: ${name}`);
  }

  protected resolveInNamespace(ns: string, name: string, pos: Pos): Resolved {
    const t = this.interp.lookupTypeName([ns, name], this.cls, pos);
    if (t) return t;
    if (ns === 'system') {
      // `System.debug`-style statics are handled by call(); a field on System is an error.
    }
    return this.err(pos, `Variable does not exist: ${ns}.${name}`);
  }

  protected instanceFieldGetter(fd: FieldDef): (o: ApexObject) => ApexValue {
    const slot = fd.slot;
    const g = fd.getter;
    const interp = this.interp;
    return g ? (o) => interp.invoke(g, o, []) : (o) => o.fields[slot];
  }

  protected instanceFieldRead(fd: FieldDef, self: EvalFn): C {
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

  protected staticFieldRead(fd: FieldDef): C {
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
  protected memberOf(base: C, name: string, pos: Pos, safe: boolean): C {
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
    let relationship = false;
    if (base.type) {
      const so = interp.isSObjectType(base.type.name);
      if (so) {
        const info = interp.platform.sobjectType(so);
        const fi = info?.field(l);
        const rel = info?.parentRelationship(l);
        const child = info?.childRelationship(l);
        // A related object whose name a class of the org shadows keeps its `Schema.` prefix.
        const sobjectRef = (n: string): TypeRef =>
          typeRef(interp.isSObjectType(n) === null ? `Schema.${n}` : n);
        if (fi) fieldType = fi.type;
        else if (rel && rel.referenceTo?.length === 1) fieldType = sobjectRef(rel.referenceTo[0]);
        // A polymorphic relationship (Task.What, Task.Who) holds a record of any of its types.
        else if (rel && rel.referenceTo?.length) fieldType = typeRef('SObject');
        else if (child) fieldType = typeRef('List', [sobjectRef(child.childSObject)]);
        else if (info) this.err(pos, `Invalid field ${name} for ${so}`);
        relationship = !fi && !!rel;
      }
    }
    // Apex Developer Guide, "Accessing sObject Fields Through Relationships": "When being read as a
    // value, if c.Account is null, then c.Account.Name evaluates to null, but does not yield a
    // NullPointerException" (a modification through it still does: assignments.ts).
    const tolerant = base.relationship === true;
    const fn: EvalFn = (f) => {
      const o = base.fn(f);
      if (o === SHORT) return SHORT;
      if (o === null) return safe ? SHORT : tolerant ? null : npe();
      return interp.getMember(o, name);
    };
    return relationship ? { fn, type: fieldType, relationship } : { fn, type: fieldType };
  }

  protected staticMember(
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
      if (b.name === 'System.Label') {
        const label = this.customLabelRead(b, base.t.name, name, pos);
        if (label) return label;
      }
      const sp = b.staticProps?.[l];
      if (sp) return { kind: 'value', c: { fn: () => sp(interp.nativeContext()), type: null } };
      if (b.name === 'Schema.SObjectType' && b.staticProp) {
        // `Schema.SObjectType.Account`: the object's describe result, checked at compile time; the
        // name after Schema.SObjectType is always an object's, even where a class has that name.
        const so = interp.isSObjectType(`Schema.${name}`);
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
    // A custom metadata type is both a built-in (getAll, getInstance) and an SObject: its fields.
    const so = b ? interp.isSObjectType(base.t.name) : null;
    if (so) return this.staticMember({ ...base, builtin: null, sobject: so }, name, pos);
    return this.err(pos, `Variable does not exist: ${base.t.name}.${name}`);
  }

  /**
   * `System.Label.ns.Name` / `Label.ns.Name`: the label `Name` of the managed package of namespace
   * `ns` (Apex Reference, Label Class: "You can't access labels that are protected in a different
   * namespace"; Lightning Aura Components Developer Guide, "Using Custom Labels":
   * "$Label.namespace.labelName ... to access a label in a managed package"), checked at compile
   * time. `System.Label.ns` alone is the step between (a type-kind name `System.Label.ns`). Null
   * for a bare label name (the built-in's static property answers it, in the caller's namespace).
   */
  private customLabelRead(
    b: BuiltinClass,
    typeName: string,
    name: string,
    pos: Pos
  ): Resolved | null {
    const interp = this.interp;
    const parts = typeName.split('.');
    const l = lc(name);
    if (parts.length === 2) {
      if (!interp.isPackageNamespace(l)) return null;
      return {
        kind: 'type',
        user: null,
        builtin: b,
        sobject: null,
        t: typeRef(`System.Label.${l}`)
      };
    }
    const key = `${lc(parts[2])}.${l}`;
    const problem = interp.platform.customLabelProblem?.(key);
    if (problem === undefined)
      return this.err(pos, `Unsupported by the local org: ${typeName}.${name}`);
    if (problem) return this.err(pos, problem);
    return {
      kind: 'value',
      c: {
        fn: () => interp.platform.customLabel?.(interp.nativeContext(), key) ?? null,
        type: typeRef('String')
      }
    };
  }
}
