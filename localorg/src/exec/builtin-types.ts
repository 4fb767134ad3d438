/**
 * The types every interpreter starts with: the built-in exception classes (System.Exception and
 * its subclasses, with the four constructors every exception has) and the platform's native
 * classes adapted to the built-in registry.
 */
import { ClassDef, MethodDef } from '../binder/symbols.js';
import type { NativeCallContext, NativeClassDef } from '../runtime/platform.js';
import {
  type ApexObject,
  type ApexValue,
  type TypeRef,
  typeRef,
  typeToString,
  T_OBJECT
} from '../runtime/values.js';
import { stringOf } from '../runtime/ops.js';
import { throwApex } from '../runtime/errors.js';
import type { BuiltinClass, BuiltinRegistry } from '../runtime/builtins.js';
import { BUILTIN_EXCEPTIONS } from '../stdlib/exceptions.js';

function lc(s: string): string {
  return s.toLowerCase();
}

function exState(o: ApexObject): NonNullable<ApexObject['exception']> {
  if (!o.exception) throw new Error(`${o.cls.name} is not an exception`);
  return o.exception;
}

/** Declares System.Exception (returned: the root) and the built-in exceptions in the class table. */
export function declareBuiltinExceptions(classTable: Map<string, ClassDef>): ClassDef {
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
  classTable.set('exception', root);
  classTable.set('system.exception', root);
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
    const sup = classTable.get(lc(parent)) ?? root;
    cls.superclass = sup;
    for (const n of sup.supertypeNames) cls.supertypeNames.add(n);
    cls.supertypeNames.add(sup.lcName);
    cls.supertypeNames.add(lc(short));
    classTable.set(lc(full), cls);
    if (!classTable.has(lc(short))) classTable.set(lc(short), cls);
  }
  return root;
}

/** A platform exception type not in the built-in list (e.g. a namespace's own), made on first use. */
export function declareExceptionOnDemand(
  classTable: Map<string, ClassDef>,
  root: ClassDef,
  typeName: string
): ClassDef {
  const cls = new ClassDef(typeName, '<builtin>', null, 'class', [], null, new Set(['virtual']));
  cls.isException = true;
  cls.superclass = root;
  cls.supertypeNames.add('exception');
  cls.supertypeNames.add('system.exception');
  cls.supertypeNames.add(lc(typeName.slice(typeName.lastIndexOf('.') + 1)));
  classTable.set(lc(typeName), cls);
  return cls;
}

/** A platform native class joins the built-in registry under its name. */
export function adaptNative(def: NativeClassDef, builtins: BuiltinRegistry): void {
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
  builtins.register(b);
}
