// The envelope fuzzer's fixed subset in the gate: 200 generated hostile envelopes (seed 1) posted to
// the inbound endpoints of a local org; no 500, no unhandled exception, a documented outcome and
// reason code per change, no write outside the allow-list, an audit entry per answered change.
// The long mode: npm run fuzz:envelopes -- --cases 2000 (scripts/fuzz/envelopes.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz } from '../../scripts/fuzz/envelopes.ts';

test('200 generated hostile envelopes: never a 500, every change answered and audited, nothing written outside the allow-list', async () => {
  const failures: string[] = [];
  const result = await fuzz({
    seed: 1,
    cases: 200,
    onFailure: (c, problem) =>
      failures.push(
        `case ${c.no} (${c.mutations.join(', ') || 'valid'}): ${problem.slice(0, 400)}; reproduce: npm run fuzz:envelopes -- --seed 1 --case ${c.no}`
      )
  });
  assert.deepEqual(failures, [], failures.join('\n'));
  assert.equal(result.cases, 200);
  // the generator reaches every layer: refusals, per-change rejections and applied changes
  assert.ok((result.statuses['200'] ?? 0) > 100, JSON.stringify(result.statuses));
  assert.ok((result.statuses['400'] ?? 0) > 0 && (result.statuses['413'] ?? 0) > 0);
  for (const code of [
    'Applied',
    'MALFORMED_CHANGE',
    'FIELD_NOT_ALLOWED',
    'FIELD_MISSING',
    'INVALID_VALUE'
  ])
    assert.ok(
      (result.codes[code] ?? 0) > 0,
      `${code} never reached: ${JSON.stringify(result.codes)}`
    );
});
