// The envelope fuzzer: seeded mutations of valid inbound envelopes (types, sizes, nesting, unknown
// keys, injection strings, huge values, wrong Ids, foreign object names) posted to a local org's
// inbound endpoints (POST /s2s/v1/changes and /s2s/v1/reconcile) as its integration user, in a World
// of two orgs with the package. Each case is checked for:
//   - no 500 and no unhandled exception (the local org answers an uncaught Apex exception or a
//     governor limit with 500, a gap of the local org itself throws): request-level refusals are
//     4xx with a JSON {"error"} and no stack trace;
//   - a 200 answer has one result per change, in order, each with a documented outcome, and a
//     Rejected one with a documented reason code;
//   - no write outside the mapping's allow-list (fields kept blank on every record, objects never
//     mapped unchanged);
//   - nothing lost in the audit: every answered change has its final audit entry (Applied, Skipped
//     or Rejected) in the receiving org.
// Case n of seed s is reproducible on its own: `npm run fuzz:envelopes -- --seed s --case n`.
import { handleRest } from '../../localorg/src/platform/index.ts';
import { newWorld, connect, count, rows } from '../../test/e2e/s2s-world.ts';
import { Rng } from './prng.ts';
import { apexRestPath } from '../../test/e2e/namespace.ts';

type World = Awaited<ReturnType<typeof newWorld>>;
type Org = World['orgs'][string];
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Change = { [k: string]: Json };

/** Outcomes and rejection codes docs/protocol.md documents. */
export const OUTCOMES = new Set([
  'Applied',
  'Unchanged',
  'Duplicate',
  'Stale',
  'Held',
  'Skipped',
  'Deleted',
  'Undeleted',
  'Rejected'
]);
export const CODES = new Set([
  'MALFORMED_CHANGE',
  'OBJECT_NOT_MAPPED',
  'OBJECT_MISSING',
  'FIELD_NOT_ALLOWED',
  'FIELD_MISSING',
  'INVALID_VALUE',
  'INVALID_LOOKUP',
  'RECORD_TYPE_UNKNOWN',
  'MATCH_FAILED',
  'SAVE_FAILED',
  'ROW_LOCKED',
  'MERGE_BUDGET',
  'INTERNAL_ERROR'
]);
const REFUSALS = new Set([400, 403, 404, 413]);

// The receiving mappings: what a peer may write. A field mapping of Account names Ghost__c, a field
// this org does not have (deleted since the mapping was made).
const ALLOWED: Record<string, string[]> = {
  Account: ['Name', 'Phone', 'Description', 'NumberOfEmployees', 'Website', 'Ghost__c'],
  Contact: ['LastName', 'FirstName', 'Email', 'Birthdate', 'AccountId']
};
// Fields of the mapped objects outside the allow-list, that must stay blank on every record.
const FORBIDDEN: Record<string, string[]> = {
  Account: ['AnnualRevenue', 'Industry', 'Fax', 'AccountNumber', 'Sic', 'ParentId'],
  Contact: ['Phone', 'Title', 'Department', 'AssistantName', 'LeadSource']
};
// Objects never mapped: their row counts must not move.
const UNMAPPED = ['Lead', 'Opportunity', 'Case', 'User', 'PermissionSetAssignment'];

const INJECTIONS: string[] = [
  "' OR Name != null --",
  "'); DELETE FROM Account; --",
  'Name FROM Account WHERE Id != null',
  '<script>alert(1)</script>',
  '{!$User.Id}',
  '${7*7}',
  '\u0000\u0001\u001f',
  '\\u0022"\\',
  '../../../services/data',
  '%27%20OR%201=1',
  'Robert"); DROP TABLE Students;--',
  '\ud83d\ude00 \u202e rtl',
  'a'.repeat(300)
];
const FOREIGN_OBJECTS = [
  'User',
  'Profile',
  'PermissionSet',
  'PermissionSetAssignment',
  'Group',
  'GroupMember',
  'S2S_Crosswalk__c',
  'S2S_Connection__c',
  'S2S_Inbound_Ledger__c',
  'S2S_Outbox__c',
  'S2S_Audit_Log__c',
  'Lead',
  'Opportunity',
  'Setup__mdt',
  'Nope__c',
  'account',
  'Account; DROP',
  'Account__c',
  '',
  ' Account '
];
const FOREIGN_FIELDS = [
  'AnnualRevenue',
  'OwnerId',
  'Id',
  'IsDeleted',
  'CreatedById',
  'SystemModstamp',
  'Name; DELETE',
  'Name__c',
  'name',
  '',
  'ParentId',
  'Account.Name',
  'MasterRecordId'
];

