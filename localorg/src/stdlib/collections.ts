/** List, Set and Map methods (Apex Reference: List Class, Set Class, Map Class). */
import {
  ApexList,
  ApexMap,
  ApexObject,
  ApexSObject,
  ApexSet,
  type ApexValue,
  NativeObject,
  apexCompare,
  apexHash,
  keyEquals,
  T_INTEGER,
  T_BOOLEAN
} from '../runtime/values.js';
import type { BuiltinClass, BuiltinContext } from '../runtime/builtins.js';
import { throwApex } from '../runtime/errors.js';
import type { LanguageRuntime } from '../runtime/language.js';

/** This family's classes; `stdlib/index.ts` registers them into each org's registry. */
export const collectionClasses: BuiltinClass[] = [];

function conv(ctx: BuiltinContext, elem: ApexList['elemType']): (v: ApexValue) => ApexValue {
  const c = ctx.runtime.coercer(elem);
  return c ?? ((v) => v);
}

function idx(l: ApexList, i: ApexValue, inclusiveEnd = false): number {
  if (i === null) throwApex('System.NullPointerException', 'Argument cannot be null.');
  const n = i as number;
  if (n < 0 || n > l.items.length || (!inclusiveEnd && n === l.items.length))
    throwApex('System.ListException', `List index out of bounds: ${n}`);
  return n;
}

function itemsOf(v: ApexValue): ApexValue[] {
  if (v === null) throwApex('System.NullPointerException', 'Argument cannot be null.');
  if (v instanceof ApexList) return v.items;
  if (v instanceof ApexSet) return v.values();
  throwApex('System.TypeException', 'Expected a List or Set');
}

function cloneSObject(v: ApexValue, deep: boolean): ApexValue {
  return deep && v instanceof ApexSObject ? v.copy() : v;
}

/** List.sort(): Comparable.compareTo for user classes, the platform order for primitives and SObjects. */
const compareForSort =
  (rt: LanguageRuntime) =>
  (a: ApexValue, b: ApexValue): number => {
    if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
    if (a instanceof ApexObject) {
      const r = rt.dispatch(a, 'compareTo', [b]);
      return r as number;
    }
    if (a instanceof ApexSObject && b instanceof ApexSObject) {
      // Default SObject order: by type label, then Name, then the other populated fields.
      const t = apexCompare(a.type, b.type, true) ?? 0;
      if (t) return t;
      const n = apexCompare(a.raw('Name') ?? null, b.raw('Name') ?? null, true) ?? 0;
      if (n) return n;
      return apexCompare(a.raw('Id') ?? null, b.raw('Id') ?? null) ?? 0;
    }
    const c = apexCompare(a, b, false);
    if (c === null)
      throwApex('System.ListException', 'One or more of the items in this list is not Comparable');
    return c;
  };

interface IterState {
  items: ApexValue[];
  i: number;
}

collectionClasses.push({
  name: 'System.ListIterator',
  aliases: ['system.iterator', 'iterator'],
  methods: {
    hasnext: (_c, self: NativeObject<IterState>) => self.state.i < self.state.items.length,
    next: (_c, self: NativeObject<IterState>) => {
      if (self.state.i >= self.state.items.length)
        throwApex('System.NoSuchElementException', 'Iterator has no more elements.');
      return self.state.items[self.state.i++];
    }
  }
});

collectionClasses.push({
  name: 'List',
  aliases: ['system.list'],
  returns: { '.size': T_INTEGER, '.isempty': T_BOOLEAN, '.contains': T_BOOLEAN },
  methods: {
    add: (ctx, l: ApexList, a) => {
      const c = conv(ctx, l.elemType);
      if (a.length === 1) l.items.push(c(a[0]));
      else l.items.splice(idx(l, a[0], true), 0, c(a[1]));
      return null;
    },
    addall: (ctx, l: ApexList, a) => {
      const c = conv(ctx, l.elemType);
      for (const x of itemsOf(a[0])) l.items.push(c(x));
      return null;
    },
    clear: (_c, l: ApexList) => {
      l.items.length = 0;
      return null;
    },
    clone: (_c, l: ApexList) => new ApexList(l.elemType, [...l.items]),
    contains: (_c, l: ApexList, a) => l.items.some((x) => keyEquals(x, a[0])),
    deepclone: (_c, l: ApexList, a) =>
      new ApexList(
        l.elemType,
        l.items.map((x) => {
          if (!(x instanceof ApexSObject)) return x;
          const c = x.copy();
          if (a.length > 0 && a[0] !== true) c.unset('Id');
          return c;
        })
      ),
    equals: (_c, l: ApexList, a) => keyEquals(l, a[0]),
    get: (_c, l: ApexList, a) => l.items[idx(l, a[0])],
    hashcode: (_c, l: ApexList) => apexHash(l),
    indexof: (_c, l: ApexList, a) => l.items.findIndex((x) => keyEquals(x, a[0])),
    isempty: (_c, l: ApexList) => l.items.length === 0,
    iterator: (_c, l: ApexList) =>
      new NativeObject<IterState>('System.ListIterator', { items: l.items, i: 0 }),
    remove: (_c, l: ApexList, a) => l.items.splice(idx(l, a[0]), 1)[0],
    set: (ctx, l: ApexList, a) => {
      l.items[idx(l, a[0])] = conv(ctx, l.elemType)(a[1]);
      return null;
    },
    size: (_c, l: ApexList) => l.items.length,
    sort: (ctx, l: ApexList, a) => {
      if (a.length && a[0] !== null) {
        const cmp = a[0];
        l.items.sort((x, y) => ctx.runtime.dispatch(cmp, 'compare', [x, y]) as number);
      } else l.items.sort(compareForSort(ctx.runtime));
      return null;
    },
    // A List<SObject> has no concrete type: its token is null (List Class, getSObjectType()).
    getsobjecttype: (ctx, l: ApexList) =>
      l.elemType.name.replace(/^Schema\./i, '').toLowerCase() === 'sobject'
        ? null
        : ctx.platform.sobjectTypeToken(ctx, l.elemType.name)
  }
});

