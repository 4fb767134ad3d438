// The World (several orgs, one clock), the REST layer a peer exposes, callouts and faults.
// Cited: REST API Developer Guide (Create a Record, Upsert Records Using an External ID, sObject
// Collections, Query, Status Codes and Error Responses, Call Options Header); Apex Developer Guide
// (Callout Limits and Limitations, Named Credentials as Callout Endpoints, Queueable Apex).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ApexSObject } from '../../src/runtime/values.ts';
import { World, handleRest, matchUrlMapping, type Org } from '../../src/platform/index.ts';
import { CalloutError } from '../../src/platform/org.ts';
import { runtimeFor } from '../../src/runner/runner.ts';
import { PACKAGE } from './helpers.ts';

const TWO_ORG = fileURLToPath(new URL('./fixtures/two-org', import.meta.url));
const REST_PARAMS = fileURLToPath(new URL('./fixtures/rest-params', import.meta.url));

function rest(
  org: Org,
  method: string,
  path: string,
  body?: unknown,
  user?: string
): { status: number; json: unknown } {
  const res = handleRest(
    org,
    {
      method,
      endpoint: `https://x${path}`,
      headers: { 'Sforce-Call-Options': 'client=s2s' },
      body: body === undefined ? '' : JSON.stringify(body),
      timeoutMs: 10_000
    },
    user ?? org.adminUserId
  );
  return { status: res.status, json: res.body ? JSON.parse(res.body) : null };
}

test('docs/localorg.md example: a trigger in one org reaches the other through a Queueable and a Named Credential callout into Apex REST', async () => {
  const world = new World({ runtimeFactory: runtimeFor });
  const sales = await world.createOrg({ name: 'sales', source: [TWO_ORG] });
  const service = await world.createOrg({ name: 'service', source: [TWO_ORG] });
  assert.deepEqual(sales.runtime?.diagnostics, []);
  world.connect(sales, 'Peer', service, {
    user: 'integration@service',
    profile: 'System Administrator'
  });
  const [id] = sales.insert('Account', { Name: 'Acme' });
  assert.equal(
    service.query('SELECT COUNT() FROM Account'),
    0,
    'nothing travels before the async work runs'
  );
  await world.drain();
  const copies = service.query(
    'SELECT Name, AccountNumber, CreatedById FROM Account'
  ) as ApexSObject[];
  assert.deepEqual(
    copies.map((c) => [c.raw('Name'), String(c.raw('AccountNumber'))]),
    [['Acme', id]]
  );
  assert.equal(
    String(copies[0].raw('CreatedById')),
    service.userIdByUsername('integration@service'),
    'the REST request ran as the connected user'
  );
  assert.equal(world.callouts.length, 1);
  assert.equal(
    world.callouts[0].request.endpoint,
    'https://peer.example.com/services/apexrest/accounts'
  );
  assert.equal(world.callouts[0].response.status, 200);
  const job = sales.query('SELECT Status, JobType FROM AsyncApexJob') as ApexSObject[];
  assert.deepEqual(
    job.map((j) => [j.raw('JobType'), j.raw('Status')]),
    [['Queueable', 'Completed']]
  );
});

test('a rolled-back transaction enqueues nothing (Queueable Apex: jobs run only if the transaction commits)', async () => {
  const world = new World({ runtimeFactory: runtimeFor });
  const sales = await world.createOrg({ name: 'sales', source: [TWO_ORG] });
  const result = sales.executeAnonymous("insert new Account(Name = 'Doomed'); Integer x = 1 / 0;");
  assert.equal(result.success, false);
  assert.equal(sales.asyncQueue.size, 0);
  assert.equal(sales.query('SELECT COUNT() FROM Account'), 0);
});

