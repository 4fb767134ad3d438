/**
 * The interpreter: loads sources, builds the class table (binder), compiles bodies to closures,
 * runs methods, and implements the `ApexRuntime` API the platform and the test runner use (and
 * `LanguageRuntime`, what the standard library asks of it).
 */
import type { Pos, TypeNode } from '../front/ast.js';
import { ClassDef, Frame, MethodDef } from '../binder/symbols.js';
import { Linker } from './linker.js';
import { DynamicAccess } from './dynamic.js';
import { CompileFailure, TestMethods } from './tests.js';
import { anonymousCompileProblem, Loader, type CtorChain, type TriggerDef } from './loader.js';
import { Objects } from './objects.js';
import {
  adaptNative,
  declareBuiltinExceptions,
  declareExceptionOnDemand
} from './builtin-types.js';
import type { Executor, TypeResolved } from './executor.js';
import {
  type ApexPlatform,
  type ClassInfo,
  type CompileDiagnostic,
  type NativeClassDef,
  type SourceFile,
  type SourcePos,
  type TestMethodResult,
  type TriggerContext,
  type TriggerInfo,
  UnsupportedPlatform
} from '../runtime/platform.js';
import {
  ApexEnumValue,
  ApexList,
  ApexObject,
  ApexTypeValue,
  type ApexValue,
  NativeObject,
  type TypeRef,
  typeRef,
  typeToString,
  T_OBJECT
} from '../runtime/values.js';
import { coercerFor, stringOf, type Coercer } from '../runtime/ops.js';
import { setCurrent } from '../runtime/context.js';
import { HeapMeter } from '../runtime/heap.js';
import { throwApex } from '../runtime/errors.js';
import { BuiltinRegistry, type BuiltinClass, type BuiltinContext } from '../runtime/builtins.js';
import type { LanguageRuntime } from '../runtime/language.js';
import { qualifiedName } from './namespace.js';
import { classInfoOf, coverageOf, type ClassCoverage } from './class-info.js';
import { parseTypeName } from './type-names.js';
import {
  captureStatics,
  classesWithStatics,
  restoreStatics,
  type OrgRuntimeState
} from './org-state.js';

export type { OrgRuntimeState } from './org-state.js';

function lc(s: string): string {
  return s.toLowerCase();
}

export class Interp implements LanguageRuntime, Executor {
  readonly diagnostics: CompileDiagnostic[] = [];
  private readonly classTable = new Map<string, ClassDef>();
  private readonly topLevel: ClassDef[] = [];
  private readonly triggerDefs = new Map<string, TriggerDef>();
  readonly stack: Frame[] = [];
  private readonly triggerStack: TriggerContext[] = [];
  private readonly enumCache = new Map<string, ApexEnumValue>();
  private readonly ctorChains = new Map<MethodDef, CtorChain>();
  private readonly vcache = new Map<ClassDef, Map<MethodDef, MethodDef>>();
  /** Coverage per top-level class file: line → 1 when executed. */
  private readonly hits = new Map<ClassDef, number[]>();
  private readonly exceptionRoot: ClassDef;
  private readonly rootFrame: Frame;
  private readonly nativeDefsAdapted = new Set<string>();
  private readonly linker: Linker;
  private readonly dynamic: DynamicAccess;
  private readonly tests: TestMethods;
  private readonly loader: Loader;
  private readonly objects: Objects;

