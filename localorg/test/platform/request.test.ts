// System.Request outside tests and jobs. Cited: Apex Reference, "Request Class" and "Quiddity
// Enum". Anonymous Apex and REST requests have their own Quiddity values the local org does not
// tell apart yet, so asking for it there fails loudly rather than guessing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Org } from '../../src/platform/org.ts';
import { runtimeFor } from '../../src/runner/runner.ts';

test('Request.getCurrent() outside a test method or async job fails loudly', () => {
  const org = new Org({ name: 'request', runtimeFactory: runtimeFor });
  const r = org.executeAnonymous(
    'System.Quiddity q = System.Request.getCurrent().getQuiddity();',
    {}
  );
  assert.equal(r.compileProblem, null);
  assert.equal(r.success, false);
  assert.match(
    String(r.exceptionMessage),
    /Unsupported by the local org: System.Request quiddity outside test methods and async jobs/
  );
});