test('faults are seeded: the same seed gives the same faults; a timeout still reached the peer', async () => {
  const run = async (seed: number): Promise<{ faults: (string | null)[]; peerRows: number }> => {
    const world = new World();
    const a = await world.createOrg({ name: 'a', source: [TWO_ORG], apex: false });
    const b = await world.createOrg({ name: 'b', source: PACKAGE, apex: false });
    world.connect(a, 'Peer', b, { user: 'int@b', profile: 'System Administrator' });
    world.faults({ status: 503, rate: 0.3, timeoutRate: 0.2, duplicateRate: 0.1, seed });
    for (let i = 0; i < 30; i++) {
      try {
        a.withTransaction('queueable', () =>
          a.callout({
            method: 'POST',
            endpoint: 'callout:Peer/services/data/v65.0/sobjects/Account',
            headers: {},
            body: JSON.stringify({ Name: `A${i}` }),
            timeoutMs: 10_000
          })
        );
      } catch (e) {
        if (!(e instanceof CalloutError)) throw e;
      }
    }
    return {
      faults: world.callouts.map((c) => c.fault),
      peerRows: b.query('SELECT COUNT() FROM Account') as number
    };
  };
  const first = await run(7);
  const second = await run(7);
  assert.deepEqual(first, second);
  assert.ok(
    first.faults.includes('status') &&
      first.faults.includes('timeout') &&
      first.faults.includes('duplicate'),
    first.faults.join(',')
  );
  const delivered =
    first.faults.filter((f) => f !== 'status').length +
    first.faults.filter((f) => f === 'duplicate').length;
  assert.equal(first.peerRows, delivered, 'timeouts and duplicates reach the peer; 503s do not');
  assert.notDeepEqual((await run(8)).faults, first.faults);
});

test('callout rules: uncommitted work pending, unknown Named Credential, 100 callouts (Callout Limits and Limitations)', async () => {
  const world = new World();
  const a = await world.createOrg({ name: 'a', source: [TWO_ORG], apex: false });
  const b = await world.createOrg({ name: 'b', apex: false });
  world.connect(a, 'Peer', b, { user: 'int@b', profile: 'System Administrator' });
  assert.throws(
    () =>
      a.withTransaction('sync', () => {
        a.runDml({
          op: 'insert',
          records: [Object.assign(new ApexSObject('Account'), {})].map(
            (s) => (s.set('Name', 'x'), s)
          ),
          allOrNone: true,
          userMode: false
        });
        a.callout({
          method: 'GET',
          endpoint: 'callout:Peer/services/data/v65.0/limits',
          headers: {},
          body: '',
          timeoutMs: 10_000
        });
      }),
    /You have uncommitted work pending\. Please commit or rollback before calling out/
  );
  assert.throws(
    () =>
      a.withTransaction('sync', () =>
        a.callout({
          method: 'GET',
          endpoint: 'callout:Nope/x',
          headers: {},
          body: '',
          timeoutMs: 10_000
        })
      ),
    /named credential "Nope" might not exist/
  );
  assert.throws(
    () =>
      a.withTransaction('sync', () => {
        for (let i = 0; i < 101; i++)
          a.callout({
            method: 'GET',
            endpoint: 'callout:Peer/services/data/v65.0/limits',
            headers: {},
            body: '',
            timeoutMs: 10_000
          });
      }),
    /Too many callouts: 101/
  );
});

test('REST create / get / update / delete with the platform status codes and bodies', async () => {
  const world = new World();
  const org = await world.createOrg({ name: 'svc', source: PACKAGE, apex: false });
  const created = rest(org, 'POST', '/services/data/v65.0/sobjects/Account/', { Name: 'Acme' });
  assert.equal(created.status, 201);
  const { id } = created.json as { id: string; success: boolean; errors: unknown[] };
  assert.deepEqual(created.json, { id, success: true, errors: [] });
  assert.deepEqual(
    rest(org, 'POST', '/services/data/v65.0/sobjects/Account/', { Id: id, Name: 'x' }),
    {
      status: 400,
      json: [
        {
          message: 'The Id field should not be specified in the sobject data.',
          errorCode: 'INVALID_FIELD',
          fields: ['Id']
        }
      ]
    }
  );
  assert.equal(
    rest(org, 'PATCH', `/services/data/v65.0/sobjects/Account/${id}`, { Industry: 'Energy' })
      .status,
    204
  );
  const got = rest(org, 'GET', `/services/data/v65.0/sobjects/Account/${id}`).json as Record<
    string,
    unknown
  >;
  assert.equal(got.Industry, 'Energy');
  assert.deepEqual(got.attributes, {
    type: 'Account',
    url: `/services/data/v65.0/sobjects/Account/${id}`
  });
  const missing = rest(org, 'POST', '/services/data/v65.0/sobjects/Contact/', { FirstName: 'x' });
  assert.deepEqual(missing, {
    status: 400,
    json: [
      {
        message: 'Required fields are missing: [LastName]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['LastName']
      }
    ]
  });
  assert.equal(rest(org, 'DELETE', `/services/data/v65.0/sobjects/Account/${id}`).status, 204);
  assert.equal(rest(org, 'GET', `/services/data/v65.0/sobjects/Account/${id}`).status, 404);
});

