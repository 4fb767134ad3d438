// Apex values of pending async jobs as JSON, and back (world/snapshot.ts): the state of a queued
// Queueable, a batch not started yet, a scheduled job, an @future call's arguments, the events
// waiting for delivery. The platform itself serializes a Queueable's member variables when it is
// queued ("Queueable Apex": "the job's state ... is serialized") and a scheduled class's state when
// it is scheduled, so what can be saved here is what Apex can carry across that boundary:
// primitives, collections, SObjects, enums, System.Type values and instances of the org's classes
// (shared and cyclic references kept). A value the local org cannot write back faithfully (an
// instance of a platform class such as HttpRequest, an exception, a stub) refuses, naming where.
import {
  ApexEnumValue,
  ApexList,
  ApexMap,
  ApexObject,
  ApexSet,
  ApexSObject,
  ApexTypeValue,
  NativeObject,
  type ApexValue,
  type TypeRef
} from '../../runtime/values.ts';
import {
  decodeValue,
  encodeValue,
  WorldSnapshotError,
  type SnapshotValue
} from './snapshot-values.ts';

/** One Apex value as saved. */
export type ApexState =
  | SnapshotValue
  | { List: TypeRef; items: ApexState[] }
  | { Set: TypeRef; items: ApexState[] }
  | { Map: [TypeRef, TypeRef]; entries: [ApexState, ApexState][] }
  | { SObject: string; fields: Record<string, ApexState>; queried?: string[] }
  | { Object: string; ref: number; fields: Record<string, ApexState> }
  | { Ref: number }
  | { Enum: string; name: string; ordinal: number }
  | { Type: TypeRef }
  | { Native: string; state: unknown };

/**
 * Platform objects whose state is plain data, kept as it is: a change event's header (what
 * events/bus.ts sets on each change event).
 */
const PLAIN_NATIVES = new Set(['EventBus.ChangeEventHeader']);

/** What the encoder reads of a user class (exec's ClassDef). */
export interface UserClass {
  readonly name: string;
  readonly nFields: number;
  readonly fields: ReadonlyMap<
    string,
    { readonly name: string; readonly slot: number; readonly owner: unknown }
  >;
  readonly superclass: UserClass | null;
  readonly enumValues?: readonly ApexEnumValue[];
}

/** Every instance field of a class (inherited ones too) under `Owner.field`, with its slot. */
function slotsOf(cls: UserClass): [string, number][] {
  const out: [string, number][] = [];
  for (let c: UserClass | null = cls; c; c = c.superclass)
    for (const f of c.fields.values()) if (f.owner === c) out.push([`${c.name}.${f.name}`, f.slot]);
  return out;
}

/** Finds an org's class by its name (the runtime's class table), or null. */
export type ClassLookup = (name: string) => UserClass | null;

/** Encodes the values of one job (references are shared within the job, as one serialization). */
export class ApexStateWriter {
  private readonly refs = new Map<ApexObject, number>();

