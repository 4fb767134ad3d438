/**
 * Database: DML, dynamic SOQL with binds, query locators, savepoints (delegated to the platform).
 */
import {
  ApexEnumValue,
  ApexId,
  ApexList,
  ApexMap,
  ApexObject,
  ApexSObject,
  NativeObject,
  type ApexValue
} from '../../runtime/values.js';
import type { AccessLevel, DmlOperation, NativeCallContext } from '../../runtime/platform.js';
import type { BuiltinClass, BuiltinContext } from '../../runtime/builtins.js';
import { throwApex, unsupported } from '../../runtime/errors.js';
import { stringOf, toId } from '../../runtime/ops.js';

export const databaseClasses: BuiltinClass[] = [];

// ---------------------------------------------------------------------------------------------
// Database (delegated to the platform)

function accessOf(v: ApexValue | undefined): AccessLevel | null {
  if (v instanceof ApexEnumValue && v.enumType === 'System.AccessLevel')
    return v.name as AccessLevel;
  return null;
}

function recordsOf(v: ApexValue): { records: ApexSObject[]; single: boolean } {
  if (v === null) throwApex('System.NullPointerException', 'Argument cannot be null.');
  const toRec = (x: ApexValue): ApexSObject => {
    if (x instanceof ApexSObject) return x;
    if (x instanceof ApexId || typeof x === 'string') {
      // Delete/undelete by Id: the platform finds the type from the key prefix.
      const r = new ApexSObject('SObject');
      r.set('Id', x instanceof ApexId ? x : toId(x));
      return r;
    }
    throwApex('System.TypeException', 'DML requires SObjects or Ids');
  };
  if (v instanceof ApexList) return { records: v.items.map(toRec), single: false };
  return { records: [toRec(v)], single: true };
}

function dml(op: DmlOperation) {
  return (ctx: NativeCallContext, a: ApexValue[]): ApexValue => {
    const { records, single } = recordsOf(a[0]);
    let allOrNone = true;
    let accessLevel: AccessLevel | null = null;
    let externalIdField: string | null = null;
    let options: ApexValue | undefined;
    for (const x of a.slice(1)) {
      if (typeof x === 'boolean') allOrNone = x;
      else if (accessOf(x)) accessLevel = accessOf(x);
      else if (x instanceof NativeObject && /sobjectfield/i.test(x.className))
        externalIdField = fieldName(x);
      else if (x instanceof NativeObject) options = x;
    }
    return ctx.platform.dml(ctx, {
      op,
      records,
      single,
      allOrNone,
      accessLevel,
      externalIdField,
      options,
      pos: ctx.pos
    });
  };
}

/** A Schema.SObjectField token's field name (platform tokens keep `{ field }` or `{ name }` in their state). */
export function fieldName(token: NativeObject): string {
  const st = token.state as { field?: string; name?: string };
  const n = st.field ?? st.name;
  if (!n) throwApex('System.TypeException', 'Invalid field token');
  return n;
}

/** Bind resolution for dynamic SOQL: the bindMap of queryWithBinds, else variables in scope. */
function dynamicBinds(ctx: BuiltinContext, binds: ApexMap | null): (name: string) => ApexValue {
  const variable = ctx.runtime.variablesInScope();
  return (name) => {
    if (binds) {
      for (const [k, v] of binds.entries())
        if (typeof k === 'string' && k.toLowerCase() === name.toLowerCase()) return v;
      throwApex('System.QueryException', `Key '${name}' does not exist in the bindMap`);
    }
    const v = variable(name);
    if (v === undefined) throwApex('System.QueryException', `Variable does not exist: ${name}`);
    return v;
  };
}

function dynamicQuery(
  ctx: BuiltinContext,
  text: string,
  binds: ApexMap | null,
  level: AccessLevel | null
): ApexValue {
  return ctx.platform.query(ctx, {
    text,
    kind: 'dynamic',
    resolveBind: dynamicBinds(ctx, binds),
    accessLevel: level,
    forLoop: false,
    pos: ctx.pos
  });
}

