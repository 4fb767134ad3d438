/** The ApexRuntime API the platform uses: classes, triggers, calls, instances, debug output. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newRuntime } from '../../src/runner/runner.ts';
import {
  UnsupportedPlatform,
  type SObjectTypeInfo,
  type SourcePos
} from '../../src/runtime/platform.ts';
import { ApexList, ApexObject, ApexSObject, typeRef } from '../../src/runtime/values.ts';

class Recording extends UnsupportedPlatform {
  readonly logs: string[] = [];
  override debug(level: string, message: string, pos: SourcePos): void {
    this.logs.push(`${pos.file}:${pos.line} ${level} ${message}`);
  }
}

const JOB = `public with sharing class Job implements Queueable {
  public static Integer runs = 0;
  public String label = 'job';
  public void execute(QueueableContext ctx) {
    runs++;
    System.debug(LoggingLevel.WARN, 'ran ' + label);
  }
  public static Integer twice(Integer n) {
    System.debug(n);
    return n * 2;
  }
}`;

test('records sharing, supertypes and annotations of classes', () => {
  const i = newRuntime().load([{ path: 'Job.cls', text: JOB, kind: 'class' }]);
  assert.deepEqual(i.diagnostics, []);
  const info = i.classInfo('job');
  assert.equal(info?.sharing, 'with');
  assert.ok(info?.supertypes.includes('queueable'));
  assert.deepEqual(info?.methods.map((m) => m.name).sort(), ['execute', 'twice']);
});

test('calls statics, creates instances by name and calls their methods, with debug output', () => {
  const p = new Recording();
  const i = newRuntime(p).load([{ path: 'Job.cls', text: JOB, kind: 'class' }]);
  assert.equal(i.callStatic('Job', 'twice', [21]), 42);
  const job = i.newInstance('Job');
  assert.ok(job instanceof ApexObject);
  i.callMethod(job, 'execute', [null]);
  assert.deepEqual(p.logs, ['Job.cls:9 DEBUG 21', 'Job.cls:6 WARN ran job']);
});

test('runs a trigger body with its context variables', () => {
  const trig = `trigger AccountTrigger on Account (before insert, after update) {
  for (Account a : (List<Account>) Trigger.new) {
    a.Description = Trigger.operationType + ' ' + Trigger.isBefore + ' ' + Trigger.size;
  }
}`;
  // A platform that knows Account, so the trigger compiles.
  const platform = new (class extends UnsupportedPlatform {
    override sobjectType(name: string): SObjectTypeInfo | null {
      if (name.toLowerCase() !== 'account') return null;
      return {
        name: 'Account',
        field: (f: string) =>
          f === 'description' ? { name: 'Description', type: typeRef('String') } : undefined,
        parentRelationship: () => undefined,
        childRelationship: () => undefined
      };
    }
  })();
  const i = newRuntime(platform).load([
    { path: 'AccountTrigger.trigger', text: trig, kind: 'trigger' }
  ]);
  assert.deepEqual(i.diagnostics, []);
  assert.deepEqual(
    i.triggers().map((t) => [t.name, t.sobject, t.events]),
    [['AccountTrigger', 'Account', ['BEFORE_INSERT', 'AFTER_UPDATE']]]
  );
  const rec = new ApexSObject('Account');
  i.runTrigger('AccountTrigger', {
    operation: 'BEFORE_INSERT',
    newRecords: new ApexList(typeRef('Account'), [rec]),
    oldRecords: null,
    newMap: null,
    oldMap: null,
    size: 1
  });
  assert.equal(rec.raw('Description'), 'BEFORE_INSERT true 1');
});

test('reports the sharing mode of the running code, inherited from the caller when undeclared', () => {
  const sources = [
    {
      path: 'Strict.cls',
      text: 'public with sharing class Strict {\n  public static Object viaHelper() { return Helper.mode(); }\n}',
      kind: 'class' as const
    },
    {
      path: 'Loose.cls',
      text: 'public without sharing class Loose {\n  public static Object viaHelper() { return Helper.mode(); }\n}',
      kind: 'class' as const
    },
    {
      path: 'Helper.cls',
      text: 'public inherited sharing class Helper {\n  public static Object mode() { return Probe.sharing(); }\n}',
      kind: 'class' as const
    },
    {
      path: 'Probe.cls',
      text: 'public class Probe {\n  public static Object sharing() { return Probe.record(); }\n  static Object record() { return null; }\n}',
      kind: 'class' as const
    }
  ];
  const i = newRuntime().load(sources);
  const seen: unknown[] = [];
  const probe = i.classInfo('Probe');
  assert.ok(probe);
  // Wrap Probe.record to look at the stack while Apex runs.
  const original = i.currentSharing.bind(i);
  const record = (cls: string) => {
    i.callStatic(cls, 'viaHelper', []);
  };
  const m = (
    i as unknown as { classTable: Map<string, { methods: Map<string, { native: unknown }[]> }> }
  ).classTable
    .get('probe')
    ?.methods.get('record')?.[0];
  assert.ok(m);
  m.native = () => {
    seen.push(original());
    return null;
  };
  record('Strict');
  record('Loose');
  assert.deepEqual(seen, [
    { className: 'Strict', sharing: 'with' },
    { className: 'Loose', sharing: 'without' }
  ]);
});
