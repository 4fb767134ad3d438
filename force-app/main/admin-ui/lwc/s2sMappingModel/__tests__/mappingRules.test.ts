import {
  autoMap,
  compatibility,
  isDeniedObject,
  transformsError,
  validateRows
} from '../mappingRules';
import type { FieldInfo, FieldRow } from '../mappingRules';

// The labels of the messages checked below, with their text (Jest gives a label its name otherwise).
jest.mock(
  '@salesforce/label/c.S2S_Transform_Error_Not_Array',
  () => ({ default: 'The transform chain must be a JSON array of steps.' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.S2S_Transform_Error_Not_Object',
  () => ({ default: 'Step {0} is not a JSON object.' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.S2S_Transform_Error_Unknown_Type',
  () => ({ default: 'Step {0}: unknown transform type "{1}".' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.S2S_Transform_Error_Required',
  () => ({ default: 'Step {0} ({1}): {2} is required.' }),
  { virtual: true }
);
jest.mock('@salesforce/label/c.S2S_Transform_Error_Syntax', () => ({ default: 'Bad JSON: {0}' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.S2S_Transform_Type_Split', () => ({ default: 'Split' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.S2S_Transform_Option_Index', () => ({ default: 'Part' }), {
  virtual: true
});

const SOURCE: FieldInfo[] = [
  { name: 'OwnerId', label: 'Owner ID', type: 'REFERENCE' },
  { name: 'Name', label: 'Account Name', type: 'STRING' },
  { name: 'AnnualRevenue', label: 'Annual Revenue', type: 'CURRENCY' },
  { name: 'Region__c', label: 'Sales Region', type: 'PICKLIST' },
  { name: 'BillingAddress', label: 'Billing Address', type: 'ADDRESS' },
  { name: 'CreatedDate', label: 'Created Date', type: 'DATETIME' }
];
const TARGET: FieldInfo[] = [
  { name: 'Name', label: 'Account Name', type: 'string', updateable: true },
  { name: 'Revenue__c', label: 'Annual Revenue', type: 'double', updateable: true },
  { name: 'Territory__c', label: 'Sales Region', type: 'string', updateable: true },
  { name: 'Id', label: 'Account ID', type: 'id', updateable: false },
  { name: 'Opened__c', label: 'Opened', type: 'date', updateable: true },
  { name: 'OwnerId', label: 'Owner ID', type: 'reference', updateable: true }
];

function row(targetField: string, sourceField: string, transforms = ''): FieldRow {
  return {
    key: targetField,
    sourceField,
    sourceExpression: '',
    targetField,
    transforms,
    sensitive: false,
    active: true
  };
}

describe('mapping rules', () => {
  it('denies users, permissions, groups, setup, metadata and S2S objects, and allows business objects', () => {
    for (const name of [
      'User',
      'profile',
      'PermissionSet',
      'PermissionSetAssignment',
      'Group',
      'GroupMember',
      'ApexClass',
      'AccountShare',
      'OpportunityHistory',
      'Thing__Share',
      'Setting__mdt',
      'S2S_Batch_Outcome__e',
      'S2S_Crosswalk__c',
      'ns__S2S_Outbox__c'
    ]) {
      expect([name, isDeniedObject(name)]).toEqual([name, true]);
    }
    for (const name of ['Account', 'Contact', 'Case', 'Invoice__c', '', null, undefined]) {
      expect([name, isDeniedObject(name)]).toEqual([name, false]);
    }
  });

  it('classifies type pairs across local and remote type names', () => {
    expect(compatibility('STRING', 'string')).toBe('compatible');
    expect(compatibility('CURRENCY', 'double')).toBe('compatible');
    expect(compatibility('REFERENCE', 'id')).toBe('compatible');
    expect(compatibility('DOUBLE', 'textarea')).toBe('convertible');
    expect(compatibility('DATETIME', 'date')).toBe('convertible');
    expect(compatibility('DATE', 'datetime')).toBe('convertible');
    expect(compatibility('STRING', 'boolean')).toBe('incompatible');
    expect(compatibility('ADDRESS', 'string')).toBe('incompatible');
    expect(compatibility('STRING', 'base64')).toBe('incompatible');
    expect(compatibility(undefined, 'string')).toBe('unknown');
    expect(compatibility('STRING', 'geo-something')).toBe('unknown');
  });

  it('auto-maps updateable target fields by API name, then by label, never twice, never lookups', () => {
    const rows = autoMap(SOURCE, TARGET, [row('Territory__c', 'Region__c')]);
    expect(rows.map((r) => `${r.sourceField}->${r.targetField}`)).toEqual([
      'Name->Name',
      'AnnualRevenue->Revenue__c'
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
  });

  it('checks transform chains as the engine does, naming the step and option', () => {
    expect(transformsError('')).toBeUndefined();
    expect(transformsError('[{"type":"valueMap","map":{"USD":"EUR"}}]')).toBeUndefined();
    expect(transformsError('{"type":"x"}')).toBe(
      'The transform chain must be a JSON array of steps.'
    );
    expect(transformsError('[{"type":"upper"},{"type":"x"}]')).toBe(
      'Step 2: unknown transform type "x".'
    );
    expect(transformsError('[{"type":"split","separator":","}]')).toBe(
      'Step 1 (Split): Part is required.'
    );
    expect(transformsError('[{')).toMatch(/^Bad JSON: .+/);
  });

  it('holds a row to what its chain editor reports beyond the JSON', () => {
    const duplicate = {
      ...row('Name', 'Name', '[{"type":"valueMap","map":{"a":"2"}}]'),
      transformsEditorError: 'Step 1 (Value map): the source value "a" is listed more than once.'
    };
    expect(validateRows([duplicate])).toEqual([
      {
        code: 'transformsInvalid',
        field: 'Name',
        detail: duplicate.transformsEditorError,
        rowKey: duplicate.key
      }
    ]);
  });

  it('names the field of every problem', () => {
    const errors = validateRows(
      [
        row('', 'Name'),
        row('Name', 'Name'),
        row('Name', 'Name'),
        row('Nope__c', 'Name'),
        row('Territory__c', ''),
        row('Revenue__c', 'Missing__c'),
        row('Opened__c', 'CreatedDate', '[1]'),
        { ...row('Revenue__c', 'Region__c'), key: 'x' }
      ],
      SOURCE,
      TARGET
    );
    // Each problem also names its row, so the editor shows it on that row.
    expect(errors.map((e) => e.rowKey)).toEqual([
      '',
      'Name',
      'Nope__c',
      'Territory__c',
      'Revenue__c',
      'Opened__c',
      'x',
      'x'
    ]);
    expect(errors.map((e) => ({ ...e, rowKey: undefined }))).toEqual([
      { code: 'targetMissing', field: '#1' },
      { code: 'targetDuplicate', field: 'Name' },
      { code: 'targetUnknown', field: 'Nope__c' },
      { code: 'sourceMissing', field: 'Territory__c' },
      { code: 'sourceUnknown', field: 'Revenue__c', detail: 'Missing__c' },
      { code: 'transformsInvalid', field: 'Opened__c', detail: 'Step 1 is not a JSON object.' },
      { code: 'targetDuplicate', field: 'Revenue__c' },
      { code: 'typesIncompatible', field: 'Revenue__c', detail: 'PICKLIST → double' }
    ]);
  });

  it('accepts an expression instead of a source field, and skips name checks without describes', () => {
    expect(
      validateRows([{ ...row('Name', ''), sourceExpression: "CONCAT(FirstName, ' ', LastName)" }])
    ).toEqual([]);
    expect(validateRows([row('Anything__c', 'Whatever__c')])).toEqual([]);
  });
});