  /**
   * `builtins` holds the standard library (the runner registers it: `runner/runner.ts`); this org's
   * platform native classes join it here, so each org's interpreter has its own.
   */
  constructor(
    readonly platform: ApexPlatform = new UnsupportedPlatform(),
    private readonly builtins: BuiltinRegistry = new BuiltinRegistry()
  ) {
    this.linker = new Linker(this.classTable, builtins, platform, {
      invoke: (m, self, args) => this.invoke(m, self, args),
      dispatchTarget: (o, m) => this.dispatchTarget(o, m)
    });
    this.dynamic = new DynamicAccess({
      builtins,
      platform,
      coercer: (t) => this.coercer(t),
      currentPos: () => this.currentPos(),
      invoke: (m, self, args) => this.invoke(m, self, args),
      nativeContext: (pos) => this.nativeContext(pos),
      fit: (from, to) => this.objects.fit(from, to),
      stubCall: (o, name, m, args) => this.stubCall(o, name, m, args)
    });
    this.tests = new TestMethods({
      platform,
      classTable: this.classTable,
      topLevel: this.topLevel,
      enter: (fn) => this.enter(fn),
      invokeStatic: (m, args) => this.invokeStatic(m, args),
      resetStatics: () => this.resetStatics(),
      setRunningTest: (running) => {
        this.runningTest = running;
      }
    });
    this.exceptionRoot = declareBuiltinExceptions(this.classTable);
    this.objects = new Objects(
      this,
      this.classTable,
      builtins,
      this.ctorChains,
      this.exceptionRoot
    );
    this.loader = new Loader(this, {
      classTable: this.classTable,
      topLevel: this.topLevel,
      diagnostics: this.diagnostics,
      triggerDefs: this.triggerDefs,
      ctorChains: this.ctorChains,
      linker: this.linker
    });
    for (const def of platform.nativeClasses()) this.adaptNative(def);
    const rootCls = new ClassDef('<root>', '<root>', null, 'class', [], null, new Set());
    this.rootFrame = new Frame(
      new MethodDef('<root>', rootCls, 'anonymous', true, [], [], T_OBJECT, null, [], false),
      null,
      []
    );
  }

  // =============================================================================== loading (loader.ts)

  /** Parses, binds and compiles every source. Failures become diagnostics and class compile errors. */
  load(files: readonly SourceFile[]): this {
    this.loader.load(files);
    return this;
  }

  /** Platform native classes join the built-in registry under their names (builtin-types.ts). */
  private adaptNative(def: NativeClassDef): void {
    if (this.nativeDefsAdapted.has(def.name)) return;
    this.nativeDefsAdapted.add(def.name);
    adaptNative(def, this.builtins);
  }

  // =============================================================================== types (linker.ts)

  lookupTypeName(names: readonly string[], from: ClassDef | null, pos?: Pos): TypeResolved | null {
    return this.linker.lookupTypeName(names, from, pos);
  }

  isPackageNamespace(lcName: string): boolean {
    return this.linker.namespaces.has(lcName);
  }

  resolveType(node: TypeNode, from: ClassDef | null): TypeRef {
    return this.linker.resolveType(node, from);
  }

  /** Canonical SObject type name when `name` is one (with or without `Schema.`), else null. */
  isSObjectType(name: string): string | null {
    return this.linker.isSObjectType(name);
  }

  classByType(t: TypeRef): ClassDef | null {
    return this.classTable.get(lc(t.name)) ?? null;
  }

  builtinByType(t: TypeRef): BuiltinClass | null {
    return this.builtins.get(lc(t.name)) ?? null;
  }

  builtinReturnType(t: TypeRef, lcMethod: string): TypeRef | null {
    const b = this.builtins.get(lc(t.name));
    return b?.returns?.[`.${lcMethod}`] ?? null;
  }

  private readonly coercers = new Map<string, Coercer | null>();
  coercer(t: TypeRef): Coercer | null {
    const k = lc(t.name);
    const known = this.coercers.get(k);
    if (known !== undefined) return known;
    const c = coercerFor(t, (n) => this.isSObjectType(n) !== null);
    this.coercers.set(k, c);
    return c;
  }

  builtinEnum(typeName: string, name: string, ordinal: number): ApexEnumValue {
    const k = `${typeName}.${name}`;
    let v = this.enumCache.get(k);
    if (!v) {
      v = new ApexEnumValue(typeName, name, ordinal);
      this.enumCache.set(k, v);
    }
    return v;
  }

  coverageFor(cls: ClassDef, line: number): number[] {
    const top = cls.topLevel;
    top.coverableLines.add(line);
    let h = this.hits.get(top);
    if (!h) {
      h = [];
      this.hits.set(top, h);
    }
    return h;
  }

  // =============================================================================== running

  currentPos(): SourcePos {
    const f = this.stack[this.stack.length - 1];
    if (!f) return { file: '<none>', line: 0, column: 0 };
    return { file: f.method.owner.file, line: f.line, column: 1 };
  }

  nativeContext(pos?: SourcePos): BuiltinContext {
    return {
      pos: pos ?? this.currentPos(),
      runtime: this,
      platform: this.platform,
      throwApex: (typeName: string, message: string, data?: unknown): never => {
        const prev = setCurrent(this);
        try {
          return throwApex(typeName, message, data);
        } finally {
          setCurrent(prev);
        }
      }
    };
  }

