// A World's state as plain JSON, and back: every org's records (deleted ones in the recycle bin
// too), its Id and auto-number counters, the shared clock and the World's connections. A World
// restored from it goes on as the saved one would have: the next Id minted follows the last one,
// auto numbers continue, the clock reads the saved time, callouts reach the same peers as the same
// users. Used by the local demo to keep its orgs between restarts (docs/localorg.md, "Snapshots").
//
// What is deliberately not carried: the undo log (a snapshot is taken between transactions, where
// it is empty), Platform Cache (the platform may evict it at any time, so losing it is what an app
// must survive anyway), debug logs, sent e-mails and the callout log (diagnostics, not state).
// Pending async work is carried (version 2): queued Queueables, batches not started yet, @future
// calls, the next run of each scheduled job and events waiting for delivery, each with its Apex
// state (world/apex-state.ts), so a restored World runs them when they fall due. A job whose state
// cannot be written back faithfully (it holds a platform object such as an HttpRequest) makes the
// snapshot refuse, naming the job and the value, instead of dropping it.
import type { Org } from '../org.ts';
import {
  decodeValue,
  encodeValue,
  WorldSnapshotError,
  type SnapshotValue
} from './snapshot-values.ts';
import type { Row } from '../data/store.ts';
import type { PersistedJob } from '../async/jobs.ts';

export {
  decodeValue,
  encodeValue,
  WorldSnapshotError,
  type SnapshotValue
} from './snapshot-values.ts';

/** Bump when the shape below changes; restore refuses other versions. */
export const SNAPSHOT_VERSION = 2;
/** Versions restore reads: 1 had no pending jobs (it refused to save any). */
export const SNAPSHOT_VERSIONS_READ = [1, 2];

export interface OrgSnapshot {
  name: string;
  organizationId: string;
  /** key prefix → last counter used */
  ids: Record<string, number>;
  autoNumbers: Record<string, number>;
  /** [type, id, deleted, deletedWith, { lower-case field: value }] in insertion order */
  rows: [string, string, boolean, string | null, Record<string, SnapshotValue>][];
  /** Pending async jobs in the order they would run (version 2). */
  jobs?: PersistedJob[];
}

export interface WorldSnapshot {
  version: number;
  /** the World clock, epoch ms */
  clock: number;
  orgs: OrgSnapshot[];
  connections: { from: string; namedCredential: string; to: string; username: string }[];
}

/** What `snapshotOrg` and `restoreOrg` need of an org (all public on Org). */
type SnapshotOrg = Pick<
  Org,
  | 'name'
  | 'organizationId'
  | 'ids'
  | 'asyncQueue'
  | 'inTransaction'
  | 'autoNumberState'
  | 'restoreAsyncJob'
> & {
  snapshotData(): unknown;
  restoreData(rows: unknown): void;
};

function between(org: SnapshotOrg): void {
  if (org.inTransaction)
    throw new WorldSnapshotError(
      `Org ${org.name}: a transaction is open; save between transactions`
    );
}

/** The org's pending jobs as data, in run order; refuses, naming the job, when one cannot be saved. */
function pendingJobs(org: SnapshotOrg): PersistedJob[] {
  const pending = [...org.asyncQueue.pending()].sort(
    (a, b) => a.notBefore - b.notBefore || a.seq - b.seq
  );
  return pending.map((job) => {
    if (!job.persist)
      throw new WorldSnapshotError(
        `Org ${org.name}: the pending ${job.kind} "${job.label}" cannot be saved in a snapshot; run it first (World.drain)`
      );
    try {
      return job.persist();
    } catch (e) {
      if (!(e instanceof WorldSnapshotError)) throw e;
      throw new WorldSnapshotError(
        `Org ${org.name}: the pending ${job.kind} "${job.label}" cannot be saved: ${e.message}`
      );
    }
  });
}

/** One org's records, counters and pending jobs; the org must be between transactions. */
export function snapshotOrg(org: SnapshotOrg): OrgSnapshot {
  between(org);
  const jobs = pendingJobs(org);
  const rows = org.snapshotData() as Row[];
  return {
    name: org.name,
    organizationId: org.organizationId,
    ids: Object.fromEntries(org.ids.state),
    autoNumbers: Object.fromEntries(org.autoNumberState),
    rows: rows.map((row) => {
      const values: Record<string, SnapshotValue> = {};
      for (const [field, value] of row.values)
        values[field] = encodeValue(
          value,
          `Org ${org.name}, ${row.type} ${row.id}, field ${field}`
        );
      return [row.type, row.id, row.deleted, row.deletedWith ?? null, values];
    }),
    jobs
  };
}

/**
 * Replaces an org's records and counters with a snapshot's. The org must have been created from the
 * same sources as the one saved (its setup records carry the same Ids): a different Organization Id
 * means it was not, and the restore refuses.
 */
/** Refuses an org that has queued async work: a snapshot is restored into orgs as created. */
export function requireNoPendingJobs(org: SnapshotOrg): void {
  if (org.asyncQueue.size > 0)
    throw new WorldSnapshotError(
      `Org ${org.name} has ${org.asyncQueue.size} pending async job(s): restore into orgs as created, before they run anything`
    );
}

export function restoreOrg(org: SnapshotOrg, saved: OrgSnapshot): void {
  between(org);
  requireNoPendingJobs(org);
  if (saved.organizationId !== org.organizationId)
    throw new WorldSnapshotError(
      `Org ${org.name}: the snapshot was taken of organization ${saved.organizationId}, this org is ${org.organizationId} (create the orgs in the same order as when it was saved)`
    );
  const rows: Row[] = saved.rows.map(([type, id, deleted, deletedWith, values]) => ({
    id,
    type,
    deleted,
    ...(deletedWith ? { deletedWith } : {}),
    values: new Map(
      Object.entries(values).map(([field, value]) => [
        field,
        decodeValue(value, `Org ${org.name}, ${type} ${id}, field ${field}`)
      ])
    )
  }));
  org.restoreData(rows);
  org.ids.state.clear();
  for (const [prefix, n] of Object.entries(saved.ids)) org.ids.state.set(prefix, n);
  org.autoNumberState.clear();
  for (const [key, n] of Object.entries(saved.autoNumbers)) org.autoNumberState.set(key, n);
  try {
    for (const job of saved.jobs ?? []) org.restoreAsyncJob(job);
  } catch (e) {
    org.asyncQueue.clear();
    throw new WorldSnapshotError(
      `Org ${org.name}: a saved job cannot be queued again: ${(e as Error).message}`
    );
  }
}
