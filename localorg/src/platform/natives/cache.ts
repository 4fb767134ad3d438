// Platform Cache (Apex Reference, "Cache Namespace": Org, Session, OrgPartition, SessionPartition,
// Partition, CacheBuilder, Visibility, "Cache Exceptions"; Apex Developer Guide, "Platform Cache",
// "Platform Cache Partitions", "Platform Cache Limits", "Platform Cache Considerations"), in memory per
// org.
//
// - Partitions are the org's `cachePartitions/*.cachePartition-meta.xml`, named `local.<Name>` (or
//   `<Name>`); a key is `namespace.partition.key`, or a bare key in the default partition (none:
//   Cache.Org.OrgCacheException / Cache.Session.SessionCacheException). Keys are alphanumeric.
// - "When a partition has no allocation, cache operations (such as get and put) are not invoked and no
//   error is returned": a segment of capacity 0 keeps nothing and isAvailable() is false.
// - A value is stored as a copy (the platform serializes it): changing the object afterwards does not
//   change the cached value. One item may be at most 100 KB (Cache.ItemSizeLimitExceededException),
//   sized with the heap model of runtime/heap.ts.
// - Time to live: 300 s at least; at most 48 h in the org cache (Cache.Org.MAX_TTL_SECS) and 8 h in
//   the session cache (Cache.Session.MAX_TTL_SECS), which are also the defaults. Entries expire on the
//   org's clock.
// - The local org starts every Apex test method with empty caches (test methods stay independent).
import {
  ApexList,
  ApexMap,
  ApexObject,
  ApexSet,
  ApexSObject,
  ApexTypeValue,
  ApexEnumValue,
  T_BOOLEAN,
  T_DOUBLE,
  T_INTEGER,
  T_LONG,
  T_OBJECT,
  T_STRING,
  T_VOID,
  NativeObject,
  typeRef,
  type ApexValue,
  type TypeRef
} from '../../runtime/values.ts';
import type { NativeCallContext } from '../../runtime/platform.ts';
import { HeapMeter } from '../../runtime/heap.ts';
import { enumProps, m, state, type PlatformClassDef } from './common.ts';
import type { NativesEnv } from './services.ts';
import type { CacheKind, Entry } from './cache-store.ts';

const MAX_TTL: Record<CacheKind, number> = { org: 172800, session: 28800 };
const MIN_TTL = 300;
const MAX_ITEM_BYTES = 100 * 1024;
const KEY_RE = /^[A-Za-z0-9]+$/;
const VISIBILITY = ['ALL', 'NAMESPACE'];

/** A cache partition of the org's metadata (capacities in MB). */
export interface CachePartitionMeta {
  name: string;
  isDefault: boolean;
  orgCapacity: number;
  sessionCapacity: number;
}

interface PartitionState {
  kind: CacheKind;
  name: string;
}

const cls = (kind: CacheKind): string => (kind === 'org' ? 'Cache.Org' : 'Cache.Session');
const partitionClass = (kind: CacheKind): string =>
  kind === 'org' ? 'Cache.OrgPartition' : 'Cache.SessionPartition';
const cacheException = (kind: CacheKind): string =>
  kind === 'org' ? 'Cache.Org.OrgCacheException' : 'Cache.Session.SessionCacheException';

/** A deep copy of a value put in the cache (the platform stores values serialized). */
function copyOf(v: ApexValue, seen = new Map<object, ApexValue>()): ApexValue {
  if (v === null || typeof v !== 'object') return v;
  const done = seen.get(v);
  if (done !== undefined) return done;
  if (v instanceof ApexList) {
    const l = new ApexList(v.elemType, []);
    seen.set(v, l);
    for (const x of v.items) l.items.push(copyOf(x, seen));
    return l;
  }
  if (v instanceof ApexSet) {
    const s = new ApexSet(v.elemType);
    seen.set(v, s);
    for (const x of v.values()) s.add(copyOf(x, seen));
    return s;
  }
  if (v instanceof ApexMap) {
    const mp = new ApexMap(v.keyType, v.valueType);
    seen.set(v, mp);
    for (const [k, x] of v.entries()) mp.put(copyOf(k, seen), copyOf(x, seen));
    return mp;
  }
  if (v instanceof ApexSObject) {
    const o = new ApexSObject(v.type);
    seen.set(v, o);
    for (const [name, x] of v.populated()) o.set(name, copyOf(x, seen));
    o.queried = v.queried ? new Set(v.queried) : null;
    return o;
  }
  if (v instanceof ApexObject && !v.exception && v.stubProvider === undefined) {
    const o = new ApexObject(v.cls, []);
    seen.set(v, o);
    for (const x of v.fields) o.fields.push(copyOf(x, seen));
    return o;
  }
  return v;
}

