/**
 * What compiled code asks of the interpreter, at compile time (types, overloads) and at run time
 * (calls, members, statics). `interp.ts` implements it and imports the compiler; `compile.ts`
 * imports only this, so the two never import each other.
 */
import type { Pos, TypeNode } from '../front/ast.js';
import type { ClassDef, Frame, MethodDef } from '../binder/symbols.js';
import type { BuiltinClass, BuiltinContext } from '../runtime/builtins.js';
import type { Coercer } from '../runtime/language.js';
import type { ApexPlatform, SourcePos } from '../runtime/platform.js';
import type { ApexEnumValue, ApexObject, ApexValue, TypeRef } from '../runtime/values.js';

/** A type name resolved: a user class, a built-in, an SObject, with its TypeRef. */
export type TypeResolved = {
  kind: 'type';
  user: ClassDef | null;
  builtin: BuiltinClass | null;
  sobject: string | null;
  t: TypeRef;
};

export interface Executor {
  readonly platform: ApexPlatform;
  nativeContext(pos?: SourcePos): BuiltinContext;

  // --- types and overloads (compile time)
  /** `pos`: where the name is written; a class of another namespace that is not global is then a compile error. */
  lookupTypeName(names: readonly string[], from: ClassDef | null, pos?: Pos): TypeResolved | null;
  /** Whether `lcName` is the namespace of a package loaded in the org (`ns` of `ns.ClassName`). */
  isPackageNamespace(lcName: string): boolean;
  /** Namespace of the class being compiled (the schema resolves its unprefixed names in it). */
  compilingNamespace: string | null | undefined;
  resolveType(node: TypeNode, from: ClassDef | null): TypeRef;
  classByType(t: TypeRef): ClassDef | null;
  isSObjectType(name: string): string | null;
  builtinByType(t: TypeRef): BuiltinClass | null;
  builtinReturnType(t: TypeRef, lcMethod: string): TypeRef | null;
  builtinEnum(typeName: string, name: string, ordinal: number): ApexEnumValue;
  coercer(t: TypeRef): Coercer | null;
  pickStatic(cands: MethodDef[], types: (TypeRef | null)[]): MethodDef;
  pickCtor(cls: ClassDef, types: (TypeRef | null)[], pos: Pos): MethodDef;
  pickByValues(cands: MethodDef[], args: ApexValue[]): MethodDef;
  coverageFor(cls: ClassDef, line: number): number[];

  // --- calls, members, statics (run time)
  invoke(m: MethodDef, self: ApexObject | null, args: ApexValue[]): ApexValue;
  invokeStatic(m: MethodDef, args: ApexValue[]): ApexValue;
  dispatch(o: ApexValue, name: string, args: ApexValue[]): ApexValue;
  dispatchMethod(o: ApexObject, m: MethodDef, args: ApexValue[]): ApexValue;
  dispatchBuiltinObject(o: ApexObject, l: string, args: ApexValue[]): ApexValue;
  overrideOf(o: ApexObject, m: MethodDef): MethodDef | null;
  construct(cls: ClassDef, ctor: MethodDef, args: ApexValue[]): ApexObject;
  newCollection(t: TypeRef, args: ApexValue[]): ApexValue;
  getMember(o: ApexValue, name: string): ApexValue;
  setMember(o: ApexValue, name: string, v: ApexValue): void;
  ensureStaticInit(cls: ClassDef): void;
  unwindTo(f: Frame): void;
}
