// @ts-check
// Step "e2e": end-to-end tests (test/e2e/**/*.test.ts), e.g. two orgs syncing in the local org, the
// convergence checker's own tests (test/fuzz/**/*.test.ts; the fuzz run itself is npm run fuzz:sync)
// and the browser tests of the local demo (test/browser/**/*.test.ts, skipped without Chromium).
import { listFiles } from '../lib/files.mjs';
import { nothingToCheck } from '../lib/step.mjs';
import { runNodeTests } from './node-tests.mjs';

/** @type {import('../lib/step.mjs').Step} */
export default {
  name: 'e2e',
  title: 'end-to-end tests',
  async run({ root }) {
    const files = [
      ...listFiles(root, 'test/e2e'),
      ...listFiles(root, 'test/fuzz'),
      ...listFiles(root, 'test/browser')
    ].filter((f) => f.endsWith('.test.ts'));
    if (files.length === 0) return nothingToCheck('no end-to-end test yet');
    return runNodeTests(root, files, 'e2e');
  }
};
