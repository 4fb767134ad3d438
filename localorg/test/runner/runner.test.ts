/** The runner and CLI: sf-shaped JSON, JUnit XML, coverage counted on executable lines, exit codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = join(fileURLToPath(new URL('.', import.meta.url)), '../../bin/localorg.mjs');

const CALC = `public with sharing class Calc {
  // a comment
  public static Integer add(Integer a, Integer b) {
    Integer sum = a + b;
    return sum;
  }

  public static Integer unused(Integer a) {
    if (a > 0) {
      return a;
    }
    return -a;
  }
}
`;

const CALC_TEST = `@IsTest
private class CalcTest {
  @IsTest
  static void it_should_add() {
    System.Assert.areEqual(3, Calc.add(1, 2), 'sum');
  }

  @IsTest
  static void it_should_fail_on_purpose() {
    System.Assert.areEqual(4, Calc.add(1, 2), 'wrong on purpose');
  }
}
`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'localorg-runner-'));
  mkdirSync(join(dir, 'src/classes'), { recursive: true });
  writeFileSync(
    join(dir, 'sfdx-project.json'),
    JSON.stringify({
      packageDirectories: [{ path: 'src', default: true }],
      sourceApiVersion: '65.0'
    })
  );
  writeFileSync(join(dir, 'src/classes/Calc.cls'), CALC);
  writeFileSync(join(dir, 'src/classes/CalcTest.cls'), CALC_TEST);
  return dir;
}

test('runs the tests of sfdx-project.json, writes sf-shaped JSON and JUnit, exits 1 on a failure', () => {
  const dir = project();
  const r = spawnSync(process.execPath, [bin, 'test', '--json', 'out.json', '--junit', 'out.xml'], {
    cwd: dir,
    encoding: 'utf8'
  });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /FAIL {2}CalcTest\.it_should_fail_on_purpose/);
  const report = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
  assert.equal(report.status, 100);
  const s = report.result.summary;
  assert.deepEqual(
    [s.outcome, s.testsRan, s.passing, s.failing, s.skipped, s.passRate, s.failRate],
    ['Failed', 2, 1, 1, 0, '50%', '50%']
  );
  const failed = report.result.tests.find(
    (t: { MethodName: string }) => t.MethodName === 'it_should_fail_on_purpose'
  );
  assert.equal(failed.Outcome, 'Fail');
  assert.equal(failed.FullName, 'CalcTest.it_should_fail_on_purpose');
  assert.equal(failed.ApexClass.Name, 'CalcTest');
  assert.equal(
    failed.Message,
    'System.AssertException: Assertion Failed: wrong on purpose: Expected: 4, Actual: 3'
  );
  assert.equal(failed.StackTrace, 'Class.CalcTest.it_should_fail_on_purpose: line 10, column 1');
  // Coverage: statements only (lines 4, 5, 9, 10, 12), not declarations, braces or comments.
  const calc = report.result.coverage.coverage.find((c: { name: string }) => c.name === 'Calc');
  assert.deepEqual(calc.lines, { '4': 1, '5': 1, '9': 0, '10': 0, '12': 0 });
  assert.deepEqual([calc.totalLines, calc.totalCovered, calc.coveredPercent], [5, 2, 40]);
  assert.equal(
    report.result.coverage.coverage.some((c: { name: string }) => c.name === 'CalcTest'),
    false,
    'test classes are not covered'
  );
  const xml = readFileSync(join(dir, 'out.xml'), 'utf8');
  assert.match(xml, /<testsuite name="force-app" tests="2" failures="1"/);
  assert.match(
    xml,
    /<testcase classname="CalcTest" name="it_should_fail_on_purpose" time="[\d.]+">\n {6}<failure message="System.AssertException: Assertion Failed: wrong on purpose: Expected: 4, Actual: 3">/
  );
});

test('--class selects a class or one method and exits 0 when all pass', () => {
  const dir = project();
  const r = spawnSync(
    process.execPath,
    [bin, 'test', '--source', join(dir, 'src'), '--class', 'CalcTest.it_should_add', '--verbose'],
    { encoding: 'utf8' }
  );
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /PASS {2}CalcTest\.it_should_add/);
  assert.match(r.stdout, /Passed: 1 tests, 1 passing, 0 failing/);
});

test('--class naming a class that did not load (a syntax error, or no such test class) fails by name, never "0 tests, passed"', () => {
  const dir = project();
  writeFileSync(
    join(dir, 'src/classes/BrokenTest.cls'),
    '@IsTest private class BrokenTest { void }'
  );
  const r = spawnSync(process.execPath, [bin, 'test', '--class', 'BrokenTest,NoSuchTest'], {
    cwd: dir,
    encoding: 'utf8'
  });
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stdout, /FAIL {2}brokentest\.\(class\)/);
  assert.match(r.stdout, /FAIL {2}nosuchtest\.\(class\)/);
  assert.match(r.stdout, /Failed: 2 tests, 0 passing, 2 failing/);
});
