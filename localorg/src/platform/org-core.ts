// The core of one org: its schema, store, clock and security, the services it is wired from
// (DML engine, queries, triggers, events, async Apex, callouts, tests, formulas), its users and
// transactions, and the platform-maintained records it writes itself. The Org (org.ts) adds the
// TypeScript API and the ApexPlatform entry points on top.
import { must } from './util.ts';
import {
  ApexId,
  ApexList,
  ApexObject,
  ApexSObject,
  NativeObject,
  type ApexValue
} from '../runtime/values.ts';
import {
  UnsupportedError,
  type ApexPlatform,
  type ApexRuntime,
  type SourceFile
} from '../runtime/platform.ts';
import { Schema, type SchemaOptions } from './schema/schema.ts';
import { customPermissionName, loadOrgMetadata } from './schema/metadata-namespace.ts';
import { currentRuntimeOrNull } from '../runtime/context.ts';
import { emptyMetadata, type Metadata, type StaticResourceMeta } from './schema/metadata.ts';
import { Store } from './data/store.ts';
import { insertSetupRecords } from './bootstrap.ts';
import { TestDataLoader } from './data/load-data.ts';
import { EventBus } from './events/bus.ts';
import { AsyncApex } from './async/apex.ts';
import { Callouts, type HttpRequestData, type HttpResponseData } from './callouts/callouts.ts';

import { IdGenerator } from './data/ids.ts';
import { Clock } from './data/clock.ts';
import { jsToApex } from './data/convert.ts';
import type { Limits, ExecutionKind } from './limits/limits.ts';
import type { QueryOutcome } from './soql/eval.ts';
import { DmlEngine, rowToSObject, type DmlCall } from './dml/engine.ts';
import type { RecordResult } from './dml/errors.ts';
import { Access } from './security/access.ts';
import { AsyncQueue, type PersistedJob } from './async/jobs.ts';
import type { ClassLookup, UserClass } from './world/apex-state.ts';
import { newTransaction, type Transaction } from './transactions/transaction.ts';
import { TriggerDispatcher } from './triggers/dispatcher.ts';
import { TestContext } from './testing/test-context.ts';
import { OrgQueries } from './soql/queries.ts';
import { OrgFormulas } from './formula/org-formulas.ts';
import { ApexDml } from './dml/apex-dml.ts';
import type { Bind } from './soql/ast.ts';
import type { SentNotification } from './natives/index.ts';
import { PlatformCacheStore } from './natives/cache-store.ts';
import type { SentEmail } from './natives/services.ts';
import { PublishCallbacks } from './events/publish-callbacks.ts';

export type RuntimeFactory = (platform: ApexPlatform, sources: SourceFile[]) => ApexRuntime;

export interface OrgOptions {
  name: string;
  /** SFDX package directories to load (objects, permission sets, classes, triggers...) */
  source?: string[];
  metadata?: Metadata;
  clock?: Clock;
  /** distinguishes the Ids of orgs in one World */
  instance?: number;
  schema?: SchemaOptions;
  runtimeFactory?: RuntimeFactory;
  /** Run Apex? false: data-only org (no classes compiled). Default: when a runtime factory exists. */
  apex?: boolean;
  /**
   * The org's edition. 'Developer' (the default: scratch orgs of this project are Developer
   * Edition) stops a Queueable chain at depth 5; 'Enterprise' and 'Unlimited' do not limit it.
   */
  edition?: OrgEdition;
  /**
   * Namespace of the managed package the Apex of `source` belongs to (`s2s`), as the package's
   * classes are installed in a subscriber org: package code resolves its own names implicitly,
   * other code writes `s2s.ClassName` and reaches only global classes and members
   * (exec/namespace.ts). The package's custom objects, fields and events carry the `s2s__` prefix
   * (schema/metadata-namespace.ts; docs/localorg.md, "Namespaces").
   */
  namespace?: string;
  /**
   * Directories among `source` that are the org's own code, loaded without the namespace (a
   * subscriber's triggers and classes). Ignored without `namespace`.
   */
  subscriberSource?: string[];
  /**
   * The installed version of the package (`major.minor`, e.g. `0.1`) that `System.requestVersion()`
   * answers to the package's own code (Apex Reference, System Class: a two-part version of the
   * installed package the request is bound to). Without it, requestVersion fails loudly.
   */
  packageVersion?: string;
}

