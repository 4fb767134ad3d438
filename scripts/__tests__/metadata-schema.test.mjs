// @ts-check
// The metadata step checks every file against the Metadata API schema Salesforce publishes
// (@salesforce/types, generated from the Metadata API WSDL): seeded faults the other checks let
// through, each named with file, line and the schema's rule.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAgainstSchema, metadataSchema, parseSchema, propsOf } from '../metadata/schema.mjs';
import { copyProject, removeCopy, runGate, seed } from './project-copy.mjs';

/**
 * The messages of the schema problems of one element.
 * @param {string} type
 * @param {Record<string, unknown>} xml
 * @returns {string[]}
 */
function problems(type, xml) {
  return checkAgainstSchema(type, xml).map((p) => `${p.path}: ${p.message}`);
}

describe('the Metadata API schema (@salesforce/types)', () => {
  it('is read from the package: object types with inherited elements, enumerations', () => {
    const schema = metadataSchema();
    const field = schema.get('CustomField');
    assert.equal(field?.kind, 'object');
    const props = propsOf(
      schema,
      /** @type {import('../metadata/schema.mjs').ObjectType} */ (field)
    );
    // fullName comes from the parent type Metadata
    assert.equal(props.get('fullName')?.optional, true);
    assert.equal(props.get('type')?.type, 'FieldType');
    const fieldType = schema.get('FieldType');
    assert.ok(fieldType?.kind === 'enum' && fieldType.values.has('LongTextArea'));
    // a type the package uses, added in API 56: the schema is recent enough to know it
    assert.equal(schema.get('ExternalCredential')?.kind, 'object');
  });

  it('parses the generator’s shapes: extension, optional, array, enumeration, alias', () => {
    const schema = parseSchema(
      [
        "export type Colour = 'Red' | 'Green';",
        "export type Only = 'One';",
        'export type ID = string;',
        'export type Base = { fullName?: string; };',
        'export type Thing = Base & { colour: Colour; sizes: number[]; note?: string; };'
      ].join('\n')
    );
    const colour = schema.get('Colour');
    assert.deepEqual(colour?.kind === 'enum' ? [...colour.values] : [], ['Red', 'Green']);
    assert.equal(schema.get('Only')?.kind, 'enum');
    assert.equal(schema.get('ID')?.kind, 'string');
    const thing = /** @type {import('../metadata/schema.mjs').ObjectType} */ (schema.get('Thing'));
    assert.deepEqual(thing.parents, ['Base']);
    assert.deepEqual(
      [...propsOf(schema, thing).values()].map(
        (p) => `${p.name}:${p.type}:${p.array}:${p.optional}`
      ),
      [
        'fullName:string:false:true',
        'colour:Colour:false:false',
        'sizes:number:true:false',
        'note:string:false:true'
      ]
    );
    assert.deepEqual(
      checkAgainstSchema('Thing', { colour: 'Blue', sizes: ['1', 'x'] }, schema).map(
        (p) => p.message
      ),
      ['"Blue" is not an allowed Colour value (allowed: Red, Green)', '"x" is not a number']
    );
  });
});