function sizeOf(v: ApexValue): number {
  const h = new HeapMeter();
  h.add(v);
  return h.total;
}

function partitions(env: NativesEnv): CachePartitionMeta[] {
  return env.org.metadata.cachePartitions ?? [];
}

/** `local.Name`, `Name` or `ns.Name` → the partition, or undefined. */
function findPartition(env: NativesEnv, name: string): CachePartitionMeta | undefined {
  const parts = name.split('.');
  const bare = parts.length === 2 && parts[0].toLowerCase() === 'local' ? parts[1] : name;
  return partitions(env).find((p) => p.name.toLowerCase() === bare.toLowerCase());
}

function capacity(p: CachePartitionMeta, kind: CacheKind): number {
  return kind === 'org' ? p.orgCapacity : p.sessionCapacity;
}

function checkKey(ctx: NativeCallContext, key: ApexValue): string {
  if (typeof key !== 'string' || !KEY_RE.test(key))
    return ctx.throwApex(
      'Cache.InvalidParamException',
      `Invalid cache key: ${key === null ? 'null' : String(key)}. A key (without its namespace.partition prefix) must be alphanumeric`
    );
  return key;
}

/** A fully qualified or bare key of Cache.Org/Cache.Session → [partition, key]. */
function resolveKey(
  env: NativesEnv,
  ctx: NativeCallContext,
  kind: CacheKind,
  full: ApexValue
): [CachePartitionMeta, string] {
  if (typeof full !== 'string')
    return ctx.throwApex('Cache.InvalidParamException', 'A cache key must not be null');
  const parts = full.split('.');
  if (parts.length === 1) {
    const dflt = partitions(env).find((p) => p.isDefault);
    if (!dflt)
      return ctx.throwApex(
        cacheException(kind),
        `No default cache partition is defined in this org: qualify the key ${full} as namespace.partition.key`
      );
    return [dflt, checkKey(ctx, full)];
  }
  if (parts.length !== 3)
    return ctx.throwApex(
      'Cache.InvalidParamException',
      `Invalid cache key: ${full}. Use namespace.partition.key or a key of the default partition`
    );
  return [partitionOrThrow(env, ctx, kind, `${parts[0]}.${parts[1]}`), checkKey(ctx, parts[2])];
}

function partitionOrThrow(
  env: NativesEnv,
  ctx: NativeCallContext,
  kind: CacheKind,
  name: ApexValue
): CachePartitionMeta {
  const p = typeof name === 'string' ? findPartition(env, name) : undefined;
  if (!p)
    return ctx.throwApex(
      cacheException(kind),
      `Cache partition not found: ${String(name)} (the org defines: ${
        partitions(env)
          .map((x) => `local.${x.name}`)
          .join(', ') || 'none'
      })`
    );
  return p;
}

/** The live entry of a key, dropping it once expired. */
function live(env: NativesEnv, kind: CacheKind, p: CachePartitionMeta, key: string): Entry | null {
  if (capacity(p, kind) <= 0) return null;
  const seg = env.org.platformCache.segment(kind, p.name);
  const e = seg.entries.get(key);
  if (!e) return null;
  if (e.expiresAt <= env.org.nowMs()) {
    seg.entries.delete(key);
    return null;
  }
  return e;
}

function put(
  env: NativesEnv,
  ctx: NativeCallContext,
  kind: CacheKind,
  p: CachePartitionMeta,
  key: string,
  value: ApexValue,
  ttl: ApexValue
): null {
  const secs = ttl === null || ttl === undefined ? MAX_TTL[kind] : Number(ttl);
  if (!Number.isInteger(secs) || secs < MIN_TTL || secs > MAX_TTL[kind])
    return ctx.throwApex(
      'Cache.InvalidParamException',
      `Invalid time-to-live for ${cls(kind)}: ${String(ttl)} seconds (from ${MIN_TTL} to ${MAX_TTL[kind]})`
    );
  if (capacity(p, kind) <= 0) return null; // no allocation: not invoked, no error
  const copy = copyOf(value);
  const size = sizeOf(copy);
  if (size > MAX_ITEM_BYTES)
    return ctx.throwApex(
      'Cache.ItemSizeLimitExceededException',
      `The cached item for key ${key} is ${size} bytes, over the ${MAX_ITEM_BYTES}-byte limit of one cache item`
    );
  const seg = env.org.platformCache.segment(kind, p.name);
  seg.entries.delete(key);
  seg.entries.set(key, { value: copy, expiresAt: env.org.nowMs() + secs * 1000, size });
  return null;
}

