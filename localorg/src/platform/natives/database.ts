// Database results and errors, savepoints, query locators, DML options and StatusCode (Apex
// Reference: "Database Namespace", "DMLOptions Class", "StatusCode Enum").
import {
  ApexEnumValue,
  ApexId,
  ApexList,
  NativeObject,
  T_BOOLEAN,
  T_ID,
  T_STRING,
  typeRef
} from '../../runtime/values.ts';
import type { NativeMethodDef } from '../../runtime/platform.ts';
import type { RecordResult } from '../dml/errors.ts';
import { T_LIST, bag, enumProps, m, state, type PlatformClassDef } from './common.ts';

// StatusCode values the engine produces, in a fixed order for ordinal().
const STATUS_CODES = [
  'REQUIRED_FIELD_MISSING',
  'STRING_TOO_LONG',
  'DUPLICATE_VALUE',
  'DUPLICATE_EXTERNAL_ID',
  'INVALID_CROSS_REFERENCE_KEY',
  'MALFORMED_ID',
  'FIELD_INTEGRITY_EXCEPTION',
  'ENTITY_IS_DELETED',
  'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
  'UNABLE_TO_LOCK_ROW',
  'MISSING_ARGUMENT',
  'INVALID_FIELD',
  'INVALID_ID_FIELD',
  'INSUFFICIENT_ACCESS_OR_READONLY',
  'DELETE_FAILED',
  'UNDELETE_FAILED',
  'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
  'NUMBER_OUTSIDE_VALID_RANGE',
  'INVALID_FIELD_FOR_INSERT_UPDATE',
  'UNKNOWN_EXCEPTION',
  'INVALID_TYPE',
  'INVALID_TYPE_FOR_OPERATION',
  'INVALID_EMAIL_ADDRESS'
];

export function statusCode(code: string): ApexEnumValue {
  const i = STATUS_CODES.indexOf(code);
  return new ApexEnumValue('System.StatusCode', code, i < 0 ? STATUS_CODES.length : i);
}

export function resultValue(kind: string, r: RecordResult): NativeObject<RecordResult> {
  return new NativeObject(kind, r);
}

function errorValue(e: RecordResult['errors'][number]): NativeObject {
  return new NativeObject('Database.Error', e);
}

const resultMethods = (withCreated: boolean): NativeMethodDef[] => [
  m('getId', [], T_ID, (_c, self) =>
    ((id) => (id ? new ApexId(id) : null))(state<RecordResult>(self).id)
  ),
  m('isSuccess', [], T_BOOLEAN, (_c, self) => state<RecordResult>(self).success),
  m(
    'getErrors',
    [],
    T_LIST(typeRef('Database.Error')),
    (_c, self) =>
      new ApexList(typeRef('Database.Error'), state<RecordResult>(self).errors.map(errorValue))
  ),
  ...(withCreated
    ? [m('isCreated', [], T_BOOLEAN, (_c, self) => !!state<RecordResult>(self).created)]
    : [])
];

export function databaseClasses(): PlatformClassDef[] {
  return [
    { name: 'Database.SaveResult', methods: resultMethods(false) },
    { name: 'Database.UpsertResult', methods: resultMethods(true) },
    { name: 'Database.DeleteResult', methods: resultMethods(false) },
    { name: 'Database.UndeleteResult', methods: resultMethods(false) },
    { name: 'Database.EmptyRecycleBinResult', methods: resultMethods(false) },
    {
      name: 'Database.MergeResult',
      methods: [
        ...resultMethods(false),
        m('getMergedRecordIds', [], T_LIST(T_ID), () => new ApexList(T_ID, [])),
        m('getUpdatedRelatedIds', [], T_LIST(T_ID), () => new ApexList(T_ID, []))
      ]
    },
    {
      name: 'Database.Error',
      methods: [
        m('getStatusCode', [], typeRef('System.StatusCode'), (_c, self) =>
          statusCode(state<{ statusCode: string }>(self).statusCode)
        ),
        m('getMessage', [], T_STRING, (_c, self) => state<{ message: string }>(self).message),
        m(
          'getFields',
          [],
          T_LIST(T_STRING),
          (_c, self) => new ApexList(T_STRING, [...state<{ fields: string[] }>(self).fields])
        )
      ]
    },
    { name: 'System.Savepoint', aliases: ['Savepoint'], methods: [] },
    {
      name: 'Database.QueryLocator',
      methods: [m('getQuery', [], T_STRING, (_c, self) => state<{ text: string }>(self).text)]
    },
    {
      name: 'System.StatusCode',
      aliases: ['StatusCode'],
      enumValues: STATUS_CODES,
      methods: [],
      staticProperty: enumProps('System.StatusCode', STATUS_CODES)
    },
    // Database.DMLOptions and its headers (Apex Reference, "DMLOptions Class"): a new DMLOptions
    // already holds one of each header, so `o.assignmentRuleHeader.useDefaultRule = true` works.
    {
      name: 'Database.DMLOptions',
      constructors: [
        m(
          'DMLOptions',
          [],
          typeRef('Database.DMLOptions'),
          () =>
            new NativeObject('Database.DMLOptions', {
              allowFieldTruncation: false,
              optAllOrNone: null,
              localeOptions: null,
              assignmentRuleHeader: new NativeObject('Database.DMLOptions.AssignmentRuleHeader', {
                useDefaultRule: null,
                assignmentRuleId: null
              }),
              duplicateRuleHeader: new NativeObject('Database.DMLOptions.DuplicateRuleHeader', {
                allowSave: false,
                runAsCurrentUser: false
              }),
              emailHeader: new NativeObject('Database.DMLOptions.EmailHeader', {
                triggerAutoResponseEmail: false,
                triggerOtherEmail: false,
                triggerUserEmail: false
              })
            })
        )
      ],
      methods: [],
      ...bag([
        'allowFieldTruncation',
        'optAllOrNone',
        'localeOptions',
        'assignmentRuleHeader',
        'duplicateRuleHeader',
        'emailHeader'
      ])
    },
    ...(
      [
        ['AssignmentRuleHeader', ['useDefaultRule', 'assignmentRuleId']],
        ['DuplicateRuleHeader', ['allowSave', 'runAsCurrentUser']],
        ['EmailHeader', ['triggerAutoResponseEmail', 'triggerOtherEmail', 'triggerUserEmail']]
      ] as const
    ).map(([header, props]) => ({
      name: `Database.DMLOptions.${header}`,
      constructors: [
        m(
          header,
          [],
          typeRef(`Database.DMLOptions.${header}`),
          () =>
            new NativeObject(
              `Database.DMLOptions.${header}`,
              Object.fromEntries(props.map((p) => [p, null]))
            )
        )
      ],
      methods: [],
      ...bag([...props])
    }))
  ];
}
