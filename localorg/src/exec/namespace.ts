/**
 * The namespace boundary of Apex types: a managed package's classes live in its namespace, the
 * org's own code (a subscriber's classes, triggers and anonymous Apex) in none.
 *
 * - Apex Developer Guide, "Namespace Prefix": code of the package resolves its own names without
 *   the prefix ("the parser assumes that the namespace of the current object is the namespace of
 *   all other objects"); other code reaches a package class as `namespace_prefix.class` ("Apex
 *   allows fully-qualified identifiers of the form namespace_prefix.class.method(args)").
 * - "Access Modifiers": `public` is visible "to other classes in the same application namespace";
 *   `global` members are visible to all Apex code, and "if you declare a method or variable as
 *   global, you must also declare the class that contains it as global". So from another namespace
 *   a class is visible only when it and every class it is nested in are global, and a member only
 *   when it is global (binder/symbols.ts `canAccess`).
 *
 * The package's schema names (`ns__Object__c`) are platform/schema/metadata-namespace.ts's; names
 * written by package code resolve in its namespace through `Interp.currentNamespace`
 * (docs/localorg.md, "Namespaces").
 */
import type { Pos } from '../front/ast.js';
import { CompileError } from '../binder/errors.js';
import type { ClassDef } from '../binder/symbols.js';

/** The namespace a class (or trigger, or anonymous block) belongs to: its top-level class's. */
export function namespaceOf(cls: ClassDef): string | null {
  return cls.topLevel.namespace;
}

/** The name another namespace writes for a class: `ns.Outer.Inner`, or the bare name without one. */
export function qualifiedName(cls: ClassDef): string {
  const ns = namespaceOf(cls);
  // (a package class named like one of the org's own is declared as `ns.Name` already: loader.ts)
  return ns && !cls.lcName.startsWith(`${ns}.`) ? `${ns}.${cls.name}` : cls.name;
}

/**
 * Whether code of `from` may name `cls`. Same namespace (or no caller: a name looked up at run
 * time without a class, as `Type.forName` does): always; across a namespace: only a global class
 * nested only in global classes.
 */
export function typeVisible(cls: ClassDef, from: ClassDef | null): boolean {
  if (!from || namespaceOf(from) === namespaceOf(cls)) return true;
  for (let c: ClassDef | null = cls; c; c = c.outer) if (!c.modifiers.has('global')) return false;
  return true;
}

/**
 * A user class named by `names` as seen from `from`, or null when the name does not reach one:
 * - `ns.Name` / `ns.Outer.Inner` with a namespace of the org: the class of that namespace, which
 *   must be visible (else the platform's `Type is not visible: ns.Name`, when `pos` is given);
 * - a bare name: a class of the caller's own namespace only (a subscriber's bare `S2SSync` does not
 *   reach the package's class: "Invalid type" follows where nothing else answers the name).
 * A package class that shares its name with one of the org's own classes is in the table as
 * `ns.Name` (loader.ts `declare`), so both are tried: `ns.Name` first, then the bare name.
 */
export function lookupClass(
  classTable: ReadonlyMap<string, ClassDef>,
  namespaces: ReadonlySet<string>,
  names: readonly string[],
  from: ClassDef | null,
  pos?: Pos
): { found: ClassDef | null; qualified: boolean } {
  const first = names[0].toLowerCase();
  if (names.length > 1 && namespaces.has(first)) {
    const cls =
      classTable.get(names.join('.').toLowerCase()) ??
      classTable.get(names.slice(1).join('.').toLowerCase());
    if (!cls || namespaceOf(cls) !== first) return { found: null, qualified: true };
    if (!typeVisible(cls, from)) {
      if (pos) throw new CompileError(pos, `Type is not visible: ${names.join('.')}`);
      return { found: null, qualified: true };
    }
    return { found: cls, qualified: true };
  }
  const callerNs = from ? namespaceOf(from) : null;
  const own = callerNs ? classTable.get(`${callerNs}.${names.join('.')}`.toLowerCase()) : undefined;
  if (own && namespaceOf(own) === callerNs) return { found: own, qualified: false };
  const cls = classTable.get(names.join('.').toLowerCase());
  if (!cls) return { found: null, qualified: false };
  // Built-in exception classes and other platform types have no namespace: visible to everyone.
  if (from && cls.file !== '<builtin>' && namespaceOf(from) !== namespaceOf(cls))
    return { found: null, qualified: false };
  return { found: cls, qualified: false };
}