export type OrgEdition = 'Developer' | 'Enterprise' | 'Unlimited';

/** The org without its entry points: the state and services every entry point works through. */
export abstract class OrgCore {
  readonly name: string;
  readonly metadata: Metadata;
  readonly schema: Schema;
  readonly store = new Store();
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly access: Access;
  readonly asyncQueue = new AsyncQueue();
  readonly organizationId: string;
  /** Formula fields, roll-up summaries, validation rules and default value formulas (platform/formula/). */
  readonly formulas: OrgFormulas;
  adminUserId = '';
  /** Every org has one standard price book (Pricebook2.IsStandard). */
  standardPricebook = '';
  automatedProcessUserId = '';
  runtime: ApexRuntime | null = null;
  /** ApexClass record Ids by lower-case class name */
  protected readonly apexClassIds = new Map<string, string>();
  /** Every trace of every finished transaction (cleared by the caller when wanted). */
  readonly traces: {
    kind: ExecutionKind;
    label: string;
    limits: ReturnType<Limits['summary']>;
    trace: Limits['trace'];
  }[] = [];
  readonly debugLog: string[] = [];
  /** Custom notifications sent with Messaging.CustomNotification.send. */
  readonly notifications: SentNotification[] = [];
  /** Platform Cache (natives/cache.ts): emptied at the start of every Apex test method. */
  readonly platformCache = new PlatformCacheStore();
  /** Emails accepted by Messaging.sendEmail (natives/messaging.ts): recorded, never sent. */
  readonly sentEmails: SentEmail[] = [];
  /** The Apex test method running now (for its annotations), or null. */
  protected runningTestMethod: { className: string; method: string } | null = null;

  protected readonly txStack: Transaction[] = [];
  protected userStack: string[] = [];
  protected readonly engine: DmlEngine;
  protected readonly callouts: Callouts;
  protected readonly events: EventBus;
  /** Apex publish callbacks of published events (events/publish-callbacks.ts). */
  protected readonly publishCallbacks: PublishCallbacks;
  protected readonly asyncApex: AsyncApex;
  protected readonly testData: TestDataLoader;
  protected readonly autoNumbers = new Map<string, number>();
  /** Auto-number counters by object and field (a World snapshot saves and restores them). */
  get autoNumberState(): Map<string, number> {
    return this.autoNumbers;
  }
  protected readonly triggers: TriggerDispatcher;
  /** The Apex test method running now, if any (testing/test-context.ts). */
  protected readonly tests: TestContext;
  protected readonly queries: OrgQueries;
  protected readonly apexDml: ApexDml;

  /** The org's edition (OrgOptions.edition). */
  readonly edition: OrgEdition;

  /** OrgOptions.packageVersion: what System.requestVersion answers the package's code. */
  readonly packageVersion?: string;

