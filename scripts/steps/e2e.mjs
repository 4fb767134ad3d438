// @ts-check
// Step "e2e": end-to-end tests (test/e2e/**/*.test.ts), e.g. two orgs syncing in the local org, the
// convergence checker's own tests (test/fuzz/**/*.test.ts; the fuzz run itself is npm run fuzz:sync)
// and the browser tests of the local demo (test/browser/**/*.test.ts, skipped without Chromium).
// Then the namespaced pass (issue 13 item 2; docs/packaging.md, "Subscriber code and the
// namespace"): the package's Apex tests under the namespace (`localorg test --namespace s2s`, as
// the build org of a package version runs them) and test/e2e again with the World's orgs running
// the package installed under it (S2S_NAMESPACE, test/e2e/namespace.ts), and the fuzz tests
// (test/fuzz builds its orgs with the same helpers), and the main browser walkthrough
// (test/browser/demo.test.ts) with the demo's orgs running the package under the namespace
// (S2S_NAMESPACE, demo/world.ts): only that one, to keep the gate's time bounded (each walkthrough
// starts a demo and a browser, a minute or more); the other walkthroughs run unnamespaced only.
import path from 'node:path';
import { run, tail } from '../lib/exec.mjs';
import { listFiles } from '../lib/files.mjs';
import { nothingToCheck } from '../lib/step.mjs';
import { runNodeTests } from './node-tests.mjs';

/** The namespace of the namespaced pass (the example prefix of docs/packaging.md). */
export const NAMESPACE = 's2s';

/** The one browser walkthrough the namespaced pass runs (see above: the gate's time). */
export const NAMESPACED_WALKTHROUGH = 'test/browser/demo.test.ts';

/**
 * The package's Apex tests with every source under the namespace.
 * @param {string} root
 * @returns {Promise<import('../lib/step.mjs').StepResult>}
 */
async function namespacedApexTests(root) {
  const res = await run(
    process.execPath,
    [
      path.join(root, 'localorg', 'bin', 'localorg.mjs'),
      'test',
      '--namespace',
      NAMESPACE,
      '--source',
      'force-app',
      '--source',
      'unpackaged'
    ],
    { cwd: root }
  );
  const out = res.stdout + res.stderr;
  const m = /^(Passed|Failed): (\d+) tests, (\d+) passing, (\d+) failing/m.exec(out);
  if (!m) {
    return {
      ok: false,
      summary: `Apex tests under namespace ${NAMESPACE}: the local org did not finish (exit ${res.code})`,
      problems: tail(out, 30)
    };
  }
  const [passed, failed] = [Number(m[3]), Number(m[4])];
  const problems = out
    .split('\n')
    .filter((l) => /^(FAIL|COMPILE) /.test(l))
    .map((l) => `${l.trim()} (namespace ${NAMESPACE})`);
  return {
    ok: res.code === 0 && failed === 0,
    summary: `Apex tests under namespace ${NAMESPACE}: ${passed} passed, ${failed} failed`,
    problems,
    tests: { passed, failed }
  };
}

/** @type {import('../lib/step.mjs').Step} */
export default {
  name: 'e2e',
  title: 'end-to-end tests, then under the namespace',
  async run({ root }) {
    const e2e = listFiles(root, 'test/e2e').filter((f) => f.endsWith('.test.ts'));
    const fuzz = listFiles(root, 'test/fuzz').filter((f) => f.endsWith('.test.ts'));
    const browser = listFiles(root, 'test/browser').filter((f) => f.endsWith('.test.ts'));
    const files = [...e2e, ...fuzz, ...browser];
    if (files.length === 0) return nothingToCheck('no end-to-end test yet');
    const plain = await runNodeTests(root, files, 'e2e');
    if (!plain.ok) return plain;
    const apex = await namespacedApexTests(root);
    // (listFiles gives paths relative to the root, with '/')
    const walkthrough = browser.filter((f) => f === NAMESPACED_WALKTHROUGH);
    const namespaced = await runNodeTests(
      root,
      [...e2e, ...fuzz, ...walkthrough],
      `e2e (namespace ${NAMESPACE})`,
      undefined,
      {
        S2S_NAMESPACE: NAMESPACE
      }
    );
    const tests = [plain, apex, namespaced].map((r) => r.tests ?? { passed: 0, failed: 0 });
    return {
      ok: apex.ok && namespaced.ok,
      summary: `${plain.summary}; ${apex.summary}; namespace ${NAMESPACE}: ${namespaced.summary}`,
      problems: [...(apex.problems ?? []), ...(namespaced.problems ?? [])],
      tests: {
        passed: tests.reduce((n, t) => n + t.passed, 0),
        failed: tests.reduce((n, t) => n + t.failed, 0)
      }
    };
  }
};
