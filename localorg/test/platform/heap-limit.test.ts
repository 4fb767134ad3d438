/**
 * The Apex heap limit (Apex Developer Guide, "Execution Governors and Limits": total heap size 6 MB
 * synchronous, 12 MB asynchronous; exceeding it throws System.LimitException, which cannot be
 * caught) and Limits.getHeapSize() ("Limits Class"), measured as runtime/heap.ts documents.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgWithClasses } from '../apex-source.ts';

const HEAP_TEST = `@IsTest
private class HeapTest {
  static List<String> hold(Integer megabytes) {
    List<String> held = new List<String>();
    for (Integer i = 0; i < megabytes; i++) {
      held.add(String.valueOf(i).repeat(1000000));
    }
    return held;
  }
  public class HoldsEight implements Queueable {
    public void execute(QueueableContext c) {
      List<String> held = hold(8);
      insert new Account(Name = 'held ' + held.size());
    }
  }

  @IsTest
  static void get_heap_size_counts_what_is_held() {
    Integer before = Limits.getHeapSize();
    List<String> held = hold(1);
    Integer grown = Limits.getHeapSize() - before;
    System.Assert.isTrue(grown >= 1000000 && grown < 1100000, 'about 1 MB more: ' + grown);
    System.Assert.areEqual(6000000, Limits.getLimitHeapSize(), 'synchronous heap limit');
    held = null;
    System.Assert.isTrue(Limits.getHeapSize() - before < 1000, 'released: ' + Limits.getHeapSize());
  }

  @IsTest
  static void seven_megabytes_in_a_synchronous_transaction() {
    try {
      List<String> held = hold(7);
      insert new Account(Name = 'held ' + held.size());
    } catch (Exception e) {
      insert new Account(Name = 'caught');
    }
  }

  @IsTest
  static void eight_megabytes_in_a_queueable() {
    Test.startTest();
    System.enqueueJob(new HoldsEight());
    Test.stopTest();
    System.Assert.areEqual(1, [SELECT COUNT() FROM Account WHERE Name = 'held 8'], 'async heap is 12 MB');
  }
}`;

async function run(method: string): Promise<{ outcome: string; message: string | null }> {
  const org = await orgWithClasses({ HeapTest: HEAP_TEST });
  const r = org.runtime?.runTest('HeapTest', method);
  assert.ok(r, 'runtime');
  return { outcome: r.outcome, message: r.message };
}

test('Limits.getHeapSize() grows with what Apex holds and falls when it is released', async () => {
  const r = await run('get_heap_size_counts_what_is_held');
  assert.equal(r.outcome, 'Pass', r.message ?? '');
});

test('past 6 MB a synchronous transaction ends with an uncatchable LimitException', async () => {
  const r = await run('seven_megabytes_in_a_synchronous_transaction');
  assert.equal(r.outcome, 'Fail');
  assert.match(r.message ?? '', /^System\.LimitException: Apex heap size too large: 7\d{6}$/);
});

test('a Queueable has 12 MB of heap', async () => {
  const r = await run('eight_megabytes_in_a_queueable');
  assert.equal(r.outcome, 'Pass', r.message ?? '');
});