  constructor(opts: OrgOptions) {
    this.name = opts.name;
    this.packageVersion = opts.namespace ? opts.packageVersion : undefined;
    this.edition = opts.edition ?? 'Developer';
    this.metadata =
      opts.metadata ??
      (opts.source
        ? loadOrgMetadata(opts.source, opts.namespace, opts.subscriberSource)
        : emptyMetadata());
    this.schema = new Schema(this.metadata, opts.schema);
    // Names written by a package's code resolve in its namespace first (schema/schema.ts).
    // While the org's runtime is being built (before attachRuntime) it is the current interpreter
    // (whose platform may be a view of this org, as a World's shared compile passes: world/).
    this.schema.names.current = () => {
      const running = currentRuntimeOrNull();
      const rt =
        running && (running.platform === (this as unknown) || !this.runtime)
          ? running
          : this.runtime;
      return rt?.currentNamespace?.() ?? null;
    };
    this.ids = new IdGenerator(opts.instance ?? 1);
    this.clock = opts.clock ?? new Clock();
    this.access = new Access(this.schema, this.store, this.metadata);
    this.triggers = new TriggerDispatcher({ runtime: () => this.runtime, tx: () => this.tx() });
    this.tests = new TestContext({
      mark: () => this.store.mark(),
      rollbackTo: (mark) => this.store.rollbackTo(mark),
      currentUserId: () => this.currentUserId(),
      txStack: this.txStack,
      resetTestData: () => this.testData.reset(),
      invalidateAccess: () => this.access.invalidate(),
      changeEvents: (t, changes) => this.events.changeEvents(t, changes),
      deliverTestRetries: () => this.events.deliverTestRetries(),
      deliverEvents: (events) => this.events.deliver(events),
      failEvents: (events) => this.publishCallbacks.failed(events)
    });
    this.formulas = new OrgFormulas({
      schema: this.schema,
      store: this.store,
      metadata: this.metadata,
      now: () => this.clock.now(),
      currentUserId: () => this.currentUserId(),
      organizationId: () => this.organizationId,
      hasCustomPermission: (name) => {
        // $Permission.ns__Name names a package's; its own formulas may write the bare name.
        const dev = customPermissionName(this.metadata, name, this.schema.names.namespace());
        return dev === null ? null : this.access.hasCustomPermission(this.currentUserId(), dev);
      }
    });
    this.queries = new OrgQueries({
      schema: this.schema,
      store: this.store,
      access: this.access,
      now: () => this.clock.now(),
      currentUserId: () => this.currentUserId(),
      limits: () => this.tx().limits,
      currentSharing: () => this.runtime?.currentSharing()?.sharing ?? null,
      checkHeap: (extra) => this.checkHeap(extra),
      inTestMethod: () => this.tests.inTestMethod,
      fixedSearchResults: () => this.tests.fixedSearchResults,
      computed: (o, row, f) => this.formulas.value(o, row, f)
    });
    this.apexDml = new ApexDml({
      store: this.store,
      tx: () => this.tx(),
      runDml: (call) => this.runDml(call)
    });
    this.publishCallbacks = new PublishCallbacks({
      implementsOutcome: (cb, outcome) =>
        cb instanceof ApexObject &&
        cb.cls.isSubtypeOf(
          outcome === 'success'
            ? 'EventBus.EventPublishSuccessCallback'
            : 'EventBus.EventPublishFailureCallback'
        ),
      // "Callback Running User and Debug Logs": a publish callback runs as the Automated Process user.
      runCallback: (cb, outcome, uuids) =>
        this.asUser(this.automatedProcessUserId, () =>
          this.withTransaction(
            'sync',
            () =>
              this.requireRuntime('publish callbacks').callMethod(
                cb,
                outcome === 'success' ? 'onSuccess' : 'onFailure',
                [
                  new NativeObject(
                    outcome === 'success' ? 'EventBus.SuccessResult' : 'EventBus.FailureResult',
                    { uuids }
                  )
                ]
              ),
            { label: 'publish callback' }
          )
        )
    });
    this.events = new EventBus({
      name: this.name,
      schema: this.schema,
      metadata: this.metadata,
      asyncQueue: this.asyncQueue,
      now: () => this.clock.now(),
      tx: () => this.tx(),
      currentUserId: () => this.currentUserId(),
      automatedProcessUserId: () => this.automatedProcessUserId,
      userIdByUsername: (username) => this.userIdByUsername(username),
      hasTriggers: (object, op) => this.triggers.has(object, op),
      triggersOn: (object) => this.triggers.on(object),
      runEventTriggers: (type, batch, triggers, userId) =>
        this.asUser(userId, () =>
          this.withTransaction(
            'trigger-event',
            () => this.triggers.fire(type, 'AFTER_INSERT', batch, null, triggers),
            { label: `${type} trigger` }
          )
        ),
      heldTestEvents: () => this.tests.heldEvents(),
      delivered: (events) => this.publishCallbacks.delivered(events)
    });
    this.asyncApex = new AsyncApex({
      store: this.store,
      asyncQueue: this.asyncQueue,
      tx: () => this.tx(),
      inTransaction: () => this.inTransaction,
      now: () => this.clock.now(),
      currentUserId: () => this.currentUserId(),
      requireRuntime: (feature) => this.requireRuntime(feature),
      enqueueAsync: (job) => this.enqueueAsync(job),
      newAsyncApexJob: (jobType, className, status) =>
        this.newAsyncApexJob(jobType, className, status),
      insertSystem: (type, values) => this.insertSystem(type, values),
      updateSystem: (id, values) => this.updateSystem(id, values),
      asUser: (userId, fn) => this.asUser(userId, fn),
      withTransaction: (kind, fn, opts) => this.withTransaction(kind, fn, opts),
      runQuery: (text, resolveBind, opts) => this.runQuery(text, resolveBind, opts),
      jobFailed: (e) => this.tests.asyncJobFailed(e),
      inTestMethod: () => this.tests.inTestMethod,
      // "For Developer Edition and Trial orgs, the maximum stack depth for chained jobs is 5" (Queueable Apex).
      queueableStackDepthLimit: () => (this.edition === 'Developer' ? 5 : null)
    });
    this.testData = new TestDataLoader({
      schema: this.schema,
      staticResource: (name) => this.staticResource(name),
      insert: (ctx, records) =>
        this.apexDml.dml(ctx, {
          op: 'insert',
          records,
          single: false,
          allOrNone: true,
          accessLevel: null,
          pos: ctx.pos
        })
    });
    this.callouts = new Callouts({
      metadata: this.metadata,
      access: this.access,
      tx: () => this.tx(),
      mock: (iface) => this.tests.mock(iface),
      inTestMethod: () => this.tests.inTestMethod,
      send: (req, namedCredential) => this.sendCallout(req, namedCredential),
      now: () => this.clock.now(),
      currentUserId: () => this.currentUserId(),
      requireRuntime: (feature) => this.requireRuntime(feature)
    });
    this.engine = new DmlEngine({
      schema: this.schema,
      store: this.store,
      ids: this.ids,
      limits: undefined as unknown as Limits,
      now: () => this.clock.now(),
      userId: () => this.currentUserId(),
      fireTriggers: (o, op, n, old) => this.triggers.fire(o, op, n, old),
      hasTriggers: (o, op) => this.triggers.has(o, op),
      canModifyRow: (row, userMode) =>
        !(userMode || this.runtime?.currentSharing()?.sharing === 'with') ||
        this.access.canEdit(this.currentUserId(), row),
      recordChange: (c) => this.tx().changes.push({ ...c, mark: this.store.mark() - 1 }),
      access: {
        canRead: (o) => this.access.objectPermission(this.currentUserId(), o).read,
        canCreate: (o) => this.access.objectPermission(this.currentUserId(), o).create,
        canEdit: (o) => this.access.objectPermission(this.currentUserId(), o).edit,
        canDelete: (o) => this.access.objectPermission(this.currentUserId(), o).delete,
        canEditField: (o, f) => this.access.canEditField(this.currentUserId(), o, f),
        canCreateField: (o, f) => this.access.canEditField(this.currentUserId(), o, f)
      },
      formulas: {
        validate: (o, rec, old) => this.formulas.validate(o, rec, old),
        defaultValue: (o, f, text) => this.formulas.defaultValue(o, f, text)
      },
      autoNumber: (k) => {
        const n = (this.autoNumbers.get(k) ?? 0) + 1;
        this.autoNumbers.set(k, n);
        return n;
      }
    });
    Object.defineProperty((this.engine as unknown as { ctx: object }).ctx, 'limits', {
      get: () => this.tx().limits
    });
    this.store.onRollback = (mark) => {
      for (const t of this.txStack) t.changes = t.changes.filter((c) => (c.mark ?? 0) < mark);
    };
    this.organizationId = this.bootstrap();
  }

