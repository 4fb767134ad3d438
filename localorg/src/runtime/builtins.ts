/**
 * Built-in (TypeScript-implemented) classes visible to Apex. Each org's interpreter owns one
 * `BuiltinRegistry`: the runner fills it with the standard library (`stdlib/index.ts`), and the
 * interpreter adds that org's platform native classes, so orgs of a World never see each other's.
 */
import type { NativeCallContext } from './platform.js';
import type { LanguageRuntime } from './language.js';
import type { ApexValue, TypeRef } from './values.js';

/** What a built-in is called with: the native context, whose runtime is the interpreter running it. */
export interface BuiltinContext extends NativeCallContext {
  readonly runtime: LanguageRuntime;
}

export type StaticFn = (ctx: BuiltinContext, args: ApexValue[]) => ApexValue;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type InstFn = (ctx: BuiltinContext, self: any, args: ApexValue[]) => ApexValue;

export interface BuiltinClass {
  /** Canonical name as getTypeName prints it ('String', 'System.HttpRequest'). */
  readonly name: string;
  /** Other names it is reachable by, lower case ('system.string', 'httprequest'). */
  readonly aliases?: readonly string[];
  /** Static methods by lower-case name (overloads handled inside by argument count/types). */
  readonly statics?: Record<string, StaticFn>;
  /** Static properties/constants by lower-case name (`Trigger.new`, `Schema.SObjectType`). */
  readonly staticProps?: Record<string, (ctx: BuiltinContext) => ApexValue>;
  /** Fallback for dynamic static properties (`Schema.SObjectType.Account`). */
  readonly staticProp?: (ctx: BuiltinContext, lcName: string) => ApexValue | undefined;
  /** Assigning a static property; false when there is none of that name. */
  readonly setStaticProp?: (ctx: BuiltinContext, lcName: string, value: ApexValue) => boolean;
  /** Instance methods by lower-case name. */
  readonly methods?: Record<string, InstFn>;
  /** Instance properties (NativeObject fields), by lower-case name. */
  readonly props?: Record<string, InstFn>;
  /** `new X(args)`; absent = not constructible. */
  readonly construct?: (ctx: BuiltinContext, args: ApexValue[], type: TypeRef) => ApexValue;
  /** Built-in enum constants, in ordinal order. */
  readonly enumValues?: readonly string[];
  /** An interface (Comparable, Queueable...) that user classes implement. */
  readonly isInterface?: boolean;
  /** Static return types by lower-case method name, when a caller needs them at compile time. */
  readonly returns?: Record<string, TypeRef>;
  /** JSON.serialize of an instance / JSON.deserialize into the class (platform classes that have a JSON form). */
  readonly toJson?: (ctx: NativeCallContext, self: ApexValue) => ApexValue;
  readonly fromJson?: (ctx: NativeCallContext, untyped: ApexValue) => ApexValue;
}

/** The built-in classes of one org, by lower-case name and alias. */
export class BuiltinRegistry {
  private readonly byName = new Map<string, BuiltinClass>();

  /** Later registrations of a name win (platform natives after the standard library). */
  register(c: BuiltinClass): void {
    this.byName.set(c.name.toLowerCase(), c);
    for (const a of c.aliases ?? []) this.byName.set(a.toLowerCase(), c);
    const dot = c.name.lastIndexOf('.');
    if (dot > 0 && (c.name.startsWith('System.') || c.name.startsWith('Schema.')))
      this.byName.set(c.name.slice(dot + 1).toLowerCase(), c);
  }

  get(lcName: string): BuiltinClass | undefined {
    return this.byName.get(lcName);
  }
}
