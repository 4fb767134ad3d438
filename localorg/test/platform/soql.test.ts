// SOQL against the store, through the Org's TypeScript API (same evaluator as Apex queries).
// Cited: SOQL and SOSL Reference sections named in each test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApexDecimal, ApexId, ApexList, ApexSObject } from '../../src/runtime/values.ts';
import { Org } from '../../src/platform/org.ts';
import { Clock } from '../../src/platform/data/clock.ts';
import { PACKAGE } from './helpers.ts';

function seeded(): { org: Org; acme: string; globex: string } {
  const org = new Org({ name: 'q', source: PACKAGE, clock: new Clock('2026-03-18T12:00:00Z') });
  const [acme, globex] = org.insert('Account', [
    { Name: 'Acme', Industry: 'Banking', AnnualRevenue: 100, NumberOfEmployees: 10 },
    { Name: 'Globex', Industry: 'Energy', AnnualRevenue: 300 },
    { Name: 'acme labs', Industry: 'Banking', AnnualRevenue: 50 },
    { Name: 'Initech' }
  ]) as [string, string];
  org.insert('Contact', [
    { LastName: 'Smith', FirstName: 'Ann', AccountId: acme, Email: 'ann@acme.com' },
    { LastName: 'Jones', AccountId: acme },
    { LastName: 'Brown', AccountId: globex },
    { LastName: 'Orphan' }
  ]);
  return { org, acme, globex };
}
const rows = (v: unknown): ApexSObject[] => v as ApexSObject[];
const names = (v: unknown): string[] =>
  rows(v).map((r) => String(r.raw('Name') ?? r.raw('LastName')));

test('string comparison is case-insensitive; LIKE with % and _ (Comparison Operators)', () => {
  const { org } = seeded();
  assert.deepEqual(names(org.query("SELECT Name FROM Account WHERE Name = 'ACME'")), ['Acme']);
  assert.deepEqual(
    names(org.query("SELECT Name FROM Account WHERE Name LIKE 'acme%' ORDER BY Name")),
    ['Acme', 'acme labs']
  );
  assert.deepEqual(names(org.query("SELECT Name FROM Account WHERE Name LIKE 'Glob_x'")), [
    'Globex'
  ]);
});

test('null in WHERE: = null and != null; nulls first by default in ORDER BY (Use null in WHERE; ORDER BY)', () => {
  const { org } = seeded();
  assert.deepEqual(names(org.query('SELECT Name FROM Account WHERE Industry = null')), ['Initech']);
  assert.equal(rows(org.query('SELECT Name FROM Account WHERE Industry != null')).length, 3);
  assert.deepEqual(names(org.query('SELECT Name FROM Account ORDER BY Industry, Name')), [
    'Initech',
    'Acme',
    'acme labs',
    'Globex'
  ]);
  assert.deepEqual(
    names(org.query('SELECT Name FROM Account ORDER BY Industry DESC NULLS LAST, Name')),
    ['Globex', 'Acme', 'acme labs', 'Initech']
  );
  assert.deepEqual(names(org.query('SELECT Name FROM Account ORDER BY Industry DESC, Name')), [
    'Initech',
    'Globex',
    'Acme',
    'acme labs'
  ]);
});

test('IN / NOT IN with a bound list, numbers compared as numbers, LIMIT and OFFSET', () => {
  const { org } = seeded();
  assert.deepEqual(
    names(
      org.query('SELECT Name FROM Account WHERE Industry IN :inds ORDER BY Name', {
        inds: ['banking']
      })
    ),
    ['Acme', 'acme labs']
  );
  assert.deepEqual(
    names(org.query("SELECT Name FROM Account WHERE Industry NOT IN ('Banking') ORDER BY Name")),
    ['Globex', 'Initech']
  );
  assert.deepEqual(
    names(
      org.query('SELECT Name FROM Account WHERE AnnualRevenue >= 100 ORDER BY AnnualRevenue DESC')
    ),
    ['Globex', 'Acme']
  );
  assert.deepEqual(names(org.query('SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 1')), [
    'acme labs',
    'Globex'
  ]);
});

