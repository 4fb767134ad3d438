/**
 * Objects: choosing an overload or constructor by static argument types, constructing an instance
 * (initialisers of the class chain, then the constructor chain `this(...)`/`super(...)`), and
 * initialising a class's statics on first use.
 */
import type { Pos } from '../front/ast.js';
import { CompileError } from '../binder/errors.js';
import { type ClassDef, Frame, MethodDef } from '../binder/symbols.js';
import { PRIMITIVES } from './linker.js';
import { CompileFailure } from './tests.js';
import type { CtorChain } from './loader.js';
import {
  ApexList,
  ApexMap,
  ApexObject,
  ApexSObject,
  ApexSet,
  type ApexValue,
  type TypeRef,
  typeToString,
  T_OBJECT
} from '../runtime/values.js';
import type { BuiltinRegistry } from '../runtime/builtins.js';
import type { Coercer } from '../runtime/ops.js';
import { throwApex } from '../runtime/errors.js';

function lc(s: string): string {
  return s.toLowerCase();
}

/** What construction needs of the interpreter. */
export interface ObjectsHost {
  readonly stack: Frame[];
  isSObjectType(name: string): string | null;
  stackTrace(): string;
  coercer(t: TypeRef): Coercer | null;
}

export class Objects {
  constructor(
    private readonly rt: ObjectsHost,
    private readonly classTable: Map<string, ClassDef>,
    private readonly builtins: BuiltinRegistry,
    private readonly ctorChains: Map<MethodDef, CtorChain>,
    private readonly exceptionRoot: ClassDef
  ) {}

  private get stack(): Frame[] {
    return this.rt.stack;
  }

  /** Picks the overload that best fits the static argument types (unknown types fit anything). */
  pickStatic(cands: MethodDef[], types: (TypeRef | null)[]): MethodDef {
    if (cands.length === 1) return cands[0];
    let best = cands[0];
    let bestScore = -1;
    for (const m of cands) {
      let score = 0;
      let ok = true;
      for (let i = 0; i < types.length; i++) {
        const s = this.fit(types[i], m.params[i]);
        if (s < 0) {
          ok = false;
          break;
        }
        score += s;
      }
      if (ok && score > bestScore) {
        best = m;
        bestScore = score;
      }
    }
    return best;
  }

  /** 3 exact, 2 subtype/widening, 1 unknown/Object, -1 incompatible. */
  fit(from: TypeRef | null, to: TypeRef): number {
    if (!from) return 1;
    const f = lc(from.name).replace(/^(system|schema)\./, '');
    const t = lc(to.name).replace(/^(system|schema)\./, '');
    if (f === t) {
      // Collections also compare their element types: Set<SObjectField> is no Set<String>.
      if (!from.args.length || from.args.length !== to.args.length) return 3;
      const inner = from.args.map((a, i) => this.fit(a, to.args[i]));
      return inner.some((x) => x < 0) ? -1 : inner.every((x) => x === 3) ? 3 : 2;
    }
    if (t === 'object') return 1;
    // A platform class (Schema.SObjectField...) never passes for a primitive parameter.
    if (
      PRIMITIVES[t] &&
      !PRIMITIVES[f] &&
      this.builtins.get(f) &&
      !this.rt.isSObjectType(from.name)
    )
      return -1;
    const num = ['integer', 'long', 'double', 'decimal'];
    if (num.includes(f) && num.includes(t)) return num.indexOf(t) > num.indexOf(f) ? 2 : -1;
    if (t === 'string' && f === 'id') return 2;
    if (t === 'id' && f === 'string') return 1;
    const fc = this.classTable.get(f);
    if (fc && fc.isSubtypeOf(t)) return 2;
    if (t === 'sobject' && this.rt.isSObjectType(from.name)) return 2;
    if (fc || PRIMITIVES[f] || this.rt.isSObjectType(from.name)) return -1;
    return 1;
  }

  pickCtor(cls: ClassDef, types: (TypeRef | null)[], pos: Pos): MethodDef {
    let cands = cls.ctors.filter((c) => c.params.length === types.length);
    if (!cls.ctors.length && cls.isException)
      cands = this.exceptionRoot.ctors.filter((c) => c.params.length === types.length);
    if (!cands.length) {
      if (cls.isException && cls.ctors.length && types.length <= 2) {
        // Custom exception constructors plus the built-in four.
        cands = this.exceptionRoot.ctors.filter((c) => c.params.length === types.length);
      }
      if (!cands.length)
        throw new CompileError(
          pos,
          `Constructor not defined: [${cls.name}].<Constructor>(${types.map((t) => (t ? typeToString(t) : 'Object')).join(', ')})`
        );
    }
    return this.pickStatic(cands, types);
  }

  construct(cls: ClassDef, ctor: MethodDef, args: ApexValue[]): ApexObject {
    if (cls.compileError) throw new CompileFailure(`Compile failed: ${cls.compileError}`);
    if (cls.staticState !== 2) this.ensureStaticInit(cls);
    const o = new ApexObject(cls, new Array(cls.nFields).fill(null));
    if (cls.isException) {
      const f = this.stack[this.stack.length - 1];
      o.exception = {
        message: null,
        cause: null,
        line: f ? f.line : 0,
        stack: this.rt.stackTrace()
      };
    }
    // Every instance initialiser of the class chain (the topmost superclass's first) runs before any
    // constructor body: a superclass constructor that calls a method overridden below already sees
    // the subclass's initialised fields (unlike Java). Public suites rely on it (fflib's unit of work
    // calls the overridable onRegisterType from its constructor).
    this.runInitChain(cls, o);
    this.runCtor(cls, ctor, o, args);
    return o;
  }

