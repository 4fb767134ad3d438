// The seeded random workload: a pure function of (seed, topology, length) that returns the
// operation log. It keeps a rough model of the records (where each was created, whether a delivery
// may have spread it, whether it is deleted) only to aim its choices; the executor resolves every
// record in the org it acts on and records an operation that no longer applies as skipped.
import { Rng } from './prng.ts';
import { SPECS, OWNERS, REJECT_MARK, TOPOLOGIES, type TopologyName } from './topology.ts';

export type ObjectName = 'Account' | 'Contact';
export type Value = string | number | null;

export type Op =
  | {
      kind: 'insert';
      org: string;
      object: ObjectName;
      handle: string;
      values: Record<string, Value>;
      /** lookups by handle: ParentId / AccountId */
      refs: Record<string, string | null>;
      owner: string;
    }
  | { kind: 'update'; org: string; handle: string; values: Record<string, Value> }
  | { kind: 'reparent'; org: string; handle: string; field: string; parent: string | null }
  | { kind: 'delete'; org: string; handle: string }
  | { kind: 'undelete'; org: string; handle: string }
  | { kind: 'merge'; org: string; master: string; loser: string }
  | { kind: 'owner'; org: string; handle: string; owner: string }
  /**
   * how `org` captures Account changes for every connection: its Account trigger, or Change Data
   * Capture (the AccountChangeEvent subscriber) — Trigger_Mode__c of its Account mappings
   */
  | { kind: 'capture'; org: string; mode: CaptureMode }
  /** the Account mapping filter of every connection of `org`, on or off */
  | { kind: 'filter'; org: string; on: boolean; policy: LeaveFilterPolicy }
  /** one field mapping of `org`'s mapping for its connection to `peer` */
  | {
      kind: 'field-mapping';
      org: string;
      peer: string;
      object: ObjectName;
      field: string;
      active: boolean;
    }
  | { kind: 'faults'; rate: number; timeoutRate: number; duplicateRate: number; seed: number }
  /** every callout answered 401 until the next faults/faults-off */
  | { kind: 'unauthorized' }
  | { kind: 'faults-off' }
  /** partial delivery: run up to `jobs` ready async jobs of one org */
  | { kind: 'run'; org: string; jobs: number }
  /** the clock moves on and every org's periodic sweep runs (retries after backoff) */
  | { kind: 'tick'; minutes: number }
  /** run all ready async work of every org, without moving the clock */
  | { kind: 'deliver' };

export type OpKind = Op['kind'];

/** S2S_Object_Mapping__c.Trigger_Mode__c values the workload uses for Account. */
export type CaptureMode = 'Realtime_Trigger' | 'Realtime_CDC';

/** S2S_Object_Mapping__c.Leave_Filter_Policy__c: what a peer's copy becomes when a record leaves. */
export type LeaveFilterPolicy = 'Ignore' | 'Delete' | 'Clear';
const LEAVE_FILTER_POLICIES: LeaveFilterPolicy[] = ['Ignore', 'Delete', 'Clear'];

interface ModelRecord {
  handle: string;
  object: ObjectName;
  index: number;
  origin: string;
  spread: boolean;
  /** the org where it was deleted (null: live) */
  deletedIn: string | null;
}

/** Fields a break/fix of the mapping can touch (never Name/LastName: inserts need them). */
const BREAKABLE: { object: ObjectName; field: string }[] = [
  { object: 'Account', field: 'Phone' },
  { object: 'Account', field: 'NumberOfEmployees' },
  { object: 'Contact', field: 'Phone' },
  { object: 'Contact', field: 'Email' }
];

const RATINGS = ['Hot', 'Warm', 'Cold'];

function accountValue(rng: Rng, field: string, n: number): Value {
  switch (field) {
    case 'Name':
      return `Acme ${n}-${rng.int(0, 99)}`;
    case 'AccountNumber':
      // now and then a number every peer refuses (scripts/fuzz/metadata: a validation rule)
      if (rng.chance(0.06)) return `${REJECT_MARK}-${rng.int(0, 999)}`;
      return rng.chance(0.15) ? null : `AN-${rng.int(0, 999)}`;
    case 'Phone':
      return rng.chance(0.15) ? null : `555-${String(rng.int(0, 9999)).padStart(4, '0')}`;
    case 'Rating':
      return rng.pick(RATINGS);
    case 'NumberOfEmployees':
      return rng.chance(0.15) ? null : rng.int(1, 5000);
    default:
      throw new Error(`no generator for Account.${field}`);
  }
}

