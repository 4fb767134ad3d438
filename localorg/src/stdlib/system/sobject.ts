/**
 * SObject instance methods: get/put by field name or token, related records, errors, options.
 */
import {
  ApexList,
  ApexMap,
  ApexObject,
  ApexSObject,
  NativeObject,
  typeRef,
  T_OBJECT,
  T_STRING,
  type ApexValue
} from '../../runtime/values.js';
import type { NativeCallContext } from '../../runtime/platform.js';
import { throwApex, unsupported } from '../../runtime/errors.js';
import { stringOf } from '../../runtime/ops.js';
import { fieldName } from './database.js';
import type { BuiltinClass } from '../../runtime/builtins.js';

export const sobjectClasses: BuiltinClass[] = [];

// ---------------------------------------------------------------------------------------------
// SObject instance methods

function fieldArg(v: ApexValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof NativeObject) return fieldName(v);
  throwApex('System.NullPointerException', 'Argument cannot be null.');
}

/**
 * Dynamic access names a field of the record's object or fails: `acc.get('Nope__c')` throws
 * `System.SObjectException: Invalid field Nope__c for Account`; getSObject/putSObject need a
 * parent relationship (Apex Reference, SObject Class: get, getSObject).
 */
function checkedField(
  ctx: NativeCallContext,
  self: ApexSObject,
  v: ApexValue,
  rel = false
): string {
  const name = fieldArg(v);
  const l = name.toLowerCase();
  // An AggregateResult's fields are the query's columns and aliases (expr0, n...), not a schema.
  if (self.type === 'AggregateResult') {
    if (self.values.has(l)) return name;
    throwApex('System.SObjectException', `Invalid field ${name} for AggregateResult`);
  }
  const info = ctx.platform.sobjectType(self.type);
  if (!info) return name;
  // The full name: a managed package's code names its own fields without the prefix
  // (docs/localorg.md, "Namespaces"), the record holds them by their full names.
  if (rel) {
    const r = info.parentRelationship(l);
    if (r) return r.relationshipName ?? name;
    if (info.field(l))
      throwApex('System.SObjectException', `Invalid relationship ${name} for ${self.type}`);
  } else {
    const full =
      info.field(l)?.name ??
      info.parentRelationship(l)?.relationshipName ??
      info.childRelationship(l)?.relationshipName;
    if (full) return full;
  }
  throwApex('System.SObjectException', `Invalid field ${name} for ${self.type}`);
}

/** The record's name for field `v` (its full name when the schema knows it), for isSet. */
function fullFieldName(ctx: NativeCallContext, self: ApexSObject, v: ApexValue): string {
  const name = fieldArg(v);
  const info = self.type === 'AggregateResult' ? null : ctx.platform.sobjectType(self.type);
  return info?.field(name.toLowerCase())?.name ?? name;
}

sobjectClasses.push({
  name: 'SObject',
  aliases: ['schema.sobject'],
  methods: {
    get: (c, self: ApexSObject, a) => c.runtime.getMember(self, checkedField(c, self, a[0])),
    put: (c, self: ApexSObject, a) => {
      const f = checkedField(c, self, a[0]);
      const interp = c.runtime;
      const prev = self.raw(f) ?? null;
      interp.setMember(self, f, a[1]);
      return prev;
    },
    getsobject: (c, self: ApexSObject, a) =>
      c.runtime.getMember(self, checkedField(c, self, a[0], true)),
    putsobject: (c, self: ApexSObject, a) => {
      const f = checkedField(c, self, a[0], true);
      const prev = self.raw(f) ?? null;
      c.runtime.setMember(self, f, a[1]);
      return prev;
    },
    getsobjects: (ctx, self: ApexSObject, a) => ctx.runtime.getMember(self, fieldArg(a[0])),
    getsobjecttype: (ctx, self: ApexSObject) => ctx.platform.sobjectTypeToken(ctx, self.type),
    // SObject.setOptions(Database.DMLOptions): options for the next DML of this record
    setoptions: (_c, self: ApexSObject, a) => {
      self.dmlOptions = a[0];
      return null;
    },
    getpopulatedfieldsasmap: (_c, self: ApexSObject) => {
      const m = new ApexMap(T_STRING, T_OBJECT);
      for (const [k, v] of self.populated()) m.put(k, v);
      return m;
    },
    isset: (c, self: ApexSObject, a) => self.isPopulated(fullFieldName(c, self, a[0])),
    clone: (_c, self: ApexSObject, a) => {
      const preserveId = a.length > 0 && a[0] === true;
      const deep = a.length > 1 && a[1] === true;
      const c = self.copy();
      c.queried = null;
      if (!preserveId) c.unset('Id');
      if (a.length < 3 || a[2] !== true)
        for (const f of [
          'CreatedDate',
          'CreatedById',
          'LastModifiedDate',
          'LastModifiedById',
          'SystemModstamp'
        ])
          c.unset(f);
      if (deep)
        for (const [k, v] of c.values) if (v instanceof ApexSObject) c.values.set(k, v.copy());
      return c;
    },
    adderror: (_c, self: ApexSObject, a) => {
      const errs = (self.errors ??= []);
      if (
        a.length >= 2 &&
        (typeof a[0] === 'string' || a[0] instanceof NativeObject) &&
        typeof a[1] === 'string'
      )
        errs.push({ field: fieldArg(a[0]), message: a[1] });
      else if (
        a.length >= 2 &&
        (typeof a[0] === 'string' || a[0] instanceof NativeObject) &&
        a[1] instanceof ApexObject &&
        a[1].exception
      )
        // A field's addError(exception): the exception's message on that field.
        errs.push({ field: fieldArg(a[0]), message: a[1].exception.message ?? '' });
      else
        errs.push({
          field: null,
          message:
            a[0] instanceof ApexObject && a[0].exception
              ? (a[0].exception.message ?? '')
              : stringOf(a[0])
        });
      return null;
    },
    haserrors: (_c, self: ApexSObject) => !!self.errors?.length,
    // The errors addError put on the record, as Database.Error (SObject Class, getErrors()).
    geterrors: (_c, self: ApexSObject) =>
      new ApexList(
        typeRef('Database.Error'),
        (self.errors ?? []).map(
          (e) =>
            new NativeObject('Database.Error', {
              statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
              message: e.message,
              fields: e.field === null ? [] : [e.field]
            })
        )
      ),
    getcloneSourceId: () => unsupported('SObject.getCloneSourceId'),
    recalculateformulas: () => unsupported('SObject.recalculateFormulas'),
    getquickactionname: () => null
  }
});
