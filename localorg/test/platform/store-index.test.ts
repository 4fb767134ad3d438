// The store's field indexes and undo journal: after every kind of change (insert, update of the
// indexed field, delete, undelete, hard delete, rollback to a mark, snapshot restore) a lookup
// through the index returns exactly the rows a scan of the table finds, in the same order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store, type Row } from '../../src/platform/data/store.ts';
import { textKeyer } from '../../src/platform/data/index.ts';
import type { ApexValue } from '../../src/runtime/values.ts';

const values = (o: Record<string, ApexValue>): Map<string, ApexValue> => new Map(Object.entries(o));

/** Every key the table holds, plus keys that must find nothing. */
function assertIndexAgreesWithScan(
  store: Store,
  type: string,
  field: string,
  extra: string[] = []
): void {
  const all = [...store.rows(type, true)];
  const keys = new Set([...all.map((r) => textKeyer.key(r.values.get(field))), ...extra]);
  for (const k of keys) {
    if (k === null) continue;
    const scanned = all.filter((r) => textKeyer.key(r.values.get(field)) === k).map((r) => r.id);
    const looked = store.lookup(type, field, textKeyer, k).map((r) => r.id);
    assert.deepEqual(looked, scanned, `index and scan disagree on ${field} = '${k}'`);
    assert.equal(store.lookupCount(type, field, textKeyer, [k]), scanned.length, `count of '${k}'`);
  }
}

function seed(): { store: Store; rows: Row[] } {
  const store = new Store();
  const rows = ['a', 'B', 'a', 'c'].map((k, i) =>
    store.insert('Thing__c', `id${i}`, values({ id: `id${i}`, key__c: k, n: i }))
  );
  return { store, rows };
}

test('a lookup finds the rows a scan finds, case-insensitively, in table order', () => {
  const { store } = seed();
  assert.deepEqual(
    store.lookup('Thing__c', 'key__c', textKeyer, 'a').map((r) => r.id),
    ['id0', 'id2'],
    'both rows with key a, in insertion order'
  );
  assert.deepEqual(
    store.lookup('thing__c', 'key__c', textKeyer, 'b').map((r) => r.id),
    ['id1']
  );
  assert.deepEqual(store.lookup('Thing__c', 'key__c', textKeyer, 'zzz'), [], 'unknown key');
  assert.deepEqual(
    store.lookupAll('Thing__c', 'key__c', textKeyer, ['c', 'a']).map((r) => r.id),
    ['id0', 'id2', 'id3'],
    'an IN list comes back in table order, not key order'
  );
  // rows inserted after the index was built are in it
  store.insert('Thing__c', 'id9', values({ id: 'id9', key__c: 'A' }));
  assertIndexAgreesWithScan(store, 'Thing__c', 'key__c', ['zzz']);
  assert.deepEqual(
    store.lookup('Thing__c', 'key__c', textKeyer, 'a').map((r) => r.id),
    ['id0', 'id2', 'id9']
  );
});

test('updating the indexed field moves the row to its new key; other fields leave it alone', () => {
  const { store, rows } = seed();
  assertIndexAgreesWithScan(store, 'Thing__c', 'key__c');
  store.update(rows[0], [['key__c', 'c']]);
  store.update(rows[1], [['n', 42]]);
  store.update(rows[3], [['key__c', null]]);
  assertIndexAgreesWithScan(store, 'Thing__c', 'key__c', ['a', 'b', 'c']);
  assert.deepEqual(
    store.lookup('Thing__c', 'key__c', textKeyer, 'a').map((r) => r.id),
    ['id2']
  );
  assert.deepEqual(
    store.lookup('Thing__c', 'key__c', textKeyer, 'c').map((r) => r.id),
    ['id0'],
    'a nulled key is in no bucket'
  );
});

test('delete and undelete keep the row in the index; hard delete takes it out', () => {
  const { store, rows } = seed();
  assertIndexAgreesWithScan(store, 'Thing__c', 'key__c');
  store.markDeleted(rows[0], true);
  assertIndexAgreesWithScan(store, 'Thing__c', 'key__c');
  assert.equal(store.lookup('Thing__c', 'key__c', textKeyer, 'a')[0].deleted, true, 'in the bin');
  store.markDeleted(rows[0], false);
  store.hardDelete(rows[2]);
  assertIndexAgreesWithScan(store, 'Thing__c', 'key__c');
  assert.deepEqual(
    store.lookup('Thing__c', 'key__c', textKeyer, 'a').map((r) => r.id),
    ['id0']
  );
});

test('rolling back to a mark restores the index with the rows, whatever happened after it', () => {
  const { store, rows } = seed();
  assertIndexAgreesWithScan(store, 'Thing__c', 'key__c');
  const mark = store.mark();
  store.insert('Thing__c', 'id8', values({ id: 'id8', key__c: 'a' }));
  store.update(rows[1], [['key__c', 'a']]);
  store.update(rows[1], [['key__c', 'd']]);
  store.markDeleted(rows[3], true);
  store.hardDelete(rows[2]);
  store.update(rows[0], [['key__c', 'e']]);
  assertIndexAgreesWithScan(store, 'Thing__c', 'key__c', ['a', 'b', 'c']);
  store.rollbackTo(mark);
  assertIndexAgreesWithScan(store, 'Thing__c', 'key__c', ['d', 'e']);
  assert.deepEqual(
    store.lookup('Thing__c', 'key__c', textKeyer, 'a').map((r) => r.id),
    ['id0', 'id2'],
    'the insert is gone and the hard-deleted row is back'
  );
  assert.equal(store.get('id8'), undefined, 'rolled-back insert');
  assert.equal(store.get('id3')?.deleted, false, 'rolled-back delete');
  assert.equal(store.get('id1')?.values.get('key__c'), 'B', 'both updates undone');
});

test('restoring a snapshot rebuilds the index from the restored rows', () => {
  const { store, rows } = seed();
  const snap = store.snapshot();
  assertIndexAgreesWithScan(store, 'Thing__c', 'key__c');
  store.update(rows[0], [['key__c', 'z']]);
  store.commit();
  store.restore(snap);
  assertIndexAgreesWithScan(store, 'Thing__c', 'key__c', ['z']);
  assert.deepEqual(
    store.lookup('Thing__c', 'key__c', textKeyer, 'a').map((r) => r.id),
    ['id0', 'id2']
  );
});

test('the undo journal restores exactly the fields an update overwrote, absent ones included', () => {
  const store = new Store();
  const row = store.insert('Thing__c', 'id1', values({ id: 'id1', a: 1, b: 'x' }));
  store.commit();
  assert.equal(store.undoDepth, 0, 'a commit forgets the journal');
  const mark = store.mark();
  store.update(row, [
    ['b', 'y'],
    ['c', true],
    ['b', 'z']
  ]);
  store.markDeleted(row, true, 'parent1');
  assert.deepEqual(
    [...row.values],
    [
      ['id', 'id1'],
      ['a', 1],
      ['b', 'z'],
      ['c', true],
      ['isdeleted', true]
    ]
  );
  assert.equal(store.undoDepth, 2, 'one journal entry per change');
  store.rollbackTo(mark);
  assert.deepEqual(
    [...row.values],
    [
      ['id', 'id1'],
      ['a', 1],
      ['b', 'x']
    ],
    'fields added by the update are removed again, a field set twice gets its first value back'
  );
  assert.equal(row.deleted, false);
  assert.equal(row.deletedWith, undefined);
  assert.throws(() => store.rollbackTo(mark + 1), /Savepoint is no longer valid/);
});
