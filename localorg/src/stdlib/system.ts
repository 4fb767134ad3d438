/**
 * System, Assert, Test, Limits, UserInfo, Trigger, Type, built-in enums and interfaces, and the
 * Database entry points (delegated to the platform).
 */
import {
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexDouble,
  apexEquals,
  ApexEnumValue,
  ApexId,
  ApexList,
  ApexMap,
  ApexObject,
  ApexSObject,
  ApexTypeValue,
  type ApexValue,
  NativeObject,
  T_OBJECT,
  T_STRING,
  keyEquals,
  typeRef,
  typeToString
} from '../runtime/values.js';
import {
  type AccessLevel,
  type DmlOperation,
  type NativeCallContext
} from '../runtime/platform.js';
import type { BuiltinClass, BuiltinContext } from '../runtime/builtins.js';
import { throwApex, unsupported } from '../runtime/errors.js';
import { stringOf, toId } from '../runtime/ops.js';
import { zonedParts } from '../runtime/tz.js';

/** This family's classes; `stdlib/index.ts` registers them into each org's registry. */
export const systemClasses: BuiltinClass[] = [];

// ---------------------------------------------------------------------------------------------
// Built-in enums and interfaces

const enums: [string, string[]][] = [
  [
    'System.RoundingMode',
    ['CEILING', 'DOWN', 'FLOOR', 'HALF_DOWN', 'HALF_EVEN', 'HALF_UP', 'UNNECESSARY', 'UP']
  ],
  ['System.LoggingLevel', ['NONE', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'FINE', 'FINER', 'FINEST']],
  [
    'System.TriggerOperation',
    [
      'BEFORE_INSERT',
      'BEFORE_UPDATE',
      'BEFORE_DELETE',
      'AFTER_INSERT',
      'AFTER_UPDATE',
      'AFTER_DELETE',
      'AFTER_UNDELETE'
    ]
  ],
  ['System.AccessLevel', ['USER_MODE', 'SYSTEM_MODE']],
  // Apex Reference, "Quiddity Enum" (values in documented order).
  [
    'System.Quiddity',
    [
      'ANONYMOUS',
      'AURA',
      'BATCH_ACS',
      'BATCH_APEX',
      'BATCH_CHUNK_PARALLEL',
      'BATCH_CHUNK_SERIAL',
      'BULK_API',
      'COMMERCE_INTEGRATION',
      'DISCOVERABLE_LOGIN',
      'EXTERNAL_SERVICE_CALLBACK',
      'FUNCTION_CALLBACK',
      'FUTURE',
      'INBOUND_EMAIL_SERVICE',
      'INVOCABLE_ACTION',
      'PLATFORM_EVENT_PUBLISH_CALLBACK',
      'POST_INSTALL_SCRIPT',
      'QUEUEABLE',
      'QUICK_ACTION',
      'REMOTE_ACTION',
      'REST',
      'RUNTEST_ASYNC',
      'RUNTEST_DEPLOY',
      'RUNTEST_SYNC',
      'SCHEDULED',
      'SOAP',
      'SYNCHRONOUS',
      'TRANSACTION_FINALIZER_QUEUEABLE',
      'VF'
    ]
  ],
  ['System.AccessType', ['CREATABLE', 'READABLE', 'UPDATABLE', 'UPSERTABLE']],
  [
    'System.JSONToken',
    [
      'END_ARRAY',
      'END_OBJECT',
      'FIELD_NAME',
      'NOT_AVAILABLE',
      'START_ARRAY',
      'START_OBJECT',
      'VALUE_EMBEDDED_OBJECT',
      'VALUE_FALSE',
      'VALUE_NULL',
      'VALUE_NUMBER_FLOAT',
      'VALUE_NUMBER_INT',
      'VALUE_STRING',
      'VALUE_TRUE'
    ]
  ],
  ['System.ParentJobResult', ['SUCCESS', 'UNHANDLED_EXCEPTION']]
];
for (const [name, values] of enums) systemClasses.push({ name, enumValues: values });

const interfaces = [
  'System.Comparable',
  'System.Comparator',
  'System.Queueable',
  'System.Schedulable',
  'System.HttpCalloutMock',
  'System.WebServiceMock',
  'System.Finalizer',
  'System.Callable',
  'System.Iterable',
  'System.Iterator',
  'System.StubProvider',
  'System.InstallHandler',
  'System.UninstallHandler',
  'Database.Batchable',
  'Database.Stateful',
  'Database.AllowsCallouts',
  'Database.RaisesPlatformEvents',
  'Messaging.InboundEmailHandler',
  'Auth.RegistrationHandler',
  'Process.Plugin',
  // Context types handed to async Apex; the platform supplies their implementations.
  'System.QueueableContext',
  'System.SchedulableContext',
  'System.FinalizerContext',
  'Database.BatchableContext'
];
for (const name of interfaces)
  systemClasses.push({
    name,
    isInterface: true,
    aliases: name.startsWith('System.') ? [] : [name.toLowerCase()]
  });

