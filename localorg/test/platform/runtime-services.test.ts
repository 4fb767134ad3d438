// Limits, security, async and events through the ApexPlatform interface with the fake runtime.
// Cited: Execution Governors and Limits; Limits Class; Enforce User Mode for Database Operations;
// Security.stripInaccessible; FeatureManagement Class; Queueable Apex; Transaction Finalizers;
// Detecting Duplicate Queueable Jobs; Apex Scheduler; Testing Asynchronous Apex; EventBus Class;
// Deliver Test Event Messages; Adding SOSL Queries to Unit Tests; Testing HTTP Callouts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApexEnumValue,
  ApexId,
  ApexList,
  ApexSObject,
  NativeObject,
  typeRef
} from '../../src/runtime/values.ts';
import { nextCronTime } from '../../src/platform/async/jobs.ts';
import { must } from '../../src/platform/util.ts';
import type { NativeClassDef, NativeMethodDef } from '../../src/runtime/platform.ts';
import { LimitException } from '../../src/platform/limits/limits.ts';
import { exceptionOf, nativeCtx, orgWithRuntime } from './helpers.ts';

const pos = { file: 't', line: 1, column: 1 };

test('101 SOQL queries in a sync transaction: System.LimitException: Too many SOQL queries: 101; an async one allows 200', () => {
  const { org, rt } = orgWithRuntime();
  const ctx = nativeCtx(org, rt);
  const q = () =>
    org.query(ctx, {
      text: 'SELECT Id FROM Account',
      kind: 'dynamic',
      resolveBind: () => null,
      accessLevel: null,
      forLoop: false,
      pos
    });
  assert.throws(
    () =>
      org.withTransaction('sync', () => {
        for (let i = 0; i < 101; i++) q();
      }),
    (e: unknown) => e instanceof LimitException && e.message === 'Too many SOQL queries: 101'
  );
  org.withTransaction('queueable', () => {
    for (let i = 0; i < 200; i++) q();
    assert.equal(org.limit(ctx, 'Queries', 'used'), 200);
    assert.equal(org.limit(ctx, 'Queries', 'max'), 200);
  });
});

test('151 DML statements: Too many DML statements: 151; the trace records each statement', () => {
  const { org } = orgWithRuntime();
  assert.throws(
    () =>
      org.withTransaction('sync', () => {
        for (let i = 0; i < 151; i++) {
          const a = new ApexSObject('Account');
          a.set('Name', `A${i}`);
          org.runDml({ op: 'insert', records: [a], allOrNone: true, userMode: false });
        }
      }),
    /Too many DML statements: 151/
  );
  const last = org.traces[org.traces.length - 1];
  assert.equal(last.limits.DMLStatements.used, 150);
  assert.equal(last.trace.filter((t) => t.kind === 'dml').length, 150);
  assert.equal(org.query('SELECT COUNT() FROM Account'), 0, 'the transaction rolled back');
});

test('user mode: a user without object access gets sObject type not supported; fields without FLS are refused', () => {
  const { org, rt } = orgWithRuntime();
  const plain = org.createUser({ username: 'plain@t', profile: 'Standard User' });
  const auditor = org.createUser({
    username: 'aud@t',
    profile: 'Standard User',
    permissionSets: ['S2S_Auditor']
  });
  const ctx = nativeCtx(org, rt);
  const run = (user: string, text: string) =>
    org.asUser(user, () =>
      org.withTransaction('sync', () =>
        org.query(ctx, {
          text,
          kind: 'dynamic',
          resolveBind: () => null,
          accessLevel: 'USER_MODE',
          forLoop: false,
          pos
        })
      )
    );
  assert.match(
    exceptionOf(catchIt(() => run(plain, 'SELECT Id FROM S2S_Audit_Log__c'))).message,
    /sObject type 'S2S_Audit_Log__c' is not supported/
  );
  assert.ok(run(auditor, 'SELECT Id, Stage__c FROM S2S_Audit_Log__c') instanceof ApexList);
  assert.equal(
    run(plain, 'SELECT Id, Name FROM Account') instanceof ApexList,
    true,
    'standard objects are readable by Standard User'
  );
  // System mode ignores permissions.
  assert.ok(
    org.asUser(plain, () =>
      org.withTransaction('sync', () =>
        org.query(ctx, {
          text: 'SELECT Id FROM S2S_Audit_Log__c',
          kind: 'dynamic',
          resolveBind: () => null,
          accessLevel: null,
          forLoop: false,
          pos
        })
      )
    ) instanceof ApexList
  );
});

