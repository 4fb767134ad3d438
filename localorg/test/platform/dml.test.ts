// DML, order of execution and triggers, driven through the ApexPlatform interface with a fake
// runtime (Apex Developer Guide: "Triggers and Order of Execution", "Trigger Context Variables",
// "Bulk DML Exception Handling", "Upserting Records", "Merging Records", "Deleting Records").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApexDecimal,
  ApexId,
  ApexList,
  ApexMap,
  ApexSObject,
  NativeObject,
  type ApexValue
} from '../../src/runtime/values.ts';
import type { DmlRequest } from '../../src/runtime/platform.ts';
import { addRecordError } from '../../src/platform/dml/errors.ts';
import { apexThrow, exceptionOf, nativeCtx, orgWithRuntime } from './helpers.ts';
import type { Org } from '../../src/platform/org.ts';
import type { FakeRuntime } from './helpers.ts';

function acc(name: string | null, extra: Record<string, ApexValue> = {}): ApexSObject {
  const s = new ApexSObject('Account');
  if (name !== null) s.set('Name', name);
  for (const [k, v] of Object.entries(extra)) s.set(k, v);
  return s;
}

function dml(
  org: Org,
  rt: FakeRuntime,
  op: DmlRequest['op'],
  records: ApexSObject[],
  allOrNone = true,
  extra: Partial<DmlRequest> = {}
): ApexValue {
  return org.withTransaction('sync', () =>
    org.dml(nativeCtx(org, rt), {
      op,
      records,
      single: false,
      allOrNone,
      accessLevel: null,
      pos: { file: 't', line: 1, column: 1 },
      ...extra
    })
  );
}

const results = (
  v: ApexValue
): {
  id: string | null;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
  created?: boolean;
}[] => (v as ApexList).items.map((x) => (x as NativeObject<never>).state);

test('before triggers see Trigger.new without Ids and may change values; after triggers see Ids (Trigger Context Variables)', () => {
  const seen: string[] = [];
  const { org, rt } = orgWithRuntime((rt) => {
    rt.trigger('AccountTrigger', 'Account', ['BEFORE_INSERT', 'AFTER_INSERT'], (ctx) => {
      const recs = (ctx.newRecords?.items ?? []) as ApexSObject[];
      seen.push(
        `${ctx.operation}:${recs.length}:${recs.map((r) => (r.raw('Id') ? 'id' : 'noid')).join(',')}:${ctx.newMap === null ? 'nomap' : 'map'}`
      );
      if (ctx.operation === 'BEFORE_INSERT')
        for (const r of recs) r.set('Description', 'set in before insert');
    });
  });
  const input = [acc('A'), acc('B')];
  dml(org, rt, 'insert', input);
  assert.deepEqual(seen, ['BEFORE_INSERT:2:noid,noid:nomap', 'AFTER_INSERT:2:id,id:map']);
  assert.ok(input[0].raw('Id') instanceof ApexId, 'the caller gets the Ids');
  assert.equal(
    input[0].raw('Description'),
    undefined,
    "the caller's records do not see before-trigger changes"
  );
  const saved = org.query("SELECT Description FROM Account WHERE Name = 'A'") as ApexSObject[];
  assert.equal(saved[0].raw('Description'), 'set in before insert');
});

test('triggers run in chunks of 200: 450 records → 3 before/after pairs, limits shared (Triggers and Order of Execution)', () => {
  const sizes: number[] = [];
  const { org, rt } = orgWithRuntime((rt) =>
    rt.trigger('T', 'Account', ['BEFORE_INSERT'], (ctx) => void sizes.push(ctx.size))
  );
  dml(
    org,
    rt,
    'insert',
    Array.from({ length: 450 }, (_, i) => acc(`A${i}`))
  );
  assert.deepEqual(sizes, [200, 200, 50]);
});

test('update: Trigger.old holds stored values, Trigger.new merges changes; oldMap/newMap keyed by Id', () => {
  let captured = '';
  const { org, rt } = orgWithRuntime((rt) =>
    rt.trigger('T', 'Account', ['BEFORE_UPDATE'], (ctx) => {
      const n = (ctx.newRecords?.items ?? [])[0] as ApexSObject;
      const o = (ctx.oldRecords?.items ?? [])[0] as ApexSObject;
      captured = `${String(o.raw('Name'))}→${String(n.raw('Name'))}; industry kept: ${String(n.raw('Industry'))}; maps: ${(ctx.oldMap as ApexMap).size}/${(ctx.newMap as ApexMap).size}`;
    })
  );
  const [id] = org.insert('Account', { Name: 'Old', Industry: 'Energy' });
  const u = acc('New', { Id: new ApexId(id) });
  dml(org, rt, 'update', [u]);
  assert.equal(captured, 'Old→New; industry kept: Energy; maps: 1/1');
});

