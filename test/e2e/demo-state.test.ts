// The demo's saved orgs (demo/state.ts) keep pending async work: a Queueable queued before the demo
// stopped runs after the next start; a job whose state cannot be saved leaves the last saved file
// as it was and the demo says which job (the page shows `problem`, /api/demo/orgs stateNotSaved).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { World } from '../../localorg/src/platform/index.ts';
import { runtimeFor } from '../../localorg/src/runner/runner.ts';
import { DemoState } from '../../demo/state.ts';

const ASYNC = fileURLToPath(
  new URL('../../localorg/test/platform/fixtures/async-snapshot', import.meta.url)
);

async function world(start?: number): Promise<World> {
  const w = new World({ runtimeFactory: runtimeFor, start });
  await w.createOrg({ name: 'Sales', source: [ASYNC] });
  return w;
}

test('the demo state keeps a queued Queueable across a restart, and says which job it cannot save', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's2s-demo-state-'));
  const logged: string[] = [];
  const state = new DemoState('sources-1', dir, (line) => logged.push(line));
  const first = await world();
  state.track(first);
  const sales = first.org('Sales');
  const queued = sales.executeAnonymous(
    "System.enqueueJob(new Stamp('kept', new Account(Industry = 'Media')));"
  );
  assert.equal(queued.success, true, queued.exceptionMessage ?? '');
  assert.equal(state.save(), true);
  assert.equal(state.problem, null);
  const saved = fs.readFileSync(state.file, 'utf8');

  // A job holding an HttpRequest: the file stays as it was, the reason names the job.
  sales.executeAnonymous('System.enqueueJob(new CalloutHolder());');
  assert.equal(state.save(), false);
  assert.match(state.problem ?? '', /pending Queueable "Queueable CalloutHolder" cannot be saved/);
  assert.equal(logged.length, 1);
  assert.match(logged[0], /demo state not saved \(.*state\.json keeps the last saved state\)/);
  assert.equal(fs.readFileSync(state.file, 'utf8'), saved, 'the last saved state is kept');

  // The next start resumes the saved orgs: the Queueable runs there.
  const snapshot = new DemoState('sources-1', dir, () => undefined).load();
  assert.ok(snapshot);
  const second = await world(snapshot.clock);
  second.restore(snapshot);
  await second.drain();
  const rows = second.org('Sales').query('SELECT Name, Industry FROM Account');
  assert.ok(Array.isArray(rows));
  assert.deepEqual(
    rows.map((a) => [a.raw('Name'), a.raw('Industry')]),
    [['kept first+second n=3 LOUD true self=true', 'Media']]
  );
  fs.rmSync(dir, { recursive: true, force: true });
});