  private runCtor(cls: ClassDef, ctor: MethodDef, o: ApexObject, args: ApexValue[]): void {
    if (ctor.native) {
      // Built-in exception constructor (the chain's initialisers already ran in construct()).
      ctor.native(o, args);
      return;
    }
    const slots: ApexValue[] = new Array(Math.max(ctor.nSlots, args.length));
    for (let i = 0; i < args.length; i++) {
      const c = ctor.coercers[i];
      slots[i] = c ? c(args[i]) : args[i];
    }
    const f = new Frame(ctor, o, slots);
    this.stack.push(f);
    try {
      const chain = this.ctorChains.get(ctor);
      if (chain && chain.which === 'this') {
        if (!chain.target)
          throw new CompileFailure(
            `Compile failed: ${cls.name}: this() has no matching constructor`
          );
        this.runCtor(
          cls,
          chain.target,
          o,
          chain.args.map((a) => a(f))
        );
      } else {
        const sup = cls.superclass;
        if (sup && sup !== this.exceptionRoot && !(sup.isException && !sup.decl)) {
          const target =
            chain?.target ?? this.pickCtor(sup, [], ctor.decl?.pos ?? { line: 0, column: 0 });
          this.runCtor(sup, target, o, chain ? chain.args.map((a) => a(f)) : []);
        } else if (cls.isException && chain) {
          // super(...) into a built-in exception: message/cause constructors.
          const target = this.pickCtor(
            this.exceptionRoot,
            chain.args.map(() => null),
            ctor.decl?.pos ?? { line: 0, column: 0 }
          );
          const vals = chain.args.map((a) => a(f));
          const pick =
            this.exceptionRoot.ctors.find(
              (c) =>
                c.params.length === vals.length &&
                (vals.length !== 1 ||
                  (vals[0] instanceof ApexObject
                    ? c.params[0].name === 'Exception'
                    : c.params[0].name === 'String'))
            ) ?? target;
          pick.native?.(o, vals);
        }
      }
      if (ctor.body) ctor.body(f);
    } finally {
      this.stack.pop();
    }
  }

  private runInitChain(cls: ClassDef, o: ApexObject): void {
    const chain: ClassDef[] = [];
    for (let c: ClassDef | null = cls; c && c.decl; c = c.superclass) chain.unshift(c);
    for (const c of chain) if (c.instanceInit) this.runInstanceInit(c, o);
  }

  private runInstanceInit(cls: ClassDef, o: ApexObject): void {
    const m = new MethodDef('<init>', cls, 'init', false, [], [], T_OBJECT, null, [], false);
    const f = new Frame(m, o, new Array(cls.initSlots));
    this.stack.push(f);
    try {
      cls.instanceInit?.(f);
    } finally {
      this.stack.pop();
    }
  }

  ensureStaticInit(cls: ClassDef): void {
    if (cls.staticState !== 0) return;
    if (cls.compileError) throw new CompileFailure(`Compile failed: ${cls.compileError}`);
    if (cls.superclass) this.ensureStaticInit(cls.superclass);
    if (cls.outer) this.ensureStaticInit(cls.outer);
    cls.staticState = 1;
    if (cls.staticInit) {
      const m = new MethodDef('<clinit>', cls, 'init', true, [], [], T_OBJECT, null, [], false);
      const f = new Frame(m, null, new Array(cls.initSlots));
      this.stack.push(f);
      try {
        cls.staticInit(f);
      } catch (e) {
        cls.staticState = 0;
        throw e;
      } finally {
        this.stack.pop();
      }
    }
    cls.staticState = 2;
  }

  /** `new List<T>(...)`, `new Set<T>(...)`, `new Map<K, V>(...)` with their initial values. */
  newCollection(t: TypeRef, args: ApexValue[]): ApexValue {
    const n = lc(t.name);
    const elem = t.args[0] ?? T_OBJECT;
    const src = args[0];
    if (args.length && src === null)
      throwApex('System.NullPointerException', 'Argument cannot be null');
    if (n === 'list') {
      const conv = this.rt.coercer(elem);
      if (!args.length) return new ApexList(elem, []);
      if (typeof src === 'number') return new ApexList(elem, []);
      const items =
        src instanceof ApexList ? src.items : src instanceof ApexSet ? src.values() : null;
      if (!items) throwApex('System.TypeException', 'Invalid initial value for List');
      return new ApexList(elem, conv ? items.map(conv) : [...items]);
    }
    if (n === 'set') {
      const s = new ApexSet(elem);
      if (!args.length || typeof src === 'number') return s;
      const conv = this.rt.coercer(elem);
      const items =
        src instanceof ApexList ? src.items : src instanceof ApexSet ? src.values() : null;
      if (!items) throwApex('System.TypeException', 'Invalid initial value for Set');
      for (const x of items) s.add(conv ? conv(x) : x);
      return s;
    }
    const [kt, vt] = [t.args[0] ?? T_OBJECT, t.args[1] ?? T_OBJECT];
    const m = new ApexMap(kt, vt);
    if (!args.length || typeof src === 'number') return m;
    if (src instanceof ApexMap) {
      for (const [k, v] of src.entries()) m.put(k, v);
      return m;
    }
    if (src instanceof ApexList) {
      // Map<Id, SObject>(List<SObject>): keyed by Id; a record without Id is an error.
      for (const r of src.items) {
        if (!(r instanceof ApexSObject))
          throwApex('System.TypeException', 'Map initial list must hold SObjects');
        const id = r.raw('Id');
        if (id === undefined || id === null)
          throwApex('System.ListException', 'Row with null Id at index: ' + src.items.indexOf(r));
        m.put(id, r);
      }
      return m;
    }
    throwApex('System.TypeException', 'Invalid initial value for Map');
  }
}
