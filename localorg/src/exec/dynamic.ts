/**
 * Members and methods looked up by name at run time, when no static type decided them at compile
 * time: field reads and writes on SObjects (with the "not queried" check), Apex objects (through
 * property accessors) and native objects; method calls on user objects, built-in families (String,
 * List, ...) and native objects; equals/hashCode/toString on any value; and the overload chosen by
 * the argument values.
 */
import { ClassDef, MethodDef } from '../binder/symbols.js';
import {
  type ApexPlatform,
  type NativeCallContext,
  type SourcePos,
  UnsupportedError
} from '../runtime/platform.js';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexDouble,
  ApexEnumValue,
  ApexId,
  ApexList,
  ApexMap,
  ApexObject,
  ApexSObject,
  ApexSet,
  ApexTime,
  ApexTypeValue,
  type ApexValue,
  NativeObject,
  type TypeRef,
  apexHash,
  keyEquals,
  typeRef
} from '../runtime/values.js';
import { stringOf, type Coercer } from '../runtime/ops.js';
import { throwApex } from '../runtime/errors.js';
import { BuiltinRegistry, type BuiltinClass, type BuiltinContext } from '../runtime/builtins.js';

function lc(s: string): string {
  return s.toLowerCase();
}

/** What run-time lookup needs of the interpreter. */
export interface DynamicHost {
  readonly builtins: BuiltinRegistry;
  readonly platform: ApexPlatform;
  coercer(t: TypeRef): Coercer | null;
  currentPos(): SourcePos;
  invoke(m: MethodDef, self: ApexObject | null, args: ApexValue[]): ApexValue;
  nativeContext(pos?: SourcePos): BuiltinContext;
  /** How well a value of type `from` fits a parameter of type `to` (overload ranking). */
  fit(from: TypeRef | null, to: TypeRef): number;
  /** A call on a Test.createStub object: every method goes to its StubProvider. */
  stubCall(o: ApexObject, name: string, m: MethodDef | null, args: ApexValue[]): ApexValue;
}

export class DynamicAccess {
  constructor(private readonly host: DynamicHost) {}

  getMember(o: ApexValue, name: string): ApexValue {
    const l = lc(name);
    if (o instanceof ApexSObject) {
      const v = o.values.get(l);
      if (v !== undefined) return v;
      // A record holds its fields by their full names: a managed package's code writes its own
      // without the prefix (`Status__c` for `ns__Status__c`; docs/localorg.md, "Namespaces").
      const info = this.host.platform.sobjectType(o.type);
      const canonical =
        info?.field(l)?.name ??
        info?.parentRelationship(l)?.relationshipName ??
        info?.childRelationship(l)?.relationshipName ??
        name;
      const cl = lc(canonical);
      if (cl !== l) {
        const full = o.values.get(cl);
        if (full !== undefined) return full;
      }
      if (o.queried && !o.queried.has(cl)) {
        throwApex(
          'System.SObjectException',
          `SObject row was retrieved via SOQL without querying the requested field: ${o.type}.${canonical}`
        );
      }
      return null;
    }
    if (o instanceof ApexObject) {
      const cls = o.cls as ClassDef;
      const fd = cls.fields.get(l);
      if (fd) return fd.getter ? this.host.invoke(fd.getter, o, []) : o.fields[fd.slot];
      throwApex('System.SObjectException', `Invalid field ${name} for ${cls.name}`);
    }
    if (o instanceof NativeObject) {
      const b = this.host.builtins.get(lc(o.className)) as
        | (BuiltinClass & {
            nativeProperty?: (
              ctx: NativeCallContext,
              self: ApexValue,
              n: string
            ) => ApexValue | undefined;
          })
        | undefined;
      const p = b?.props?.[l];
      if (p) return p(this.host.nativeContext(), o, []);
      const np = b?.nativeProperty?.(this.host.nativeContext(), o, name);
      if (np !== undefined) return np;
      throw new UnsupportedError(`property ${name} of ${o.className}`, this.host.currentPos());
    }
    if (o instanceof ApexList) {
      // `[SELECT Id FROM X LIMIT 1].Id`: a query result dereferenced as its single row.
      if (o.items.length === 0)
        throwApex('System.QueryException', 'List has no rows for assignment to SObject');
      if (o.items.length > 1)
        throwApex('System.QueryException', 'List has more than 1 row for assignment to SObject');
      return this.getMember(o.items[0], name);
    }
    throwApex('System.TypeException', `Invalid field ${name} on ${o === null ? 'null' : typeof o}`);
  }