test('REST upsert by external Id: 201 created:true, then 200 created:false (v46.0+)', async () => {
  const world = new World();
  const org = await world.createOrg({ name: 'svc', source: PACKAGE, apex: false });
  const path = '/services/data/v65.0/sobjects/S2S_Connection__c/Peer_Org_Id__c/00D000000000042';
  const first = rest(org, 'PATCH', path, { Name: 'one', Named_Credential__c: 'NC' });
  assert.equal(first.status, 201);
  assert.equal((first.json as { created: boolean }).created, true);
  const second = rest(org, 'PATCH', path, { Name: 'renamed' });
  assert.equal(second.status, 200);
  assert.equal((second.json as { created: boolean }).created, false);
  assert.equal(
    rest(org, 'PATCH', '/services/data/v65.0/sobjects/S2S_Connection__c/Direction__c/x', {
      Name: 'x'
    }).status,
    404,
    'neither an external Id nor an idLookup field'
  );
});

test('sObject Collections: ordered results, allOrNone rolls everything back, more than 200 records is refused', async () => {
  const world = new World();
  const org = await world.createOrg({ name: 'svc', source: PACKAGE, apex: false });
  const records = [
    { attributes: { type: 'Account' }, Name: 'ok' },
    { attributes: { type: 'Account' } }
  ];
  const partial = rest(org, 'POST', '/services/data/v65.0/composite/sobjects', {
    allOrNone: false,
    records
  });
  assert.equal(partial.status, 200);
  const out = partial.json as { success: boolean; errors: { statusCode: string }[] }[];
  assert.deepEqual(
    out.map((r) => r.success),
    [true, false]
  );
  assert.equal(out[1].errors[0].statusCode, 'REQUIRED_FIELD_MISSING');
  const all = rest(org, 'POST', '/services/data/v65.0/composite/sobjects', {
    allOrNone: true,
    records
  }).json as { success: boolean; errors: { statusCode: string }[] }[];
  assert.deepEqual(
    all.map((r) => r.errors[0].statusCode),
    ['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'REQUIRED_FIELD_MISSING']
  );
  assert.equal(org.query('SELECT COUNT() FROM Account'), 1, 'only the partial call saved a record');
  const tooMany = rest(org, 'POST', '/services/data/v65.0/composite/sobjects', {
    records: Array.from({ length: 201 }, () => ({ attributes: { type: 'Account' }, Name: 'n' }))
  });
  assert.equal(tooMany.status, 400);
  const up = rest(
    org,
    'PATCH',
    '/services/data/v65.0/composite/sobjects/S2S_Connection__c/Peer_Org_Id__c',
    {
      allOrNone: false,
      records: [
        {
          attributes: { type: 'S2S_Connection__c' },
          Name: 'c',
          Named_Credential__c: 'N',
          Peer_Org_Id__c: 'P1'
        }
      ]
    }
  );
  assert.deepEqual(
    (up.json as { created: boolean }[]).map((r) => r.created),
    [true]
  );
});

test('REST query pages by 2,000 with nextRecordsUrl; limits and describe answer', async () => {
  const world = new World();
  const org = await world.createOrg({ name: 'svc', source: PACKAGE, apex: false });
  org.insert(
    'Account',
    Array.from({ length: 2500 }, (_, i) => ({ Name: `A${i}` }))
  );
  const page1 = rest(
    org,
    'GET',
    '/services/data/v65.0/query?q=' + encodeURIComponent('SELECT Id FROM Account')
  ).json as { totalSize: number; done: boolean; nextRecordsUrl: string; records: unknown[] };
  assert.equal(page1.totalSize, 2500);
  assert.equal(page1.done, false);
  assert.equal(page1.records.length, 2000);
  const page2 = rest(org, 'GET', page1.nextRecordsUrl).json as {
    done: boolean;
    records: unknown[];
  };
  assert.deepEqual([page2.done, page2.records.length], [true, 500]);
  const limits = rest(org, 'GET', '/services/data/v65.0/limits/').json as {
    DailyApiRequests: { Max: number; Remaining: number };
  };
  assert.equal(limits.DailyApiRequests.Max - limits.DailyApiRequests.Remaining, 3);
  const d = rest(org, 'GET', '/services/data/v65.0/sobjects/S2S_Connection__c/describe').json as {
    keyPrefix: string;
    fields: { name: string; externalId: boolean }[];
  };
  assert.equal(d.fields.find((f) => f.name === 'Peer_Org_Id__c')?.externalId, true);
});

test("requests run with the connected user's permissions: no object access → 404 NOT_FOUND; the permission set grants it", async () => {
  const world = new World();
  const org = await world.createOrg({ name: 'svc', source: PACKAGE, apex: false });
  const plain = org.createUser({ username: 'plain@svc', profile: 'Standard User' });
  assert.equal(
    rest(
      org,
      'GET',
      '/services/data/v65.0/query?q=' + encodeURIComponent('SELECT Id FROM S2S_Inbound_Ledger__c'),
      undefined,
      plain
    ).status,
    400
  );
  assert.equal(
    rest(
      org,
      'POST',
      '/services/data/v65.0/sobjects/S2S_Inbound_Ledger__c/',
      { Idempotency_Key__c: 'k' },
      plain
    ).status,
    404
  );
  // S2S_Admin grants read on the ledger (S2S_Integration grants no object: docs/security.md).
  const admin = org.createUser({
    username: 'admin@svc',
    profile: 'Standard User',
    permissionSets: ['S2S_Admin']
  });
  const ok = rest(
    org,
    'GET',
    '/services/data/v65.0/query?q=' + encodeURIComponent('SELECT Id FROM S2S_Inbound_Ledger__c'),
    undefined,
    admin
  );
  assert.equal(ok.status, 200);
  // Standard objects are visible to a Standard User.
  assert.equal(
    rest(org, 'POST', '/services/data/v65.0/sobjects/Account/', { Name: 'x' }, plain).status,
    201
  );
});

test('Apex REST routing: exact mapping beats the longest wildcard; no match is 404 (RestResource Annotation)', () => {
  const maps = [
    { mapping: '/sync/*', className: 'Wild' },
    { mapping: '/sync/batch/*', className: 'Longer' },
    { mapping: '/sync/status', className: 'Exact' }
  ];
  assert.equal(matchUrlMapping(maps, '/sync/status'), 'Exact');
  assert.equal(matchUrlMapping(maps, '/sync/batch/42'), 'Longer');
  assert.equal(matchUrlMapping(maps, '/sync'), 'Wild');
  assert.equal(matchUrlMapping(maps, '/other'), null);
});

test('CDC: a committed change produces a change event with a full header, changeOrigin from Sforce-Call-Options (ChangeEventHeader Fields)', async () => {
  const world = new World();
  const org = await world.createOrg({ name: 'svc', source: PACKAGE, apex: false });
  const seen: ApexSObject[] = [];
  org.subscribe('AccountChangeEvent', (events) => seen.push(...events));
  const { json } = rest(org, 'POST', '/services/data/v65.0/sobjects/Account/', { Name: 'Acme' });
  rest(org, 'PATCH', `/services/data/v65.0/sobjects/Account/${(json as { id: string }).id}`, {
    Industry: 'Energy'
  });
  await world.drain();
  const headers = seen.map(
    (e) => (e.raw('ChangeEventHeader') as unknown as { state: Record<string, unknown> }).state
  );
  assert.deepEqual(
    headers.map((h) => h.changeType),
    ['CREATE', 'UPDATE']
  );
  assert.equal(headers[1].changeOrigin, 'com/salesforce/api/rest/65.0;client=s2s');
  assert.deepEqual(headers[1].changedFields, ['Industry', 'LastModifiedDate']);
  assert.deepEqual(headers[1].recordIds, [(json as { id: string }).id]);
  assert.equal(headers[1].commitUser, org.adminUserId);
  assert.equal(seen[1].raw('Industry'), 'Energy');
});

test('World.clock.advance and drain({ advanceClock }) run delayed work in time order', async () => {
  const world = new World({ start: '2026-01-05T09:00:00Z' });
  const org = await world.createOrg({ name: 'a', apex: false });
  const order: string[] = [];
  org.asyncQueue.add({
    id: null,
    kind: 'Queueable',
    notBefore: world.clock.now() + 120_000,
    label: 'late',
    run: () => void order.push('late')
  });
  org.asyncQueue.add({
    id: null,
    kind: 'Queueable',
    notBefore: world.clock.now() + 60_000,
    label: 'early',
    run: () => void order.push('early')
  });
  await world.drain();
  assert.deepEqual(order, []);
  world.clock.advance('1m');
  await world.drain();
  assert.deepEqual(order, ['early']);
  await world.drain({ advanceClock: true });
  assert.deepEqual(order, ['early', 'late']);
  assert.equal(new Date(world.clock.now()).toISOString(), '2026-01-05T09:02:00.000Z');
});

test('Apex REST needs access to the resource class: 403 FORBIDDEN without it (Apex Class Security)', async () => {
  const world = new World({ runtimeFactory: runtimeFor });
  const org = await world.createOrg({ name: 'svc', source: [TWO_ORG] });
  const plain = org.createUser({ username: 'plain@svc', profile: 'Standard User' });
  const res = rest(org, 'POST', '/services/apexrest/accounts', [], plain);
  assert.deepEqual(res, {
    status: 403,
    json: [
      {
        message: 'You do not have access to the Apex class named: AccountsResource',
        errorCode: 'FORBIDDEN'
      }
    ]
  });
  assert.equal(
    rest(org, 'POST', '/services/apexrest/accounts', []).status,
    200,
    'an administrator runs every class'
  );
  assert.equal(rest(org, 'GET', '/services/apexrest/nothing-here').status, 404);
});

test('Apex REST deserializes the JSON body into typed parameters by name (Apex REST Methods)', async () => {
  const world = new World({ runtimeFactory: runtimeFor });
  const org = await world.createOrg({ name: 'orders', source: [REST_PARAMS] });
  const purchase = {
    reference: 'PO-1',
    due: '2026-02-01',
    lines: [
      { sku: 'A', quantity: 2 },
      { sku: 'B', quantity: 3 }
    ]
  };
  // Keys in another order than the parameters: binding is by name, not position.
  assert.deepEqual(
    rest(org, 'POST', '/services/apexrest/orders', {
      tags: ['x', 'y'],
      customer: { Name: 'Acme' },
      note: 'rush',
      purchase
    }),
    { status: 200, json: 'PO-1/5/rush/Acme/2/2026-02-01' }
  );
  assert.deepEqual(
    rest(org, 'POST', '/services/apexrest/orders', { purchase, customer: { Name: 'Acme' } }),
    { status: 200, json: 'PO-1/5/null/Acme/0/2026-02-01' },
    'a parameter missing from the body is null'
  );
  assert.deepEqual(
    rest(org, 'PUT', '/services/apexrest/orders/sums', { groups: { a: [1, 2], b: [10] } }),
    { status: 200, json: { a: 3, b: 10 } },
    'maps of lists deserialize too'
  );
  const unknown = rest(org, 'POST', '/services/apexrest/orders', { purchase, extra: 1 });
  assert.equal(unknown.status, 400);
  assert.deepEqual(unknown.json, [
    {
      message: 'Unexpected parameter encountered during deserialization: extra',
      errorCode: 'JSON_PARSER_ERROR'
    }
  ]);
  const wrongType = rest(org, 'POST', '/services/apexrest/orders', {
    purchase: { ...purchase, lines: 'not a list' }
  });
  assert.equal(wrongType.status, 400);
  assert.equal((wrongType.json as { errorCode: string }[])[0].errorCode, 'JSON_PARSER_ERROR');
});
