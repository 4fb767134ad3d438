// @ts-check
// The gate fails, naming the cause, for each seeded fault. Every test seeds one fault into tiny
// fixture files of a fresh copy of the project and runs only the step that must catch it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CLASS_META, copyProject, removeCopy, runGate, seed } from './project-copy.mjs';

const FIXTURES = 'force-app/main/gatefixture';

// Each test works in its own copy, so two run side by side.
describe('the gate catches seeded faults', { concurrency: 2 }, () => {
  /**
   * A fresh copy per fault, so faults never mask each other.
   * @param {(copy: string) => void} plant
   * @param {string} steps
   */
  function gateWith(plant, steps) {
    const copy = copyProject();
    try {
      plant(copy);
      return runGate(copy, steps);
    } finally {
      removeCopy(copy);
    }
  }

  it('fails "format" on an Apex syntax error, naming file, line and rule', () => {
    const { code, output } = gateWith((copy) => {
      seed(
        copy,
        `${FIXTURES}/classes/GateFixtureSyntax.cls`,
        [
          'public with sharing class GateFixtureSyntax {',
          '  public static Integer broken() {',
          '    Integer x = ;',
          '    return x;',
          '  }',
          '}',
          ''
        ].join('\n')
      );
      seed(copy, `${FIXTURES}/classes/GateFixtureSyntax.cls-meta.xml`, CLASS_META);
    }, 'format');
    assert.equal(code, 1, output);
    assert.match(output, /FAIL format/);
    assert.match(output, /gatefixture\/classes\/GateFixtureSyntax\.cls:3:\d+: apex\/syntax: /);
  });

  it('fails "check-apex" on an unknown field of a standard object', () => {
    const { code, output } = gateWith((copy) => {
      seed(
        copy,
        `${FIXTURES}/classes/GateFixtureField.cls`,
        [
          'public with sharing class GateFixtureField {',
          '  public static Account build() {',
          "    Account acc = new Account(Name = 'Acme');",
          "    acc.NoSuchStandardField = 'x';",
          '    return acc;',
          '  }',
          '}',
          ''
        ].join('\n')
      );
      seed(copy, `${FIXTURES}/classes/GateFixtureField.cls-meta.xml`, CLASS_META);
    }, 'check-apex');
    assert.equal(code, 1, output);
    assert.match(output, /FAIL check-apex/);
    assert.match(
      output,
      /GateFixtureField\.cls:4:\d+: apex-ls\/Missing: Unknown field 'NoSuchStandardField' on SObject 'Schema\.Account'/
    );
  });

  it('fails "analyze" on a SOQL injection (Database.query with concatenated input)', () => {
    const { code, output } = gateWith((copy) => {
      seed(
        copy,
        `${FIXTURES}/classes/GateFixtureInjection.cls`,
        [
          '/**',
          ' * @description Fixture: builds a query from caller input.',
          ' */',
          'public with sharing class GateFixtureInjection {',
          '  /**',
          '   * @description Finds accounts by name.',
          '   * @param name user input',
          '   * @return the accounts',
          '   */',
          '  public static List<Account> find(String name) {',
          "    return Database.query('SELECT Id FROM Account WHERE Name = \\'' + name + '\\' WITH USER_MODE');",
          '  }',
          '}',
          ''
        ].join('\n')
      );
      seed(copy, `${FIXTURES}/classes/GateFixtureInjection.cls-meta.xml`, CLASS_META);
    }, 'analyze');
    assert.equal(code, 1, output);
    assert.match(output, /FAIL analyze/);
    assert.match(output, /GateFixtureInjection\.cls:11:\d+: pmd\/ApexSOQLInjection: /);
  });

  it('fails "metadata" on a malformed field XML', () => {
    const { code, output } = gateWith((copy) => {
      seed(
        copy,
        `${FIXTURES}/objects/Account/fields/Gate_Fixture__c.field-meta.xml`,
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">',
          '    <fullName>Gate_Fixture__c</fullName>',
          '    <label>Gate fixture</label>',
          '    <type>Text</type>',
          '    <length>80</length>',
          ''
        ].join('\n')
      );
    }, 'metadata');
    assert.equal(code, 1, output);
    assert.match(output, /FAIL metadata/);
    assert.match(
      output,
      /objects\/Account\/fields\/Gate_Fixture__c\.field-meta\.xml:\d+:\d+: metadata\/xml: /
    );
  });

  it('fails "metadata" on a permission set naming a field that does not exist', () => {
    const { code, output } = gateWith((copy) => {
      seed(
        copy,
        `${FIXTURES}/permissionsets/Gate_Fixture.permissionset-meta.xml`,
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">',
          '    <fieldPermissions>',
          '        <editable>false</editable>',
          '        <field>Account.Gate_Fixture_Missing__c</field>',
          '        <readable>true</readable>',
          '    </fieldPermissions>',
          '    <hasActivationRequired>false</hasActivationRequired>',
          '    <label>Gate fixture</label>',
          '</PermissionSet>',
          ''
        ].join('\n')
      );
    }, 'metadata');
    assert.equal(code, 1, output);
    assert.match(output, /FAIL metadata/);
    assert.match(
      output,
      /Gate_Fixture\.permissionset-meta\.xml:5:1: metadata\/reference: <field>Account\.Gate_Fixture_Missing__c<\/field>: field Account\.Gate_Fixture_Missing__c does not exist/
    );
  });

  it('fails "tsc" on a type error in an LWC written in TypeScript', () => {
    const { code, output } = gateWith((copy) => {
      seed(
        copy,
        `${FIXTURES}/lwc/gateFixture/gateFixture.ts`,
        [
          "import { LightningElement, api } from 'lwc';",
          '',
          'export default class GateFixture extends LightningElement {',
          '  @api count = 0;',
          '',
          '  get label(): string {',
          '    const total: number = `${this.count} items`;',
          '    return String(total);',
          '  }',
          '}',
          ''
        ].join('\n')
      );
    }, 'tsc');
    assert.equal(code, 1, output);
    assert.match(output, /FAIL tsc/);
    assert.match(
      output,
      /lwc\/gateFixture\/gateFixture\.ts:7:11: TS2322: Type 'string' is not assignable to type 'number'/
    );
  });

  it('stops at the first failing step and closes with the counts', () => {
    const { code, output } = gateWith((copy) => {
      seed(
        copy,
        `${FIXTURES}/objects/Account/fields/Gate_Fixture__c.field-meta.xml`,
        '<CustomField>'
      );
    }, 'metadata,selftest');
    assert.equal(code, 1, output);
    assert.doesNotMatch(output, /selftest/);
    assert.match(output, /gate stopped at "metadata"/);
    assert.match(output, /\n0 passed, 1 failed\n$/);
  });

  it('accepts correct fixtures: a field with its required elements, a permission set on it and on a standard field', () => {
    const { output } = gateWith((copy) => {
      seed(
        copy,
        `${FIXTURES}/objects/Account/fields/Gate_Fixture__c.field-meta.xml`,
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">',
          '    <fullName>Gate_Fixture__c</fullName>',
          '    <label>Gate fixture</label>',
          '    <length>80</length>',
          '    <type>Text</type>',
          '</CustomField>',
          ''
        ].join('\n')
      );
      seed(
        copy,
        `${FIXTURES}/permissionsets/S2S_Gate_Fixture.permissionset-meta.xml`,
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">',
          '    <fieldPermissions>',
          '        <editable>false</editable>',
          '        <field>Account.Gate_Fixture__c</field>',
          '        <readable>true</readable>',
          '    </fieldPermissions>',
          '    <fieldPermissions>',
          '        <editable>false</editable>',
          '        <field>Account.Rating</field>',
          '        <readable>true</readable>',
          '    </fieldPermissions>',
          '    <label>Gate fixture</label>',
          '</PermissionSet>',
          ''
        ].join('\n')
      );
      // every permission set's grants are documented in docs/security.md (metadata/permissions.mjs)
      fs.appendFileSync(
        path.join(copy, 'docs', 'security.md'),
        [
          '',
          '### S2S_Gate_Fixture',
          '',
          '| Component | Kind | Access | Why |',
          '| --- | --- | --- | --- |',
          '| `Account.Gate_Fixture__c`, `Account.Rating` | field | read | The fixture. |',
          ''
        ].join('\n')
      );
    }, 'metadata');
    assert.match(output, /metadata/);
    assert.doesNotMatch(output, /gatefixture|crashed/);
  });
});
