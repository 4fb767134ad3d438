// One compiled package for the orgs of a World. Orgs made from the same Apex sources, under the
// same namespace and with the same schema as Apex sees it (object and field names and types) get
// one language runtime: the package is parsed, linked and compiled once, and its class table
// (classes, methods, compiled bodies) is immutable once loaded. What belongs to an org stays the
// org's own: each org reaches the runtime through a view that, for the length of each call, makes
// the org the runtime's platform and installs the org's statics and call stacks
// (Interp.swapOrgState), then puts the caller's back. A callout from one org into another nests
// the same way, so each org sees only its own statics, as on the platform where orgs share nothing.
// docs/localorg.md, "Several orgs in one process".
import { createHash } from 'node:crypto';
import type { ApexPlatform, ApexRuntime, SourceFile } from '../../runtime/platform.ts';
import type { RuntimeFactory } from '../org-core.ts';
import type { Schema } from '../schema/schema.ts';

/** What a runtime must offer to be shared by several orgs (exec/interp.ts implements it). */
interface SwitchableRuntime extends ApexRuntime {
  swapOrgState(next: unknown): unknown;
}

function switchable(rt: ApexRuntime): rt is SwitchableRuntime {
  return typeof (rt as Partial<SwitchableRuntime>).swapOrgState === 'function';
}

/** The schema as compiled Apex depends on it: every object's fields with their types. */
function schemaFingerprint(platform: ApexPlatform): string {
  const schema = (platform as { schema?: Schema }).schema;
  if (!schema) return 'no schema';
  const hash = createHash('sha256');
  for (const o of schema.objects()) {
    hash.update(`${o.name}\0${o.keyPrefix}\0`);
    for (const f of o.fields())
      hash.update(
        `${f.name}\0${f.type}\0${f.apexType}\0${f.relationshipName ?? ''}\0${(f.referenceTo ?? []).join(',')}\0`
      );
  }
  return hash.digest('hex');
}

function sourcesKey(sources: readonly SourceFile[], platform: ApexPlatform): string {
  const hash = createHash('sha256');
  for (const f of sources) hash.update(`${f.kind}\0${f.path}\0${f.namespace ?? ''}\0${f.text}\0`);
  hash.update(schemaFingerprint(platform));
  return hash.digest('hex');
}

/** The org a shared runtime runs for now, and the state of the org each call suspended. */
class SharedRuntime {
  current: ApexPlatform;
  private readonly states = new Map<ApexPlatform, unknown>();
  readonly runtime: SwitchableRuntime;

  constructor(factory: RuntimeFactory, first: ApexPlatform, sources: SourceFile[]) {
    this.current = first;
    const built = factory(this.platform, sources);
    if (!switchable(built))
      throw new Error(
        'World: the runtime factory builds a runtime that cannot be shared between orgs (no swapOrgState)'
      );
    this.runtime = built;
    // Code that reads the runtime's platform when it runs (compiled bodies, native contexts) gets
    // the org itself, so what is keyed by the org (its REST state, its caches) is found.
    Object.defineProperty(built, 'platform', {
      get: () => this.current,
      configurable: true,
      enumerable: true
    });
  }

  /**
   * The platform the runtime was built with: every property read reaches the org running now, so
   * natives, dynamic access and compiled code that hold it act on that org.
   */
  readonly platform: ApexPlatform = new Proxy({} as ApexPlatform, {
    get: (_target, key) => {
      const org = this.current as unknown as Record<PropertyKey, unknown>;
      const value = org[key];
      return typeof value === 'function' ? value.bind(org) : value;
    },
    set: (_target, key, value) => {
      (this.current as unknown as Record<PropertyKey, unknown>)[key] = value;
      return true;
    },
    has: (_target, key) => key in (this.current as object)
  });

  /** Runs `fn` as `org`: its platform, statics and stacks installed, the caller's put back after. */
  as<T>(org: ApexPlatform, fn: () => T): T {
    const previous = this.current;
    if (previous === org) return fn();
    this.states.set(previous, this.runtime.swapOrgState(this.states.get(org) ?? null));
    this.states.delete(org);
    this.current = org;
    try {
      return fn();
    } finally {
      this.states.set(org, this.runtime.swapOrgState(this.states.get(previous) ?? null));
      this.states.delete(previous);
      this.current = previous;
    }
  }

  /** The runtime as `org` sees it: each call runs as `org`. */
  viewFor(org: ApexPlatform): ApexRuntime {
    const methods = new Map<PropertyKey, unknown>();
    return new Proxy(this.runtime, {
      get: (target, key) => {
        const value = (target as unknown as Record<PropertyKey, unknown>)[key];
        if (typeof value !== 'function') return value;
        let wrapped = methods.get(key);
        if (!wrapped) {
          wrapped = (...args: unknown[]) =>
            this.as(org, () => (value as (...a: unknown[]) => unknown).apply(target, args));
          methods.set(key, wrapped);
        }
        return wrapped;
      }
    });
  }
}

/**
 * A runtime factory for the orgs of one World that compiles each distinct package once: an org
 * whose Apex sources, namespace and schema equal an earlier org's gets a view of that org's
 * runtime instead of a new one (`compiled` counts the compilations).
 */
export function sharedRuntimeFactory(factory: RuntimeFactory): RuntimeFactory & {
  readonly compiled: number;
} {
  const runtimes = new Map<string, SharedRuntime>();
  const shared = ((platform: ApexPlatform, sources: SourceFile[]) => {
    const key = sourcesKey(sources, platform);
    let runtime = runtimes.get(key);
    if (!runtime) {
      runtime = new SharedRuntime(factory, platform, sources);
      runtimes.set(key, runtime);
    }
    return runtime.viewFor(platform);
  }) as RuntimeFactory & { readonly compiled: number };
  Object.defineProperty(shared, 'compiled', { get: () => runtimes.size });
  return shared;
}
