// Database.DMLOptions: what the local org cannot do fails loudly (assignment rules), never silently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgWithClasses } from '../apex-source.ts';

test('asking for an assignment rule is unsupported, loudly', async () => {
  const org = await orgWithClasses({});
  for (const setting of [
    'options.assignmentRuleHeader.useDefaultRule = true;',
    "options.assignmentRuleHeader.assignmentRuleId = '01Q000000000001AAA';"
  ]) {
    const run = org.executeAnonymous(
      `Database.DMLOptions options = new Database.DMLOptions();\n${setting}\n` +
        "Lead l = new Lead(LastName = 'L', Company = 'C');\nl.setOptions(options);\ninsert l;"
    );
    assert.equal(run.success, false, setting);
    assert.match(String(run.exceptionMessage), /^Unsupported by the local org: assignment rules/);
  }
});
