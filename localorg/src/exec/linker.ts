/**
 * Linking: resolves type names (inner classes, supertypes' inner classes, the class table,
 * primitives, built-ins, SObjects, `System.`/`Schema.` prefixes), then lays out each class over the
 * binder's class table: supertypes, field slots, properties, method signatures, vtables, and the
 * user equals/hashCode/toString hooks. Runs once per class at load, before any body is compiled.
 */
import type { Annotation, Pos, Stmt, TypeNode } from '../front/ast.js';
import { CompileError } from '../binder/errors.js';
import { checkDeclaredName } from '../binder/identifiers.js';
import { accessOf, ClassDef, type FieldDef, MethodDef } from '../binder/symbols.js';
import type { TypeResolved } from './executor.js';
import { lookupClass } from './namespace.js';
import type { AnnotationInfo, ApexPlatform } from '../runtime/platform.js';
import {
  ApexObject,
  type ApexValue,
  type TypeRef,
  typeRef,
  typeToString,
  T_OBJECT
} from '../runtime/values.js';
import { stringOf } from '../runtime/ops.js';
import type { BuiltinRegistry } from '../runtime/builtins.js';

/** Primitive and collection type names, by lower-case name. */
export const PRIMITIVES: Record<string, string> = {
  integer: 'Integer',
  long: 'Long',
  double: 'Double',
  decimal: 'Decimal',
  string: 'String',
  id: 'Id',
  boolean: 'Boolean',
  date: 'Date',
  datetime: 'Datetime',
  time: 'Time',
  blob: 'Blob',
  object: 'Object',
  sobject: 'SObject',
  list: 'List',
  set: 'Set',
  map: 'Map'
};

/** An annotation as the runtime API reports it. */
export function annotationInfo(a: Annotation): AnnotationInfo {
  return { name: a.name, params: a.params };
}

function lc(s: string): string {
  return s.toLowerCase();
}

/** What linked classes call back into at run time (user equals/hashCode/toString). */
export interface LinkerHost {
  invoke(m: MethodDef, self: ApexObject | null, args: ApexValue[]): ApexValue;
  dispatchTarget(o: ApexObject, m: MethodDef): MethodDef;
}

export class Linker {
  constructor(
    private readonly classTable: ReadonlyMap<string, ClassDef>,
    private readonly builtins: BuiltinRegistry,
    private readonly platform: ApexPlatform,
    private readonly host: LinkerHost
  ) {}

