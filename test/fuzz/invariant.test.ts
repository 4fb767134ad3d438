// The convergence invariant (docs/convergence.md) on fixed seeds of the randomized workload, in every
// topology: after quiescence the orgs hold the same values for every record in scope on both sides,
// nothing is duplicated or copied without a link, no outbox entry is left open or parked without an
// audited reason, the local org never fails and the orgs always reach quiescence (no job
// re-enqueueing itself forever). `npm run fuzz:sync -- --seeds 300` runs many more seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bench, runOps } from '../../scripts/fuzz/run-seed.ts';
import { TOPOLOGIES } from '../../scripts/fuzz/topology.ts';
import { generate } from '../../scripts/fuzz/workload.ts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

for (const topology of TOPOLOGIES) {
  test(`${topology}: seeds ${SEEDS[0]}-${SEEDS[SEEDS.length - 1]} converge, lose, duplicate and leave open nothing`, async () => {
    const b = await bench(topology);
    for (const seed of SEEDS) {
      const run = await runOps(b, seed, generate(seed, topology));
      assert.equal(run.localOrgError, null, `${topology} seed ${seed}: the local org failed`);
      assert.equal(run.quiesce?.quiet, true, `${topology} seed ${seed}: work still due`);
      assert.deepEqual(run.violations, [], `${topology} seed ${seed}`);
    }
  });
}
