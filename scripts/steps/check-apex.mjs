// @ts-check
// Step "check-apex": the Apex Dev Tools checker (apex-ls CheckForIssues, from the PMD engine's jars)
// resolves every type, method and field against the platform tables: an offline "compile".
// It does not fail by exit code on errors, so its JSON is read and any error fails the step.
// Then the package's layers: a class of force-app/main names no class of a layer above its own.
import fs from 'node:fs';
import path from 'node:path';
import { layerViolations } from '../lib/apex-layers.mjs';
import { run } from '../lib/exec.mjs';
import { apexSources, packageDirectories } from '../lib/files.mjs';
import { javaClasspath, javaMissing } from '../lib/java.mjs';
import { nothingToCheck } from '../lib/step.mjs';

/** apex-ls categories that are advice, not errors. */
const ADVICE = new Set(['Warning', 'Unused']);

/**
 * @typedef {{ start: { line: number, offset: number }, category: string, message: string }} Issue
 * @typedef {{ files: { path: string, messages: Issue[] }[] }} Report
 */

/**
 * @param {string} stdout
 * @returns {Report}
 */
function parseReport(stdout) {
  const at = stdout.indexOf('{');
  if (at < 0) throw new Error(`no JSON in the checker output: ${stdout.slice(0, 300)}`);
  return JSON.parse(stdout.slice(at));
}

/** @type {import('../lib/step.mjs').Step} */
export default {
  name: 'check-apex',
  title: 'Apex semantics (Apex Dev Tools)',
  async run({ root }) {
    const sources = apexSources(root, packageDirectories(root));
    if (sources.length === 0) return nothingToCheck('no Apex class or trigger yet');
    const missing = await javaMissing(root);
    if (missing) return { ok: false, summary: 'Java missing', problems: [missing] };
    const res = await run(
      'java',
      [
        '-cp',
        javaClasspath(root),
        'io.github.apexdevtools.apexls.CheckForIssues',
        '-w',
        root,
        '-n',
        '-d',
        'warnings',
        '-f',
        'json'
      ],
      { cwd: root }
    );
    /** @type {Report} */
    let report;
    try {
      report = parseReport(res.stdout);
    } catch (error) {
      return {
        ok: false,
        summary: `checker failed (exit ${res.code})`,
        problems: [String(error), ...res.stderr.split('\n').slice(0, 20)]
      };
    }
    /** @type {string[]} */
    const problems = [];
    let advice = 0;
    for (const file of report.files ?? []) {
      const rel = path.relative(root, file.path).split(path.sep).join('/');
      for (const m of file.messages) {
        if (ADVICE.has(m.category)) {
          advice++;
          continue;
        }
        problems.push(
          `${rel}:${m.start.line}:${m.start.offset + 1}: apex-ls/${m.category}: ${m.message}`
        );
      }
    }
    const stages = path.join(root, 'force-app', 'main');
    const layers = fs.existsSync(stages) ? layerViolations(stages) : [];
    problems.push(
      ...layers.map((p) => `force-app/main/${p}: layers (docs/architecture.md#layers)`)
    );
    const summary = `${sources.length} Apex files, ${layers.length} layer violations`;
    return problems.length
      ? { ok: false, summary: `${summary}, ${problems.length} errors`, problems }
      : { ok: true, summary: `${summary}, 0 errors, ${advice} warnings` };
  }
};
