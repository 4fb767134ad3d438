// The convergence invariant, checked after quiescence over every pair of connected orgs and every
// mapped object: each live in-scope record has exactly one live counterpart (crosswalk) with equal
// values for every field mapped on both sides (lookups through the crosswalk, owners by username);
// deleted records have no live counterpart; every outbox entry is Delivered, Superseded with its reason, or parked with an audit.
// `collect` reads the orgs once; each check is a small pure function over that state.
import { rows } from '../../test/e2e/s2s-world.ts';
import type { FuzzWorld, Link, Org } from './topology.ts';

export interface Violation {
  seed: number;
  topology: string;
  check: string;
  org: string;
  object: string;
  record: string;
  field: string | null;
  expected: unknown;
  actual: unknown;
}

export interface RecordState {
  id: string;
  object: string;
  deleted: boolean;
  values: Record<string, unknown>;
}

export interface MappingState {
  peer: string;
  object: string;
  active: boolean;
  filter: string | null;
  /** mapped field (the sender's name, here the same on both sides) → active */
  fields: Map<string, boolean>;
}

export interface OrgState {
  name: string;
  records: Map<string, RecordState>;
  mappings: MappingState[];
  crosswalk: { peer: string; object: string; localId: string; remoteId: string }[];
  outbox: {
    id: string;
    peer: string;
    status: string;
    object: string;
    recordId: string;
    error: string | null;
  }[];
  /** `<peer>:<record Id>` of every Parked audit entry with a reason */
  parkedAudits: Set<string>;
  /** user Id → username */
  users: Map<string, string>;
  /** field → kind, per object: how a value compares across orgs */
  kinds: Map<string, 'value' | 'lookup' | 'owner'>;
}

export interface WorldState {
  seed: number;
  topology: string;
  links: Link[];
  orgs: Map<string, OrgState>;
  /** record Id → handle (A1, C3), for readable reports */
  names: Map<string, string>;
}

type Emit = (v: Omit<Violation, 'seed' | 'topology'>) => void;

// ---- reading the orgs -------------------------------------------------------------------------

