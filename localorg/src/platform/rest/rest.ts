// The REST surface a peer org exposes (REST API Developer Guide: "Create a Record", "Update a
// Record", "Upsert Records Using an External ID", "sObject Collections", "Query", "Get Field and
// Other Metadata", "List Organization Limits", "Status Codes and Error Responses", "Call Options
// Header"; Apex REST is in apex-rest.ts, the shared responses and errors in http.ts). Each request is one
// transaction run as the connection's user, in user mode and with sharing.
import {
  ApexId,
  ApexList,
  ApexObject,
  ApexSObject,
  typeRef,
  type ApexValue
} from '../../runtime/values.ts';
import { UnsupportedError } from '../../runtime/platform.ts';
import type { HttpRequestData, HttpResponseData, Org } from '../org.ts';
import { ConvertError, jsToApex, sobjectToJson, apexToJson, type Json } from '../data/convert.ts';
import { DmlFailedError, type RecordResult } from '../dml/errors.ts';
import { DmlCallError, type DmlOp } from '../dml/engine.ts';
import { positionedMessage, QueryException } from '../soql/parser.ts';
import { LimitException } from '../limits/limits.ts';
import type { SObjectSchema } from '../schema/schema.ts';
import { restState } from './state.ts';
import { API_VERSION, basicInfo, describe, versions } from './describe.ts';
import { bulkIngest } from './bulk2.ts';
import { errorResponse, headerValue, json, parseBody, RestError } from './http.ts';
import { apexRestCall } from './apex-rest.ts';
import { blobData } from '../content/blob-data.ts';

export { API_VERSION } from './describe.ts';

export { restState, type RestState } from './state.ts';

export { matchUrlMapping } from './apex-rest.ts';

const MAX_COLLECTION = 200;
const QUERY_BATCH = 2000;

/** Handles one HTTP request into `org` as `userId`. Never throws for request errors: returns them. */
export function handleRest(org: Org, req: HttpRequestData, userId: string): HttpResponseData {
  const state = restState(org);
  state.apiRequests++;
  const url = new URL(req.endpoint, 'https://localorg.invalid');
  const path = decodeURIComponent(url.pathname).replace(/\/+$/, '');
  const client = /client=([^;,\s]+)/.exec(
    headerValue(req.headers, 'Sforce-Call-Options') ?? ''
  )?.[1];
  const apexRest = path.startsWith('/services/apexrest/');
  const version = /^\/services\/data\/v(\d+\.\d+)/.exec(path)?.[1] ?? API_VERSION;
  const changeOrigin = `com/salesforce/api/${apexRest ? 'rest' : 'rest'}/${version}${client ? `;client=${client}` : ''}`;
  try {
    return org.asUser(userId, () =>
      org.withTransaction(
        'rest',
        () =>
          apexRest ? apexRestCall(org, req, url, path) : standardApi(org, req, url, path, version),
        { changeOrigin, label: `${req.method} ${path}` }
      )
    );
  } catch (e) {
    if (e instanceof RestError) return errorResponse(e.status, e.errorCode, e.message, e.fields);
    if (e instanceof LimitException)
      return errorResponse(500, 'APEX_ERROR', `System.LimitException: ${e.message}`);
    if (e instanceof UnsupportedError) throw e;
    const ex = (e as { exception?: ApexObject }).exception;
    if (ex)
      return errorResponse(
        500,
        'APEX_ERROR',
        `${ex.cls.name}: ${ex.exception?.message ?? ''}\n\n${ex.exception?.stack ?? ''}`.trim()
      );
    throw e;
  }
}

// ---- standard REST API --------------------------------------------------------------------

