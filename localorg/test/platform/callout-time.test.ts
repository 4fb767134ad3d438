// Cumulative callout time per transaction with the World's simulated latency. Cited: Apex Developer
// Guide, "Callout Limits and Limitations": "The default timeout is 10 seconds ... The maximum
// cumulative timeout for callouts by a single Apex transaction is 120 seconds. This time is additive
// across all callouts invoked by the Apex transaction."
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { World, type Org } from '../../src/platform/index.ts';
import { CalloutError } from '../../src/platform/org.ts';

const TWO_ORG = fileURLToPath(new URL('./fixtures/two-org', import.meta.url));

async function connected(): Promise<{ world: World; a: Org }> {
  const world = new World();
  const a = await world.createOrg({ name: 'a', source: [TWO_ORG], apex: false });
  const b = await world.createOrg({ name: 'b', apex: false });
  world.connect(a, 'Peer', b, { user: 'int@b', profile: 'System Administrator' });
  return { world, a };
}

function get(a: Org, timeoutMs = 10_000): number {
  return a.callout({
    method: 'GET',
    endpoint: 'callout:Peer/services/data/v65.0/limits',
    headers: {},
    body: '',
    timeoutMs
  }).status;
}

/** Runs `n` callouts in one transaction; the messages of those that failed, by index. */
function calls(a: Org, n: number, timeoutMs?: number): Record<number, string> {
  const failed: Record<number, string> = {};
  a.withTransaction('queueable', () => {
    for (let i = 0; i < n; i++) {
      try {
        get(a, timeoutMs);
      } catch (e) {
        if (!(e instanceof CalloutError)) throw e;
        failed[i] = e.message;
      }
    }
  });
  return failed;
}

function calloutMs(a: Org): number {
  const last = a.traces[a.traces.length - 1];
  return last.trace.filter((t) => t.kind === 'callout').reduce((s, t) => s + (t.ms ?? 0), 0);
}

test('world.latency: each callout takes that long, on the clock and against the transaction', async () => {
  const { world, a } = await connected();
  world.latency({ ms: 300 });
  const start = world.clock.now();
  assert.deepEqual(calls(a, 10), {});
  assert.equal(world.clock.now() - start, 3000, 'the clock moved 10 x 300 ms');
  assert.equal(calloutMs(a), 3000, 'callout time of the transaction');
  assert.deepEqual(
    world.callouts.map((c) => c.response.elapsedMs),
    Array(10).fill(300)
  );
});

test('world.latency jitter is seeded and stays within [ms, ms + jitter]', async () => {
  const times = async (seed: number): Promise<number[]> => {
    const { world, a } = await connected();
    world.latency({ ms: 200, jitter: 100, seed });
    calls(a, 20);
    return world.callouts.map((c) => c.response.elapsedMs ?? -1);
  };
  const first = await times(3);
  assert.ok(
    first.every((t) => t >= 200 && t <= 300),
    first.join()
  );
  assert.deepEqual(await times(3), first, 'same seed, same latencies');
  assert.notDeepEqual(await times(4), first, 'another seed, other latencies');
  const { world } = await connected();
  assert.throws(() => world.latency({ ms: -1 }), /ms and jitter must be numbers >= 0/);
});

test('a callout slower than its timeout: "Read timed out", charged its timeout', async () => {
  const { world, a } = await connected();
  world.latency({ ms: 15_000 });
  assert.deepEqual(calls(a, 1), { 0: 'Read timed out' });
  assert.equal(calloutMs(a), 10_000, 'the default timeout is 10 s');
});

test('past 120 s of callouts in a transaction the next callout is cut short, then refused unsent', async () => {
  const { world, a } = await connected();
  world.latency({ ms: 25_000 });
  const failed = calls(a, 6, 60_000);
  const budget = 'Exceeded maximum time allotted for callout (120000 ms)';
  // 4 x 25 s = 100 s; the 5th may wait only the 20 s left; the 6th has nothing left.
  assert.deepEqual(failed, { 4: budget, 5: budget });
  assert.equal(calloutMs(a), 120_000);
  assert.equal(world.callouts.length, 5, 'the 6th callout never left the org');
  // a new transaction has its own 120 s
  assert.deepEqual(calls(a, 1, 60_000), {});
});

// "Operations that don't consume application server CPU time aren't counted toward CPU time ... nor
// is waiting time for Apex callouts" (Execution Governors and Limits, Maximum CPU time): the peer
// org of a World runs in this process while the caller waits, and its work is not the caller's CPU.
test('CPU time does not count the wait for a callout (the peer org working in this process)', async () => {
  const { a } = await connected();
  const send = a.calloutHandler;
  assert.ok(send, 'the World routes the org callouts');
  a.calloutHandler = (from, req, nc) => {
    const until = performance.now() + 300;
    while (performance.now() < until) {
      // the peer busy for 300 ms of real time
    }
    return send(from, req, nc);
  };
  calls(a, 3);
  const cpu = a.traces[a.traces.length - 1].limits.CpuTime?.used ?? -1;
  assert.ok(cpu >= 0 && cpu < 300, `CPU time ${cpu} ms leaves out the 900 ms spent waiting`);
});
