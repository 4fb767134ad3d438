// Builds a World of orgs with the package installed and S2S connections between them, for the
// engine's end-to-end scenarios and the bench:sync benchmark.
import { fileURLToPath } from 'node:url';
import { World } from '../../localorg/src/platform/index.ts';
import { runtimeFor } from '../../localorg/src/runner/runner.ts';
import { ApexDecimal, ApexId, ApexSObject } from '../../localorg/src/runtime/values.ts';
import { NAMESPACE, insertPkg, localRow, packageOrgSources, pkg } from './namespace.ts';

type Org = Awaited<ReturnType<World['createOrg']>>;

const root = fileURLToPath(new URL('../..', import.meta.url));
export const SOURCE = [`${root}/force-app`, `${root}/unpackaged`];

/** A field mapping: local field in the sender = field in the receiver, unless `target` is given. */
export interface FieldSpec {
  source?: string;
  target: string;
  expression?: string;
  transforms?: unknown[];
  sensitive?: boolean;
}

export interface MappingSpec {
  object: string;
  targetObject?: string;
  sequence: number;
  fields: FieldSpec[];
  direction?: 'Outbound' | 'Inbound' | 'Bidirectional';
  triggerMode?: string;
  filter?: string;
  ownerRule?: string;
  cron?: string;
  matchField?: string;
  deletePolicy?: string;
  /** Leave_Filter_Policy__c of the sending side (default Ignore) */
  leaveFilterPolicy?: 'Ignore' | 'Delete' | 'Clear';
  /** Conflict_Policy__c on both sides (default Source_Wins) */
  conflictPolicy?: 'Source_Wins' | 'Target_Wins' | 'Latest_Wins';
}

export async function newWorld(
  names: string[],
  opts: { edition?: 'Developer' | 'Enterprise' | 'Unlimited'; extra?: string[] } = {}
): Promise<{ world: World; orgs: Record<string, Org> }> {
  const world = new World({ runtimeFactory: runtimeFor, start: '2026-11-26T00:00:00Z' });
  const orgs: Record<string, Org> = {};
  for (const name of names) orgs[name] = await addOrg(world, name, opts.extra ?? [], opts.edition);
  return { world, orgs };
}

/**
 * An org with the package (and the test-only metadata, plus any `extra` source folders); a
 * Developer Edition org (the default, as a scratch org) stops Queueable chains at depth 5. With
 * S2S_NAMESPACE set, the package is installed under that namespace and the rest is the
 * subscriber's own code (namespace.ts).
 */
export async function addOrg(
  world: World,
  name: string,
  extra: string[] = [],
  edition?: 'Developer' | 'Enterprise' | 'Unlimited'
): Promise<Org> {
  const org = await world.createOrg({
    name,
    ...packageOrgSources(extra),
    ...(edition ? { edition } : {})
  });
  // Every class of the package and of the test-only metadata must compile.
  const diagnostics = org.runtime?.diagnostics ?? [];
  if (diagnostics.length) throw new Error(`${name}: ${JSON.stringify(diagnostics.slice(0, 5))}`);
  // The scenarios' own anonymous Apex drives the package's internals (S2SOutboxService...): it
  // runs as package code, as in the package's namespaced development org. What a subscriber
  // writes is compiled as the org's own code in subscriber-snippets.test.ts.
  if (NAMESPACE) org.anonymousNamespace = NAMESPACE;
  // the org's admin makes the scenarios' changes, so S2S Sync calls out as that user: it needs
  // principal access to the peer's External Credential, as any such user does in a real org
  org.assignPermissionSets(org.adminUserId, ['S2S_Test_Callouts']);
  return org;
}

/**
 * Connects `from` to `to`: the World routes callout:<nc> into `to` as its integration user, and
 * both orgs get a Connection record naming each other by org Id, plus the mappings.
 */