  /** Runs `fn` with this interpreter current (entry points from the platform and runner). */
  enter<T>(fn: () => T): T {
    const prev = setCurrent(this);
    const depth = this.stack.length;
    if (!depth) this.stack.push(this.rootFrame);
    try {
      return fn();
    } finally {
      this.stack.length = depth;
      setCurrent(prev);
    }
  }

  stackTrace(): string {
    const lines: string[] = [];
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const f = this.stack[i];
      const m = f.method;
      if (m.owner.name === '<root>') continue;
      if (m.kind === 'trigger') lines.push(`Trigger.${m.owner.name}: line ${f.line}, column 1`);
      else if (m.kind === 'anonymous') lines.push(`AnonymousBlock: line ${f.line}, column 1`);
      else {
        const mname = m.kind === 'ctor' ? '<init>' : m.kind === 'init' ? '<clinit>' : m.name;
        lines.push(`Class.${m.owner.name}.${mname}: line ${f.line}, column 1`);
      }
    }
    return lines.join('\n');
  }

  newException(typeName: string, message: string): ApexObject {
    const cls =
      this.classTable.get(lc(typeName)) ??
      this.classTable.get(lc(typeName.replace(/^System\./, ''))) ??
      this.declareExceptionOnDemand(typeName);
    if (!cls.isException) throw new Error(`Not an exception type: ${typeName}`);
    const o = new ApexObject(cls, new Array(cls.nFields).fill(null));
    const f = this.stack[this.stack.length - 1];
    o.exception = { message, cause: null, line: f ? f.line : 0, stack: this.stackTrace() };
    return o;
  }

  /** A platform exception type not in the built-in list (e.g. a namespace's own), made on first use. */
  private declareExceptionOnDemand(typeName: string): ClassDef {
    return declareExceptionOnDemand(this.classTable, this.exceptionRoot, typeName);
  }

  invoke(m: MethodDef, self: ApexObject | null, args: ApexValue[]): ApexValue {
    if (m.native) return m.native(self, args);
    const body = m.body;
    if (!body) {
      if (m.owner.compileError) throw new CompileFailure(`Compile failed: ${m.owner.compileError}`);
      throwApex(
        'System.UnexpectedException',
        `Abstract method called: ${m.owner.name}.${m.signature}`
      );
    }
    if (m.owner.compileError) throw new CompileFailure(`Compile failed: ${m.owner.compileError}`);
    if (this.stack.length > 1000)
      throwApex('System.LimitException', 'Maximum stack depth reached: 1001');
    const slots: ApexValue[] = new Array(m.nSlots);
    const cs = m.coercers;
    for (let i = 0; i < args.length; i++) {
      const c = cs[i];
      slots[i] = c ? c(args[i]) : args[i];
    }
    const f = new Frame(m, self, slots);
    this.stack.push(f);
    try {
      body(f);
    } catch (e) {
      // A governor limit raised by the platform: remember where Apex was when it hit.
      const limit = e as { apexType?: unknown; apexStack?: string };
      if (typeof limit?.apexType === 'string' && limit.apexStack === undefined)
        limit.apexStack = this.stackTrace();
      throw e;
    } finally {
      this.stack.pop();
    }
    return f.ret;
  }

  invokeStatic(m: MethodDef, args: ApexValue[]): ApexValue {
    if (m.owner.staticState !== 2) this.ensureStaticInit(m.owner);
    // A call to an @future method is queued by the platform, which later runs the body through
    // callStatic (Apex Developer Guide, "Future Methods"): it never runs inline.
    if (m.isFuture && this.futureBody !== m) {
      const a = m.annotations.find((x) => x.name === 'future');
      this.platform.callFuture(
        this.nativeContext(),
        m.owner.name,
        m.name,
        args,
        a?.params.get('callout')?.toLowerCase() === 'true'
      );
      return null;
    }
    this.futureBody = null;
    return this.invoke(m, null, args);
  }

  /** The @future method the platform is running now (its body runs instead of being queued again). */
  private futureBody: MethodDef | null = null;

  private dispatchTarget(o: ApexObject, m: MethodDef): MethodDef {
    const cls = o.cls as ClassDef;
    if (cls === m.owner) return m;
    let cache = this.vcache.get(cls);
    if (!cache) {
      cache = new Map();
      this.vcache.set(cls, cache);
    }
    let t = cache.get(m);
    if (!t) {
      const sig = m.params.map((p) => lc(typeToString(p))).join(',');
      t =
        cls.vtable
          .get(lc(m.name))
          ?.find((x) => x.params.map((p) => lc(typeToString(p))).join(',') === sig) ?? m;
      cache.set(m, t);
    }
    return t;
  }

  /**
   * The override of a statically chosen overload on `o`'s class (same name and parameter types),
   * or null when the class declares it under another signature (generic interface methods).
   */
  overrideOf(o: ApexObject, m: MethodDef): MethodDef | null {
    const t = this.dispatchTarget(o, m);
    if (
      t === m &&
      (o.cls as ClassDef) !== m.owner &&
      !(o.cls as ClassDef).isSubtypeOf(m.owner.name)
    )
      return null;
    return t.isAbstract ? null : t;
  }

  /** Virtual call of a statically chosen method on `o`. */
  dispatchMethod(o: ApexObject, m: MethodDef, args: ApexValue[]): ApexValue {
    if (o === null)
      throwApex('System.NullPointerException', 'Attempt to de-reference a null object');
    if (o.stubProvider !== undefined) return this.stubCall(o, m.name, m, args);
    return this.invoke(this.dispatchTarget(o, m), o, args);
  }

  /** `Test.createStub(type, provider)`: an instance of `type` whose methods all call the provider. */
  createStub(t: TypeRef, provider: ApexValue): ApexObject {
    const cls = this.classByType(t);
    if (!cls || !cls.decl)
      throwApex(
        'System.TypeException',
        `Test.createStub needs an Apex class or interface: ${typeToString(t)}`
      );
    if (!(provider instanceof ApexObject) || !provider.cls.isSubtypeOf('System.StubProvider'))
      throwApex('System.TypeException', 'Test.createStub needs a System.StubProvider');
    const o = new ApexObject(cls, new Array(cls.nFields).fill(null));
    o.stubProvider = provider;
    return o;
  }

  /** handleMethodCall(stubbedObject, stubbedMethodName, returnType, listOfParamTypes, listOfParamNames, listOfArgs). */
  private stubCall(o: ApexObject, name: string, m: MethodDef | null, args: ApexValue[]): ApexValue {
    // Overloads of a stubbed method are told apart by their arguments, as for any call.
    const cands = m
      ? []
      : (o.cls as ClassDef).findMethods(lc(name)).filter((x) => x.params.length === args.length);
    const method =
      m ?? (cands.length > 1 ? this.dynamic.pickRuntime(cands, args) : (cands[0] ?? null));
    const T_TYPE = typeRef('System.Type');
    const ret = new ApexTypeValue(method ? method.returnType : T_OBJECT);
    const paramTypes = new ApexList(
      T_TYPE,
      method
        ? method.params.map((p) => new ApexTypeValue(p))
        : args.map(() => new ApexTypeValue(T_OBJECT))
    );
    const paramNames = new ApexList(
      typeRef('String'),
      method ? [...method.paramNames] : args.map((_, i) => `p${i}`)
    );
    const result = this.dispatch(o.stubProvider ?? null, 'handleMethodCall', [
      o,
      method ? method.name : name,
      ret,
      paramTypes,
      paramNames,
      new ApexList(T_OBJECT, [...args])
    ]);
    const conv = method ? this.coercer(method.returnType) : null;
    return conv ? conv(result) : result;
  }

  // ------------------------------------------------------------------ objects (objects.ts)

  /** Picks the overload that best fits the static argument types (unknown types fit anything). */
  pickStatic(cands: MethodDef[], types: (TypeRef | null)[]): MethodDef {
    return this.objects.pickStatic(cands, types);
  }

  pickCtor(cls: ClassDef, types: (TypeRef | null)[], pos: Pos): MethodDef {
    return this.objects.pickCtor(cls, types, pos);
  }

  construct(cls: ClassDef, ctor: MethodDef, args: ApexValue[]): ApexObject {
    return this.objects.construct(cls, ctor, args);
  }

  ensureStaticInit(cls: ClassDef): void {
    this.objects.ensureStaticInit(cls);
  }

  /** Counts transactions started by the runner (System.Request ids differ between them). */
  transactionNumber = 0;

  /** Static variables live for one transaction: each test method starts with none initialised. */
  resetStatics(): void {
    this.transactionNumber++;
    for (const c of this.classTable.values()) {
      if (!c.decl) continue;
      c.staticState = 0;
      c.staticValues = new Array(c.statics.size).fill(null);
    }
    for (const t of this.triggerDefs.values()) t.cls.staticState = 0;
  }

  /**
   * Installs one org's state when the orgs of a World share this compiled runtime
   * (platform/world/shared-runtime.ts) and returns the state it replaces: every class's statics
   * (values and initialisation), the call and trigger stacks, the running @future body and test
   * flag, the transaction count. `next` null: a new org's (no static initialised, empty stacks).
   * The compiled classes themselves are immutable once loaded and stay shared.
   */
  swapOrgState(next: OrgRuntimeState | null): OrgRuntimeState {
    const classes = classesWithStatics(this.classTable.values(), this.triggerDefs.values());
    const prev: OrgRuntimeState = {
      statics: captureStatics(classes),
      stack: this.stack.splice(0),
      triggerStack: this.triggerStack.splice(0),
      runningTest: this.runningTest,
      futureBody: this.futureBody,
      transactionNumber: this.transactionNumber
    };
    restoreStatics(classes, next?.statics);
    this.stack.push(...(next?.stack ?? []));
    this.triggerStack.push(...(next?.triggerStack ?? []));
    this.runningTest = next?.runningTest ?? false;
    this.futureBody = next?.futureBody ?? null;
    this.transactionNumber = next?.transactionNumber ?? 0;
    return prev;
  }

  /** True while the runner executes a test method (Test.isRunningTest). */
  runningTest = false;

  /** A variable visible in `f` by name: local, then field of `this`, then static (dynamic SOQL binds). */
  lookupVariable(f: Frame | undefined, name: string): ApexValue | undefined {
    if (!f) return undefined;
    const l = lc(name);
    const slot = f.method.varNames.get(l);
    if (slot !== undefined) return f.slots[slot];
    const cls = f.method.owner;
    const fd = f.self ? cls.fields.get(l) : undefined;
    if (fd && f.self)
      return fd.getter ? this.invoke(fd.getter, f.self, []) : f.self.fields[fd.slot];
    for (let c: ClassDef | null = cls; c; c = c.outer) {
      const sf = c.findStatic(l);
      if (sf) return sf.getter ? this.invoke(sf.getter, null, []) : sf.owner.staticValues[sf.slot];
    }
    return undefined;
  }

  variablesInScope(): (name: string) => ApexValue | undefined {
    const frame = this.stack[this.stack.length - 1];
    return (name) => this.lookupVariable(frame, name);
  }

  unwindTo(f: Frame): void {
    const i = this.stack.lastIndexOf(f);
    if (i >= 0) this.stack.length = i + 1;
  }

  // ------------------------------------------------------------------ dynamic access (dynamic.ts)

  getMember(o: ApexValue, name: string): ApexValue {
    return this.dynamic.getMember(o, name);
  }

  setMember(o: ApexValue, name: string, v: ApexValue): void {
    this.dynamic.setMember(o, name, v);
  }

  dispatch(o: ApexValue, name: string, args: ApexValue[]): ApexValue {
    return this.dynamic.dispatch(o, name, args);
  }

  pickByValues(cands: MethodDef[], args: ApexValue[]): MethodDef {
    return this.dynamic.pickByValues(cands, args);
  }

  dispatchBuiltinObject(o: ApexObject, l: string, args: ApexValue[]): ApexValue {
    return this.dynamic.dispatchBuiltinObject(o, l, args);
  }

  objectToString(o: ApexObject): string | null {
    const cls = o.cls as ClassDef;
    if (cls.userToString) return cls.userToString(o);
    if (o.exception) return null;
    const parts: string[] = [];
    for (const [, fd] of cls.fields) parts.push(`${fd.name}=${stringOf(o.fields[fd.slot])}`);
    // The platform names an inner class by its own name only (Outer.Inner prints as Inner:[...]);
    // a Test.createStub object is an instance of the generated `<Class>__sfdc_ApexStub`.
    const stub = o.stubProvider !== undefined ? '__sfdc_ApexStub' : '';
    return `${cls.name.slice(cls.name.lastIndexOf('.') + 1)}${stub}:[${parts.join(', ')}]`;
  }

  nativeJson(className: string): {
    toJson?: (self: ApexValue) => ApexValue;
    fromJson?: (untyped: ApexValue) => ApexValue;
  } | null {
    const b = this.builtins.get(lc(className));
    if (!b || (!b.toJson && !b.fromJson)) return null;
    const { toJson, fromJson } = b;
    return {
      toJson: toJson ? (self) => toJson(this.nativeContext(), self) : undefined,
      fromJson: fromJson ? (v) => fromJson(this.nativeContext(), v) : undefined
    };
  }

  nativeToString(o: NativeObject): string {
    const fn = this.builtins.get(lc(o.className))?.methods?.tostring;
    if (fn) return stringOf(fn(this.nativeContext(), o, []));
    // Schema tokens print their object or field name (String.valueOf(Account.SObjectType) is 'Account').
    const st = o.state as { field?: unknown; object?: unknown };
    if (typeof st?.field === 'string') return st.field;
    if (typeof st?.object === 'string') return st.object;
    return o.className;
  }

  newCollection(t: TypeRef, args: ApexValue[]): ApexValue {
    return this.objects.newCollection(t, args);
  }

  // =============================================================================== ApexRuntime

  classes(): readonly ClassInfo[] {
    return [...new Set(this.classTable.values())].filter((c) => c.decl).map((c) => classInfoOf(c));
  }

  classInfo(name: string): ClassInfo | null {
    const c = this.classTable.get(lc(name));
    return c && c.decl ? classInfoOf(c) : null;
  }

  /** Top-level classes with their coverage, for the runner. */
  coverage(): ClassCoverage[] {
    return coverageOf(this.topLevel, this.triggerDefs.values(), this.hits);
  }

  triggers(): readonly TriggerInfo[] {
    return [...this.triggerDefs.values()].map((t) => t.info);
  }

  // ------------------------------------------------------------------ tests (tests.ts)

  testClasses(): readonly { className: string; methods: readonly string[] }[] {
    return this.tests.testClasses();
  }

  runTest(className: string, methodName: string): TestMethodResult {
    return this.tests.runTest(className, methodName);
  }

  /** After the last test method of a class: drop its @TestSetup data from the store. */
  finishTestClass(className: string): void {
    this.tests.finishTestClass(className);
  }

  describeFailure(e: unknown): { message: string; stack: string | null } {
    return this.tests.describeFailure(e);
  }

  callStatic(className: string, method: string, args: ApexValue[]): ApexValue {
    const cls = this.classTable.get(lc(className));
    if (!cls) {
      // Built-in statics (System.JSON.serialize/deserialize for Apex REST bodies).
      const fn = this.builtins.get(lc(className))?.statics?.[lc(method)];
      if (fn) return this.enter(() => fn(this.nativeContext(), args));
      throw new Error(`No such class: ${className}`);
    }
    const m = cls
      .findMethods(lc(method))
      .find((x) => x.isStatic && x.params.length === args.length);
    if (!m) throw new Error(`No such static method: ${className}.${method}(${args.length})`);
    return this.enter(() => {
      this.futureBody = m.isFuture ? m : null;
      return this.invokeStatic(m, args);
    });
  }

  callMethod(target: ApexValue, method: string, args: ApexValue[]): ApexValue {
    return this.enter(() => this.dispatch(target, method, args));
  }

  newInstance(typeName: string): ApexValue {
    return this.enter(() => {
      const cls = this.classTable.get(lc(typeName));
      if (!cls || !cls.decl)
        throwApex('System.TypeException', `Type cannot be constructed: ${typeName}`);
      const ctor = cls.ctors.find((c) => c.params.length === 0);
      if (!ctor) throwApex('System.TypeException', `Type cannot be constructed: ${typeName}`);
      return this.construct(cls, ctor, []);
    });
  }

  /**
   * `Type.forName(name)`: user class or built-in type, generics included ('Map<Id, List<Account>>'); null when unknown.
   * With managed packages loaded, a bare class name resolves in the calling code's namespace and
   * `ns.Name` only to a class the caller may see (exec/namespace.ts); `ownNamespace`:
   * `Type.forName(null, name)`, the org's own classes (Apex Reference, Type Class: forName).
   */
  typeForName(name: string, ownNamespace = false): TypeRef | null {
    const from = this.linker.namespaces.size ? this.forNameScope(ownNamespace) : null;
    return parseTypeName(name, {
      isSObjectType: (n) => this.isSObjectType(n),
      lookup: (names) => this.lookupTypeName(names, from)
    });
  }

  private readonly forNameScopes = new Map<string | null, ClassDef>();

  /** A class standing for names looked up at run time from a namespace (no members of its own). */
  private forNameScope(ownNamespace: boolean): ClassDef {
    const ns = ownNamespace ? null : this.currentNamespace();
    let scope = this.forNameScopes.get(ns);
    if (!scope) {
      scope = new ClassDef('<forName>', '<forName>', null, 'class', [], null, new Set());
      scope.namespace = ns;
      this.forNameScopes.set(ns, scope);
    }
    return scope;
  }

  /** The name code of other namespaces writes for a type: `ns.Name` for a package's class. */
  qualifiedTypeName(t: TypeRef): string | null {
    const cls = this.classTable.get(lc(t.name));
    return cls?.topLevel.namespace ? qualifiedName(cls) : null;
  }

  /** Bytes of Apex values reachable now from the call stack and statics (runtime/heap.ts). */
  heapSize(extra: readonly ApexValue[] = []): number {
    const meter = new HeapMeter();
    for (const v of extra) meter.add(v);
    for (const f of this.stack) {
      if (f.self) meter.add(f.self);
      for (const v of f.slots) if (v !== null && v !== undefined) meter.add(v);
    }
    for (const c of new Set(this.classTable.values()))
      for (const v of c.staticValues) if (v !== null) meter.add(v);
    return meter.total;
  }

  /** Namespace of the class being compiled now (undefined: nothing is being compiled). */
  compilingNamespace: string | null | undefined = undefined;

  currentNamespace(): string | null {
    if (this.compilingNamespace !== undefined) return this.compilingNamespace;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const m = this.stack[i].method;
      if (m.owner.name === '<root>') continue;
      return m.owner.topLevel.namespace;
    }
    return null;
  }

  currentSharing(): { className: string; sharing: 'with' | 'without' } | null {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const m = this.stack[i].method;
      if (m.owner.name === '<root>') continue;
      if (m.kind === 'trigger' || m.kind === 'anonymous')
        return { className: m.owner.name, sharing: 'without' };
      let declared: ClassDef['sharing'] = null;
      for (let c: ClassDef | null = m.owner; c && !declared; c = c.outer) declared = c.sharing;
      if (declared === 'with' || declared === 'without')
        return { className: m.owner.name, sharing: declared };
      // inherited or undeclared: the caller decides; at the top of the stack it runs without sharing.
    }
    return this.stack.length > 1 ? { className: '<entry>', sharing: 'without' } : null;
  }

  currentTrigger(): TriggerContext | null {
    return this.triggerStack[this.triggerStack.length - 1] ?? null;
  }

  runTrigger(triggerName: string, ctx: TriggerContext): void {
    const t = this.triggerDefs.get(lc(triggerName));
    if (!t) throw new Error(`No such trigger: ${triggerName}`);
    if (t.cls.compileError) throw new CompileFailure(`Compile failed: ${t.cls.compileError}`);
    this.enter(() => {
      this.triggerStack.push(ctx);
      try {
        this.invoke(t.method, null, []);
      } finally {
        this.triggerStack.pop();
      }
    });
  }

  executeAnonymous(
    source: string,
    namespace?: string
  ): {
    success: boolean;
    compileProblem: string | null;
    exceptionMessage: string | null;
    exceptionStackTrace: string | null;
  } {
    const prev = setCurrent(this);
    let method: MethodDef;
    try {
      method = this.loader.compileAnonymous(source, namespace);
    } catch (e) {
      setCurrent(prev);
      const compileProblem = anonymousCompileProblem(e);
      if (compileProblem === null) throw e;
      return { success: false, compileProblem, exceptionMessage: null, exceptionStackTrace: null };
    }
    setCurrent(prev);
    return this.enter(() => {
      try {
        this.invoke(method, null, []);
        return {
          success: true,
          compileProblem: null,
          exceptionMessage: null,
          exceptionStackTrace: null
        };
      } catch (e) {
        const d = this.describeFailure(e);
        return {
          success: false,
          compileProblem: null,
          exceptionMessage: d.message,
          exceptionStackTrace: d.stack
        };
      }
    });
  }
}
