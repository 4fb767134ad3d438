// Bulk API 2.0 ingest jobs in the local org's REST API (localorg/src/platform/rest/bulk2.ts).
// Cited: Bulk API 2.0 and Bulk API Developer Guide: "Create a Job" (POST /jobs/ingest answers the
// job info, state Open), "Upload Job Data" (PUT .../batches, text/csv, 201), "Upload Complete"
// (PATCH state UploadComplete), "Get Information About an Ingest Job" (state UploadComplete,
// InProgress, JobComplete; numberRecordsProcessed, numberRecordsFailed), "Get Job Successful Record
// Results" (sf__Id, sf__Created, then the columns uploaded), "Get Job Failed Record Results"
// (sf__Id, sf__Error, then the columns), "Prepare CSV Files" (an empty value leaves a field as it
// is, #N/A sets it blank), "Close or Abort a Job".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Org } from '../../src/platform/org.ts';
import { handleRest } from '../../src/platform/index.ts';
import { runtimeFor } from '../../src/runner/runner.ts';
import { UnsupportedError } from '../../src/runtime/platform.ts';
import { parseCsv } from '../../src/platform/rest/bulk2.ts';
import type { ApexSObject } from '../../src/runtime/values.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/bulk2', import.meta.url));
const org = new Org({ name: 'bulk2', source: [FIXTURE], runtimeFactory: runtimeFor });
const BASE = 'https://x/services/data/v65.0/jobs/ingest';

function call(method: string, path: string, body = '', contentType = 'application/json') {
  return handleRest(
    org,
    {
      method,
      endpoint: BASE + path,
      headers: { 'Content-Type': contentType },
      body,
      timeoutMs: 10_000
    },
    org.adminUserId
  );
}

function create(extra: Record<string, unknown> = {}): string {
  const res = call(
    'POST',
    '',
    JSON.stringify({
      object: 'Account',
      operation: 'upsert',
      externalIdFieldName: 'Ext_Id__c',
      contentType: 'CSV',
      lineEnding: 'LF',
      ...extra
    })
  );
  assert.equal(res.status, 200, res.body);
  const job = JSON.parse(res.body) as { id: string; state: string; contentUrl: string };
  assert.equal(job.state, 'Open');
  assert.match(job.id, /^750/);
  assert.equal(job.contentUrl, `services/data/v65.0/jobs/ingest/${job.id}/batches`);
  return job.id;
}

function state(id: string): {
  state: string;
  numberRecordsProcessed: number;
  numberRecordsFailed: number;
} {
  const res = call('GET', `/${id}`);
  assert.equal(res.status, 200, res.body);
  return JSON.parse(res.body) as {
    state: string;
    numberRecordsProcessed: number;
    numberRecordsFailed: number;
  };
}

test('an upsert job: create, upload CSV, UploadComplete, InProgress then JobComplete, results', () => {
  const [existing] = org.insert('Account', [{ Name: 'Old', Ext_Id__c: 'E-1', Phone: '111' }]);
  const id = create();
  const csv =
    '"Ext_Id__c","Name","Phone","NumberOfEmployees"\n' +
    '"E-1","Renamed","#N/A",""\n' +
    '"E-2","New, with a comma","222","12"\n' +
    '"E-3","Bad","333","twelve"\n';
  assert.equal(call('PUT', `/${id}/batches`, csv, 'text/csv').status, 201);
  const closed = call('PATCH', `/${id}`, '{"state":"UploadComplete"}');
  assert.equal(JSON.parse(closed.body).state, 'UploadComplete');
  assert.equal(state(id).state, 'InProgress', 'processing once it is polled');
  const done = state(id);
  assert.equal(done.state, 'JobComplete');
  assert.equal(done.numberRecordsProcessed, 3);
  assert.equal(done.numberRecordsFailed, 1);
  const ok = parseCsv(call('GET', `/${id}/successfulResults`).body);
  assert.deepEqual(ok[0], [
    'sf__Id',
    'sf__Created',
    'Ext_Id__c',
    'Name',
    'Phone',
    'NumberOfEmployees'
  ]);
  assert.equal(ok.length, 3, 'header and two saved rows');
  const updated = ok.find((r) => r[2] === 'E-1') ?? [];
  assert.equal(updated[0], existing, 'matched by the external Id');
  assert.equal(updated[1], 'false', 'not created');
  assert.equal(ok.find((r) => r[2] === 'E-2')?.[1], 'true', 'created');
  const failed = parseCsv(call('GET', `/${id}/failedResults`).body);
  assert.deepEqual(failed[0].slice(0, 3), ['sf__Id', 'sf__Error', 'Ext_Id__c']);
  assert.equal(failed[1][2], 'E-3');
  assert.match(failed[1][1], /NumberOfEmployees/, 'the error names the field');
  const [row] = org.query(
    `SELECT Name, Phone FROM Account WHERE Id = '${existing}'`
  ) as ApexSObject[];
  assert.equal(row.raw('Name'), 'Renamed');
  assert.equal(row.raw('Phone'), null, '#N/A sets the field blank');
  const [created] = org.query(
    "SELECT Name, NumberOfEmployees FROM Account WHERE Ext_Id__c = 'E-2'"
  ) as ApexSObject[];
  assert.equal(created.raw('Name'), 'New, with a comma', 'a quoted value keeps its comma');
});