function contactValue(rng: Rng, field: string, n: number): Value {
  switch (field) {
    case 'LastName':
      return `Person ${n}-${rng.int(0, 99)}`;
    case 'Email':
      return rng.chance(0.15) ? null : `p${n}.${rng.int(0, 999)}@example.com`;
    case 'Phone':
      return rng.chance(0.15) ? null : `555-${String(rng.int(0, 9999)).padStart(4, '0')}`;
    default:
      throw new Error(`no generator for Contact.${field}`);
  }
}

const UPDATABLE: Record<ObjectName, string[]> = {
  Account: ['Name', 'AccountNumber', 'Phone', 'Rating', 'NumberOfEmployees'],
  Contact: ['LastName', 'Email', 'Phone']
};

function valueFor(rng: Rng, object: ObjectName, field: string, n: number): Value {
  return object === 'Account' ? accountValue(rng, field, n) : contactValue(rng, field, n);
}

export interface WorkloadOptions {
  /** operations before the final fixes (default 40) */
  length?: number;
}

/** The operation log of a seed on a topology. */
export function generate(seed: number, topology: TopologyName, opts: WorkloadOptions = {}): Op[] {
  const rng = new Rng(seed * 7919 + TOPOLOGIES.indexOf(topology) * 104_729);
  const spec = SPECS[topology];
  const orgs = spec.orgs;
  const neighbours = (org: string): string[] =>
    spec.links.flatMap((l) => (l.a === org ? [l.b] : l.b === org ? [l.a] : []));
  const length = opts.length ?? 40;
  const ops: Op[] = [];
  const records: ModelRecord[] = [];
  const counts: Record<ObjectName, number> = { Account: 0, Contact: 0 };
  /** mapping breaks not fixed yet: `org` rejects `field` coming from `peer` */
  const broken: { org: string; peer: string; object: ObjectName; field: string }[] = [];
  const filterOn = new Set<string>();
  let faultsOn = false;

  /** handle -> the orgs where it was given an account number its peers refuse */
  const rejected = new Map<string, Set<string>>();
  const noteRejected = (handle: string, org: string, values: Record<string, Value>): void => {
    if (!String(values.AccountNumber ?? '').startsWith(REJECT_MARK)) return;
    const orgsOf = rejected.get(handle) ?? new Set<string>();
    orgsOf.add(org);
    rejected.set(handle, orgsOf);
  };
  const live = (object?: ObjectName): ModelRecord[] =>
    records.filter((r) => r.deletedIn === null && (!object || r.object === object));
  const orgFor = (r: ModelRecord): string => (r.spread ? rng.pick(orgs) : r.origin);
  const spreadAll = (): void => {
    for (const r of records) r.spread = true;
  };
  const insert = (object: ObjectName): void => {
    const org = rng.pick(orgs);
    const n = ++counts[object];
    const handle = `${object === 'Account' ? 'A' : 'C'}${n}`;
    const values: Record<string, Value> = {};
    for (const f of UPDATABLE[object]) {
      // an insert always carries the required name and the filter field, the rest at random
      if (f === 'Name' || f === 'LastName' || f === 'Rating' || rng.chance(0.7))
        values[f] = valueFor(rng, object, f, n);
    }
    const refs: Record<string, string | null> = {};
    const accounts = live('Account');
    if (object === 'Account' && accounts.length && rng.chance(0.4))
      refs.ParentId = rng.pick(accounts).handle; // a lower index: the hierarchy never cycles
    if (object === 'Contact' && accounts.length && rng.chance(0.85))
      refs.AccountId = rng.pick(accounts).handle;
    records.push({ handle, object, index: n, origin: org, spread: false, deletedIn: null });
    ops.push({ kind: 'insert', org, object, handle, values, refs, owner: rng.pick(OWNERS) });
    noteRejected(handle, org, values);
  };
  const update = (r: ModelRecord, org: string, fields?: string[]): void => {
    const values: Record<string, Value> = {};
    for (const f of fields ?? rng.subset(UPDATABLE[r.object]))
      values[f] = valueFor(rng, r.object, f, r.index);
    ops.push({ kind: 'update', org, handle: r.handle, values });
    noteRejected(r.handle, org, values);
  };

  // Each org captures Account changes by trigger or by CDC from the start (half the orgs each
  // way, at random); an admin may switch it later (capture below).
  const cdc = new Set<string>();
  for (const org of orgs)
    if (rng.chance(0.5)) {
      cdc.add(org);
      ops.push({ kind: 'capture', org, mode: 'Realtime_CDC' });
    }

  while (ops.length < length) {
    const choice = rng.weighted({
      insertAccount: records.length < 3 ? 40 : 12,
      insertContact: 10,
      update: 22,
      concurrent: 9,
      reparent: 7,
      delete: 5,
      undelete: 3,
      merge: 3,
      owner: 4,
      filter: 3,
      capture: 2,
      breakMapping: 3,
      fixMapping: broken.length ? 6 : 0,
      faults: faultsOn ? 0 : 4,
      unauthorized: 2,
      faultsOff: faultsOn ? 5 : 0,
      run: 8,
      tick: 5,
      deliver: 6
    });
    const anyLive = live();
    switch (choice) {
      case 'insertAccount':
        insert('Account');
        break;
      case 'insertContact':
        insert('Contact');
        break;
      case 'update':
        if (anyLive.length) {
          const r = rng.pick(anyLive);
          update(r, orgFor(r));
        }
        break;
      case 'concurrent': {
        // the same record edited in several orgs between deliveries: the same field or others
        const spread = anyLive.filter((r) => r.spread);
        if (!spread.length) break;
        const r = rng.pick(spread);
        const sameField = rng.chance(0.5);
        const fields = UPDATABLE[r.object];
        const first = rng.pick(fields);
        for (const org of orgs.filter(() => rng.chance(0.8)).slice(0, 3)) {
          update(r, org, sameField ? [first] : [rng.pick(fields.filter((f) => f !== first))]);
        }
        break;
      }
      case 'reparent': {
        if (!anyLive.length) break;
        const r = rng.pick(anyLive);
        const parents = live('Account').filter((p) => r.object === 'Contact' || p.index < r.index);
        const parent = parents.length && rng.chance(0.85) ? rng.pick(parents).handle : null;
        const field = r.object === 'Account' ? 'ParentId' : 'AccountId';
        ops.push({ kind: 'reparent', org: orgFor(r), handle: r.handle, field, parent });
        break;
      }
      case 'delete': {
        if (!anyLive.length) break;
        const r = rng.pick(anyLive);
        const org = orgFor(r);
        r.deletedIn = org;
        ops.push({ kind: 'delete', org, handle: r.handle });
        break;
      }
      case 'undelete': {
        const deleted = records.filter((r) => r.deletedIn !== null);
        if (!deleted.length) break;
        const r = rng.pick(deleted);
        ops.push({ kind: 'undelete', org: r.deletedIn ?? r.origin, handle: r.handle });
        r.deletedIn = null;
        break;
      }
      case 'merge': {
        const accounts = live('Account').filter((r) => r.spread);
        if (accounts.length < 2) break;
        const org = rng.pick(orgs);
        const master = rng.pick(accounts);
        const loser = rng.pick(accounts.filter((a) => a !== master));
        loser.deletedIn = org;
        ops.push({ kind: 'merge', org, master: master.handle, loser: loser.handle });
        break;
      }
      case 'owner': {
        const accounts = live('Account');
        if (!accounts.length) break;
        const r = rng.pick(accounts);
        ops.push({ kind: 'owner', org: orgFor(r), handle: r.handle, owner: rng.pick(OWNERS) });
        break;
      }
      case 'filter': {
        const org = rng.pick(orgs);
        const on = !filterOn.has(org);
        if (on) filterOn.add(org);
        else filterOn.delete(org);
        ops.push({ kind: 'filter', org, on, policy: rng.pick(LEAVE_FILTER_POLICIES) });
        break;
      }
      case 'capture': {
        const org = rng.pick(orgs);
        const mode: CaptureMode = cdc.has(org) ? 'Realtime_Trigger' : 'Realtime_CDC';
        if (mode === 'Realtime_CDC') cdc.add(org);
        else cdc.delete(org);
        ops.push({ kind: 'capture', org, mode });
        break;
      }
      case 'breakMapping': {
        const org = rng.pick(orgs);
        const peer = rng.pick(neighbours(org));
        const { object, field } = rng.pick(BREAKABLE);
        if (broken.some((b) => b.org === org && b.peer === peer && b.field === field)) break;
        broken.push({ org, peer, object, field });
        ops.push({ kind: 'field-mapping', org, peer, object, field, active: false });
        break;
      }
      case 'fixMapping': {
        const b = broken.splice(rng.int(0, broken.length - 1), 1)[0];
        ops.push(fix(rng, b));
        break;
      }
      case 'faults':
        faultsOn = true;
        ops.push({
          kind: 'faults',
          rate: rng.pick([0.1, 0.2, 0.4]),
          timeoutRate: rng.pick([0, 0.1, 0.2]),
          duplicateRate: rng.pick([0, 0.1, 0.2]),
          seed: rng.int(1, 1_000_000)
        });
        break;
      case 'unauthorized':
        faultsOn = true;
        ops.push({ kind: 'unauthorized' });
        break;
      case 'faultsOff':
        faultsOn = false;
        ops.push({ kind: 'faults-off' });
        break;
      case 'run':
        ops.push({ kind: 'run', org: rng.pick(orgs), jobs: rng.int(1, 2) });
        break;
      case 'tick':
        spreadAll();
        ops.push({ kind: 'tick', minutes: rng.pick([1, 5, 15, 61]) });
        break;
      case 'deliver':
        spreadAll();
        ops.push({ kind: 'deliver' });
        break;
    }
  }
  // every break gets its fix before the end: the peer rejected changes in between, which a replay
  // after the fix should deliver
  for (const b of broken) ops.push(fix(rng, b));
  // and every account number the peers refused is corrected where it was entered (the peers took
  // none of it; an org that no longer has the record live skips the edit)
  for (const [handle, orgsOf] of rejected)
    for (const org of orgsOf)
      ops.push({ kind: 'update', org, handle, values: { AccountNumber: `AN-FIX-${org}` } });
  return ops;
}

