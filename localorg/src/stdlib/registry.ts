/**
 * Built-in (TypeScript-implemented) classes visible to Apex: the standard library families in this
 * folder register here, one file per family; platform native classes are adapted into the same shape.
 */
import type { NativeCallContext } from '../runtime/platform.js';
import type { ApexValue, TypeRef } from '../runtime/values.js';

export type StaticFn = (ctx: NativeCallContext, args: ApexValue[]) => ApexValue;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type InstFn = (ctx: NativeCallContext, self: any, args: ApexValue[]) => ApexValue;

export interface BuiltinClass {
  /** Canonical name as getTypeName prints it ('String', 'System.HttpRequest'). */
  readonly name: string;
  /** Other names it is reachable by, lower case ('system.string', 'httprequest'). */
  readonly aliases?: readonly string[];
  /** Static methods by lower-case name (overloads handled inside by argument count/types). */
  readonly statics?: Record<string, StaticFn>;
  /** Static properties/constants by lower-case name (`Trigger.new`, `Schema.SObjectType`). */
  readonly staticProps?: Record<string, (ctx: NativeCallContext) => ApexValue>;
  /** Fallback for dynamic static properties (`Schema.SObjectType.Account`). */
  readonly staticProp?: (ctx: NativeCallContext, lcName: string) => ApexValue | undefined;
  /** Assigning a static property; false when there is none of that name. */
  readonly setStaticProp?: (ctx: NativeCallContext, lcName: string, value: ApexValue) => boolean;
  /** Instance methods by lower-case name. */
  readonly methods?: Record<string, InstFn>;
  /** Instance properties (NativeObject fields), by lower-case name. */
  readonly props?: Record<string, InstFn>;
  /** `new X(args)`; absent = not constructible. */
  readonly construct?: (ctx: NativeCallContext, args: ApexValue[], type: TypeRef) => ApexValue;
  /** Built-in enum constants, in ordinal order. */
  readonly enumValues?: readonly string[];
  /** An interface (Comparable, Queueable...) that user classes implement. */
  readonly isInterface?: boolean;
  /** Static return types by lower-case method name, when a caller needs them at compile time. */
  readonly returns?: Record<string, TypeRef>;
}

const registry = new Map<string, BuiltinClass>();

export function register(c: BuiltinClass): void {
  registry.set(c.name.toLowerCase(), c);
  for (const a of c.aliases ?? []) registry.set(a.toLowerCase(), c);
  const dot = c.name.lastIndexOf('.');
  if (dot > 0 && (c.name.startsWith('System.') || c.name.startsWith('Schema.')))
    registry.set(c.name.slice(dot + 1).toLowerCase(), c);
}

export function builtin(lcName: string): BuiltinClass | undefined {
  return registry.get(lcName);
}

export function allBuiltins(): IterableIterator<BuiltinClass> {
  return registry.values();
}

/** Arity error with the platform's wording. */
export function noSuchMethod(cls: string, name: string, args: ApexValue[]): never {
  throw new Error(
    `Method does not exist or incorrect signature: ${name}(${args.length} args) from the type ${cls}`
  );
}
