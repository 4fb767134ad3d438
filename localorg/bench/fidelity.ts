/**
 * `npm run fidelity -- --source DIR [--source DIR ...] [--details FILE]`: how much of a published
 * Apex project's own test suite passes, unchanged, in the local org.
 *
 * Every `--source` of one run is loaded into the same org (suites that go together, such as
 * fflib-apex-common with fflib-apex-mocks beside it). A DIR holding `sfdx-project.json` stands for its
 * package directories (and their `unpackagedMetadata`); any other DIR is loaded as it is (a plain
 * `force-app` folder). Every Apex test method is run.
 *
 * Prints one JSON line per source, `{suite, tests, passing, rate, topFailures}`, and a `total` line when
 * there are several; `topFailures` holds the most frequent failure causes (message with line numbers,
 * Ids and quoted values blanked) with their counts. A source the runner could not load at all prints
 * `{suite, tests: 0, passing: 0, rate: 0, crash}`. `--details FILE` writes every failure as JSON.
 *
 * The suites stay outside this repository: pass the path of a checkout (see docs/localorg.md).
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { runTests } from '../src/runner/runner.ts';
import type { TestMethodResult } from '../src/runtime/platform.ts';

interface Source {
  name: string;
  dirs: string[];
}

function usage(): never {
  process.stderr.write(
    'usage: npm run fidelity -- --source DIR [--source DIR ...] [--top N] [--details FILE]\n'
  );
  process.exit(2);
}

/** The directories a source stands for: an SFDX project's package directories, or the folder itself. */
function resolveSource(dir: string): Source {
  const root = resolve(dir);
  if (!existsSync(root)) {
    process.stderr.write(`fidelity: no such directory: ${root}\n`);
    process.exit(2);
  }
  const projectFile = join(root, 'sfdx-project.json');
  if (!existsSync(projectFile)) return { name: basename(root), dirs: [root] };
  const project = JSON.parse(readFileSync(projectFile, 'utf8')) as {
    packageDirectories?: { path: string; unpackagedMetadata?: { path: string } }[];
  };
  const dirs: string[] = [];
  for (const p of project.packageDirectories ?? []) {
    for (const d of [p.path, p.unpackagedMetadata?.path]) {
      if (!d) continue;
      const abs = resolve(root, d);
      if (existsSync(abs) && !dirs.includes(abs)) dirs.push(abs);
    }
  }
  return { name: basename(root), dirs };
}

function classFiles(dir: string, out: Map<string, string>, owner: string): void {
  for (const e of readdirSync(dir)) {
    if (e === 'node_modules' || e.startsWith('.')) continue;
    const p = join(dir, e);
    if (statSync(p).isDirectory()) classFiles(p, out, owner);
    else if (e.endsWith('.cls')) out.set(e.slice(0, -4).toLowerCase(), owner);
  }
}

/** A failure's cause, with what varies from test to test blanked, so that alike failures count together. */
export function failureCause(message: string | null): string {
  let m = (message ?? '(no message)').split('\n')[0];
  m = m.replace(/^Compile failed: [\w.]+: line \d+, column \d+: /, 'Compile failed: ');
  m = m.replace(/\b[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?\b(?=\W|$)/g, (id) =>
    /\d/.test(id) && /[a-zA-Z]/.test(id) ? '<id>' : id
  );
  m = m.replace(/"[^"]*"|'[^']*'/g, '…');
  m = m.replace(/\b\d+(\.\d+)?\b/g, 'N');
  return m.length > 160 ? `${m.slice(0, 157)}...` : m;
}

function summarize(name: string, results: TestMethodResult[], top: number): object {
  const passing = results.filter((r) => r.outcome === 'Pass').length;
  const causes = new Map<string, number>();
  for (const r of results) {
    if (r.outcome === 'Pass') continue;
    const c = failureCause(r.message);
    causes.set(c, (causes.get(c) ?? 0) + 1);
  }
  const topFailures = [...causes.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, top)
    .map(([cause, count]) => ({ count, cause }));
  return {
    suite: name,
    tests: results.length,
    passing,
    rate: results.length ? Math.round((passing / results.length) * 1000) / 10 : 0,
    topFailures
  };
}

function main(argv: string[]): number {
  const sources: Source[] = [];
  let top = 8;
  let details: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => argv[++i] ?? usage();
    if (a === '--source') sources.push(resolveSource(val()));
    else if (a === '--top') top = Number(val());
    else if (a === '--details') details = val();
    else usage();
  }
  if (!sources.length) usage();
  const owner = new Map<string, string>();
  for (const s of sources) for (const d of s.dirs) classFiles(d, owner, s.name);
  let results: TestMethodResult[];
  try {
    results = runTests({ sources: sources.flatMap((s) => s.dirs) }).result.tests.map((t) => ({
      className: t.ApexClass.Name,
      methodName: t.MethodName,
      outcome: t.Outcome,
      message: t.Message,
      stackTrace: t.StackTrace,
      runTimeMs: t.RunTime
    }));
  } catch (e) {
    // The runner itself failed: a fidelity defect of its own, reported instead of a stack trace.
    const crash = e instanceof Error ? e.message : String(e);
    for (const s of sources)
      process.stdout.write(
        `${JSON.stringify({ suite: s.name, tests: 0, passing: 0, rate: 0, crash })}\n`
      );
    return 1;
  }
  for (const s of sources) {
    const mine = results.filter((r) => owner.get(r.className.toLowerCase()) === s.name);
    process.stdout.write(`${JSON.stringify(summarize(s.name, mine, top))}\n`);
  }
  if (sources.length > 1)
    process.stdout.write(
      `${JSON.stringify(summarize(sources.map((s) => s.name).join('+'), results, top))}\n`
    );
  if (details)
    writeFileSync(
      details,
      JSON.stringify(
        results
          .filter((r) => r.outcome === 'Fail')
          .map((r) => ({
            test: `${r.className}.${r.methodName}`,
            cause: failureCause(r.message),
            message: r.message,
            stackTrace: r.stackTrace
          })),
        null,
        1
      )
    );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
