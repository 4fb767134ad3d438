// Fidelity fixes found by running whole published suites unchanged (issue 14 item 6, docs/localorg.md
// "Fidelity on whole public suites"); each case failed before its fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgWithClasses } from '../apex-source.ts';

// Apex Developer Guide, "SOQL and SOSL Queries": "You can evaluate SOQL or SOSL statements on-the-fly
// in Apex by surrounding the statement in square brackets." Source files are UTF-8 and comments or
// strings may hold any character: an emoji (outside the Basic Multilingual Plane) earlier in the
// file took the query text one character early ("no viable alternative at character '['").
test('inline SOQL after an emoji in a comment or a string keeps its exact text', async () => {
  const org = await orgWithClasses({
    EmojiSoqlTest: `// A very long name 😭 — and another one 🎉
@IsTest
private class EmojiSoqlTest {
  private static final String LABEL = '🚀 launch';
  private static final Integer USER_COUNT = [SELECT COUNT() FROM User WHERE Name != :LABEL];
  @IsTest
  static void inlineQueries() {
    List<Schema.User> users = [SELECT Id, Name FROM User WHERE Name != '🙂' LIMIT 5];
    Assert.isFalse(users.isEmpty());
    Assert.areEqual(USER_COUNT, [SELECT COUNT() FROM User]);
    List<List<SObject>> found = [FIND 'x🙂' IN ALL FIELDS RETURNING Account(Id)];
    Assert.areEqual(1, found.size());
  }
}`
  });
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('EmojiSoqlTest', 'inlineQueries');
  assert.equal(r?.outcome, 'Pass', r?.message ?? '');
});