/** Methods of every enum value (user and built-in). */
systemClasses.push({
  name: '<enum>',
  methods: {
    name: (_c, self: ApexEnumValue) => self.name,
    ordinal: (_c, self: ApexEnumValue) => self.ordinal,
    equals: (_c, self: ApexEnumValue, a) => keyEquals(self, a[0]),
    hashcode: (_c, self: ApexEnumValue) => self.ordinal,
    tostring: (_c, self: ApexEnumValue) => self.name
  }
});

// ---------------------------------------------------------------------------------------------
// Assertions (uncatchable, as on the platform)

function fail(message: string): never {
  throwApex('System.AssertException', message);
}

function withMsg(msg: ApexValue, detail: string): string {
  return msg === null || msg === undefined
    ? `Assertion Failed: ${detail}`
    : `Assertion Failed: ${stringOf(msg)}: ${detail}`;
}

function plainMsg(msg: ApexValue | undefined): string {
  return msg === null || msg === undefined
    ? 'Assertion Failed'
    : `Assertion Failed: ${stringOf(msg)}`;
}

/** Assert equality: Object.equals semantics, but numbers compare by value across types and scales. */
function sameValue(x: ApexValue, y: ApexValue): boolean {
  const num = (v: ApexValue) =>
    typeof v === 'number' ||
    typeof v === 'bigint' ||
    v instanceof ApexDecimal ||
    v instanceof ApexDouble;
  if (num(x) && num(y)) return apexEquals(x, y);
  return keyEquals(x, y);
}

function assertEquals(a: ApexValue[]): ApexValue {
  if (!sameValue(a[0], a[1]))
    fail(withMsg(a[2] ?? null, `Expected: ${stringOf(a[0])}, Actual: ${stringOf(a[1])}`));
  return null;
}

function assertNotEquals(a: ApexValue[]): ApexValue {
  if (sameValue(a[0], a[1])) fail(withMsg(a[2] ?? null, `Same value: ${stringOf(a[1])}`));
  return null;
}

systemClasses.push({
  name: 'System.Assert',
  statics: {
    areequal: (_c, a) => assertEquals(a),
    arenotequal: (_c, a) => assertNotEquals(a),
    istrue: (_c, a) => {
      if (a[0] !== true)
        fail(
          a.length > 1
            ? plainMsg(a[1])
            : 'Assertion Failed: Expected: true, Actual: ' + stringOf(a[0])
        );
      return null;
    },
    isfalse: (_c, a) => {
      if (a[0] !== false)
        fail(
          a.length > 1
            ? plainMsg(a[1])
            : 'Assertion Failed: Expected: false, Actual: ' + stringOf(a[0])
        );
      return null;
    },
    isnull: (_c, a) => {
      if (a[0] !== null) fail(withMsg(a[1] ?? null, `Expected: null, Actual: ${stringOf(a[0])}`));
      return null;
    },
    isnotnull: (_c, a) => {
      if (a[0] === null) fail(withMsg(a[1] ?? null, 'Expected: not null, Actual: null'));
      return null;
    },
    isinstanceoftype: (_c, a) => {
      const t = (a[1] as ApexTypeValue).type;
      if (!isInstance(a[0], t))
        fail(
          withMsg(
            a[2] ?? null,
            `Expected: ${typeToString(t)}, Actual: ${a[0] === null ? 'null' : runtimeName(a[0])}`
          )
        );
      return null;
    },
    isnotinstanceoftype: (_c, a) => {
      const t = (a[1] as ApexTypeValue).type;
      if (isInstance(a[0], t)) fail(withMsg(a[2] ?? null, `Unexpected type: ${typeToString(t)}`));
      return null;
    },
    fail: (_c, a) => fail(a.length && a[0] !== null ? stringOf(a[0]) : 'Assertion Failed')
  }
});

import { isInstanceOf, runtimeTypeName } from '../runtime/values.js';

function isInstance(v: ApexValue, t: ReturnType<typeof typeRef>): boolean {
  return isInstanceOf(v, t);
}
function runtimeName(v: ApexValue): string {
  return runtimeTypeName(v);
}

