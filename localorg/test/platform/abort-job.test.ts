/**
 * System.abortJob of an AsyncApexJob (Apex Reference, System Class, "abortJob(jobId)": stops the
 * specified job; Apex Developer Guide, "Using Batch Apex": "To stop the execution of the batch Apex
 * job, call System.abortJob with the ID returned by the executeBatch method"): the job's Status is
 * Aborted, a queued Queueable never runs, a queued batch runs neither its chunks nor its finish; a
 * job that already completed is left as it is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgWithClasses } from '../apex-source.ts';

const CLASSES = {
  Mark: `public class Mark implements Queueable {
    public void execute(QueueableContext c) { insert new Account(Name = 'queueable ran'); }
  }`,
  Marks: `public class Marks implements Database.Batchable<SObject> {
    public Database.QueryLocator start(Database.BatchableContext c) {
      return Database.getQueryLocator('SELECT Id FROM Contact');
    }
    public void execute(Database.BatchableContext c, List<SObject> scope) {
      insert new Account(Name = 'chunk ran');
    }
    public void finish(Database.BatchableContext c) { insert new Account(Name = 'finish ran'); }
  }`
};

test('an aborted Queueable or batch does not run; its job says Aborted', async () => {
  const org = await orgWithClasses(CLASSES);
  org.insert('Contact', [{ LastName: 'a' }, { LastName: 'b' }]);
  const r = org.executeAnonymous(`
    Id q = System.enqueueJob(new Mark());
    Id b = Database.executeBatch(new Marks(), 1);
    System.abortJob(q);
    System.abortJob(b);`);
  assert.ok(r.success, JSON.stringify(r));
  while (org.runReadyAsync(1)) {
    /* drain */
  }
  assert.equal(org.query('SELECT COUNT() FROM Account'), 0, 'neither ran');
  assert.deepEqual(
    (org.query('SELECT Status FROM AsyncApexJob') as { raw(f: string): unknown }[]).map((j) =>
      j.raw('Status')
    ),
    ['Aborted', 'Aborted']
  );
});

test('aborting a job that completed leaves it Completed', async () => {
  const org = await orgWithClasses(CLASSES);
  assert.ok(org.executeAnonymous('System.enqueueJob(new Mark());').success);
  while (org.runReadyAsync(1)) {
    /* drain */
  }
  const r = org.executeAnonymous(
    "System.abortJob([SELECT Id FROM AsyncApexJob LIMIT 1].Id); insert new Account(Name = 'after');"
  );
  assert.ok(r.success, JSON.stringify(r));
  const [job] = org.query('SELECT Status FROM AsyncApexJob') as { raw(f: string): unknown }[];
  assert.equal(job.raw('Status'), 'Completed');
});
