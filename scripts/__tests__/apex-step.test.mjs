// @ts-check
// The apex step's judgement of a local-org run report (shaped like `sf apex run test --json`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTestClass, judgeReport } from '../steps/apex.mjs';

const apex = {
  classes: new Map([
    ['S2SMapper', 'force-app/main/mapping/classes/S2SMapper.cls'],
    ['S2SOutboxWriter', 'force-app/main/capture/classes/S2SOutboxWriter.cls']
  ]),
  triggers: new Map([['AccountS2SSync', 'force-app/main/capture/triggers/AccountS2SSync.trigger']])
};

test('a failing test is named with its file, line and message on one line', () => {
  const { problems, passed, failed } = judgeReport(
    {
      result: {
        tests: [
          { Outcome: 'Pass', FullName: 'S2SMapperTest.it_should_map' },
          {
            Outcome: 'Fail',
            FullName: 'S2SMapperTest.it_should_coerce',
            ApexClass: { Name: 'S2SMapperTest' },
            Message: 'System.AssertException: Assertion Failed\nsecond line',
            StackTrace: 'Class.S2SMapperTest.it_should_coerce: line 42, column 1'
          }
        ],
        coverage: {
          coverage: [
            { name: 'S2SMapper', totalLines: 10, totalCovered: 10, coveredPercent: 100 },
            { name: 'S2SOutboxWriter', totalLines: 10, totalCovered: 9, coveredPercent: 90 },
            { name: 'AccountS2SSync', totalLines: 1, totalCovered: 1, coveredPercent: 100 }
          ]
        }
      }
    },
    apex,
    new Map([['S2SMapperTest', 'force-app/tests/mapping/classes/S2SMapperTest.cls']])
  );
  assert.equal(passed, 1);
  assert.equal(failed, 1);
  assert.deepEqual(problems, [
    'force-app/tests/mapping/classes/S2SMapperTest.cls:42:1: apex/test Fail: S2SMapperTest.it_should_coerce: System.AssertException: Assertion Failed | second line'
  ]);
});

test('a packaged class under 85 % or missing from coverage, and a trigger never run, fail', () => {
  const { problems } = judgeReport(
    {
      result: {
        tests: [{ Outcome: 'Pass', FullName: 'S2SMapperTest.it_should_map' }],
        coverage: {
          coverage: [{ name: 'S2SMapper', totalLines: 20, totalCovered: 16, coveredPercent: 80 }]
        }
      }
    },
    apex
  );
  assert.deepEqual(problems, [
    'force-app/main/mapping/classes/S2SMapper.cls:1:1: apex/coverage: 80.0 % covered (16/20 lines), needs 85 %',
    'force-app/main/capture/classes/S2SOutboxWriter.cls:1:1: apex/coverage: 0.0 % covered (not in the coverage report), needs 85 %',
    'force-app/main/capture/triggers/AccountS2SSync.trigger:1:1: apex/coverage: trigger never run by a test'
  ]);
});

test('test classes are recognised by @IsTest before the class keyword, not by name', () => {
  assert.equal(
    isTestClass('/** doc */\n@IsTest(IsParallel=true)\nprivate class S2SMapperTest {}'),
    true
  );
  assert.equal(isTestClass('@isTest\npublic with sharing class Helper {}'), true);
  assert.equal(
    isTestClass(
      '// @IsTest in a comment\npublic with sharing class S2SMapper {\n  @IsTest static void x() {}\n}'
    ),
    false
  );
});
