/**
 * `localorg test [--source DIR ...] [--namespace NS] [--class NAME[.method]] [--json FILE] [--junit FILE] [--coverage] [--verbose]`
 * `localorg serve [--port N] [--source DIR ...]`: the org's REST API on http://127.0.0.1:N (cli/serve.ts);
 * prints one JSON line `{instanceUrl, accessToken, username}` once listening.
 * Default sources: sfdx-project.json's packageDirectories (found from the current directory upwards).
 * Exit code 1 when any test fails.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { junitXml, runTests, runtimeFor } from '../runner/runner.js';
import { Org } from '../platform/org.ts';
import { serveOrg } from './serve.ts';

function findProject(from: string): string | null {
  for (let d = resolve(from); ; d = dirname(d)) {
    if (existsSync(join(d, 'sfdx-project.json'))) return d;
    if (dirname(d) === d) return null;
  }
}

function usage(): never {
  process.stderr.write(
    'usage: localorg test [--source DIR ...] [--namespace NS] [--class NAME[.method]] [--json FILE] [--junit FILE] [--coverage] [--verbose]\n' +
      '       localorg serve [--port N] [--source DIR ...]\n'
  );
  process.exit(2);
}

/** The package directories of the sfdx-project.json above the current directory, or null. */
function projectSources(): string[] | null {
  const root = findProject(process.cwd());
  if (!root) return null;
  const proj = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as {
    packageDirectories: { path: string }[];
  };
  return proj.packageDirectories.map((p) => join(root, p.path));
}

/** `serve`: keeps running (the listening server holds the process) until interrupted. */
function serve(args: string[]): number {
  const sources: string[] = [];
  let port = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const val = () => args[++i] ?? usage();
    if (a === '--source') sources.push(val());
    else if (a === '--port') {
      port = Number(val());
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        process.stderr.write(`localorg serve: --port must be a port number, got ${args[i]}\n`);
        return 2;
      }
    } else usage();
  }
  if (!sources.length) sources.push(...(projectSources() ?? []));
  const org = new Org({ name: 'localorg', source: sources, runtimeFactory: runtimeFor });
  const username = String(org.store.get(org.adminUserId)?.values.get('username') ?? '');
  serveOrg(org, { port }).then(
    (s) =>
      process.stdout.write(
        JSON.stringify({ instanceUrl: s.instanceUrl, accessToken: s.accessToken, username }) + '\n'
      ),
    (e: Error) => {
      process.stderr.write(`localorg serve: ${e.message}\n`);
      process.exitCode = 1;
    }
  );
  return 0;
}

export function main(argv: string[]): number {
  const [cmd, ...rest] = argv;
  if (cmd === 'serve') return serve(rest);
  if (cmd !== 'test') usage();
  const sources: string[] = [];
  const classes: string[] = [];
  let json: string | null = null;
  let junit: string | null = null;
  let coverage = false;
  let verbose = false;
  let namespace: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const val = () => rest[++i] ?? usage();
    if (a === '--source') sources.push(val());
    else if (a === '--namespace') namespace = val();
    else if (a === '--class') classes.push(...val().split(','));
    else if (a === '--json') json = val();
    else if (a === '--junit') junit = val();
    else if (a === '--coverage') coverage = true;
    else if (a === '--verbose') verbose = true;
    else usage();
  }
  if (!sources.length) {
    const root = findProject(process.cwd());
    if (!root) {
      process.stderr.write('localorg: no --source given and no sfdx-project.json found\n');
      return 2;
    }
    const proj = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as {
      packageDirectories: { path: string }[];
    };
    for (const p of proj.packageDirectories) sources.push(join(root, p.path));
  }
  const report = runTests({
    sources,
    namespace,
    packageVersion: namespace ? installedVersion(findProject(process.cwd())) : undefined,
    classes,
    coverage: coverage || !!json,
    onResult: (r) => {
      if (r.outcome === 'Fail')
        process.stdout.write(
          `FAIL  ${r.className}.${r.methodName} (${r.runTimeMs} ms)\n      ${r.message}\n${r.stackTrace ? `      ${r.stackTrace.replace(/\n/g, '\n      ')}\n` : ''}`
        );
      else if (verbose)
        process.stdout.write(`PASS  ${r.className}.${r.methodName} (${r.runTimeMs} ms)\n`);
    }
  });
  for (const d of report.diagnostics)
    process.stdout.write(`COMPILE  ${d.file}:${d.line}:${d.column} ${d.message}\n`);
  const s = report.result.summary;
  process.stdout.write(
    `\n${s.outcome}: ${s.testsRan} tests, ${s.passing} passing, ${s.failing} failing (load ${s.commandTime}, run ${s.testTotalTime})\n`
  );
  if (report.result.coverage && (coverage || verbose)) {
    for (const c of report.result.coverage.coverage)
      process.stdout.write(
        `  ${String(c.coveredPercent).padStart(3)}%  ${c.name} (${c.totalCovered}/${c.totalLines})\n`
      );
    process.stdout.write(`Coverage: ${s.testRunCoverage}\n`);
  }
  if (json) writeFileSync(json, JSON.stringify(report, null, 2));
  if (junit) writeFileSync(junit, junitXml(report));
  return s.failing ? 1 : 0;
}

/**
 * The version a namespaced run installs: major.minor of the first package directory's
 * versionNumber in sfdx-project.json (`0.1.0.NEXT` gives `0.1`), undefined without one.
 */
function installedVersion(root: string | null): string | undefined {
  if (!root) return undefined;
  const proj = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as {
    packageDirectories: { versionNumber?: string }[];
  };
  const version = proj.packageDirectories.find((p) => p.versionNumber)?.versionNumber;
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  return match ? `${match[1]}.${match[2]}` : undefined;
}
