// One Salesforce org in memory: schema, data, security, transactions with governor limits,
// triggers, async work, events and callouts. It implements the runtime's ApexPlatform interface
// (src/runtime/platform.ts) and offers a TypeScript API for tests, the World and benchmarks.
import { must } from './util.ts';
import { readFileSync } from 'node:fs';
import {
  ApexDatetime,
  ApexId,
  ApexList,
  ApexObject,
  ApexSObject,
  NativeObject,
  typeRef,
  type ApexValue,
  type TypeRef
} from '../runtime/values.ts';
import {
  UnsupportedError,
  type ApexPlatform,
  type ApexRuntime,
  type DmlRequest,
  type NativeCallContext,
  type NativeClassDef,
  type QueryRequest,
  type RunningUser,
  type SObjectTypeInfo,
  type SourceFile,
  type SourcePos
} from '../runtime/platform.ts';
import { Schema, type SchemaOptions } from './schema/schema.ts';
import {
  loadMetadata,
  emptyMetadata,
  type Metadata,
  type StaticResourceMeta
} from './schema/metadata.ts';
import { Store } from './data/store.ts';
import { insertSetupRecords } from './bootstrap.ts';
import { TestDataLoader } from './data/load-data.ts';
import { EventBus } from './events/bus.ts';
import { AsyncApex } from './async/apex.ts';
import { Callouts, type HttpRequestData, type HttpResponseData } from './callouts/callouts.ts';

import { IdGenerator } from './data/ids.ts';
import { Clock } from './data/clock.ts';
import { jsToApex } from './data/convert.ts';
import type { Limits, ExecutionKind, LimitName } from './limits/limits.ts';
import type { QueryOutcome } from './soql/eval.ts';
import { DmlEngine, rowToSObject, type DmlCall } from './dml/engine.ts';
import { DmlFailedError, type RecordResult } from './dml/errors.ts';
import { Access } from './security/access.ts';
import { AsyncQueue } from './async/jobs.ts';
import { newTransaction, type Transaction } from './transactions/transaction.ts';
import { TriggerDispatcher } from './triggers/dispatcher.ts';
import { TestContext } from './testing/test-context.ts';
import { OrgQueries } from './soql/queries.ts';
import { OrgFormulas } from './formula/org-formulas.ts';
import { ApexDml } from './dml/apex-dml.ts';
import type { Bind } from './soql/ast.ts';
import {
  platformNatives,
  resultValue,
  sobjectTypeInfo,
  type EventTriggerContext,
  type OrgServices,
  type SentNotification
} from './natives/index.ts';
import { PlatformCacheStore } from './natives/cache-store.ts';
import type { SentEmail } from './natives/services.ts';

// Callout types live with the callouts; the org's API keeps exporting them.
export { CalloutError, type HttpRequestData, type HttpResponseData } from './callouts/callouts.ts';

export type RuntimeFactory = (platform: ApexPlatform, sources: SourceFile[]) => ApexRuntime;

let registeredRuntimeFactory: RuntimeFactory | null = null;

/** The language runtime registers how to build itself; without it, running Apex fails loudly. */
export function registerRuntimeFactory(f: RuntimeFactory): void {
  registeredRuntimeFactory = f;
}

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
}

export type OrgEdition = 'Developer' | 'Enterprise' | 'Unlimited';

/** Outgoing callout handler: the World routes `callout:Name/...` to another org. */
export type CalloutHandler = (
  org: Org,
  req: HttpRequestData,
  namedCredential: string | null
) => HttpResponseData;

export class Org implements ApexPlatform, OrgServices {
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
  private readonly apexClassIds = new Map<string, string>();
  calloutHandler: CalloutHandler | null = null;
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
  private runningTestMethod: { className: string; method: string } | null = null;

  private readonly txStack: Transaction[] = [];
  private userStack: string[] = [];
  private readonly engine: DmlEngine;
  private readonly callouts: Callouts;
  private readonly events: EventBus;
  private readonly asyncApex: AsyncApex;
  private readonly testData: TestDataLoader;
  private readonly autoNumbers = new Map<string, number>();
  private readonly triggers: TriggerDispatcher;
  /** The Apex test method running now, if any (testing/test-context.ts). */
  private readonly tests: TestContext;
  private readonly queries: OrgQueries;
  private readonly apexDml: ApexDml;

  /** The org's edition (OrgOptions.edition). */
  readonly edition: OrgEdition;

