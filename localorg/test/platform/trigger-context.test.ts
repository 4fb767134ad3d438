/**
 * Trigger context records (Apex Developer Guide, "Context Variable Considerations": trigger.new can
 * be changed in before triggers only — in after triggers "a runtime error is thrown, as trigger.new
 * is already saved" — and trigger.old is read-only; the error is System.FinalException: Record is
 * read-only), and a trigger that does not compile: every DML on its object fails naming the error,
 * it is never skipped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgWithClasses } from '../apex-source.ts';

const TRIGGER = `trigger AccountStamp on Account (before insert, after insert, before update) {
  for (Account a : Trigger.new) {
    if (Trigger.isBefore) {
      a.Description = 'stamped before';
    } else if (a.Name == 'poke after') {
      a.Description = 'too late';
    }
  }
  if (Trigger.isUpdate && Trigger.new[0].Name == 'poke old') {
    Trigger.old[0].Name = 'rewritten';
  }
}`;

const BROKEN = `trigger ContactBroken on Contact (before insert) {
  for (Contact c : Trigger.new) {
    c.NoSuchField__c = 1;
  }
}`;

const TEST = `@IsTest
private class TriggerContextTest {
  static String failure(Account a, Boolean isUpdate) {
    try {
      if (isUpdate) {
        update a;
      } else {
        insert a;
      }
      return null;
    } catch (DmlException e) {
      return e.getMessage();
    }
  }
  @IsTest
  static void before_triggers_may_change_trigger_new() {
    Account a = new Account(Name = 'plain');
    insert a;
    System.Assert.areEqual('stamped before', [SELECT Description FROM Account WHERE Id = :a.Id].Description, 'set in before insert');
  }
  @IsTest
  static void after_triggers_may_not() {
    String message = failure(new Account(Name = 'poke after'), false);
    System.Assert.isNotNull(message, 'the insert fails');
    System.Assert.isTrue(message.contains('AccountStamp: execution of AfterInsert'), message);
    System.Assert.isTrue(message.contains('System.FinalException: Record is read-only'), message);
    System.Assert.areEqual(0, [SELECT COUNT() FROM Account], 'nothing saved');
  }
  @IsTest
  static void trigger_old_is_read_only() {
    Account a = new Account(Name = 'plain');
    insert a;
    a.Name = 'poke old';
    String message = failure(a, true);
    System.Assert.isTrue(message.contains('System.FinalException: Record is read-only'), message);
  }
}`;

async function org() {
  return orgWithClasses(
    { TriggerContextTest: TEST },
    { AccountStamp: TRIGGER, ContactBroken: BROKEN }
  );
}

for (const method of [
  'before_triggers_may_change_trigger_new',
  'after_triggers_may_not',
  'trigger_old_is_read_only'
]) {
  test(`trigger context: ${method.replace(/_/g, ' ')}`, async () => {
    const r = (await org()).runtime?.runTest('TriggerContextTest', method);
    assert.equal(r?.outcome, 'Pass', r?.message ?? '');
  });
}

test('a trigger that does not compile fails every DML on its object, naming the error', async () => {
  const o = await org();
  assert.ok(o.runtime?.diagnostics.some((d) => /NoSuchField__c/.test(d.message)));
  for (let i = 0; i < 2; i++)
    assert.throws(
      () => o.insert('Contact', [{ LastName: `try ${i}` }]),
      /Compile failed: ContactBroken: line 3, column \d+: Invalid field NoSuchField__c for Contact/
    );
  assert.equal(o.query('SELECT COUNT() FROM Contact'), 0);
  o.insert('Account', [{ Name: 'unaffected' }]);
  assert.equal(o.query('SELECT COUNT() FROM Account'), 1, 'other objects still save');
});
