// @ts-check
// Step "jest": the LWC Jest tests (sfdx-lwc-jest config in jest.config.js) with coverage; the
// threshold (90 % of lines over every LWC source) is enforced by Jest itself.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { run, tail } from '../lib/exec.mjs';
import { listFiles, lwcSources } from '../lib/files.mjs';
import { nothingToCheck } from '../lib/step.mjs';

const LINE_THRESHOLD = 90;

/**
 * @typedef {{ status: string, fullName: string, failureMessages: string[] }} Assertion
 * @typedef {{ name: string, status: string, message: string, assertionResults: Assertion[] }} Suite
 * @typedef {{ numPassedTests: number, numFailedTests: number, testResults: Suite[] }} JestReport
 */

/**
 * Source files below the line threshold, from coverage/coverage-summary.json.
 * @param {string} root
 * @returns {{ total: number | null, low: string[] }}
 */
function coverage(root) {
  const file = path.join(root, 'coverage', 'coverage-summary.json');
  if (!fs.existsSync(file)) return { total: null, low: [] };
  /** @type {Record<string, { lines: { pct: number, covered: number, total: number } }>} */
  const summary = JSON.parse(fs.readFileSync(file, 'utf8'));
  /** @type {string[]} */
  const low = [];
  for (const [name, data] of Object.entries(summary)) {
    if (name === 'total' || data.lines.pct >= LINE_THRESHOLD) continue;
    const rel = path.relative(root, name).split(path.sep).join('/');
    low.push(
      `${rel}:1:1: jest/coverage: ${data.lines.pct} % of lines covered (${data.lines.covered}/${data.lines.total}), threshold ${LINE_THRESHOLD} %`
    );
  }
  return { total: summary.total?.lines.pct ?? null, low };
}

/** @type {import('../lib/step.mjs').Step} */
export default {
  name: 'jest',
  title: 'LWC Jest with coverage',
  async run({ root }) {
    const sources = lwcSources(root);
    const tests = listFiles(root, 'force-app').filter((f) => /\/__tests__\/.+\.test\.ts$/.test(f));
    if (sources.length === 0 && tests.length === 0) return nothingToCheck('no LWC component yet');
    if (tests.length === 0) {
      return {
        ok: false,
        summary: `${sources.length} LWC sources, no Jest test`,
        problems: sources.map((f) => `${f}:1:1: jest/coverage: no test covers this component`)
      };
    }
    const require = createRequire(path.join(root, 'package.json'));
    // jest's package exports hide bin/, so it is found beside the package's main file.
    const jestBin = path.join(path.dirname(require.resolve('jest')), '..', 'bin', 'jest.js');
    const out = path.join(root, 'build', 'jest-results.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.rmSync(path.join(root, 'coverage'), { recursive: true, force: true });
    const res = await run(
      process.execPath,
      [
        jestBin,
        '--config',
        'jest.config.js',
        '--coverage',
        // A cache of the gate's own: the LWC transformer's cache key ignores which files are
        // instrumented, so a developer's `jest --collectCoverageFrom=<one file>` left transforms
        // without counters that made the next gate report 100 % over one file.
        `--cacheDirectory=${path.join(root, 'build', 'jest-cache')}`,
        '--ci',
        '--silent',
        '--json',
        `--outputFile=${out}`
      ],
      { cwd: root }
    );
    if (!fs.existsSync(out)) {
      return {
        ok: false,
        summary: `jest did not run (exit ${res.code})`,
        problems: tail(res.stderr, 30)
      };
    }
    /** @type {JestReport} */
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    const counts = { passed: report.numPassedTests, failed: report.numFailedTests };
    /** @type {string[]} */
    const problems = [];
    for (const suite of report.testResults) {
      const file = path.relative(root, suite.name).split(path.sep).join('/');
      const failed = suite.assertionResults.filter((a) => a.status === 'failed');
      for (const a of failed) {
        const first =
          a.failureMessages
            .join('\n')
            .split('\n')
            .filter((l) => l.trim())[0] ?? '';
        const at = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`).exec(
          a.failureMessages.join('\n')
        );
        problems.push(
          `${file}:${at?.[1] ?? 1}:${at?.[2] ?? 1}: jest/test: ${a.fullName}: ${first.trim()}`
        );
      }
      if (failed.length === 0 && suite.status === 'failed') {
        problems.push(
          `${file}:1:1: jest/suite: ${suite.message
            .split('\n')
            .filter((l) => l.trim())
            .slice(0, 6)
            .join(' | ')}`
        );
      }
    }
    const cov = coverage(root);
    problems.push(...cov.low);
    if (res.code !== 0 && problems.length === 0) problems.push(...tail(res.stderr, 20));
    const summary = `${counts.passed} passed, ${counts.failed} failed, lines ${cov.total ?? '?'} %`;
    return { ok: problems.length === 0 && res.code === 0, summary, problems, tests: counts };
  }
};