// ---------------------------------------------------------------------------------------------
// System

const LEVELS = new Set(['NONE', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'FINE', 'FINER', 'FINEST']);

function optionalPlatform<T>(ctx: NativeCallContext, name: string): T | undefined {
  const fn = (ctx.platform as unknown as Record<string, unknown>)[name];
  return typeof fn === 'function'
    ? (fn as (c: NativeCallContext) => T).call(ctx.platform, ctx)
    : undefined;
}

systemClasses.push({
  name: 'System',
  aliases: ['system.system'],
  statics: {
    debug: (ctx, a) => {
      let level = 'DEBUG';
      let msg = a[0];
      if (a.length === 2) {
        level = a[0] instanceof ApexEnumValue ? a[0].name : String(a[0]);
        msg = a[1];
        if (!LEVELS.has(level)) level = 'DEBUG';
      }
      ctx.platform.debug(level, debugString(msg), ctx.pos);
      return null;
    },
    assert: (_c, a) => {
      if (a[0] !== true) fail(plainMsg(a.length > 1 ? a[1] : undefined));
      return null;
    },
    assertequals: (_c, a) => assertEquals(a),
    assertnotequals: (_c, a) => assertNotEquals(a),
    now: (ctx) => new ApexDatetime(ctx.platform.nowMs()),
    today: (ctx) => {
      const p = zonedParts(ctx.platform.nowMs(), ctx.platform.runningUser().timeZone);
      return new ApexDate(p.year, p.month, p.day);
    },
    currenttimemillis: (ctx) => BigInt(ctx.platform.nowMs()),
    enqueuejob: (ctx, a) => {
      if (!(a[0] instanceof ApexObject))
        throwApex('System.NullPointerException', 'Argument cannot be null.');
      return ctx.platform.enqueueJob(ctx, a[0], a.length > 1 ? a[1] : null);
    },
    schedule: (ctx, a) =>
      ctx.platform.schedule(ctx, stringOf(a[0]), stringOf(a[1]), a[2] as ApexObject),
    schedulebatch: () => unsupported('System.scheduleBatch'),
    abortjob: () => unsupported('System.abortJob'),
    attachfinalizer: (ctx, a) => {
      ctx.platform.attachFinalizer(ctx, a[0] as ApexObject);
      return null;
    },
    isbatch: (ctx) => optionalPlatform<boolean>(ctx, 'isBatch') ?? false,
    isfuture: (ctx) => optionalPlatform<boolean>(ctx, 'isFuture') ?? false,
    isqueueable: (ctx) => optionalPlatform<boolean>(ctx, 'isQueueable') ?? false,
    isscheduled: (ctx) => optionalPlatform<boolean>(ctx, 'isScheduled') ?? false,
    requestversion: () => unsupported('System.requestVersion'),
    getapplicationreadwritemode: () => unsupported('System.getApplicationReadWriteMode'),
    purgeoldasyncjobs: () => unsupported('System.purgeOldAsyncJobs'),
    hashcode: () => unsupported('System.hashCode')
  }
});

/** System.debug prints Datetimes in GMT and Strings unquoted. */
function debugString(v: ApexValue): string {
  if (v instanceof ApexDatetime) return v.toString();
  return stringOf(v);
}

// ---------------------------------------------------------------------------------------------
// Test, Limits, UserInfo

systemClasses.push({
  name: 'System.Test',
  statics: {
    isrunningtest: (ctx) => ctx.runtime.runningTest,
    starttest: (ctx) => {
      ctx.platform.startTest(ctx);
      return null;
    },
    stoptest: (ctx) => {
      ctx.platform.stopTest(ctx);
      return null;
    },
    setmock: (ctx, a) => {
      ctx.platform.setMock(ctx, (a[0] as ApexTypeValue).type, a[1]);
      return null;
    },
    getstandardpricebookid: (ctx) =>
      optionalPlatform<ApexValue>(ctx, 'standardPricebookId') ??
      unsupported('Test.getStandardPricebookId'),
    geteventbus: (ctx) =>
      optionalPlatform<ApexValue>(ctx, 'testEventBus') ?? unsupported('Test.getEventBus'),
    enablechangedatacapture: (ctx) =>
      optionalPlatform<ApexValue>(ctx, 'enableChangeDataCapture') ?? null,
    setfixedsearchresults: (ctx, a) => {
      if (!ctx.platform.setFixedSearchResults) unsupported('Test.setFixedSearchResults');
      const ids = a[0] instanceof ApexList ? a[0].items : [];
      ctx.platform.setFixedSearchResults(
        ctx,
        ids.map((x) => (x instanceof ApexId ? x.value : toId(stringOf(x)).value))
      );
      return null;
    },
    loaddata: (ctx, a) =>
      ctx.platform.loadData
        ? ctx.platform.loadData(ctx, a[0], stringOf(a[1]))
        : unsupported('Test.loadData'),
    setcurrentpage: () => unsupported('Test.setCurrentPage'),
    setcurrentpagereference: () => unsupported('Test.setCurrentPageReference'),
    isrunningtestasync: () => false,
    createstub: (ctx, a) => ctx.runtime.createStub((a[0] as ApexTypeValue).type, a[1]),
    testinstall: () => unsupported('Test.testInstall')
  }
});