function text(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

export function collectOrg(org: Org, peersByOrgId: Map<string, string>): OrgState {
  const connections = new Map<string, string>();
  for (const c of rows<{ Id: string; Peer_Org_Id__c: string }>(
    org,
    'SELECT Id, Peer_Org_Id__c FROM S2S_Connection__c'
  )) {
    const peer = peersByOrgId.get(c.Peer_Org_Id__c);
    if (peer) connections.set(c.Id, peer);
  }
  const peerOf = (connectionId: unknown): string => connections.get(text(connectionId)) ?? '?';
  const mappings = new Map<string, MappingState>();
  for (const m of rows<{
    Id: string;
    Connection__c: string;
    Source_Object__c: string;
    Active__c: boolean;
    Filter__c: string | null;
  }>(
    org,
    'SELECT Id, Connection__c, Source_Object__c, Active__c, Filter__c FROM S2S_Object_Mapping__c'
  )) {
    mappings.set(m.Id, {
      peer: peerOf(m.Connection__c),
      object: m.Source_Object__c,
      active: m.Active__c,
      filter: m.Filter__c || null,
      fields: new Map()
    });
  }
  for (const f of rows<{
    Object_Mapping__c: string;
    Source_Field__c: string | null;
    Active__c: boolean;
  }>(org, 'SELECT Object_Mapping__c, Source_Field__c, Active__c FROM S2S_Field_Mapping__c')) {
    if (f.Source_Field__c)
      mappings.get(f.Object_Mapping__c)?.fields.set(f.Source_Field__c, f.Active__c);
  }
  const records = new Map<string, RecordState>();
  const kinds = new Map<string, 'value' | 'lookup' | 'owner'>();
  const objects = new Set([...mappings.values()].map((m) => m.object));
  for (const object of objects) {
    const fields = new Set<string>();
    for (const m of mappings.values())
      if (m.object === object) for (const f of m.fields.keys()) fields.add(f);
    const schema = org.schema.require(object);
    for (const f of fields) {
      const info = schema.field(f);
      kinds.set(
        `${object}.${f}`,
        f === 'OwnerId' ? 'owner' : info?.type === 'reference' ? 'lookup' : 'value'
      );
    }
    for (const r of rows<Record<string, unknown>>(
      org,
      `SELECT Id, IsDeleted, ${[...fields].join(', ')} FROM ${object} ALL ROWS`
    )) {
      const values: Record<string, unknown> = {};
      for (const f of fields) values[f] = r[f];
      records.set(text(r.Id), { id: text(r.Id), object, deleted: r.IsDeleted === true, values });
    }
  }
  const crosswalk = rows<{
    Connection__c: string;
    Object_Name__c: string;
    Local_Id__c: string;
    Remote_Id__c: string;
  }>(
    org,
    'SELECT Connection__c, Object_Name__c, Local_Id__c, Remote_Id__c FROM S2S_Crosswalk__c'
  ).map((c) => ({
    peer: peerOf(c.Connection__c),
    object: c.Object_Name__c,
    localId: text(c.Local_Id__c),
    remoteId: text(c.Remote_Id__c)
  }));
  const outbox = rows<{
    Id: string;
    Connection__c: string;
    Status__c: string;
    Object_Name__c: string;
    Record_Id__c: string;
    Last_Error__c: string | null;
  }>(
    org,
    'SELECT Id, Connection__c, Status__c, Object_Name__c, Record_Id__c, Last_Error__c FROM S2S_Outbox__c'
  ).map((o) => ({
    id: o.Id,
    peer: peerOf(o.Connection__c),
    status: o.Status__c,
    object: o.Object_Name__c,
    recordId: text(o.Record_Id__c),
    error: o.Last_Error__c
  }));
  const parkedAudits = new Set(
    rows<{ Connection__c: string; Local_Record_Id__c: string; Error__c: string | null }>(
      org,
      "SELECT Connection__c, Local_Record_Id__c, Error__c FROM S2S_Audit_Log__c WHERE Stage__c = 'Parked'"
    )
      .filter((a) => text(a.Error__c) !== '')
      .map((a) => `${peerOf(a.Connection__c)}:${text(a.Local_Record_Id__c)}`)
  );
  const users = new Map(
    rows<{ Id: string; Username: string }>(org, 'SELECT Id, Username FROM User').map((u) => [
      u.Id,
      u.Username
    ])
  );
  return {
    name: org.name,
    records,
    mappings: [...mappings.values()],
    crosswalk,
    outbox,
    parkedAudits,
    users,
    kinds
  };
}

export function collect(
  fw: FuzzWorld,
  seed: number,
  names = new Map<string, string>()
): WorldState {
  const peersByOrgId = new Map(Object.values(fw.orgs).map((o) => [o.organizationId, o.name]));
  const orgs = new Map<string, OrgState>();
  for (const org of Object.values(fw.orgs)) orgs.set(org.name, collectOrg(org, peersByOrgId));
  return { seed, topology: fw.spec.name, links: fw.spec.links, orgs, names };
}

// ---- helpers over the state ---------------------------------------------------------------------

/** The records of `to` that `from`'s record `id` is linked to, by either org's crosswalk. */
export function linked(s: WorldState, from: string, id: string, to: string): RecordState[] {
  const x = must(s.orgs.get(from));
  const y = must(s.orgs.get(to));
  const ids = new Set<string>();
  for (const c of x.crosswalk) if (c.peer === to && c.localId === id) ids.add(c.remoteId);
  for (const c of y.crosswalk) if (c.peer === from && c.remoteId === id) ids.add(c.localId);
  return [...ids].map((i) => y.records.get(i)).filter((r): r is RecordState => !!r);
}

function must<T>(v: T | undefined): T {
  if (v === undefined) throw new Error('missing state');
  return v;
}

function mappingOf(org: OrgState, peer: string, object: string): MappingState | undefined {
  return org.mappings.find((m) => m.peer === peer && m.object === object && m.active);
}

/** The mapping filters the workload writes: `Field != 'value'` or `Field = 'value'`. */
export function meetsFilter(filter: string | null, r: RecordState): boolean {
  if (!filter) return true;
  const m = /^\s*(\w+)\s*(!=|<>|=)\s*'([^']*)'\s*$/.exec(filter);
  if (!m) throw new Error(`the checker cannot evaluate the filter ${filter}`);
  const equal = text(r.values[m[1]]).toLowerCase() === m[3].toLowerCase();
  return m[2] === '=' ? equal : !equal;
}

