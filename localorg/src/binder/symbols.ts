/** Symbols the binder builds once per loaded class: classes, fields, properties, methods, frames. */
import type { AnnotationInfo } from '../runtime/platform.js';
import {
  typeToString,
  type ApexEnumValue,
  type ApexObject,
  type ApexValue,
  type ClassRef,
  type TypeRef
} from '../runtime/values.js';
import type { MethodDecl, TypeDecl } from '../front/ast.js';

/** A running method's variables: slots allocated by the binder, `self` for instance code. */
export class Frame {
  ret: ApexValue = null;
  line = 0;
  constructor(
    readonly method: MethodDef,
    readonly self: ApexObject | null,
    readonly slots: ApexValue[]
  ) {}
}

/** Statement result: how control leaves a statement. */
export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const RETURN = 3;

export type EvalFn = (f: Frame) => ApexValue;
export type ExecFn = (f: Frame) => number;

export interface FieldDef {
  readonly name: string;
  readonly slot: number;
  readonly type: TypeRef;
  readonly isStatic: boolean;
  readonly owner: ClassDef;
  /** Properties with a get/set body run those; auto properties are plain slots. */
  getter: MethodDef | null;
  setter: MethodDef | null;
  readonly isFinal: boolean;
  /** Who may read it, and who may assign it (`{ get; private set; }`). */
  readonly access: Access;
  setAccess: Access;
}

/** Declared visibility of a member; `testVisible` opens a private member to test classes. */
export interface Access {
  readonly level: 'private' | 'protected' | 'public';
  readonly testVisible: boolean;
  /**
   * Declared `global` (or `webservice`): visible across namespaces (Apex Developer Guide, "Access
   * Modifiers"). Only the namespace boundary reads it (exec/namespace.ts); inside one namespace
   * `global` is `public`.
   */
  readonly global?: boolean;
}

export function accessOf(
  keywords: ReadonlySet<string>,
  annotations: readonly { name: string }[],
  defaultLevel: Access['level'] = 'private'
): Access {
  const level =
    keywords.has('public') || keywords.has('global') || keywords.has('webservice')
      ? 'public'
      : keywords.has('protected')
        ? 'protected'
        : keywords.has('private')
          ? 'private'
          : defaultLevel;
  return {
    level,
    testVisible: annotations.some((a) => a.name === 'testvisible'),
    global: keywords.has('global') || keywords.has('webservice')
  };
}

/** Apex visibility: private = same top-level class; protected = also subclasses; @TestVisible = also test classes. */
export function canAccess(from: ClassDef, owner: ClassDef, access: Access): boolean {
  // Across a namespace only `global` members are visible (Apex Developer Guide, "Access Modifiers":
  // public is visible "to other classes in the same application namespace"); @TestVisible does
  // not cross it either.
  // The platform's own classes (built-in exceptions) belong to no package.
  if (from.topLevel.namespace !== owner.topLevel.namespace && owner.topLevel.file !== '<builtin>')
    return access.global === true;
  if (access.level === 'public') return true;
  if (from.topLevel === owner.topLevel) return true;
  if (access.testVisible && from.topLevel.annotations.some((a) => a.name === 'istest')) return true;
  if (access.level === 'protected') {
    for (let c: ClassDef | null = from; c; c = c.outer) if (c.isSubtypeOf(owner.name)) return true;
  }
  return false;
}

export class MethodDef {
  body: ExecFn | null = null;
  nSlots = 0;
  /** TypeScript implementation (built-in exception methods and the like). */
  native: ((self: ApexObject | null, args: ApexValue[]) => ApexValue) | null = null;
  access: Access = { level: 'public', testVisible: false };
  /** Argument converters, one per parameter (null = unchanged). */
  coercers: (((v: ApexValue) => ApexValue) | null)[] = [];
  /** Variable name → slot, for names looked up at run time (dynamic SOQL binds). */
  varNames: Map<string, number> = new Map();
  constructor(
    readonly name: string,
    readonly owner: ClassDef,
    readonly kind: 'method' | 'ctor' | 'getter' | 'setter' | 'init' | 'trigger' | 'anonymous',
    readonly isStatic: boolean,
    readonly params: TypeRef[],
    readonly paramNames: string[],
    readonly returnType: TypeRef,
    readonly decl: MethodDecl | null,
    readonly annotations: AnnotationInfo[],
    readonly isAbstract: boolean
  ) {
    this.isFuture = kind === 'method' && annotations.some((a) => a.name === 'future');
  }
  /** `@future`: a call is queued by the platform instead of running inline. */
  readonly isFuture: boolean;
  get signature(): string {
    return `${this.name}(${this.params.map((p) => typeNameOf(p)).join(', ')})`;
  }
}

