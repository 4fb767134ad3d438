// ApexClass setup records for the loaded classes, and AsyncApexJob.ApexClassId pointing to the job's
// top-level class (Object Reference: ApexClass, AsyncApexJob).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgWithClasses } from '../apex-source.ts';

test('every class has an ApexClass record, and a queued job names its top-level class', async () => {
  const org = await orgWithClasses({
    Jobs: 'public class Jobs {\n  public class Worker implements Queueable {\n    public void execute(QueueableContext c) {}\n  }\n}'
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