/**
 * A QueryLocator is lazy: the platform runs it when a batch starts. Its state carries the query text and a
 * bind resolver (`{ text, binds(bind) }`, bind.text as written after ':').
 */
function queryLocator(ctx: BuiltinContext, text: string, binds: ApexMap | null): NativeObject {
  const resolve = dynamicBinds(ctx, binds);
  return new NativeObject('Database.QueryLocator', {
    text,
    query: text,
    binds: (b: { text: string }) => resolve(b.text.replace(/\s+/g, ''))
  });
}

databaseClasses.push({
  name: 'Database',
  aliases: ['system.database'],
  statics: {
    insert: dml('insert'),
    update: dml('update'),
    upsert: dml('upsert'),
    delete: dml('delete'),
    undelete: dml('undelete'),
    merge: (ctx, a) => {
      const master = a[0] as ApexSObject;
      const dups = a[1] instanceof ApexList ? (a[1].items as ApexSObject[]) : [a[1] as ApexSObject];
      const allOrNone = typeof a[2] === 'boolean' ? a[2] : true;
      return ctx.platform.dml(ctx, {
        op: 'merge',
        records: dups,
        single: !(a[1] instanceof ApexList),
        allOrNone,
        accessLevel: accessOf(a[a.length - 1]),
        mergeMaster: master,
        pos: ctx.pos
      });
    },
    query: (ctx, a) => dynamicQuery(ctx, stringOf(a[0]), null, accessOf(a[1])),
    querywithbinds: (ctx, a) => dynamicQuery(ctx, stringOf(a[0]), a[1] as ApexMap, accessOf(a[2])),
    countquery: (ctx, a) => dynamicQuery(ctx, stringOf(a[0]), null, accessOf(a[1])),
    countquerywithbinds: (ctx, a) =>
      dynamicQuery(ctx, stringOf(a[0]), a[1] as ApexMap, accessOf(a[2])),
    getquerylocator: (ctx, a) => {
      if (a[0] instanceof ApexList)
        unsupported('Database.getQueryLocator(List<SObject>) — pass the query text');
      return queryLocator(ctx, stringOf(a[0]), null);
    },
    getquerylocatorwithbinds: (ctx, a) => queryLocator(ctx, stringOf(a[0]), a[1] as ApexMap),
    setsavepoint: (ctx) => ctx.platform.setSavepoint(ctx),
    rollback: (ctx, a) => {
      ctx.platform.rollback(ctx, a[0]);
      return null;
    },
    releasesavepoint: () => null,
    executebatch: (ctx, a) =>
      ctx.platform.executeBatch(ctx, a[0] as ApexObject, a.length > 1 ? (a[1] as number) : 200),
    emptyrecyclebin: (ctx, a) => {
      if (!ctx.platform.emptyRecycleBin) unsupported('Database.emptyRecycleBin');
      const { records, single } = recordsOf(a[0]);
      return ctx.platform.emptyRecycleBin(ctx, records, single);
    },
    convertlead: () => unsupported('Database.convertLead')
  }
});

databaseClasses.push({
  name: 'Database.QueryLocator',
  methods: {
    getquery: (_c, self: NativeObject<{ text: string }>) => self.state.text
  }
});

// System.Search (Apex Reference, "Search Class": query(query), query(query, accessLevel)): dynamic
// SOSL, a List<List<SObject>> as for inline SOSL.
databaseClasses.push({
  name: 'Search',
  aliases: ['system.search'],
  statics: {
    query: (ctx, a) =>
      ctx.platform.search(ctx, {
        text: stringOf(a[0]),
        kind: 'dynamic',
        resolveBind: dynamicBinds(ctx, null),
        accessLevel: accessOf(a[1]),
        forLoop: false,
        pos: ctx.pos
      })
  }
});
