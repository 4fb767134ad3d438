/**
 * System.DmlException row accessors over the failures the platform attaches to it.
 */
import { ApexList, ApexObject, T_STRING, type ApexValue } from '../../runtime/values.js';
import { throwApex } from '../../runtime/errors.js';
import { toId } from '../../runtime/ops.js';
import type { BuiltinClass } from '../../runtime/builtins.js';

export const dmlExceptionClasses: BuiltinClass[] = [];

// ---------------------------------------------------------------------------------------------
// DmlException row accessors. The platform throws System.DmlException with data = DmlFailure[]
// ({ index, id, statusCode, message, fields }) — Apex Reference "DmlException Class".

const STATUS_CODES = [
  'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  'CANNOT_DELETE_LAST_DATED_CONVERSION_RATE',
  'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
  'DELETE_FAILED',
  'DUPLICATE_EXTERNAL_ID',
  'DUPLICATE_VALUE',
  'DUPLICATES_DETECTED',
  'ENTITY_IS_DELETED',
  'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  'FIELD_INTEGRITY_EXCEPTION',
  'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
  'INSUFFICIENT_ACCESS_OR_READONLY',
  'INVALID_CROSS_REFERENCE_KEY',
  'INVALID_FIELD',
  'INVALID_FIELD_FOR_INSERT_UPDATE',
  'INVALID_ID_FIELD',
  'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
  'INVALID_TYPE',
  'MALFORMED_ID',
  'MISSING_ARGUMENT',
  'NUMBER_OUTSIDE_VALID_RANGE',
  'REQUIRED_FIELD_MISSING',
  'STRING_TOO_LONG',
  'UNABLE_TO_LOCK_ROW',
  'UNKNOWN_EXCEPTION',
  'FIELD_FILTER_VALIDATION_EXCEPTION'
];
dmlExceptionClasses.push({ name: 'System.StatusCode', enumValues: STATUS_CODES });

interface DmlFailureData {
  index: number;
  id: string | null;
  statusCode: string;
  message: string;
  fields: string[];
}

function dmlRow(self: ApexObject, i: ApexValue): DmlFailureData {
  const rows = (self.exception?.data as DmlFailureData[] | undefined) ?? [];
  const n = i as number;
  if (n < 0 || n >= rows.length)
    throwApex('System.ListException', `List index out of bounds: ${n}`);
  return rows[n];
}

dmlExceptionClasses.push({
  name: 'System.DmlException',
  methods: {
    getnumdml: (_c, self: ApexObject) =>
      ((self.exception?.data as DmlFailureData[] | undefined) ?? []).length,
    getdmlmessage: (_c, self: ApexObject, a) => dmlRow(self, a[0]).message,
    getdmlfieldnames: (_c, self: ApexObject, a) =>
      new ApexList(T_STRING, [...dmlRow(self, a[0]).fields]),
    getdmlid: (_c, self: ApexObject, a) => {
      const id = dmlRow(self, a[0]).id;
      return id ? toId(id) : null;
    },
    getdmlindex: (_c, self: ApexObject, a) => dmlRow(self, a[0]).index,
    getdmltype: (ctx, self: ApexObject, a) => {
      const code = dmlRow(self, a[0]).statusCode;
      return ctx.runtime.builtinEnum('System.StatusCode', code, STATUS_CODES.indexOf(code));
    },
    getdmlstatuscode: (_c, self: ApexObject, a) => dmlRow(self, a[0]).statusCode
  }
});
