/**
 * Loading: parses each source (through the on-disk AST cache), declares its classes (inner ones
 * too) in the binder's class table, links them (linker.ts), then compiles every body to closures
 * (compile/). A class that fails keeps loading: its tests fail with `Compile failed: ...`, and a
 * diagnostic names the file, line and column. Triggers and anonymous Apex are compiled here too.
 */
import { parseAnonymous, parseClass, parseTrigger, SyntaxErrors } from '../front/parse.js';
import { cached } from '../front/cache.js';
import type { MethodDecl, Stmt, TriggerDecl, TypeDecl } from '../front/ast.js';
import { CompileError } from '../binder/errors.js';
import { ClassDef, type EvalFn, type ExecFn, MethodDef, NORMAL } from '../binder/symbols.js';
import { MethodCompiler } from './compile/index.js';
import { annotationInfo, type Linker } from './linker.js';
import type { Executor } from './executor.js';
import type { CompileDiagnostic, SourceFile, TriggerInfo } from '../runtime/platform.js';
import { ApexEnumValue, type ApexObject, typeRef, typeToString } from '../runtime/values.js';
import { setCurrent } from '../runtime/context.js';
import type { LanguageRuntime } from '../runtime/language.js';

function lc(s: string): string {
  return s.toLowerCase();
}

/** A constructor's first statement `this(...)` or `super(...)`, compiled, with the target chosen. */
export interface CtorChain {
  which: 'this' | 'super';
  args: EvalFn[];
  target: MethodDef | null;
}

/** A compiled trigger: its description for the platform, and the method holding its body. */
export interface TriggerDef {
  info: TriggerInfo;
  cls: ClassDef;
  method: MethodDef;
}

/** The interpreter's tables the loader fills. */
export interface LoaderTables {
  readonly classTable: Map<string, ClassDef>;
  readonly topLevel: ClassDef[];
  readonly diagnostics: CompileDiagnostic[];
  readonly triggerDefs: Map<string, TriggerDef>;
  readonly ctorChains: Map<MethodDef, CtorChain>;
  readonly linker: Linker;
}

export class Loader {
  private readonly classTable: Map<string, ClassDef>;
  private readonly topLevel: ClassDef[];
  private readonly diagnostics: CompileDiagnostic[];
  private readonly triggerDefs: Map<string, TriggerDef>;
  private readonly ctorChains: Map<MethodDef, CtorChain>;
  private readonly linker: Linker;

  /** `rt`: the interpreter (compiled code's Executor, and the runtime made current while compiling). */
  constructor(
    private readonly rt: Executor & LanguageRuntime,
    tables: LoaderTables
  ) {
    this.classTable = tables.classTable;
    this.topLevel = tables.topLevel;
    this.diagnostics = tables.diagnostics;
    this.triggerDefs = tables.triggerDefs;
    this.ctorChains = tables.ctorChains;
    this.linker = tables.linker;
  }

