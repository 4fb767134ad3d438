// ApexClass setup records for the loaded classes, and AsyncApexJob.ApexClassId pointing to the job's
// top-level class (Object Reference: ApexClass, AsyncApexJob).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { World } from '../../src/platform/index.ts';
import { runtimeFor } from '../../src/runner/runner.ts';

test('every class has an ApexClass record, and a queued job names its top-level class', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'apexclass-'));
  mkdirSync(join(dir, 'classes'));
  writeFileSync(
    join(dir, 'classes', 'Jobs.cls'),
    'public class Jobs {\n  public class Worker implements Queueable {\n    public void execute(QueueableContext c) {}\n  }\n}'
  );
  const org = await new World({ runtimeFactory: runtimeFor }).createOrg({
    name: 'o',
    source: [dir]
  });
  const run = org.executeAnonymous(
    'Id jobId = System.enqueueJob(new Jobs.Worker());\n' +
      'AsyncApexJob j = [SELECT ApexClass.Name, ApexClassId FROM AsyncApexJob WHERE Id = :jobId];\n' +
      "ApexClass c = [SELECT Id, Name, Status FROM ApexClass WHERE Name = 'Jobs'];\n" +
      "System.assertEquals('Jobs', j.ApexClass.Name);\n" +
      'System.assertEquals(c.Id, j.ApexClassId);\n' +
      "System.assertEquals('Active', c.Status);"
  );
  assert.ok(run.success, JSON.stringify(run));
});
