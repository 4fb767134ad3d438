/**
 * The boundary between the Apex language runtime (front/binder/exec/stdlib) and the platform
 * (schema, data, SOQL/DML, triggers, async, callouts, limits: `src/platform/`).
 *
 * - The interpreter calls the platform through `ApexPlatform`. Every method names the Apex it serves.
 * - The platform calls back into Apex through `ApexRuntime` (run a trigger, call `execute` on a
 *   Queueable, create an instance by type name, run a test method...).
 * - Classes implemented in TypeScript (by stdlib or by the platform: `Database.SaveResult`,
 *   `HttpRequest`, `Schema.DescribeFieldResult`...) are registered as `NativeClassDef`s.
 *
 * `UnsupportedPlatform` is the fail-loudly default: every call throws
 * `Unsupported by the local org: <feature> at file:line`.
 */
import type { ApexId, ApexList, ApexObject, ApexSObject, ApexValue, TypeRef } from './values.js';

// ---------------------------------------------------------------------------------------------
// Locations and errors

export interface SourcePos {
  /** Path of the source file as loaded (relative to the project when possible). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export function posText(pos: SourcePos | undefined): string {
  return pos ? `${pos.file}:${pos.line}` : '<unknown>';
}

/** A feature the local org does not implement. Never caught by Apex `catch` blocks. */
export class UnsupportedError extends Error {
  constructor(
    readonly feature: string,
    readonly pos?: SourcePos
  ) {
    super(`Unsupported by the local org: ${feature} at ${posText(pos)}`);
    this.name = 'UnsupportedError';
  }
}

/**
 * An Apex exception in flight. `exception` is the Apex exception object (an ApexObject whose
 * `exception` state carries message/cause/line). Catchable by Apex unless `uncatchable`
 * (System.LimitException, assertion failures in some forms).
 */
export class ApexThrow extends Error {
  constructor(
    readonly exception: ApexObject,
    readonly uncatchable = false
  ) {
    super(exception.exception?.message ?? exception.cls.name);
    this.name = 'ApexThrow';
  }
}

// ---------------------------------------------------------------------------------------------
// Schema (the binder resolves `Account.Name`, `acc.Owner.Name` through this)

export interface SObjectFieldInfo {
  /** Canonical API name, e.g. 'Name', 'AccountId', 'S2S_Status__c'. */
  readonly name: string;
  /** Apex type of the field value: Id, String, Integer, Decimal, Double, Boolean, Date, Datetime, Time, Blob. */
  readonly type: TypeRef;
  /** For lookups/master-detail: the relationship name ('Account', 'Parent__r') and target types. */
  readonly relationshipName?: string;
  readonly referenceTo?: readonly string[];
}

export interface SObjectChildRelationship {
  /** e.g. 'Contacts' on Account. */
  readonly relationshipName: string;
  readonly childSObject: string;
  readonly field: string;
}

export interface SObjectTypeInfo {
  /** Canonical API name: 'Account', 'S2S_Outbox__c', 'AccountChangeEvent'. */
  readonly name: string;
  readonly keyPrefix?: string;
  /** Field by lower-case API name. */
  field(lcName: string): SObjectFieldInfo | undefined;
  /** Parent relationship by lower-case relationship name ('owner', 'parent__r'). */
  parentRelationship(lcName: string): SObjectFieldInfo | undefined;
  /** Child relationship by lower-case name ('contacts'). */
  childRelationship(lcName: string): SObjectChildRelationship | undefined;
}

// ---------------------------------------------------------------------------------------------
// SOQL / SOSL

export type AccessLevel = 'USER_MODE' | 'SYSTEM_MODE';

export interface QueryRequest {
  /**
   * The query text as written. Inline: the text between `[` and `]`, binds left as written
   * (`:ids`, `:acc.Id`, `:(x + 1)`). Dynamic: the String given to Database.query.
   */
  readonly text: string;
  readonly kind: 'inline' | 'dynamic';
  /**
   * Value of a bind. `expr` is the bind text after the colon with whitespace removed, as the
   * apex-parser's bind expression gives it (`ids`, `acc.Id`, `(x+1)`). For dynamic SOQL it is a
   * variable name looked up in the calling scope, or in the `bindMap` of queryWithBinds.
   * Throws `System.QueryException: Variable does not exist: x` when unknown.
   */
  resolveBind(expr: string): ApexValue;
  /** `Database.query(q, AccessLevel.USER_MODE)` / `queryWithBinds(..., level)`; inline uses WITH clauses. */
  readonly accessLevel: AccessLevel | null;
  /** True for `for (Account a : [SELECT ...])` (the platform may fetch in chunks of 200). */
  readonly forLoop: boolean;
  readonly pos: SourcePos;
}

// ---------------------------------------------------------------------------------------------
// DML

export type DmlOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'undelete' | 'merge';

export interface DmlRequest {
  readonly op: DmlOperation;
  /** Records (for delete/undelete by Id, records holding only Id are built by the interpreter). */
  readonly records: readonly ApexSObject[];
  /** True for `insert acc;` / `Database.insert(acc)` on a single record (result is one value, not a list). */
  readonly single: boolean;
  /**
   * true: a DML statement or Database.x(recs) (throw System.DmlException on first error);
   * false: Database.x(recs, false) (return results with errors).
   */
  readonly allOrNone: boolean;
  /** `insert as user` / `Database.insert(recs, AccessLevel.USER_MODE)`; null = system mode default. */
  readonly accessLevel: AccessLevel | null;
  /** upsert: external Id field (`upsert recs Account.Ext__c;`), null = by Id. */
  readonly externalIdField?: string | null;
  /** merge: the master record and the duplicates (records = duplicates). */
  readonly mergeMaster?: ApexSObject;
  /** Database.DMLOptions when given (opaque, built by the platform's native DMLOptions class). */
  readonly options?: ApexValue;
  readonly pos: SourcePos;
}

// ---------------------------------------------------------------------------------------------
// Triggers

export type TriggerOperation =
  | 'BEFORE_INSERT'
  | 'BEFORE_UPDATE'
  | 'BEFORE_DELETE'
  | 'AFTER_INSERT'
  | 'AFTER_UPDATE'
  | 'AFTER_DELETE'
  | 'AFTER_UNDELETE';

export interface TriggerInfo {
  readonly name: string;
  /** Canonical SObject name the trigger is on. */
  readonly sobject: string;
  readonly events: readonly TriggerOperation[];
  readonly file: string;
}

/** Context variables of one trigger invocation (`Trigger.new`, `Trigger.oldMap`...). */
export interface TriggerContext {
  readonly operation: TriggerOperation;
  readonly newRecords: ApexList | null;
  readonly oldRecords: ApexList | null;
  readonly newMap: ApexValue;
  readonly oldMap: ApexValue;
  readonly size: number;
}

// ---------------------------------------------------------------------------------------------
// Running user, limits, time

export interface RunningUser {
  readonly id: string;
  readonly userName: string;
  readonly name: string;
  readonly firstName: string | null;
  readonly lastName: string;
  readonly email: string;
  readonly profileId: string;
  readonly roleId: string | null;
  readonly userType: string;
  /** IANA zone: Date/Datetime formatting and Date.today() follow it. */
  readonly timeZone: string;
  readonly locale: string;
  readonly language: string;
  readonly defaultCurrency: string;
  readonly organizationId: string;
  readonly organizationName: string;
}

/** Names as in `Limits.getQueries()` without the `get`: 'Queries', 'DMLRows', 'Callouts', 'CpuTime'... */
export type LimitName = string;

// ---------------------------------------------------------------------------------------------
// Native classes (implemented in TypeScript, visible to Apex as ordinary classes)

/** What a native implementation may do: know where it is called from and call back into Apex. */
export interface NativeCallContext {
  readonly pos: SourcePos;
  readonly runtime: ApexRuntime;
  readonly platform: ApexPlatform;
  /** Build and throw a platform exception: `ctx.throwApex('System.DmlException', 'Insert failed...')`. */
  throwApex(typeName: string, message: string, data?: unknown): never;
}

export interface NativeMethodDef {
  readonly name: string;
  /** Parameter types for overload resolution and argument conversion; the binder checks arity and types. */
  readonly params: readonly TypeRef[];
  readonly returns: TypeRef;
  readonly isStatic: boolean;
  /** `self` is the receiver (null for statics); arguments already converted to `params`. */
  impl(ctx: NativeCallContext, self: ApexValue, args: ApexValue[]): ApexValue;
}

export interface NativeClassDef {
  /** Canonical name incl. namespace: 'System.HttpRequest', 'Database.SaveResult', 'Schema.DescribeFieldResult'. */
  readonly name: string;
  /** Names it may be referred to by without namespace ('HttpRequest'); System and Schema are implicit. */
  readonly aliases?: readonly string[];
  /** Interfaces it implements / class it extends (canonical names), for instanceof and assignment. */
  readonly supertypes?: readonly string[];
  /** Constructors (`name` ignored). Absent: the class cannot be constructed with `new`. */
  readonly constructors?: readonly NativeMethodDef[];
  readonly methods: readonly NativeMethodDef[];
  /** Static properties (`Schema.SObjectType.Account` style chains use `staticProperty`). */
  staticProperty?(ctx: NativeCallContext, name: string): ApexValue | undefined;
  /** Assigning a static property (`RestContext.request = req`); false = no such property. */
  setStaticProperty?(ctx: NativeCallContext, name: string, value: ApexValue): boolean;
  /** Instance properties read as fields (`describeResult.fields`, `error.statusCode`...). */
  property?(ctx: NativeCallContext, self: ApexValue, name: string): ApexValue | undefined;
  /** Instance properties assigned as fields (`options.DuplicateSignature = sig`); false = no such property. */
  setProperty?(ctx: NativeCallContext, self: ApexValue, name: string, value: ApexValue): boolean;
  /** Platform enums (Schema.DisplayType...): constants in ordinal order, for `switch on` and `values()`. */
  readonly enumValues?: readonly string[];
  /** JSON.serialize of an instance: the untyped value (Map<String, Object>...) written in its place. */
  toJson?(ctx: NativeCallContext, self: ApexValue): ApexValue;
  /** JSON.deserialize into this class: an instance built from the untyped value of the JSON. */
  fromJson?(ctx: NativeCallContext, untyped: ApexValue): ApexValue;
}

// ---------------------------------------------------------------------------------------------
// The platform

export interface ApexPlatform {
  // --- Schema -------------------------------------------------------------------------------
  /** An SObject type by name (case-insensitive; with or without `Schema.`), or null. */
  sobjectType(name: string): SObjectTypeInfo | null;
  /** Native classes the platform implements (Database.SaveResult, Schema.*, Http*, EventBus, ...). */
  nativeClasses(): readonly NativeClassDef[];
  /** `Account.SObjectType`, `Schema.Account.SObjectType`: the Schema.SObjectType token. */
  sobjectTypeToken(ctx: NativeCallContext, sobject: string): ApexValue;
  /** `Account.Name`, `Account.SObjectType.fields.Name`, `Schema.Account.Name`: the Schema.SObjectField token. */
  sobjectFieldToken(ctx: NativeCallContext, sobject: string, field: string): ApexValue;
  /** `Schema.SObjectType.Account` (describe result via the static Schema chain). */
  describeSObject(ctx: NativeCallContext, sobject: string): ApexValue;
  /** `new Account(Name='x')` and `SObjectType.newSObject()`: defaults (record type, default field values). */
  newSObject(ctx: NativeCallContext, sobject: string): ApexSObject;

