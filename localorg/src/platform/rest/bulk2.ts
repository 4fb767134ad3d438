// Bulk API 2.0 ingest jobs (Bulk API 2.0 and Bulk API Developer Guide: "Create a Job", "Upload Job
// Data", "Upload Complete", "Close or Abort a Job", "Get Information About an Ingest Job", "Get Job
// Successful Record Results", "Get Job Failed Record Results", "Get Job Unprocessed Record
// Results", "Delete a Job", "Prepare CSV Files"). A job's lifecycle: Open (created) -> data uploaded
// by one PUT of CSV -> UploadComplete (PATCH) -> InProgress -> JobComplete (or Failed / Aborted).
// The local org processes a job when it is first polled after UploadComplete (GET of the job), in
// the transaction of that request, in runs of 200 records as the platform's chunks of a batch, as
// the job's user in user mode; the poll answers InProgress and the next one JobComplete, so a
// client sees the job move as it would. What is not modelled fails loudly (UnsupportedError):
// operations other than insert, update, upsert and delete, delimiters other than COMMA,
// relationship columns (Account.Ext__c), a second upload to one job, more than 10,000 records in a
// job, and listing jobs.
import { ApexId, ApexSObject } from '../../runtime/values.ts';
import { UnsupportedError } from '../../runtime/platform.ts';
import type { HttpRequestData, HttpResponseData, Org } from '../org.ts';
import { ConvertError, jsToApex } from '../data/convert.ts';
import { DmlCallError, type DmlOp } from '../dml/engine.ts';
import { idSuffix } from '../../runtime/values/scalars.ts';

type State = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

interface Job {
  id: string;
  object: string;
  operation: DmlOp;
  externalIdFieldName: string | null;
  lineEnding: 'LF' | 'CRLF';
  state: State;
  createdById: string;
  createdDate: number;
  systemModstamp: number;
  csv: string | null;
  polls: number;
  processed: number;
  failed: number;
  header: string[];
  successful: string[][];
  failedRows: string[][];
  unprocessed: string[][];
}

const OPERATIONS = new Set(['insert', 'update', 'upsert', 'delete']);
const MAX_JOB_RECORDS = 10_000;
const CHUNK = 200;
const jobsByOrg = new WeakMap<object, Map<string, Job>>();
let jobSeq = 0;

function jobs(org: Org): Map<string, Job> {
  let m = jobsByOrg.get(org);
  if (!m) jobsByOrg.set(org, (m = new Map()));
  return m;
}

const JSON_HEADERS = { 'Content-Type': 'application/json;charset=UTF-8' };

function json(status: number, body: unknown): HttpResponseData {
  return { status, headers: { ...JSON_HEADERS }, body: JSON.stringify(body) };
}

function error(status: number, errorCode: string, message: string): HttpResponseData {
  return json(status, [{ errorCode, message }]);
}

function csvResponse(text: string): HttpResponseData {
  return { status: 200, headers: { 'Content-Type': 'text/csv' }, body: text };
}

/** Handles /services/data/vXX.X/jobs/ingest[/...]; `rest` is what follows `jobs/ingest`. */
export function bulkIngest(
  org: Org,
  req: HttpRequestData,
  rest: string[],
  version: string
): HttpResponseData {
  const method = req.method.toUpperCase();
  const [id, sub] = rest;
  if (!id) {
    if (method === 'POST') return createJob(org, req, version);
    throw new UnsupportedError(`Bulk API 2.0: ${method} /jobs/ingest (listing jobs)`);
  }
  const job = jobs(org).get(id.slice(0, 15));
  if (!job) return error(404, 'NOT_FOUND', 'The requested resource does not exist');
  if (sub === 'batches' && method === 'PUT') return upload(job, req);
  if (!sub && method === 'PATCH') return changeState(job, req, version);
  if (!sub && method === 'GET') {
    poll(org, job);
    return json(200, info(job, version));
  }
  if (!sub && method === 'DELETE') {
    if (!['UploadComplete', 'JobComplete', 'Failed', 'Aborted'].includes(job.state))
      return error(400, 'INVALIDJOBSTATE', `Job is in state ${job.state}: it cannot be deleted`);
    jobs(org).delete(job.id.slice(0, 15));
    return { status: 204, headers: {}, body: '' };
  }
  if (method === 'GET' && sub === 'successfulResults')
    return csvResponse(toCsv(['sf__Id', 'sf__Created', ...job.header], job.successful));
  if (method === 'GET' && sub === 'failedResults')
    return csvResponse(toCsv(['sf__Id', 'sf__Error', ...job.header], job.failedRows));
  if (method === 'GET' && sub === 'unprocessedrecords')
    return csvResponse(toCsv(job.header, job.unprocessed));
  return error(404, 'NOT_FOUND', 'The requested resource does not exist');
}