test('user-mode DML on an object the user cannot create fails with INSUFFICIENT_ACCESS_OR_READONLY', () => {
  const { org } = orgWithRuntime();
  const plain = org.createUser({ username: 'plain@t', profile: 'Standard User' });
  const rec = new ApexSObject('S2S_Inbound_Ledger__c');
  rec.set('Idempotency_Key__c', 'k1');
  const [r] = org.asUser(plain, () =>
    org.withTransaction('sync', () =>
      org.runDml({ op: 'insert', records: [rec], allOrNone: false, userMode: true })
    )
  );
  assert.equal(r.errors[0].statusCode, 'INSUFFICIENT_ACCESS_OR_READONLY');
});

test('FeatureManagement.checkPermission: only granted by a permission set, not by being an administrator', () => {
  const { org, rt } = orgWithRuntime();
  const ctx = nativeCtx(org, rt);
  const fm = must(
    org.nativeClasses().find((d) => d.name === 'System.FeatureManagement'),
    'System.FeatureManagement'
  );
  const check = (name: string) => method(fm, 'checkPermission').impl(ctx, null, [name]);
  assert.equal(
    org.withTransaction('sync', () => check('S2S_Inbound_Apply')),
    false,
    'the admin has no custom permission by default'
  );
  const integ = org.createUser({
    username: 'int@t',
    profile: 'Standard User',
    permissionSets: ['S2S_Integration']
  });
  assert.equal(
    org.asUser(integ, () => org.withTransaction('sync', () => check('S2S_Inbound_Apply'))),
    true
  );
  assert.equal(
    org.asUser(integ, () => org.withTransaction('sync', () => check('No_Such_Permission'))),
    false
  );
});

// Apex Reference, "Security Class": stripInaccessible(accessCheckType, sourceRecords,
// enforceRootObjectCRUD) throws when the user has no access to the records' object unless
// enforceRootObjectCRUD is false (the two-argument form enforces it).
test('Security.stripInaccessible removes unreadable fields and reports them', () => {
  const { org, rt } = orgWithRuntime();
  const ctx = nativeCtx(org, rt);
  const plain = org.createUser({ username: 'plain@t', profile: 'Standard User' });
  const sec = must(
    org.nativeClasses().find((d) => d.name === 'System.Security'),
    'System.Security'
  );
  const rec = new ApexSObject('S2S_Connection__c');
  rec.set('Name', 'c');
  rec.set('Peer_Org_Id__c', 'x');
  const readable = new ApexEnumValue('System.AccessType', 'READABLE', 1);
  assert.throws(
    () =>
      org.asUser(plain, () =>
        method(sec, 'stripInaccessible').impl(ctx, null, [
          readable,
          new ApexList(typeRef('SObject'), [rec])
        ])
      ),
    /No access to entity/
  );
  const threeArgs = must(
    sec.methods.find((m) => m.name === 'stripInaccessible' && m.params.length === 3),
    'stripInaccessible(accessType, records, enforceRootObjectCRUD)'
  );
  const decision = org.asUser(plain, () =>
    threeArgs.impl(ctx, null, [readable, new ApexList(typeRef('SObject'), [rec]), false])
  ) as NativeObject<{ records: ApexList; modified: { values(): unknown[] } }>;
  const out = decision.state.records.items[0] as ApexSObject;
  assert.equal(out.isPopulated('Peer_Org_Id__c'), false);
  assert.deepEqual(decision.state.modified.values(), [0]);
});

