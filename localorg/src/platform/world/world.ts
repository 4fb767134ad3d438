// The World: several orgs in one process, sharing one clock. `connect` makes a Named Credential of
// one org call into another org's REST layer as a given user; `faults` injects seeded transport
// failures on those callouts; `drain` runs async work and event deliveries until quiet.
import { Clock } from '../data/clock.ts';
import type { Metadata } from '../schema/metadata.ts';
import { loadOrgMetadata } from '../schema/metadata-namespace.ts';
import {
  Org,
  type HttpRequestData,
  type HttpResponseData,
  type OrgEdition,
  type RuntimeFactory
} from '../org.ts';
import { handleRest } from '../rest/rest.ts';
import { sharedRuntimeFactory } from './shared-runtime.ts';
import {
  requireNoPendingJobs,
  restoreOrg,
  snapshotOrg,
  SNAPSHOT_VERSION,
  SNAPSHOT_VERSIONS_READ,
  WorldSnapshotError,
  type WorldSnapshot
} from './snapshot.ts';

export interface FaultConfig {
  /** HTTP status returned instead of delivering the request (default 503) */
  status?: number;
  /** share of callouts answered with `status` without reaching the peer */
  rate?: number;
  /** share of callouts that time out; the peer did process the request, the response is lost */
  timeoutRate?: number;
  /** share of callouts delivered twice (the peer sees a duplicate; the caller gets the second answer) */
  duplicateRate?: number;
  seed?: number;
  /** only callouts through these Named Credentials (default: all connections) */
  namedCredentials?: string[];
}

export interface CalloutRecord {
  seq: number;
  at: number;
  from: string;
  to: string | null;
  namedCredential: string | null;
  request: HttpRequestData;
  response: HttpResponseData;
  fault: 'status' | 'timeout' | 'duplicate' | null;
}

interface Connection {
  to: Org;
  username: string;
}