function createJob(org: Org, req: HttpRequestData, version: string): HttpResponseData {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(req.body ?? '') as Record<string, unknown>;
  } catch {
    return error(400, 'JSON_PARSER_ERROR', 'The request body is not JSON');
  }
  const operation = String(body.operation ?? '');
  if (!OPERATIONS.has(operation))
    throw new UnsupportedError(`Bulk API 2.0 operation "${operation}"`);
  if ((body.contentType ?? 'CSV') !== 'CSV')
    return error(400, 'INVALIDJOB', `contentType ${String(body.contentType)} is not CSV`);
  if ((body.columnDelimiter ?? 'COMMA') !== 'COMMA')
    throw new UnsupportedError(`Bulk API 2.0 columnDelimiter ${String(body.columnDelimiter)}`);
  const lineEnding = String(body.lineEnding ?? 'LF');
  if (lineEnding !== 'LF' && lineEnding !== 'CRLF')
    return error(400, 'INVALIDJOB', `lineEnding ${lineEnding} is not LF or CRLF`);
  const object = org.schema.get(String(body.object ?? ''));
  if (!object || !org.access.objectPermission(org.currentUserId(), object.name).read)
    return error(400, 'INVALIDJOB', `Entity '${String(body.object)}' is not supported by Bulk API`);
  const ext = body.externalIdFieldName === undefined ? null : String(body.externalIdFieldName);
  const extField = ext ? object.field(ext) : undefined;
  if (operation === 'upsert') {
    const f = extField;
    if (!f || !(f.externalId || f.idLookup))
      return error(
        400,
        'INVALIDJOB',
        `InvalidJob : External ID was blank or not an External Id field for ${object.name}: ${String(ext)}`
      );
  }
  const now = org.clock.now();
  const id15 = `750LO${String(++jobSeq).padStart(10, '0')}`;
  const job: Job = {
    id: id15 + idSuffix(id15),
    object: object.name,
    operation: operation as DmlOp,
    externalIdFieldName: operation === 'upsert' && extField ? extField.name : null,
    lineEnding,
    state: 'Open',
    createdById: org.currentUserId(),
    createdDate: now,
    systemModstamp: now,
    csv: null,
    polls: 0,
    processed: 0,
    failed: 0,
    header: [],
    successful: [],
    failedRows: [],
    unprocessed: []
  };
  jobs(org).set(id15, job);
  return json(200, info(job, version.replace(/^v/, '')));
}

function upload(job: Job, req: HttpRequestData): HttpResponseData {
  const type = Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  if (!type || !type.toLowerCase().startsWith('text/csv'))
    return error(400, 'INVALIDJOB', 'Upload Job Data takes Content-Type text/csv');
  if (job.state !== 'Open')
    return error(
      400,
      'INVALIDJOBSTATE',
      `Job is in state ${job.state}: data can no longer be added`
    );
  if (job.csv !== null)
    throw new UnsupportedError('Bulk API 2.0: a second upload of data to one job');
  job.csv = req.body ?? '';
  return { status: 201, headers: {}, body: '' };
}

function changeState(job: Job, req: HttpRequestData, version: string): HttpResponseData {
  let state: unknown;
  try {
    state = (JSON.parse(req.body ?? '') as { state?: unknown }).state;
  } catch {
    return error(400, 'JSON_PARSER_ERROR', 'The request body is not JSON');
  }
  if (state === 'UploadComplete') {
    if (job.state !== 'Open')
      return error(400, 'INVALIDJOBSTATE', `Job is in state ${job.state}: it cannot be closed`);
    job.state = job.csv === null ? 'Failed' : 'UploadComplete';
  } else if (state === 'Aborted') {
    if (!['Open', 'UploadComplete', 'InProgress'].includes(job.state))
      return error(400, 'INVALIDJOBSTATE', `Job is in state ${job.state}: it cannot be aborted`);
    job.state = 'Aborted';
  } else {
    return error(
      400,
      'INVALIDJOB',
      `state must be UploadComplete or Aborted (got ${String(state)})`
    );
  }
  return json(200, info(job, version));
}

// first poll after UploadComplete: InProgress, the records processed; the next one: JobComplete
function poll(org: Org, job: Job): void {
  if (job.state === 'InProgress') {
    job.state = 'JobComplete';
    job.systemModstamp = org.clock.now();
    return;
  }
  if (job.state !== 'UploadComplete') return;
  job.state = 'InProgress';
  process(org, job);
  job.systemModstamp = org.clock.now();
}