/**
 * Fixing a break: either the org accepts the field again, or the admin stops sending it from the
 * peer (so the queued changes that carry it are no longer wanted as they are).
 */
function fix(rng: Rng, b: { org: string; peer: string; object: ObjectName; field: string }): Op {
  return rng.chance(0.5)
    ? {
        kind: 'field-mapping',
        org: b.org,
        peer: b.peer,
        object: b.object,
        field: b.field,
        active: true
      }
    : {
        kind: 'field-mapping',
        org: b.peer,
        peer: b.org,
        object: b.object,
        field: b.field,
        active: false
      };
}

/**
 * Whether a log ends with every field mapped alike on both sides of each link: a break must be
 * followed by its fix. The minimizer only tries such logs, so a reproduction never rests on a
 * misconfiguration left in place.
 */
export function mappingsSymmetric(ops: readonly Op[]): boolean {
  const inactive = new Set<string>();
  for (const op of ops) {
    if (op.kind !== 'field-mapping') continue;
    const key = `${op.org}>${op.peer}:${op.object}.${op.field}`;
    if (op.active) inactive.delete(key);
    else inactive.add(key);
  }
  for (const key of inactive) {
    const [pair, field] = key.split(':');
    const [org, peer] = pair.split('>');
    if (!inactive.has(`${peer}>${org}:${field}`)) return false;
  }
  return true;
}