test('with sharing: private OWD shows a user only the records they own (Organization-Wide Sharing Defaults)', () => {
  const { org } = orgWithRuntime();
  // S2S_Connection__c is Private? Use Account with a private model set for this test.
  const account = org.schema.require('Account');
  account.def.sharingModel = 'Private';
  const a = org.createUser({ username: 'a@t', profile: 'Standard User' });
  const b = org.createUser({ username: 'b@t', profile: 'Standard User' });
  org.insert('Account', { Name: 'mine' }, { as: 'a@t' });
  org.insert('Account', { Name: 'theirs' }, { as: 'b@t' });
  const seen = (user: string) =>
    org.asUser(user, () =>
      org.withTransaction('sync', () =>
        org
          .runQuery('SELECT Name FROM Account', () => null, { withSharing: true })
          .records.map((r) => r.raw('Name'))
      )
    );
  assert.deepEqual(seen(a), ['mine']);
  assert.deepEqual(seen(b), ['theirs']);
  assert.equal(
    org.withTransaction(
      'sync',
      () =>
        org.runQuery('SELECT Name FROM Account', () => null, { withSharing: true }).records.length
    ),
    2,
    'the admin views all data'
  );
});

test('Queueable: runs only after commit, records an AsyncApexJob, a finalizer sees the outcome', () => {
  const log: string[] = [];
  const { org, rt } = orgWithRuntime();
  const ctx = nativeCtx(org, rt);
  const fin = rt.instance('Fin', {
    execute: (_s, [fc]) =>
      log.push(`finalizer:${String((fc as NativeObject<{ result: string }>).state.result)}`) && null
  });
  const job = rt.instance('Job', {
    execute: () => {
      log.push('execute');
      org.attachFinalizer(ctx, fin);
      throw new Error('boom');
    }
  });
  const id = org.withTransaction('sync', () => org.enqueueJob(ctx, job, null));
  assert.match(id.value, /^707/);
  assert.deepEqual(log, []);
  assert.throws(
    () => org.runReadyAsync(),
    /boom/,
    'a non-Apex error is an internal failure and surfaces'
  );
});

test('Queueable failure with an Apex exception: job Failed with the message, finalizer gets UNHANDLED_EXCEPTION', () => {
  const log: string[] = [];
  const { org, rt } = orgWithRuntime();
  const ctx = nativeCtx(org, rt);
  const fin = rt.instance('Fin', {
    execute: (_s, [fc]) => (
      log.push(`finalizer:${(fc as NativeObject<{ result: string }>).state.result}`),
      null
    )
  });
  const job = rt.instance('Job', {
    execute: () => {
      org.attachFinalizer(ctx, fin);
      return ctx.throwApex('System.CalloutException', 'Read timed out');
    }
  });
  org.withTransaction('sync', () => org.enqueueJob(ctx, job, null));
  org.runReadyAsync();
  assert.deepEqual(log, ['finalizer:UNHANDLED_EXCEPTION']);
  const j = (org.query('SELECT Status, ExtendedStatus FROM AsyncApexJob') as ApexSObject[])[0];
  assert.deepEqual(
    [j.raw('Status'), j.raw('ExtendedStatus')],
    ['Failed', 'System.CalloutException: Read timed out']
  );
});

