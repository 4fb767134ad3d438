// The convergence checker itself (scripts/fuzz): it passes a World that converged, reports each
// kind of divergence planted by hand in one org, and a seed reproduces its operation log and its
// run exactly. The full fuzz run is `npm run fuzz:sync`, not part of the gate yet.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rows } from '../e2e/s2s-world.ts';
import { pkg, pkgRecord } from '../e2e/namespace.ts';
import { check, collect, meetsFilter, normal, signature } from '../../scripts/fuzz/checker.ts';
import { Executor } from '../../scripts/fuzz/executor.ts';
import { quiesce } from '../../scripts/fuzz/quiesce.ts';
import { bench, runOps, type Bench } from '../../scripts/fuzz/run-seed.ts';
import { resetWorld } from '../../scripts/fuzz/topology.ts';
import { generate, mappingsSymmetric, type Op } from '../../scripts/fuzz/workload.ts';

let pair: Bench;

before(async () => {
  pair = await bench('pair');
});

const ACME: Op = {
  kind: 'insert',
  org: 'A',
  object: 'Account',
  handle: 'A1',
  values: { Name: 'Acme', Phone: '555-0100', Rating: 'Hot' },
  refs: {},
  owner: 'rep1@fuzz.example'
};
const PERSON: Op = {
  kind: 'insert',
  org: 'A',
  object: 'Contact',
  handle: 'C1',
  values: { LastName: 'Lovelace', Email: 'ada@example.com' },
  refs: { AccountId: 'A1' },
  owner: 'rep1@fuzz.example'
};

/** A1 and C1 created in A and synced to B, drained: the state every planted fault starts from. */
async function synced(): Promise<{ ex: Executor; a1: string; b1: string }> {
  resetWorld(pair.fw);
  const ex = new Executor(pair.fw, pair.dir);
  for (const op of [ACME, PERSON]) assert.equal((await ex.apply(op)).outcome, 'ok');
  await quiesce(pair.fw, pair.dir);
  const a1 = ex.idIn('A1', 'A');
  const b1 = ex.idIn('A1', 'B');
  assert.ok(a1 && b1, 'A1 has a copy in B');
  return { ex, a1, b1 };
}

const violationsOf = (ex: Executor) => check(collect(pair.fw, 0, ex.names()));

test('a World that converged has no violation', async () => {
  const { ex } = await synced();
  assert.deepEqual(violationsOf(ex), []);
});