  // --- SOQL / SOSL --------------------------------------------------------------------------
  /**
   * `[SELECT ...]`, `Database.query`, `Database.queryWithBinds`, `Database.countQuery`, SOQL for loops.
   * Returns a List<SObject> (element type = the FROM object), a List<AggregateResult>,
   * or an Integer for `SELECT COUNT() ...`.
   */
  query(ctx: NativeCallContext, req: QueryRequest): ApexValue;
  /** `[FIND ... RETURNING ...]`, `Search.query`: a List<List<SObject>>. */
  search(ctx: NativeCallContext, req: QueryRequest): ApexValue;

  // --- DML ----------------------------------------------------------------------------------
  /**
   * DML statements (`insert recs;`) and `Database.insert/update/upsert/delete/undelete/merge`.
   * Returns the Database.*Result (or a List of them); throws System.DmlException when allOrNone.
   */
  dml(ctx: NativeCallContext, req: DmlRequest): ApexValue;
  /** `Test.loadData(sobjectType, resourceName)`: inserts the records of a CSV static resource. */
  loadData?(ctx: NativeCallContext, sobjectType: ApexValue, resourceName: string): ApexValue;
  /** `Database.setSavepoint()`: an opaque System.Savepoint value. */
  setSavepoint(ctx: NativeCallContext): ApexValue;
  /** `Database.rollback(sp)`. */
  rollback(ctx: NativeCallContext, savepoint: ApexValue): void;