test('refusals: data after UploadComplete, an unknown job, an upsert without an External Id field', () => {
  const id = create();
  call('PUT', `/${id}/batches`, '"Ext_Id__c","Name"\n"E-9","x"\n', 'text/csv');
  call('PATCH', `/${id}`, '{"state":"UploadComplete"}');
  const late = call('PUT', `/${id}/batches`, '"Ext_Id__c"\n"E-10"\n', 'text/csv');
  assert.equal(late.status, 400);
  assert.match(late.body, /INVALIDJOBSTATE/);
  assert.equal(call('GET', '/750LO0000009999AAA').status, 404);
  const bad = call(
    'POST',
    '',
    JSON.stringify({ object: 'Account', operation: 'upsert', externalIdFieldName: 'Phone' })
  );
  assert.equal(bad.status, 400);
  assert.match(bad.body, /External ID/);
  const wrongType = call('PUT', `/${create()}/batches`, 'x', 'application/json');
  assert.equal(wrongType.status, 400, 'data is text/csv');
});

test('an aborted job processes nothing; a job closed without data fails', () => {
  const id = create();
  call('PUT', `/${id}/batches`, '"Ext_Id__c","Name"\n"E-20","Never"\n', 'text/csv');
  assert.equal(JSON.parse(call('PATCH', `/${id}`, '{"state":"Aborted"}').body).state, 'Aborted');
  assert.equal(state(id).state, 'Aborted');
  assert.equal(org.query("SELECT COUNT() FROM Account WHERE Ext_Id__c = 'E-20'"), 0);
  const empty = create();
  call('PATCH', `/${empty}`, '{"state":"UploadComplete"}');
  assert.equal(state(empty).state, 'Failed');
});

test('what the local org does not model fails loudly', () => {
  assert.throws(
    () => call('POST', '', JSON.stringify({ object: 'Account', operation: 'hardDelete' })),
    UnsupportedError
  );
  assert.throws(
    () =>
      call(
        'POST',
        '',
        JSON.stringify({ object: 'Account', operation: 'insert', columnDelimiter: 'TAB' })
      ),
    UnsupportedError
  );
  const id = create();
  call('PUT', `/${id}/batches`, '"Ext_Id__c"\n"E-30"\n', 'text/csv');
  assert.throws(
    () => call('PUT', `/${id}/batches`, '"Ext_Id__c"\n"E-31"\n', 'text/csv'),
    UnsupportedError
  );
  const rel = create();
  call('PUT', `/${rel}/batches`, '"Ext_Id__c","Parent.Ext_Id__c"\n"E-32","E-1"\n', 'text/csv');
  call('PATCH', `/${rel}`, '{"state":"UploadComplete"}');
  assert.throws(() => call('GET', `/${rel}`), UnsupportedError);
});