  write(value: ApexValue, where: string): ApexState {
    if (value instanceof ApexList)
      return {
        List: value.elemType,
        items: value.items.map((v, i) => this.write(v, `${where}[${i}]`))
      };
    if (value instanceof ApexSet)
      return {
        Set: value.elemType,
        items: value.values().map((v) => this.write(v, `${where} (a Set element)`))
      };
    if (value instanceof ApexMap)
      return {
        Map: [value.keyType, value.valueType],
        entries: value
          .entries()
          .map(([k, v]) => [
            this.write(k, `${where} (a Map key)`),
            this.write(v, `${where}[${String(k)}]`)
          ])
      };
    if (value instanceof ApexSObject) {
      const fields: Record<string, ApexState> = {};
      for (const [name, v] of value.populated()) fields[name] = this.write(v, `${where}.${name}`);
      return {
        SObject: value.type,
        fields,
        ...(value.queried ? { queried: [...value.queried] } : {})
      };
    }
    if (value instanceof ApexObject) {
      const cls = value.cls as unknown as UserClass;
      if (value.exception || value.stubProvider !== undefined || !cls.fields)
        throw new WorldSnapshotError(
          `${where}: an instance of ${cls.name} (${value.exception ? 'an exception' : 'a stub or platform class'}) cannot be saved`
        );
      const known = this.refs.get(value);
      if (known !== undefined) return { Ref: known };
      const ref = this.refs.size;
      this.refs.set(value, ref);
      const fields: Record<string, ApexState> = {};
      for (const [name, slot] of slotsOf(cls))
        fields[name] = this.write(
          value.fields[slot],
          `${where}.${name.slice(name.lastIndexOf('.') + 1)}`
        );
      return { Object: cls.name, ref, fields };
    }
    if (value instanceof ApexEnumValue)
      return { Enum: value.enumType, name: value.name, ordinal: value.ordinal };
    if (value instanceof ApexTypeValue) return { Type: value.type };
    if (value instanceof NativeObject && PLAIN_NATIVES.has(value.className))
      return { Native: value.className, state: JSON.parse(JSON.stringify(value.state)) as unknown };
    if (value instanceof NativeObject)
      throw new WorldSnapshotError(
        `${where}: a ${value.className} (a platform object the local org cannot write back) cannot be saved`
      );
    return encodeValue(value, where);
  }
}

/** Decodes the values of one job; `classNamed` finds an org's class by its name. */
export class ApexStateReader {
  private readonly refs = new Map<number, ApexObject>();

  constructor(private readonly classNamed: ClassLookup) {}

  read(state: ApexState, where: string): ApexValue {
    if (state === null || typeof state !== 'object') return state;
    if ('List' in state)
      return new ApexList(
        state.List,
        state.items.map((v, i) => this.read(v, `${where}[${i}]`))
      );
    if ('Set' in state) {
      const set = new ApexSet(state.Set);
      for (const v of state.items) set.add(this.read(v, where));
      return set;
    }
    if ('Map' in state) {
      const map = new ApexMap(state.Map[0], state.Map[1]);
      for (const [k, v] of state.entries) map.put(this.read(k, where), this.read(v, where));
      return map;
    }
    if ('SObject' in state) {
      const record = new ApexSObject(state.SObject);
      for (const [name, v] of Object.entries(state.fields))
        record.set(name, this.read(v, `${where}.${name}`));
      if (state.queried) record.queried = new Set(state.queried);
      return record;
    }
    if ('Ref' in state) {
      const o = this.refs.get(state.Ref);
      if (!o) throw new WorldSnapshotError(`${where}: reference ${state.Ref} before its object`);
      return o;
    }
    if ('Object' in state) {
      const cls = this.classNamed(state.Object);
      if (!cls)
        throw new WorldSnapshotError(
          `${where}: the class ${state.Object} no longer exists in this org`
        );
      const o = new ApexObject(
        cls as unknown as ApexObject['cls'],
        new Array<ApexValue>(cls.nFields).fill(null)
      );
      this.refs.set(state.ref, o);
      const slots = new Map(slotsOf(cls));
      for (const [name, v] of Object.entries(state.fields)) {
        const slot = slots.get(name);
        if (slot === undefined)
          throw new WorldSnapshotError(
            `${where}: the class ${state.Object} no longer has the field ${name}`
          );
        o.fields[slot] = this.read(v, `${where}.${name}`);
      }
      return o;
    }
    if ('Enum' in state) {
      const own = this.classNamed(state.Enum)?.enumValues?.[state.ordinal];
      return own ?? new ApexEnumValue(state.Enum, state.name, state.ordinal);
    }
    if ('Type' in state) return new ApexTypeValue(state.Type);
    if ('Native' in state) {
      if (!PLAIN_NATIVES.has(state.Native))
        throw new WorldSnapshotError(`${where}: a ${state.Native} cannot be read back`);
      return new NativeObject(state.Native, state.state);
    }
    return decodeValue(state, where);
  }
}
