// SOQL and DML through the store's field indexes give the same answers as a table scan after
// insert, update of the key, delete, undelete, rollback of a test method and of a failed
// allOrNone DML. The scan answer comes from the same WHERE written as `(W) OR (W)`: an OR is never
// read through an index, and means the same rows in the same (table) order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApexSObject, ApexValue } from '../../src/runtime/values.ts';
import { Org } from '../../src/platform/org.ts';
import type { RecordResult } from '../../src/platform/dml/errors.ts';
import { PACKAGE } from './helpers.ts';

const ids = (v: unknown): string[] => (v as ApexSObject[]).map((r) => String(r.raw('Id')));

interface Fixture {
  org: Org;
  accounts: string[];
  contacts: string[];
}

function seeded(): Fixture {
  const org = new Org({ name: 'ix', source: PACKAGE });
  const accounts = org.insert('Account', [
    { Name: 'Acme', AccountNumber: 'N-1' },
    { Name: 'Globex', AccountNumber: 'N-2' },
    { Name: 'ACME', AccountNumber: 'N-3' },
    { Name: 'Initech' }
  ]);
  const contacts = org.insert('Contact', [
    { LastName: 'Smith', AccountId: accounts[0], Email: 'ann@acme.com' },
    { LastName: 'Jones', AccountId: accounts[0] },
    { LastName: 'Smith', AccountId: accounts[1] },
    { LastName: 'Brown', AccountId: accounts[2] },
    { LastName: 'Orphan' }
  ]);
  return { org, accounts, contacts };
}

/** Runs `select WHERE where` and the scan form; asserts they agree and returns the Ids. */
function sameAsScan(
  org: Org,
  select: string,
  where: string,
  binds: Record<string, unknown> = {},
  tail = ''
): string[] {
  const indexed = ids(org.query(`${select} WHERE ${where} ${tail}`, binds));
  const scanned = ids(org.query(`${select} WHERE (${where}) OR (${where}) ${tail}`, binds));
  assert.deepEqual(indexed, scanned, `index and scan disagree on: WHERE ${where} ${tail}`);
  return indexed;
}

/** Every indexed query shape of this file, checked against the scan at the current state. */
function checkAll({ org, accounts, contacts }: Fixture): void {
  for (const n of ['acme', 'Globex', 'Initech', 'Umbrella'])
    sameAsScan(org, 'SELECT Id FROM Account', 'Name = :n', { n });
  sameAsScan(org, 'SELECT Id FROM Account', 'Name IN :names', { names: ['ACME', 'initech'] });
  sameAsScan(org, 'SELECT Id FROM Account', 'Name = :n', { n: 'acme' }, 'ALL ROWS');
  sameAsScan(org, 'SELECT Id FROM Account', 'Id IN :ids', { ids: accounts });
  sameAsScan(org, 'SELECT Id FROM Contact', 'Id = :id', { id: contacts[0] });
  for (const a of accounts) {
    sameAsScan(org, 'SELECT Id FROM Contact', "AccountId = :a AND LastName = 'Smith'", { a });
    sameAsScan(org, 'SELECT Id FROM Contact', 'LastName != null AND AccountId = :a', { a });
  }
  sameAsScan(org, 'SELECT Id FROM Contact', 'AccountId IN :accounts', { accounts });
  sameAsScan(org, 'SELECT Id FROM Contact', 'AccountId IN :accounts', { accounts }, 'ALL ROWS');
  // child subqueries read their rows through the AccountId index too
  for (const a of ids(org.query('SELECT Id FROM Account'))) {
    const [parent] = org.query('SELECT Id, (SELECT Id FROM Contacts) FROM Account WHERE Id = :a', {
      a
    }) as ApexSObject[];
    const children = parent.raw('Contacts') as unknown as { items: ApexSObject[] };
    assert.deepEqual(
      ids(children.items),
      ids(org.query('SELECT Id FROM Contact WHERE (AccountId = :a) OR (AccountId = :a)', { a })),
      `child subquery of ${a}`
    );
  }
  // a semi-join on Id reads the outer table through the index
  const acmeIds = new Set(
    ids(org.query("SELECT Id FROM Account WHERE (Name = 'acme') OR (Name = 'acme')"))
  );
  assert.deepEqual(
    ids(
      org.query(
        "SELECT Id FROM Contact WHERE AccountId IN (SELECT Id FROM Account WHERE Name = 'acme')"
      )
    ),
    (org.query('SELECT Id, AccountId FROM Contact') as ApexSObject[])
      .filter((c) => acmeIds.has(String(c.raw('AccountId'))))
      .map((c) => String(c.raw('Id'))),
    'semi-join'
  );
}

