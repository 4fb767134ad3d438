// Database results and errors, savepoints, query locators, DML options and StatusCode (Apex
// Reference: "Database Namespace", "DMLOptions Class", "StatusCode Enum").
import {
  ApexEnumValue,
  ApexId,
  ApexList,
  ApexMap,
  NativeObject,
  T_BOOLEAN,
  T_ID,
  T_OBJECT,
  T_STRING,
  typeRef,
  type ApexValue
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
  'INVALID_EMAIL_ADDRESS',
  'FIELD_FILTER_VALIDATION_EXCEPTION'
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

/** A JSON object read case-insensitively (Apex matches JSON keys to fields ignoring case). */
function jsonField(v: ApexValue, name: string): ApexValue {
  if (!(v instanceof ApexMap)) return null;
  const k = v.keys().find((x) => typeof x === 'string' && x.toLowerCase() === name.toLowerCase());
  return k === undefined ? null : v.get(k);
}

function jsonErrors(v: ApexValue): RecordResult['errors'] {
  const list = jsonField(v, 'errors');
  if (!(list instanceof ApexList)) return [];
  return list.items.map((e) => {
    const fields = jsonField(e, 'fields');
    return {
      statusCode: String(jsonField(e, 'statusCode') ?? 'UNKNOWN_EXCEPTION'),
      message: String(jsonField(e, 'message') ?? ''),
      fields: fields instanceof ApexList ? fields.items.map(String) : []
    };
  });
}

function errorsJson(errors: RecordResult['errors']): ApexList {
  return new ApexList(
    T_OBJECT,
    errors.map((e) => {
      const m = new ApexMap(T_STRING, T_OBJECT);
      m.put('statusCode', e.statusCode);
      m.put('message', e.message);
      m.put('fields', new ApexList(T_STRING, [...e.fields]));
      return m;
    })
  );
}

/**
 * The JSON form of a result class (JSON.serialize writes its properties; JSON.deserialize builds one
 * from `{"success": ..., "id": ..., "errors": [{"statusCode", "message", "fields"}]}`).
 */
function resultJson(
  kind: string,
  withCreated = false
): Pick<PlatformClassDef, 'toJson' | 'fromJson' | 'property'> {
  return {
    // The result's fields also read as properties (`sr.id`, `sr.success`, `sr.errors`), as Apex
    // published on the platform uses them.
    property: (_c, self, name) => {
      const r = state<RecordResult>(self);
      switch (name.toLowerCase()) {
        case 'id':
          return r.id === null ? null : new ApexId(r.id);
        case 'success':
          return r.success;
        case 'errors':
          return new ApexList(typeRef('Database.Error'), r.errors.map(errorValue));
        case 'created':
          return withCreated ? !!r.created : undefined;
      }
      return undefined;
    },
    toJson: (_c, self) => {
      const r = state<RecordResult>(self);
      const out = new ApexMap(T_STRING, T_OBJECT);
      out.put('id', r.id === null ? null : new ApexId(r.id));
      out.put('success', r.success);
      out.put('errors', errorsJson(r.errors));
      if (withCreated) out.put('created', !!r.created);
      return out;
    },
    fromJson: (_c, v) => {
      const id = jsonField(v, 'id');
      return resultValue(kind, {
        id: id === null ? null : String(id),
        success: jsonField(v, 'success') === true,
        errors: jsonErrors(v),
        ...(withCreated ? { created: jsonField(v, 'created') === true } : {})
      });
    }
  };
}

/** Database.LeadConvertResult (Apex Reference, "LeadConvertResult Class"). */
interface LeadConvertResultState {
  leadId: string | null;
  accountId: string | null;
  contactId: string | null;
  opportunityId: string | null;
  relatedPersonAccountId: string | null;
  success: boolean;
  errors: RecordResult['errors'];
}

const LEAD_RESULT_IDS = [
  'leadId',
  'accountId',
  'contactId',
  'opportunityId',
  'relatedPersonAccountId'
] as const;

/**
 * Database.LeadConvert (Apex Reference, "LeadConvert Class"): what a lead conversion is told. Every
 * property has its setter and getter (`is` for the Booleans).
 */
const LEAD_CONVERT_PROPS: [string, 'Id' | 'String' | 'Boolean' | 'SObject'][] = [
  ['accountId', 'Id'],
  ['accountRecord', 'SObject'],
  ['bypassAccountDedupeCheck', 'Boolean'],
  ['bypassContactDedupeCheck', 'Boolean'],
  ['contactId', 'Id'],
  ['contactRecord', 'SObject'],
  ['convertedStatus', 'String'],
  ['doNotCreateOpportunity', 'Boolean'],
  ['leadId', 'Id'],
  ['opportunityId', 'Id'],
  ['opportunityName', 'String'],
  ['opportunityRecord', 'SObject'],
  ['overwriteLeadSource', 'Boolean'],
  ['ownerId', 'Id'],
  ['relatedPersonAccountId', 'Id'],
  ['relatedPersonAccountRecord', 'SObject'],
  ['sendNotificationEmail', 'Boolean']
];

function leadConvertClasses(): PlatformClassDef[] {
  const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
  return [
    {
      name: 'Database.LeadConvert',
      constructors: [
        m(
          'LeadConvert',
          [],
          typeRef('Database.LeadConvert'),
          () =>
            new NativeObject(
              'Database.LeadConvert',
              Object.fromEntries(
                LEAD_CONVERT_PROPS.map(([p, t]) => [p, t === 'Boolean' ? false : null])
              )
            )
        )
      ],
      methods: LEAD_CONVERT_PROPS.flatMap(([p, t]) => {
        const type = typeRef(t);
        return [
          m(`set${cap(p)}`, [type], typeRef('void'), (_c, self, [v]) => {
            state<Record<string, ApexValue>>(self)[p] = t === 'Boolean' ? v === true : v;
            return null;
          }),
          m(
            `${t === 'Boolean' ? 'is' : 'get'}${cap(p)}`,
            [],
            type,
            (_c, self) => state<Record<string, ApexValue>>(self)[p] ?? null
          )
        ];
      })
    },
    {
      name: 'Database.LeadConvertResult',
      methods: [
        ...LEAD_RESULT_IDS.map((p) =>
          m(`get${cap(p)}`, [], T_ID, (_c, self) => {
            const id = state<LeadConvertResultState>(self)[p];
            return id ? new ApexId(id) : null;
          })
        ),
        m('isSuccess', [], T_BOOLEAN, (_c, self) => state<LeadConvertResultState>(self).success),
        m(
          'getErrors',
          [],
          T_LIST(typeRef('Database.Error')),
          (_c, self) =>
            new ApexList(
              typeRef('Database.Error'),
              state<LeadConvertResultState>(self).errors.map(errorValue)
            )
        )
      ],
      toJson: (_c, self) => {
        const r = state<LeadConvertResultState>(self);
        const out = new ApexMap(T_STRING, T_OBJECT);
        for (const p of LEAD_RESULT_IDS) out.put(p, r[p] === null ? null : new ApexId(r[p]));
        out.put('success', r.success);
        out.put('errors', errorsJson(r.errors));
        return out;
      },
      fromJson: (_c, v) => {
        const s: LeadConvertResultState = {
          leadId: null,
          accountId: null,
          contactId: null,
          opportunityId: null,
          relatedPersonAccountId: null,
          success: jsonField(v, 'success') === true,
          errors: jsonErrors(v)
        };
        for (const p of LEAD_RESULT_IDS) {
          const id = jsonField(v, p);
          s[p] = id === null ? null : String(id);
        }
        return new NativeObject('Database.LeadConvertResult', s);
      }
    }
  ];
}

/** Approval.ProcessResult (Apex Reference, "ProcessResult Class"). */
interface ProcessResultState {
  entityId: string | null;
  instanceId: string | null;
  instanceStatus: string | null;
  newWorkitemIds: string[];
  actorIds: string[];
  success: boolean;
  errors: RecordResult['errors'];
}

function processResultClass(): PlatformClassDef {
  const ps = (self: ApexValue) => state<ProcessResultState>(self);
  const ids = (v: string[]) =>
    new ApexList(
      T_ID,
      v.map((x) => new ApexId(x))
    );
  const idList = (v: ApexValue): string[] => (v instanceof ApexList ? v.items.map(String) : []);
  const str = (v: ApexValue): string | null => (v === null ? null : String(v));
  return {
    name: 'Approval.ProcessResult',
    methods: [
      m('getEntityId', [], T_ID, (_c, self) =>
        ps(self).entityId ? new ApexId(ps(self).entityId as string) : null
      ),
      m('getInstanceId', [], T_ID, (_c, self) =>
        ps(self).instanceId ? new ApexId(ps(self).instanceId as string) : null
      ),
      m('getInstanceStatus', [], T_STRING, (_c, self) => ps(self).instanceStatus),
      m('getNewWorkitemIds', [], T_LIST(T_ID), (_c, self) => ids(ps(self).newWorkitemIds)),
      m('getActorIds', [], T_LIST(T_ID), (_c, self) => ids(ps(self).actorIds)),
      m('isSuccess', [], T_BOOLEAN, (_c, self) => ps(self).success),
      m(
        'getErrors',
        [],
        T_LIST(typeRef('Database.Error')),
        (_c, self) => new ApexList(typeRef('Database.Error'), ps(self).errors.map(errorValue))
      )
    ],
    toJson: (_c, self) => {
      const r = ps(self);
      const out = new ApexMap(T_STRING, T_OBJECT);
      out.put('entityId', r.entityId === null ? null : new ApexId(r.entityId));
      out.put('instanceId', r.instanceId === null ? null : new ApexId(r.instanceId));
      out.put('instanceStatus', r.instanceStatus);
      out.put('newWorkitemIds', ids(r.newWorkitemIds));
      out.put('actorIds', ids(r.actorIds));
      out.put('success', r.success);
      out.put('errors', errorsJson(r.errors));
      return out;
    },
    fromJson: (_c, v) =>
      new NativeObject<ProcessResultState>('Approval.ProcessResult', {
        entityId: str(jsonField(v, 'entityId')),
        instanceId: str(jsonField(v, 'instanceId')),
        instanceStatus: str(jsonField(v, 'instanceStatus')),
        newWorkitemIds: idList(jsonField(v, 'newWorkitemIds')),
        actorIds: idList(jsonField(v, 'actorIds')),
        success: jsonField(v, 'success') === true,
        errors: jsonErrors(v)
      })
  };
}

export function databaseClasses(): PlatformClassDef[] {
  return [
    {
      name: 'Database.SaveResult',
      methods: resultMethods(false),
      ...resultJson('Database.SaveResult')
    },
    {
      name: 'Database.UpsertResult',
      methods: resultMethods(true),
      ...resultJson('Database.UpsertResult', true)
    },
    {
      name: 'Database.DeleteResult',
      methods: resultMethods(false),
      ...resultJson('Database.DeleteResult')
    },
    {
      name: 'Database.UndeleteResult',
      methods: resultMethods(false),
      ...resultJson('Database.UndeleteResult')
    },
    {
      name: 'Database.EmptyRecycleBinResult',
      methods: resultMethods(false),
      ...resultJson('Database.EmptyRecycleBinResult')
    },
    // Approval.LockResult / UnlockResult (Apex Reference, "LockResult Class", "UnlockResult Class").
    {
      name: 'Approval.LockResult',
      methods: resultMethods(false),
      ...resultJson('Approval.LockResult')
    },
    {
      name: 'Approval.UnlockResult',
      methods: resultMethods(false),
      ...resultJson('Approval.UnlockResult')
    },
    {
      name: 'Database.MergeResult',
      methods: [
        ...resultMethods(false),
        m('getMergedRecordIds', [], T_LIST(T_ID), () => new ApexList(T_ID, [])),
        m('getUpdatedRelatedIds', [], T_LIST(T_ID), () => new ApexList(T_ID, []))
      ],
      ...resultJson('Database.MergeResult')
    },
    ...leadConvertClasses(),
    processResultClass(),
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
