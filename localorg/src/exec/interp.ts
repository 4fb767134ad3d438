/**
 * The interpreter: loads sources, builds the class table (binder), compiles bodies to closures,
 * runs methods, and implements the `ApexRuntime` API the platform and the test runner use (and
 * `LanguageRuntime`, what the standard library asks of it).
 */
import { parseAnonymous, parseClass, parseTrigger, SyntaxErrors } from '../front/parse.js';
import { cached } from '../front/cache.js';
import type { MethodDecl, Pos, Stmt, TriggerDecl, TypeDecl, TypeNode } from '../front/ast.js';
import { CompileError } from '../binder/errors.js';
import { ClassDef, type EvalFn, type ExecFn, Frame, MethodDef, NORMAL } from '../binder/symbols.js';
import { MethodCompiler } from './compile/index.js';
import { annotationInfo, Linker, PRIMITIVES } from './linker.js';
import { DynamicAccess } from './dynamic.js';
import { CompileFailure, TestMethods } from './tests.js';

import type { Executor, TypeResolved } from './executor.js';
import {
  type ApexPlatform,
  type ClassInfo,
  type CompileDiagnostic,
  type NativeCallContext,
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
  ApexMap,
  ApexObject,
  ApexSObject,
  ApexSet,
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
import { BUILTIN_EXCEPTIONS } from '../stdlib/exceptions.js';

function lc(s: string): string {
  return s.toLowerCase();
}

function exState(o: ApexObject): NonNullable<ApexObject['exception']> {
  if (!o.exception) throw new Error(`${o.cls.name} is not an exception`);
  return o.exception;
}

interface CtorChain {
  which: 'this' | 'super';
  args: EvalFn[];
  target: MethodDef | null;
}

export class Interp implements LanguageRuntime, Executor {
  readonly diagnostics: CompileDiagnostic[] = [];
  private readonly classTable = new Map<string, ClassDef>();
  private readonly topLevel: ClassDef[] = [];
  private readonly triggerDefs = new Map<
    string,
    { info: TriggerInfo; cls: ClassDef; method: MethodDef }
  >();
  readonly stack: Frame[] = [];
  private readonly triggerStack: TriggerContext[] = [];
  private readonly enumCache = new Map<string, ApexEnumValue>();
  private readonly ctorChains = new Map<MethodDef, CtorChain>();
  private readonly vcache = new Map<ClassDef, Map<MethodDef, MethodDef>>();
  /** Coverage per top-level class file: line → 1 when executed. */
  private readonly hits = new Map<ClassDef, number[]>();
  private exceptionRoot!: ClassDef;
  private readonly rootFrame: Frame;
  private readonly nativeDefsAdapted = new Set<string>();
  private readonly linker: Linker;
  private readonly dynamic: DynamicAccess;
  private readonly tests: TestMethods;

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
      fit: (from, to) => this.fit(from, to),
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
    this.declareBuiltinExceptions();
    for (const def of platform.nativeClasses()) this.adaptNative(def);
    const rootCls = new ClassDef('<root>', '<root>', null, 'class', [], null, new Set());
    this.rootFrame = new Frame(
      new MethodDef('<root>', rootCls, 'anonymous', true, [], [], T_OBJECT, null, [], false),
      null,
      []
    );
  }

  // =============================================================================== loading

  /** Parses, binds and compiles every source. Failures become diagnostics and class compile errors. */
  load(files: readonly SourceFile[]): this {
    const prev = setCurrent(this);
    try {
      const pending: { cls: ClassDef; decl: TypeDecl }[] = [];
      const triggers: { file: string; decl: TriggerDecl }[] = [];
      for (const f of files) {
        try {
          if (f.kind === 'trigger')
            triggers.push({ file: f.path, decl: cached('trigger', f.text, parseTrigger) });
          else {
            const decl = cached('class', f.text, parseClass);
            const cls = this.declare(decl, f.path, null);
            this.topLevel.push(cls);
            pending.push({ cls, decl });
          }
        } catch (e) {
          if (e instanceof CompileError && f.kind === 'class') {
            // A class whose name is taken (by a system type the local org declares as a class, or
            // another class) is left out, loudly: the run goes on and whatever uses it fails.
            this.diagnostics.push({
              file: f.path,
              line: e.pos.line,
              column: e.pos.column,
              message: e.message
            });
            continue;
          }
          if (!(e instanceof SyntaxErrors)) throw e;
          const first = e.errors[0];
          const name = (f.path.split('/').pop() ?? f.path).replace(/\.(cls|trigger)$/, '');
          this.diagnostics.push({
            file: f.path,
            line: first.line,
            column: first.column,
            message: first.message
          });
          const cls = new ClassDef(name, f.path, null, 'class', [], null, new Set());
          cls.compileError = `${name}: line ${first.line}, column ${first.column}: ${first.message}`;
          this.classTable.set(lc(name), cls);
          this.topLevel.push(cls);
        }
      }
      // Every class, inner ones included, links on its own: one bad member must not hide its siblings.
      const all: ClassDef[] = [];
      const collect = (c: ClassDef) => {
        all.push(c);
        for (const i of c.inner.values()) collect(i);
      };
      for (const { cls } of pending) collect(cls);
      for (const c of all) this.guardLink(c);
      for (const { cls } of pending) this.guard(cls, () => this.compileClass(cls));
      for (const t of triggers) this.declareTrigger(t.file, t.decl);
    } finally {
      setCurrent(prev);
    }
    return this;
  }

  private guardLink(cls: ClassDef): void {
    try {
      this.linker.link(cls, new Set());
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      (cls as { linked?: boolean }).linked = true;
      this.guard(cls, () => {
        throw e;
      });
    }
  }

  private guard(cls: ClassDef, fn: () => void): void {
    if (cls.compileError) return;
    try {
      fn();
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      const msg = `${cls.name}: line ${e.pos.line}, column ${e.pos.column}: ${e.message}`;
      this.diagnostics.push({
        file: cls.file,
        line: e.pos.line,
        column: e.pos.column,
        message: e.message
      });
      for (let c: ClassDef | null = cls; c; c = c.outer) if (!c.compileError) c.compileError = msg;
      const mark = (c: ClassDef) => {
        if (!c.compileError) c.compileError = msg;
        for (const i of c.inner.values()) mark(i);
      };
      mark(cls.topLevel);
    }
  }

  private declare(decl: TypeDecl, file: string, outer: ClassDef | null): ClassDef {
    const name = outer ? `${outer.name}.${decl.name}` : decl.name;
    const kw = decl.mods.keywords;
    const sharing = kw.has('with sharing')
      ? 'with'
      : kw.has('without sharing')
        ? 'without'
        : kw.has('inherited sharing')
          ? 'inherited'
          : null;
    const cls = new ClassDef(
      name,
      file,
      decl,
      decl.kind,
      decl.mods.annotations.map(annotationInfo),
      sharing,
      kw
    );
    cls.outer = outer;
    // A top-level class may take the short name of a built-in exception (`DmlException`): it shadows
    // the System one for unqualified references, which still reach it as `System.DmlException`.
    const taken = this.classTable.get(lc(name));
    if (taken && !(taken.file === '<builtin>' && !outer && lc(taken.name) !== lc(name)))
      throw new CompileError(decl.pos, `Duplicate type name: ${name}`);
    this.classTable.set(lc(name), cls);
    if (outer) outer.inner.set(lc(decl.name), cls);
    for (const i of decl.inner) this.declare(i, file, cls);
    if (decl.kind === 'enum')
      cls.enumValues = decl.enumConstants.map(
        (c, i) => new ApexEnumValue(name, c.toUpperCase() === c ? c : c, i)
      );
    return cls;
  }

  private declareBuiltinExceptions(): void {
    const root = new ClassDef(
      'Exception',
      '<builtin>',
      null,
      'class',
      [],
      null,
      new Set(['virtual'])
    );
    root.isException = true;
    root.supertypeNames.add('system.exception');
    this.classTable.set('exception', root);
    this.classTable.set('system.exception', root);
    this.exceptionRoot = root;
    // The four constructors every exception has: (), (String), (Exception), (String, Exception).
    const mk = (params: TypeRef[], impl: (self: ApexObject, args: ApexValue[]) => void) => {
      const m = new MethodDef(
        'Exception',
        root,
        'ctor',
        false,
        params,
        params.map((_, i) => `p${i}`),
        T_OBJECT,
        null,
        [],
        false
      );
      m.native = (self, args) => {
        impl(self as ApexObject, args);
        return null;
      };
      root.ctors.push(m);
    };
    mk([], () => {});
    mk([typeRef('String')], (s, a) => (exState(s).message = a[0] === null ? null : stringOf(a[0])));
    mk([typeRef('Exception')], (s, a) => {
      const cause = a[0] as ApexObject | null;
      exState(s).cause = cause;
      exState(s).message = cause ? stringOf(cause) : null;
    });
    mk([typeRef('String'), typeRef('Exception')], (s, a) => {
      exState(s).message = a[0] === null ? null : stringOf(a[0]);
      exState(s).cause = a[1] as ApexObject | null;
    });
    for (const [full, parent] of BUILTIN_EXCEPTIONS) {
      const short = full.slice(full.lastIndexOf('.') + 1);
      const cls = new ClassDef(full, '<builtin>', null, 'class', [], null, new Set(['virtual']));
      cls.isException = true;
      const sup = this.classTable.get(lc(parent)) ?? root;
      cls.superclass = sup;
      for (const n of sup.supertypeNames) cls.supertypeNames.add(n);
      cls.supertypeNames.add(sup.lcName);
      cls.supertypeNames.add(lc(short));
      this.classTable.set(lc(full), cls);
      if (!this.classTable.has(lc(short))) this.classTable.set(lc(short), cls);
    }
  }

  /** Platform native classes join the built-in registry under their names. */
  private adaptNative(def: import('../runtime/platform.js').NativeClassDef): void {
    if (this.nativeDefsAdapted.has(def.name)) return;
    this.nativeDefsAdapted.add(def.name);
    const statics: Record<string, (ctx: NativeCallContext, args: ApexValue[]) => ApexValue> = {};
    const methods: Record<
      string,
      (ctx: NativeCallContext, self: ApexValue, args: ApexValue[]) => ApexValue
    > = {};
    const byName = new Map<string, (typeof def.methods)[number][]>();
    for (const m of def.methods) {
      const k = `${m.isStatic ? 's' : 'i'}:${lc(m.name)}`;
      const list = byName.get(k) ?? [];
      list.push(m);
      byName.set(k, list);
    }
    for (const [k, ms] of byName) {
      const [kind, name] = k.split(':');
      const pick = (args: ApexValue[]) =>
        ms.find((m) => m.params.length === args.length) ??
        throwApex(
          'System.TypeException',
          `Method does not exist or incorrect signature: ${name}(${args.length} args) from the type ${def.name}`
        );
      if (kind === 's') statics[name] = (ctx, args) => pick(args).impl(ctx, null, args);
      else methods[name] = (ctx, self, args) => pick(args).impl(ctx, self, args);
    }
    const props: Record<string, (ctx: NativeCallContext, self: ApexValue) => ApexValue> = {};
    // The declared return type types the call at compile time (overload choice, checks), when
    // every overload of the name agrees on it.
    const returns: Record<string, TypeRef> = {};
    for (const [k, ms] of byName) {
      const [kind, name] = k.split(':');
      const t = ms[0].returns;
      if (kind === 'i' && ms.every((m) => typeToString(m.returns) === typeToString(t)))
        returns[`.${name}`] = t;
    }
    const b: BuiltinClass = {
      name: def.name,
      aliases: def.aliases?.map(lc),
      statics,
      methods,
      props,
      returns,
      staticProp: def.staticProperty?.bind(def),
      setStaticProp: def.setStaticProperty?.bind(def),
      construct: def.constructors?.length
        ? (ctx, args) => {
            const c =
              (def.constructors ?? []).find((m) => m.params.length === args.length) ??
              throwApex(
                'System.TypeException',
                `Constructor not defined: ${def.name}(${args.length} args)`
              );
            return c.impl(ctx, null, args);
          }
        : undefined,
      isInterface: false,
      // Platform enums (Schema.DisplayType, System.StatusCode...) need their constants for `switch on` and values().
      enumValues: def.enumValues,
      toJson: def.toJson?.bind(def),
      fromJson: def.fromJson?.bind(def)
    };
    if (def.property) (b as { nativeProperty?: unknown }).nativeProperty = def.property;
    if (def.setProperty) (b as { nativeSetProperty?: unknown }).nativeSetProperty = def.setProperty;
    this.builtins.register(b);
  }

  private compileClass(cls: ClassDef): void {
    const d = cls.decl;
    if (!d) return;
    // Static initialisers (fields with initialisers and static blocks), in source order.
    cls.staticInit = this.compileInit(cls, d.staticInit, true);
    cls.instanceInit = this.compileInit(cls, d.instanceInit, false);
    for (const ms of cls.methods.values())
      for (const m of ms) if (m.decl) this.compileMethod(cls, m, m.decl);
    for (const c of cls.ctors) if (c.decl) this.compileMethod(cls, c, c.decl);
    for (const f of [...cls.fields.values(), ...cls.statics.values()]) {
      if (f.owner !== cls) continue;
      for (const acc of [f.getter, f.setter]) {
        if (!acc) continue;
        const mc = new MethodCompiler(this, cls, f.isStatic, f);
        if (acc.kind === 'setter') mc.scopes.declare('value', f.type, d.pos);
        mc.returnType = acc.kind === 'getter' ? f.type : null;
        const src = (acc as { accessorBody?: Stmt }).accessorBody;
        if (!src) continue;
        const body = mc.stmt(src);
        acc.body = body;
        acc.nSlots = mc.scopes.max;
      }
    }
    for (const i of cls.inner.values()) this.guard(i, () => this.compileClass(i));
  }

  private compileInit(
    cls: ClassDef,
    items: TypeDecl['staticInit'],
    isStatic: boolean
  ): ExecFn | null {
    if (!items.length) return null;
    const mc = new MethodCompiler(this, cls, isStatic);
    const parts: ExecFn[] = [];
    for (const it of items) {
      if ('block' in it) {
        parts.push(mc.stmt(it.block));
        continue;
      }
      const fd = (isStatic ? cls.statics : cls.fields).get(lc(it.field.name));
      if (!fd || !it.field.init) continue;
      const val = mc.expr(it.field.init).fn;
      const conv = this.coercer(fd.type);
      const slot = fd.slot;
      const line = it.field.pos.line;
      const hits = this.coverageFor(cls, line);
      parts.push(
        isStatic
          ? (f) => {
              f.line = line;
              hits[line] = 1;
              const v = val(f);
              cls.staticValues[slot] = conv ? conv(v) : v;
              return NORMAL;
            }
          : (f) => {
              f.line = line;
              hits[line] = 1;
              const v = val(f);
              (f.self as ApexObject).fields[slot] = conv ? conv(v) : v;
              return NORMAL;
            }
      );
    }
    cls.initSlots = Math.max(cls.initSlots, mc.scopes.max);
    return (f) => {
      for (const p of parts) p(f);
      return NORMAL;
    };
  }

  private compileMethod(cls: ClassDef, m: MethodDef, decl: MethodDecl): void {
    m.coercers = m.params.map((p) => this.coercer(p));
    if (!decl.body) {
      if (cls.kind === 'class' && !m.isAbstract)
        throw new CompileError(decl.pos, `Method must have a body: ${m.signature}`);
      return;
    }
    if (m.isAbstract && cls.kind === 'class')
      throw new CompileError(decl.pos, `Abstract methods cannot have a body: ${m.signature}`);
    const mc = new MethodCompiler(this, cls, m.isStatic);
    mc.returnType = m.returnType.name === 'void' ? null : m.returnType;
    for (let i = 0; i < m.params.length; i++)
      mc.scopes.declare(m.paramNames[i], m.params[i], decl.pos);
    let stmts = decl.body.k === 'block' ? decl.body.body : [decl.body];
    if (m.kind === 'ctor') {
      const first = stmts[0];
      if (first && first.k === 'expr' && first.expr.k === 'ctorCall') {
        const cc = first.expr;
        const args = cc.args.map((a) => mc.expr(a));
        const target =
          cc.which === 'this'
            ? this.pickCtor(
                cls,
                args.map((a) => a.type),
                cc.pos
              )
            : cls.superclass
              ? this.pickCtor(
                  cls.superclass,
                  args.map((a) => a.type),
                  cc.pos
                )
              : null;
        this.ctorChains.set(m, { which: cc.which, args: args.map((a) => a.fn), target });
        stmts = stmts.slice(1);
      }
    }
    m.body = mc.block(stmts);
    m.nSlots = mc.scopes.max;
    m.varNames = mc.scopes.all;
    // A non-void method must return a value on every path (checked loosely: last statement).
    if (mc.returnType && m.kind === 'method' && !endsWithReturn(decl.body))
      throw new CompileError(
        { line: decl.endLine, column: 1 },
        `Missing return statement required return type: ${typeToString(m.returnType)}`
      );
  }

  private declareTrigger(file: string, decl: TriggerDecl): void {
    const cls = new ClassDef(decl.name, file, null, 'class', [], null, new Set());
    const m = new MethodDef(
      decl.name,
      cls,
      'trigger',
      true,
      [],
      [],
      typeRef('void'),
      null,
      [],
      false
    );
    const info: TriggerInfo = {
      name: decl.name,
      sobject: this.isSObjectType(decl.sobject) ?? decl.sobject,
      events: decl.events as TriggerInfo['events'],
      file
    };
    this.triggerDefs.set(lc(decl.name), { info, cls, method: m });
    const prev = setCurrent(this);
    try {
      const mc = new MethodCompiler(this, cls, true);
      m.body = mc.block(decl.body);
      m.nSlots = mc.scopes.max;
      m.varNames = mc.scopes.all;
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      cls.compileError = `${decl.name}: line ${e.pos.line}, column ${e.pos.column}: ${e.message}`;
      this.diagnostics.push({ file, line: e.pos.line, column: e.pos.column, message: e.message });
    } finally {
      setCurrent(prev);
    }
  }

  // =============================================================================== types (linker.ts)

  lookupTypeName(names: readonly string[], from: ClassDef | null): TypeResolved | null {
    return this.linker.lookupTypeName(names, from);
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
    const cls = new ClassDef(typeName, '<builtin>', null, 'class', [], null, new Set(['virtual']));
    cls.isException = true;
    cls.superclass = this.exceptionRoot;
    cls.supertypeNames.add('exception');
    cls.supertypeNames.add('system.exception');
    cls.supertypeNames.add(lc(typeName.slice(typeName.lastIndexOf('.') + 1)));
    this.classTable.set(lc(typeName), cls);
    return cls;
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
  private fit(from: TypeRef | null, to: TypeRef): number {
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
    if (PRIMITIVES[t] && !PRIMITIVES[f] && this.builtins.get(f) && !this.isSObjectType(from.name))
      return -1;
    const num = ['integer', 'long', 'double', 'decimal'];
    if (num.includes(f) && num.includes(t)) return num.indexOf(t) > num.indexOf(f) ? 2 : -1;
    if (t === 'string' && f === 'id') return 2;
    if (t === 'id' && f === 'string') return 1;
    const fc = this.classTable.get(f);
    if (fc && fc.isSubtypeOf(t)) return 2;
    if (t === 'sobject' && this.isSObjectType(from.name)) return 2;
    if (fc || PRIMITIVES[f] || this.isSObjectType(from.name)) return -1;
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
      o.exception = { message: null, cause: null, line: f ? f.line : 0, stack: this.stackTrace() };
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
    const n = lc(t.name);
    const elem = t.args[0] ?? T_OBJECT;
    const src = args[0];
    if (args.length && src === null)
      throwApex('System.NullPointerException', 'Argument cannot be null');
    if (n === 'list') {
      const conv = this.coercer(elem);
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
      const conv = this.coercer(elem);
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

  // =============================================================================== ApexRuntime

  classes(): readonly ClassInfo[] {
    return [...new Set(this.classTable.values())].filter((c) => c.decl).map((c) => this.info(c));
  }

  classInfo(name: string): ClassInfo | null {
    const c = this.classTable.get(lc(name));
    return c && c.decl ? this.info(c) : null;
  }

  private info(c: ClassDef): ClassInfo {
    const methods = [...c.methods.values()].flat().map((m) => ({
      name: m.name,
      isStatic: m.isStatic,
      paramTypes: m.params,
      paramNames: m.paramNames,
      returnType: m.returnType,
      annotations: m.annotations
    }));
    return {
      name: c.name,
      file: c.file,
      kind: c.kind,
      annotations: c.annotations,
      sharing: c.sharing,
      methods,
      supertypes: [...c.supertypeNames],
      compileError: c.compileError
    };
  }

  /** Top-level classes with their coverage, for the runner. */
  coverage(): { cls: ClassDef; lines: Map<number, 0 | 1> }[] {
    const out: { cls: ClassDef; lines: Map<number, 0 | 1> }[] = [];
    for (const c of this.topLevel) {
      if (!c.decl || c.annotations.some((a) => a.name === 'istest')) continue;
      const h = this.hits.get(c) ?? [];
      const lines = new Map<number, 0 | 1>();
      for (const l of [...c.coverableLines].sort((a, b) => a - b)) lines.set(l, h[l] ? 1 : 0);
      out.push({ cls: c, lines });
    }
    // Triggers are covered like classes, under the trigger's name.
    for (const t of this.triggerDefs.values()) {
      const h = this.hits.get(t.cls) ?? [];
      const lines = new Map<number, 0 | 1>();
      for (const l of [...t.cls.coverableLines].sort((a, b) => a - b)) lines.set(l, h[l] ? 1 : 0);
      out.push({ cls: t.cls, lines });
    }
    return out;
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

  /** `Type.forName(name)`: user class or built-in type, generics included ('Map<Id, List<Account>>'); null when unknown. */
  typeForName(name: string): TypeRef | null {
    let i = 0;
    const src = name.replace(/\s+/g, '');
    const parse = (): TypeRef | null => {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
      if (!m) return null;
      i += m[0].length;
      const r = this.lookupTypeName(m[0].split('.'), null);
      if (!r) return null;
      const args: TypeRef[] = [];
      if (src[i] === '<') {
        i++;
        for (;;) {
          const a = parse();
          if (!a) return null;
          args.push(a);
          if (src[i] === ',') i++;
          else if (src[i] === '>') {
            i++;
            break;
          } else return null;
        }
      }
      return typeRef(r.t.name, args);
    };
    const t = parse();
    return t && i === src.length ? t : null;
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

  executeAnonymous(source: string): {
    success: boolean;
    compileProblem: string | null;
    exceptionMessage: string | null;
    exceptionStackTrace: string | null;
  } {
    const prev = setCurrent(this);
    let method: MethodDef;
    try {
      const { body, members } = parseAnonymous(source);
      const cls = this.declare(members, 'AnonymousBlock', null);
      this.classTable.delete(lc(cls.name));
      this.linker.link(cls, new Set());
      this.compileClass(cls);
      method = new MethodDef(
        'AnonymousBlock',
        cls,
        'anonymous',
        true,
        [],
        [],
        typeRef('void'),
        null,
        [],
        false
      );
      const mc = new MethodCompiler(this, cls, true);
      method.body = mc.block(body);
      method.nSlots = mc.scopes.max;
      method.varNames = mc.scopes.all;
    } catch (e) {
      setCurrent(prev);
      if (e instanceof SyntaxErrors)
        return {
          success: false,
          compileProblem: `Line: ${e.errors[0].line}, Column: ${e.errors[0].column}: ${e.errors[0].message}`,
          exceptionMessage: null,
          exceptionStackTrace: null
        };
      if (e instanceof CompileError)
        return {
          success: false,
          compileProblem: `Line: ${e.pos.line}, Column: ${e.pos.column}: ${e.message}`,
          exceptionMessage: null,
          exceptionStackTrace: null
        };
      throw e;
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

function endsWithReturn(s: Stmt): boolean {
  switch (s.k) {
    case 'return':
    case 'throw':
      return true;
    case 'block':
      return (
        s.body.length > 0 &&
        s.body.some((x, i) =>
          i === s.body.length - 1 ? endsWithReturn(x) : x.k === 'return' || x.k === 'throw'
        )
      );
    case 'if':
      return !!s.else && endsWithReturn(s.then) && endsWithReturn(s.else);
    case 'try':
      return (
        (endsWithReturn(s.body) && s.catches.every((c) => endsWithReturn(c.body))) ||
        (!!s.fin && endsWithReturn(s.fin))
      );
    case 'switch':
      return s.whens.some((w) => w.kind === 'else') && s.whens.every((w) => endsWithReturn(w.body));
    case 'while':
      return s.cond.k === 'lit' && s.cond.text === 'true';
    case 'do':
      return endsWithReturn(s.body);
    case 'for':
      return s.cond === null;
    default:
      return false;
  }
}