function get(env: NativesEnv, kind: CacheKind, p: CachePartitionMeta, key: string): ApexValue {
  const e = live(env, kind, p, key);
  const seg = env.org.platformCache.segment(kind, p.name);
  if (e) seg.hits++;
  else seg.misses++;
  return e ? copyOf(e.value) : null;
}

/** get(cacheBuilder, key): a miss calls the builder's doLoad(key) and caches what it returns. */
function getThroughBuilder(
  env: NativesEnv,
  ctx: NativeCallContext,
  kind: CacheKind,
  p: CachePartitionMeta,
  builder: ApexValue,
  key: ApexValue
): ApexValue {
  if (!(builder instanceof ApexTypeValue))
    return ctx.throwApex('Cache.InvalidParamException', 'The CacheBuilder class must not be null');
  const k = checkKey(ctx, key);
  // The builder's class name keeps its keys apart from other builders' and plain keys.
  const internal = `${builder.type.name.replace(/[^A-Za-z0-9]/g, '')}${k}`;
  const hit = live(env, kind, p, internal);
  if (hit) return copyOf(hit.value);
  const impl = ctx.runtime.newInstance(builder.type.name);
  if (!(impl instanceof ApexObject) || !impl.cls.isSubtypeOf('Cache.CacheBuilder'))
    return ctx.throwApex(
      'Cache.InvalidParamException',
      `${builder.type.name} does not implement Cache.CacheBuilder`
    );
  const value = ctx.runtime.callMethod(impl, 'doLoad', [k]);
  if (value !== null) put(env, ctx, kind, p, internal, value, null);
  return value;
}

function removeKey(env: NativesEnv, kind: CacheKind, p: CachePartitionMeta, key: string): boolean {
  const e = live(env, kind, p, key);
  if (!e) return false;
  env.org.platformCache.segment(kind, p.name).entries.delete(key);
  return true;
}

function keysOf(env: NativesEnv, kind: CacheKind, p: CachePartitionMeta): string[] {
  if (capacity(p, kind) <= 0) return [];
  const seg = env.org.platformCache.segment(kind, p.name);
  return [...seg.entries.keys()].filter((k) => live(env, kind, p, k) !== null);
}

function stringSet(v: ApexValue): string[] {
  return v instanceof ApexSet ? v.values().map((x) => String(x)) : [];
}

