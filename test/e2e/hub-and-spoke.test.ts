// Hub and spokes, both ways: a change made in one spoke reaches the hub and, from there, the other
// spoke; nothing travels back to where it came from (the hub skips only the connection it is
// applying from), and each hop is one callout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newWorld, connectBothWays, rows, subscribeCdcWithCallouts } from './s2s-world.ts';

const ACCOUNT = {
  object: 'Account',
  sequence: 10,
  fields: [{ target: 'Name' }, { target: 'AccountNumber' }, { target: 'Phone' }]
};

test('a change in one spoke reaches the other through the hub, once, and never comes back', async () => {
  const { world, orgs } = await newWorld(['hub', 'east', 'west']);
  const { hub, east, west } = orgs;
  connectBothWays(world, hub, east, [ACCOUNT], 'S2S_Peer');
  connectBothWays(world, hub, west, [ACCOUNT], 'S2S_Peer_B');
  // The hub forwards what it receives: its dispatcher then runs as the integration user that applied
  // the change, so that user needs principal access to the spokes' credentials too.
  hub.assignPermissionSets(hub.userIdByUsername('integration@hub.example'), ['S2S_Test_Callouts']);
  const phoneIn = (org: typeof hub) =>
    rows<{ Phone: string | null }>(org, "SELECT Phone FROM Account WHERE AccountNumber = 'HS-1'")[0]
      ?.Phone;

  const [id] = east.insert('Account', { Name: 'Spoke Born', AccountNumber: 'HS-1' });
  await world.drain();
  assert.deepEqual(
    [hub, west].map(
      (org) => rows(org, "SELECT Name FROM Account WHERE AccountNumber = 'HS-1'").length
    ),
    [1, 1],
    'the hub and the other spoke have it'
  );
  assert.deepEqual(
    world.callouts.map((c) => c.from),
    ['east', 'hub'],
    'east -> hub, hub -> west; nothing back to east, nothing from west'
  );

  const westCopy = rows<{ Id: string }>(
    west,
    "SELECT Id FROM Account WHERE AccountNumber = 'HS-1'"
  )[0];
  west.update('Account', { Id: westCopy.Id, Phone: '555-0150' });
  await world.drain();
  assert.deepEqual(
    [phoneIn(hub), phoneIn(east)],
    ['555-0150', '555-0150'],
    'the edit in west reached the hub and east'
  );
  assert.deepEqual(
    world.callouts.slice(2).map((c) => c.from),
    ['west', 'hub'],
    'west -> hub, hub -> east, and quiet after'
  );
  assert.equal(
    rows<{ Phone: string }>(east, `SELECT Phone FROM Account WHERE Id = '${id}'`)[0].Phone,
    '555-0150',
    'on the very record east created'
  );
});

test('a hub capturing by Change Data Capture forwards a spoke change to the other spoke at once, and never back', async () => {
  const { world, orgs } = await newWorld(['hub', 'east', 'west']);
  const { hub, east, west } = orgs;
  const byCdc = { ...ACCOUNT, triggerMode: 'Realtime_CDC' };
  connectBothWays(world, hub, east, [byCdc], 'S2S_Peer');
  connectBothWays(world, hub, west, [byCdc], 'S2S_Peer_B');
  hub.assignPermissionSets(hub.userIdByUsername('integration@hub.example'), ['S2S_Test_Callouts']);
  for (const org of [hub, east, west]) subscribeCdcWithCallouts(org);

  east.insert('Account', { Name: 'Spoke Born', AccountNumber: 'HC-1' });
  await world.drain();
  assert.deepEqual(
    [hub, west].map(
      (org) => rows(org, "SELECT Name FROM Account WHERE AccountNumber = 'HC-1'").length
    ),
    [1, 1],
    'the hub applied it, and its change event sent it on to west (no reconciliation ran)'
  );
  assert.deepEqual(
    world.callouts.map((c) => `${c.from} ${c.request.endpoint.split('/').pop()}`),
    ['east changes', 'hub changes'],
    'east -> hub, hub -> west: the hub sent nothing back to east'
  );
});
