// The standard price book. Cited: Object Reference, "Pricebook2" (IsStandard: "Every organization has
// one standard price book—all other price books are custom price books"); Apex Reference, "Test
// Class", getStandardPricebookId() ("returns the ID of the standard price book in your organization
// regardless of whether the test can query organization data"). S2S Sync maps the standard price book
// of one org to another's by IsStandard (force-app/main/mapping/classes/S2SStandardPricebook.cls).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { World } from '../../src/platform/index.ts';
import type { Org } from '../../src/platform/org.ts';
import { runTests } from '../../src/runner/runner.ts';
import { runtimeFor } from '../../src/runner/runner.ts';
import { ApexSObject } from '../../src/runtime/values.ts';

test('every org of a World has exactly one standard price book, its own', async () => {
  const world = new World({ runtimeFactory: runtimeFor });
  const a = await world.createOrg({ name: 'a', source: [] });
  const b = await world.createOrg({ name: 'b', source: [] });
  const standard = (o: Org) =>
    (o.query('SELECT Id FROM Pricebook2 WHERE IsStandard = true') as ApexSObject[]).map((r) =>
      String(r.raw('Id'))
    );
  assert.equal(standard(a).length, 1, 'one standard price book');
  assert.match(standard(a)[0], /^01s/, 'a Pricebook2 Id');
  assert.notEqual(standard(a)[0], standard(b)[0], 'each org has its own');
});

test('Test.getStandardPricebookId() in a test method: the org standard price book, usable for standard prices', () => {
  const dir = mkdtempSync(join(tmpdir(), 'standard-pricebook-'));
  mkdirSync(join(dir, 'classes'));
  writeFileSync(
    join(dir, 'classes', 'StandardPricebookTest.cls'),
    `@IsTest
private class StandardPricebookTest {
  @IsTest
  static void it_should_give_the_standard_price_book() {
    Id standard = Test.getStandardPricebookId();
    System.Assert.areEqual(Pricebook2.SObjectType, standard.getSObjectType(), 'a price book');
    Product2 p = new Product2(Name = 'Router', IsActive = true);
    insert p;
    PricebookEntry e = new PricebookEntry(Pricebook2Id = standard, Product2Id = p.Id, UnitPrice = 100, IsActive = true);
    insert e;
    System.Assert.areEqual(standard, [SELECT Pricebook2Id FROM PricebookEntry WHERE Id = :e.Id].Pricebook2Id, 'standard price saved');
  }
}
`
  );
  writeFileSync(
    join(dir, 'classes', 'StandardPricebookTest.cls-meta.xml'),
    '<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>65.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n'
  );
  const report = runTests({ sources: [dir] });
  assert.deepEqual(
    report.result.tests.map((t) => [t.MethodName, t.Outcome, t.Message]),
    [['it_should_give_the_standard_price_book', 'Pass', null]]
  );
});