/** Ids that are wrong in some way: not Ids, of another object, of this org, too short. */
function wrongId(rng: Rng, local: Org): Json {
  return rng.pick<() => Json>([
    () => 'not-an-id',
    () => '001',
    () => '001000000000001AAAA',
    () => '005000000000001AAA',
    () => local.adminUserId,
    () => '00D000000000001AAA',
    () => '001000000000001',
    () => "001000000000001' OR '1'='1",
    () => 1234567890,
    () => ({ Id: '001000000000001AAA' }),
    () => ['001000000000001AAA'],
    () => ''
  ])();
}

/** A value of some JSON type, including hostile ones. */
function anyValue(rng: Rng, depth = 0): Json {
  return rng.pick<() => Json>([
    () => null,
    () => true,
    () => rng.int(-1e9, 1e9),
    () => 1e308,
    () => -0.000001,
    () => 9007199254740993,
    () => rng.pick(INJECTIONS),
    () => 'x'.repeat(rng.pick([0, 81, 256, 32001, 140000])),
    () => '2026-02-30',
    () => '2026-11-26T25:61:00Z',
    () => (depth < 3 ? [anyValue(rng, depth + 1), anyValue(rng, depth + 1)] : []),
    () => (depth < 3 ? { nested: anyValue(rng, depth + 1), Name: 'inner' } : ({} as Json)),
    () => nested(rng.int(10, 200))
  ])();
}