test('an Id bound to a text field matches its 18-character text (Using Apex Variables in SOQL)', () => {
  const { org, acme } = seeded();
  org.insert('Account', [{ Name: 'Ref', AccountNumber: acme }]);
  assert.deepEqual(
    names(
      org.query('SELECT Name FROM Account WHERE AccountNumber = :ref', { ref: new ApexId(acme) })
    ),
    ['Ref']
  );
});

test('parent relationships, child subqueries and semi/anti-joins (Relationship Queries; Semi-Joins)', () => {
  const { org } = seeded();
  const cs = rows(
    org.query(
      "SELECT LastName, Account.Name FROM Contact WHERE Account.Industry = 'Banking' ORDER BY LastName"
    )
  );
  assert.deepEqual(
    cs.map((c) => (c.raw('Account') as ApexSObject).raw('Name')),
    ['Acme', 'Acme']
  );
  const orphan = rows(org.query("SELECT Account.Name FROM Contact WHERE LastName = 'Orphan'"))[0];
  assert.equal(orphan.raw('Account'), null, 'no parent: the relationship is null');
  const accts = rows(
    org.query(
      'SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account ORDER BY Name'
    )
  );
  assert.deepEqual(
    (accts[0].raw('Contacts') as ApexList).items.map((c) => (c as ApexSObject).raw('LastName')),
    ['Jones', 'Smith']
  );
  assert.deepEqual((accts[3].raw('Contacts') as ApexList).items, []);
  assert.deepEqual(
    names(
      org.query(
        'SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact) ORDER BY Name'
      )
    ),
    ['Acme', 'Globex']
  );
  assert.deepEqual(
    names(
      org.query(
        'SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact) ORDER BY Name'
      )
    ),
    ['acme labs', 'Initech']
  );
});

test('semi-joins inside OR are rejected with the platform message', () => {
  const { org } = seeded();
  assert.throws(
    () =>
      org.query(
        "SELECT Name FROM Account WHERE Name = 'x' OR Id IN (SELECT AccountId FROM Contact)"
      ),
    /Semi join sub-selects are only allowed at the top level WHERE expressions and not in nested WHERE expressions\./
  );
});

test('aggregates with GROUP BY / HAVING, unaliased expr0, COUNT() as an Integer (Aggregate Functions; COUNT())', () => {
  const { org } = seeded();
  const agg = rows(
    org.query(
      'SELECT Industry, COUNT(Id) n, SUM(AnnualRevenue) FROM Account WHERE Industry != null GROUP BY Industry HAVING COUNT(Id) > 1'
    )
  );
  assert.equal(agg.length, 1);
  assert.equal(agg[0].type, 'AggregateResult');
  assert.equal(agg[0].raw('Industry'), 'Banking');
  assert.equal(agg[0].raw('n'), 2);
  assert.equal((agg[0].raw('expr0') as ApexDecimal).toPlainString(), '150');
  assert.equal(org.query('SELECT COUNT() FROM Contact WHERE AccountId != null'), 3);
  assert.throws(
    () => org.query('SELECT Name, COUNT(Id) FROM Account'),
    /Field must be grouped or aggregated: Name/
  );
});

test('date literals are ranges from midnight GMT (Date Formats and Date Literals)', () => {
  const { org } = seeded();
  assert.equal(rows(org.query('SELECT Id FROM Account WHERE CreatedDate = TODAY')).length, 4);
  assert.equal(
    rows(org.query('SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:3')).length,
    4
  );
  assert.equal(rows(org.query('SELECT Id FROM Account WHERE CreatedDate = YESTERDAY')).length, 0);
  assert.equal(
    rows(org.query('SELECT Id FROM Account WHERE CreatedDate > 2026-03-18T00:00:00Z')).length,
    4
  );
  assert.throws(
    () => org.query("SELECT Id FROM Account WHERE CreatedDate > '2026-03-18'"),
    /must be of type dateTime and should not be enclosed in quotes/
  );
  org.clock.advance('2d');
  assert.equal(
    rows(org.query('SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:1')).length,
    0
  );
  assert.equal(rows(org.query('SELECT Id FROM Account WHERE CreatedDate = THIS_MONTH')).length, 4);
});

