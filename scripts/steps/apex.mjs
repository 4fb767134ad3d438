// @ts-check
// Step "apex": the package's Apex tests, run by the local org CLI
// (`localorg test --source force-app --source unpackaged --json FILE --coverage`, output shaped like
// `sf apex run test --json`). Fails when a test fails, when the local org cannot run them, or when a
// packaged class has less than 85 % line coverage (and a packaged trigger none at all).
import fs from 'node:fs';
import path from 'node:path';
import { run, tail } from '../lib/exec.mjs';
import { apexSources, packageDirectories } from '../lib/files.mjs';
import { nothingToCheck } from '../lib/step.mjs';
import { isTestClass } from '../lib/apex-source.mjs';

export { isTestClass };

export const CLASS_COVERAGE = 85;

/**
 * @typedef {{ FullName?: string, MethodName?: string, ApexClass?: { Name: string },
 *   Outcome: string, Message?: string | null, StackTrace?: string | null }} TestResult
 * @typedef {{ name: string, totalLines: number, totalCovered: number, coveredPercent?: number }} Coverage
 * @typedef {{ file: string, line?: number, column?: number, message: string }} Diagnostic
 * @typedef {{ status?: number, message?: string, diagnostics?: Diagnostic[], result?: {
 *   summary?: Record<string, unknown>, tests?: TestResult[], coverage?: { coverage?: Coverage[] } } }} RunReport
 */

/**
 * Packaged Apex that needs coverage: non-test classes and triggers of force-app.
 * @param {string} root
 * @returns {{ classes: Map<string, string>, triggers: Map<string, string> }} name -> file
 */
function packagedApex(root) {
  const classes = new Map();
  const triggers = new Map();
  for (const file of apexSources(root, ['force-app'])) {
    const name = path.basename(file).replace(/\.(cls|trigger)$/, '');
    if (file.endsWith('.trigger')) triggers.set(name, file);
    else if (!isTestClass(fs.readFileSync(path.join(root, file), 'utf8'))) classes.set(name, file);
  }
  return { classes, triggers };
}

/**
 * @param {TestResult} t
 * @returns {string}
 */
function testName(t) {
  return t.FullName ?? `${t.ApexClass?.Name ?? '?'}.${t.MethodName ?? '?'}`;
}

/**
 * Every Apex class file of the package directories by class name, to name a failing test's file.
 * @param {string} root
 * @returns {Map<string, string>}
 */
function classFiles(root) {
  return new Map(
    apexSources(root, packageDirectories(root))
      .filter((f) => f.endsWith('.cls'))
      .map((f) => [path.basename(f, '.cls'), f])
  );
}

/**
 * Problems from a run report: failed tests, then coverage below the threshold.
 * @param {RunReport} report
 * @param {{ classes: Map<string, string>, triggers: Map<string, string> }} apex
 * @param {Map<string, string>} [files] class name -> file, for failing tests
 * @returns {{ problems: string[], passed: number, failed: number }}
 */
export function judgeReport(report, apex, files = new Map()) {
  const tests = report.result?.tests ?? [];
  /** @type {string[]} */
  const problems = [];
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    if (t.Outcome === 'Pass') {
      passed++;
      continue;
    }
    if (t.Outcome === 'Skip') continue;
    failed++;
    const cls = t.ApexClass?.Name ?? testName(t).split('.')[0];
    const where = /Class\.[\w.]*?:\s*line (\d+), column (\d+)/.exec(t.StackTrace ?? '');
    const file = files.get(cls) ?? apex.classes.get(cls) ?? `${cls}.cls`;
    const message = (t.Message ?? '').replace(/\s*\n\s*/g, ' | ');
    problems.push(
      `${file}:${where?.[1] ?? 1}:${where?.[2] ?? 1}: apex/test ${t.Outcome}: ${testName(t)}: ${message}`
    );
  }
  const coverage = new Map((report.result?.coverage?.coverage ?? []).map((c) => [c.name, c]));
  for (const [name, file] of apex.classes) {
    const c = coverage.get(name);
    const pct = c
      ? (c.coveredPercent ?? (c.totalLines ? (100 * c.totalCovered) / c.totalLines : 100))
      : 0;
    if (pct < CLASS_COVERAGE) {
      const detail = c ? `${c.totalCovered}/${c.totalLines} lines` : 'not in the coverage report';
      problems.push(
        `${file}:1:1: apex/coverage: ${pct.toFixed(1)} % covered (${detail}), needs ${CLASS_COVERAGE} %`
      );
    }
  }
  for (const [name, file] of apex.triggers) {
    const c = coverage.get(name);
    if (!c || c.totalCovered === 0)
      problems.push(`${file}:1:1: apex/coverage: trigger never run by a test`);
  }
  return { problems, passed, failed };
}

/** @type {import('../lib/step.mjs').Step} */
export default {
  name: 'apex',
  title: 'Apex tests in the local org',
  async run({ root }) {
    const apex = packagedApex(root);
    if (
      apex.classes.size === 0 &&
      apex.triggers.size === 0 &&
      apexSources(root, ['force-app']).length === 0
    ) {
      return nothingToCheck('no Apex class in force-app yet');
    }
    const cli = path.join(root, 'localorg', 'bin', 'localorg.mjs');
    if (!fs.existsSync(cli)) {
      return {
        ok: false,
        summary: 'the local org CLI is missing',
        problems: [
          `localorg/bin/localorg.mjs: not found; the package has Apex, so its tests must run in the local org`
        ]
      };
    }
    const out = path.join(root, 'build', 'apex-results.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.rmSync(out, { force: true });
    const args = [cli, 'test', '--source', 'force-app'];
    if (fs.existsSync(path.join(root, 'unpackaged'))) args.push('--source', 'unpackaged');
    args.push('--json', out, '--coverage');
    const res = await run(process.execPath, args, { cwd: root });
    if (!fs.existsSync(out)) {
      return {
        ok: false,
        summary: `the local org wrote no result (exit ${res.code})`,
        problems: tail(res.stderr + res.stdout, 30)
      };
    }
    /** @type {RunReport} */
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    const judged = judgeReport(report, apex, classFiles(root));
    // Compile errors the local org met (an Apex error, or a platform feature it lacks).
    for (const d of report.diagnostics ?? []) {
      judged.problems.push(
        `${d.file}:${d.line ?? 1}:${d.column ?? 1}: localorg/compile: ${d.message}`
      );
    }
    if (
      judged.problems.length === 0 &&
      (res.code !== 0 || (report.result?.tests ?? []).length === 0)
    ) {
      judged.problems.push(
        `local org: exit ${res.code}, ${(report.result?.tests ?? []).length} tests: ${report.message ?? tail(res.stderr, 5).join(' | ')}`
      );
    }
    const ok = judged.problems.length === 0;
    return {
      ok,
      summary: `${judged.passed} passed, ${judged.failed} failed, ${apex.classes.size} packaged classes at >= ${CLASS_COVERAGE} %${ok ? '' : ' (not all)'}`,
      problems: judged.problems,
      tests: { passed: judged.passed, failed: judged.failed }
    };
  }
};