  attachRuntime(runtime: ApexRuntime): void {
    this.runtime = runtime;
    this.triggers.attach(runtime);
  }

  // ---- bootstrap: the records every org has (bootstrap.ts) -------------------------------

  private bootstrap(): string {
    this.withTransaction('sync', () => {
      const ids = insertSetupRecords(this);
      (this as { organizationId: string }).organizationId = ids.organizationId;
      this.adminUserId = ids.adminUserId;
      this.automatedProcessUserId = ids.automatedProcessUserId;
      this.standardPricebook = ids.standardPricebook;
      for (const [k, v] of ids.apexClassIds) this.apexClassIds.set(k, v);
    });
    this.store.commit();
    return (this as { organizationId: string }).organizationId;
  }

  // ---- users -----------------------------------------------------------------------------

  currentUserId(): string {
    return this.userStack[this.userStack.length - 1] ?? this.adminUserId;
  }

  userIdByUsername(username: string): string {
    for (const r of this.store.rows('User'))
      if (String(r.values.get('username')).toLowerCase() === username.toLowerCase()) return r.id;
    throw new Error(`No user ${username} in org ${this.name}`);
  }

  /** Creates an active user with a profile and permission sets (TypeScript API for tests and the World). */

  /** Runs `fn` as another user (System.runAs, REST requests as the connection's user). */
  asUser<T>(userId: string, fn: () => T): T {
    this.userStack.push(userId);
    try {
      return fn();
    } finally {
      this.userStack.pop();
    }
  }