  // --- Async, events, callouts --------------------------------------------------------------
  /** `System.enqueueJob(job)` / `System.enqueueJob(job, delay|asyncOptions)`: returns the AsyncApexJob Id. */
  enqueueJob(ctx: NativeCallContext, job: ApexObject, options: ApexValue): ApexId;
  /** `Database.executeBatch(batch, scope)`: returns the AsyncApexJob Id. */
  executeBatch(ctx: NativeCallContext, batch: ApexObject, scope: number): ApexId;
  /** `System.schedule(name, cron, job)`: returns the CronTrigger Id. */
  schedule(ctx: NativeCallContext, name: string, cron: string, job: ApexObject): ApexId;
  /** A call to an `@future` method: the platform queues it and later calls `runtime.callStatic`. */
  callFuture(
    ctx: NativeCallContext,
    className: string,
    method: string,
    args: ApexValue[],
    callout: boolean
  ): void;
  /** `System.attachFinalizer(f)` inside a Queueable. */
  attachFinalizer(ctx: NativeCallContext, finalizer: ApexObject): void;
  /** `EventBus.publish(event | events)`: Database.SaveResult or a List of them. */
  publishEvents(ctx: NativeCallContext, events: readonly ApexSObject[], single: boolean): ApexValue;
  /** `new Http().send(request)`: the HttpResponse (request/response are the platform's native objects). */
  httpSend(ctx: NativeCallContext, request: ApexValue): ApexValue;