function process(org: Org, job: Job): void {
  const rows = parseCsv(job.csv ?? '', job.lineEnding);
  const header = rows.shift() ?? [];
  job.header = header;
  if (rows.length > MAX_JOB_RECORDS)
    throw new UnsupportedError(
      `Bulk API 2.0: a job of ${rows.length} records (the local org processes at most ${MAX_JOB_RECORDS} in one transaction)`
    );
  const object = org.schema.get(job.object);
  if (!object) throw new UnsupportedError(`Bulk API 2.0: object ${job.object} gone`);
  for (const column of header) {
    if (column.includes('.'))
      throw new UnsupportedError(`Bulk API 2.0: relationship column "${column}"`);
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const records: ApexSObject[] = [];
    const rowsOfRecords: string[][] = [];
    for (const row of chunk) {
      const s = new ApexSObject(object.name);
      let problem: string | null = null;
      header.forEach((column, c) => {
        if (problem) return;
        const f = object.field(column);
        if (!f) {
          problem = `INVALID_FIELD:No such column '${column}' on entity '${object.name}':${column} --`;
          return;
        }
        const text = row[c] ?? '';
        if (text === '') return; // an empty value leaves the field as it is ("Prepare CSV Files")
        try {
          s.set(f.name, text === '#N/A' ? null : jsToApex(f, text));
        } catch (e) {
          if (!(e instanceof ConvertError)) throw e;
          problem = `${e.errorCode}:${e.message}:${f.name} --`;
        }
      });
      if (problem) {
        job.failedRows.push(['', problem, ...row]);
        job.failed++;
        continue;
      }
      records.push(s);
      rowsOfRecords.push(row);
    }
    if (!records.length) continue;
    let results;
    try {
      results = org.runDml({
        op: job.operation,
        records,
        allOrNone: false,
        userMode: true,
        externalIdField: job.externalIdFieldName
      });
    } catch (e) {
      if (!(e instanceof DmlCallError)) throw e;
      for (const row of rowsOfRecords)
        job.failedRows.push(['', `INVALID_FIELD:${e.message}: --`, ...row]);
      job.failed += rowsOfRecords.length;
      continue;
    }
    results.forEach((r, k) => {
      if (r.success) {
        const id =
          r.id ?? (records[k].raw('Id') instanceof ApexId ? String(records[k].raw('Id')) : '');
        job.successful.push([
          id,
          String(job.operation === 'insert' || !!r.created),
          ...rowsOfRecords[k]
        ]);
      } else {
        const e = r.errors[0];
        job.failedRows.push([
          r.id ?? '',
          `${e?.statusCode ?? 'UNKNOWN_EXCEPTION'}:${e?.message ?? ''}:${(e?.fields ?? []).join(',')} --`,
          ...rowsOfRecords[k]
        ]);
        job.failed++;
      }
    });
  }
  job.processed = rows.length;
}

function info(job: Job, version: string): Record<string, unknown> {
  const apiVersion = Number(String(version).replace(/^v/, ''));
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: new Date(job.createdDate).toISOString().replace('Z', '+0000'),
    systemModstamp: new Date(job.systemModstamp).toISOString().replace('Z', '+0000'),
    state: job.state,
    ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion,
    jobType: 'V2Ingest',
    contentUrl: `services/data/v${apiVersion.toFixed(1)}/jobs/ingest/${job.id}/batches`,
    lineEnding: job.lineEnding,
    columnDelimiter: 'COMMA',
    numberRecordsProcessed: ['JobComplete', 'Failed'].includes(job.state) ? job.processed : 0,
    numberRecordsFailed: ['JobComplete', 'Failed'].includes(job.state) ? job.failed : 0,
    retries: 0,
    totalProcessingTime: 0
  };
}

/** RFC 4180: quoted values may hold the delimiter, doubled quotes and line breaks. */
export function parseCsv(text: string, lineEnding: 'LF' | 'CRLF' = 'LF'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let value = '';
  let quoted = false;
  let i = 0;
  const src = lineEnding === 'CRLF' ? text.replace(/\r\n/g, '\n') : text;
  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        value += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else value += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(value);
      value = '';
    } else if (ch === '\n') {
      row.push(value);
      rows.push(row);
      row = [];
      value = '';
    } else value += ch;
    i++;
  }
  if (value !== '' || row.length) {
    row.push(value);
    rows.push(row);
  }
  return rows;
}

function toCsv(header: string[], rows: string[][]): string {
  const quote = (v: string): string => `"${v.replace(/"/g, '""')}"`;
  return [header, ...rows].map((r) => r.map(quote).join(',')).join('\n') + '\n';
}
