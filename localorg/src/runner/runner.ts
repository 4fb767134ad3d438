/**
 * The Apex test runner: loads package directories into an org, runs @IsTest methods each in a
 * fresh context, and reports results shaped like `sf apex run test --json`, plus JUnit XML.
 */
import { hostname } from 'node:os';
import { Interp } from '../exec/interp.js';
import { BuiltinRegistry } from '../runtime/builtins.js';
import { registerStdlib } from '../stdlib/index.js';
import { Org } from '../platform/org.js';
import type { ApexPlatform, SourceFile, TestMethodResult } from '../runtime/platform.js';

export interface RunOptions {
  /** SFDX package directories (classes, triggers, objects...). */
  sources: string[];
  /** `Name` or `Name.method` filters; empty = every test class. */
  classes?: string[];
  coverage?: boolean;
  /**
   * Load every source under this namespace (OrgOptions.namespace), as the build org of a managed
   * package version runs the package's tests: they are package code and resolve its names implicitly.
   */
  namespace?: string;
  /** The installed package version System.requestVersion answers (`major.minor`), with namespace. */
  packageVersion?: string;
  /** Called after each test method (progress output). */
  onResult?: (r: TestMethodResult) => void;
}

export interface CoverageEntry {
  id: string;
  name: string;
  totalLines: number;
  lines: Record<string, 0 | 1>;
  totalCovered: number;
  coveredPercent: number;
}

export interface RunReport {
  status: 0 | 100;
  result: {
    summary: {
      outcome: 'Passed' | 'Failed';
      testsRan: number;
      passing: number;
      failing: number;
      skipped: number;
      passRate: string;
      failRate: string;
      testStartTime: string;
      testExecutionTime: string;
      testTotalTime: string;
      commandTime: string;
      hostname: string;
      orgId: string;
      username: string;
      testRunId: string;
      userId: string;
      testRunCoverage?: string;
      orgWideCoverage?: string;
    };
    tests: {
      Id: string;
      QueueItemId: string;
      StackTrace: string | null;
      Message: string | null;
      AsyncApexJobId: string;
      MethodName: string;
      Outcome: 'Pass' | 'Fail';
      ApexClass: { Id: string; Name: string; NamespacePrefix: null; FullName: string };
      RunTime: number;
      FullName: string;
    }[];
    coverage?: { coverage: CoverageEntry[] };
  };
  /** Compile problems found while loading (a failing class also fails its tests). */
  diagnostics: { file: string; line: number; column: number; message: string }[];
}

/**
 * A language runtime with the standard library, for one org (or none: the fail-loudly platform).
 * Each call gets its own registry, so the orgs of a World never share built-in classes.
 */
export function newRuntime(platform?: ApexPlatform): Interp {
  return new Interp(platform, registerStdlib(new BuiltinRegistry()));
}

/** Builds the language runtime for an org (the platform calls this with the org's sources). */
export function runtimeFor(platform: ApexPlatform, sources: SourceFile[]): Interp {
  return newRuntime(platform).load(sources);
}

