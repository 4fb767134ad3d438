// @ts-check
// Step "eslint": LWC rules and typescript-eslint strict (eslint.config.js), errors fail the gate.
import path from 'node:path';
import { ESLint } from 'eslint';

/** @type {import('../lib/step.mjs').Step} */
export default {
  name: 'eslint',
  title: 'ESLint (LWC, typescript-eslint strict)',
  async run({ root }) {
    const eslint = new ESLint({ cwd: root, errorOnUnmatchedPattern: false });
    const results = await eslint.lintFiles(['.']);
    /** @type {string[]} */
    const problems = [];
    let warnings = 0;
    for (const result of results) {
      const file = path.relative(root, result.filePath).split(path.sep).join('/');
      for (const m of result.messages) {
        if (m.severity === 1) {
          warnings++;
          continue;
        }
        problems.push(
          `${file}:${m.line ?? 1}:${m.column ?? 1}: ${m.ruleId ?? 'eslint'}: ${m.message}`
        );
      }
    }
    const summary = `${results.length} files, ${warnings} warnings`;
    return problems.length
      ? { ok: false, summary: `${summary}, ${problems.length} errors`, problems }
      : { ok: true, summary: `${summary}, 0 errors` };
  }
};
