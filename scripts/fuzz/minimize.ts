// Delta debugging of a failing operation log: the shortest prefix that still shows the violation
// class, then single operations removed while it still does. Every candidate is re-run from the
// World's reset state, so the result reproduces exactly.
import { signature } from './checker.ts';
import { runOps, type Bench, type SeedRun } from './run-seed.ts';
import { mappingsSymmetric, type Op } from './workload.ts';

export interface Reproduction {
  signature: string;
  ops: Op[];
  /** the run of the minimal log */
  run: SeedRun;
  /** re-runs spent */
  runs: number;
  /** the log it started from */
  from: number;
}

export async function minimize(
  b: Bench,
  seed: number,
  ops: Op[],
  wanted: string,
  budget = 150,
  onLocalOrgError?: (run: SeedRun) => void
): Promise<Reproduction> {
  let runs = 0;
  const failing = new Map<Op[], SeedRun>();
  const fails = async (candidate: Op[]): Promise<boolean> => {
    if (!mappingsSymmetric(candidate)) return false;
    runs++;
    const run = await runOps(b, seed, candidate);
    if (run.localOrgError) onLocalOrgError?.(run);
    const ok = run.violations.some((v) => signature(v) === wanted);
    if (ok) failing.set(candidate, run);
    return ok;
  };
  // the shortest failing prefix (binary search; the whole log fails). A prefix cut between a
  // mapping break and its fix is not a valid log: the search then settles on a longer prefix.
  let lo = 0;
  let hi = ops.length;
  while (lo < hi && runs < budget) {
    const mid = Math.floor((lo + hi) / 2);
    if (await fails(ops.slice(0, mid))) hi = mid;
    else lo = mid + 1;
  }
  let current = hi === ops.length ? ops : ops.slice(0, hi);
  // the prefix candidate that failed is the same array the search tested
  for (const [candidate, run] of failing) if (candidate.length === hi) failing.set(current, run);
  // then drop single operations, last first, until a whole pass removes nothing; a mapping
  // break is also tried together with its fix (alone, either leaves the mappings asymmetric)
  for (let changed = true; changed && runs < budget;) {
    changed = false;
    for (let i = current.length - 1; i >= 0 && runs < budget; i--) {
      if (i >= current.length) continue;
      for (const drop of [[i], partners(current, i)]) {
        if (drop.length === 0 || (drop.length === 1 && drop[0] !== i)) continue;
        const candidate = current.filter((_, k) => !drop.includes(k));
        if (await fails(candidate)) {
          current = candidate;
          changed = true;
          break;
        }
      }
    }
  }
  const run = failing.get(current) ?? (await runOps(b, seed, current));
  return { signature: wanted, ops: current, run, runs, from: ops.length };
}

/** The field-mapping operations on the same field and link as operation `i` (none for other kinds). */
function partners(ops: Op[], i: number): number[] {
  const op = ops[i];
  if (op.kind !== 'field-mapping') return [];
  const link = (o: { org: string; peer: string }): string => [o.org, o.peer].sort().join('|');
  return ops.flatMap((o, k) =>
    o.kind === 'field-mapping' &&
    o.object === op.object &&
    o.field === op.field &&
    link(o) === link(op)
      ? [k]
      : []
  );
}