const LIMIT_NAMES = [
  'AggregateQueries',
  'AsyncCalls',
  'Callouts',
  'CpuTime',
  'DMLRows',
  'DMLStatements',
  'EmailInvocations',
  'FutureCalls',
  'HeapSize',
  'MobilePushApexCalls',
  'PublishImmediateDML',
  'Queries',
  'QueryLocatorRows',
  'QueryRows',
  'QueueableJobs',
  'SoslQueries'
];
const limitStatics: Record<string, (ctx: NativeCallContext) => ApexValue> = {};
for (const n of LIMIT_NAMES) {
  limitStatics[`get${n.toLowerCase()}`] = (ctx) => ctx.platform.limit(ctx, n, 'used');
  limitStatics[`getlimit${n.toLowerCase()}`] = (ctx) => ctx.platform.limit(ctx, n, 'max');
}
systemClasses.push({ name: 'System.Limits', statics: limitStatics });

interface TimeZoneState {
  id: string;
}

systemClasses.push({
  name: 'System.TimeZone',
  statics: {
    gettimezone: (_c, a) =>
      new NativeObject<TimeZoneState>('System.TimeZone', { id: stringOf(a[0]) })
  },
  methods: {
    getid: (_c, self: NativeObject<TimeZoneState>) => self.state.id,
    getdisplayname: (_c, self: NativeObject<TimeZoneState>) =>
      new Intl.DateTimeFormat('en-US', { timeZone: self.state.id, timeZoneName: 'long' })
        .formatToParts(new Date())
        .find((p) => p.type === 'timeZoneName')?.value ?? self.state.id,
    getoffset: (_c, self: NativeObject<TimeZoneState>, a) =>
      zonedParts((a[0] as ApexDatetime).epochMs, self.state.id).offsetMinutes * 60000,
    tostring: (_c, self: NativeObject<TimeZoneState>) => self.state.id
  }
});

const user = (ctx: NativeCallContext) => ctx.platform.runningUser();
systemClasses.push({
  name: 'System.UserInfo',
  statics: {
    getuserid: (ctx) => toId(user(ctx).id),
    getusername: (ctx) => user(ctx).userName,
    getname: (ctx) => user(ctx).name,
    getfirstname: (ctx) => user(ctx).firstName,
    getlastname: (ctx) => user(ctx).lastName,
    getuseremail: (ctx) => user(ctx).email,
    getprofileid: (ctx) => toId(user(ctx).profileId),
    getuserroleid: (ctx) => {
      const role = user(ctx).roleId;
      return role ? toId(role) : null;
    },
    getusertype: (ctx) => user(ctx).userType,
    gettimezone: (ctx) =>
      new NativeObject<TimeZoneState>('System.TimeZone', { id: user(ctx).timeZone }),
    getlocale: (ctx) => user(ctx).locale,
    getlanguage: (ctx) => user(ctx).language,
    getdefaultcurrency: (ctx) => user(ctx).defaultCurrency,
    getorganizationid: (ctx) => toId(user(ctx).organizationId),
    getorganizationname: (ctx) => user(ctx).organizationName,
    ismulticurrencyorganization: () => false,
    getsessionid: () => null,
    getuithemedisplayed: () => 'Theme4d',
    getuitheme: () => 'Theme4d',
    iscurrentuserlicensed: () => unsupported('UserInfo.isCurrentUserLicensed')
  }
});

// ---------------------------------------------------------------------------------------------
// Trigger context variables