test('one field changed in one org alone is a field mismatch naming org, record, field and both values', async () => {
  const { ex, b1 } = await synced();
  // written below the triggers: S2S Sync never sees it
  pair.fw.orgs.B.updateSystem(b1, { Phone: '555-0199' });
  const v = violationsOf(ex);
  assert.equal(v.length, 1, JSON.stringify(v));
  assert.equal(v[0].check, 'field-mismatch');
  assert.equal(v[0].org, 'B');
  assert.equal(v[0].object, 'Account');
  assert.equal(v[0].field, 'Phone');
  assert.match(v[0].record, /^A1\//);
  assert.match(String(v[0].expected), /^555-0100 /);
  assert.equal(v[0].actual, '555-0199');
});

test('a lookup pointing elsewhere and an owner not matched by username are reported', async () => {
  const { ex } = await synced();
  const b = pair.fw.orgs.B;
  const contact = ex.idIn('C1', 'B') ?? '';
  const [other] = b.insert('Account', { Name: 'Elsewhere' });
  b.updateSystem(contact, { AccountId: other });
  b.updateSystem(ex.idIn('A1', 'B') ?? '', { OwnerId: b.userIdByUsername('rep2@fuzz.example') });
  const checks = violationsOf(ex).map((x) => `${signature(x)}.${x.field}`);
  assert.ok(checks.includes('lookup-mismatch Contact.AccountId'), checks.join(', '));
  assert.ok(checks.includes('owner-mismatch Account.OwnerId'), checks.join(', '));
});

test('two live copies of one record are a duplicate; a deleted copy of a live record is reported', async () => {
  const { ex, a1 } = await synced();
  const b = pair.fw.orgs.B;
  const copy = b.insertSystem('Account', { Name: 'Acme', Phone: '555-0100', Rating: 'Hot' });
  // the package's object and fields named as a subscriber does (test/e2e/namespace.ts)
  b.insertSystem(
    pkg('S2S_Crosswalk__c'),
    pkgRecord({
      Connection__c: pair.dir.connection('B', 'A'),
      Object_Name__c: 'Account',
      Local_Id__c: copy,
      Remote_Id__c: a1,
      Key__c: `${pair.dir.connection('B', 'A')}:${copy}`,
      Remote_Key__c: `${pair.dir.connection('B', 'A')}:${a1}`
    })
  );
  assert.ok(
    violationsOf(ex).some((x) => x.check === 'duplicate' && x.org === 'A'),
    'A1 has two live copies in B'
  );

  const { ex: ex2, b1 } = await synced();
  pair.fw.orgs.B.updateSystem(b1, { IsDeleted: true });
  const v = violationsOf(ex2);
  assert.ok(
    v.some((x) => x.check === 'counterpart-deleted' && x.org === 'A' && x.object === 'Account'),
    JSON.stringify(v)
  );
});

test('work never delivered is reported: a missing copy and an open outbox entry', async () => {
  resetWorld(pair.fw);
  const ex = new Executor(pair.fw, pair.dir);
  await ex.apply(ACME);
  const checks = violationsOf(ex).map((x) => x.check);
  assert.deepEqual(checks.sort(), ['counterpart-missing', 'outbox-open']);
  assert.equal(
    rows(pair.fw.orgs.A, "SELECT Id FROM S2S_Outbox__c WHERE Status__c = 'Pending'").length,
    1,
    'the planted state is what the checker read'
  );
});

test('a seed reproduces the same operation log and the same run', async () => {
  assert.deepEqual(generate(7, 'hub3'), generate(7, 'hub3'), 'same log for the same seed');
  assert.notDeepEqual(generate(7, 'hub3'), generate(8, 'hub3'), 'another seed, another log');
  assert.notDeepEqual(generate(7, 'pair'), generate(7, 'hub3'), 'topologies draw their own logs');
  for (const seed of [1, 2, 3])
    assert.ok(mappingsSymmetric(generate(seed, 'chain')), 'every break is fixed');
  const ops = generate(3, 'pair', { length: 20 });
  const first = await runOps(pair, 3, ops);
  const second = await runOps(pair, 3, ops);
  assert.deepEqual(second.results, first.results, 'same outcome of every operation');
  // records are named by handle; the Ids themselves differ between runs of a reused World
  const key = (r: typeof first) =>
    r.violations.map(
      (v) =>
        `${signature(v)}.${v.field} ${v.org} ${v.record.includes('/') ? v.record.split('/')[0] : 'unnamed'}`
    );
  assert.deepEqual(key(second), key(first), 'same violations');
  assert.deepEqual(second.faults, first.faults, 'same faults');
});

test('filters, values and mapping symmetry as the checker reads them', () => {
  const r = { id: 'x', object: 'Account', deleted: false, values: { Rating: 'Cold' } };
  assert.equal(meetsFilter("Rating != 'Cold'", r), false);
  assert.equal(meetsFilter("Rating = 'cold'", r), true, 'text compares ignoring case');
  assert.equal(meetsFilter(null, r), true);
  assert.throws(() => meetsFilter('LEN(Name) > 3', r), /cannot evaluate/);
  assert.equal(normal(''), null);
  assert.equal(normal('12'), 12);
  const brk: Op = {
    kind: 'field-mapping',
    org: 'A',
    peer: 'B',
    object: 'Account',
    field: 'Phone',
    active: false
  };
  assert.equal(mappingsSymmetric([brk]), false, 'a break left in place');
  assert.equal(mappingsSymmetric([brk, { ...brk, active: true }]), true, 'fixed in A');
  assert.equal(mappingsSymmetric([brk, { ...brk, org: 'B', peer: 'A' }]), true, 'dropped in B too');
});