test('duplicate queueable signature: System.DuplicateMessageException while the first job is queued', () => {
  const { org, rt } = orgWithRuntime();
  const ctx = nativeCtx(org, rt);
  const natives = org.nativeClasses();
  const builder = must(
    natives.find((d) => d.name === 'System.QueueableDuplicateSignature.Builder'),
    'System.QueueableDuplicateSignature.Builder'
  );
  const b = ctor(builder).impl(ctx, null, []);
  method(builder, 'addString').impl(ctx, b, ['dispatch']);
  const sig = method(builder, 'build').impl(ctx, b, []);
  const optsDef = must(
    natives.find((d) => d.name === 'System.AsyncOptions'),
    'System.AsyncOptions'
  );
  const opts = ctor(optsDef).impl(ctx, null, []);
  must(optsDef.setProperty, 'setProperty')(ctx, opts, 'DuplicateSignature', sig);
  const job = rt.instance('Job', { execute: () => null });
  org.withTransaction('sync', () => org.enqueueJob(ctx, job, opts));
  const e = exceptionOf(
    catchIt(() => org.withTransaction('sync', () => org.enqueueJob(ctx, job, opts)))
  );
  assert.deepEqual(
    [e.type, e.message],
    [
      'System.DuplicateMessageException',
      'Attempt to enqueue job with duplicate queueable signature'
    ]
  );
  org.runReadyAsync();
  org.withTransaction('sync', () => org.enqueueJob(ctx, job, opts));
});

test('a Queueable refused for the stack depth holds no duplicate signature: the next attempt, from a shallower job, is queued', () => {
  // "Detecting Duplicate Queueable Jobs": the signature belongs to a job queued or running; a
  // Developer Edition org refuses a sixth job in a chain ("Queueable Apex"): that job never exists.
  const { org, rt } = orgWithRuntime();
  const ctx = nativeCtx(org, rt);
  const natives = org.nativeClasses();
  const builder = must(
    natives.find((d) => d.name === 'System.QueueableDuplicateSignature.Builder'),
    'System.QueueableDuplicateSignature.Builder'
  );
  const b = ctor(builder).impl(ctx, null, []);
  method(builder, 'addString').impl(ctx, b, ['dispatch']);
  const sig = method(builder, 'build').impl(ctx, b, []);
  const optsDef = must(
    natives.find((d) => d.name === 'System.AsyncOptions'),
    'System.AsyncOptions'
  );
  const opts = ctor(optsDef).impl(ctx, null, []);
  must(optsDef.setProperty, 'setProperty')(ctx, opts, 'DuplicateSignature', sig);
  const job = rt.instance('Job', { execute: () => null });
  const refused = exceptionOf(
    catchIt(() =>
      org.withTransaction('queueable', () => org.enqueueJob(ctx, job, opts), {
        queueableDepth: 5
      })
    )
  );
  assert.deepEqual(
    [refused.type, refused.message],
    ['System.AsyncException', 'Maximum stack depth has been reached.']
  );
  org.withTransaction('sync', () => org.enqueueJob(ctx, job, opts));
});

test('a sync transaction may enqueue 50 Queueables, an async one 1: Too many queueable jobs added to the queue: 2', () => {
  const { org, rt } = orgWithRuntime();
  const ctx = nativeCtx(org, rt);
  const job = rt.instance('Job', { execute: () => null });
  assert.throws(
    () =>
      org.withTransaction('queueable', () => {
        org.enqueueJob(ctx, job, null);
        org.enqueueJob(ctx, job, null);
      }),
    /Too many queueable jobs added to the queue: 2/
  );
  org.withTransaction('sync', () => {
    for (let i = 0; i < 50; i++) org.enqueueJob(ctx, job, null);
  });
});

test('in a test method, Test.stopTest runs what was enqueued after Test.startTest; data rolls back at the end', () => {
  const ran: string[] = [];
  const { org, rt } = orgWithRuntime();
  const ctx = nativeCtx(org, rt);
  const job = rt.instance('Job', { execute: () => (ran.push('job'), null) });
  org.beginTestMethod();
  org.insert('Account', { Name: 'test data' });
  org.startTest(ctx);
  org.enqueueJob(ctx, job, null);
  assert.deepEqual(ran, []);
  org.stopTest(ctx);
  assert.deepEqual(ran, ['job']);
  org.endTestMethod();
  assert.equal(org.query('SELECT COUNT() FROM Account'), 0);
});