function nested(depth: number): Json {
  let v: Json = 'deep';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const VERSION = (ms: number, org: string) => `${String(ms).padStart(15, '0')}.0000.${org}`;

/** A valid envelope of 1-6 changes from `sender` (Accounts, Contacts under them, a delete). */
export function validEnvelope(rng: Rng, sender: Org, caseNo: number): { [k: string]: Json } {
  const changes: Change[] = [];
  const n = rng.int(1, 6);
  const ms = 1764115200000 + caseNo * 10;
  const accountIds: string[] = [];
  for (let k = 0; k < n; k++) {
    const id = `001${String(caseNo * 10 + k).padStart(12, '0')}AAA`;
    const key = `c${caseNo}-${k}`;
    const v = VERSION(ms + k, sender.organizationId);
    if (k === 0 || rng.chance(0.5)) {
      accountIds.push(id);
      changes.push({
        key,
        sourceId: id,
        version: (ms + k) * 1000,
        operation: 'Upsert',
        object: 'Account',
        sourceObject: 'Account',
        values: {
          Name: `Fuzz ${caseNo}-${k}`,
          Phone: '+1 555 0100',
          NumberOfEmployees: rng.int(1, 5000),
          Website: 'https://example.com'
        },
        lookups: {},
        fieldVersions: { Name: v, Phone: v, NumberOfEmployees: v, Website: v },
        correlationId: `corr-${caseNo}-${k}`
      });
    } else {
      const cid = `003${String(caseNo * 10 + k).padStart(12, '0')}AAA`;
      changes.push({
        key,
        sourceId: cid,
        version: (ms + k) * 1000,
        operation: rng.chance(0.1) ? 'Delete' : 'Upsert',
        object: 'Contact',
        sourceObject: 'Contact',
        values: {
          LastName: `Fuzz ${caseNo}-${k}`,
          Email: 'a@example.com',
          Birthdate: '1990-05-17'
        },
        lookups: { AccountId: rng.pick(accountIds) },
        fieldVersions: { LastName: v, Email: v, Birthdate: v, AccountId: v },
        correlationId: `corr-${caseNo}-${k}`
      });
    }
  }
  return {
    envelopeVersion: 2,
    sourceOrgId: sender.organizationId,
    batchId: `batch-${caseNo}`,
    sentAt: '2026-11-26T02:00:00.000Z',
    changes
  };
}

type Mutation = (rng: Rng, env: { [k: string]: Json }, ctx: { sender: Org; receiver: Org }) => void;

const CHANGE_MEMBERS = [
  'key',
  'sourceId',
  'version',
  'operation',
  'object',
  'sourceObject',
  'values',
  'lookups',
  'fieldVersions',
  'recordType',
  'owner',
  'matchField',
  'mergedInto',
  'standardPricebook',
  'correlationId'
];

function someChange(rng: Rng, env: { [k: string]: Json }): Change | null {
  const changes = env.changes;
  return Array.isArray(changes) && changes.length ? (rng.pick(changes) as Change) : null;
}

/** Mutations of a valid envelope, by name (the name shows in a failure's reproduction). */
export const MUTATIONS: Record<string, Mutation> = {
  'envelope.member-type': (rng, env) => {
    env[rng.pick(['envelopeVersion', 'sourceOrgId', 'changes', 'batchId', 'sentAt'])] =
      anyValue(rng);
  },
  'envelope.member-dropped': (rng, env) => {
    Reflect.deleteProperty(env, rng.pick(['envelopeVersion', 'sourceOrgId', 'changes', 'batchId']));
  },
  'envelope.unknown-keys': (rng, env) => {
    env[rng.pick(['extra', '__proto__x', 'constructor', 'changes ', 'Changes'])] = anyValue(rng);
  },
  'envelope.foreign-org': (rng, env, { receiver }) => {
    env.sourceOrgId = rng.pick([receiver.organizationId, '00D000000000999AAA', '00Dxx', null]);
  },
  'envelope.old-version': (rng, env) => {
    env.envelopeVersion = rng.pick([1, 3, '2', 2.5, -2]);
  },
  'change.member-type': (rng, env) => {
    const c = someChange(rng, env);
    if (c) c[rng.pick(CHANGE_MEMBERS)] = anyValue(rng);
  },
  'change.member-dropped': (rng, env) => {
    const c = someChange(rng, env);
    if (c) Reflect.deleteProperty(c, rng.pick(CHANGE_MEMBERS));
  },
  'change.unknown-keys': (rng, env) => {
    const c = someChange(rng, env);
    if (c) c[rng.pick(['extra', 'Values', 'sensitive', 'id', 'sql'])] = anyValue(rng);
  },
  'change.not-an-object': (rng, env) => {
    const changes = env.changes;
    if (Array.isArray(changes) && changes.length)
      changes[rng.int(0, changes.length - 1)] = anyValue(rng);
  },
  'change.foreign-object': (rng, env) => {
    const c = someChange(rng, env);
    if (c) c.object = rng.pick(FOREIGN_OBJECTS);
  },
  'change.foreign-field': (rng, env) => {
    const c = someChange(rng, env);
    if (c && c.values && typeof c.values === 'object' && !Array.isArray(c.values))
      c.values[rng.pick(FOREIGN_FIELDS)] = rng.chance(0.5) ? anyValue(rng) : 'x';
  },
  'change.deleted-field': (rng, env) => {
    const c = someChange(rng, env);
    if (c && c.values && typeof c.values === 'object' && !Array.isArray(c.values)) {
      c.object = 'Account';
      c.values.Ghost__c = 'a value for a field deleted here';
    }
  },
  'change.value-type': (rng, env) => {
    const c = someChange(rng, env);
    if (c && c.values && typeof c.values === 'object' && !Array.isArray(c.values)) {
      const fields = Object.keys(c.values);
      if (fields.length) c.values[rng.pick(fields)] = anyValue(rng);
    }
  },
  'change.injection': (rng, env) => {
    const c = someChange(rng, env);
    if (!c) return;
    const where = rng.pick([
      'values',
      'key',
      'object',
      'recordType',
      'matchField',
      'correlationId'
    ]);
    if (
      where === 'values' &&
      c.values &&
      typeof c.values === 'object' &&
      !Array.isArray(c.values)
    ) {
      const fields = Object.keys(c.values);
      if (fields.length) c.values[rng.pick(fields)] = rng.pick(INJECTIONS);
    } else c[where] = rng.pick(INJECTIONS);
  },
  'change.huge-value': (rng, env) => {
    const c = someChange(rng, env);
    if (c && c.values && typeof c.values === 'object' && !Array.isArray(c.values))
      c.values[rng.pick(['Description', 'Name', 'LastName', 'Phone'])] = 'H'.repeat(
        rng.pick([256, 32000, 131073, 400000])
      );
  },
  'change.wrong-ids': (rng, env, { receiver }) => {
    const c = someChange(rng, env);
    if (!c) return;
    const where = rng.pick(['sourceId', 'lookup', 'mergedInto', 'standardPricebook', 'newLookup']);
    if (where === 'lookup' || where === 'newLookup') {
      const lookups =
        c.lookups && typeof c.lookups === 'object' && !Array.isArray(c.lookups)
          ? c.lookups
          : (c.lookups = {});
      lookups[
        where === 'lookup' ? 'AccountId' : rng.pick(['ParentId', 'Name', 'OwnerId', 'Bogus'])
      ] = wrongId(rng, receiver);
    } else c[where] = wrongId(rng, receiver);
  },
  'change.field-versions': (rng, env) => {
    const c = someChange(rng, env);
    if (c)
      c.fieldVersions = rng.pick<Json>([
        { Name: 'not-a-version' },
        { Name: 12 },
        [],
        { Name: '999999999999999.9999.00D000000000001AAA' },
        { '': VERSION(1, '00D000000000001AAA') },
        'x'
      ]);
  },
  'change.version': (rng, env) => {
    const c = someChange(rng, env);
    if (c) c.version = rng.pick<Json>([-1, 1e30, 1.5, '12', null, 0, 9.3e18]);
  },
  'change.record-type-owner': (rng, env) => {
    const c = someChange(rng, env);
    if (!c) return;
    if (rng.chance(0.5))
      c.recordType = rng.pick<Json>([
        5,
        true,
        { name: 'Partner' },
        ['Partner'],
        'Nope',
        'x'.repeat(500)
      ]);
    else
      c.owner = rng.pick<Json>([
        'admin@service.example',
        { username: 5 },
        { username: 'admin@service.example', email: { x: 1 } },
        [],
        { username: 'x'.repeat(1000) }
      ]);
  },
  'change.match-field': (rng, env) => {
    const c = someChange(rng, env);
    if (c) c.matchField = rng.pick<Json>(['Name', 'Id', 'AnnualRevenue', 'Nope__c', 7, '']);
  },
  'change.duplicate-key': (rng, env) => {
    const changes = env.changes;
    if (Array.isArray(changes) && changes.length > 1) {
      const a = changes[0] as Change;
      const b = changes[changes.length - 1] as Change;
      b.key = a.key;
    }
  },
  'change.operation': (rng, env) => {
    const c = someChange(rng, env);
    if (c) c.operation = rng.pick<Json>(['Delete', 'Undelete', 'upsert', 'Merge', 'DELETE', 3]);
  },
  'change.nesting': (rng, env) => {
    const c = someChange(rng, env);
    if (c) c[rng.pick(['values', 'lookups', 'owner'])] = nested(rng.int(20, 400));
  },
  'envelope.many-changes': (rng, env) => {
    const changes = env.changes;
    if (!Array.isArray(changes) || !changes.length) return;
    const base = changes[0] as Change;
    const n = rng.pick([50, 199, 200, 201]);
    const size = rng.pick([10, 2000, 4900, 6000]);
    for (let k = changes.length; k < n; k++)
      changes.push({
        ...base,
        key: `${String(base.key)}-m${k}`,
        sourceId: `001${String(900000000 + k).padStart(12, '0')}AAA`,
        values: { ...(base.values as object), Description: String(k).padEnd(size, 'd') }
      });
  }
};

/** Bodies that are not a usable envelope at all. */
const RAW_BODIES: ((rng: Rng) => string)[] = [
  () => '',
  () => '{not json',
  () => '[]',
  () => 'null',
  () => '"text"',
  () => '{"envelopeVersion":2,"changes":[',
  (rng) => 'x'.repeat(rng.pick([10, 1_000_001, 3_000_001])),
  (rng) => JSON.stringify(nested(rng.int(100, 600)))
];

/** One generated request: where it goes and its body. */
export interface FuzzCase {
  no: number;
  endpoint: 'changes' | 'reconcile';
  mutations: string[];
  body: string;
}

export function generate(rng: Rng, no: number, sender: Org, receiver: Org): FuzzCase {
  if (rng.chance(0.05)) {
    const pick = rng.int(0, RAW_BODIES.length - 1);
    return {
      no,
      endpoint: 'changes',
      mutations: [`raw-body.${pick}`],
      body: RAW_BODIES[pick](rng)
    };
  }
  if (rng.chance(0.08)) return reconcileCase(rng, no, sender);
  const env = validEnvelope(rng, sender, no);
  const names = Object.keys(MUTATIONS);
  const mutations: string[] = [];
  const k = rng.chance(0.15) ? 0 : rng.int(1, 3);
  for (let m = 0; m < k; m++) {
    const name = rng.pick(names);
    mutations.push(name);
    MUTATIONS[name](rng, env, { sender, receiver });
  }
  return { no, endpoint: 'changes', mutations, body: JSON.stringify(env) };
}

function reconcileCase(rng: Rng, no: number, sender: Org): FuzzCase {
  const request: { [k: string]: Json } = {
    version: 1,
    sourceOrgId: sender.organizationId,
    object: 'Account',
    operation: rng.pick(['digest', 'unlinked', 'repair']),
    spec: { fields: ['Name', 'Phone'], lookups: [], recordType: false, owner: null },
    ranges: [{ after: null, upTo: null }],
    keys: [],
    ids: []
  };
  const member = rng.pick(Object.keys(request).concat(['after', 'exclude', 'detail']));
  request[member] = rng.chance(0.5)
    ? anyValue(rng)
    : rng.pick<Json>([
        [{ after: 5, upTo: {} }],
        { fields: 'Name' },
        { fields: ['AnnualRevenue'] },
        { fields: [5] },
        ['not-an-id'],
        rng.pick(FOREIGN_OBJECTS)
      ]);
  return {
    no,
    endpoint: 'reconcile',
    mutations: [`reconcile.${member}`],
    body: JSON.stringify(request)
  };
}

/** The fuzzing bench: a receiver org, the sender's connection to it, what may be written. */
export interface Bench {
  sender: Org;
  receiver: Org;
  userId: string;
  unmappedCounts: Record<string, number>;
}

export async function bench(): Promise<Bench> {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  connect(world, sales, service, {
    mappings: [
      { object: 'Account', sequence: 10, fields: ALLOWED.Account.map((target) => ({ target })) },
      { object: 'Contact', sequence: 20, fields: ALLOWED.Contact.map((target) => ({ target })) }
    ]
  });
  const userId = service.userIdByUsername('integration@service.example');
  const unmappedCounts: Record<string, number> = {};
  for (const o of UNMAPPED) unmappedCounts[o] = count(service, `SELECT COUNT() FROM ${o}`);
  return { sender: sales, receiver: service, userId, unmappedCounts };
}

/** What went wrong with one case (null: nothing), with the answer's status and rejection codes. */
export function runCase(
  b: Bench,
  c: FuzzCase
): { problem: string | null; status: string; codes: string[] } {
  const seen = { status: '?', codes: [] as string[] };
  const problem = check(b, c, seen);
  return { problem, ...seen };
}

function check(b: Bench, c: FuzzCase, seen: { status: string; codes: string[] }): string | null {
  const auditBefore = count(
    b.receiver,
    "SELECT COUNT() FROM S2S_Audit_Log__c WHERE Stage__c IN ('Applied', 'Skipped', 'Rejected')"
  );
  let res: { status: number; body: string };
  try {
    res = handleRest(
      b.receiver,
      {
        method: 'POST',
        endpoint: apexRestPath(`s2s/v1/${c.endpoint}`),
        headers: { 'Content-Type': 'application/json' },
        body: c.body,
        timeoutMs: 120_000
      },
      b.userId
    );
  } catch (e) {
    return `unhandled exception: ${(e as Error).stack ?? String(e)}`.slice(0, 2000);
  }
  seen.status = String(res.status);
  if (res.status === 500 || res.status >= 501)
    return `HTTP ${res.status}: ${res.body.slice(0, 1500)}`;
  if (/\n\s*at |Class\.[A-Za-z0-9_]+\.[A-Za-z0-9_]+: line \d+|APEX_ERROR/.test(res.body))
    return `stack trace in the answer (HTTP ${res.status}): ${res.body.slice(0, 1500)}`;
  let answer: unknown;
  try {
    answer = JSON.parse(res.body);
  } catch {
    return `HTTP ${res.status} with a body that is not JSON: ${res.body.slice(0, 500)}`;
  }
  if (res.status !== 200) {
    if (!REFUSALS.has(res.status)) return `unexpected HTTP ${res.status}`;
    const error = (answer as { error?: unknown })?.error;
    return typeof error === 'string' && error.length > 0
      ? null
      : `HTTP ${res.status} without a reason: ${res.body.slice(0, 500)}`;
  }
  if (c.endpoint === 'changes')
    for (const r of ((answer as { results?: unknown }).results ?? []) as { code?: string }[])
      if (r) seen.codes.push(r.code ?? String((r as { outcome?: string }).outcome));
  const problem = c.endpoint === 'changes' ? checkResults(c, answer) : null;
  if (problem) return problem;
  const leaked = checkAllowList(b);
  if (leaked) return leaked;
  if (c.endpoint === 'changes') {
    const results = (answer as { results: unknown[] }).results;
    const auditAfter = count(
      b.receiver,
      "SELECT COUNT() FROM S2S_Audit_Log__c WHERE Stage__c IN ('Applied', 'Skipped', 'Rejected')"
    );
    if (auditAfter - auditBefore < results.length)
      return `audit lost: ${results.length} changes answered, ${auditAfter - auditBefore} final audit entries`;
  }
  return null;
}

function checkResults(c: FuzzCase, answer: unknown): string | null {
  const env = JSON.parse(c.body) as { changes: unknown[] };
  const results = (answer as { results?: unknown })?.results;
  if (!Array.isArray(results))
    return `200 without results: ${JSON.stringify(answer).slice(0, 500)}`;
  if (results.length !== env.changes.length)
    return `${env.changes.length} changes, ${results.length} results`;
  for (let k = 0; k < results.length; k++) {
    const r = results[k] as { key?: unknown; outcome?: unknown; code?: unknown; success?: unknown };
    const sent = env.changes[k] as { key?: unknown } | null;
    if (!OUTCOMES.has(String(r.outcome)))
      return `result ${k}: undocumented outcome ${String(r.outcome)}`;
    if (r.outcome === 'Rejected' && !CODES.has(String(r.code)))
      return `result ${k}: rejected without a documented code (${String(r.code)})`;
    if (
      sent &&
      typeof sent === 'object' &&
      typeof sent.key === 'string' &&
      sent.key.length <= 64 &&
      r.key !== sent.key
    )
      return `result ${k} answers key ${String(r.key)}, not ${sent.key}`;
  }
  return null;
}

function checkAllowList(b: Bench): string | null {
  for (const [object, fields] of Object.entries(FORBIDDEN)) {
    const where = fields.map((f) => `${f} != null`).join(' OR ');
    const leaked = rows<{ Id: string }>(b.receiver, `SELECT Id FROM ${object} WHERE ${where}`);
    if (leaked.length) return `written outside the allow-list: ${object} ${leaked[0].Id}`;
  }
  for (const o of UNMAPPED) {
    const n = count(b.receiver, `SELECT COUNT() FROM ${o}`);
    if (n !== b.unmappedCounts[o]) return `${o} rows ${b.unmappedCounts[o]} -> ${n}: not mapped`;
  }
  return null;
}

/** Runs `cases` cases of `seed` (or only case `only`), in one bench. */
export async function fuzz(opts: {
  seed: number;
  cases: number;
  only?: number;
  onFailure?: (c: FuzzCase, problem: string) => void;
}): Promise<{
  cases: number;
  failures: number;
  statuses: Record<string, number>;
  codes: Record<string, number>;
}> {
  const b = await bench();
  const statuses: Record<string, number> = {};
  const codes: Record<string, number> = {};
  let failures = 0;
  let ran = 0;
  for (let no = 0; no < opts.cases; no++) {
    // each case has its own stream: case n of a seed is the same whichever cases run before it
    const rng = new Rng((opts.seed * 1_000_003 + no * 7919) >>> 0);
    const c = generate(rng, no, b.sender, b.receiver);
    if (opts.only !== undefined && no !== opts.only) continue;
    ran++;
    const last = runCase(b, c);
    if (last.problem) {
      failures++;
      opts.onFailure?.(c, last.problem);
    }
    statuses[last.status] = (statuses[last.status] ?? 0) + 1;
    for (const code of last.codes) codes[code] = (codes[code] ?? 0) + 1;
  }
  return { cases: ran, failures, statuses, codes };
}
