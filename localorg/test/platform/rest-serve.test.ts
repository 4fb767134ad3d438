// `localorg serve` driven by jsforce, a real REST client, compared with the REST API Developer
// Guide: "Versions", "Query" / "QueryAll" (nextRecordsUrl paging), "Create a Record", "Update a
// Record", "Upsert Records Using an External ID", "Delete a Record", "sObject Collections" (create,
// get records), "sObject Basic Information", "sObject Describe", "Limits", "Status Codes and Error
// Responses" and the Apex Developer Guide, "Exposing Apex Classes as REST Web Services".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import jsforce from 'jsforce';
import { Org } from '../../src/platform/org.ts';
import { runtimeFor } from '../../src/runner/runner.ts';
import { serveOrg, type RunningServer } from '../../src/cli/serve.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/rest-serve', import.meta.url));

let server: RunningServer;
let conn: jsforce.Connection;

before(async () => {
  const org = new Org({ name: 'serve', source: [FIXTURE], runtimeFactory: runtimeFor });
  server = await serveOrg(org);
  conn = new jsforce.Connection({
    instanceUrl: server.instanceUrl,
    accessToken: server.accessToken,
    version: '65.0'
  });
});

after(() => server.close());

/** The error a rejected jsforce call carries (errorCode, message). */
async function rejection(
  p: PromiseLike<unknown>
): Promise<{ errorCode?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { errorCode?: string; message: string };
  }
  throw new Error('expected the request to fail');
}