export function connect(
  world: World,
  from: Org,
  to: Org,
  opts: {
    nc?: string;
    direction?: 'Outbound' | 'Bidirectional';
    mappings: MappingSpec[];
    maxAttempts?: number;
    /** extra permission sets of the receiver's integration user (business objects it writes) */
    permissionSets?: string[];
  }
): { senderConnectionId: string; receiverConnectionId: string } {
  const nc = opts.nc ?? 'S2S_Peer';
  const direction = opts.direction ?? 'Outbound';
  world.connect(from, nc, to, {
    user: `integration@${to.name}.example`,
    permissionSets: ['S2S_Integration', ...(opts.permissionSets ?? [])]
  });
  const senderConnectionId = insertPkg(from, 'S2S_Connection__c', {
    Name: `${to.name} org`,
    Named_Credential__c: nc,
    Direction__c: direction,
    Mode__c: 'Package',
    Active__c: true,
    Peer_Org_Id__c: to.organizationId,
    // the user `to` calls back in as, on a two-way link (connectBothWays)
    Inbound_Usernames__c: `integration@${from.name}.example`,
    Max_Attempts__c: opts.maxAttempts ?? 5,
    Batch_Size__c: 200,
    Sla_Minutes__c: 15
  })[0];
  const receiverConnectionId = insertPkg(to, 'S2S_Connection__c', {
    Name: `${from.name} org`,
    Named_Credential__c: nc,
    Direction__c: direction === 'Outbound' ? 'Inbound' : 'Bidirectional',
    Mode__c: 'Package',
    Active__c: true,
    Peer_Org_Id__c: from.organizationId,
    // the user `from` calls in as: the inbound endpoint serves this connection to that user only
    Inbound_Usernames__c: `integration@${to.name}.example`,
    Default_Owner_Username__c: `integration@${to.name}.example`
  })[0];
  for (const m of opts.mappings) {
    addMapping(
      from,
      senderConnectionId,
      m,
      direction === 'Outbound' ? 'Outbound' : 'Bidirectional',
      false
    );
    addMapping(
      to,
      receiverConnectionId,
      m,
      direction === 'Outbound' ? 'Inbound' : 'Bidirectional',
      true
    );
  }
  return { senderConnectionId, receiverConnectionId };
}

/**
 * Connects `sales` to a peer without the package (standard API mode): the World routes
 * callout:S2S_Peer into `partner` as its integration user with the Partner_Sync permission set, and
 * `sales` gets an outbound Standard_API connection and an Account mapping matched by Sales_Id__c.
 */
export function connectStandardApiPeer(
  world: World,
  sales: Org,
  partner: Org,
  opts: {
    fields: { source: string; target: string }[];
    ownerRule?: string;
    maxAttempts?: number;
    defaultOwnerUsername?: string;
  }
): { connection: string; mapping: string } {
  world.connect(sales, 'S2S_Peer', partner, {
    user: 'integration@partner.example',
    permissionSets: ['Partner_Sync']
  });
  const [connection] = insertPkg(sales, 'S2S_Connection__c', {
    Name: 'Partner org',
    Named_Credential__c: 'S2S_Peer',
    Direction__c: 'Outbound',
    Mode__c: 'Standard_API',
    Active__c: true,
    Peer_Org_Id__c: partner.organizationId,
    Max_Attempts__c: opts.maxAttempts ?? 5,
    Batch_Size__c: 200,
    ...(opts.defaultOwnerUsername ? { Default_Owner_Username__c: opts.defaultOwnerUsername } : {})
  });
  const [mapping] = insertPkg(sales, 'S2S_Object_Mapping__c', {
    Name: 'Accounts to partner',
    Connection__c: connection,
    Source_Object__c: 'Account',
    Target_Object__c: 'Account',
    Direction__c: 'Outbound',
    Trigger_Mode__c: 'Realtime_Trigger',
    Conflict_Policy__c: 'Source_Wins',
    Delete_Policy__c: 'Propagate',
    Match_Field__c: 'Sales_Id__c',
    Sequence__c: 10,
    Owner_Rule__c: opts.ownerRule ?? 'Keep_Default',
    Active__c: true
  });
  insertPkg(
    sales,
    'S2S_Field_Mapping__c',
    opts.fields.map((f) => ({
      Name: f.target,
      Object_Mapping__c: mapping,
      Source_Field__c: f.source,
      Target_Field__c: f.target,
      Active__c: true
    }))
  );
  return { connection, mapping };
}

/**
 * Runs the org's AccountChangeEvent subscriber (unpackaged/main/triggers/AccountS2SCdc) as a user
 * with access to the test credentials. A change-event trigger runs as the Automated Process user,
 * who cannot be given principal access to a credential; S2S Sync calls out from what it captures
 * there, so the trigger runs as a user who has it (PlatformEventSubscriberConfig), as a real org
 * must configure it.
 */