const trig = (ctx: BuiltinContext) => ctx.runtime.currentTrigger();
const op = (ctx: BuiltinContext) => trig(ctx)?.operation ?? '';
systemClasses.push({
  name: 'System.Trigger',
  staticProps: {
    new: (ctx) => trig(ctx)?.newRecords ?? null,
    old: (ctx) => trig(ctx)?.oldRecords ?? null,
    newmap: (ctx) => trig(ctx)?.newMap ?? null,
    oldmap: (ctx) => trig(ctx)?.oldMap ?? null,
    isexecuting: (ctx) => trig(ctx) !== null,
    isinsert: (ctx) => op(ctx).endsWith('INSERT'),
    isupdate: (ctx) => op(ctx).endsWith('UPDATE'),
    isdelete: (ctx) => op(ctx).endsWith('_DELETE'),
    isundelete: (ctx) => op(ctx).endsWith('UNDELETE'),
    isbefore: (ctx) => op(ctx).startsWith('BEFORE'),
    isafter: (ctx) => op(ctx).startsWith('AFTER'),
    size: (ctx) => trig(ctx)?.size ?? 0,
    operationtype: (ctx) => {
      const o = op(ctx);
      if (!o) return null;
      const all = enums.find((e) => e[0] === 'System.TriggerOperation')?.[1] ?? [];
      return ctx.runtime.builtinEnum('System.TriggerOperation', o, all.indexOf(o));
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Request (Apex Reference, "Request Class"): the request Id and Quiddity of the current transaction

interface RequestState {
  id: string;
  quiddity: string;
}

/** The kind of execution: async jobs by their kind, test methods as a synchronous test run. */
function currentQuiddity(ctx: BuiltinContext): string {
  if (optionalPlatform<boolean>(ctx, 'isBatch')) return 'BATCH_APEX';
  if (optionalPlatform<boolean>(ctx, 'isQueueable')) return 'QUEUEABLE';
  if (optionalPlatform<boolean>(ctx, 'isFuture')) return 'FUTURE';
  if (optionalPlatform<boolean>(ctx, 'isScheduled')) return 'SCHEDULED';
  // The local runner runs test methods one after the other, as `sf apex run test --synchronous`.
  if (ctx.runtime.runningTest) return 'RUNTEST_SYNC';
  return unsupported('System.Request quiddity outside test methods and async jobs');
}

systemClasses.push({
  name: 'System.Request',
  statics: {
    getcurrent: (ctx) =>
      new NativeObject<RequestState>('System.Request', {
        id: `localorg-request-${ctx.runtime.transactionNumber}`,
        quiddity: currentQuiddity(ctx)
      })
  },
  methods: {
    getrequestid: (_c, self: NativeObject<RequestState>) => self.state.id,
    getquiddity: (ctx, self: NativeObject<RequestState>) => {
      const all = enums.find((e) => e[0] === 'System.Quiddity')?.[1] ?? [];
      return ctx.runtime.builtinEnum(
        'System.Quiddity',
        self.state.quiddity,
        all.indexOf(self.state.quiddity)
      );
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Type

systemClasses.push({
  name: 'System.Type',
  statics: {
    forname: (ctx, a) => {
      const name =
        a.length === 2
          ? a[0]
            ? `${stringOf(a[0])}.${stringOf(a[1])}`
            : stringOf(a[1])
          : stringOf(a[0]);
      const t = ctx.runtime.typeForName(name);
      return t ? new ApexTypeValue(t) : null;
    }
  },
  methods: {
    getname: (_c, self: ApexTypeValue) => typeToString(self.type),
    tostring: (_c, self: ApexTypeValue) => typeToString(self.type),
    equals: (_c, self: ApexTypeValue, a) => keyEquals(self, a[0]),
    hashcode: (_c, self: ApexTypeValue) => typeToString(self.type).toLowerCase().length,
    newinstance: (ctx, self: ApexTypeValue) => {
      const interp = ctx.runtime;
      const n = self.type.name.toLowerCase();
      if (n === 'list' || n === 'set' || n === 'map') return interp.newCollection(self.type, []);
      const so = interp.isSObjectType(self.type.name);
      if (so) return interp.platform.newSObject(interp.nativeContext(), so);
      return interp.newInstance(self.type.name);
    },
    isassignablefrom: (ctx, self: ApexTypeValue, a) => {
      const other = (a[0] as ApexTypeValue).type;
      const interp = ctx.runtime;
      const cls = interp.classByType(other);
      return (
        other.name.toLowerCase() === self.type.name.toLowerCase() ||
        self.type.name === 'Object' ||
        !!cls?.isSubtypeOf(self.type.name)
      );
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Database (delegated to the platform)

function accessOf(v: ApexValue | undefined): AccessLevel | null {
  if (v instanceof ApexEnumValue && v.enumType === 'System.AccessLevel')
    return v.name as AccessLevel;
  return null;
}

function recordsOf(v: ApexValue): { records: ApexSObject[]; single: boolean } {
  if (v === null) throwApex('System.NullPointerException', 'Argument cannot be null.');
  const toRec = (x: ApexValue): ApexSObject => {
    if (x instanceof ApexSObject) return x;
    if (x instanceof ApexId || typeof x === 'string') {
      // Delete/undelete by Id: the platform finds the type from the key prefix.
      const r = new ApexSObject('SObject');
      r.set('Id', x instanceof ApexId ? x : toId(x));
      return r;
    }
    throwApex('System.TypeException', 'DML requires SObjects or Ids');
  };
  if (v instanceof ApexList) return { records: v.items.map(toRec), single: false };
  return { records: [toRec(v)], single: true };
}

function dml(op: DmlOperation) {
  return (ctx: NativeCallContext, a: ApexValue[]): ApexValue => {
    const { records, single } = recordsOf(a[0]);
    let allOrNone = true;
    let accessLevel: AccessLevel | null = null;
    let externalIdField: string | null = null;
    let options: ApexValue | undefined;
    for (const x of a.slice(1)) {
      if (typeof x === 'boolean') allOrNone = x;
      else if (accessOf(x)) accessLevel = accessOf(x);
      else if (x instanceof NativeObject && /sobjectfield/i.test(x.className))
        externalIdField = fieldName(x);
      else if (x instanceof NativeObject) options = x;
    }
    return ctx.platform.dml(ctx, {
      op,
      records,
      single,
      allOrNone,
      accessLevel,
      externalIdField,
      options,
      pos: ctx.pos
    });
  };
}

/** A Schema.SObjectField token's field name (platform tokens keep `{ field }` or `{ name }` in their state). */
export function fieldName(token: NativeObject): string {
  const st = token.state as { field?: string; name?: string };
  const n = st.field ?? st.name;
  if (!n) throwApex('System.TypeException', 'Invalid field token');
  return n;
}

/** Bind resolution for dynamic SOQL: the bindMap of queryWithBinds, else variables in scope. */
function dynamicBinds(ctx: BuiltinContext, binds: ApexMap | null): (name: string) => ApexValue {
  const variable = ctx.runtime.variablesInScope();
  return (name) => {
    if (binds) {
      for (const [k, v] of binds.entries())
        if (typeof k === 'string' && k.toLowerCase() === name.toLowerCase()) return v;
      throwApex('System.QueryException', `Key '${name}' does not exist in the bindMap`);
    }
    const v = variable(name);
    if (v === undefined) throwApex('System.QueryException', `Variable does not exist: ${name}`);
    return v;
  };
}

function dynamicQuery(
  ctx: BuiltinContext,
  text: string,
  binds: ApexMap | null,
  level: AccessLevel | null
): ApexValue {
  return ctx.platform.query(ctx, {
    text,
    kind: 'dynamic',
    resolveBind: dynamicBinds(ctx, binds),
    accessLevel: level,
    forLoop: false,
    pos: ctx.pos
  });
}

/**
 * A QueryLocator is lazy: the platform runs it when a batch starts. Its state carries the query text and a
 * bind resolver (`{ text, binds(bind) }`, bind.text as written after ':').
 */
function queryLocator(ctx: BuiltinContext, text: string, binds: ApexMap | null): NativeObject {
  const resolve = dynamicBinds(ctx, binds);
  return new NativeObject('Database.QueryLocator', {
    text,
    query: text,
    binds: (b: { text: string }) => resolve(b.text.replace(/\s+/g, ''))
  });
}

systemClasses.push({
  name: 'Database',
  aliases: ['system.database'],
  statics: {
    insert: dml('insert'),
    update: dml('update'),
    upsert: dml('upsert'),
    delete: dml('delete'),
    undelete: dml('undelete'),
    merge: (ctx, a) => {
      const master = a[0] as ApexSObject;
      const dups = a[1] instanceof ApexList ? (a[1].items as ApexSObject[]) : [a[1] as ApexSObject];
      const allOrNone = typeof a[2] === 'boolean' ? a[2] : true;
      return ctx.platform.dml(ctx, {
        op: 'merge',
        records: dups,
        single: !(a[1] instanceof ApexList),
        allOrNone,
        accessLevel: accessOf(a[a.length - 1]),
        mergeMaster: master,
        pos: ctx.pos
      });
    },
    query: (ctx, a) => dynamicQuery(ctx, stringOf(a[0]), null, accessOf(a[1])),
    querywithbinds: (ctx, a) => dynamicQuery(ctx, stringOf(a[0]), a[1] as ApexMap, accessOf(a[2])),
    countquery: (ctx, a) => dynamicQuery(ctx, stringOf(a[0]), null, accessOf(a[1])),
    countquerywithbinds: (ctx, a) =>
      dynamicQuery(ctx, stringOf(a[0]), a[1] as ApexMap, accessOf(a[2])),
    getquerylocator: (ctx, a) => {
      if (a[0] instanceof ApexList)
        unsupported('Database.getQueryLocator(List<SObject>) — pass the query text');
      return queryLocator(ctx, stringOf(a[0]), null);
    },
    getquerylocatorwithbinds: (ctx, a) => queryLocator(ctx, stringOf(a[0]), a[1] as ApexMap),
    setsavepoint: (ctx) => ctx.platform.setSavepoint(ctx),
    rollback: (ctx, a) => {
      ctx.platform.rollback(ctx, a[0]);
      return null;
    },
    releasesavepoint: () => null,
    executebatch: (ctx, a) =>
      ctx.platform.executeBatch(ctx, a[0] as ApexObject, a.length > 1 ? (a[1] as number) : 200),
    emptyrecyclebin: (ctx, a) => {
      if (!ctx.platform.emptyRecycleBin) unsupported('Database.emptyRecycleBin');
      const { records, single } = recordsOf(a[0]);
      return ctx.platform.emptyRecycleBin(ctx, records, single);
    },
    convertlead: () => unsupported('Database.convertLead')
  }
});

systemClasses.push({
  name: 'Database.QueryLocator',
  methods: {
    getquery: (_c, self: NativeObject<{ text: string }>) => self.state.text
  }
});

// ---------------------------------------------------------------------------------------------
// SObject instance methods

function fieldArg(v: ApexValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof NativeObject) return fieldName(v);
  throwApex('System.NullPointerException', 'Argument cannot be null.');
}

/**
 * Dynamic access names a field of the record's object or fails: `acc.get('Nope__c')` throws
 * `System.SObjectException: Invalid field Nope__c for Account`; getSObject/putSObject need a
 * parent relationship (Apex Reference, SObject Class: get, getSObject).
 */
function checkedField(
  ctx: NativeCallContext,
  self: ApexSObject,
  v: ApexValue,
  rel = false
): string {
  const name = fieldArg(v);
  const l = name.toLowerCase();
  // An AggregateResult's fields are the query's columns and aliases (expr0, n...), not a schema.
  if (self.type === 'AggregateResult') {
    if (self.values.has(l)) return name;
    throwApex('System.SObjectException', `Invalid field ${name} for AggregateResult`);
  }
  const info = ctx.platform.sobjectType(self.type);
  if (!info) return name;
  if (rel) {
    if (info.parentRelationship(l)) return name;
    if (info.field(l))
      throwApex('System.SObjectException', `Invalid relationship ${name} for ${self.type}`);
  } else if (info.field(l) || info.parentRelationship(l) || info.childRelationship(l)) return name;
  throwApex('System.SObjectException', `Invalid field ${name} for ${self.type}`);
}

systemClasses.push({
  name: 'SObject',
  aliases: ['schema.sobject'],
  methods: {
    get: (c, self: ApexSObject, a) => c.runtime.getMember(self, checkedField(c, self, a[0])),
    put: (c, self: ApexSObject, a) => {
      const f = checkedField(c, self, a[0]);
      const interp = c.runtime;
      const prev = self.raw(f) ?? null;
      interp.setMember(self, f, a[1]);
      return prev;
    },
    getsobject: (c, self: ApexSObject, a) =>
      c.runtime.getMember(self, checkedField(c, self, a[0], true)),
    putsobject: (c, self: ApexSObject, a) => {
      const f = checkedField(c, self, a[0], true);
      const prev = self.raw(f) ?? null;
      c.runtime.setMember(self, f, a[1]);
      return prev;
    },
    getsobjects: (ctx, self: ApexSObject, a) => ctx.runtime.getMember(self, fieldArg(a[0])),
    getsobjecttype: (ctx, self: ApexSObject) => ctx.platform.sobjectTypeToken(ctx, self.type),
    // SObject.setOptions(Database.DMLOptions): options for the next DML of this record
    setoptions: (_c, self: ApexSObject, a) => {
      self.dmlOptions = a[0];
      return null;
    },
    getpopulatedfieldsasmap: (_c, self: ApexSObject) => {
      const m = new ApexMap(T_STRING, T_OBJECT);
      for (const [k, v] of self.populated()) m.put(k, v);
      return m;
    },
    isset: (_c, self: ApexSObject, a) => self.isPopulated(fieldArg(a[0])),
    clone: (_c, self: ApexSObject, a) => {
      const preserveId = a.length > 0 && a[0] === true;
      const deep = a.length > 1 && a[1] === true;
      const c = self.copy();
      c.queried = null;
      if (!preserveId) c.unset('Id');
      if (a.length < 3 || a[2] !== true)
        for (const f of [
          'CreatedDate',
          'CreatedById',
          'LastModifiedDate',
          'LastModifiedById',
          'SystemModstamp'
        ])
          c.unset(f);
      if (deep)
        for (const [k, v] of c.values) if (v instanceof ApexSObject) c.values.set(k, v.copy());
      return c;
    },
    adderror: (_c, self: ApexSObject, a) => {
      const errs = (self.errors ??= []);
      if (
        a.length >= 2 &&
        (typeof a[0] === 'string' || a[0] instanceof NativeObject) &&
        typeof a[1] === 'string'
      )
        errs.push({ field: fieldArg(a[0]), message: a[1] });
      else
        errs.push({
          field: null,
          message:
            a[0] instanceof ApexObject && a[0].exception
              ? (a[0].exception.message ?? '')
              : stringOf(a[0])
        });
      return null;
    },
    haserrors: (_c, self: ApexSObject) => !!self.errors?.length,
    getcloneSourceId: () => unsupported('SObject.getCloneSourceId'),
    recalculateformulas: () => unsupported('SObject.recalculateFormulas'),
    getquickactionname: () => null
  }
});

export { typeRef };

// ---------------------------------------------------------------------------------------------
// DmlException row accessors. The platform throws System.DmlException with data = DmlFailure[]
// ({ index, id, statusCode, message, fields }) — Apex Reference "DmlException Class".

const STATUS_CODES = [
  'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  'CANNOT_DELETE_LAST_DATED_CONVERSION_RATE',
  'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
  'DELETE_FAILED',
  'DUPLICATE_EXTERNAL_ID',
  'DUPLICATE_VALUE',
  'DUPLICATES_DETECTED',
  'ENTITY_IS_DELETED',
  'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  'FIELD_INTEGRITY_EXCEPTION',
  'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
  'INSUFFICIENT_ACCESS_OR_READONLY',
  'INVALID_CROSS_REFERENCE_KEY',
  'INVALID_FIELD',
  'INVALID_FIELD_FOR_INSERT_UPDATE',
  'INVALID_ID_FIELD',
  'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
  'INVALID_TYPE',
  'MALFORMED_ID',
  'MISSING_ARGUMENT',
  'NUMBER_OUTSIDE_VALID_RANGE',
  'REQUIRED_FIELD_MISSING',
  'STRING_TOO_LONG',
  'UNABLE_TO_LOCK_ROW',
  'UNKNOWN_EXCEPTION'
];
systemClasses.push({ name: 'System.StatusCode', enumValues: STATUS_CODES });

interface DmlFailureData {
  index: number;
  id: string | null;
  statusCode: string;
  message: string;
  fields: string[];
}

function dmlRow(self: ApexObject, i: ApexValue): DmlFailureData {
  const rows = (self.exception?.data as DmlFailureData[] | undefined) ?? [];
  const n = i as number;
  if (n < 0 || n >= rows.length)
    throwApex('System.ListException', `List index out of bounds: ${n}`);
  return rows[n];
}

systemClasses.push({
  name: 'System.DmlException',
  methods: {
    getnumdml: (_c, self: ApexObject) =>
      ((self.exception?.data as DmlFailureData[] | undefined) ?? []).length,
    getdmlmessage: (_c, self: ApexObject, a) => dmlRow(self, a[0]).message,
    getdmlfieldnames: (_c, self: ApexObject, a) =>
      new ApexList(T_STRING, [...dmlRow(self, a[0]).fields]),
    getdmlid: (_c, self: ApexObject, a) => {
      const id = dmlRow(self, a[0]).id;
      return id ? toId(id) : null;
    },
    getdmlindex: (_c, self: ApexObject, a) => dmlRow(self, a[0]).index,
    getdmltype: (ctx, self: ApexObject, a) => {
      const code = dmlRow(self, a[0]).statusCode;
      return ctx.runtime.builtinEnum('System.StatusCode', code, STATUS_CODES.indexOf(code));
    },
    getdmlstatuscode: (_c, self: ApexObject, a) => dmlRow(self, a[0]).statusCode
  }
});