test('required fields, lengths, restricted picklists: DmlException with the platform message (Returned Database Errors)', () => {
  const { org, rt } = orgWithRuntime();
  const e1 = exceptionOf(catchIt(() => dml(org, rt, 'insert', [acc('ok'), acc(null)])));
  assert.equal(e1.type, 'System.DmlException');
  assert.equal(
    e1.message,
    'Insert failed. First exception on row 1; first error: REQUIRED_FIELD_MISSING, Required fields are missing: [Name]: [Name]'
  );
  assert.equal(org.query('SELECT COUNT() FROM Account'), 0, 'allOrNone: nothing saved');
  const e2 = exceptionOf(catchIt(() => dml(org, rt, 'insert', [acc('x'.repeat(256))])));
  assert.match(
    e2.message,
    /STRING_TOO_LONG, Account Name: data value too large: x+ \(max length=255\): \[Name\]$/
  );
  const conn = new ApexSObject('S2S_Connection__c');
  conn.set('Name', 'c');
  conn.set('Named_Credential__c', 'NC');
  conn.set('Direction__c', 'Sideways');
  const e3 = exceptionOf(catchIt(() => dml(org, rt, 'insert', [conn])));
  assert.match(
    e3.message,
    /INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, Direction: bad value for restricted picklist field: Sideways: \[Direction__c\]/
  );
  const failures = e3.data as { index: number; statusCode: string; fields: string[] }[];
  assert.deepEqual(
    failures.map((f) => [f.index, f.statusCode, f.fields]),
    [[0, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', ['Direction__c']]]
  );
});

test('allOrNone=false: partial success with SaveResults and status codes; triggers re-run without the failed rows (Bulk DML Exception Handling)', () => {
  const runs: number[] = [];
  const { org, rt } = orgWithRuntime((rt) =>
    rt.trigger('T', 'Account', ['AFTER_INSERT'], (ctx) => void runs.push(ctx.size))
  );
  const out = results(dml(org, rt, 'insert', [acc('a'), acc(null), acc('c')], false));
  assert.deepEqual(
    out.map((r) => r.success),
    [true, false, true]
  );
  assert.equal(out[1].errors[0].statusCode, 'REQUIRED_FIELD_MISSING');
  assert.equal(out[1].id, null);
  assert.match(String(out[0]?.id), /^001/);
  assert.equal(org.query('SELECT COUNT() FROM Account'), 2);
  // Attempt 1 sets the failing record aside and is rolled back; attempt 2 re-fires the triggers on
  // the records that did not fail ("Bulk DML Exception Handling"): two runs with the two valid records.
  assert.deepEqual(runs, [2, 2]);
});

test('addError in a before trigger fails that record; with allOrNone the whole statement rolls back (Trigger Exceptions)', () => {
  const { org, rt } = orgWithRuntime((rt) =>
    rt.trigger('T', 'Account', ['BEFORE_INSERT'], (ctx) => {
      for (const r of (ctx.newRecords?.items ?? []) as ApexSObject[])
        if (r.raw('Name') === 'bad') addRecordError(r, 'Bad name', 'Name');
    })
  );
  const e = exceptionOf(catchIt(() => dml(org, rt, 'insert', [acc('good'), acc('bad')])));
  assert.equal(
    e.message,
    'Insert failed. First exception on row 1; first error: FIELD_CUSTOM_VALIDATION_EXCEPTION, Bad name: [Name]'
  );
  assert.equal(org.query('SELECT COUNT() FROM Account'), 0);
  const partial = results(dml(org, rt, 'insert', [acc('good'), acc('bad')], false));
  assert.deepEqual(
    partial.map((r) => r.success),
    [true, false]
  );
});

test('an unhandled exception in a trigger fails the DML with the trigger named (Trigger Exceptions)', () => {
  const { org, rt } = orgWithRuntime((rt) =>
    rt.trigger('Boom', 'Account', ['AFTER_INSERT'], () => {
      throw apexThrow(rt, 'System.NullPointerException', 'Attempt to de-reference a null object');
    })
  );
  const e = exceptionOf(catchIt(() => dml(org, rt, 'insert', [acc('a')])));
  assert.match(
    e.message,
    /^Insert failed\. First exception on row 0; first error: CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY, Boom: execution of AfterInsert\n\ncaused by: System\.NullPointerException: Attempt to de-reference a null object/
  );
});

test('recursion deeper than 16 trigger invocations: Maximum trigger depth exceeded (Execution Governors and Limits)', () => {
  let depth = 0;
  const { org, rt } = orgWithRuntime((rt) =>
    rt.trigger('Recurse', 'Account', ['AFTER_INSERT'], (_ctx, o) => {
      depth++;
      o.runDml({ op: 'insert', records: [acc(`n${depth}`)], allOrNone: true, userMode: false });
    })
  );
  assert.throws(() => dml(org, rt, 'insert', [acc('root')]), /Maximum trigger depth exceeded/);
  assert.equal(depth, 16);
});

test('unique and external Id fields: DUPLICATE_VALUE; upsert by external Id inserts or updates (Upserting Records)', () => {
  const { org, rt } = orgWithRuntime();
  const mk = (ext: string, name: string): ApexSObject => {
    const c = new ApexSObject('S2S_Connection__c');
    c.set('Name', name);
    c.set('Named_Credential__c', 'NC');
    c.set('Peer_Org_Id__c', ext);
    return c;
  };
  dml(org, rt, 'insert', [mk('00D000000000001', 'one')]);
  const dup = results(dml(org, rt, 'insert', [mk('00d000000000001', 'two')], false));
  assert.equal(dup[0].errors[0].statusCode, 'DUPLICATE_VALUE');
  assert.match(
    dup[0].errors[0].message,
    /^duplicate value found: Peer_Org_Id__c duplicates value on record with id: a\w{17}$/
  );
  const up = results(
    dml(org, rt, 'upsert', [mk('00D000000000001', 'renamed'), mk('00D000000000002', 'new')], true, {
      externalIdField: 'Peer_Org_Id__c'
    })
  );
  assert.deepEqual(
    up.map((r) => r.created),
    [false, true]
  );
  assert.deepEqual(
    (org.query('SELECT Name FROM S2S_Connection__c ORDER BY Name') as ApexSObject[]).map((r) =>
      r.raw('Name')
    ),
    ['new', 'renamed']
  );
  const twice = results(
    dml(org, rt, 'upsert', [mk('X1', 'a'), mk('X1', 'b')], false, {
      externalIdField: 'Peer_Org_Id__c'
    })
  );
  assert.deepEqual(
    twice.map((r) => r.errors[0]?.statusCode),
    ['DUPLICATE_EXTERNAL_ID', 'DUPLICATE_EXTERNAL_ID']
  );
});

test('delete cascades to master-detail children and clears lookups; undelete restores them (Deleting Records; Restoring Deleted Records)', () => {
  const { org, rt } = orgWithRuntime();
  const [connId] = org.insert('S2S_Connection__c', { Name: 'c', Named_Credential__c: 'NC' });
  const [mapId] = org.insert('S2S_Object_Mapping__c', {
    Name: 'm',
    Connection__c: connId,
    Source_Object__c: 'Account',
    Target_Object__c: 'Account'
  });
  const [outboxId] = org.insert('S2S_Outbox__c', {
    Connection__c: connId,
    Object_Mapping__c: mapId
  });
  const del = new ApexSObject('S2S_Connection__c');
  del.set('Id', new ApexId(connId));
  dml(org, rt, 'delete', [del]);
  assert.equal(
    org.query('SELECT COUNT() FROM S2S_Object_Mapping__c'),
    0,
    'detail deleted with its master'
  );
  const outbox = (
    org.query('SELECT Connection__c FROM S2S_Outbox__c WHERE Id = :id', {
      id: outboxId
    }) as ApexSObject[]
  )[0];
  assert.equal(outbox.raw('Connection__c'), null, 'lookup cleared');
  dml(org, rt, 'undelete', [del]);
  assert.equal(
    org.query('SELECT COUNT() FROM S2S_Object_Mapping__c'),
    1,
    'cascaded child restored with its parent'
  );
  const again = results(dml(org, rt, 'undelete', [del], false));
  assert.equal(again[0].errors[0].statusCode, 'UNDELETE_FAILED');
});

test('update of a deleted record: ENTITY_IS_DELETED; duplicate Ids in one list: System.ListException', () => {
  const { org, rt } = orgWithRuntime();
  const [id] = org.insert('Account', { Name: 'x' });
  org.delete(id);
  const e = exceptionOf(catchIt(() => dml(org, rt, 'update', [acc('y', { Id: new ApexId(id) })])));
  assert.equal(
    e.message,
    `Update failed. First exception on row 0 with id ${id}; first error: ENTITY_IS_DELETED, entity is deleted: []`
  );
  const [id2] = org.insert('Account', { Name: 'z' });
  const e2 = exceptionOf(
    catchIt(() =>
      dml(org, rt, 'update', [acc('a', { Id: new ApexId(id2) }), acc('b', { Id: new ApexId(id2) })])
    )
  );
  assert.deepEqual(e2, {
    type: 'System.ListException',
    message: `Duplicate id in list: ${id2}`,
    data: undefined
  });
});

test('system fields are set as the platform sets them: CreatedDate (seconds), CreatedById, OwnerId default to the running user', () => {
  const { org } = orgWithRuntime();
  org.clock.set('2026-06-01T10:00:00.750Z');
  const [id] = org.insert('Account', { Name: 'sys' });
  const r = (
    org.query(
      'SELECT CreatedDate, CreatedById, OwnerId, LastModifiedDate, SystemModstamp FROM Account WHERE Id = :id',
      { id }
    ) as ApexSObject[]
  )[0];
  assert.equal(String(r.raw('CreatedDate')), '2026-06-01 10:00:00');
  assert.equal(String(r.raw('CreatedById')), org.adminUserId);
  assert.equal(String(r.raw('OwnerId')), org.adminUserId);
});

test('merge: the master keeps its Id, children of the losers are reparented, losers are deleted (Merging Records)', () => {
  const { org, rt } = orgWithRuntime();
  const [master, loser] = org.insert('Account', [{ Name: 'Master' }, { Name: 'Loser' }]);
  org.insert('Contact', { LastName: 'Kid', AccountId: loser });
  const m = acc(null, { Id: new ApexId(master) });
  org.withTransaction('sync', () =>
    org.dml(nativeCtx(org, rt), {
      op: 'merge',
      records: [acc(null, { Id: new ApexId(loser) })],
      mergeMaster: m,
      single: true,
      allOrNone: true,
      accessLevel: null,
      pos: { file: 't', line: 1, column: 1 }
    })
  );
  const kid = (
    org.query("SELECT AccountId FROM Contact WHERE LastName = 'Kid'") as ApexSObject[]
  )[0];
  assert.equal(String(kid.raw('AccountId')), master);
  assert.equal(org.query('SELECT COUNT() FROM Account'), 1);
  const gone = (
    org.query('SELECT MasterRecordId FROM Account WHERE IsDeleted = true ALL ROWS') as ApexSObject[]
  )[0];
  assert.equal(String(gone.raw('MasterRecordId')), master);
});

test('merge: a loser undeleted after its master was deleted stays updatable: an update checks only the lookups it writes (Merging Records)', () => {
  const { org, rt } = orgWithRuntime();
  const [master, loser] = org.insert('Account', [{ Name: 'Master' }, { Name: 'Loser' }]);
  org.withTransaction('sync', () =>
    org.dml(nativeCtx(org, rt), {
      op: 'merge',
      records: [acc(null, { Id: new ApexId(loser) })],
      mergeMaster: acc(null, { Id: new ApexId(master) }),
      single: true,
      allOrNone: true,
      accessLevel: null,
      pos: { file: 't', line: 1, column: 1 }
    })
  );
  dml(org, rt, 'delete', [acc(null, { Id: new ApexId(master) })]);
  dml(org, rt, 'undelete', [acc(null, { Id: new ApexId(loser) })]);
  dml(org, rt, 'update', [acc('Loser again', { Id: new ApexId(loser) })]);
  const back = (org.query(`SELECT Name FROM Account WHERE Id = '${loser}'`) as ApexSObject[])[0];
  assert.equal(back.raw('Name'), 'Loser again');
});

test('Database.setSavepoint / rollback undo DML and count as DML statements (Transaction Control)', () => {
  const { org, rt } = orgWithRuntime();
  const ctx = nativeCtx(org, rt);
  org.withTransaction('sync', () => {
    const sp = org.setSavepoint();
    org.runDml({ op: 'insert', records: [acc('temp')], allOrNone: true, userMode: false });
    org.rollback(ctx, sp);
    assert.equal(org.limit(ctx, 'DMLStatements', 'used'), 3);
  });
  assert.equal(org.query('SELECT COUNT() FROM Account'), 0);
});

test('Number fields convert to Decimal on save and honour precision (Number(6,0) rejects 7 digits)', () => {
  const { org, rt } = orgWithRuntime();
  const c = new ApexSObject('S2S_Connection__c');
  c.set('Name', 'n');
  c.set('Named_Credential__c', 'NC');
  c.set('Sla_Minutes__c', 1234567);
  const out = results(dml(org, rt, 'insert', [c], false));
  assert.equal(out[0].errors[0].statusCode, 'NUMBER_OUTSIDE_VALID_RANGE');
  c.set('Sla_Minutes__c', 30);
  dml(org, rt, 'insert', [c]);
  const saved = (
    org.query('SELECT Sla_Minutes__c, Max_Attempts__c FROM S2S_Connection__c') as ApexSObject[]
  )[0];
  assert.ok(saved.raw('Sla_Minutes__c') instanceof ApexDecimal);
  assert.equal(
    (saved.raw('Max_Attempts__c') as ApexDecimal).toPlainString(),
    '5',
    'default value from the field definition'
  );
});

function catchIt(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an exception');
}