  // ---- transactions ----------------------------------------------------------------------

  tx(): Transaction {
    const t = this.txStack[this.txStack.length - 1];
    if (!t) throw new Error(`No transaction open in org ${this.name}`);
    return t;
  }

  get inTransaction(): boolean {
    return this.txStack.length > 0;
  }

  /**
   * Runs `fn` as one transaction: fresh limits, commit on success (post-commit work is queued),
   * rollback on error. Nested calls join... no: each call is its own transaction (async jobs, REST).
   */
  withTransaction<T>(
    kind: ExecutionKind,
    fn: () => T,
    opts: { changeOrigin?: string; label?: string; queueableDepth?: number } = {}
  ): T {
    const t = newTransaction(kind, this.store.mark(), this.currentUserId(), opts);
    // Apex static variables live for one transaction. Apex tests are one transaction per test
    // method (the runner resets statics there); in a World every top-level transaction starts fresh.
    if (this.txStack.length === 0 && !this.tests.inTestMethod)
      (this.runtime as { resetStatics?: () => void } | undefined)?.resetStatics?.();
    this.txStack.push(t);
    try {
      const result = fn();
      this.checkHeap();
      this.commit(t);
      return result;
    } catch (e) {
      this.store.rollbackTo(t.startMark);
      throw e;
    } finally {
      this.txStack.pop();
      this.traces.push({
        kind,
        label: opts.label ?? kind,
        limits: t.limits.summary(),
        trace: t.limits.trace
      });
      if (this.traces.length > 1000) this.traces.splice(0, this.traces.length - 1000);
    }
  }

  private commit(t: Transaction): void {
    if (!this.tests.inTestMethod && this.txStack.length === 1) this.store.commit();
    if (this.tests.inTestMethod) {
      // In a test nothing commits: async work waits for Test.stopTest, events for deliver().
      this.tests.commit(t);
      return;
    }
    for (const p of t.pendingAsync) this.asyncQueue.add(p.job);
    if (t.afterCommitEvents.length) this.events.queue(t.afterCommitEvents);
    this.events.publishChangeEvents(t);
  }

