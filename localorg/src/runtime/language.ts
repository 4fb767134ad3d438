/**
 * What TypeScript code outside the interpreter (operators, the standard library) may ask of the
 * Apex interpreter running it. `exec/interp.ts` implements it; the standard library reaches it as
 * `ctx.runtime` of the `BuiltinContext` it is called with, and `runtime/context.ts` holds the one
 * running now for code that has no context (raising exceptions, String.valueOf), so neither ever
 * imports `exec/`.
 */
import type { ApexRuntime, SourcePos, TriggerContext } from './platform.js';
import type {
  ApexEnumValue,
  ApexObject,
  ApexValue,
  ClassRef,
  NativeObject,
  TypeRef
} from './values.js';

/** A method of a user class, only handed back to `invoke`/`construct`. */
export interface MethodHandle {
  readonly name: string;
  readonly params: readonly TypeRef[];
}

/** An instance field or property of a user class (JSON reads and writes them by name). */
export interface FieldShape {
  readonly name: string;
  readonly isStatic: boolean;
  readonly slot: number;
  readonly type: TypeRef;
  readonly getter: MethodHandle | null;
  readonly setter: MethodHandle | null;
}

/** A user class, interface or enum as the standard library sees it. */
export interface ClassShape extends ClassRef {
  readonly kind: 'class' | 'interface' | 'enum';
  readonly enumValues: readonly ApexEnumValue[];
  /** Instance fields including inherited ones, by lower-case name. */
  readonly fields: ReadonlyMap<string, FieldShape>;
  readonly ctors: readonly MethodHandle[];
}

/** Implicit conversion to a declared type. */
export type Coercer = (v: ApexValue) => ApexValue;

export interface LanguageRuntime extends ApexRuntime {
  /** True while the runner executes a test method (Test.isRunningTest). */
  readonly runningTest: boolean;
  /** Counts transactions (Request.getCurrent().getRequestId()). */
  readonly transactionNumber: number;
  /** The Apex line running now (exception line numbers, unsupported-feature messages). */
  currentPos(): SourcePos;
  /** The canonical SObject name when `name` is one, else null. */
  isSObjectType(name: string): string | null;
  classByType(t: TypeRef): ClassShape | null;
  /** Conversion applied when assigning to `t`, null when values pass unchanged. */
  coercer(t: TypeRef): Coercer | null;
  builtinEnum(typeName: string, name: string, ordinal: number): ApexEnumValue;
  /** `ownNamespace`: `Type.forName(null, name)`, the org's own classes only. */
  typeForName(name: string, ownNamespace?: boolean): TypeRef | null;
  /** `ns.Name` for a class of a managed package (Type.getName), null otherwise. */
  qualifiedTypeName?(t: TypeRef): string | null;
  invoke(m: MethodHandle, self: ApexObject | null, args: ApexValue[]): ApexValue;
  construct(cls: ClassShape, ctor: MethodHandle, args: ApexValue[]): ApexObject;
  newCollection(t: TypeRef, args: ApexValue[]): ApexValue;
  createStub(t: TypeRef, provider: ApexValue): ApexObject;
  /** `o.name` / `o.name = v` / `o.name(args)` resolved at run time (SObject.get, sort comparators). */
  getMember(o: ApexValue, name: string): ApexValue;
  setMember(o: ApexValue, name: string, v: ApexValue): void;
  dispatch(o: ApexValue, name: string, args: ApexValue[]): ApexValue;
  currentTrigger(): TriggerContext | null;
  /** Variables visible in the innermost Apex frame now, looked up later (dynamic SOQL binds). */
  variablesInScope(): (name: string) => ApexValue | undefined;
  /** String.valueOf of a user object (its toString(), else the platform's `Name:[field=value]`). */
  objectToString(o: ApexObject): string | null;
  /** String.valueOf of a native object (its toString(), Schema tokens print their name). */
  nativeToString(o: NativeObject): string;
  /** The JSON form of a built-in or platform class by name (absent: the class has none). */
  nativeJson(className: string): {
    toJson?: (self: ApexValue) => ApexValue;
    fromJson?: (untyped: ApexValue) => ApexValue;
  } | null;
}