/** mulberry32: a small seeded PRNG, so a fault run replays exactly for a seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class World {
  readonly clock: Clock;
  readonly orgs: Org[] = [];
  readonly callouts: CalloutRecord[] = [];
  private readonly connections = new Map<Org, Map<string, Connection>>();
  private fault: (FaultConfig & { rng: () => number }) | null = null;
  private readonly metadataCache = new Map<string, Metadata>();

  /**
   * `runtimeFactory` builds each org's Apex runtime; orgs with the same Apex sources, namespace and
   * schema share one compiled package (world/shared-runtime.ts), each with its own statics, unless
   * `shareCompiledPackage` is false.
   */
  constructor(
    opts: {
      start?: number | Date | string;
      runtimeFactory?: RuntimeFactory;
      shareCompiledPackage?: boolean;
    } = {}
  ) {
    this.clock = new Clock(opts.start);
    this.runtimeFactory =
      opts.runtimeFactory &&
      opts.shareCompiledPackage !== false &&
      process.env.LOCALORG_SHARED_COMPILE !== '0'
        ? sharedRuntimeFactory(opts.runtimeFactory)
        : opts.runtimeFactory;
  }

  /** How many times an Apex package was compiled for this World's orgs (once per distinct package). */
  get compiledPackages(): number {
    const factory = this.runtimeFactory as { compiled?: number } | undefined;
    return factory?.compiled ?? this.orgs.filter((o) => o.runtime).length;
  }

  private readonly runtimeFactory: RuntimeFactory | undefined;

  /** Creates an org from SFDX package directories (metadata is parsed once per set of directories). */
  async createOrg(opts: {
    name: string;
    source?: string[];
    personAccounts?: boolean;
    apex?: boolean;
    /** Developer (default: a scratch org) limits Queueable chains to depth 5. */
    edition?: OrgEdition;
    /** The package's namespace (OrgOptions.namespace): its Apex as a subscriber org holds it. */
    namespace?: string;
    /** Directories among `source` that are the subscriber's own code (OrgOptions.subscriberSource). */
    subscriberSource?: string[];
  }): Promise<Org> {
    if (this.orgs.some((o) => o.name === opts.name))
      throw new Error(`An org named ${opts.name} already exists in this World`);
    const key = [
      opts.namespace ?? '',
      ...(opts.subscriberSource ?? []),
      '',
      ...(opts.source ?? [])
    ].join('\n');
    let metadata = this.metadataCache.get(key);
    if (!metadata) {
      // A package's names under its namespace (schema/metadata-namespace.ts).
      metadata = loadOrgMetadata(opts.source ?? [], opts.namespace, opts.subscriberSource);
      this.metadataCache.set(key, metadata);
    }
    const org = new Org({
      name: opts.name,
      metadata,
      clock: this.clock,
      instance: this.orgs.length + 1,
      schema: { personAccounts: opts.personAccounts },
      runtimeFactory: this.runtimeFactory,
      apex: opts.apex,
      edition: opts.edition,
      namespace: opts.namespace,
      subscriberSource: opts.subscriberSource
    });
    org.calloutHandler = (from, req, nc) => this.route(from, req, nc);
    this.orgs.push(org);
    return org;
  }

  /**
   * `callout:<namedCredential>/...` from `from` becomes a request into `to`'s REST layer, run as
   * `opts.user` (a username in `to`; created with the Standard User profile and the given
   * permission sets when it does not exist yet).
   */
  connect(
    from: Org,
    namedCredential: string,
    to: Org,
    opts: { user: string; permissionSets?: string[]; profile?: string }
  ): void {
    if (
      !from.metadata.namedCredentials.some(
        (n) => n.name.toLowerCase() === namedCredential.toLowerCase()
      )
    ) {
      throw new Error(
        `Org ${from.name} has no Named Credential ${namedCredential} in its metadata`
      );
    }
    try {
      to.userIdByUsername(opts.user);
    } catch {
      to.createUser({
        username: opts.user,
        profile: opts.profile ?? 'Standard User',
        permissionSets: opts.permissionSets ?? []
      });
    }
    let m = this.connections.get(from);
    if (!m) this.connections.set(from, (m = new Map()));
    m.set(namedCredential.toLowerCase(), { to, username: opts.user });
  }

  /**
   * Simulated network latency of connected callouts: each takes `ms` plus up to `jitter` ms (seeded),
   * counted against the calling transaction's 120 s of cumulative callout time, and the World's
   * clock moves on by that much. `null` (the default) turns it off: callouts take no time.
   */
  latency(cfg: { ms: number; jitter?: number; seed?: number } | null): void {
    if (cfg && (!(cfg.ms >= 0) || !((cfg.jitter ?? 0) >= 0)))
      throw new Error(
        `World.latency: ms and jitter must be numbers >= 0, got ${JSON.stringify(cfg)}`
      );
    this.delay = cfg ? { ms: cfg.ms, jitter: cfg.jitter ?? 0, rng: prng(cfg.seed ?? 1) } : null;
  }

  private delay: { ms: number; jitter: number; rng: () => number } | null = null;

  /** Seeded transport faults on connected callouts; `null` turns them off. */
  faults(cfg: FaultConfig | null): void {
    this.fault = cfg
      ? {
          status: 503,
          rate: 0,
          timeoutRate: 0,
          duplicateRate: 0,
          seed: 1,
          ...cfg,
          rng: prng(cfg.seed ?? 1)
        }
      : null;
  }

  private route(from: Org, req: HttpRequestData, nc: string | null): HttpResponseData {
    const conn = nc ? this.connections.get(from)?.get(nc.toLowerCase()) : undefined;
    const record = (answer: HttpResponseData, fault: CalloutRecord['fault']): HttpResponseData => {
      let response = answer;
      if (this.delay && conn) {
        // The caller waits for the answer, at most its timeout; the clock moves on by that much.
        const took = Math.round(this.delay.ms + this.delay.rng() * this.delay.jitter);
        const elapsedMs = Math.min(Math.max(response.elapsedMs ?? 0, took), req.timeoutMs);
        response = { ...response, elapsedMs };
        if (elapsedMs > 0) this.clock.advance(elapsedMs);
      }
      this.callouts.push({
        seq: this.callouts.length + 1,
        at: this.clock.now(),
        from: from.name,
        to: conn?.to.name ?? null,
        namedCredential: nc,
        request: { ...req, headers: { ...req.headers } },
        response,
        fault
      });
      return response;
    };
    if (!conn) {
      return record(
        {
          status: 0,
          headers: {},
          body: '',
          calloutException: `Unable to tunnel through proxy. Proxy returns "HTTP/1.1 503 Service Unavailable" (no World connection for ${nc ? `callout:${nc}` : req.endpoint})`
        },
        null
      );
    }
    const userId = conn.to.userIdByUsername(conn.username);
    const f =
      this.fault &&
      (!this.fault.namedCredentials ||
        this.fault.namedCredentials.some((n) => n.toLowerCase() === (nc ?? '').toLowerCase()))
        ? this.fault
        : null;
    if (f) {
      const r = f.rng();
      const timeout = f.timeoutRate ?? 0;
      const status = f.rate ?? 0;
      const dup = f.duplicateRate ?? 0;
      if (r < timeout) {
        handleRest(conn.to, req, userId);
        return record({ status: 0, headers: {}, body: '', elapsedMs: req.timeoutMs }, 'timeout');
      }
      if (r < timeout + status) {
        const code = f.status ?? 503;
        return record(
          {
            status: code,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify([
              { errorCode: 'SERVER_UNAVAILABLE', message: `Injected fault: HTTP ${code}` }
            ])
          },
          'status'
        );
      }
      if (r < timeout + status + dup) {
        handleRest(conn.to, req, userId);
        return record(handleRest(conn.to, req, userId), 'duplicate');
      }
    }
    return record(handleRest(conn.to, req, userId), null);
  }

  /**
   * Runs ready async work (Queueables, futures, batches, scheduled jobs, event deliveries) in every
   * org, round-robin in creation order, until none is ready. With `advanceClock`, moves the clock to
   * the next delayed job while any remains (up to `until`).
   */
  async drain(
    opts: { maxSteps?: number; advanceClock?: boolean; until?: number | string } = {}
  ): Promise<{ steps: number }> {
    const max = opts.maxSteps ?? 10_000;
    const until =
      opts.until === undefined
        ? Infinity
        : typeof opts.until === 'number'
          ? opts.until
          : new Date(opts.until).getTime();
    let steps = 0;
    for (;;) {
      let ran = 0;
      for (const org of this.orgs) {
        const n = org.runReadyAsync(1);
        ran += n;
        steps += n;
        if (steps > max)
          throw new Error(
            `World.drain: more than ${max} async steps; is a job re-enqueueing itself forever?`
          );
      }
      if (ran) continue;
      if (!opts.advanceClock) break;
      const next = Math.min(...this.orgs.map((o) => o.asyncQueue.nextTime() ?? Infinity));
      if (!Number.isFinite(next) || next > until) break;
      if (next > this.clock.now()) this.clock.set(next);
    }
    return { steps };
  }

  /**
   * The World's state as JSON-safe data (world/snapshot.ts): every org's records, counters and
   * pending async jobs, the clock and the connections. Refuses while a transaction is open, or when
   * a pending job holds a value that cannot be saved (the error names the job and the value).
   */
  snapshot(): WorldSnapshot {
    const connections: WorldSnapshot['connections'] = [];
    for (const [from, byName] of this.connections)
      for (const [namedCredential, c] of byName)
        connections.push({ from: from.name, namedCredential, to: c.to.name, username: c.username });
    return {
      version: SNAPSHOT_VERSION,
      clock: this.clock.now(),
      orgs: this.orgs.map((o) => snapshotOrg(o)),
      connections
    };
  }

  /**
   * Puts a snapshot back into this World, whose orgs were created as when it was saved (same names,
   * order and sources), and whose clock was started at or before the saved time
   * (`new World({ start: snapshot.clock })`): records, Id and auto-number counters, clock and
   * connections. Nothing changes when the snapshot does not fit (a clear error says why).
   */
  restore(snapshot: WorldSnapshot): void {
    if (!SNAPSHOT_VERSIONS_READ.includes(snapshot?.version))
      throw new WorldSnapshotError(
        `World snapshot version ${String(snapshot?.version)} is not supported (expected ${SNAPSHOT_VERSIONS_READ.join(' or ')})`
      );
    const names = this.orgs.map((o) => o.name).join(', ');
    const saved = snapshot.orgs.map((o) => o.name).join(', ');
    if (names !== saved)
      throw new WorldSnapshotError(`World snapshot holds orgs ${saved}; this World has ${names}`);
    if (snapshot.clock < this.clock.now())
      throw new WorldSnapshotError(
        `World snapshot was taken at ${new Date(snapshot.clock).toISOString()}, before this World's clock (${new Date(this.clock.now()).toISOString()}): start the World at the snapshot's time`
      );
    this.orgs.forEach((o, i) => {
      if (snapshot.orgs[i].organizationId !== o.organizationId)
        throw new WorldSnapshotError(
          `Org ${o.name}: the snapshot was taken of organization ${snapshot.orgs[i].organizationId}, this org is ${o.organizationId}`
        );
    });
    // every org checked first: the rollback below clears the queues it restores into
    for (const o of this.orgs) requireNoPendingJobs(o);
    // All or nothing: an org whose saved data cannot be put back (a value that does not decode, a
    // job whose class is gone) puts the orgs restored before it back as they were.
    const before = this.orgs.map((o) => snapshotOrg(o));
    try {
      this.orgs.forEach((o, i) => restoreOrg(o, snapshot.orgs[i]));
    } catch (error) {
      this.orgs.forEach((o, i) => {
        o.asyncQueue.clear();
        restoreOrg(o, before[i]);
      });
      throw error;
    }
    this.clock.set(snapshot.clock);
    this.connections.clear();
    for (const c of snapshot.connections) {
      const from = this.org(c.from);
      let m = this.connections.get(from);
      if (!m) this.connections.set(from, (m = new Map()));
      m.set(c.namedCredential, { to: this.org(c.to), username: c.username });
    }
  }

  org(name: string): Org {
    const o = this.orgs.find((x) => x.name === name);
    if (!o) throw new Error(`No org named ${name}`);
    return o;
  }
}