/** Methods shared by Cache.Org/Cache.Session (static, full keys) and partitions (instance, bare keys). */
function cacheMethods(
  env: NativesEnv,
  kind: CacheKind,
  isStatic: boolean,
  target: (ctx: NativeCallContext, self: ApexValue, key: ApexValue) => [CachePartitionMeta, string],
  partitionOf: (ctx: NativeCallContext, self: ApexValue) => CachePartitionMeta | null
): ReturnType<typeof m>[] {
  const ttlOrVisibility = (v: ApexValue): ApexValue => (v instanceof ApexEnumValue ? null : v);
  const bulk = (
    ctx: NativeCallContext,
    self: ApexValue,
    keys: ApexValue,
    valueType: TypeRef,
    fn: (p: CachePartitionMeta, k: string) => ApexValue
  ): ApexMap => {
    const out = new ApexMap(T_STRING, valueType);
    for (const full of stringSet(keys)) {
      const [p, k] = target(ctx, self, full);
      out.put(full, fn(p, k));
    }
    return out;
  };
  return [
    m(
      'put',
      [T_STRING, T_OBJECT],
      T_VOID,
      (ctx, self, [key, value]) => {
        const [p, k] = target(ctx, self, key);
        return put(env, ctx, kind, p, k, value, null);
      },
      isStatic
    ),
    m(
      'put',
      [T_STRING, T_OBJECT, T_OBJECT],
      T_VOID,
      (ctx, self, [key, value, third]) => {
        const [p, k] = target(ctx, self, key);
        return put(env, ctx, kind, p, k, value, ttlOrVisibility(third));
      },
      isStatic
    ),
    m(
      'put',
      [T_STRING, T_OBJECT, T_INTEGER, typeRef('Cache.Visibility'), T_BOOLEAN],
      T_VOID,
      (ctx, self, [key, value, ttl]) => {
        const [p, k] = target(ctx, self, key);
        return put(env, ctx, kind, p, k, value, ttl);
      },
      isStatic
    ),
    m(
      'get',
      [T_OBJECT],
      T_OBJECT,
      (ctx, self, [key]) => {
        if (key instanceof ApexSet)
          return bulk(ctx, self, key, T_OBJECT, (p, k) => get(env, kind, p, k));
        const [p, k] = target(ctx, self, key);
        return get(env, kind, p, k);
      },
      isStatic
    ),
    m(
      'get',
      [typeRef('System.Type'), T_STRING],
      T_OBJECT,
      (ctx, self, [builder, key]) => {
        const p = partitionOf(ctx, self) ?? target(ctx, self, `${String(key)}`)[0];
        return getThroughBuilder(env, ctx, kind, p, builder, key);
      },
      isStatic
    ),
    m(
      'contains',
      [T_OBJECT],
      T_OBJECT,
      (ctx, self, [key]) => {
        if (key instanceof ApexSet)
          return bulk(ctx, self, key, T_BOOLEAN, (p, k) => live(env, kind, p, k) !== null);
        const [p, k] = target(ctx, self, key);
        return live(env, kind, p, k) !== null;
      },
      isStatic
    ),
    m(
      'remove',
      [T_STRING],
      T_BOOLEAN,
      (ctx, self, [key]) => {
        const [p, k] = target(ctx, self, key);
        return removeKey(env, kind, p, k);
      },
      isStatic
    ),
    m(
      'remove',
      [typeRef('System.Type'), T_STRING],
      T_BOOLEAN,
      (ctx, self, [builder, key]) => {
        const p = partitionOf(ctx, self) ?? target(ctx, self, `${String(key)}`)[0];
        const k = checkKey(ctx, key);
        const name = builder instanceof ApexTypeValue ? builder.type.name : '';
        return removeKey(env, kind, p, `${name.replace(/[^A-Za-z0-9]/g, '')}${k}`);
      },
      isStatic
    )
  ];
}

/** Statistics of a segment: getCapacity() is the share of the allocation in use, in percent. */
function statMethods(
  env: NativesEnv,
  kind: CacheKind,
  isStatic: boolean,
  partitionOf: (ctx: NativeCallContext, self: ApexValue) => CachePartitionMeta
): ReturnType<typeof m>[] {
  const entries = (ctx: NativeCallContext, self: ApexValue): Entry[] => {
    const p = partitionOf(ctx, self);
    return keysOf(env, kind, p).map(
      (k) => env.org.platformCache.segment(kind, p.name).entries.get(k) as Entry
    );
  };
  return [
    m(
      'getCapacity',
      [],
      T_DOUBLE,
      (ctx, self) => {
        const p = partitionOf(ctx, self);
        const allocated = capacity(p, kind) * 1024 * 1024;
        const used = entries(ctx, self).reduce((n, e) => n + e.size, 0);
        return allocated > 0 ? (used * 100) / allocated : 0;
      },
      isStatic
    ),
    m('getNumKeys', [], T_LONG, (ctx, self) => BigInt(entries(ctx, self).length), isStatic),
    m(
      'getAvgValueSize',
      [],
      T_LONG,
      (ctx, self) => {
        const es = entries(ctx, self);
        return BigInt(es.length ? Math.round(es.reduce((n, e) => n + e.size, 0) / es.length) : 0);
      },
      isStatic
    ),
    m(
      'getMaxValueSize',
      [],
      T_LONG,
      (ctx, self) => BigInt(entries(ctx, self).reduce((n, e) => Math.max(n, e.size), 0)),
      isStatic
    ),
    m(
      'getMissRate',
      [],
      T_DOUBLE,
      (ctx, self) => {
        const seg = env.org.platformCache.segment(kind, partitionOf(ctx, self).name);
        const all = seg.hits + seg.misses;
        return all ? seg.misses / all : 0;
      },
      isStatic
    ),
    // Timings of the in-memory cache: no measurable time.
    m('getAvgGetTime', [], T_LONG, () => 0n, isStatic),
    m('getMaxGetTime', [], T_LONG, () => 0n, isStatic),
    m('getMaxGetSize', [], T_LONG, () => BigInt(MAX_ITEM_BYTES), isStatic),
    m(
      'getKeys',
      [],
      typeRef('Set', [T_STRING]),
      (ctx, self) => {
        const s = new ApexSet(T_STRING);
        for (const k of keysOf(env, kind, partitionOf(ctx, self))) s.add(k);
        return s;
      },
      isStatic
    )
  ];
}

