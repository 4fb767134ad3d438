// One Salesforce org in memory: schema, data, security, transactions with governor limits,
// triggers, async work, events and callouts. It implements the runtime's ApexPlatform interface
// (src/runtime/platform.ts) and offers a TypeScript API for tests, the World and benchmarks.
import { must } from './util.ts';
import { OrgCore, type OrgOptions, type RuntimeFactory } from './org-core.ts';
import { customLabel } from './schema/metadata-namespace.ts';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath, sep } from 'node:path';
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
  type ApexPlatform,
  type ApexRuntime,
  type DmlRequest,
  type NativeCallContext,
  type NativeClassDef,
  type QueryRequest,
  type RunningUser,
  type SObjectTypeInfo,
  type SourceFile,
  type SourcePos,
  UnsupportedError
} from '../runtime/platform.ts';
import { Store } from './data/store.ts';
import { OrgFiles } from './content/org-files.ts';
import { EventBus } from './events/bus.ts';
import type { HttpRequestData, HttpResponseData } from './callouts/callouts.ts';
import { isOwnDomain, ownDomainCallout, sessionIdFor } from './callouts/own-domain.ts';
import type { LimitName } from './limits/limits.ts';
import type { DmlCall } from './dml/engine.ts';
import { DmlFailedError, type RecordResult } from './dml/errors.ts';
import {
  platformNatives,
  resultValue,
  sobjectTypeInfo,
  type EventTriggerContext,
  type OrgServices
} from './natives/index.ts';

// Callout types live with the callouts; the org's API keeps exporting them.
export { CalloutError, type HttpRequestData, type HttpResponseData } from './callouts/callouts.ts';

let registeredRuntimeFactory: RuntimeFactory | null = null;

/** The language runtime registers how to build itself; without it, running Apex fails loudly. */
export function registerRuntimeFactory(f: RuntimeFactory): void {
  registeredRuntimeFactory = f;
}

/** Outgoing callout handler: the World routes `callout:Name/...` to another org. */
export type CalloutHandler = (
  org: Org,
  req: HttpRequestData,
  namedCredential: string | null
) => HttpResponseData;

export { type OrgOptions, type OrgEdition, type RuntimeFactory } from './org-core.ts';

export class Org extends OrgCore implements ApexPlatform, OrgServices {
  calloutHandler: CalloutHandler | null = null;