function inScope(org: OrgState, peer: string, r: RecordState): boolean {
  const m = mappingOf(org, peer, r.object);
  return !!m && meetsFilter(m.filter, r);
}

/** Comparable form of a stored value: blank text is null, numbers are numbers. */
export function normal(v: unknown): unknown {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v;
}

function label(s: WorldState, id: string): string {
  const handle = s.names.get(id);
  return handle ? `${handle}/${id}` : id;
}

/** Ordered pairs of connected orgs (both directions of every link). */
function pairs(s: WorldState): [string, string][] {
  return s.links.flatMap((l): [string, string][] => [
    [l.a, l.b],
    [l.b, l.a]
  ]);
}

// ---- the checks -------------------------------------------------------------------------------

/** A live in-scope record has one live counterpart: not none, not only deleted ones, not several. */
export function checkCounterparts(s: WorldState, emit: Emit): void {
  for (const [from, to] of pairs(s)) {
    const x = must(s.orgs.get(from));
    for (const r of x.records.values()) {
      if (r.deleted || !inScope(x, to, r)) continue;
      const copies = linked(s, from, r.id, to);
      const live = copies.filter((c) => !c.deleted);
      const base = { org: from, object: r.object, record: label(s, r.id), field: null };
      if (copies.length === 0 && s.names.size > 0 && !s.names.has(r.id)) {
        // neither made by the workload nor linked to a record that was: S2S Sync created it and
        // lost its link, a duplicate of a record that has (or had) another copy here
        emit({
          ...base,
          check: 'unlinked-copy',
          expected: `made by the workload, or linked to a copy in ${to}`,
          actual: 'created by S2S Sync, linked to nothing'
        });
      } else if (copies.length === 0) {
        emit({
          ...base,
          check: 'counterpart-missing',
          expected: `a copy in ${to}`,
          actual: 'none'
        });
      } else if (live.length === 0) {
        emit({
          ...base,
          check: 'counterpart-deleted',
          expected: `a live copy in ${to}`,
          actual: `deleted in ${to}: ${copies.map((c) => label(s, c.id)).join(', ')}`
        });
      } else if (live.length > 1) {
        emit({
          ...base,
          check: 'duplicate',
          expected: `one live copy in ${to}`,
          actual: live.map((c) => label(s, c.id)).join(', ')
        });
      }
    }
  }
}