  setMember(o: ApexValue, name: string, v: ApexValue): void {
    const l = lc(name);
    if (o instanceof ApexSObject) {
      // Trigger.new in an after trigger, Trigger.old anywhere ("Context Variable Considerations").
      if (o.readOnly) throwApex('System.FinalException', 'Record is read-only');
      const info = this.host.platform.sobjectType(o.type);
      const fi = info?.field(l);
      if (fi) {
        const c = this.host.coercer(fi.type);
        o.set(fi.name, c ? c(v) : v);
        return;
      }
      const rel = info?.parentRelationship(l) ?? null;
      o.set(rel?.relationshipName ?? info?.childRelationship(l)?.relationshipName ?? name, v);
      return;
    }
    if (o instanceof ApexObject) {
      const cls = o.cls as ClassDef;
      const fd = cls.fields.get(l);
      if (!fd) throwApex('System.SObjectException', `Invalid field ${name} for ${cls.name}`);
      if (fd.setter) this.host.invoke(fd.setter, o, [v]);
      else {
        const c = this.host.coercer(fd.type);
        o.fields[fd.slot] = c ? c(v) : v;
      }
      return;
    }
    if (o instanceof NativeObject) {
      const b = this.host.builtins.get(lc(o.className)) as
        | (BuiltinClass & {
            nativeSetProperty?: (
              ctx: NativeCallContext,
              self: ApexValue,
              n: string,
              v: ApexValue
            ) => boolean;
          })
        | undefined;
      if (b?.nativeSetProperty?.(this.host.nativeContext(), o, name, v)) return;
    }
    throw new UnsupportedError(
      `assigning ${name} on ${o instanceof NativeObject ? o.className : o === null ? 'null' : typeof o}`,
      this.host.currentPos()
    );
  }

  // ------------------------------------------------------------------ dynamic dispatch

  /** `o.name(args)` decided by the runtime value (user vtable, built-in family or native class). */
  dispatch(o: ApexValue, name: string, args: ApexValue[]): ApexValue {
    if (o === null)
      throwApex('System.NullPointerException', 'Attempt to de-reference a null object');
    const l = lc(name);
    if (
      o instanceof ApexObject &&
      o.stubProvider !== undefined &&
      !['equals', 'hashcode', 'tostring'].includes(l)
    )
      return this.host.stubCall(o, name, null, args);
    if (o instanceof ApexObject) {
      const cls = o.cls as ClassDef;
      const cands = cls.vtable
        .get(l)
        ?.filter((m) => m.params.length === args.length && !m.isAbstract);
      if (cands && cands.length)
        return this.host.invoke(
          cands.length === 1 ? cands[0] : this.pickRuntime(cands, args),
          o,
          args
        );
      // A static method satisfies an interface method of its name for the platform (apex-recipes'
      // QueueableRecipes declares `public static void execute(QueueableContext)` and is enqueued):
      // the platform's call on the instance reaches it.
      const statics = cls
        .findMethods(l)
        .filter((m) => m.isStatic && m.params.length === args.length);
      if (statics.length)
        return this.host.invoke(
          statics.length === 1 ? statics[0] : this.pickRuntime(statics, args),
          null,
          args
        );
      return this.dispatchBuiltinObject(o, l, args);
    }
    const fam = this.familyOf(o);
    const fn = fam?.methods?.[l];
    if (fn) return fn(this.host.nativeContext(), o, args);
    return this.objectMethod(o, l, args, fam?.name ?? 'Object');
  }

  /** Overload choice by the runtime values of the arguments. */
  pickByValues(cands: MethodDef[], args: ApexValue[]): MethodDef {
    return this.pickRuntime(cands, args);
  }