  constructor(opts: OrgOptions) {
    this.name = opts.name;
    this.edition = opts.edition ?? 'Developer';
    this.metadata = opts.metadata ?? (opts.source ? loadMetadata(opts.source) : emptyMetadata());
    this.schema = new Schema(this.metadata, opts.schema);
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
      deliverEvents: (events) => this.events.deliver(events)
    });
    this.formulas = new OrgFormulas({
      schema: this.schema,
      store: this.store,
      metadata: this.metadata,
      now: () => this.clock.now(),
      currentUserId: () => this.currentUserId(),
      organizationId: () => this.organizationId
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
      heldTestEvents: () => this.tests.heldEvents()
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
      runQuery: (text, resolveBind) => this.runQuery(text, resolveBind),
      jobFailed: (e) => this.asyncJobFailed(e),
      inTestMethod: () => this.tests.inTestMethod,
      // "For Developer Edition and Trial orgs, the maximum stack depth for chained jobs is 5" (Queueable Apex).
      queueableStackDepthLimit: () => (this.edition === 'Developer' ? 5 : null)
    });
    this.testData = new TestDataLoader({
      schema: this.schema,
      staticResource: (name) => this.staticResource(name),
      insert: (ctx, records) =>
        this.dml(ctx, {
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
      send: (req, namedCredential) =>
        this.calloutHandler ? this.calloutHandler(this, req, namedCredential) : null,
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
    const factory = opts.runtimeFactory ?? registeredRuntimeFactory;
    if (factory && opts.apex !== false) {
      const sources: SourceFile[] = [
        ...this.metadata.apexClasses.map((c) => ({
          path: c.path,
          text: readText(c.path),
          kind: 'class' as const
        })),
        ...this.metadata.apexTriggers.map((c) => ({
          path: c.path,
          text: readText(c.path),
          kind: 'trigger' as const
        }))
      ];
      this.attachRuntime(factory(this, sources));
    }
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
  createUser(opts: {
    username: string;
    lastName?: string;
    profile?: string;
    permissionSets?: string[];
    email?: string;
  }): string {
    return this.withTransaction('sync', () => {
      const profile = [...this.store.rows('Profile')].find(
        (p) =>
          String(p.values.get('name')).toLowerCase() ===
          (opts.profile ?? 'Standard User').toLowerCase()
      );
      if (!profile) throw new Error(`Unknown profile ${opts.profile}`);
      const u = this.insertOne('User', {
        Username: opts.username,
        LastName: opts.lastName ?? opts.username.replace(/@.*/, ''),
        Email: opts.email ?? opts.username,
        Alias: opts.username.slice(0, 8),
        TimeZoneSidKey: 'GMT',
        LocaleSidKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
        ProfileId: profile.id
      });
      this.assignPermissionSets(u, opts.permissionSets ?? []);
      return u;
    });
  }

  /** Assigns permission sets by name to an existing user (TypeScript API for tests and the World). */
  assignPermissionSets(userId: string, permissionSets: string[]): void {
    this.withTransaction('sync', () => {
      for (const ps of permissionSets) {
        const row = [...this.store.rows('PermissionSet')].find(
          (p) => String(p.values.get('name')).toLowerCase() === ps.toLowerCase()
        );
        if (!row) throw new Error(`Unknown permission set ${ps} in org ${this.name}`);
        this.insertOne('PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: row.id });
      }
      this.access.invalidate();
    });
  }

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
    opts: { userMode?: boolean; withSharing?: boolean } = {}
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
    if (touched.some((r) => /^(PermissionSetAssignment|PermissionSet|User)$/i.test(r.type)))
      this.access.invalidate();
    return results;
  }

  // ---- TypeScript API (outside Apex) -----------------------------------------------------

  /**
   * TypeScript: `org.query(soql, binds?, { as? })` runs one transaction as the admin (or `as` user),
   * binds by name. Apex (ApexPlatform): `query(ctx, req)` for inline and dynamic SOQL.
   */
  query(
    soql: string,
    binds?: Record<string, unknown>,
    opts?: { as?: string }
  ): ApexSObject[] | number;
  query(ctx: NativeCallContext, req: QueryRequest): ApexValue;
  query(
    a: string | NativeCallContext,
    b?: Record<string, unknown> | QueryRequest,
    c?: { as?: string }
  ): ApexSObject[] | number | ApexValue {
    if (typeof a !== 'string') return this.queries.apexQuery(a, b as QueryRequest);
    return this.tsQuery(a, (b as Record<string, unknown> | undefined) ?? {}, c ?? {});
  }

  private tsQuery(
    soql: string,
    binds: Record<string, unknown>,
    opts: { as?: string }
  ): ApexSObject[] | number {
    const run = (): ApexSObject[] | number =>
      this.withTransaction('sync', () => this.queries.tsQuery(soql, binds), { label: 'query' });
    return opts.as ? this.asUser(this.userIdByUsername(opts.as), run) : run();
  }

  /** Inserts plain objects (field → JS value) and returns their Ids; throws on the first error. */
  insert(
    type: string,
    records: Record<string, unknown>[] | Record<string, unknown>,
    opts: { as?: string } = {}
  ): string[] {
    const list = Array.isArray(records) ? records : [records];
    const run = (): string[] =>
      this.withTransaction(
        'sync',
        () => {
          const sobjects = list.map((r) => this.toSObject(type, r));
          const results = this.dmlOrThrow({
            op: 'insert',
            records: sobjects,
            allOrNone: true,
            userMode: false
          });
          return results.map((r) => must(r.id, `Id of a new ${type}`));
        },
        { label: `insert ${type}` }
      );
    return opts.as ? this.asUser(this.userIdByUsername(opts.as), run) : run();
  }

  update(type: string, records: Record<string, unknown>[] | Record<string, unknown>): void {
    const list = Array.isArray(records) ? records : [records];
    this.withTransaction('sync', () =>
      this.dmlOrThrow({
        op: 'update',
        records: list.map((r) => this.toSObject(type, r)),
        allOrNone: true,
        userMode: false
      })
    );
  }

  delete(ids: string[] | string): void {
    const list = Array.isArray(ids) ? ids : [ids];
    this.withTransaction('sync', () =>
      this.dmlOrThrow({
        op: 'delete',
        records: list.map((id) => {
          const row = this.store.get(id);
          const s = new ApexSObject(row?.type ?? 'SObject');
          s.set('Id', new ApexId(id));
          return s;
        }),
        allOrNone: true,
        userMode: false
      })
    );
  }

  private dmlOrThrow(call: DmlCall): RecordResult[] {
    try {
      return this.runDml(call);
    } catch (e) {
      if (e instanceof DmlFailedError) throw new Error(`System.DmlException: ${e.message}`);
      throw e;
    }
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

  /** executeAnonymous through the language runtime. */
  executeAnonymous(
    apex: string,
    opts: { as?: string } = {}
  ): ReturnType<ApexRuntime['executeAnonymous']> {
    const runtime = this.requireRuntime('executeAnonymous');
    const run = (): ReturnType<ApexRuntime['executeAnonymous']> => {
      let result!: ReturnType<ApexRuntime['executeAnonymous']>;
      try {
        this.withTransaction(
          'sync',
          () => {
            result = runtime.executeAnonymous(apex);
            // An uncaught exception rolls the transaction back, as on the platform.
            if (!result.success) throw new AnonymousFailure();
          },
          { label: 'executeAnonymous' }
        );
      } catch (e) {
        if (!(e instanceof AnonymousFailure)) throw e;
      }
      return result;
    };
    return opts.as ? this.asUser(this.userIdByUsername(opts.as), run) : run();
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

  // ---- events (events/bus.ts) -----------------------------------------------------------

  /** Delivers events to subscribers (event triggers and TypeScript listeners), by type, in batches. */
  deliverEvents(events: ApexSObject[]): void {
    this.events.deliver(events);
  }

  /**
   * Deploys a PlatformEventSubscriberConfig to this org only (TypeScript API: what an admin deploys
   * after creating the user): the event or change-event trigger then runs as that user, in batches
   * of that size.
   */
  configureEventSubscriber(trigger: string, opts: { username?: string; batchSize?: number }): void {
    this.events.configureSubscriber(trigger, opts);
  }

  /**
   * Test hook: the next `count` committed changes with a subscriber are published as gap events
   * (`GAP_CREATE`/`GAP_UPDATE`/`GAP_DELETE`/`GAP_UNDELETE`, header only) or, with `overflow`, as one
   * `GAP_OVERFLOW` event per object, as a real org does under load ("Gap Events", "Overflow Events").
   */
  forceGapEvents(count: number, kind: 'gap' | 'overflow' = 'gap'): void {
    this.events.forceGapEvents(count, kind);
  }

  /**
   * Test hook: the next `statements` DML statements on `object` fail every record with
   * UNABLE_TO_LOCK_ROW, as when another transaction holds the locks (what real orgs do under
   * concurrent load). 0 ends it.
   */
  contendRowLocks(object: string, statements: number): void {
    this.engine.contend(object, statements);
  }

  /** Returns an event trigger whose retries ran out from the error state to running. */
  resumeEventTrigger(trigger: string): void {
    this.events.resumeTrigger(trigger);
  }

  /** Whether an event trigger is in the error state (EventBus.RetryableException nine times). */
  isEventTriggerSuspended(trigger: string): boolean {
    return this.events.isSuspended(trigger);
  }

  /** EventBus.TriggerContext.currentContext() of the event trigger running now. */
  get eventContext(): EventTriggerContext | null {
    return this.events.context;
  }

  /** Event-trigger batches that failed with an uncaught exception (not redelivered). */
  get eventErrors(): EventBus['errors'] {
    return this.events.errors;
  }

  /** TypeScript listeners by lower-case event type. */
  get eventSubscribers(): EventBus['subscribers'] {
    return this.events.subscribers;
  }

  /** EventBus.publish: immediately (default) or after commit, per the event's publishBehavior. */
  publish(events: ApexSObject[]): RecordResult[] {
    return this.events.publish(events);
  }

  /** TypeScript listeners for events and change events (World tests, demos). */
  subscribe(eventType: string, listener: (events: ApexSObject[]) => void): void {
    this.events.subscribe(eventType, listener);
  }

  // ---- callouts (callouts/callouts.ts) ----------------------------------------------------

  /** An HTTP callout from Apex in the current transaction, with the platform's rules. */
  callout(req: HttpRequestData): HttpResponseData {
    return this.callouts.callout(req);
  }

  // ==== ApexPlatform =======================================================================

  sobjectType(name: string): SObjectTypeInfo | null {
    const o = this.schema.get(name);
    return o ? sobjectTypeInfo(o) : null;
  }

  nativeClasses(): readonly NativeClassDef[] {
    return platformNatives(this);
  }

  sobjectTypeToken(_ctx: NativeCallContext, sobject: string): ApexValue {
    const o = this.schema.require(sobject);
    return this.typeToken(o.name);
  }

  sobjectFieldToken(ctx: NativeCallContext, sobject: string, field: string): ApexValue {
    const o = this.schema.require(sobject);
    const f = o.field(field);
    if (!f) ctx.throwApex('System.SObjectException', `Invalid field ${field} for ${o.name}`);
    return this.fieldToken(o.name, f.name);
  }

  describeSObject(_ctx: NativeCallContext, sobject: string): ApexValue {
    const o = this.schema.require(sobject);
    return new NativeObject('Schema.DescribeSObjectResult', { object: o.name });
  }

  newSObject(_ctx: NativeCallContext, sobject: string): ApexSObject {
    const o = this.schema.require(sobject);
    return new ApexSObject(o.name);
  }

  search(ctx: NativeCallContext, req: QueryRequest): ApexValue {
    return this.queries.search(ctx, req);
  }

  /** A static resource of the source by name (names are case-insensitive), or undefined. */
  staticResource(name: string): StaticResourceMeta | undefined {
    return this.metadata.staticResources.find((r) => r.name.toLowerCase() === name.toLowerCase());
  }

  /** Test.loadData: the records of a CSV static resource (data/load-data.ts). */
  loadData(ctx: NativeCallContext, sobjectType: ApexValue, resourceName: string): ApexValue {
    return this.testData.load(ctx, sobjectType, resourceName);
  }

  dml(ctx: NativeCallContext, req: DmlRequest): ApexValue {
    return this.apexDml.dml(ctx, req);
  }

  setSavepoint(): ApexValue {
    return this.apexDml.setSavepoint();
  }

  rollback(ctx: NativeCallContext, savepoint: ApexValue): void {
    this.apexDml.rollback(ctx, savepoint);
  }

  // ---- async Apex (async/apex.ts) ---------------------------------------------------------

  enqueueJob(ctx: NativeCallContext, job: ApexObject, options: ApexValue): ApexId {
    return this.asyncApex.enqueueJob(ctx, job, options);
  }

  executeBatch(ctx: NativeCallContext, batch: ApexObject, scope: number): ApexId {
    return this.asyncApex.executeBatch(ctx, batch, scope);
  }

  schedule(ctx: NativeCallContext, name: string, cron: string, job: ApexObject): ApexId {
    return this.asyncApex.schedule(ctx, name, cron, job);
  }

  abortJob(ctx: NativeCallContext, jobId: string): void {
    this.asyncApex.abortJob(ctx, jobId);
  }

  callFuture(
    ctx: NativeCallContext,
    className: string,
    method: string,
    args: ApexValue[],
    callout: boolean
  ): void {
    this.asyncApex.callFuture(ctx, className, method, args, callout);
  }

  attachFinalizer(ctx: NativeCallContext, finalizer: ApexObject): void {
    this.asyncApex.attachFinalizer(ctx, finalizer);
  }

  publishEvents(
    _ctx: NativeCallContext,
    events: readonly ApexSObject[],
    single: boolean
  ): ApexValue {
    const values = this.publish([...events]).map((r) => resultValue('Database.SaveResult', r));
    return single ? (values[0] ?? null) : new ApexList(typeRef('Database.SaveResult'), values);
  }

  httpSend(ctx: NativeCallContext, request: ApexValue): ApexValue {
    const response = this.callouts.send(ctx, request);
    this.checkHeap([response]);
    return response;
  }

  /**
   * Measures the Apex heap of the current transaction (with `extra` values about to be handed to
   * Apex) at the points where the platform hands data over: after each query, DML statement and
   * callout, on Limits.getHeapSize(), and when the transaction ends. Past the limit:
   * System.LimitException "Apex heap size too large".
   */
  private checkHeap(extra?: readonly ApexValue[]): void {
    const rt = this.runtime;
    if (!rt?.heapSize || !this.inTransaction) return;
    this.tx().limits.measureHeap(rt.heapSize(extra));
  }

  setMock(_ctx: NativeCallContext, iface: TypeRef, mock: ApexValue): void {
    this.tests.setMock(iface.name, mock);
  }

  startTest(ctx: NativeCallContext): void {
    this.tests.startTest(ctx, this.tx());
  }

  stopTest(ctx: NativeCallContext): void {
    this.tests.stopTest(ctx, this.tx());
  }

  /** An async job ended with an uncaught Apex exception or limit (recorded on its AsyncApexJob). */
  asyncJobFailed(e: unknown): void {
    this.tests.asyncJobFailed(e);
  }

  /** Test.getEventBus().deliver() */
  deliverTestEvents(): void {
    this.tests.deliverEvents();
  }

  /** Test.enableChangeDataCapture() */
  enableChangeDataCapture(): null {
    this.tests.enableChangeDataCapture();
    return null;
  }

  /** Test.getEventBus(): the broker whose deliver() delivers test events. */
  testEventBus(): NativeObject {
    return new NativeObject('EventBus.TestBroker', {});
  }

  /** The Ids Test.setFixedSearchResults set for the test method running now (null: none). */
  get fixedSearchResults(): string[] | null {
    return this.tests.fixedSearchResults;
  }

  set fixedSearchResults(ids: string[] | null) {
    this.tests.fixedSearchResults = ids;
  }

  /**
   * Test.setCreatedDate(recordId, createdDatetime) (Apex Reference, "Test Class"): sets CreatedDate of
   * a record the test inserted; rolled back with the test's other changes.
   */
  setCreatedDate(ctx: NativeCallContext, recordId: string, epochMs: number): void {
    if (!this.tests.inTestMethod)
      ctx.throwApex('System.UnexpectedException', 'Test.setCreatedDate is only for test methods');
    const row = this.store.get(recordId);
    if (!row)
      ctx.throwApex(
        'System.IllegalArgumentException',
        `Test.setCreatedDate: no record with Id ${recordId} was inserted in this test`
      );
    this.store.update(row, [['createddate', new ApexDatetime(epochMs)]]);
  }

  /** Test.setFixedSearchResults(ids) */
  setFixedSearchResults(_ctx: NativeCallContext, ids: readonly string[]): void {
    this.tests.fixedSearchResults = [...ids];
  }

  /** Test.getStandardPricebookId(): the org's standard price book. */
  standardPricebookId(): ApexId {
    return new ApexId(this.standardPricebook);
  }

  runAs(ctx: NativeCallContext, user: ApexSObject, body: () => void): void {
    const id = user.raw('Id');
    if (!id) ctx.throwApex('System.NullPointerException', 'Attempt to de-reference a null object');
    this.access.invalidate();
    this.asUser(String(id), body);
  }

  beginTestMethod(className?: string, method?: string): void {
    this.platformCache.clear();
    this.runningTestMethod = className && method ? { className, method } : null;
    this.tests.begin();
  }

  /**
   * Whether the test method running now sees the org's data: `@IsTest(SeeAllData=true)` on it or on
   * its class (Apex Developer Guide, "Isolation of Test Data from Organization Data in Unit Tests").
   */
  seeAllData(): boolean {
    const t = this.runningTestMethod;
    if (!t || !this.tests.inTestMethod) return false;
    const info = this.runtime?.classInfo(t.className);
    const flag = (anns: readonly { name: string; params: ReadonlyMap<string, string> }[] = []) =>
      anns.some((a) => a.name === 'istest' && a.params.get('seealldata')?.toLowerCase() === 'true');
    return (
      flag(info?.annotations) ||
      flag(info?.methods.find((m) => m.name.toLowerCase() === t.method.toLowerCase())?.annotations)
    );
  }

  endTestMethod(): void {
    this.tests.end();
  }

  snapshotData(): unknown {
    return this.store.snapshot();
  }

  restoreData(snapshot: unknown): void {
    this.store.restore(snapshot as ReturnType<Store['snapshot']>);
    this.access.invalidate();
  }

  consumeLimit(name: string, n = 1): void {
    this.tx().limits.consume(name as LimitName, n);
  }

  limit(ctx: NativeCallContext, name: string, kind: 'used' | 'max'): number {
    if (name === 'HeapSize' && kind === 'used') this.checkHeap();
    const l = this.tx().limits;
    try {
      return kind === 'used' ? l.get(name as never) : l.getLimit(name as never);
    } catch {
      return ctx.throwApex(
        'System.UnsupportedOperationException',
        `Unsupported by the local org: Limits.get${kind === 'max' ? 'Limit' : ''}${name}`
      );
    }
  }

  runningUser(): RunningUser {
    const row = must(this.store.get(this.currentUserId()), 'running user record');
    const v = (k: string): string => String(row.values.get(k) ?? '');
    return {
      id: row.id,
      userName: v('username'),
      name: v('name') || v('lastname'),
      firstName: row.values.get('firstname') ? v('firstname') : null,
      lastName: v('lastname'),
      email: v('email'),
      profileId: v('profileid'),
      roleId: row.values.get('userroleid') ? v('userroleid') : null,
      userType: v('usertype') || 'Standard',
      timeZone: v('timezonesidkey') || 'GMT',
      locale: v('localesidkey') || 'en_US',
      language: v('languagelocalekey') || 'en_US',
      defaultCurrency: 'USD',
      organizationId: this.organizationId,
      organizationName: this.name
    };
  }

  nowMs(): number {
    return this.clock.now();
  }

  debug(level: string, message: string, pos: SourcePos): void {
    this.debugLog.push(`${pos.file}:${pos.line}|USER_DEBUG|[${level}]|${message}`);
    if (this.debugLog.length > 10_000) this.debugLog.splice(0, 5000);
    if (process.env.LOCALORG_DEBUG)
      process.stderr.write(
        `[${this.name}] ${pos.file}:${pos.line}|USER_DEBUG|[${level}]|${message}\n`
      );
  }

  customLabel(_ctx: NativeCallContext, lcName: string): string | undefined {
    const k = Object.keys(this.metadata.labels).find((x) => x.toLowerCase() === lcName);
    return k === undefined ? undefined : this.metadata.labels[k];
  }

  isBatch(): boolean {
    return this.txStack.at(-1)?.kind === 'batch';
  }

  isFuture(): boolean {
    return this.txStack.at(-1)?.kind === 'future';
  }

  isQueueable(): boolean {
    return this.txStack.at(-1)?.kind === 'queueable';
  }

  isScheduled(): boolean {
    return this.txStack.at(-1)?.kind === 'schedulable';
  }

  /** Database.emptyRecycleBin: deleted records become hard-deleted (no longer visible to ALL ROWS). */
  emptyRecycleBin(
    _ctx: NativeCallContext,
    records: readonly ApexSObject[],
    single: boolean
  ): ApexValue {
    return this.apexDml.emptyRecycleBin(records, single);
  }

  sobjectTypeTokenByPrefix(_ctx: NativeCallContext, prefix: string): ApexValue {
    const o = this.schema.byKeyPrefix(prefix);
    return o ? this.typeToken(o.name) : null;
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

  /** Trigger.old-style full record, for the REST layer and tests. */
  record(id: string): ApexSObject | null {
    const row = this.store.get(id);
    if (!row || row.deleted) return null;
    return rowToSObject(this.schema.require(row.type), row);
  }
}

class AnonymousFailure extends Error {}

function readText(path: string): string {
  return readFileSync(path, 'utf8');
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