  // ---- SOQL ------------------------------------------------------------------------------

  /** Runs a query in the current transaction (counts limits). */
  runQuery(
    text: string,
    resolveBind: (b: Bind) => ApexValue,
    opts: { userMode?: boolean; withSharing?: boolean; queryLocator?: boolean } = {}
  ): QueryOutcome {
    return this.queries.run(text, resolveBind, opts);
  }

  // ---- DML -------------------------------------------------------------------------------

  runDml(call: DmlCall): RecordResult[] {
    const t = this.tx();
    const results = this.engine.execute(call);
    t.uncommittedWork = true;
    this.checkHeap();
    const touched = call.records.concat(call.mergeMaster ? [call.mergeMaster] : []);
    if (
      touched.some((r) =>
        /^(PermissionSetAssignment|PermissionSet|SetupEntityAccess|ObjectPermissions|FieldPermissions|User)$/i.test(
          r.type
        )
      )
    )
      this.access.invalidate();
    return results;
  }

  insertOne(type: string, values: Record<string, unknown>): string {
    const s = this.toSObject(type, values);
    const [r] = this.runDml({ op: 'insert', records: [s], allOrNone: true, userMode: false });
    return must(r?.id, `Id of the new ${type}`);
  }

  toSObject(type: string, values: Record<string, unknown>): ApexSObject {
    const o = this.schema.require(type);
    const s = new ApexSObject(o.name);
    for (const [k, v] of Object.entries(values)) {
      const f = o.field(k);
      if (!f) throw new Error(`No such field ${o.name}.${k}`);
      s.set(
        f.name,
        v instanceof Object &&
          !(v instanceof Date) &&
          !(typeof v === 'object' && v === null) &&
          isApexValue(v)
          ? (v as ApexValue)
          : jsToApex(f, v)
      );
    }
    return s;
  }

  requireRuntime(feature: string): ApexRuntime {
    if (!this.runtime)
      throw new UnsupportedError(`${feature}: no Apex runtime registered (registerRuntimeFactory)`);
    return this.runtime;
  }

  // ---- async -----------------------------------------------------------------------------

  /** Queues async work of the current transaction; it becomes runnable when the transaction commits. */
  enqueueAsync(job: Parameters<AsyncQueue['add']>[0]): void {
    this.tx().pendingAsync.push({ job });
    this.tx().uncommittedWork = true;
  }

  /**
   * Queues again a pending job a World snapshot saved (world/snapshot.ts): Apex jobs through the
   * async layer, event deliveries through the event bus, their Apex state read back into this
   * org's classes.
   */
  restoreAsyncJob(saved: PersistedJob): void {
    const runtime = this.runtime as
      { classByType?: (t: { name: string; args: [] }) => UserClass | null } | undefined;
    const classNamed: ClassLookup = (name) => runtime?.classByType?.({ name, args: [] }) ?? null;
    if (saved.kind === 'EventDelivery') this.events.restoreDelivery(saved, classNamed);
    else this.asyncApex.restoreJob(saved, classNamed);
  }

  /** Runs ready async jobs until none is ready; returns how many ran. */
  runReadyAsync(max = Infinity): number {
    let n = 0;
    while (n < max) {
      const [job] = this.asyncQueue.ready(this.clock.now());
      if (!job) break;
      this.asyncQueue.take(job);
      job.run();
      n++;
    }
    return n;
  }

  newAsyncApexJob(jobType: string, className: string, status = 'Queued'): string {
    return this.insertSystem('AsyncApexJob', {
      JobType: jobType,
      Status: status,
      MethodName: null,
      JobItemsProcessed: 0,
      TotalJobItems: 0,
      NumberOfErrors: 0,
      // an inner class's job points to its top-level class
      ApexClassId: this.apexClassIds.get(className.split('.')[0].toLowerCase()) ?? null,
      CompletedDate: null,
      ExtendedStatus: null,
      CreatedById: this.currentUserId(),
      CreatedDate: this.clock.now(),
      _className: className
    });
  }

