// Helpers shared by the native class families of this folder.
import {
  ApexEnumValue,
  ApexMap,
  NativeObject,
  typeRef,
  type ApexValue,
  type TypeRef
} from '../../runtime/values.ts';
import type { NativeCallContext, NativeClassDef, NativeMethodDef } from '../../runtime/platform.ts';
import { hasNamespacePrefix } from '../schema/metadata-namespace.ts';

export type Impl = NativeMethodDef['impl'];
/**
 * The maps of Schema.getGlobalDescribe() and fields.getMap() have lower-case keys and case-insensitive
 * lookups (Apex Reference, "Schema Class: getGlobalDescribe()"; "Accessing All Field Describe Results").
 */
export class CaseInsensitiveMap extends ApexMap {
  private static key(k: ApexValue): ApexValue {
    return typeof k === 'string' ? k.toLowerCase() : k;
  }
  override get(k: ApexValue): ApexValue {
    return super.get(CaseInsensitiveMap.key(k));
  }
  override has(k: ApexValue): boolean {
    return super.has(CaseInsensitiveMap.key(k));
  }
  override put(k: ApexValue, v: ApexValue): ApexValue {
    return super.put(CaseInsensitiveMap.key(k), v);
  }
  override remove(k: ApexValue): ApexValue {
    return super.remove(CaseInsensitiveMap.key(k));
  }
}

/**
 * The maps of `Schema.getGlobalDescribe()` and `fields.getMap()`: keys are the full (prefixed)
 * names, and code of a managed package also finds its own objects and fields by the names it writes
 * without the prefix (Apex Developer Guide, "Accessing All sObjects": "the keys ... are always
 * prefixed with the namespace, if any, of the code in which it is running"; "Namespace Prefix").
 */
export class SchemaNameMap extends CaseInsensitiveMap {
  constructor(
    keyType: TypeRef,
    valueType: TypeRef,
    private readonly names: { namespace(): string | null }
  ) {
    super(keyType, valueType);
  }
  private own(k: ApexValue): ApexValue {
    if (typeof k !== 'string') return k;
    const ns = this.names.namespace();
    if (!ns || hasNamespacePrefix(k) || !/__[a-z]+$/i.test(k)) return k;
    const full = `${ns}__${k}`;
    return super.has(full) ? full : k;
  }
  override get(k: ApexValue): ApexValue {
    return super.get(this.own(k));
  }
  override has(k: ApexValue): boolean {
    return super.has(this.own(k));
  }
}

/** Setters return void: evaluate, then null. */
export const done = (value: unknown): null => (value === undefined ? null : null);

export function m(
  name: string,
  params: TypeRef[],
  returns: TypeRef,
  impl: Impl,
  isStatic = false
): NativeMethodDef {
  return { name, params, returns, isStatic, impl };
}

export const T_LIST = (t: TypeRef): TypeRef => typeRef('List', [t]);
export const state = <S>(self: ApexValue): S => (self as NativeObject<S>).state;

/** Native classes whose properties Apex also assigns (`res.statusCode = 201`, `RestContext.request = req`). */
export type PlatformClassDef = NativeClassDef & {
  setProperty?(ctx: NativeCallContext, self: ApexValue, name: string, value: ApexValue): boolean;
  setStaticProperty?(ctx: NativeCallContext, name: string, value: ApexValue): boolean;
  /** Platform enums (Schema.DisplayType...): constants in ordinal order, for `switch on` and `values()`. */
  enumValues?: readonly string[];
};

/** A property bag over a NativeObject's state, keyed case-insensitively by the given names. */
export function bag(
  names: string[],
  convert: Record<string, (v: ApexValue) => unknown> = {}
): Pick<PlatformClassDef, 'property' | 'setProperty'> {
  const find = (n: string): string | undefined =>
    names.find((x) => x.toLowerCase() === n.toLowerCase());
  return {
    property: (_c, self, name) => {
      const k = find(name);
      return k === undefined
        ? undefined
        : ((state<Record<string, unknown>>(self)[k] ?? null) as ApexValue);
    },
    setProperty: (_c, self, name, value) => {
      const k = find(name);
      if (k === undefined) return false;
      state<Record<string, unknown>>(self)[k] = convert[k] ? convert[k](value) : value;
      return true;
    }
  };
}

export function enumProps(
  type: string,
  values: string[]
): (ctx: NativeCallContext, name: string) => ApexValue | undefined {
  return (_c, name) => {
    const i = values.indexOf(name.toUpperCase());
    return i < 0 ? undefined : new ApexEnumValue(type, values[i], i);
  };
}