/** Linked live records hold equal values in every field both sides map (each pair checked once). */
export function checkFields(s: WorldState, emit: Emit): void {
  for (const [from, to] of pairs(s)) {
    if (from > to) continue;
    const x = must(s.orgs.get(from));
    const y = must(s.orgs.get(to));
    for (const r of x.records.values()) {
      if (r.deleted) continue;
      const live = linked(s, from, r.id, to).filter((c) => !c.deleted);
      if (live.length !== 1) continue; // reported by checkCounterparts
      const copy = live[0];
      // a record out of either side's filter is governed by that side's leave-filter policy: its
      // copy was kept as last sent, deleted or blanked, and the two may differ from then on
      if (!inScope(x, to, r) || !inScope(y, from, copy)) continue;
      const mx = mappingOf(x, to, r.object);
      const my = mappingOf(y, from, r.object);
      if (!mx || !my) continue;
      for (const [field, active] of mx.fields) {
        if (!active || my.fields.get(field) !== true) continue;
        const kind = x.kinds.get(`${r.object}.${field}`) ?? 'value';
        const base = { org: to, object: r.object, record: label(s, copy.id), field };
        if (kind === 'value') {
          const expected = normal(r.values[field]);
          const actual = normal(copy.values[field]);
          if (expected !== actual)
            emit({
              ...base,
              check: 'field-mismatch',
              expected: `${expected} (${from} ${label(s, r.id)})`,
              actual
            });
        } else if (kind === 'owner') {
          const expected = x.users.get(text(r.values[field])) ?? text(r.values[field]);
          const actual = y.users.get(text(copy.values[field])) ?? text(copy.values[field]);
          if (expected !== actual)
            emit({
              ...base,
              check: 'owner-mismatch',
              expected: `${expected} (${from} ${label(s, r.id)})`,
              actual
            });
        } else {
          const parent = text(r.values[field]);
          const parentCopies = parent ? linked(s, from, parent, to).filter((c) => !c.deleted) : [];
          const expected = parent ? (parentCopies.length === 1 ? parentCopies[0].id : null) : null;
          // a parent the other org has no copy of and that is not shared with it (out of its
          // mapping's filter) travels blank, either way (docs/convergence.md, "Parents that are
          // not shared")
          const parentRecord = parent ? x.records.get(parent) : undefined;
          const parentShared =
            !!parentRecord && !parentRecord.deleted && inScope(x, to, parentRecord);
          const own = text(copy.values[field]) || null;
          const ownParent = own ? y.records.get(own) : undefined;
          // (or a parent deleted there: nothing to point to, whatever the field still holds)
          const ownUnshared =
            !!ownParent &&
            (ownParent.deleted ||
              (!inScope(y, from, ownParent) &&
                linked(s, to, ownParent.id, from).every((c) => c.deleted)));
          const actual = ownUnshared ? null : own;
          if (expected !== actual || (parent && expected === null && parentShared)) {
            emit({
              ...base,
              check: 'lookup-mismatch',
              expected: parent
                ? `${expected ? label(s, expected) : 'no live copy'} (copy of ${from} ${label(s, parent)})`
                : null,
              actual: own ? label(s, own) : null
            });
          }
        }
      }
    }
  }
}

/**
 * Every outbox entry ends Delivered, Superseded with the reason (record gone, out of the filter, or
 * carried by a later delivery: docs/convergence.md), or Parked with a Parked audit entry giving the
 * reason.
 */
export function checkOutbox(s: WorldState, emit: Emit): void {
  for (const org of s.orgs.values()) {
    for (const e of org.outbox) {
      const base = { org: org.name, object: e.object, record: label(s, e.recordId), field: null };
      if (e.status === 'Delivered') continue;
      if (e.status === 'Superseded' && e.error) continue;
      if (e.status !== 'Parked') {
        emit({
          ...base,
          check: 'outbox-open',
          expected: 'Delivered, Superseded with its reason, or Parked',
          actual: `${e.status} (${e.id})`
        });
      } else if (!org.parkedAudits.has(`${e.peer}:${e.recordId}`)) {
        emit({
          ...base,
          check: 'outbox-parked-unaudited',
          expected: 'a Parked audit entry with the reason',
          actual: `none (${e.id}: ${e.error ?? ''})`
        });
      }
    }
  }
}

export const CHECKS: Record<string, (s: WorldState, emit: Emit) => void> = {
  counterparts: checkCounterparts,
  fields: checkFields,
  outbox: checkOutbox
};

export function check(s: WorldState): Violation[] {
  const out: Violation[] = [];
  const emit: Emit = (v) => out.push({ seed: s.seed, topology: s.topology, ...v });
  for (const run of Object.values(CHECKS)) run(s, emit);
  return out;
}

/**
 * The class of a violation: what a minimal reproduction must keep failing on. The field is left
 * out on purpose: one engine bug shows on whichever fields the workload happened to edit.
 */
export function signature(v: Pick<Violation, 'check' | 'object'>): string {
  return `${v.check} ${v.object}`;
}
