// @ts-check
// Step "selftest": the gate's own tests. Each seeds one fault in a temporary copy of the project
// and expects the right step to fail, naming the cause.
import { listFiles } from '../lib/files.mjs';
import { nothingToCheck } from '../lib/step.mjs';
import { runNodeTests } from './node-tests.mjs';

/** @type {import('../lib/step.mjs').Step} */
export default {
  name: 'selftest',
  title: 'gate self-tests (seeded faults)',
  async run({ root }) {
    const files = listFiles(root, 'scripts/__tests__').filter((f) => /\.test\.(mjs|ts)$/.test(f));
    if (files.length === 0) return nothingToCheck('no gate self-test');
    // The self-tests mostly wait on the child processes of the steps they run: two files at once.
    return runNodeTests(root, files, 'gate self-tests', 2);
  }
};
