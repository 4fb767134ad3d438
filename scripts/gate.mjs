#!/usr/bin/env node
// @ts-check
// The offline gate (`npm test`): every check an org would otherwise make at deploy and test time,
// cheapest first, stopping at the first failing step with file:line:rule for each problem.
//   node scripts/gate.mjs                 all steps
//   node scripts/gate.mjs --only apex     one step (or a comma-separated list)
//   node scripts/gate.mjs --list          the step names
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import format from './steps/format.mjs';
import eslint from './steps/eslint.mjs';
import tsc from './steps/tsc.mjs';
import checkApex from './steps/check-apex.mjs';
import analyze from './steps/analyze.mjs';
import metadata from './steps/metadata.mjs';
import jest from './steps/jest.mjs';
import localorg from './steps/localorg.mjs';
import apex from './steps/apex.mjs';
import e2e from './steps/e2e.mjs';
import selftest from './steps/selftest.mjs';

/** @type {import('./lib/step.mjs').Step[]} */
export const STEPS = [
  format,
  eslint,
  tsc,
  checkApex,
  analyze,
  metadata,
  jest,
  localorg,
  apex,
  e2e,
  selftest
];

/** Steps whose result counts individual tests; every other step counts as one check. */
const RUNNERS = new Set(['jest', 'localorg', 'apex', 'e2e', 'selftest']);
const MAX_PROBLEMS = 40;

/**
 * @param {string[]} argv
 * @returns {{ only: string[] | null, list: boolean }}
 */
function parseArgs(argv) {
  /** @type {string[] | null} */
  let only = null;
  let list = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (argv[i].startsWith('--only=')) only = argv[i].slice(7).split(',').filter(Boolean);
    else if (argv[i] === '--list') list = true;
    else throw new Error(`unknown argument: ${argv[i]} (use --only <step>[,<step>] or --list)`);
  }
  return { only, list };
}

/**
 * @param {number} ms
 * @returns {string}
 */
function seconds(ms) {
  return `${(ms / 1000).toFixed(1)}s`.padStart(6);
}

async function main() {
  const { only, list } = parseArgs(process.argv.slice(2));
  if (list) {
    for (const s of STEPS) console.log(`${s.name.padEnd(11)} ${s.title}`);
    return 0;
  }
  const unknown = (only ?? []).filter((n) => !STEPS.some((s) => s.name === n));
  if (unknown.length) {
    console.error(
      `gate: unknown step ${unknown.join(', ')}; steps: ${STEPS.map((s) => s.name).join(', ')}`
    );
    return 2;
  }
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const steps = only ? STEPS.filter((s) => only.includes(s.name)) : STEPS;
  let passed = 0;
  let failed = 0;
  const start = Date.now();
  for (const step of steps) {
    const t0 = Date.now();
    /** @type {import('./lib/step.mjs').StepResult} */
    let result;
    try {
      result = await step.run({ root });
    } catch (error) {
      const e = /** @type {Error} */ (error);
      result = { ok: false, summary: 'crashed', problems: [`${step.name}: ${e.stack ?? e}`] };
    }
    const mark = result.ok ? 'ok  ' : 'FAIL';
    console.log(`${mark} ${step.name.padEnd(11)}${seconds(Date.now() - t0)}  ${result.summary}`);
    if (RUNNERS.has(step.name) && result.tests) {
      passed += result.tests.passed;
      failed += result.tests.failed;
      if (!result.ok && result.tests.failed === 0) failed++;
    } else if (result.ok) passed++;
    else failed++;
    if (!result.ok) {
      const problems = result.problems ?? [];
      for (const p of problems.slice(0, MAX_PROBLEMS)) console.log(`     ${p}`);
      if (problems.length > MAX_PROBLEMS)
        console.log(`     ... and ${problems.length - MAX_PROBLEMS} more`);
      console.log(
        `gate stopped at "${step.name}" (${seconds(Date.now() - start).trim()}); run it alone: node scripts/gate.mjs --only ${step.name}`
      );
      break;
    }
  }
  if (failed === 0) console.log(`gate passed in ${seconds(Date.now() - start).trim()}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`gate: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 2;
  }
);