  /** Supertypes, field slots, properties, method signatures and vtables of `cls` (and its supertypes first). */
  link(cls: ClassDef, visiting: Set<ClassDef>): void {
    if ((cls as { linked?: boolean }).linked) return;
    const d = cls.decl;
    if (!d) return;
    if (visiting.has(cls)) throw new CompileError(d.pos, `Circular definition: ${cls.name}`);
    checkDeclaredName(d.name, d.pos);
    visiting.add(cls);
    if (d.extends) {
      const sup = this.lookupTypeName(d.extends.names, cls.outer ?? cls);
      if (!sup || !sup.user)
        throw new CompileError(d.extends.pos, `Invalid type: ${d.extends.names.join('.')}`);
      const s = sup.user;
      if (s.decl) this.link(s, visiting);
      if (
        s.kind === 'class' &&
        !s.isException &&
        !s.modifiers.has('virtual') &&
        !s.modifiers.has('abstract')
      )
        throw new CompileError(
          d.extends.pos,
          `Non-virtual and non-abstract type cannot be extended: ${s.name}`
        );
      if (d.kind === 'interface') cls.interfaces.push(s);
      else cls.superclass = s;
      cls.isException = s.isException;
    } else if (d.kind === 'class' && /exception$/i.test(d.name) && false) {
      // (custom exceptions must extend Exception explicitly)
    }
    if (d.kind === 'class' && /exception$/i.test(d.name) && !cls.isException)
      throw new CompileError(
        d.pos,
        `Classes extending Exception must have a name ending in 'Exception' — and vice versa: ${cls.name} must extend Exception`
      );
    for (const i of d.implements) {
      const r = this.lookupTypeName(i.names, cls.outer ?? cls);
      const full = i.names.join('.');
      if (r?.user) {
        if (r.user.decl) this.link(r.user, visiting);
        cls.interfaces.push(r.user);
      } else if (r?.builtin?.isInterface) {
        cls.supertypeNames.add(lc(r.builtin.name));
        cls.supertypeNames.add(lc(r.builtin.name.slice(r.builtin.name.lastIndexOf('.') + 1)));
      } else if (!r) throw new CompileError(i.pos, `Invalid type: ${full}`);
      cls.supertypeNames.add(lc(full));
      cls.supertypeNames.add(lc(i.names[i.names.length - 1]));
    }
    if (cls.superclass) for (const n of cls.superclass.supertypeNames) cls.supertypeNames.add(n);
    if (cls.superclass) cls.supertypeNames.add(cls.superclass.lcName);
    for (const i of cls.interfaces) {
      cls.supertypeNames.add(i.lcName);
      for (const n of i.supertypeNames) cls.supertypeNames.add(n);
    }
    // Fields: inherited slots first.
    if (cls.superclass) {
      for (const [k, f] of cls.superclass.fields) cls.fields.set(k, f);
      cls.nFields = cls.superclass.nFields;
    }
    const addField = (
      name: string,
      tn: TypeNode,
      mods: ReadonlySet<string>,
      pos: Pos,
      annotations: readonly { name: string }[] = []
    ): FieldDef => {
      checkDeclaredName(name, pos);
      const isStatic = mods.has('static') || d.kind === 'interface';
      const t = this.resolveType(tn, cls);
      const l = lc(name);
      if (
        (isStatic ? cls.statics : cls.fields).has(l) &&
        (isStatic || cls.fields.get(l)?.owner === cls)
      )
        throw new CompileError(pos, `Duplicate field: ${name}`);
      const access = accessOf(mods, annotations, d.kind === 'interface' ? 'public' : 'private');
      const f: FieldDef = {
        name,
        slot: isStatic ? cls.statics.size : cls.nFields++,
        type: t,
        isStatic,
        owner: cls,
        getter: null,
        setter: null,
        isFinal: mods.has('final'),
        access,
        setAccess: access
      };
      (isStatic ? cls.statics : cls.fields).set(l, f);
      return f;
    };
    for (const f of d.fields) addField(f.name, f.type, f.mods.keywords, f.pos, f.mods.annotations);
    for (const p of d.properties) {
      const fd = addField(p.name, p.type, p.mods.keywords, p.pos, p.mods.annotations);
      // `{ get; private set; }`: an accessor's own modifier narrows the property's.
      if (p.setter && p.setter.mods.keywords.size)
        fd.setAccess = accessOf(p.setter.mods.keywords, p.mods.annotations);
      const mkAcc = (kind: 'getter' | 'setter', body: Stmt | null) => {
        if (!body) return null;
        const m = new MethodDef(
          `${kind === 'getter' ? 'get' : 'set'}${p.name}`,
          cls,
          kind,
          fd.isStatic,
          kind === 'setter' ? [fd.type] : [],
          kind === 'setter' ? ['value'] : [],
          kind === 'getter' ? fd.type : typeRef('void'),
          null,
          [],
          false
        );
        (m as { accessorBody?: Stmt; accessorOf?: FieldDef }).accessorBody = body;
        (m as { accessorOf?: FieldDef }).accessorOf = fd;
        return m;
      };
      fd.getter = p.getter ? mkAcc('getter', p.getter.body) : null;
      fd.setter = p.setter ? mkAcc('setter', p.setter.body) : null;
    }
    cls.staticValues = new Array(cls.statics.size).fill(null);
    // Methods.
    const isIface = d.kind === 'interface';
    for (const md of d.methods) {
      const params = md.params.map((p) => this.resolveType(p.type, cls));
      const ret = md.returnType ? this.resolveType(md.returnType, cls) : typeRef('void');
      const isStatic = md.mods.keywords.has('static');
      const m = new MethodDef(
        md.name,
        cls,
        'method',
        isStatic,
        params,
        md.params.map((p) => p.name),
        ret,
        md,
        md.mods.annotations.map(annotationInfo),
        isIface || md.mods.keywords.has('abstract')
      );
      m.access = accessOf(
        md.mods.keywords,
        md.mods.annotations,
        isIface || md.mods.keywords.has('override') ? 'public' : 'private'
      );
      // "Methods defined in an interface have the same access modifier as the interface (public
      // or global)" (Apex Developer Guide, "Access Modifiers").
      if (isIface && cls.modifiers.has('global')) m.access = { ...m.access, global: true };
      const l = lc(md.name);
      const list = cls.methods.get(l) ?? [];
      const sig = params.map((p) => lc(typeToString(p))).join(',');
      if (list.some((x) => x.params.map((p) => lc(typeToString(p))).join(',') === sig))
        throw new CompileError(
          md.pos,
          `Method already defined: ${md.name}(${params.map(typeToString).join(', ')})`
        );
      list.push(m);
      cls.methods.set(l, list);
    }
    for (const cd of d.ctors) {
      const params = cd.params.map((p) => this.resolveType(p.type, cls));
      const ctor = new MethodDef(
        d.name,
        cls,
        'ctor',
        false,
        params,
        cd.params.map((p) => p.name),
        T_OBJECT,
        cd,
        [],
        false
      );
      ctor.access = accessOf(cd.mods.keywords, cd.mods.annotations);
      cls.ctors.push(ctor);
    }
    if (!cls.ctors.length && d.kind === 'class' && !cls.isException)
      cls.ctors.push(new MethodDef(d.name, cls, 'ctor', false, [], [], T_OBJECT, null, [], false));
    // vtable: inherited instance methods, overridden by signature.
    if (cls.superclass) for (const [k, ms] of cls.superclass.vtable) cls.vtable.set(k, [...ms]);
    for (const [k, ms] of cls.methods) {
      const cur = cls.vtable.get(k) ?? [];
      for (const m of ms) {
        if (m.isStatic) continue;
        const sig = m.params.map((p) => lc(typeToString(p))).join(',');
        const i = cur.findIndex((x) => x.params.map((p) => lc(typeToString(p))).join(',') === sig);
        if (i >= 0) cur[i] = m;
        else cur.push(m);
      }
      cls.vtable.set(k, cur);
    }
    const eq = cls.vtable.get('equals')?.find((m) => m.params.length === 1);
    const hc = cls.vtable.get('hashcode')?.find((m) => m.params.length === 0);
    const ts = cls.vtable.get('tostring')?.find((m) => m.params.length === 0);
    if (eq)
      cls.userEquals = (self, other) =>
        this.host.invoke(this.host.dispatchTarget(self, eq), self, [other]) === true;
    if (hc)
      cls.userHashCode = (self) =>
        this.host.invoke(this.host.dispatchTarget(self, hc), self, []) as number;
    if (ts)
      cls.userToString = (self) =>
        stringOf(this.host.invoke(this.host.dispatchTarget(self, ts), self, []));
    (cls as { linked?: boolean }).linked = true;
    visiting.delete(cls);
  }