  /** Writes a platform-maintained record directly (AsyncApexJob, CronTrigger), outside DML limits. */
  insertSystem(type: string, values: Record<string, unknown>): string {
    const o = this.schema.require(type);
    const id = this.ids.next(o.keyPrefix);
    const m = new Map<string, ApexValue>([
      ['id', new ApexId(id)],
      ['isdeleted', false]
    ]);
    for (const [k, v] of Object.entries(values)) {
      if (k.startsWith('_')) continue;
      const f = o.field(k);
      if (!f) throw new Error(`${type}.${k} unknown`);
      m.set(f.name.toLowerCase(), jsToApex(f, v));
    }
    const created = o.field('CreatedDate');
    if (created) {
      const now = jsToApex(created, this.clock.now());
      for (const f of ['CreatedDate', 'LastModifiedDate', 'SystemModstamp'])
        if (o.field(f) && !m.has(f.toLowerCase())) m.set(f.toLowerCase(), now);
    }
    this.store.insert(o.name, id, m);
    return id;
  }

  updateSystem(id: string, values: Record<string, unknown>): void {
    const row = this.store.get(id);
    if (!row) throw new Error(`No record ${id}`);
    const o = this.schema.require(row.type);
    this.store.update(
      row,
      Object.entries(values).map(
        ([k, v]) =>
          [k.toLowerCase(), jsToApex(must(o.field(k), `${row.type}.${k}`), v)] as [
            string,
            ApexValue
          ]
      )
    );
    if (!this.tests.inTestMethod && !this.inTransaction) this.store.commit();
  }

  /**
   * Measures the Apex heap of the current transaction (with `extra` values about to be handed to
   * Apex) at the points where the platform hands data over: after each query, DML statement and
   * callout, on Limits.getHeapSize(), and when the transaction ends. Past the limit:
   * System.LimitException "Apex heap size too large".
   */
  protected checkHeap(extra?: readonly ApexValue[]): void {
    const rt = this.runtime;
    if (!rt?.heapSize || !this.inTransaction) return;
    this.tx().limits.measureHeap(rt.heapSize(extra));
  }

  private readonly tokens = new Map<string, NativeObject>();

  /** One Schema.SObjectType token per object, so `id.getSObjectType() == Account.SObjectType` holds. */
  typeToken(object: string): NativeObject {
    const key = object.toLowerCase();
    let t = this.tokens.get(key);
    if (!t) this.tokens.set(key, (t = new NativeObject('Schema.SObjectType', { object })));
    return t;
  }

  /** One Schema.SObjectField token per field (`f == Account.Name`). */
  fieldToken(object: string, field: string): NativeObject {
    const key = `${object}.${field}`.toLowerCase();
    let t = this.tokens.get(key);
    if (!t) this.tokens.set(key, (t = new NativeObject('Schema.SObjectField', { object, field })));
    return t;
  }

  /** A static resource of the source by name (names are case-insensitive), or undefined. */
  staticResource(name: string): StaticResourceMeta | undefined {
    return this.metadata.staticResources.find((r) => r.name.toLowerCase() === name.toLowerCase());
  }

  /** Trigger.old-style full record, for the REST layer and tests. */
  record(id: string): ApexSObject | null {
    const row = this.store.get(id);
    if (!row || row.deleted) return null;
    return rowToSObject(this.schema.require(row.type), row);
  }

  /** Sends a callout out of this org (the World routes it to another org); null: not connected. */
  protected abstract sendCallout(
    req: HttpRequestData,
    namedCredential: string | null
  ): HttpResponseData | null;
}

function isApexValue(v: unknown): boolean {
  return (
    v instanceof ApexId ||
    v instanceof ApexSObject ||
    v instanceof ApexList ||
    v instanceof NativeObject ||
    (typeof v === 'object' && v !== null && v.constructor?.name?.startsWith('Apex'))
  );
}