describe('a metadata file is checked against the schema', () => {
  it('passes a complete custom field and an Apex class meta file', () => {
    assert.deepEqual(
      problems('CustomField', {
        fullName: 'Phone__c',
        label: 'Phone',
        type: 'Phone',
        required: 'false',
        externalId: 'false'
      }),
      []
    );
    assert.deepEqual(problems('ApexClass', { apiVersion: '65.0', status: 'Active' }), []);
  });

  it('names an element its type does not declare, at any depth', () => {
    assert.deepEqual(problems('CustomField', { label: 'L', type: 'Text', lenght: '80' }), [
      'CustomField/lenght: <lenght> is not an element of CustomField'
    ]);
    assert.deepEqual(
      problems('CustomObject', {
        label: 'L',
        nameField: { label: 'Name', type: 'Text', colour: 'red' }
      }),
      ['CustomObject/nameField/colour: <colour> is not an element of CustomField']
    );
  });

  it('names a missing required element', () => {
    assert.deepEqual(problems('ApexClass', { apiVersion: '65.0' }), [
      'ApexClass: ApexClass needs <status> (required in the Metadata API schema)'
    ]);
    assert.deepEqual(problems('PlatformEventChannelMember', { eventChannel: 'ChangeEvents' }), [
      'PlatformEventChannelMember: PlatformEventChannelMember needs <selectedEntity> (required in the Metadata API schema)'
    ]);
  });

  it('names a value outside the allowed values, a bad boolean and a bad number', () => {
    assert.deepEqual(
      problems('CustomObject', {
        label: 'L',
        sharingModel: 'ReadWritee',
        enableHistory: 'yes'
      }).sort(),
      [
        'CustomObject/enableHistory: "yes" is not a boolean (true or false)',
        'CustomObject/sharingModel: "ReadWritee" is not an allowed SharingModel value (allowed: Private, Read, ReadSelect, ReadWrite, ReadWriteTransfer, FullAccess, ControlledByParent, ControlledByLeadOrContact, ControlledByCampaign)'
      ].sort()
    );
    assert.deepEqual(problems('ApexClass', { apiVersion: 'sixty-five', status: 'Enabled' }), [
      'ApexClass/apiVersion: "sixty-five" is not a number',
      'ApexClass/status: "Enabled" is not an allowed ApexCodeUnitStatus value (allowed: Inactive, Active, Deleted)'
    ]);
  });

  it('names an element repeated where the schema allows one, and elements inside a value', () => {
    assert.deepEqual(problems('CustomField', { label: ['A', 'B'], type: 'Text' }), [
      'CustomField/label: <label> appears 2 times, CustomField allows it once'
    ]);
    assert.deepEqual(problems('CustomField', { label: { en: 'A' }, type: 'Text' }), [
      'CustomField/label: holds elements, its type string is a value'
    ]);
  });

  it('names a root element that is no Metadata API type', () => {
    assert.deepEqual(problems('CustomFeild', {}), [
      'CustomFeild: CustomFeild is not a type of the Metadata API 66.0 schema'
    ]);
  });

  it('checks a report or dashboard folder as the Folder it extends', () => {
    assert.deepEqual(
      problems('ReportFolder', { accessType: 'Public', name: 'S2S Sync Reports' }),
      []
    );
    assert.deepEqual(
      problems('DashboardFolder', { name: 'S2S', publicFolderAccess: 'ReadAll', color: 'red' }),
      [
        'DashboardFolder/publicFolderAccess: "ReadAll" is not an allowed PublicFolderAccess value (allowed: ReadOnly, ReadWrite)',
        'DashboardFolder/color: <color> is not an element of Folder'
      ]
    );
  });

  it('leaves the LWC targetConfigs (XML in a string element) unchecked, and nothing else', () => {
    assert.deepEqual(
      problems('LightningComponentBundle', {
        apiVersion: '65.0',
        isExposed: 'true',
        targets: { target: ['lightning__AppPage', 'lightning__RecordPage'] },
        targetConfigs: { targetConfig: { '@_targets': 'lightning__RecordPage', objects: {} } }
      }),
      []
    );
  });
});

describe('the gate fails "metadata" on a schema fault the other checks let through', () => {
  it('a misspelt element and a value outside its enumeration, with file and line', () => {
    const copy = copyProject();
    try {
      seed(
        copy,
        'force-app/main/gatefixture/objects/Gate_Fixture__c/Gate_Fixture__c.object-meta.xml',
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">',
          '    <deploymentStatus>Deployed</deploymentStatus>',
          '    <label>Gate fixture</label>',
          '    <pluralLabel>Gate fixtures</pluralLabel>',
          '    <nameField>',
          '        <label>Name</label>',
          '        <type>Text</type>',
          '    </nameField>',
          '    <sharingModel>ReadWritee</sharingModel>',
          '    <enableHistroy>true</enableHistroy>',
          '</CustomObject>',
          ''
        ].join('\n')
      );
      const { code, output } = runGate(copy, 'metadata');
      assert.equal(code, 1, output);
      assert.match(output, /FAIL metadata/);
      assert.match(
        output,
        /Gate_Fixture__c\.object-meta\.xml:10:1: metadata\/schema: CustomObject\/sharingModel: "ReadWritee" is not an allowed SharingModel value/
      );
      assert.match(
        output,
        /Gate_Fixture__c\.object-meta\.xml:11:1: metadata\/schema: CustomObject\/enableHistroy: <enableHistroy> is not an element of CustomObject/
      );
    } finally {
      removeCopy(copy);
    }
  });
});