test('Schedulable: cron expressions give the next fire times (Apex Scheduler)', () => {
  const t0 = Date.UTC(2026, 0, 5, 9, 0, 0); // a Monday
  assert.equal(
    new Date(must(nextCronTime('0 0 13 * * ?', t0), 'next fire time')).toISOString(),
    '2026-01-05T13:00:00.000Z'
  );
  assert.equal(
    new Date(must(nextCronTime('0 30 * * * ?', t0), 'next fire time')).toISOString(),
    '2026-01-05T09:30:00.000Z'
  );
  assert.equal(
    new Date(must(nextCronTime('0 0 8 ? * MON-FRI', t0), 'next fire time')).toISOString(),
    '2026-01-06T08:00:00.000Z'
  );
  assert.equal(
    new Date(must(nextCronTime('0 0 0 L * ?', t0), 'next fire time')).toISOString(),
    '2026-01-31T00:00:00.000Z'
  );
  assert.throws(() => nextCronTime('0 0 13 * * MON', t0), /day-of-week AND a day-of-month/);
});

test('System.schedule fires on the clock and keeps a CronTrigger up to date', () => {
  const fired: number[] = [];
  const { org, rt } = orgWithRuntime();
  const ctx = nativeCtx(org, rt);
  const job = rt.instance('Sched', { execute: () => (fired.push(org.clock.now()), null) });
  const id = org.withTransaction('sync', () => org.schedule(ctx, 'nightly', '0 0 2 * * ?', job));
  assert.match(id.value, /^08e/);
  org.runReadyAsync();
  assert.deepEqual(fired, []);
  org.clock.advance('1d');
  org.runReadyAsync();
  assert.equal(fired.length, 1);
  const ct = (org.query('SELECT TimesTriggered, State FROM CronTrigger') as ApexSObject[])[0];
  assert.deepEqual([ct.raw('TimesTriggered'), ct.raw('State')], [1, 'WAITING']);
  assert.match(
    exceptionOf(
      catchIt(() =>
        org.withTransaction('sync', () => org.schedule(ctx, 'nightly', '0 0 2 * * ?', job))
      )
    ).message,
    /already scheduled/
  );
});

test('platform events: publish-after-commit events are delivered only when the transaction commits; event triggers run as Automated Process', () => {
  const received: string[] = [];
  const { org, rt } = orgWithRuntime((rt) =>
    rt.trigger('OutcomeTrigger', 'S2S_Batch_Outcome__e', ['AFTER_INSERT'], (c, o) => {
      received.push(`${c.size}:${o.runningUser().userName}`);
    })
  );
  const ctx = nativeCtx(org, rt);
  const ev = () => {
    const e = new ApexSObject('S2S_Batch_Outcome__e');
    e.set('Object_Name__c', 'Account');
    return e;
  };
  assert.throws(
    () =>
      org.withTransaction('sync', () => {
        org.publishEvents(ctx, [ev()], true);
        throw new Error('rollback');
      }),
    /rollback/
  );
  org.runReadyAsync();
  assert.deepEqual(received, [], 'a rolled-back transaction publishes nothing after commit');
  const results = org.withTransaction('sync', () =>
    org.publishEvents(ctx, [ev(), ev()], false)
  ) as ApexList;
  assert.equal((results.items[0] as NativeObject<{ success: boolean }>).state.success, true);
  org.runReadyAsync();
  assert.deepEqual(received, ['2:autoproc@test.localorg']);
});

test('SOSL in a test returns only Test.setFixedSearchResults records (Adding SOSL Queries to Unit Tests)', () => {
  const { org, rt } = orgWithRuntime();
  const ctx = nativeCtx(org, rt);
  const [a, b] = org.insert('Account', [{ Name: 'Acme One' }, { Name: 'Acme Two' }]);
  org.beginTestMethod();
  org.fixedSearchResults = [b];
  const res = org.search(ctx, {
    text: "FIND 'Acme' IN ALL FIELDS RETURNING Account(Id, Name)",
    kind: 'inline',
    resolveBind: () => null,
    accessLevel: null,
    forLoop: false,
    pos
  }) as ApexList;
  const accounts = (res.items[0] as ApexList).items as ApexSObject[];
  assert.deepEqual(
    accounts.map((x) => String(x.raw('Id'))),
    [b]
  );
  org.endTestMethod();
  void a;
});

