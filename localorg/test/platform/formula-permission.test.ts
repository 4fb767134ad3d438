// $Permission in formulas: a global merge field "to use when referencing information about the
// current user's custom permission access" (Salesforce Help, "$Permission"; Apex Reference,
// "FormulaGlobal Enum", PERMISSION). It is true when the running user holds the custom permission
// through a profile or permission set, false otherwise, and names only custom permissions that exist.
// The usual pattern is a validation rule that automation users skip: `NOT($Permission.Name)`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Org } from '../../src/platform/org.ts';
import { runtimeFor } from '../../src/runner/runner.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/formula-permission', import.meta.url));

test('a validation rule with NOT($Permission.X) rejects users without X and lets holders of X save', () => {
  const org = new Org({ name: 'perm', source: [FIXTURE], runtimeFactory: runtimeFor });
  org.createUser({ username: 'plain@perm.example', profile: 'System Administrator' });
  org.createUser({
    username: 'skipper@perm.example',
    profile: 'System Administrator',
    permissionSets: ['Rule_Skipper']
  });
  const save = `
    Database.SaveResult r = Database.insert(new Contact(LastName = 'No Email'), false);
    System.assert(r.isSuccess() == EXPECTED, String.valueOf(r.getErrors()));
    if (!r.isSuccess()) {
      System.assertEquals('A contact needs an email', r.getErrors()[0].getMessage());
    }`;
  const plain = org.executeAnonymous(save.replace('EXPECTED', 'false'), {
    as: 'plain@perm.example'
  });
  assert.equal(plain.exceptionMessage, null, 'an administrator without the permission is refused');
  const skipper = org.executeAnonymous(save.replace('EXPECTED', 'true'), {
    as: 'skipper@perm.example'
  });
  assert.equal(skipper.exceptionMessage, null, 'a holder of the permission saves');
});

test('FormulaEval: $Permission is false for a user without it, and an unknown permission fails', () => {
  const org = new Org({ name: 'perm2', source: [FIXTURE], runtimeFactory: runtimeFor });
  const r = org.executeAnonymous(`
    Boolean holds = (Boolean) Formula.builder()
      .withReturnType(FormulaEval.FormulaReturnType.BOOLEAN)
      .withType(Contact.SObjectType)
      .withFormula('$Permission.Skip_Rules')
      .build().evaluate(new Contact(LastName = 'x'));
    System.assertEquals(false, holds, 'the admin running this holds no custom permission');
    try {
      Formula.builder()
        .withReturnType(FormulaEval.FormulaReturnType.BOOLEAN)
        .withType(Contact.SObjectType)
        .withFormula('$Permission.No_Such_Permission')
        .build().evaluate(new Contact(LastName = 'x'));
      System.assert(false, 'an unknown permission is never false');
    } catch (System.FormulaEvaluationException e) {
      System.assert(e.getMessage().contains('No_Such_Permission'), e.getMessage());
    }
  `);
  assert.equal(r.compileProblem, null, JSON.stringify(r));
  assert.equal(r.exceptionMessage, null, JSON.stringify(r));
});
