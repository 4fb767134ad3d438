// @ts-check
// The shape every gate step returns.

/**
 * @typedef {object} StepResult
 * @property {boolean} ok
 * @property {string} summary one line: what was checked, or why there was nothing to check
 * @property {string[]} [problems] one line each, `file:line:col: rule: message` where known
 * @property {{ passed: number, failed: number }} [tests] individual tests, for runner steps
 */

/**
 * @typedef {object} StepContext
 * @property {string} root absolute path of the project
 */

/**
 * @typedef {object} Step
 * @property {string} name
 * @property {string} title
 * @property {(ctx: StepContext) => Promise<StepResult>} run
 */

/**
 * A passing result for a step with nothing to check yet.
 * @param {string} why
 * @returns {StepResult}
 */
export function nothingToCheck(why) {
  return { ok: true, summary: `nothing to check: ${why}` };
}

/**
 * Parses the closing counts of node's test runner (spec reporter): `ℹ pass N`, `ℹ fail N`.
 * @param {string} output
 * @returns {{ passed: number, failed: number } | null}
 */
export function nodeTestCounts(output) {
  const pass = /^ℹ pass (\d+)$/m.exec(output);
  const fail = /^ℹ fail (\d+)$/m.exec(output);
  if (!pass || !fail) return null;
  return { passed: Number(pass[1]), failed: Number(fail[1]) };
}

/**
 * The failing tests section of node's spec reporter, for the failure message.
 * @param {string} output
 * @returns {string[]}
 */
export function nodeTestFailures(output) {
  const at = output.indexOf('✖ failing tests:');
  const section = at >= 0 ? output.slice(at) : output;
  return section
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, 60);
}
