// @ts-check
// Step "localorg": the local org's own tests (node --test with tsx over localorg/test/**/*.test.ts,
// what `npm test -w localorg` means).
import { listFiles } from '../lib/files.mjs';
import { nothingToCheck } from '../lib/step.mjs';
import { runNodeTests } from './node-tests.mjs';

/** @type {import('../lib/step.mjs').Step} */
export default {
  name: 'localorg',
  title: 'local org tests',
  async run({ root }) {
    const files = listFiles(root, 'localorg/test')
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => f.slice('localorg/'.length));
    if (files.length === 0) return nothingToCheck('no local-org test yet');
    return runNodeTests(`${root}/localorg`, files, 'local org');
  }
};
