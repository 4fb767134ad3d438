/**
 * A batch's QueryLocator (Apex Developer Guide, "Using Batch Apex": "If you use a QueryLocator
 * object, the governor limit for the total number of records retrieved by SOQL queries is bypassed",
 * up to 50 million records): a start that returns more than the 50,000 query rows of a transaction
 * runs, and every record reaches an execute. Failed before with "Too many query rows: 50001".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgWithClasses } from '../apex-source.ts';

test('a batch reads more records than the SOQL row limit through its QueryLocator', async () => {
  const org = await orgWithClasses({
    Counts: `public class Counts implements Database.Batchable<SObject>, Database.Stateful {
      Integer seen = 0;
      public Database.QueryLocator start(Database.BatchableContext c) {
        return Database.getQueryLocator('SELECT Id FROM Contact');
      }
      public void execute(Database.BatchableContext c, List<SObject> scope) { seen += scope.size(); }
      public void finish(Database.BatchableContext c) { insert new Account(Name = 'seen ' + seen); }
    }`
  });
  for (let i = 0; i < 50_200; i += 10_000)
    org.insert(
      'Contact',
      Array.from({ length: Math.min(10_000, 50_200 - i) }, (_, k) => ({ LastName: `c${i + k}` }))
    );
  assert.ok(org.executeAnonymous('Database.executeBatch(new Counts(), 2000);').success);
  while (org.runReadyAsync(1)) {
    /* drain */
  }
  const [job] = org.query('SELECT Status, NumberOfErrors FROM AsyncApexJob') as {
    raw(f: string): unknown;
  }[];
  assert.equal(job.raw('Status'), 'Completed');
  assert.equal(org.query("SELECT COUNT() FROM Account WHERE Name = 'seen 50200'"), 1);
});
