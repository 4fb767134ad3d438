// What a managed package's operations need of the platform: scheduled jobs stopped with
// System.abortJob, sandbox post-copy scripts (System.SandboxPostCopy, System.SandboxContext,
// Test.testSandboxPostCopyScript), System.Version and ApexClass.ApiVersion from each class's -meta.xml.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgWithClasses } from '../apex-source.ts';

const JOB =
  'public class Job implements Schedulable {\n  public void execute(SchedulableContext c) {}\n}';

test('System.abortJob stops a scheduled job and frees its name (Apex Reference, System Class: abortJob)', async () => {
  const org = await orgWithClasses({ Job: JOB });
  const run = org.executeAnonymous(
    "Id first = System.schedule('nightly', '0 0 3 * * ?', new Job());\n" +
      "System.assertEquals(1, [SELECT COUNT() FROM CronTrigger WHERE CronJobDetail.Name = 'nightly']);\n" +
      'System.abortJob(first);\n' +
      'System.assertEquals(0, [SELECT COUNT() FROM CronTrigger WHERE Id = :first]);\n' +
      "System.assertEquals(0, [SELECT COUNT() FROM CronJobDetail WHERE Name = 'nightly']);\n" +
      "Id second = System.schedule('nightly', '0 0 4 * * ?', new Job());\n" +
      'System.assertNotEquals(first, second);'
  );
  assert.ok(run.success, JSON.stringify(run));
});

test('Test.testSandboxPostCopyScript runs runApexClass with the context values (Apex Reference, SandboxPostCopy Interface)', async () => {
  const org = await orgWithClasses({
    PostCopy:
      'public class PostCopy implements System.SandboxPostCopy {\n' +
      '  public static String seen;\n' +
      '  public void runApexClass(System.SandboxContext context) {\n' +
      "    seen = context.organizationId() + '|' + context.sandboxId() + '|' + context.sandboxName();\n" +
      '  }\n' +
      '}'
  });
  const run = org.executeAnonymous(
    "Test.testSandboxPostCopyScript(new PostCopy(), '00D000000000001', '0GR000000000002', 'uat');\n" +
      "System.assertEquals('00D000000000001EAA|0GR000000000002GAA|uat', PostCopy.seen);"
  );
  assert.ok(run.success, JSON.stringify(run));
});

test('ApexClass.ApiVersion is the apiVersion of the class -meta.xml (Object Reference, ApexClass)', async () => {
  const org = await orgWithClasses(
    { Versioned: 'public class Versioned {}' },
    {},
    {
      'classes/Versioned.cls-meta.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
        '    <apiVersion>64.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n'
    }
  );
  const run = org.executeAnonymous(
    "ApexClass c = [SELECT ApiVersion FROM ApexClass WHERE Name = 'Versioned' AND NamespacePrefix = null];\n" +
      'System.assertEquals(64.0, c.ApiVersion);'
  );
  assert.ok(run.success, JSON.stringify(run));
});

test('System.Version holds two- and three-part versions; compareTo ignores a missing patch (Apex Reference, Version Class)', async () => {
  const org = await orgWithClasses({ Noop: 'public class Noop {}' });
  const run = org.executeAnonymous(
    'System.Version v = new Version(1, 4);\n' +
      'System.assertEquals(1, v.major());\n' +
      'System.assertEquals(4, v.minor());\n' +
      'System.assertEquals(null, v.patch());\n' +
      'System.assertEquals(2, new System.Version(1, 4, 2).patch());\n' +
      'System.assertEquals(0, v.compareTo(new Version(1, 4, 7)));\n' +
      'System.assert(v.compareTo(new Version(1, 3)) > 0);\n' +
      'System.assert(v.compareTo(new Version(2, 0)) < 0);\n' +
      'System.assert(new Version(1, 4, 3).compareTo(new Version(1, 4, 2)) > 0);'
  );
  assert.ok(run.success, JSON.stringify(run));
});