  /** The overload whose parameters the argument values fit best (stubs and dynamic calls). */
  pickRuntime(cands: MethodDef[], args: ApexValue[]): MethodDef {
    let best = cands[0];
    let bestScore = -1;
    for (const m of cands) {
      let score = 0;
      for (let i = 0; i < args.length && score >= 0; i++) {
        const a = args[i];
        if (a === null) {
          score += 1;
          continue;
        }
        const s = this.host.fit(
          typeRef(a instanceof ApexObject ? a.cls.name : runtimeName(a)),
          m.params[i]
        );
        score = s < 0 ? -1 : score + s;
      }
      if (score > bestScore) {
        best = m;
        bestScore = score;
      }
    }
    return best;
  }

  /** Methods every object has, and exceptions' built-in methods. */
  dispatchBuiltinObject(o: ApexObject, l: string, args: ApexValue[]): ApexValue {
    const ex = o.exception;
    if (ex) {
      switch (l) {
        case 'getmessage':
          return ex.message;
        case 'setmessage':
          ex.message = args[0] === null ? null : stringOf(args[0]);
          ex.messageSet = true;
          return null;
        case 'getcause':
          return ex.cause;
        case 'initcause':
          ex.cause = args[0] as ApexObject;
          return null;
        case 'getlinenumber':
          return ex.line;
        case 'getstacktracestring':
          return ex.stack;
        case 'gettypename':
          return o.cls.name;
      }
      const fam = this.host.builtins.get(lc(o.cls.name));
      const fn = fam?.methods?.[l];
      if (fn) return fn(this.host.nativeContext(), o, args);
    }
    return this.objectMethod(o, l, args, o.cls.name);
  }

  private objectMethod(o: ApexValue, l: string, args: ApexValue[], typeName: string): ApexValue {
    switch (l) {
      case 'equals':
        if (args.length === 1) return keyEquals(o, args[0]);
        break;
      case 'hashcode':
        if (!args.length) return apexHash(o);
        break;
      case 'tostring':
        if (!args.length) return stringOf(o);
        break;
    }
    throwApex(
      'System.TypeException',
      `Method does not exist or incorrect signature: ${l}(${args.length} args) from the type ${typeName}`
    );
  }

  private familyOf(o: ApexValue): BuiltinClass | undefined {
    switch (typeof o) {
      case 'string':
        return this.host.builtins.get('string');
      case 'number':
        return this.host.builtins.get('integer');
      case 'bigint':
        return this.host.builtins.get('long');
      case 'boolean':
        return this.host.builtins.get('boolean');
    }
    if (o instanceof ApexList) return this.host.builtins.get('list');
    if (o instanceof ApexMap) return this.host.builtins.get('map');
    if (o instanceof ApexSet) return this.host.builtins.get('set');
    if (o instanceof ApexSObject) return this.host.builtins.get('sobject');
    if (o instanceof ApexId) return this.host.builtins.get('id');
    if (o instanceof ApexDecimal) return this.host.builtins.get('decimal');
    if (o instanceof ApexDouble) return this.host.builtins.get('double');
    if (o instanceof ApexDate) return this.host.builtins.get('date');
    if (o instanceof ApexDatetime) return this.host.builtins.get('datetime');
    if (o instanceof ApexTime) return this.host.builtins.get('time');
    if (o instanceof ApexBlob) return this.host.builtins.get('blob');
    if (o instanceof ApexEnumValue) return this.host.builtins.get('<enum>');
    if (o instanceof ApexTypeValue) return this.host.builtins.get('system.type');
    if (o instanceof NativeObject) return this.host.builtins.get(lc(o.className));
    return undefined;
  }
}

/** The static type a run-time value stands for when choosing an overload. */
function runtimeName(v: ApexValue): string {
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'Integer';
  if (typeof v === 'bigint') return 'Long';
  if (typeof v === 'boolean') return 'Boolean';
  if (v instanceof ApexSObject) return v.type;
  if (v instanceof ApexId) return 'Id';
  if (v instanceof ApexDecimal) return 'Decimal';
  if (v instanceof ApexDouble) return 'Double';
  if (v instanceof ApexList) return 'List';
  if (v instanceof ApexMap) return 'Map';
  if (v instanceof ApexSet) return 'Set';
  return 'Object';
}