test('HTTP mock: the mock answers, a test without a mock cannot call out', () => {
  const { org, rt } = orgWithRuntime();
  const ctx = nativeCtx(org, rt);
  const natives = org.nativeClasses();
  const reqDef = must(
    natives.find((d) => d.name === 'System.HttpRequest'),
    'System.HttpRequest'
  );
  const resDef = must(
    natives.find((d) => d.name === 'System.HttpResponse'),
    'System.HttpResponse'
  );
  const req = ctor(reqDef).impl(ctx, null, []);
  method(reqDef, 'setEndpoint').impl(ctx, req, ['callout:S2S_Peer/services/apexrest/x']);
  method(reqDef, 'setMethod').impl(ctx, req, ['GET']);
  org.beginTestMethod();
  assert.match(
    exceptionOf(catchIt(() => org.httpSend(ctx, req))).message,
    /Methods defined as TestMethod do not support Web service callouts/
  );
  const mock = rt.instance('Mock', {
    respond: (_s, [r]) => {
      const res = ctor(resDef).impl(ctx, null, []);
      method(resDef, 'setStatusCode').impl(ctx, res, [200]);
      method(resDef, 'setBody').impl(ctx, res, [
        (r as NativeObject<{ endpoint: string }>).state.endpoint
      ]);
      return res;
    }
  });
  org.setMock(ctx, typeRef('HttpCalloutMock'), mock);
  const res = org.httpSend(ctx, req) as NativeObject<{ status: number; body: string }>;
  assert.deepEqual(
    [res.state.status, res.state.body],
    [200, 'callout:S2S_Peer/services/apexrest/x']
  );
  org.endTestMethod();
});

function method(def: NativeClassDef, name: string): NativeMethodDef {
  return must(
    def.methods.find((m) => m.name === name),
    `${def.name}.${name}`
  );
}

function ctor(def: NativeClassDef): NativeMethodDef {
  return must(def.constructors?.[0], `${def.name} constructor`);
}

function catchIt(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an exception');
}

void ApexId;

test('event triggers: EventBus.RetryableException resends the batch (1 run + 9 retries); a checkpoint resumes after that event', () => {
  let runs = 0;
  const seen: string[][] = [];
  const { org, rt } = orgWithRuntime((rt) =>
    rt.trigger('OutcomeTrigger', 'S2S_Batch_Outcome__e', ['AFTER_INSERT'], (c, o) => {
      const ids = (c.newRecords?.items ?? []).map((e) =>
        String((e as ApexSObject).raw('ReplayId'))
      );
      seen.push(ids);
      runs++;
      const tc = must(
        o.nativeClasses().find((d) => d.name === 'EventBus.TriggerContext'),
        'TriggerContext'
      );
      const ctx = nativeCtx(o, rt);
      const current = method(tc, 'currentContext').impl(ctx, null, []);
      if (ids.length === 3) {
        // Process the first event, checkpoint it, then fail.
        method(tc, 'setResumeCheckpoint').impl(ctx, current, [ids[0]]);
        ctx.throwApex('System.NullPointerException', 'boom');
      }
      if (ids.length === 1) ctx.throwApex('EventBus.RetryableException', 'try later');
    })
  );
  const ctx = nativeCtx(org, rt);
  const ev = () => new ApexSObject('S2S_Batch_Outcome__e');
  org.withTransaction('sync', () => org.publishEvents(ctx, [ev(), ev(), ev()], false));
  org.runReadyAsync();
  assert.equal(seen[0]?.length, 3);
  assert.deepEqual(seen[1], seen[0]?.slice(1), 'resumed after the checkpointed event');
  runs = 0;
  org.withTransaction('sync', () => org.publishEvents(ctx, [ev()], false));
  org.runReadyAsync();
  assert.equal(runs, 10, 'one run and nine retries');
  assert.match(org.eventErrors[org.eventErrors.length - 1]?.message ?? '', /retries exhausted/);
});