test('= and IN on text, Id and lookup fields find what a scan finds (Comparison Operators)', () => {
  const fx = seeded();
  checkAll(fx);
  const { org, accounts } = fx;
  assert.deepEqual(
    sameAsScan(org, 'SELECT Id FROM Account', 'Name = :n', { n: 'acme' }),
    [accounts[0], accounts[2]],
    'text is compared case-insensitively, rows come in table order'
  );
  assert.deepEqual(
    sameAsScan(org, 'SELECT Id FROM Account', 'Id IN :ids', {
      ids: [accounts[3].slice(0, 15), accounts[1]]
    }),
    [accounts[1], accounts[3]],
    'a 15-character Id finds its record'
  );
  assert.deepEqual(sameAsScan(org, 'SELECT Id FROM Account', 'Id IN :ids', { ids: [] }), []);
  assert.equal(
    org.query('SELECT COUNT() FROM Contact WHERE AccountId IN :accounts', { accounts }),
    4,
    'COUNT() through the index'
  );
  assert.deepEqual(
    sameAsScan(org, 'SELECT Id FROM Account', 'AccountNumber = null'),
    [accounts[3]],
    '= null still finds rows without a value'
  );
});

test('the WHERE reads the most selective index instead of the table', () => {
  const { org, accounts } = seeded();
  const read: string[] = [];
  const lookupAll = org.store.lookupAll.bind(org.store);
  org.store.lookupAll = (type, field, keyer, keys) => {
    read.push(`${type}.${field}`);
    return lookupAll(type, field, keyer, keys);
  };
  org.query("SELECT Id FROM Contact WHERE LastName = 'Smith' AND AccountId = :a", {
    a: accounts[1]
  });
  assert.deepEqual(read, ['Contact.accountid'], 'one Smith on Globex: AccountId is the narrower');
  read.length = 0;
  org.query("SELECT Id FROM Contact WHERE LastName = 'Smith' OR AccountId = :a", {
    a: accounts[1]
  });
  assert.deepEqual(read, [], 'an OR scans the table');
});

test('after updates of the key, delete and undelete the index still agrees with a scan', () => {
  const fx = seeded();
  const { org, accounts, contacts } = fx;
  checkAll(fx);
  org.update('Account', [
    { Id: accounts[0], Name: 'Globex' },
    { Id: accounts[3], Name: 'acme' }
  ]);
  org.update('Contact', [
    { Id: contacts[0], AccountId: accounts[1] },
    { Id: contacts[4], AccountId: accounts[3] },
    { Id: contacts[3], AccountId: null }
  ]);
  checkAll(fx);
  assert.deepEqual(sameAsScan(org, 'SELECT Id FROM Account', "Name = 'acme'"), [
    accounts[2],
    accounts[3]
  ]);
  org.delete([accounts[2], contacts[1]]);
  checkAll(fx);
  assert.deepEqual(sameAsScan(org, 'SELECT Id FROM Account', "Name = 'acme'"), [accounts[3]]);
  assert.deepEqual(
    sameAsScan(org, 'SELECT Id FROM Account', "Name = 'acme'", {}, 'ALL ROWS'),
    [accounts[2], accounts[3]],
    'ALL ROWS sees the recycle bin'
  );
  org.withTransaction('sync', () =>
    org.runDml({
      op: 'undelete',
      records: [accounts[2], contacts[1]].map((id) =>
        org.toSObject(org.store.get(id)?.type ?? '', { Id: id })
      ),
      allOrNone: true,
      userMode: false
    })
  );
  checkAll(fx);
  assert.deepEqual(sameAsScan(org, 'SELECT Id FROM Account', "Name = 'acme'"), [
    accounts[2],
    accounts[3]
  ]);
});

test('rollback of a test method and of a failed allOrNone DML restores what the index finds', () => {
  const fx = seeded();
  const { org, accounts, contacts } = fx;
  const before = (): string[] => ids(org.query('SELECT Id, Name, AccountId FROM Contact'));
  const start = before();
  org.beginTestMethod();
  org.update('Account', { Id: accounts[1], Name: 'Acme' });
  org.update('Contact', { Id: contacts[2], AccountId: accounts[3] });
  org.insert('Contact', { LastName: 'Temp', AccountId: accounts[3] });
  org.delete(contacts[0]);
  checkAll(fx);
  org.endTestMethod();
  checkAll(fx);
  assert.deepEqual(before(), start);
  assert.deepEqual(
    sameAsScan(org, 'SELECT Id FROM Contact', 'AccountId = :a', { a: accounts[3] }),
    []
  );

  // one bad record fails the whole insert: the good ones leave no trace in the index
  assert.throws(
    () =>
      org.insert('Contact', [
        { LastName: 'Good', AccountId: accounts[3] },
        { AccountId: accounts[3] }
      ]),
    /REQUIRED_FIELD_MISSING/
  );
  checkAll(fx);
  assert.deepEqual(
    sameAsScan(org, 'SELECT Id FROM Contact', 'AccountId = :a', { a: accounts[3] }),
    []
  );
});