export function subscribeCdcWithCallouts(org: Org): void {
  const username = `cdc@${org.name.toLowerCase()}.example`;
  org.createUser({ username, permissionSets: ['S2S_Test_Callouts'] });
  org.configureEventSubscriber('AccountS2SCdc', { username });
}
/**
 * A bidirectional pair: connections and mappings as `connect` makes them, plus the route back from
 * `to` into `from` (same Named Credential name, as `from`'s integration user).
 */
export function connectBothWays(
  world: World,
  from: Org,
  to: Org,
  mappings: MappingSpec[],
  nc = 'S2S_Peer'
): { senderConnectionId: string; receiverConnectionId: string } {
  const ids = connect(world, from, to, { nc, direction: 'Bidirectional', mappings });
  world.connect(to, nc, from, {
    user: `integration@${from.name}.example`,
    permissionSets: ['S2S_Integration']
  });
  return ids;
}

function addMapping(
  org: Org,
  connectionId: string,
  m: MappingSpec,
  direction: string,
  receiver: boolean
): void {
  const target = m.targetObject ?? m.object;
  const mappingId = insertPkg(org, 'S2S_Object_Mapping__c', {
    Name: `${m.object} mapping`,
    Connection__c: connectionId,
    Source_Object__c: receiver ? target : m.object,
    Target_Object__c: receiver ? m.object : target,
    Direction__c: m.direction ?? direction,
    Trigger_Mode__c: m.triggerMode ?? 'Realtime_Trigger',
    Schedule_Cron__c: m.cron ?? null,
    Filter__c: receiver ? null : (m.filter ?? null),
    Conflict_Policy__c: m.conflictPolicy ?? 'Source_Wins',
    Delete_Policy__c: m.deletePolicy ?? 'Propagate',
    Leave_Filter_Policy__c: m.leaveFilterPolicy ?? 'Ignore',
    Match_Field__c: m.matchField ?? null,
    Sequence__c: m.sequence,
    Owner_Rule__c: m.ownerRule ?? 'Keep_Default',
    Active__c: true
  })[0];
  insertPkg(
    org,
    'S2S_Field_Mapping__c',
    m.fields.map((f) =>
      receiver
        ? {
            Name: f.target,
            Object_Mapping__c: mappingId,
            Source_Field__c: f.target,
            Target_Field__c: f.source ?? f.target,
            Active__c: true,
            Sensitive__c: !!f.sensitive
          }
        : {
            Name: f.target,
            Object_Mapping__c: mappingId,
            Source_Field__c: f.expression || isConstant(f) ? null : (f.source ?? f.target),
            Source_Expression__c: f.expression ?? null,
            Transforms__c: f.transforms ? JSON.stringify(f.transforms) : null,
            Target_Field__c: f.target,
            Active__c: true,
            Sensitive__c: !!f.sensitive
          }
    )
  );
}

/** A queried value as plain JS: records as objects with canonical field names, Ids as text. */
export function plain(v: unknown): unknown {
  if (v instanceof ApexSObject) {
    const o: Record<string, unknown> = {};
    for (const [lc, value] of v.values) o[v.names.get(lc) ?? lc] = plain(value);
    return o;
  }
  if (v instanceof ApexId) return v.value;
  if (v instanceof ApexDecimal) return Number(v.unscaled) / 10 ** v.scale;
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

/** A field whose value is a constant transform reads no source field. */
function isConstant(f: FieldSpec): boolean {
  return (
    !f.source && (f.transforms ?? []).some((t) => (t as { type?: string }).type === 'constant')
  );
}

/**
 * The rows of `soql`, as plain JS: the query names the package's schema as a subscriber does (pkg:
 * `ns__` prefixes when namespaced), and the rows' package fields are read back by their local names
 * (localRow), so a scenario reads `row.Status__c` in both runs.
 */
export function rows<T = Record<string, unknown>>(org: Org, soql: string): T[] {
  return (plain(org.query(pkg(soql))) as Record<string, unknown>[]).map((r) => localRows(r)) as T[];
}

/** A row and the records nested in it (parent relationships, subqueries) through localRow. */
function localRows(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(localRows);
  // records only (plain objects): dates and other Apex values stay as they are
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    return localRow(
      Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, localRows(x)])
      )
    );
  return v;
}

export function count(org: Org, soql: string): number {
  return org.query(pkg(soql)) as number;
}
