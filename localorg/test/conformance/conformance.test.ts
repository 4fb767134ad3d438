/**
 * The conformance suite: Apex test classes in ./classes, each citing the Apex Developer Guide or
 * Apex Reference sections it checks. Every test method must pass in the local org exactly as it would
 * in a real org (they use only standard objects).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Interp } from '../../src/exec/interp.ts';
import { newRuntime } from '../../src/runner/runner.ts';
import { Org } from '../../src/platform/org.ts';

const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'classes');
const files = readdirSync(dir).filter((f) => f.endsWith('.cls'));
let interp!: Interp;
new Org({
  name: 'conformance',
  runtimeFactory: (p) =>
    (interp = newRuntime(p).load(
      files.map((f) => ({
        path: f,
        text: readFileSync(join(dir, f), 'utf8'),
        kind: 'class' as const
      }))
    ))
});

test('conformance classes compile', () => {
  assert.deepEqual(interp.diagnostics, []);
});

for (const t of interp.testClasses()) {
  for (const m of t.methods) {
    test(`${t.className}.${m}`, () => {
      const r = interp.runTest(t.className, m);
      assert.equal(r.outcome, 'Pass', `${r.message}\n${r.stackTrace ?? ''}`);
    });
  }
  interp.finishTestClass(t.className);
}
