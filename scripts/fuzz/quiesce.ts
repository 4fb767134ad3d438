// Drains a World to quiescence, as time and an S2S admin would: faults end, all async work runs,
// the clock moves past the retry backoffs and each org's periodic sweep restarts the dispatchers,
// and parked work is replayed (S2SOutboxService.replayAllParked, as the admin) until no outbox
// entry is due and a replay changes nothing. Then one reconciliation pass (S2SReconciler on every
// mapping that sends, as the admin would schedule it) and the same again until quiet.
import { count, rows } from '../../test/e2e/s2s-world.ts';
import { adminUsername, type FuzzWorld, type Org } from './topology.ts';
import { sweep, type Directory } from './executor.ts';

const OPEN = "Status__c IN ('Pending', 'Failed', 'In_Flight')";

export interface QuiesceReport {
  rounds: number;
  replays: number;
  /** reconciliation runs started (one per sending mapping per org) */
  reconciliations: number;
  /**
   * records the reconciliation found different and repaired: what real-time delivery and the
   * replays had not carried (a switched-off field's later values, records entering a filter), and
   * what a delivery defect would leave to anti-entropy; converging is required, this is reported
   */
  repaired: number;
  /** false when the round limit was reached with work still due */
  quiet: boolean;
}

function due(orgs: Org[]): number {
  return orgs.reduce((n, o) => n + count(o, `SELECT COUNT() FROM S2S_Outbox__c WHERE ${OPEN}`), 0);
}

function parked(orgs: Org[]): number {
  return orgs.reduce(
    (n, o) => n + count(o, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c = 'Parked'"),
    0
  );
}

export async function quiesce(
  fw: FuzzWorld,
  dir: Directory,
  opts: { maxRounds?: number; maxReplays?: number } = {}
): Promise<QuiesceReport> {
  const maxRounds = opts.maxRounds ?? 12;
  const maxReplays = opts.maxReplays ?? 2;
  const orgs = Object.values(fw.orgs);
  fw.world.faults(null);
  let replays = 0;
  let lastParked = -1;
  let reconciliations = 0;
  let calloutsBefore = 0;
  const repaired = (): number => repairedSince(fw, calloutsBefore);
  for (let round = 1; round <= maxRounds; round++) {
    await fw.world.drain({ advanceClock: true, until: fw.world.clock.now() + 3_600_000 });
    if (due(orgs) > 0) {
      // past the longest backoff (60 min), then the sweep starts what is due
      fw.world.clock.advance(61 * 60_000);
      for (const org of orgs) sweep(org);
      continue;
    }
    const nowParked = parked(orgs);
    if (nowParked === 0 || replays >= maxReplays || nowParked === lastParked) {
      if (reconciliations > 0)
        return { rounds: round, replays, reconciliations, repaired: repaired(), quiet: true };
      calloutsBefore = fw.world.callouts.length;
      reconciliations = reconcile(orgs);
      continue;
    }
    lastParked = nowParked;
    replays++;
    for (const org of orgs) {
      for (const peer of dir.neighbours(org.name)) {
        const r = org.executeAnonymous(
          `S2SOutboxService.replayAllParked('${dir.connection(org.name, peer)}');`,
          { as: adminUsername(org.name) }
        );
        if (!r.success) throw new Error(`${org.name}: replay failed: ${JSON.stringify(r)}`);
      }
    }
  }
  return {
    rounds: maxRounds,
    replays,
    reconciliations,
    repaired: reconciliations ? repaired() : 0,
    quiet: due(orgs) === 0
  };
}

/** Records named by the reconciliation's repair requests (S2SReconciler) since callout `from`. */
function repairedSince(fw: FuzzWorld, from: number): number {
  let n = 0;
  for (const c of fw.world.callouts.slice(from)) {
    if (!c.request.endpoint.endsWith('/s2s/v1/reconcile') || c.response.status !== 200) continue;
    const body = JSON.parse(String(c.request.body)) as {
      operation?: string;
      ids?: unknown[];
      keys?: unknown[];
    };
    if (body.operation === 'repair') n += (body.ids?.length ?? 0) + (body.keys?.length ?? 0);
  }
  return n;
}

/** Starts S2SReconciler on every active mapping that sends, in every org; returns how many. */
function reconcile(orgs: Org[]): number {
  let started = 0;
  for (const org of orgs) {
    const mappings = rows<{ Id: string }>(
      org,
      "SELECT Id FROM S2S_Object_Mapping__c WHERE Active__c = true AND Direction__c != 'Inbound'"
    );
    for (const m of mappings) {
      const r = org.executeAnonymous(`S2SReconciler.start('${m.Id}');`, {
        as: adminUsername(org.name)
      });
      if (!r.success) throw new Error(`${org.name}: reconciliation failed: ${JSON.stringify(r)}`);
      started++;
    }
  }
  return started;
}