test('upsert and unique checks match through the index after the key changes and rolls back (Upserting Records)', () => {
  const org = new Org({ name: 'ux', source: PACKAGE });
  const [p1, p2] = org.insert('S2S_Test_Parent__c', [
    { Name: 'one', External_Id__c: 'K-1' },
    { Name: 'two', External_Id__c: 'K-2' }
  ]);
  const upsert = (rows: Record<string, unknown>[], allOrNone = true): RecordResult[] =>
    org.withTransaction('sync', () =>
      org.runDml({
        op: 'upsert',
        records: rows.map((r) => org.toSObject('S2S_Test_Parent__c', r)),
        allOrNone,
        userMode: false,
        externalIdField: 'External_Id__c'
      })
    );
  const names = (): (ApexValue | undefined)[] =>
    (org.query('SELECT Name FROM S2S_Test_Parent__c ORDER BY Name') as ApexSObject[]).map((r) =>
      r.raw('Name')
    );

  org.beginTestMethod();
  org.update('S2S_Test_Parent__c', { Id: p1, External_Id__c: 'K-3' });
  const moved = upsert([
    { Name: 'three', External_Id__c: 'k-3' },
    { Name: 'new one', External_Id__c: 'k-1' }
  ]);
  assert.deepEqual(
    moved.map((r) => [r.created, r.id === p1]),
    [
      [false, true],
      [true, false]
    ],
    'the old key no longer matches p1, the new one does (case-insensitively)'
  );
  const dup = upsert([{ Name: 'clash', External_Id__c: 'K-9' }], false);
  assert.equal(dup[0].success, true);
  const clash = org.withTransaction('sync', () =>
    org.runDml({
      op: 'update',
      records: [org.toSObject('S2S_Test_Parent__c', { Id: p2, External_Id__c: 'k-9' })],
      allOrNone: false,
      userMode: false
    })
  );
  assert.equal(clash[0].errors[0]?.statusCode, 'DUPLICATE_VALUE', 'unique on the moved key');
  assert.match(clash[0].errors[0]?.message ?? '', new RegExp(`record with id: ${dup[0].id}$`));
  org.endTestMethod();

  assert.deepEqual(names(), ['one', 'two'], 'the test method left nothing behind');
  const back = upsert([{ Name: 'one again', External_Id__c: 'K-1' }]);
  assert.deepEqual([back[0].created, back[0].id], [false, p1], 'K-1 is p1 again after rollback');
  const none = upsert([{ Name: 'three', External_Id__c: 'K-3' }]);
  assert.equal(none[0].created, true, 'K-3 was rolled back with the update');
  org.delete(p2);
  const afterDelete = upsert([{ Name: 'two again', External_Id__c: 'K-2' }]);
  assert.equal(afterDelete[0].created, true, 'a record in the recycle bin is not matched');
});

test('delete cascade and lookup clearing find the children through the index, undelete brings them back (Deleting Records)', () => {
  const org = new Org({ name: 'cx', source: PACKAGE });
  const [p1, p2] = org.insert('S2S_Test_Parent__c', [{ Name: 'p1' }, { Name: 'p2' }]);
  const [c1, c2, c3] = org.insert('S2S_Test_Child__c', [
    { Name: 'c1', Parent__c: p1 },
    { Name: 'c2', Parent__c: p1 },
    { Name: 'c3', Parent__c: p2 }
  ]);
  org.update('S2S_Test_Child__c', [
    { Id: c3, Related_Child__c: c1 },
    { Id: c2, Related_Child__c: c1 }
  ]);
  const children = (where: string, binds: Record<string, unknown>, tail = ''): string[] =>
    sameAsScan(org, 'SELECT Id FROM S2S_Test_Child__c', where, binds, tail);
  org.delete(p1);
  assert.deepEqual(children('Parent__c = :p', { p: p1 }), [], 'details deleted with the master');
  assert.deepEqual(children('Parent__c = :p', { p: p1 }, 'ALL ROWS'), [c1, c2], 'in the bin');
  assert.deepEqual(
    children('Related_Child__c = :c', { c: c1 }),
    [],
    'the lookup on c3 to the deleted c1 is cleared'
  );
  assert.deepEqual(children('Parent__c = :p', { p: p2 }), [c3]);
  org.withTransaction('sync', () =>
    org.runDml({
      op: 'undelete',
      records: [org.toSObject('S2S_Test_Parent__c', { Id: p1 })],
      allOrNone: true,
      userMode: false
    })
  );
  assert.deepEqual(children('Parent__c = :p', { p: p1 }), [c1, c2], 'restored with the master');
});
