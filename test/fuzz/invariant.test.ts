// The safety half of the convergence invariant on fixed seeds of the randomized workload, in every
// topology: whatever the workload does, nothing is duplicated, no record is copied without a link,
// no outbox entry is left open or parked without an audited reason, the local org never fails and
// the orgs always reach quiescence (no job re-enqueueing itself forever). The other half, equal
// values everywhere, still fails on merges and records leaving a filter (docs/convergence.md, "Not
// built yet"), so the full run is `npm run fuzz:sync`, outside the gate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bench, runOps } from '../../scripts/fuzz/run-seed.ts';
import { TOPOLOGIES } from '../../scripts/fuzz/topology.ts';
import { generate } from '../../scripts/fuzz/workload.ts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const SAFETY = new Set(['duplicate', 'unlinked-copy', 'outbox-open', 'outbox-parked-unaudited']);

for (const topology of TOPOLOGIES) {
  test(`${topology}: seeds ${SEEDS.join(', ')} lose, duplicate and leave open nothing`, async () => {
    const b = await bench(topology);
    for (const seed of SEEDS) {
      const run = await runOps(b, seed, generate(seed, topology));
      assert.equal(run.localOrgError, null, `${topology} seed ${seed}: the local org failed`);
      assert.equal(run.quiesce?.quiet, true, `${topology} seed ${seed}: work still due`);
      assert.deepEqual(
        run.violations.filter((v) => SAFETY.has(v.check)),
        [],
        `${topology} seed ${seed}`
      );
    }
  });
}