  // --- Tests --------------------------------------------------------------------------------
  /** `Test.setMock(HttpCalloutMock.class, mock)`. */
  setMock(ctx: NativeCallContext, iface: TypeRef, mock: ApexValue): void;
  /** `Test.startTest()`: fresh limits. */
  startTest(ctx: NativeCallContext): void;
  /** `Test.stopTest()`: runs async work enqueued since startTest, restores limits. */
  stopTest(ctx: NativeCallContext): void;
  /** `System.runAs(user) { body }`: runs `body` as that user (and in its own limits context). */
  runAs(ctx: NativeCallContext, user: ApexSObject, body: () => void): void;
  /** The runner calls these around each test method: data store snapshot, fresh transaction. */
  beginTestMethod(className: string, method: string): void;
  endTestMethod(className: string, method: string): void;
  /** Snapshot of the data store after @TestSetup, restored before each test method of the class. */
  snapshotData(): unknown;
  restoreData(snapshot: unknown): void;

  // --- Limits, user, clock ------------------------------------------------------------------
  /** `Limits.getQueries()` (kind 'used') / `Limits.getLimitQueries()` (kind 'max'). */
  limit(ctx: NativeCallContext, name: LimitName, kind: 'used' | 'max'): number;
  /**
   * A large value a native is about to hand to Apex (a Blob, its base64 text): the heap is measured
   * with it, so a transaction that builds one past the heap limit fails there with
   * System.LimitException "Apex heap size too large", as on the platform.
   */
  allocated?(ctx: NativeCallContext, values: readonly ApexValue[]): void;
  /** `UserInfo.*`, and the time zone for Date/Datetime. */
  runningUser(): RunningUser;
  /** `UserInfo.getSessionId()`: the running user's API session, null where Apex has none (async). */
  sessionId?(): string | null;
  /** Milliseconds since epoch of "now" (the World's clock may be advanced). */
  nowMs(): number;
  /** `System.debug(level, msg)` sink. */
  debug(level: string, message: string, pos: SourcePos): void;
  /** `System.Label.Name`: a custom label's value for the running user's language (lcName is lower case); undefined when unknown. */
  customLabel?(ctx: NativeCallContext, lcName: string): string | undefined;
  /**
   * Why the code naming it now cannot read the custom label `lcName` (`ns.name`: a managed
   * package's; `name`: of the caller's namespace), or null when it can (checked at compile time).
   */
  customLabelProblem?(lcName: string): string | null;
  /** `System.isBatch()`, `isFuture()`, `isQueueable()`, `isScheduled()`; absent = false. */
  isBatch?(ctx: NativeCallContext): boolean;
  isFuture?(ctx: NativeCallContext): boolean;
  isQueueable?(ctx: NativeCallContext): boolean;
  isScheduled?(ctx: NativeCallContext): boolean;
  /** `Test.setFixedSearchResults(ids)`: the Ids SOSL returns in this test (18-character strings). */
  setFixedSearchResults?(ctx: NativeCallContext, ids: readonly string[]): void;
  /** `Database.emptyRecycleBin(recordsOrIds)`: Database.EmptyRecycleBinResult(s). */
  emptyRecycleBin?(
    ctx: NativeCallContext,
    records: readonly ApexSObject[],
    single: boolean
  ): ApexValue;
  /** `Test.setCreatedDate(recordId, createdDatetime)`: the record's CreatedDate (epoch ms) in this test. */
  setCreatedDate?(ctx: NativeCallContext, recordId: string, epochMs: number): void;
  /** `someId.getSObjectType()`: the Schema.SObjectType token of a key prefix. */
  sobjectTypeTokenByPrefix?(ctx: NativeCallContext, prefix: string): ApexValue;
}

/** Default platform: the language runs, anything that needs an org fails loudly. */
export class UnsupportedPlatform implements ApexPlatform {
  private fail(feature: string, ctx?: NativeCallContext): never {
    throw new UnsupportedError(feature, ctx?.pos);
  }
  sobjectType(name: string): SObjectTypeInfo | null {
    void name; // no schema: no name is an SObject type
    return null;
  }
  nativeClasses(): readonly NativeClassDef[] {
    return [];
  }
  sobjectTypeToken(ctx: NativeCallContext, s: string): ApexValue {
    return this.fail(`${s}.SObjectType (Schema)`, ctx);
  }
  sobjectFieldToken(ctx: NativeCallContext, s: string, f: string): ApexValue {
    return this.fail(`${s}.${f} field token (Schema)`, ctx);
  }
  describeSObject(ctx: NativeCallContext, s: string): ApexValue {
    return this.fail(`Schema.SObjectType.${s} describe`, ctx);
  }
  newSObject(ctx: NativeCallContext, s: string): ApexSObject {
    return this.fail(`new ${s}() (no schema loaded)`, ctx);
  }
  query(ctx: NativeCallContext): ApexValue {
    return this.fail('SOQL query', ctx);
  }
  search(ctx: NativeCallContext): ApexValue {
    return this.fail('SOSL search', ctx);
  }
  dml(ctx: NativeCallContext, req: DmlRequest): ApexValue {
    return this.fail(`DML ${req.op}`, ctx);
  }
  setSavepoint(ctx: NativeCallContext): ApexValue {
    return this.fail('Database.setSavepoint', ctx);
  }
  rollback(ctx: NativeCallContext): void {
    this.fail('Database.rollback', ctx);
  }
  enqueueJob(ctx: NativeCallContext): ApexId {
    return this.fail('System.enqueueJob', ctx);
  }
  executeBatch(ctx: NativeCallContext): ApexId {
    return this.fail('Database.executeBatch', ctx);
  }
  schedule(ctx: NativeCallContext): ApexId {
    return this.fail('System.schedule', ctx);
  }
  callFuture(ctx: NativeCallContext, c: string, m: string): void {
    this.fail(`@future method ${c}.${m}`, ctx);
  }
  attachFinalizer(ctx: NativeCallContext): void {
    this.fail('System.attachFinalizer', ctx);
  }
  publishEvents(ctx: NativeCallContext): ApexValue {
    return this.fail('EventBus.publish', ctx);
  }
  httpSend(ctx: NativeCallContext): ApexValue {
    return this.fail('Http.send', ctx);
  }
  setMock(ctx: NativeCallContext): void {
    this.fail('Test.setMock', ctx);
  }
  startTest(): void {
    // Nothing to reset without a platform: no limits, no async work.
  }
  stopTest(): void {
    // Nothing enqueued can exist without a platform (enqueue fails loudly).
  }
  runAs(ctx: NativeCallContext): void {
    this.fail('System.runAs', ctx);
  }
  beginTestMethod(): void {}
  endTestMethod(): void {}
  snapshotData(): unknown {
    return null;
  }
  restoreData(): void {}
  limit(ctx: NativeCallContext, name: LimitName): number {
    return this.fail(`Limits.get${name}`, ctx);
  }
  runningUser(): RunningUser {
    return {
      id: '005000000000001AAA',
      userName: 'admin@localorg.test',
      name: 'Local Admin',
      firstName: 'Local',
      lastName: 'Admin',
      email: 'admin@localorg.test',
      profileId: '00e000000000001AAA',
      roleId: null,
      userType: 'Standard',
      timeZone: 'America/Los_Angeles',
      locale: 'en_US',
      language: 'en_US',
      defaultCurrency: 'USD',
      organizationId: '00D000000000001AAA',
      organizationName: 'Local Org'
    };
  }
  nowMs(): number {
    return Date.now();
  }
  debug(level: string, message: string, pos: SourcePos): void {
    if (process.env.LOCALORG_DEBUG)
      process.stderr.write(`${posText(pos)}|USER_DEBUG|[${level}]|${message}\n`);
  }
}

// ---------------------------------------------------------------------------------------------
// The runtime API the platform (and the runner, and the World) use

export interface SourceFile {
  /** Path shown in messages and coverage. */
  readonly path: string;
  readonly text: string;
  readonly kind: 'class' | 'trigger';
  /**
   * Namespace of the managed package the file belongs to (`s2s`); absent for the org's own code.
   * Package code resolves its own names implicitly; other code writes `ns.ClassName` and reaches
   * only global classes and members (exec/namespace.ts).
   */
  readonly namespace?: string;
}

export interface CompileDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface AnnotationInfo {
  /** Lower-case annotation name: 'istest', 'future', 'restresource', 'httpget', 'testsetup', 'invocablemethod'. */
  readonly name: string;
  /** Lower-case parameter name → value text with quotes removed ('urlmapping' → '/sync/*'). */
  readonly params: ReadonlyMap<string, string>;
}

export interface MethodInfo {
  readonly name: string;
  readonly isStatic: boolean;
  readonly paramTypes: readonly TypeRef[];
  /** Parameter names as declared (Apex REST binds JSON body keys to them). */
  readonly paramNames: readonly string[];
  readonly returnType: TypeRef;
  readonly annotations: readonly AnnotationInfo[];
}

export interface ClassInfo {
  /** Canonical name ('MyClass', 'MyClass.Inner'). */
  readonly name: string;
  readonly file: string;
  readonly kind: 'class' | 'interface' | 'enum';
  readonly annotations: readonly AnnotationInfo[];
  readonly sharing: 'with' | 'without' | 'inherited' | null;
  readonly methods: readonly MethodInfo[];
  /** Canonical names of the superclass and interfaces, transitively. */
  readonly supertypes: readonly string[];
  /** Set when the class (or a dependency) failed to compile; its tests fail with this message. */
  readonly compileError: string | null;
  /** The managed package's namespace the class belongs to (lower case), null for the org's own. */
  readonly namespace?: string | null;
}

export interface TestMethodResult {
  readonly className: string;
  readonly methodName: string;
  readonly outcome: 'Pass' | 'Fail';
  readonly message: string | null;
  readonly stackTrace: string | null;
  readonly runTimeMs: number;
}

export interface ApexRuntime {
  readonly platform: ApexPlatform;
  /** Compile errors of the loaded sources (a failing class still loads; its use fails with the error). */
  readonly diagnostics: readonly CompileDiagnostic[];
  /** Every class, interface and enum, inner ones included. */
  classes(): readonly ClassInfo[];
  classInfo(name: string): ClassInfo | null;
  triggers(): readonly TriggerInfo[];
  /** `@IsTest` classes with their test methods (`@IsTest` or `testMethod`). */
  testClasses(): readonly { className: string; methods: readonly string[] }[];
  /** Runs one test method in a fresh context: statics reset, @TestSetup data restored. */
  runTest(className: string, methodName: string): TestMethodResult;
  /** `ClassName.method(args)` — REST handlers, @future bodies, invocables. */
  callStatic(className: string, method: string, args: ApexValue[]): ApexValue;
  /** `obj.method(args)` — Queueable.execute, Batchable.start/execute/finish, Schedulable.execute, mocks. */
  callMethod(target: ApexValue, method: string, args: ApexValue[]): ApexValue;
  /** `Type.forName(name).newInstance()`: no-arg constructor. */
  newInstance(typeName: string): ApexValue;
  /** Runs the body of a trigger with its context variables (the platform decides when). */
  runTrigger(triggerName: string, ctx: TriggerContext): void;
  /**
   * Executes anonymous Apex; compile errors and uncaught exceptions come back in the result.
   * `namespace`: compiled as code of that package's namespace (as in the package's namespaced
   * development org); without it, as the org's own code.
   */
  executeAnonymous(
    source: string,
    namespace?: string
  ): {
    success: boolean;
    compileProblem: string | null;
    exceptionMessage: string | null;
    exceptionStackTrace: string | null;
  };
  /** Builds an Apex exception object of a built-in or user type, e.g. for the platform's throws. */
  newException(typeName: string, message: string, pos?: SourcePos): ApexObject;
  /**
   * Sharing mode of the code running now, for `with sharing` enforcement: the innermost Apex frame's
   * class (inner classes without a declaration take their outer class's; `inherited sharing` and no
   * declaration take the caller's). Null outside Apex; 'without' for anonymous Apex and triggers.
   */
  currentSharing(): { className: string; sharing: 'with' | 'without' } | null;
  /**
   * Namespace of the code naming things now: the class being compiled, else the innermost Apex
   * frame's class (a managed package's lower-case prefix, null for the org's own code and outside
   * Apex). The schema resolves unprefixed custom names in it first (docs/localorg.md, "Namespaces").
   */
  currentNamespace?(): string | null;
  /** A context to call native helpers with outside Apex code (platform tests, REST entry points). */
  nativeContext(pos?: SourcePos): NativeCallContext;
  /**
   * Bytes of Apex values the running code holds (its frames and statics, plus `extra` values about
   * to be handed to it), sized as runtime/heap.ts documents.
   */
  heapSize?(extra?: readonly ApexValue[]): number;
}