function standardApi(
  org: Org,
  req: HttpRequestData,
  url: URL,
  path: string,
  version: string
): HttpResponseData {
  // Versions resource: GET /services/data/ lists every version with its release label (REST API
  // Developer Guide, "Versions"; no authentication needed).
  if (path === '/services/data' && req.method.toUpperCase() === 'GET') return json(200, versions());
  const m = /^\/services\/data\/v\d+\.\d+(\/.*)?$/.exec(path);
  if (!m) throw new RestError(404, 'NOT_FOUND', 'The requested resource does not exist');
  const rest = (m[1] ?? '').split('/').filter(Boolean);
  const method = req.method.toUpperCase();
  const [head, a, b, c] = rest;
  if (head === 'limits' && method === 'GET') {
    const used = restState(org).apiRequests;
    return json(200, {
      DailyApiRequests: { Max: 15000, Remaining: Math.max(0, 15000 - used) },
      DailyAsyncApexExecutions: { Max: 250000, Remaining: 250000 }
    });
  }
  // Bulk API 2.0 ingest jobs (bulk2.ts)
  if (head === 'jobs' && a === 'ingest') return bulkIngest(org, req, rest.slice(2), version);
  if ((head === 'query' || head === 'queryAll') && method === 'GET') {
    if (a) return nextPage(org, a, version);
    const q = url.searchParams.get('q');
    if (!q) throw new RestError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    // queryAll: deleted and archived records too, as ALL ROWS in Apex (REST API Developer Guide, "QueryAll").
    return runRestQuery(org, head === 'queryAll' ? `${q} ALL ROWS` : q, version);
  }
  if (head === 'sobjects') {
    if (!a && method === 'GET') {
      return json(200, {
        encoding: 'UTF-8',
        maxBatchSize: 200,
        sobjects: org.schema.objects().map((o) => ({
          name: o.name,
          label: o.def.label,
          keyPrefix: o.keyPrefix || null,
          custom: o.def.custom,
          queryable: true
        }))
      });
    }
    const object = objectOrThrow(org, a);
    if (!b && method === 'POST') return createOne(org, object, parseBody(req));
    // sObject Basic Information: the object's summary and recently viewed records ("sObject Basic Information").
    if (!b && method === 'GET') return json(200, basicInfo(org, object, version));
    if (b === 'describe' && method === 'GET') return json(200, describe(org, object, version));
    if (b && !c) {
      if (method === 'GET') return getOne(org, object, b, url.searchParams.get('fields'), version);
      if (method === 'PATCH') return updateOne(org, object, b, parseBody(req));
      if (method === 'DELETE') return deleteMany(org, [b], true, true);
    }
    if (b && c !== undefined && method === 'PATCH')
      return upsertOne(org, object, b, c, parseBody(req), version);
    // Get Blob Data: GET /sobjects/ContentVersion/{id}/VersionData (content/blob-data.ts)
    if (b && c !== undefined && method === 'GET' && object.field(c)?.type === 'base64') {
      const blob = blobData(org, object, b, c);
      if (!blob) throw new RestError(404, 'NOT_FOUND', 'The requested resource does not exist');
      return blob;
    }
    if (b && c !== undefined && method === 'GET')
      return getByExternalId(org, object, b, c, version);
  }
  if (head === 'composite' && a === 'sobjects') {
    // Get records using sObject Collections: GET with ids and fields parameters, or POST with them in the body.
    if (b && !c && (method === 'GET' || method === 'POST')) {
      const body =
        method === 'POST' ? (parseBody(req) as { ids?: string[]; fields?: string[] }) : null;
      const list = (name: 'ids' | 'fields'): string[] =>
        body ? (body[name] ?? []) : (url.searchParams.get(name) ?? '').split(',').filter(Boolean);
      return retrieveMany(org, objectOrThrow(org, b), list('ids'), list('fields'), version);
    }
    if (method === 'POST' || (method === 'PATCH' && !b)) {
      const body = parseBody(req) as { allOrNone?: boolean; records?: Json[] };
      return collection(org, method === 'POST' ? 'insert' : 'update', body, null, null);
    }
    if (method === 'PATCH' && b && c) {
      const body = parseBody(req) as { allOrNone?: boolean; records?: Json[] };
      return collection(org, 'upsert', body, objectOrThrow(org, b), c);
    }
    if (method === 'DELETE') {
      const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
      if (ids.length > MAX_COLLECTION)
        throw new RestError(
          400,
          'EXCEEDED_ID_LIMIT',
          'record limit reached. cannot submit more than 200 records into this call'
        );
      return deleteMany(org, ids, url.searchParams.get('allOrNone') === 'true', false);
    }
  }
  throw new RestError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

function objectOrThrow(org: Org, name: string): SObjectSchema {
  const o = org.schema.get(name);
  if (!o || !org.access.objectPermission(org.currentUserId(), o.name).read)
    throw new RestError(404, 'NOT_FOUND', 'The requested resource does not exist');
  return o;
}

function toRecord(org: Org, object: SObjectSchema, body: Json, allowId: boolean): ApexSObject {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new RestError(400, 'JSON_PARSER_ERROR', 'Expected a JSON object');
  const s = new ApexSObject(object.name);
  for (const [k, v] of Object.entries(body)) {
    if (k === 'attributes') continue;
    const f = object.field(k);
    if (!f) {
      const rel = object.relationship(k);
      if (rel && v && typeof v === 'object' && !Array.isArray(v)) {
        // Parent by external Id: {"Account": {"Ext__c": "A1"}}
        const parentType = String(
          (v as { attributes?: { type?: string } }).attributes?.type ?? rel.referenceTo?.[0]
        );
        const parent = toRecord(org, objectOrThrow(org, parentType), v, true);
        s.set(rel.relationshipName ?? k, parent);
        continue;
      }
      throw new RestError(
        400,
        'INVALID_FIELD',
        `No such column '${k}' on sobject of type ${object.name}`,
        [k]
      );
    }
    if (f.name === 'Id') {
      if (!allowId)
        throw new RestError(
          400,
          'INVALID_FIELD',
          'The Id field should not be specified in the sobject data.',
          ['Id']
        );
      if (v !== null) s.set('Id', jsToApexOrThrow(f, v));
      continue;
    }
    s.set(f.name, jsToApexOrThrow(f, v));
  }
  return s;
}

function jsToApexOrThrow(f: Parameters<typeof jsToApex>[0], v: unknown): ApexValue {
  try {
    return jsToApex(f, v);
  } catch (e) {
    if (e instanceof ConvertError) throw new RestError(400, e.errorCode, e.message, e.fields);
    throw e;
  }
}

function dml(
  org: Org,
  op: DmlOp,
  records: ApexSObject[],
  allOrNone: boolean,
  externalIdField?: string
): RecordResult[] {
  try {
    return org.runDml({
      op,
      records,
      allOrNone,
      userMode: true,
      externalIdField: externalIdField ?? null
    });
  } catch (e) {
    if (e instanceof DmlFailedError) {
      const f = e.failures[0];
      throw new RestError(400, f.statusCode, f.message, f.fields);
    }
    if (e instanceof DmlCallError) throw new RestError(400, 'INVALID_FIELD', e.message);
    const trig = (e as { triggerFailure?: string }).triggerFailure;
    if (trig) throw new RestError(400, 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', trig);
    throw e;
  }
}

const resultJson = (r: RecordResult, withCreated = false): Json => ({
  id: r.id,
  success: r.success,
  errors: r.errors.map((e) => ({ statusCode: e.statusCode, message: e.message, fields: e.fields })),
  ...(withCreated && r.success ? { created: !!r.created } : {})
});

function createOne(org: Org, object: SObjectSchema, body: Json): HttpResponseData {
  const [r] = dml(org, 'insert', [toRecord(org, object, body, false)], true);
  return json(201, resultJson(r));
}

function updateOne(org: Org, object: SObjectSchema, id: string, body: Json): HttpResponseData {
  const s = toRecord(org, object, body, false);
  s.set('Id', idOrThrow(id));
  // An Id with no record is 404 NOT_FOUND, a deleted one 404 ENTITY_IS_DELETED ("Status Codes and Error Responses").
  const row = org.store.get(String(s.raw('Id')));
  if (!row || row.type !== object.name)
    throw new RestError(404, 'NOT_FOUND', 'The requested resource does not exist');
  if (row.deleted) throw new RestError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
  dml(org, 'update', [s], true);
  return json(204, undefined);
}

function idOrThrow(id: string): ApexId {
  const f = {
    name: 'Id',
    type: 'id',
    apexType: 'Id',
    length: 18,
    nillable: false,
    createable: false,
    updateable: false,
    defaultedOnCreate: true
  };
  try {
    return jsToApex(f, id) as ApexId;
  } catch {
    throw new RestError(
      404,
      'NOT_FOUND',
      'Provided external ID field does not exist or is not accessible: ' + id
    );
  }
}

function upsertOne(
  org: Org,
  object: SObjectSchema,
  field: string,
  value: string,
  body: Json,
  version: string
): HttpResponseData {
  const f = object.field(field);
  if (!f || !(f.externalId || f.idLookup))
    throw new RestError(
      404,
      'NOT_FOUND',
      `Provided external ID field does not exist or is not accessible: ${field}`
    );
  const s = toRecord(org, object, body, false);
  if (f.name !== 'Id') s.set(f.name, jsToApexOrThrow(f, value));
  else s.set('Id', idOrThrow(value));
  const matches =
    f.name === 'Id'
      ? []
      : [...org.store.rows(object.name)].filter(
          (r) =>
            String(r.values.get(f.name.toLowerCase()) ?? '').toLowerCase() === value.toLowerCase()
        );
  if (matches.length > 1)
    return json(
      300,
      matches.map((r) => `/services/data/v${version}/sobjects/${object.name}/${r.id}`)
    );
  const [r] = dml(org, 'upsert', [s], true, f.name);
  // v46.0+: 201 + created:true for a new record, 200 + created:false for an update (Upsert Records Using an External ID).
  return json(r.created ? 201 : 200, resultJson(r, true));
}

function getOne(
  org: Org,
  object: SObjectSchema,
  id: string,
  fields: string | null,
  version: string
): HttpResponseData {
  const list = fields
    ? fields.split(',').map((f) => f.trim())
    : object
        .fields()
        .filter(
          (f) =>
            !['address', 'location', 'complexvalue'].includes(f.type) &&
            !f.calculated &&
            org.access.canReadField(org.currentUserId(), object.name, f.name)
        )
        .map((f) => f.name);
  const out = org.runQuery(
    `SELECT ${list.join(', ')} FROM ${object.name} WHERE Id = :id`,
    () => idOrThrow(id),
    { userMode: true, withSharing: true }
  );
  if (!out.records.length)
    throw new RestError(404, 'NOT_FOUND', 'The requested resource does not exist');
  return json(200, sobjectToJson(out.records[0], version, { blobUrls: true }));
}

function getByExternalId(
  org: Org,
  object: SObjectSchema,
  field: string,
  value: string,
  version: string
): HttpResponseData {
  const f = object.field(field);
  if (!f || !(f.externalId || f.idLookup))
    throw new RestError(404, 'NOT_FOUND', 'The requested resource does not exist');
  const match = [...org.store.rows(object.name)].filter(
    (r) => String(r.values.get(f.name.toLowerCase()) ?? '').toLowerCase() === value.toLowerCase()
  );
  if (match.length !== 1)
    throw new RestError(
      match.length ? 300 : 404,
      match.length ? 'MULTIPLE_CHOICES' : 'NOT_FOUND',
      'The requested resource does not exist'
    );
  return getOne(org, object, match[0].id, null, version);
}

function deleteMany(
  org: Org,
  ids: string[],
  allOrNone: boolean,
  single: boolean
): HttpResponseData {
  const records = ids.map((id) => {
    const row = org.store.get(idOrThrow(id).value);
    const s = new ApexSObject(row?.type ?? 'Account');
    s.set('Id', idOrThrow(id));
    return s;
  });
  if (single) {
    const row = org.store.get(String(records[0]?.raw('Id') ?? ''));
    if (!row || row.deleted) throw new RestError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
    dml(org, 'delete', records, true);
    return json(204, undefined);
  }
  return json(
    200,
    collectionDml(org, 'delete', records, allOrNone).map((r) => resultJson(r))
  );
}

/** sObject Collections: ≤200 records, allOrNone, ordered results (status 200 even with errors). */
function collection(
  org: Org,
  op: DmlOp,
  body: { allOrNone?: boolean; records?: Json[] },
  object: SObjectSchema | null,
  extField: string | null
): HttpResponseData {
  const records = body.records;
  if (!Array.isArray(records)) throw new RestError(400, 'JSON_PARSER_ERROR', 'records is required');
  if (records.length > MAX_COLLECTION)
    throw new RestError(
      400,
      'EXCEEDED_ID_LIMIT',
      'record limit reached. cannot submit more than 200 records into this call'
    );
  const sobjects = records.map((r) => {
    const type =
      object?.name ?? String((r as { attributes?: { type?: string } }).attributes?.type ?? '');
    if (!type) throw new RestError(400, 'INVALID_TYPE', 'Must specify a type in attributes');
    return toRecord(org, objectOrThrow(org, type), r, op !== 'insert');
  });
  const results = collectionDml(org, op, sobjects, body.allOrNone === true, extField ?? undefined);
  return json(
    200,
    results.map((r) => resultJson(r, op === 'upsert'))
  );
}

function collectionDml(
  org: Org,
  op: DmlOp,
  records: ApexSObject[],
  allOrNone: boolean,
  ext?: string
): RecordResult[] {
  const mark = org.store.mark();
  let results: RecordResult[];
  try {
    results = org.runDml({
      op,
      records,
      allOrNone: false,
      userMode: true,
      externalIdField: ext ?? null
    });
  } catch (e) {
    if (e instanceof DmlCallError) throw new RestError(400, 'INVALID_FIELD', e.message);
    throw e;
  }
  if (!allOrNone || results.every((r) => r.success)) return results;
  // allOrNone: one failure fails every record and nothing is saved (sObject Collections).
  org.store.rollbackTo(mark);
  return results.map((r) =>
    r.success
      ? {
          id: null,
          success: false,
          errors: [
            {
              statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
              message:
                'Record rolled back because not all records were valid and the request was using AllOrNone header',
              fields: []
            }
          ]
        }
      : { ...r, id: null }
  );
}

function runRestQuery(org: Org, q: string, version: string): HttpResponseData {
  let out;
  try {
    out = org.runQuery(
      q,
      (b) => {
        throw new QueryException(`unexpected token: ':${b.text}'`);
      },
      { userMode: true, withSharing: true }
    );
  } catch (e) {
    // REST API Developer Guide, "Status Codes and Error Responses": INVALID_FIELD / INVALID_TYPE
    // with the row and column of the name at fault; MALFORMED_QUERY for other query errors.
    if (e instanceof QueryException) throw new RestError(400, e.code, positionedMessage(e, q));
    throw e;
  }
  if (out.kind === 'count') return json(200, { totalSize: out.count, done: true, records: [] });
  const records = out.records.map((r) =>
    out.kind === 'aggregate' ? aggregateJson(r) : sobjectToJson(r, version, { blobUrls: true })
  );
  if (records.length <= QUERY_BATCH)
    return json(200, { totalSize: records.length, done: true, records });
  const state = restState(org);
  const key = `01g${String(++state.cursorSeq).padStart(12, '0')}`;
  state.cursors.set(key, { records, object: out.object });
  return json(200, {
    totalSize: records.length,
    done: false,
    nextRecordsUrl: `/services/data/v${version}/query/${key}-${QUERY_BATCH}`,
    records: records.slice(0, QUERY_BATCH)
  });
}

function aggregateJson(r: ApexSObject): Json {
  const out: { [k: string]: Json } = { attributes: { type: 'AggregateResult' } };
  for (const [k, v] of r.populated()) out[k] = apexToJson(v);
  return out;
}

function nextPage(org: Org, locator: string, version: string): HttpResponseData {
  const [key, offsetText] = locator.split('-');
  const cursor = restState(org).cursors.get(key ?? '');
  if (!cursor) throw new RestError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  const offset = Number(offsetText);
  const records = cursor.records.slice(offset, offset + QUERY_BATCH);
  const done = offset + QUERY_BATCH >= cursor.records.length;
  return json(200, {
    totalSize: cursor.records.length,
    done,
    ...(done
      ? {}
      : { nextRecordsUrl: `/services/data/v${version}/query/${key}-${offset + QUERY_BATCH}` }),
    records
  });
}

/**
 * Get records using sObject Collections: one entry per Id, in order, null where the Id is invalid,
 * of another object or not visible; an unknown or unreadable field is 400 INVALID_FIELD.
 */
function retrieveMany(
  org: Org,
  object: SObjectSchema,
  ids: string[],
  fields: string[],
  version: string
): HttpResponseData {
  if (!ids.length || !fields.length)
    throw new RestError(400, 'MISSING_ARGUMENT', 'ids and fields are required');
  if (ids.length > QUERY_BATCH)
    throw new RestError(400, 'EXCEEDED_ID_LIMIT', 'cannot retrieve more than 2000 records');
  const valid = ids.flatMap((id) => {
    try {
      return [idOrThrow(id)];
    } catch {
      return [];
    }
  });
  const withId = fields.some((f) => f.toLowerCase() === 'id');
  let out;
  try {
    out = org.runQuery(
      `SELECT ${withId ? '' : 'Id, '}${fields.join(', ')} FROM ${object.name} WHERE Id IN :ids`,
      () => new ApexList(typeRef('Id'), valid),
      { userMode: true, withSharing: true }
    );
  } catch (e) {
    if (e instanceof QueryException) throw new RestError(400, 'INVALID_FIELD', e.message);
    throw e;
  }
  const byId = new Map(out.records.map((r) => [String(r.raw('Id')), r]));
  return json(
    200,
    ids.map((id) => {
      const r = valid.length ? byId.get(String(idOrNull(id))) : undefined;
      if (!r) return null;
      const record = sobjectToJson(r, version, { blobUrls: true });
      if (!withId) delete record.Id;
      return record;
    })
  );
}

function idOrNull(id: string): ApexId | null {
  try {
    return idOrThrow(id);
  } catch {
    return null;
  }
}

export { typeRef };