  constructor(opts: OrgOptions) {
    super(opts);
    const factory = opts.runtimeFactory ?? registeredRuntimeFactory;
    if (factory && opts.apex !== false) {
      const ns = packageNamespace(opts);
      const sources: SourceFile[] = [
        ...this.metadata.apexClasses.map((c) => ({
          path: c.path,
          text: readText(c.path),
          kind: 'class' as const,
          ...ns(c.path)
        })),
        ...this.metadata.apexTriggers.map((c) => ({
          path: c.path,
          text: readText(c.path),
          kind: 'trigger' as const,
          ...ns(c.path)
        }))
      ];
      this.attachRuntime(factory(this, sources));
    }
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

  private filesHelper?: OrgFiles;

  /** Salesforce Files from TypeScript: upload, list a record's files, read content (content/org-files.ts). */
  get files(): OrgFiles {
    this.filesHelper ??= new OrgFiles(this);
    return this.filesHelper;
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
  /**
   * The namespace anonymous Apex of the TypeScript API compiles in when `executeAnonymous` names
   * none: null (the default) = the org's own code, as a subscriber's Anonymous Apex; a package's
   * namespace = as in that package's namespaced development org (the e2e harness drives the
   * package's internals this way, test/e2e/namespace.ts).
   */
  anonymousNamespace: string | null = null;

  /** executeAnonymous through the language runtime. */
  executeAnonymous(
    apex: string,
    opts: { as?: string; namespace?: string | null } = {}
  ): ReturnType<ApexRuntime['executeAnonymous']> {
    const namespace =
      (opts.namespace === undefined ? this.anonymousNamespace : opts.namespace) ?? undefined;
    const runtime = this.requireRuntime('executeAnonymous');
    const run = (): ReturnType<ApexRuntime['executeAnonymous']> => {
      let result!: ReturnType<ApexRuntime['executeAnonymous']>;
      try {
        this.withTransaction(
          'sync',
          () => {
            result = runtime.executeAnonymous(apex, namespace);
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
  /** Test.getEventBus().fail() */
  failTestEvents(): void {
    this.tests.failEvents();
  }

  /**
   * EventBus.publish(event(s), callback) (Apex Reference, "EventBus Class"): publishes as
   * publish(event(s)) does; the events that were queued get the callback (events/publish-callbacks.ts).
   */
  publishWithCallback(
    ctx: NativeCallContext,
    events: readonly ApexSObject[],
    single: boolean,
    callback: ApexValue
  ): ApexValue {
    if (
      !(callback instanceof ApexObject) ||
      !(
        callback.cls.isSubtypeOf('EventBus.EventPublishSuccessCallback') ||
        callback.cls.isSubtypeOf('EventBus.EventPublishFailureCallback')
      )
    )
      ctx.throwApex(
        'System.IllegalArgumentException',
        'EventBus.publish: the callback must implement EventBus.EventPublishSuccessCallback or EventBus.EventPublishFailureCallback'
      );
    const results = this.publish([...events]);
    this.publishCallbacks.register(
      events.filter((_, i) => results[i]?.success),
      callback
    );
    const values = results.map((r) => resultValue('Database.SaveResult', r));
    return single ? (values[0] ?? null) : new ApexList(typeRef('Database.SaveResult'), values);
  }

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

  /**
   * Test.calculatePermissionSetGroup(psgIds) (Apex Reference, "Test Class": "Calculates aggregate
   * permissions in specified permission set groups for testing"): each group's Status becomes
   * Updated; the users' permissions are computed again (a group grants what its components grant).
   */
  calculatePermissionSetGroup(ctx: NativeCallContext, ids: readonly string[]): void {
    for (const id of ids) {
      const row = this.store.get(id);
      if (!row || row.deleted || row.type !== 'PermissionSetGroup')
        ctx.throwApex(
          'System.InvalidParameterValueException',
          `Test.calculatePermissionSetGroup: ${id} is not the Id of a permission set group`
        );
      this.store.update(row, [['status', 'Updated']]);
    }
    this.access.invalidate();
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

  /** A large value a native hands to Apex: measured on the heap now (runtime/platform.ts). */
  allocated(_ctx: NativeCallContext, values: readonly ApexValue[]): void {
    this.checkHeap(values);
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

  customLabel(ctx: NativeCallContext, lcName: string): string | undefined {
    const label = customLabel(this.metadata, lcName, this.schema.names.namespace());
    if ('hidden' in label)
      ctx.throwApex('System.NoAccessException', String(this.customLabelProblem(lcName)));
    return 'value' in label ? label.value : undefined;
  }

  customLabelProblem(lcName: string): string | null {
    const label = customLabel(this.metadata, lcName, this.schema.names.namespace());
    if ('value' in label) return null;
    if ('missing' in label) return `Custom label does not exist: ${lcName}`;
    return `Custom label ${label.hidden} is protected: only code of its namespace can read it`;
  }

  /**
   * System.requestVersion: the installed package's version, to the package's own code only (code
   * outside a managed package has no package version; the local org installs one only when told).
   */
  requestVersion(): NativeObject {
    const [major, minor] = (this.packageVersion ?? '').split('.').map(Number);
    if (!this.schema.names.namespace() || !Number.isInteger(major) || !Number.isInteger(minor))
      throw new UnsupportedError(
        'System.requestVersion outside a managed package with an installed version (OrgOptions.packageVersion)'
      );
    return new NativeObject('System.Version', { major, minor, patch: null });
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

  /**
   * `UserInfo.getSessionId()`: a session of the running user in a synchronous transaction (a
   * request, anonymous Apex); null in asynchronous Apex (Queueable, Batch, future, scheduled,
   * finalizers, event triggers) and in Apex tests, which the platform runs asynchronously.
   */
  sessionId(): string | null {
    if (this.tests.inTestMethod || !this.inTransaction) return null;
    const kind = this.tx().kind;
    return kind === 'sync' || kind === 'rest' ? sessionIdFor(this, this.currentUserId()) : null;
  }

  protected sendCallout(
    req: HttpRequestData,
    namedCredential: string | null
  ): HttpResponseData | null {
    // The org's own domain (Url.getOrgDomainUrl) with a session of this org: served here.
    if (!namedCredential && isOwnDomain(req.endpoint)) return ownDomainCallout(this, req);
    return this.calloutHandler ? this.calloutHandler(this, req, namedCredential) : null;
  }
}

class AnonymousFailure extends Error {}

function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/**
 * The namespace of each Apex file: `opts.namespace` for the package's sources, none for the
 * directories of `opts.subscriberSource` (the org's own code).
 */
function packageNamespace(opts: OrgOptions): (path: string) => { namespace?: string } {
  const namespace = opts.namespace;
  if (!namespace) return () => ({});
  if (!/^[A-Za-z][A-Za-z0-9]{0,14}$/.test(namespace) || namespace.includes('__'))
    throw new Error(
      `Invalid namespace prefix ${JSON.stringify(namespace)}: 1 to 15 alphanumeric characters starting with a letter`
    );
  const own = (opts.subscriberSource ?? []).map((d) => resolvePath(d) + sep);
  return (path) => (own.some((d) => resolvePath(path).startsWith(d)) ? {} : { namespace });
}