  /** Parses, binds and compiles every source. Failures become diagnostics and class compile errors. */
  load(files: readonly SourceFile[]): void {
    const prev = setCurrent(this.rt);
    try {
      const pending: { cls: ClassDef; decl: TypeDecl }[] = [];
      const triggers: { file: string; decl: TriggerDecl; namespace: string | null }[] = [];
      // The org's own classes (a file's class has the file's name): a package class of the same
      // name is kept apart as `ns.Name` (declare; exec/namespace.ts).
      for (const f of files)
        if (f.kind !== 'trigger' && !f.namespace)
          this.ownClassNames.add(lc((f.path.split(/[\\/]/).pop() ?? '').replace(/\.cls$/i, '')));
      for (const f of files) {
        const ns = f.namespace ? lc(f.namespace) : null;
        if (ns) this.linker.namespaces.add(ns);
        try {
          if (f.kind === 'trigger')
            triggers.push({
              file: f.path,
              decl: cached('trigger', f.text, parseTrigger),
              namespace: ns
            });
          else {
            const decl = cached('class', f.text, parseClass);
            const cls = this.declare(decl, f.path, null, ns);
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
          cls.namespace = ns;
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
      for (const c of all) this.inNamespaceOf(c, () => this.guardLink(c));
      for (const { cls } of pending)
        this.inNamespaceOf(cls, () => this.guard(cls, () => this.compileClass(cls)));
      for (const t of triggers) this.declareTrigger(t.file, t.decl, t.namespace);
    } finally {
      setCurrent(prev);
    }
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

  /** Runs `fn` (linking or compiling `cls`) with names resolved in the class's namespace. */
  private inNamespaceOf<T>(cls: ClassDef, fn: () => T): T {
    const prev = this.rt.compilingNamespace;
    this.rt.compilingNamespace = cls.topLevel.namespace;
    try {
      return fn();
    } finally {
      this.rt.compilingNamespace = prev;
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

  /** Lower-case names of the org's own (namespace-less) top-level classes loaded so far. */
  private readonly ownClassNames = new Set<string>();

  /**
   * `namespace`: of a top-level class's package (inner classes read their top-level class's). A
   * package class with the name of one of the org's own classes is declared as `ns.Name`: the
   * platform keeps the two apart by namespace (Apex Developer Guide, "Namespace Prefix"), the org's
   * own code reaching its class by the bare name and the package's as `ns.Name`.
   */
  declare(
    decl: TypeDecl,
    file: string,
    outer: ClassDef | null,
    namespace: string | null = null
  ): ClassDef {
    const name = outer
      ? `${outer.name}.${decl.name}`
      : namespace && this.ownClassNames.has(lc(decl.name))
        ? `${namespace}.${decl.name}`
        : decl.name;
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
    if (!outer) cls.namespace = namespace;
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

  compileClass(cls: ClassDef): void {
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
        const mc = new MethodCompiler(this.rt, cls, f.isStatic, f);
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
    const mc = new MethodCompiler(this.rt, cls, isStatic);
    const parts: ExecFn[] = [];
    for (const it of items) {
      if ('block' in it) {
        parts.push(mc.stmt(it.block));
        continue;
      }
      const fd = (isStatic ? cls.statics : cls.fields).get(lc(it.field.name));
      if (!fd || !it.field.init) continue;
      const val = mc.expr(it.field.init).fn;
      const conv = this.rt.coercer(fd.type);
      const slot = fd.slot;
      const line = it.field.pos.line;
      const hits = this.rt.coverageFor(cls, line);
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
    m.coercers = m.params.map((p) => this.rt.coercer(p));
    if (!decl.body) {
      if (cls.kind === 'class' && !m.isAbstract)
        throw new CompileError(decl.pos, `Method must have a body: ${m.signature}`);
      return;
    }
    if (m.isAbstract && cls.kind === 'class')
      throw new CompileError(decl.pos, `Abstract methods cannot have a body: ${m.signature}`);
    const mc = new MethodCompiler(this.rt, cls, m.isStatic);
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
            ? this.rt.pickCtor(
                cls,
                args.map((a) => a.type),
                cc.pos
              )
            : cls.superclass
              ? this.rt.pickCtor(
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

  declareTrigger(file: string, decl: TriggerDecl, namespace: string | null = null): void {
    const cls = new ClassDef(decl.name, file, null, 'class', [], null, new Set());
    cls.namespace = namespace;
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
    const prevNs = this.rt.compilingNamespace;
    this.rt.compilingNamespace = namespace;
    const info: TriggerInfo = {
      name: decl.name,
      sobject: this.rt.isSObjectType(decl.sobject) ?? decl.sobject,
      events: decl.events as TriggerInfo['events'],
      file
    };
    this.triggerDefs.set(lc(decl.name), { info, cls, method: m });
    const prev = setCurrent(this.rt);
    try {
      const mc = new MethodCompiler(this.rt, cls, true);
      m.body = mc.block(decl.body);
      m.nSlots = mc.scopes.max;
      m.varNames = mc.scopes.all;
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      cls.compileError = `${decl.name}: line ${e.pos.line}, column ${e.pos.column}: ${e.message}`;
      this.diagnostics.push({ file, line: e.pos.line, column: e.pos.column, message: e.message });
    } finally {
      setCurrent(prev);
      this.rt.compilingNamespace = prevNs;
    }
  }

  /**
   * Anonymous Apex: its members become a class of their own (not in the class table), its
   * statements the body of the returned method. Throws SyntaxErrors or CompileError.
   */
  compileAnonymous(source: string, namespace?: string): MethodDef {
    const { body, members } = parseAnonymous(source);
    const cls = this.declare(members, 'AnonymousBlock', null, namespace ? lc(namespace) : null);
    this.classTable.delete(lc(cls.name));
    this.inNamespaceOf(cls, () => {
      this.linker.link(cls, new Set());
      this.compileClass(cls);
    });
    const method = new MethodDef(
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
    const mc = new MethodCompiler(this.rt, cls, true);
    method.body = this.inNamespaceOf(cls, () => mc.block(body));
    method.nSlots = mc.scopes.max;
    method.varNames = mc.scopes.all;
    return method;
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

/**
 * What executeAnonymous reports for a source that does not compile: `Line: l, Column: c: message`
 * of the first syntax or compile error; null when `e` is neither (it is rethrown).
 */
export function anonymousCompileProblem(e: unknown): string | null {
  if (e instanceof SyntaxErrors)
    return `Line: ${e.errors[0].line}, Column: ${e.errors[0].column}: ${e.errors[0].message}`;
  if (e instanceof CompileError)
    return `Line: ${e.pos.line}, Column: ${e.pos.column}: ${e.message}`;
  return null;
}
