// @ts-check
// Step "metadata": our metadata validator (scripts/metadata): well-formed XML, root element and
// namespace, required elements per field type, references between components, file names.
import { validateMetadata } from '../metadata/validate.mjs';
import { nothingToCheck } from '../lib/step.mjs';

/** @type {import('../lib/step.mjs').Step} */
export default {
  name: 'metadata',
  title: 'metadata validator',
  async run({ root }) {
    const report = validateMetadata(root);
    if (report.files === 0) return nothingToCheck('no metadata file yet');
    const summary = `${report.files} metadata files, ${report.components} components`;
    return report.problems.length
      ? {
          ok: false,
          summary: `${summary}, ${report.problems.length} problems`,
          problems: report.problems
        }
      : { ok: true, summary: `${summary}, 0 problems` };
  }
};