test('serve listens on loopback only and refuses a request without the session token (INVALID_SESSION_ID, 401)', async () => {
  assert.match(server.instanceUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
  const res = await fetch(`${server.instanceUrl}/services/data/v65.0/limits`);
  assert.equal(res.status, 401);
  assert.deepEqual(await res.json(), [
    { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }
  ]);
});

test('Versions: GET /services/data/ lists each version with its label and URL, the newest 65.0', async () => {
  const res = await fetch(`${server.instanceUrl}/services/data/`);
  assert.equal(res.status, 200);
  const versions = (await res.json()) as { label: string; url: string; version: string }[];
  assert.deepEqual(versions[0], {
    label: "Summer '14",
    url: '/services/data/v31.0',
    version: '31.0'
  });
  assert.deepEqual(versions.at(-1), {
    label: "Winter '26",
    url: '/services/data/v65.0',
    version: '65.0'
  });
});

test('create, retrieve, update, upsert by external Id and delete a record', async () => {
  const created = await conn.sobject('Widget__c').create({ Name: 'One', Code__c: 'W-1' });
  assert.equal(created.success, true);
  const id = created.id as string;
  const got = (await conn.sobject('Widget__c').retrieve(id)) as Record<string, unknown>;
  assert.equal(got.Name, 'One');
  assert.equal(got.Code__c, 'W-1');
  const updated = await conn.sobject('Widget__c').update({ Id: id, Name: 'Uno' });
  assert.equal(updated.success, true);
  const up1 = (await conn
    .sobject('Widget__c')
    .upsert({ Code__c: 'W-1', Name: 'Uno bis' }, 'Code__c')) as { created?: boolean; id?: string };
  assert.equal(up1.created, false);
  const up2 = (await conn
    .sobject('Widget__c')
    .upsert({ Code__c: 'W-2', Name: 'Two' }, 'Code__c')) as { created?: boolean; id?: string };
  assert.equal(up2.created, true);
  const rows = await conn.query<{ Name: string }>(
    "SELECT Name FROM Widget__c WHERE Code__c IN ('W-1', 'W-2') ORDER BY Code__c"
  );
  assert.deepEqual(
    rows.records.map((r) => r.Name),
    ['Uno bis', 'Two']
  );
  const removed = await conn.sobject('Widget__c').destroy(id);
  assert.equal(removed.success, true);
  const gone = await conn.query("SELECT Id FROM Widget__c WHERE Code__c = 'W-1'");
  assert.equal(gone.totalSize, 0);
  // queryAll finds the deleted record too (QueryAll).
  const all = await conn.request<{ totalSize: number; records: { IsDeleted: boolean }[] }>(
    `/services/data/v65.0/queryAll?q=${encodeURIComponent("SELECT Id, IsDeleted FROM Widget__c WHERE Code__c = 'W-1'")}`
  );
  assert.equal(all.totalSize, 1);
  assert.equal(all.records[0].IsDeleted, true);
});

test('update of an Id with no record is 404 NOT_FOUND (Status Codes and Error Responses)', async () => {
  const res = await fetch(
    `${server.instanceUrl}/services/data/v65.0/sobjects/Widget__c/a00000000000001AAA`,
    {
      method: 'PATCH',
      headers: {
        Authorization: `Bearer ${server.accessToken}`,
        'Content-Type': 'application/json'
      },
      body: JSON.stringify({ Name: 'x' })
    }
  );
  assert.equal(res.status, 404);
  const [err] = (await res.json()) as { errorCode: string }[];
  assert.equal(err.errorCode, 'NOT_FOUND');
});

test('sObject Collections: create many, then get them back by Ids in order, null for an unknown Id', async () => {
  const results = await conn.sobject('Widget__c').create([
    { Name: 'C1', Code__c: 'C-1' },
    { Name: 'C2', Code__c: 'C-2' }
  ]);
  assert.ok(results.every((r) => r.success));
  const ids = results.map((r) => r.id as string);
  const unknown = `${ids[0].slice(0, 3)}000000000000000`;
  const got = await conn.request<(Record<string, unknown> | null)[]>(
    `/services/data/v65.0/composite/sobjects/Widget__c?ids=${[ids[1], unknown, ids[0]].join(',')}&fields=Name`
  );
  assert.equal(got.length, 3);
  assert.equal(got[0]?.Name, 'C2');
  assert.equal(got[1], null);
  assert.equal(got[2]?.Name, 'C1');
  const viaPost = await conn.request<(Record<string, unknown> | null)[]>({
    method: 'POST',
    url: '/services/data/v65.0/composite/sobjects/Widget__c',
    body: JSON.stringify({ ids: [ids[0]], fields: ['Id', 'Code__c'] }),
    headers: { 'Content-Type': 'application/json' }
  });
  assert.equal(viaPost[0]?.Code__c, 'C-1');
  assert.equal(viaPost[0]?.Id, ids[0]);
});

test('query pages by 2,000 records; queryMore follows nextRecordsUrl in the version of the request', async () => {
  const records = Array.from({ length: 2100 }, (_, i) => ({ Name: `P${i}` }));
  for (let i = 0; i < records.length; i += 200) {
    const res = await conn.sobject('Widget__c').create(records.slice(i, i + 200));
    assert.ok(res.every((r) => r.success));
  }
  // A client on another version gets locators of its own version, not a hard-coded one.
  const conn64 = new jsforce.Connection({
    instanceUrl: server.instanceUrl,
    accessToken: server.accessToken,
    version: '64.0'
  });
  const first = await conn64.query("SELECT Id FROM Widget__c WHERE Name LIKE 'P%'", {
    autoFetch: false
  });
  assert.equal(first.totalSize, 2100);
  assert.equal(first.done, false);
  assert.equal(first.records.length, 2000);
  assert.match(first.nextRecordsUrl ?? '', /\/services\/data\/v64\.0\/query\/[^/]+$/);
  const more = await conn64.queryMore(first.nextRecordsUrl as string);
  assert.equal(more.done, true);
  assert.equal(more.records.length, 100);
});

test('describe, sObject basic information and limits', async () => {
  const d = await conn.sobject('Widget__c').describe();
  assert.equal(d.name, 'Widget__c');
  const code = d.fields.find((f) => f.name === 'Code__c');
  assert.equal(code?.externalId, true);
  const basic = await conn.request<{ objectDescribe: Record<string, unknown>; recentItems: [] }>(
    '/services/data/v65.0/sobjects/Widget__c/'
  );
  assert.equal(basic.objectDescribe.name, 'Widget__c');
  assert.equal('fields' in basic.objectDescribe, false);
  assert.deepEqual(basic.recentItems, []);
  const limits = (await conn.limits()) as { DailyApiRequests: { Max: number; Remaining: number } };
  assert.equal(limits.DailyApiRequests.Max, 15000);
  assert.ok(limits.DailyApiRequests.Remaining < 15000);
});

test('Apex REST: an @HttpGet method answers through conn.apex', async () => {
  const count = await conn.apex.get<number>('/widgets/count');
  assert.equal(typeof count, 'number');
  assert.ok(count > 0);
});

test('error shape: an unknown object is 404 NOT_FOUND, a malformed query 400 with errorCode', async () => {
  const e1 = await rejection(conn.sobject('Nope__c').retrieve('a00000000000001AAA'));
  assert.equal(e1.errorCode, 'NOT_FOUND');
  const e2 = await rejection(conn.query('SELECT FROM'));
  assert.equal(e2.errorCode, 'MALFORMED_QUERY');
});
