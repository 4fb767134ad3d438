// @ts-check
// Runs node's test runner (with tsx for TypeScript) over explicit files: Node 20 does not expand
// globs given to --test, so the files are listed here.
import { run } from '../lib/exec.mjs';
import { nodeTestCounts, nodeTestFailures } from '../lib/step.mjs';

/**
 * @param {string} cwd
 * @param {string[]} files relative to cwd
 * @param {string} label
 * @param {number} [concurrency] test files run side by side (node's default on 2 cores: 1)
 * @param {Record<string, string>} [env] extra environment of the test run (e.g. S2S_NAMESPACE)
 * @returns {Promise<import('../lib/step.mjs').StepResult>}
 */
export async function runNodeTests(cwd, files, label, concurrency, env) {
  const flags = concurrency ? [`--test-concurrency=${concurrency}`] : [];
  const res = await run(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', ...flags, ...files],
    { cwd, env }
  );
  const output = res.stdout + res.stderr;
  const counts = nodeTestCounts(output);
  if (!counts) {
    return {
      ok: false,
      summary: `${label}: the test runner did not finish (exit ${res.code})`,
      problems: output
        .split('\n')
        .filter((l) => l.trim())
        .slice(-30)
    };
  }
  const ok = res.code === 0 && counts.failed === 0;
  return {
    ok,
    summary: `${files.length} files, ${counts.passed} passed, ${counts.failed} failed`,
    problems: ok ? [] : nodeTestFailures(output),
    tests: counts
  };
}