/** One operation as a readable step. */
export function describe(op: Op): string {
  const vals = (v: Record<string, Value>): string =>
    Object.entries(v)
      .map(([k, x]) => `${k}=${x === null ? 'null' : JSON.stringify(x)}`)
      .join(', ');
  switch (op.kind) {
    case 'insert': {
      const refs = Object.entries(op.refs).map(([k, h]) => `${k}=${h ?? 'null'}`);
      return `${op.org}: insert ${op.object} ${op.handle} {${[vals(op.values), ...refs, `owner=${op.owner}`].filter(Boolean).join(', ')}}`;
    }
    case 'update':
      return `${op.org}: update ${op.handle} {${vals(op.values)}}`;
    case 'reparent':
      return `${op.org}: set ${op.handle}.${op.field} = ${op.parent ?? 'null'}`;
    case 'delete':
      return `${op.org}: delete ${op.handle}`;
    case 'undelete':
      return `${op.org}: undelete ${op.handle}`;
    case 'merge':
      return `${op.org}: merge ${op.loser} into ${op.master}`;
    case 'owner':
      return `${op.org}: owner of ${op.handle} = ${op.owner}`;
    case 'filter':
      return `${op.org}: Account mapping filter ${op.on ? `on (leave-filter policy ${op.policy})` : 'off'}`;
    case 'capture':
      return `${op.org}: capture Account changes by ${op.mode === 'Realtime_CDC' ? 'Change Data Capture' : 'trigger'}`;
    case 'field-mapping':
      return `${op.org}: ${op.active ? 'activate' : 'deactivate'} field mapping ${op.object}.${op.field} for ${op.peer}`;
    case 'faults':
      return `faults: ${op.rate * 100}% 5xx, ${op.timeoutRate * 100}% timeouts, ${op.duplicateRate * 100}% duplicates (seed ${op.seed})`;
    case 'unauthorized':
      return 'faults: every callout answered 401';
    case 'faults-off':
      return 'faults off';
    case 'run':
      return `${op.org}: run ${op.jobs} queued job(s)`;
    case 'tick':
      return `clock +${op.minutes} min, sweep in every org`;
    case 'deliver':
      return 'deliver: run all ready async work';
  }
}
