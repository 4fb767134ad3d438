/**
 * Async Apex and governor limits as an Apex test method sees them. Each case is an Apex test class
 * run unchanged through the runner, with the outcome a real org gives:
 * - Apex Developer Guide, "Future Methods": an @future call is queued, not run inline; in a test it
 *   runs at Test.stopTest; a future method cannot call another ("Future method cannot be called from
 *   a future or batch method").
 * - "Using Limits, startTest, and stopTest": code between startTest and stopTest gets a new set of
 *   limits; after stopTest the original limits apply again.
 * - "Testing Asynchronous Apex" / "Queueable Apex": async work begun after startTest runs at stopTest;
 *   an uncaught exception of such a job surfaces in the test method; a job may enqueue only one child
 *   ("Too many queueable jobs added to the queue: 2"); chaining is not possible in a test, and
 *   Developer Edition orgs stop a chain at depth 5.
 * - "Execution Governors and Limits": exceeding a limit throws System.LimitException, which no catch
 *   block sees.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgWithClasses } from '../apex-source.ts';

const ASYNC_TEST = `@IsTest
private class AsyncSemanticsTest {
  public class Chain implements Queueable {
    public void execute(QueueableContext c) {
      insert new Account(Name = 'chain');
      System.enqueueJob(new Chain());
    }
  }
  public class Noop implements Queueable {
    public void execute(QueueableContext c) {
      insert new Account(Name = 'noop');
    }
  }
  public class Fails implements Queueable {
    public void execute(QueueableContext c) {
      throw new IllegalArgumentException('bad job');
    }
  }
  @future
  static void saveLater(String name) {
    insert new Account(Name = name);
  }
  @future
  static void enqueueTwo() {
    System.enqueueJob(new Noop());
    System.enqueueJob(new Noop());
  }
  @future
  static void futureCallsFuture() {
    saveLater('nested');
  }

  @IsTest
  static void future_runs_at_stop_test() {
    Test.startTest();
    saveLater('later');
    System.Assert.areEqual(0, [SELECT COUNT() FROM Account WHERE Name = 'later'], 'queued, not run');
    System.Assert.areEqual(1, Limits.getFutureCalls(), 'one future call counted');
    Test.stopTest();
    System.Assert.areEqual(1, [SELECT COUNT() FROM Account WHERE Name = 'later'], 'ran at stopTest');
  }

  @IsTest
  static void future_from_future_fails() {
    Test.startTest();
    futureCallsFuture();
    Test.stopTest();
  }

  @IsTest
  static void stop_test_restores_the_limits_before_start_test() {
    List<Account> a = [SELECT Id FROM Account];
    List<Account> b = [SELECT Id FROM Account];
    Test.startTest();
    System.Assert.areEqual(0, Limits.getQueries(), 'a new set of limits after startTest');
    List<Account> c = [SELECT Id FROM Account];
    Test.stopTest();
    System.Assert.areEqual(2, Limits.getQueries(), 'the original limits after stopTest');
  }

  @IsTest
  static void a_failing_job_surfaces_at_stop_test() {
    Test.startTest();
    System.enqueueJob(new Fails());
    try {
      Test.stopTest();
      System.Assert.fail('the job failure should surface');
    } catch (IllegalArgumentException e) {
      System.Assert.areEqual('bad job', e.getMessage(), 'the job exception');
    }
    AsyncApexJob job = [SELECT Status, ExtendedStatus FROM AsyncApexJob LIMIT 1];
    System.Assert.areEqual('Failed', job.Status, 'the job failed');
  }

  @IsTest
  static void an_async_job_enqueues_one_job_only() {
    Test.startTest();
    enqueueTwo();
    Test.stopTest();
  }

  @IsTest
  static void no_chaining_in_a_test() {
    Test.startTest();
    System.enqueueJob(new Chain());
    Test.stopTest();
  }

  @IsTest
  static void limits_cannot_be_caught() {
    try {
      for (Integer i = 0; i < 101; i++) {
        List<Account> none = [SELECT Id FROM Account WHERE Name = 'x'];
      }
    } catch (Exception e) {
      insert new Account(Name = 'caught');
    }
  }
}`;

async function run(method: string): Promise<{ outcome: string; message: string | null }> {
  const org = await orgWithClasses({ AsyncSemanticsTest: ASYNC_TEST });
  const r = org.runtime?.runTest('AsyncSemanticsTest', method);
  assert.ok(r, 'runtime');
  return { outcome: r.outcome, message: r.message };
}

test('an @future call is queued and runs at Test.stopTest', async () => {
  const r = await run('future_runs_at_stop_test');
  assert.equal(r.outcome, 'Pass', r.message ?? '');
});

test('a future method calling a future method fails in the job, and surfaces at stopTest', async () => {
  const r = await run('future_from_future_fails');
  assert.equal(r.outcome, 'Fail');
  assert.match(
    r.message ?? '',
    /^System\.AsyncException: Future method cannot be called from a future or batch method/
  );
});

test('Test.stopTest restores the limits used before Test.startTest', async () => {
  const r = await run('stop_test_restores_the_limits_before_start_test');
  assert.equal(r.outcome, 'Pass', r.message ?? '');
});

test("an async job's uncaught exception surfaces in the test at Test.stopTest", async () => {
  const r = await run('a_failing_job_surfaces_at_stop_test');
  assert.equal(r.outcome, 'Pass', r.message ?? '');
});

test('an async job may add one Queueable: the second is a LimitException', async () => {
  const r = await run('an_async_job_enqueues_one_job_only');
  assert.equal(r.outcome, 'Fail');
  assert.equal(r.message, 'System.LimitException: Too many queueable jobs added to the queue: 2');
});

test('a Queueable run by Test.stopTest cannot chain another', async () => {
  const r = await run('no_chaining_in_a_test');
  assert.equal(r.outcome, 'Fail');
  assert.equal(r.message, 'System.AsyncException: Maximum stack depth has been reached.');
});

test('a governor limit is a System.LimitException no catch block sees', async () => {
  const r = await run('limits_cannot_be_caught');
  assert.equal(r.outcome, 'Fail');
  assert.equal(r.message, 'System.LimitException: Too many SOQL queries: 101');
});

test('a Developer Edition org stops a Queueable chain at depth 5; Enterprise does not', async () => {
  const { World } = await import('../../src/platform/index.ts');
  const { runtimeFor } = await import('../../src/runner/runner.ts');
  const { apexSource } = await import('../apex-source.ts');
  const CHAIN = `public with sharing class Chain implements Queueable {
  public void execute(QueueableContext c) {
    insert new Account(Name = 'link');
    if ([SELECT COUNT() FROM Account] < 8) {
      System.enqueueJob(new Chain());
    }
  }
}`;
  const src = apexSource({ Chain: CHAIN });
  // Developer: jobs 1-5 run; the 5th fails enqueueing a 6th, which rolls back its own insert.
  for (const [edition, links] of [
    ['Developer', 4],
    ['Enterprise', 8]
  ] as const) {
    const world = new World({ runtimeFactory: runtimeFor });
    const org = await world.createOrg({ name: edition, source: [src], edition });
    org.executeAnonymous('System.enqueueJob(new Chain());');
    await world.drain();
    assert.equal(org.query('SELECT COUNT() FROM Account'), links, edition);
    const failed = org.query("SELECT ExtendedStatus FROM AsyncApexJob WHERE Status = 'Failed'");
    assert.equal(Array.isArray(failed) ? failed.length : -1, edition === 'Developer' ? 1 : 0);
  }
});
