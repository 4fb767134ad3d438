// @ts-check
// Required elements per custom field type and custom object, as the metadata validator checks them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkField, checkObject } from '../metadata/fields.mjs';

test('each field type needs its own elements', () => {
  const cases = [
    [
      { label: 'L', type: 'Lookup', referenceTo: 'Account' },
      'a Lookup field needs <relationshipName>'
    ],
    [
      {
        label: 'L',
        type: 'MasterDetail',
        referenceTo: 'S2S_Connection__c',
        relationshipName: 'Maps'
      },
      'a MasterDetail field needs <relationshipLabel>'
    ],
    [{ label: 'L', type: 'Text' }, 'a Text field needs <length>'],
    [{ label: 'L', type: 'Number', precision: '6' }, 'a Number field needs <scale>'],
    [{ label: 'L', type: 'Currency', scale: '2' }, 'a Currency field needs <precision>'],
    [{ label: 'L', type: 'Percent' }, 'a Percent field needs <precision>'],
    [{ label: 'L', type: 'Picklist' }, 'a Picklist field needs <valueSet>'],
    [
      { label: 'L', type: 'LongTextArea', length: '32768' },
      'a LongTextArea field needs <visibleLines>'
    ],
    [{ label: 'L', type: 'Checkbox' }, 'a Checkbox field needs <defaultValue>']
  ];
  for (const [field, expected] of cases) {
    const problems = checkField(/** @type {Record<string, unknown>} */ (field), 'S2S_Outbox__c');
    assert.ok(
      problems.some((p) => p.endsWith(/** @type {string} */ (expected))),
      `${JSON.stringify(field)} -> ${problems.join('; ')}`
    );
  }
});

test('complete fields pass, and formula fields need no storage elements', () => {
  const complete = [
    { label: 'L', type: 'Lookup', referenceTo: 'Account', relationshipName: 'Outbox' },
    { label: 'L', type: 'Text', length: '80' },
    { label: 'L', type: 'Number', precision: '6', scale: '0' },
    { label: 'L', type: 'Checkbox', defaultValue: 'false' },
    {
      label: 'L',
      type: 'Picklist',
      valueSet: { valueSetDefinition: { value: [{ fullName: 'A' }] } }
    },
    { label: 'L', type: 'Text', formula: 'Name' }
  ];
  for (const field of complete) {
    assert.deepEqual(checkField(field, 'S2S_Outbox__c'), [], JSON.stringify(field));
  }
});

test('limits and kinds: Text length, scale within precision, event field types, unknown types', () => {
  assert.match(
    checkField({ label: 'L', type: 'Text', length: '300' }, 'X__c').join(),
    /Text length must be 1..255/
  );
  assert.match(
    checkField({ label: 'L', type: 'Number', precision: '4', scale: '6' }, 'X__c').join(),
    /scale must be 0..precision/
  );
  assert.match(
    checkField({ label: 'L', type: 'Picklist', valueSet: {} }, 'S2S_Batch_Outcome__e').join(),
    /platform event field cannot be of type Picklist/
  );
  assert.match(
    checkField({ label: 'L', type: 'Textt' }, 'X__c').join(),
    /unknown field type "Textt"/
  );
  assert.match(checkField({ type: 'Text', length: '10' }, 'X__c').join(), /needs <label>/);
});

test('custom objects need labels and a name field; custom settings and standard objects do not', () => {
  assert.deepEqual(checkObject({ label: 'Outbox' }, 'S2S_Outbox__c'), [
    'object/pluralLabel: a custom object needs <pluralLabel>',
    'object/nameField: a custom object needs <nameField>'
  ]);
  assert.deepEqual(
    checkObject(
      { label: 'Outbox', pluralLabel: 'Outbox', nameField: { type: 'AutoNumber', label: 'No' } },
      'S2S_Outbox__c'
    ),
    ['object/nameField: an AutoNumber name needs <displayFormat>']
  );
  assert.deepEqual(
    checkObject({ label: 'Settings', customSettingsType: 'Hierarchy' }, 'S2S_Settings__c'),
    []
  );
  assert.deepEqual(checkObject({}, 'Account'), []);
});