test('unknown fields, relationships and objects fail with the platform texts', () => {
  const { org } = seeded();
  assert.throws(
    () => org.query('SELECT Nmae FROM Account'),
    /No such column 'Nmae' on entity 'Account'/
  );
  assert.throws(
    () => org.query('SELECT Acount.Name FROM Contact'),
    /Didn't understand relationship 'Acount' in field path/
  );
  assert.throws(() => org.query('SELECT Id FROM Acount'), /sObject type 'Acount' is not supported/);
  assert.throws(() => org.query('SELECT Id FROM Account WHERE'), /unexpected token: '<EOF>'/);
});

test('results carry only what was queried (plus Id): the queried set is recorded', () => {
  const { org } = seeded();
  const r = rows(org.query("SELECT Name FROM Account WHERE Name = 'Acme'"))[0];
  assert.deepEqual([...(r.queried ?? [])].sort(), ['id', 'name']);
  assert.equal(r.isPopulated('Industry'), false);
});

test('ALL ROWS returns deleted records; IsDeleted is set (Restoring Deleted Records)', () => {
  const { org, globex } = seeded();
  org.delete(globex);
  assert.equal(rows(org.query("SELECT Id FROM Account WHERE Name = 'Globex'")).length, 0);
  const all = rows(org.query("SELECT Id, IsDeleted FROM Account WHERE Name = 'Globex' ALL ROWS"));
  assert.equal(all.length, 1);
  assert.equal(all[0].raw('IsDeleted'), true);
});

test('multi-select picklists: INCLUDES(a;b, c) means (a and b) or c (Querying Multi-Select Picklists)', () => {
  const { org } = seeded();
  // The package has no multi-select field; a catalogue field stands in (Contact has none either) → fail loudly on non-MSP.
  assert.throws(
    () => org.query("SELECT Id FROM Account WHERE Industry INCLUDES ('Banking')"),
    /only valid on multi-select picklists/
  );
});

test('TYPEOF on a polymorphic relationship picks fields by the parent type', () => {
  const { org, acme } = seeded();
  org.insert('Task', [{ Subject: 'Call', WhatId: acme }]);
  const t = rows(
    org.query(
      'SELECT Subject, TYPEOF What WHEN Account THEN Name, Industry ELSE Name END FROM Task'
    )
  )[0];
  const what = t.raw('What') as ApexSObject;
  assert.equal(what.type, 'Account');
  assert.equal(what.raw('Industry'), 'Banking');
});

test('one transaction inserts at most 10,000 rows: Too many DML rows: 10001 (Execution Governors and Limits)', () => {
  const org = new Org({ name: 'perf', source: PACKAGE });
  assert.throws(
    () =>
      org.insert(
        'Account',
        Array.from({ length: 10_001 }, (_, i) => ({ Name: `A${i}` }))
      ),
    /^System\.LimitException|Too many DML rows: 10001/
  );
  assert.equal(
    org.query('SELECT COUNT() FROM Account'),
    0,
    'the failed transaction left nothing behind'
  );
});

test('SOQL over 20,000 rows filtered and sorted', () => {
  const org = new Org({ name: 'perf', source: PACKAGE });
  for (const base of [0, 10_000])
    org.insert(
      'Account',
      Array.from({ length: 10_000 }, (_, i) => ({
        Name: `A${base + i}`,
        NumberOfEmployees: (base + i) % 100
      }))
    );
  const r = rows(
    org.query('SELECT Name FROM Account WHERE NumberOfEmployees < 10 ORDER BY Name LIMIT 5')
  );
  assert.deepEqual(
    r.map((x) => x.raw('Name')),
    ['A0', 'A1', 'A100', 'A1000', 'A10000']
  );
});
