// The fuzzed Worlds: two or three orgs with the package, linked both ways with Latest_Wins mappings
// of Account (text, number, picklist fields, ParentId, OwnerId by username; captured by trigger or
// by Change Data Capture, as the workload chooses) and Contact (AccountId).
// A World is built once per topology and reset to its post-setup state before each seed: building
// it (metadata, compiling the package in every org) costs more than a seed's whole workload.
import { fileURLToPath } from 'node:url';
import { World } from '../../localorg/src/platform/index.ts';
import {
  newWorld,
  connectBothWays,
  subscribeCdcWithCallouts,
  type MappingSpec
} from '../../test/e2e/s2s-world.ts';

export type Org = Awaited<ReturnType<World['createOrg']>>;
export type TopologyName = 'pair' | 'hub3' | 'chain';
export const TOPOLOGIES: readonly TopologyName[] = ['pair', 'hub3', 'chain'];

/** One bidirectional link; each side reaches the other through its own Named Credential. */
export interface Link {
  a: string;
  b: string;
}

export interface TopologySpec {
  name: TopologyName;
  orgs: string[];
  /** links as connectBothWays(from = a, to = b, nc) makes them */
  links: (Link & { nc: string })[];
}

export const SPECS: Record<TopologyName, TopologySpec> = {
  pair: { name: 'pair', orgs: ['A', 'B'], links: [{ a: 'A', b: 'B', nc: 'S2S_Peer' }] },
  // a change in S1 reaches S2 only through H
  hub3: {
    name: 'hub3',
    orgs: ['H', 'S1', 'S2'],
    links: [
      { a: 'H', b: 'S1', nc: 'S2S_Peer' },
      { a: 'H', b: 'S2', nc: 'S2S_Peer_B' }
    ]
  },
  // the same shape as hub3 seen from an end: A's changes reach C through B; orgs are created (and
  // drained round-robin) end first, and B is the receiving side of its first link
  chain: {
    name: 'chain',
    orgs: ['A', 'B', 'C'],
    links: [
      { a: 'A', b: 'B', nc: 'S2S_Peer' },
      { a: 'B', b: 'C', nc: 'S2S_Peer_B' }
    ]
  }
};

/**
 * Every fuzzed org's own metadata: a validation rule that refuses an account number marked REJECT
 * when a peer's S2S Sync applies it (REJECT_MARK), so a peer rejects a change its origin kept.
 */
const FUZZ_METADATA = fileURLToPath(new URL('./metadata', import.meta.url));
export const REJECT_MARK = 'REJECT';

/** Users that exist, with the same username, in every org: the owners the workload assigns. */
export const OWNERS = ['rep1@fuzz.example', 'rep2@fuzz.example'];

export const ACCOUNT_FIELDS = ['Name', 'AccountNumber', 'Phone', 'Rating', 'NumberOfEmployees'];
export const ACCOUNT_LOOKUPS = ['ParentId'];
export const CONTACT_FIELDS = ['LastName', 'Email', 'Phone'];
export const CONTACT_LOOKUPS = ['AccountId'];

/** The mapping filter the workload switches on and off: a record leaves it when Rating = Cold. */
export const FILTER = { object: 'Account', field: 'Rating', notEqual: 'Cold' };
export const FILTER_EXPRESSION = `${FILTER.field} != '${FILTER.notEqual}'`;

export const MAPPINGS: MappingSpec[] = [
  {
    object: 'Account',
    sequence: 10,
    conflictPolicy: 'Latest_Wins',
    ownerRule: 'By_Username',
    fields: [...ACCOUNT_FIELDS, ...ACCOUNT_LOOKUPS, 'OwnerId'].map((target) => ({ target }))
  },
  {
    object: 'Contact',
    sequence: 20,
    conflictPolicy: 'Latest_Wins',
    fields: [...CONTACT_FIELDS, ...CONTACT_LOOKUPS].map((target) => ({ target }))
  }
];

export const adminUsername = (org: string): string => `s2sadmin@${org.toLowerCase()}.example`;

export interface FuzzWorld {
  spec: TopologySpec;
  world: World;
  orgs: Record<string, Org>;
  /** every org's data right after set-up */
  snapshots: Map<Org, unknown>;
}

/** Builds the World of a topology: orgs, users, connections both ways, mappings. */
export async function buildWorld(name: TopologyName): Promise<FuzzWorld> {
  const spec = SPECS[name];
  const { world, orgs } = await newWorld(spec.orgs, { extra: [FUZZ_METADATA] });
  for (const link of spec.links) {
    connectBothWays(world, orgs[link.a], orgs[link.b], MAPPINGS, link.nc);
  }
  for (const org of Object.values(orgs)) {
    // every org may forward what it applied (hub, middle of the chain): its integration user calls
    // out, so it needs principal access to the credentials, as in test/e2e/hub-and-spoke.test.ts
    org.assignPermissionSets(org.userIdByUsername(`integration@${org.name}.example`), [
      'S2S_Test_Callouts'
    ]);
    for (const username of OWNERS) org.createUser({ username });
    // for the orgs that capture by CDC
    subscribeCdcWithCallouts(org);
    // the S2S admin who replays parked work
    org.createUser({
      username: adminUsername(org.name),
      permissionSets: ['S2S_Admin', 'S2S_Test_Callouts']
    });
  }
  const snapshots = new Map<Org, unknown>();
  for (const org of Object.values(orgs)) snapshots.set(org, org.snapshotData());
  return { spec, world, orgs, snapshots: snapshots };
}

const DAY = 86_400_000;

/**
 * Puts the World back to its post-setup state: data, async queues, faults, logs; the clock (which
 * cannot go back) moves on to the next midnight, so every seed starts at the same time of day.
 */
export function resetWorld(fw: FuzzWorld): void {
  fw.world.faults(null);
  fw.world.callouts.length = 0;
  for (const org of Object.values(fw.orgs)) {
    const snapshot = fw.snapshots.get(org);
    if (snapshot === undefined) throw new Error(`no snapshot of ${org.name}`);
    org.restoreData(snapshot);
    org.asyncQueue.clear();
    org.traces.length = 0;
    org.debugLog.length = 0;
    org.eventErrors.length = 0;
    org.notifications.length = 0;
  }
  const now = fw.world.clock.now();
  fw.world.clock.set(Math.floor(now / DAY) * DAY + DAY);
}
