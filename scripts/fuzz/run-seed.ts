// One fuzz run: reset the topology's World, apply an operation log, drain to quiescence, check.
import { check, collect, type Violation } from './checker.ts';
import { Directory, Executor, type OpResult } from './executor.ts';
import { quiesce, type QuiesceReport } from './quiesce.ts';
import { buildWorld, resetWorld, type FuzzWorld, type TopologyName } from './topology.ts';
import type { Op } from './workload.ts';

/** A topology's World with its directory, built once and reset for every run. */
export interface Bench {
  fw: FuzzWorld;
  dir: Directory;
}

export async function bench(topology: TopologyName): Promise<Bench> {
  const fw = await buildWorld(topology);
  return { fw, dir: new Directory(fw) };
}

export interface SeedRun {
  seed: number;
  topology: TopologyName;
  ops: Op[];
  results: OpResult[];
  quiesce: QuiesceReport;
  violations: Violation[];
  /** faults the World injected: callouts answered 5xx/401, timed out, or delivered twice */
  faults: Record<string, number>;
  callouts: number;
  ms: number;
}

export async function runOps(b: Bench, seed: number, ops: Op[]): Promise<SeedRun> {
  const t0 = performance.now();
  resetWorld(b.fw);
  const ex = new Executor(b.fw, b.dir);
  const results: OpResult[] = [];
  for (const op of ops) results.push(await ex.apply(op));
  const q = await quiesce(b.fw, b.dir);
  const violations = check(collect(b.fw, seed, ex.names()));
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
    faults,
    callouts: b.fw.world.callouts.length,
    ms: Math.round(performance.now() - t0)
  };
}