  // ------------------------------------------------------------------ type names

  /** Namespaces of the packages loaded (lower case): `ns.Name` names a class of one (namespace.ts). */
  readonly namespaces = new Set<string>();

  lookupTypeName(names: readonly string[], from: ClassDef | null, pos?: Pos): TypeResolved | null {
    const full = names.join('.');
    const l = lc(full);
    if (this.namespaces.size && names.length > 1 && this.namespaces.has(lc(names[0]))) {
      const q = lookupClass(this.classTable, this.namespaces, names, from, pos).found;
      return q ? { kind: 'type', user: q, builtin: null, sobject: null, t: typeRef(q.name) } : null;
    }
    if (names.length === 1) {
      for (let c: ClassDef | null = from; c; c = c.outer) {
        const inner = c.inner.get(l);
        if (inner)
          return {
            kind: 'type',
            user: inner,
            builtin: null,
            sobject: null,
            t: typeRef(inner.name)
          };
        for (let s = c.superclass; s; s = s.superclass) {
          const si = s.inner.get(l);
          if (si)
            return { kind: 'type', user: si, builtin: null, sobject: null, t: typeRef(si.name) };
        }
      }
    }
    const u = this.namespaces.size
      ? lookupClass(this.classTable, this.namespaces, names, from).found
      : this.classTable.get(l);
    if (u) return { kind: 'type', user: u, builtin: null, sobject: null, t: typeRef(u.name) };
    const prim = PRIMITIVES[l];
    if (prim)
      return {
        kind: 'type',
        user: null,
        builtin: this.builtins.get(l) ?? null,
        sobject: null,
        t: typeRef(prim)
      };
    const b = this.builtins.get(l);
    if (b) return { kind: 'type', user: null, builtin: b, sobject: null, t: typeRef(b.name) };
    const so = this.isSObjectType(full);
    // A package's custom setting or metadata type written without its prefix (`S2S_Settings__c`
    // for `ns__S2S_Settings__c`): its statics are registered under the full name.
    const nb = so && so.toLowerCase() !== l ? this.builtins.get(lc(so)) : undefined;
    if (nb) return { kind: 'type', user: null, builtin: nb, sobject: null, t: typeRef(nb.name) };
    // Where a class of the org shadows the SObject's name, its type keeps the `Schema.` prefix.
    if (so)
      return {
        kind: 'type',
        user: null,
        builtin: null,
        sobject: so,
        t: typeRef(this.classTable.has(lc(so)) ? `Schema.${so}` : so)
      };
    if (names.length > 1 && (lc(names[0]) === 'system' || lc(names[0]) === 'schema'))
      return this.lookupTypeName(names.slice(1), null);
    return null;
  }

  resolveType(node: TypeNode, from: ClassDef | null): TypeRef {
    const r = this.lookupTypeName(node.names, from, node.pos);
    if (!r) {
      if (node.names.length === 1 && lc(node.names[0]) === 'void') return typeRef('void');
      throw new CompileError(node.pos, `Invalid type: ${node.names.join('.')}`);
    }
    const args = node.args.map((a) => this.resolveType(a, from));
    const n = lc(r.t.name);
    if ((n === 'list' || n === 'set') && args.length !== 1 && node.args.length)
      throw new CompileError(node.pos, `Invalid type: ${r.t.name} takes one type argument`);
    if (n === 'map' && node.args.length && args.length !== 2)
      throw new CompileError(node.pos, 'Invalid type: Map takes two type arguments');
    return typeRef(r.t.name, args);
  }

  /** Canonical SObject type name when `name` is one (with or without `Schema.`), else null. */
  isSObjectType(name: string): string | null {
    const n = name.replace(/^schema\./i, '');
    // `Schema.User` names the SObject even where a class of the org is called `User`.
    if ((n === name && this.classTable.has(lc(n))) || PRIMITIVES[lc(n)]) return null;
    return this.platform.sobjectType(n)?.name ?? null;
  }
}