collectionClasses.push({
  name: 'Set',
  aliases: ['system.set'],
  returns: { '.size': T_INTEGER, '.isempty': T_BOOLEAN, '.contains': T_BOOLEAN },
  methods: {
    add: (ctx, s: ApexSet, a) => s.add(conv(ctx, s.elemType)(a[0])),
    addall: (ctx, s: ApexSet, a) => {
      const c = conv(ctx, s.elemType);
      let changed = false;
      for (const x of itemsOf(a[0])) changed = s.add(c(x)) || changed;
      return changed;
    },
    clear: (_c, s: ApexSet) => {
      s.clear();
      return null;
    },
    clone: (_c, s: ApexSet) => {
      const o = new ApexSet(s.elemType);
      for (const x of s.values()) o.add(x);
      return o;
    },
    contains: (ctx, s: ApexSet, a) => s.has(conv(ctx, s.elemType)(a[0])),
    containsall: (_c, s: ApexSet, a) => itemsOf(a[0]).every((x) => s.has(x)),
    equals: (_c, s: ApexSet, a) => keyEquals(s, a[0]),
    hashcode: (_c, s: ApexSet) => apexHash(s),
    isempty: (_c, s: ApexSet) => s.size === 0,
    iterator: (_c, s: ApexSet) =>
      new NativeObject<IterState>('System.ListIterator', { items: s.values(), i: 0 }),
    remove: (ctx, s: ApexSet, a) => s.remove(conv(ctx, s.elemType)(a[0])),
    removeall: (_c, s: ApexSet, a) => {
      let changed = false;
      for (const x of itemsOf(a[0])) changed = s.remove(x) || changed;
      return changed;
    },
    retainall: (_c, s: ApexSet, a) => {
      const keep = new ApexSet(s.elemType);
      for (const x of itemsOf(a[0])) keep.add(x);
      let changed = false;
      for (const x of s.values()) if (!keep.has(x)) changed = s.remove(x) || changed;
      return changed;
    },
    size: (_c, s: ApexSet) => s.size
  }
});

collectionClasses.push({
  name: 'Map',
  aliases: ['system.map'],
  returns: { '.size': T_INTEGER, '.isempty': T_BOOLEAN, '.containskey': T_BOOLEAN },
  methods: {
    clear: (_c, m: ApexMap) => {
      m.clear();
      return null;
    },
    clone: (_c, m: ApexMap) => {
      const o = new ApexMap(m.keyType, m.valueType);
      for (const [k, v] of m.entries()) o.put(k, v);
      return o;
    },
    containskey: (ctx, m: ApexMap, a) => m.has(conv(ctx, m.keyType)(a[0])),
    deepclone: (_c, m: ApexMap) => {
      const o = new ApexMap(m.keyType, m.valueType);
      for (const [k, v] of m.entries()) o.put(k, cloneSObject(v, true));
      return o;
    },
    equals: (_c, m: ApexMap, a) => keyEquals(m, a[0]),
    get: (ctx, m: ApexMap, a) => m.get(conv(ctx, m.keyType)(a[0])),
    hashcode: (_c, m: ApexMap) => apexHash(m),
    isempty: (_c, m: ApexMap) => m.size === 0,
    keyset: (_c, m: ApexMap) => {
      const s = new ApexSet(m.keyType);
      for (const k of m.keys()) s.add(k);
      return s;
    },
    put: (ctx, m: ApexMap, a) => {
      const kc = conv(ctx, m.keyType);
      const vc = conv(ctx, m.valueType);
      return m.put(kc(a[0]), vc(a[1]));
    },
    putall: (_c, m: ApexMap, a) => {
      const src = a[0];
      if (src instanceof ApexMap) for (const [k, v] of src.entries()) m.put(k, v);
      else
        for (const r of itemsOf(src)) {
          if (!(r instanceof ApexSObject))
            throwApex('System.TypeException', 'putAll expects a Map or a List of SObjects');
          m.put(r.raw('Id') ?? null, r);
        }
      return null;
    },
    remove: (ctx, m: ApexMap, a) => m.remove(conv(ctx, m.keyType)(a[0])),
    size: (_c, m: ApexMap) => m.size,
    values: (_c, m: ApexMap) => new ApexList(m.valueType, m.values()),
    getsobjecttype: (ctx, m: ApexMap) => ctx.platform.sobjectTypeToken(ctx, m.valueType.name)
  }
});