export function runTests(opts: RunOptions): RunReport {
  const t0 = Date.now();
  const org = new Org({
    name: 'test',
    source: opts.sources,
    runtimeFactory: runtimeFor,
    namespace: opts.namespace,
    packageVersion: opts.packageVersion
  });
  const interp = org.runtime as Interp;
  const loadMs = Date.now() - t0;
  const filters = (opts.classes ?? []).map((f) => {
    const [c, m] = f.split('.');
    return { cls: c.toLowerCase(), method: m?.toLowerCase() ?? null };
  });
  const wanted = interp
    .testClasses()
    .filter((t) => !filters.length || filters.some((f) => f.cls === t.className.toLowerCase()))
    .sort((a, b) => a.className.localeCompare(b.className));
  const results: TestMethodResult[] = [];
  const startIso = new Date().toISOString();
  const tRun = Date.now();
  for (const t of wanted) {
    const methods = t.methods.filter(
      (m) =>
        !filters.length ||
        filters.some(
          (f) =>
            f.cls === t.className.toLowerCase() &&
            (f.method === null || f.method === m.toLowerCase())
        )
    );
    for (const m of methods) {
      const r = interp.runTest(t.className, m);
      results.push(r);
      opts.onResult?.(r);
    }
    interp.finishTestClass(t.className);
  }
  // A class asked for by name that no test class answers (it does not exist, or did not even parse)
  // fails the run by name: a typo or a syntax error never reads as "0 tests, passed".
  for (const f of filters) {
    if (wanted.some((t) => t.className.toLowerCase() === f.cls)) continue;
    const missing: TestMethodResult = {
      className: f.cls,
      methodName: f.method ?? '(class)',
      outcome: 'Fail',
      message: `No test class ${f.cls} was loaded: it does not exist, is not @IsTest, or did not compile (see the COMPILE lines)`,
      stackTrace: null,
      runTimeMs: 0
    };
    results.push(missing);
    opts.onResult?.(missing);
  }
  const runMs = Date.now() - tRun;
  const passing = results.filter((r) => r.outcome === 'Pass').length;
  const failing = results.length - passing;
  const pct = (n: number, d: number) => `${d ? Math.round((n / d) * 100) : 0}%`;
  const user = org.runningUser();
  const report: RunReport = {
    status: failing ? 100 : 0,
    result: {
      summary: {
        outcome: failing ? 'Failed' : 'Passed',
        testsRan: results.length,
        passing,
        failing,
        skipped: 0,
        passRate: pct(passing, results.length),
        failRate: pct(failing, results.length),
        testStartTime: startIso,
        testExecutionTime: `${runMs} ms`,
        testTotalTime: `${runMs} ms`,
        commandTime: `${loadMs} ms`,
        hostname: hostname(),
        orgId: user.organizationId,
        username: user.userName,
        testRunId: '707000000000001AAA',
        userId: user.id
      },
      tests: results.map((r, i) => ({
        Id: `07M${String(i + 1).padStart(12, '0')}AAA`,
        QueueItemId: '709000000000001AAA',
        StackTrace: r.stackTrace,
        Message: r.message,
        AsyncApexJobId: '707000000000001AAA',
        MethodName: r.methodName,
        Outcome: r.outcome,
        ApexClass: {
          Id: '01p000000000001AAA',
          Name: r.className,
          NamespacePrefix: null,
          FullName: r.className
        },
        RunTime: r.runTimeMs,
        FullName: `${r.className}.${r.methodName}`
      }))
    },
    diagnostics: [...interp.diagnostics]
  };
  if (opts.coverage) {
    const entries: CoverageEntry[] = interp.coverage().map(({ cls, lines }) => {
      const obj: Record<string, 0 | 1> = {};
      let covered = 0;
      for (const [l, h] of lines) {
        obj[String(l)] = h;
        covered += h;
      }
      return {
        id: '01p000000000001AAA',
        name: cls.name,
        totalLines: lines.size,
        lines: obj,
        totalCovered: covered,
        coveredPercent: lines.size ? Math.round((covered / lines.size) * 100) : 100
      };
    });
    const total = entries.reduce((s, e) => s + e.totalLines, 0);
    const cov = entries.reduce((s, e) => s + e.totalCovered, 0);
    report.result.coverage = { coverage: entries };
    report.result.summary.testRunCoverage = pct(cov, total);
    report.result.summary.orgWideCoverage = pct(cov, total);
  }
  return report;
}

function xml(s: string): string {
  return s.replace(
    /[<>&"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c
  );
}

export function junitXml(report: RunReport): string {
  const s = report.result.summary;
  const cases = report.result.tests
    .map((t) => {
      const head = `    <testcase classname="${xml(t.ApexClass.Name)}" name="${xml(t.MethodName)}" time="${(t.RunTime / 1000).toFixed(3)}"`;
      if (t.Outcome === 'Pass') return `${head}/>`;
      return `${head}>\n      <failure message="${xml(t.Message ?? '')}">${xml(t.StackTrace ?? '')}</failure>\n    </testcase>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n  <testsuite name="force-app" tests="${s.testsRan}" failures="${s.failing}" errors="0" skipped="0" time="${(parseInt(s.testTotalTime, 10) / 1000).toFixed(3)}" timestamp="${s.testStartTime}">\n${cases}\n  </testsuite>\n</testsuites>\n`;
}
