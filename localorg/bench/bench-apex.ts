/**
 * `npm run bench:apex`: one JSON line {coldMs, warmMs, statementsPerSec, parseMsPer1000Lines}.
 * - coldMs: a fresh process loads the package (force-app + unpackaged) until tests could run.
 * - warmMs: the same load again in a process that has done it once.
 * - statementsPerSec: simple Integer statements executed per second by compiled Apex.
 * - parseMsPer1000Lines: apex-parser + our front end on the package, parser already warm, no AST cache.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Interp } from '../src/exec/interp.ts';
import { newRuntime } from '../src/runner/runner.ts';
import { parseClass } from '../src/front/parse.ts';
import { Org } from '../src/platform/org.ts';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '../..');
const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as {
  packageDirectories: { path: string }[];
};
const sources = project.packageDirectories.map((p) => join(root, p.path));

function load(): Interp {
  let interp!: Interp;
  new Org({
    name: 'bench',
    source: sources,
    runtimeFactory: (p, s) => (interp = newRuntime(p).load(s))
  });
  return interp;
}

if (process.argv[2] === '--load-once') {
  load();
  process.stdout.write(String(Math.round(performance.now())));
  process.exit(0);
}

// Cold: a new process (tsx start-up included), AST cache as a developer machine has it.
const t0 = Date.now();
execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--load-once'], {
  cwd: root
});
const coldMs = Date.now() - t0;

load();
const t1 = performance.now();
const interp = load();
const warmMs = Math.round(performance.now() - t1);

// Statements: three simple statements per iteration.
const N = 2_000_000;
const loop = `Integer s = 0; Integer t = 0; Integer u = 0;
for (Integer i = 0; i < ${N}; i++) { s += i; t = s - 1; u = t + 2; }`;
interp.executeAnonymous(loop.replace(String(N), '10000'));
const t2 = performance.now();
const r = interp.executeAnonymous(loop);
const secs = (performance.now() - t2) / 1000;
if (!r.success) throw new Error(`bench loop failed: ${r.compileProblem ?? r.exceptionMessage}`);
const statementsPerSec = Math.round((N * 3) / secs);

// Parse speed, warm parser, no cache.
const files = interp
  .classes()
  .map((c) => c.file)
  .filter((f, i, a) => a.indexOf(f) === i && f.endsWith('.cls'));
const texts = files.map((f) => readFileSync(f, 'utf8'));
for (const t of texts) parseClass(t);
const t3 = performance.now();
for (const t of texts) parseClass(t);
const lines = texts.reduce((n, t) => n + t.split('\n').length, 0);
const parseMsPer1000Lines = Math.round(((performance.now() - t3) / lines) * 1000 * 10) / 10;

process.stdout.write(
  JSON.stringify({ coldMs, warmMs, statementsPerSec, parseMsPer1000Lines }) + '\n'
);