test('an Apex query from `with sharing` code (runtime.currentSharing) applies record visibility; `without sharing` does not', () => {
  const { org, rt } = orgWithRuntime();
  org.schema.require('Account').def.sharingModel = 'Private';
  const a = org.createUser({ username: 'a@t', profile: 'Standard User' });
  org.insert('Account', { Name: 'mine' }, { as: 'a@t' });
  org.insert('Account', { Name: 'admin owned' });
  const ctx = nativeCtx(org, rt);
  const names = () =>
    org.asUser(a, () =>
      org.withTransaction('sync', () =>
        (
          (
            org.query(ctx, {
              text: 'SELECT Name FROM Account ORDER BY Name',
              kind: 'inline',
              resolveBind: () => null,
              accessLevel: null,
              forLoop: false,
              pos
            }) as ApexList
          ).items as ApexSObject[]
        ).map((r) => r.raw('Name'))
      )
    );
  rt.sharing = { className: 'WithSharing', sharing: 'with' };
  assert.deepEqual(names(), ['mine']);
  rt.sharing = { className: 'WithoutSharing', sharing: 'without' };
  assert.deepEqual(names(), ['admin owned', 'mine']);
});

test("Test.enableChangeDataCapture: the test's DML becomes change events delivered at Test.stopTest (Test Change Event Triggers)", () => {
  const seen: string[] = [];
  const { org, rt } = orgWithRuntime((rt) =>
    rt.trigger('AccountCdc', 'AccountChangeEvent', ['AFTER_INSERT'], (c) => {
      for (const e of c.newRecords?.items ?? []) {
        const h = (e as ApexSObject).raw('ChangeEventHeader') as NativeObject<{
          changeType: string;
        }>;
        seen.push(`${h.state.changeType}:${String((e as ApexSObject).raw('Name'))}`);
      }
    })
  );
  const ctx = nativeCtx(org, rt);
  org.beginTestMethod();
  org.insert('Account', { Name: 'before enable' });
  org.enableChangeDataCapture();
  org.startTest(ctx);
  org.runDml({
    op: 'insert',
    records: [Object.assign(new ApexSObject('Account'), {})].map(
      (a) => (a.set('Name', 'Via CDC'), a)
    ),
    allOrNone: true,
    userMode: false
  });
  assert.deepEqual(seen, []);
  org.stopTest(ctx);
  assert.deepEqual(
    seen,
    ['CREATE:Via CDC'],
    'changes made before enableChangeDataCapture produce no event'
  );
  assert.match(org.standardPricebookId().value, /^01s/);
  org.endTestMethod();
});

test('with sharing DML: updating a record the user cannot edit fails with INSUFFICIENT_ACCESS_OR_READONLY', () => {
  const { org, rt } = orgWithRuntime();
  org.schema.require('Account').def.sharingModel = 'Read';
  const a = org.createUser({ username: 'a@t', profile: 'Standard User' });
  const [theirs] = org.insert('Account', { Name: 'admin owned' });
  const [mine] = org.insert('Account', { Name: 'mine' }, { as: 'a@t' });
  const update = (id: string | undefined) =>
    org.asUser(a, () =>
      org.withTransaction('sync', () => {
        const r = new ApexSObject('Account');
        r.set('Id', new ApexId(must(id, 'Id')));
        r.set('Name', 'renamed');
        return org.runDml({ op: 'update', records: [r], allOrNone: false, userMode: false })[0];
      })
    );
  rt.sharing = { className: 'WithSharing', sharing: 'with' };
  assert.equal(update(theirs)?.errors[0]?.statusCode, 'INSUFFICIENT_ACCESS_OR_READONLY');
  assert.equal(update(mine)?.success, true);
  rt.sharing = { className: 'WithoutSharing', sharing: 'without' };
  assert.equal(update(theirs)?.success, true, 'without sharing ignores record access');
});