function staticClass(env: NativesEnv, kind: CacheKind): PlatformClassDef {
  const dflt = (ctx: NativeCallContext): CachePartitionMeta =>
    partitions(env).find((p) => p.isDefault) ??
    ctx.throwApex(cacheException(kind), 'No default cache partition is defined in this org');
  return {
    name: cls(kind),
    methods: [
      ...cacheMethods(
        env,
        kind,
        true,
        (ctx, _self, key) => resolveKey(env, ctx, kind, key),
        () => null
      ),
      ...statMethods(env, kind, true, dflt),
      m(
        'getPartition',
        [T_STRING],
        typeRef(partitionClass(kind)),
        (ctx, _self, [name]) => {
          const p = partitionOrThrow(env, ctx, kind, name);
          return new NativeObject<PartitionState>(partitionClass(kind), {
            kind,
            name: p.name
          });
        },
        true
      ),
      m(
        'isAvailable',
        [],
        T_BOOLEAN,
        () => {
          const p = partitions(env).find((x) => x.isDefault);
          return !!p && capacity(p, kind) > 0;
        },
        true
      ),
      m('getName', [], T_STRING, (ctx) => `local.${dflt(ctx).name}`, true)
    ],
    staticProperty: (_c, name) =>
      name.toLowerCase() === 'max_ttl_secs' ? MAX_TTL[kind] : undefined
  };
}

function partitionDef(env: NativesEnv, kind: CacheKind): PlatformClassDef {
  const of = (ctx: NativeCallContext, self: ApexValue): CachePartitionMeta =>
    partitionOrThrow(env, ctx, kind, `local.${state<PartitionState>(self).name}`);
  return {
    name: partitionClass(kind),
    supertypes: ['Cache.Partition'],
    constructors: [
      m('Partition', [T_STRING], typeRef(partitionClass(kind)), (ctx, _self, [name]) => {
        const p = partitionOrThrow(env, ctx, kind, name);
        return new NativeObject<PartitionState>(partitionClass(kind), { kind, name: p.name });
      })
    ],
    methods: [
      ...cacheMethods(
        env,
        kind,
        false,
        (ctx, self, key) => [of(ctx, self), checkKey(ctx, key)],
        of
      ),
      ...statMethods(env, kind, false, of),
      m('isAvailable', [], T_BOOLEAN, (ctx, self) => capacity(of(ctx, self), kind) > 0),
      m('getName', [], T_STRING, (_c, self) => `local.${state<PartitionState>(self).name}`),
      m('validateKey', [T_BOOLEAN, T_STRING], T_VOID, (ctx, _self, [, key]) => {
        checkKey(ctx, key);
        return null;
      }),
      m('validateKeys', [T_BOOLEAN, typeRef('Set', [T_STRING])], T_VOID, (ctx, _self, [, keys]) => {
        for (const k of stringSet(keys)) checkKey(ctx, k);
        return null;
      }),
      m('validateValue', [T_BOOLEAN, T_OBJECT], T_VOID, () => null),
      m('validateCacheBuilder', [T_BOOLEAN, typeRef('System.Type')], T_VOID, () => null)
    ]
  };
}

export function cacheClasses(env: NativesEnv): PlatformClassDef[] {
  return [
    staticClass(env, 'org'),
    staticClass(env, 'session'),
    partitionDef(env, 'org'),
    partitionDef(env, 'session'),
    {
      // The base class of both partitions: its own methods are the partitions' (dispatch by class).
      name: 'Cache.Partition',
      methods: [
        m(
          'createFullyQualifiedKey',
          [T_STRING, T_STRING, T_STRING],
          T_STRING,
          (_c, _s, [ns, p, k]) => `${String(ns)}.${String(p)}.${String(k)}`,
          true
        ),
        m(
          'createFullyQualifiedPartition',
          [T_STRING, T_STRING],
          T_STRING,
          (_c, _s, [ns, p]) => `${String(ns)}.${String(p)}`,
          true
        )
      ]
    },
    {
      name: 'Cache.Visibility',
      enumValues: VISIBILITY,
      methods: [],
      staticProperty: enumProps('Cache.Visibility', VISIBILITY)
    }
  ];
}
