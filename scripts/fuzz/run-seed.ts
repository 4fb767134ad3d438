// One fuzz run: reset the topology's World, apply an operation log, drain to quiescence, check.
import { check, collect, type Violation } from './checker.ts';
import { Directory, Executor, type OpResult } from './executor.ts';
import { quiesce, type QuiesceReport } from './quiesce.ts';
import { buildWorld, resetWorld, type FuzzWorld, type TopologyName } from './topology.ts';
import type { Op } from './workload.ts';

/**
 * A topology's World with its directory, built once and reset for every run. A run that leaves
 * async work behind (the local org failed mid-drain) marks it dirty: the next run builds it anew,
 * because queued jobs hold state (duplicate signatures) that restoring the data cannot undo.
 */
export interface Bench {
  fw: FuzzWorld;
  dir: Directory;
  dirty: boolean;
  rebuilds: number;
}

export async function bench(topology: TopologyName): Promise<Bench> {
  const fw = await buildWorld(topology);
  return { fw, dir: new Directory(fw), dirty: false, rebuilds: 0 };
}

export interface SeedRun {
  seed: number;
  topology: TopologyName;
  ops: Op[];
  results: OpResult[];
  quiesce: QuiesceReport | null;
  violations: Violation[];
  /** an exception of the local org itself while draining or reading the orgs (not an engine result) */
  localOrgError: string | null;
  /** faults the World injected: callouts answered 5xx/401, timed out, or delivered twice */
  faults: Record<string, number>;
  callouts: number;
  ms: number;
}

export async function runOps(b: Bench, seed: number, ops: Op[]): Promise<SeedRun> {
  const t0 = performance.now();
  if (b.dirty || Object.values(b.fw.orgs).some((o) => o.asyncQueue.size > 0)) {
    const fresh = await bench(b.fw.spec.name);
    b.fw = fresh.fw;
    b.dir = fresh.dir;
    b.dirty = false;
    b.rebuilds++;
  }
  resetWorld(b.fw);
  const ex = new Executor(b.fw, b.dir);
  const results: OpResult[] = [];
  for (const op of ops) results.push(await ex.apply(op));
  let q: QuiesceReport | null = null;
  let violations: Violation[] = [];
  let localOrgError: string | null = null;
  try {
    q = await quiesce(b.fw, b.dir);
    violations = check(collect(b.fw, seed, ex.names()));
  } catch (e) {
    localOrgError =
      e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 4).join(' | ') : String(e);
    b.dirty = true;
  }
  const faults: Record<string, number> = {};
  for (const c of b.fw.world.callouts) {
    if (!c.fault) continue;
    const key = c.fault === 'status' ? `http${c.response.status}` : c.fault;
    faults[key] = (faults[key] ?? 0) + 1;
  }
  return {
    seed,
    topology: b.fw.spec.name,
    ops,
    results,
    quiesce: q,
    violations,
    localOrgError,
    faults,
    callouts: b.fw.world.callouts.length,
    ms: Math.round(performance.now() - t0)
  };
}