function typeNameOf(t: TypeRef): string {
  return t.args.length ? `${t.name}<${t.args.map(typeNameOf).join(', ')}>` : t.name;
}

export class ClassDef implements ClassRef {
  readonly lcName: string;
  outer: ClassDef | null = null;
  readonly inner = new Map<string, ClassDef>();
  superclass: ClassDef | null = null;
  /** Lower-case names of every supertype: user classes/interfaces and platform interfaces, with and without namespace. */
  readonly supertypeNames = new Set<string>();
  readonly interfaces: ClassDef[] = [];
  /** Instance fields including inherited ones, by lower-case name. */
  readonly fields = new Map<string, FieldDef>();
  nFields = 0;
  /** Static fields and properties declared on this class, by lower-case name. */
  readonly statics = new Map<string, FieldDef>();
  staticValues: ApexValue[] = [];
  /** 0 = not run in this transaction, 1 = running, 2 = done. */
  staticState = 0;
  staticInit: ExecFn | null = null;
  instanceInit: ExecFn | null = null;
  initSlots = 0;
  /** Methods declared here by lower-case name (instance and static). */
  readonly methods = new Map<string, MethodDef[]>();
  /** Instance methods visible on instances, overrides resolved, by lower-case name. */
  readonly vtable = new Map<string, MethodDef[]>();
  readonly ctors: MethodDef[] = [];
  enumValues: ApexEnumValue[] = [];
  isException = false;
  compileError: string | null = null;
  userEquals: ((self: ApexObject, other: ApexValue) => boolean) | null = null;
  userHashCode: ((self: ApexObject) => number) | null = null;
  userToString: ((self: ApexObject) => string) | null = null;
  /** Lines holding executable statements (coverage denominator) and hits. */
  readonly coverableLines = new Set<number>();
  /**
   * Lower-case namespace of the package this top-level class, trigger or anonymous block belongs
   * to; null for the org's own code (a subscriber's, or everything in an org without namespaces).
   * Inner classes read their top-level class's (exec/namespace.ts).
   */
  namespace: string | null = null;

  constructor(
    readonly name: string,
    readonly file: string,
    readonly decl: TypeDecl | null,
    readonly kind: 'class' | 'interface' | 'enum',
    readonly annotations: AnnotationInfo[],
    readonly sharing: 'with' | 'without' | 'inherited' | null,
    readonly modifiers: ReadonlySet<string>
  ) {
    this.lcName = name.toLowerCase();
  }

  isSubtypeOf(typeName: string): boolean {
    const n = typeName.toLowerCase();
    return n === this.lcName || n === 'object' || this.supertypeNames.has(n);
  }

  /** Top-level class this one is nested in (itself when top-level): coverage is counted per file. */
  get topLevel(): ClassDef {
    return this.outer ? this.outer.topLevel : this;
  }

  findStatic(lc: string): FieldDef | undefined {
    return this.statics.get(lc) ?? this.superclass?.findStatic(lc);
  }

  /** This class then its superclasses. */
  hierarchy(): ClassDef[] {
    return this.superclass ? [this, ...this.superclass.hierarchy()] : [this];
  }

  /** Static or instance methods named `lc` declared here or inherited. */
  findMethods(lc: string): MethodDef[] {
    const out: MethodDef[] = [];
    const seen = new Set<string>();
    for (const c of this.hierarchy()) {
      for (const m of c.methods.get(lc) ?? []) {
        // Overloads differ by whole parameter types: foo(Set<String>) and foo(Set<SObjectField>).
        const key = m.params.map((p) => typeToString(p).toLowerCase()).join(',');
        if (!seen.has(key)) {
          seen.add(key);
          out.push(m);
        }
      }
    }
    // Interface methods (abstract) for calls through interface-typed receivers.
    const visit = (c: ClassDef) => {
      for (const i of c.interfaces) {
        for (const m of i.methods.get(lc) ?? []) {
          // Overloads differ by whole parameter types: foo(Set<String>) and foo(Set<SObjectField>).
          const key = m.params.map((p) => typeToString(p).toLowerCase()).join(',');
          if (!seen.has(key)) {
            seen.add(key);
            out.push(m);
          }
        }
        visit(i);
      }
      if (c.superclass) visit(c.superclass);
    };
    visit(this);
    return out;
  }
}
