// Negative cases at the endpoint: an unauthorised caller, malformed and hostile payloads, fields
// outside the allow-list. Requests go through the receiving org's REST layer as its users.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handleRest } from '../../localorg/src/platform/index.ts';
import { newWorld, connect, rows, count } from './s2s-world.ts';
import { apexRestPath } from './namespace.ts';

const ACCOUNT = {
  object: 'Account',
  sequence: 10,
  fields: [{ target: 'Name' }, { target: 'Phone' }]
};

// Refusals come in two layers: the platform refuses a user without access to the resource class
// (Apex REST needs class access, "You do not have access to the Apex class named: ..."), and the
// resource itself refuses a user who can reach it but lacks the custom permission S2S_Inbound_Apply.
async function parkedAfterCallingAs(opts: { user: string; profile?: string }): Promise<string> {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  connect(world, sales, service, { mappings: [ACCOUNT] });
  // the Named Credential now logs in as a user without the integration permission set
  world.connect(sales, 'S2S_Peer', service, opts);
  sales.insert('Account', { Name: 'Refused' });
  await world.drain();
  const entry = rows<{ Status__c: string; Last_Error__c: string }>(
    sales,
    'SELECT Status__c, Last_Error__c FROM S2S_Outbox__c'
  )[0];
  assert.equal(entry.Status__c, 'Parked', 'a 403 is not retried');
  assert.equal(count(service, 'SELECT COUNT() FROM Account'), 0, 'nothing applied');
  return entry.Last_Error__c;
}

test('a caller without access to the resource class is refused by the platform and the sender parks with the reason', async () => {
  const error = await parkedAfterCallingAs({ user: 'nobody@service.example' });
  assert.ok(
    error.includes('HTTP 403') &&
      error.includes('You do not have access to the Apex class named: S2SInboundResource'),
    error
  );
});

test('a caller who reaches the resource without S2S_Inbound_Apply is refused by the package', async () => {
  const error = await parkedAfterCallingAs({
    user: 'admin-without-inbound@service.example',
    profile: 'System Administrator'
  });
  assert.ok(error.includes('HTTP 403') && error.includes('S2S_Inbound_Apply'), error);
});

test('malformed, oversize and hostile envelopes are refused with a reason; allow-list enforced per record', async () => {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  connect(world, sales, service, { mappings: [ACCOUNT] });
  const user = service.userIdByUsername('integration@service.example');
  const post = (body: string): { status: number; body: unknown } => {
    const res = handleRest(
      service,
      {
        method: 'POST',
        endpoint: apexRestPath('s2s/v1/changes'),
        headers: { 'Content-Type': 'application/json' },
        body,
        timeoutMs: 10_000
      },
      user
    );
    return { status: res.status, body: res.body ? JSON.parse(res.body) : null };
  };
  const change = (values: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    key: `k-${Math.random()}`,
    sourceId: '001000000000123AAA',
    version: 1,
    operation: 'Upsert',
    object: 'Account',
    values,
    lookups: {},
    ...extra
  });
  const envelope = (changes: unknown[], sourceOrgId = sales.organizationId) =>
    JSON.stringify({ envelopeVersion: 2, sourceOrgId, batchId: 'b', changes });

  assert.equal(post('{not json').status, 400, 'malformed JSON');
  assert.equal(
    post(JSON.stringify({ envelopeVersion: 99, sourceOrgId: sales.organizationId, changes: [] }))
      .status,
    400,
    'unknown envelope version'
  );
  const firstVersion = post(
    JSON.stringify({ envelopeVersion: 1, sourceOrgId: sales.organizationId, changes: [] })
  );
  assert.equal(firstVersion.status, 400, 'envelopes of version 1 carry no field versions');
  assert.match(
    JSON.stringify(firstVersion.body),
    /upgrade S2S Sync in the sending org/,
    'says what to do'
  );
  assert.equal(post(envelope([], '00D000000000999AAA')).status, 403, 'unknown sender org');
  assert.equal(
    post(envelope(Array.from({ length: 201 }, () => change({ Name: 'x' })))).status,
    413,
    'too many changes'
  );
  assert.equal(post('x'.repeat(3_000_001)).status, 413, 'oversize body');

  const r = post(
    envelope([
      change({ Name: 'Fine' }),
      change({ Name: 'Sneaky', AnnualRevenue: 1e9 }, { sourceId: '001000000000124AAA' }),
      change(
        { Name: "'); DELETE FROM Account; --" },
        { sourceId: '001000000000125AAA', object: 'Account; DROP' }
      ),
      change({ Name: 5 }, { sourceId: '001000000000126AAA' })
    ])
  );
  assert.equal(r.status, 200, 'per-record answers');
  const results = (r.body as { results: { outcome: string; error: string | null }[] }).results;
  assert.deepEqual(
    results.map((x) => x.outcome),
    ['Applied', 'Rejected', 'Rejected', 'Rejected']
  );
  assert.ok(
    results[1].error?.includes('AnnualRevenue is not in the allow-list'),
    results[1].error ?? ''
  );
  assert.ok(results[2].error?.includes('not allowed'), results[2].error ?? '');
  assert.ok(results[3].error?.includes('expects a text'), results[3].error ?? '');
  assert.equal(count(service, 'SELECT COUNT() FROM Account'), 1, 'only the valid record');
});
