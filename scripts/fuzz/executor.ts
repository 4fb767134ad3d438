// Applies a workload's operations to a World. Records are named by handle (A1, C3): the executor
// remembers where each was created and finds its copy in another org through the crosswalks along
// the links, so an operation log replays (or replays with steps removed) without stored Ids.
import { count, rows } from '../../test/e2e/s2s-world.ts';
import { FILTER_EXPRESSION, type FuzzWorld, type Org } from './topology.ts';
import type { ObjectName, Op } from './workload.ts';
import { updatePkg } from '../../test/e2e/namespace.ts';

export interface OpResult {
  outcome: 'ok' | 'skipped' | 'failed';
  note?: string;
}

const OBJECT_BY_PREFIX: Record<string, ObjectName> = { A: 'Account', C: 'Contact' };

export const objectOf = (handle: string): ObjectName => {
  const o = OBJECT_BY_PREFIX[handle[0]];
  if (!o) throw new Error(`not a record handle: ${handle}`);
  return o;
};

/** Ids of the package's set-up records, read once per World (a reset keeps them). */
export class Directory {
  private readonly connections = new Map<string, string>();
  private readonly users = new Map<string, string>();

  constructor(private readonly fw: FuzzWorld) {}

  org(name: string): Org {
    const org = this.fw.orgs[name];
    if (!org) throw new Error(`no org ${name} in ${this.fw.spec.name}`);
    return org;
  }

  /** `org`'s connection to `peer`. */
  connection(org: string, peer: string): string {
    const key = `${org}>${peer}`;
    let id = this.connections.get(key);
    if (!id) {
      const found = rows<{ Id: string }>(
        this.org(org),
        `SELECT Id FROM S2S_Connection__c WHERE Peer_Org_Id__c = '${this.org(peer).organizationId}'`
      );
      if (found.length !== 1) throw new Error(`${org} has ${found.length} connections to ${peer}`);
      id = found[0].Id;
      this.connections.set(key, id);
    }
    return id;
  }

  user(org: string, username: string): string {
    const key = `${org}>${username}`;
    let id = this.users.get(key);
    if (!id) {
      id = this.org(org).userIdByUsername(username);
      this.users.set(key, id);
    }
    return id;
  }

  /** The orgs linked to `org`. */
  neighbours(org: string): string[] {
    return this.fw.spec.links.flatMap((l) => (l.a === org ? [l.b] : l.b === org ? [l.a] : []));
  }
}

export class Executor {
  /** where each handle was created */
  readonly origins = new Map<string, { org: string; id: string }>();
  readonly dir: Directory;

  constructor(
    readonly fw: FuzzWorld,
    dir?: Directory
  ) {
    this.dir = dir ?? new Directory(fw);
  }

  /** The handle's record in `org` (deleted or not), found through the crosswalks; null if none. */
  idIn(handle: string, org: string): string | null {
    const origin = this.origins.get(handle);
    if (!origin) return null;
    // breadth first from the origin: each org is reached by exactly one path in these topologies
    const seen = new Map<string, string>([[origin.org, origin.id]]);
    const queue = [origin.org];
    while (queue.length) {
      const from = queue.shift() ?? '';
      if (from === org) break;
      const fromId = seen.get(from) ?? '';
      for (const to of this.dir.neighbours(from)) {
        if (seen.has(to)) continue;
        const id = this.counterpart(from, fromId, to);
        if (id) {
          seen.set(to, id);
          queue.push(to);
        }
      }
    }
    return seen.get(org) ?? null;
  }

  /** `id` of `from` in `to`, by either org's crosswalk. */
  counterpart(from: string, id: string, to: string): string | null {
    const mine = rows<{ Remote_Id__c: string }>(
      this.dir.org(from),
      `SELECT Remote_Id__c FROM S2S_Crosswalk__c WHERE Connection__c = '${this.dir.connection(from, to)}' AND Local_Id__c = '${id}'`
    );
    if (mine[0]?.Remote_Id__c) return mine[0].Remote_Id__c;
    const theirs = rows<{ Local_Id__c: string }>(
      this.dir.org(to),
      `SELECT Local_Id__c FROM S2S_Crosswalk__c WHERE Connection__c = '${this.dir.connection(to, from)}' AND Remote_Id__c = '${id}'`
    );
    return theirs[0]?.Local_Id__c ?? null;
  }

  private isLive(org: string, object: ObjectName, id: string): boolean {
    return (
      count(
        this.dir.org(org),
        `SELECT COUNT() FROM ${object} WHERE Id = '${id}' AND IsDeleted = false ALL ROWS`
      ) === 1
    );
  }

  /** The live record of `handle` in `org`, or the reason there is none. */
  private live(handle: string, org: string): string | OpResult {
    const id = this.idIn(handle, org);
    if (!id) return { outcome: 'skipped', note: `${handle} has no copy in ${org}` };
    if (!this.isLive(org, objectOf(handle), id))
      return { outcome: 'skipped', note: `${handle} is deleted in ${org}` };
    return id;
  }

  /** A lookup's value in `org`: the parent's live copy there, else null (noted). */
  private parentIn(parent: string | null, org: string, notes: string[]): string | null {
    if (!parent) return null;
    const id = this.live(parent, org);
    if (typeof id === 'string') return id;
    notes.push(`${parent} not live in ${org}, lookup left blank`);
    return null;
  }

  async apply(op: Op): Promise<OpResult> {
    const clock = this.fw.world.clock;
    clock.advance(1000); // one second between operations: every edit has its own time
    try {
      if (op.kind === 'deliver') {
        await this.fw.world.drain();
        return { outcome: 'ok' };
      }
      return this.run(op);
    } catch (e) {
      return {
        outcome: 'failed',
        note: (e instanceof Error ? e.message : String(e)).slice(0, 300)
      };
    }
  }

  private run(op: Op): OpResult {
    switch (op.kind) {
      case 'insert': {
        const notes: string[] = [];
        const values: Record<string, unknown> = { ...op.values };
        for (const [field, parent] of Object.entries(op.refs))
          values[field] = this.parentIn(parent, op.org, notes);
        values.OwnerId = this.dir.user(op.org, op.owner);
        const [id] = this.dir.org(op.org).insert(op.object, values);
        this.origins.set(op.handle, { org: op.org, id });
        return { outcome: 'ok', note: notes.join('; ') || undefined };
      }
      case 'update': {
        const id = this.live(op.handle, op.org);
        if (typeof id !== 'string') return id;
        this.dir.org(op.org).update(objectOf(op.handle), { Id: id, ...op.values });
        return { outcome: 'ok' };
      }
      case 'reparent': {
        const id = this.live(op.handle, op.org);
        if (typeof id !== 'string') return id;
        const notes: string[] = [];
        const parent = this.parentIn(op.parent, op.org, notes);
        if (op.parent && !parent) return { outcome: 'skipped', note: notes.join('; ') };
        this.dir.org(op.org).update(objectOf(op.handle), { Id: id, [op.field]: parent });
        return { outcome: 'ok' };
      }
      case 'delete': {
        const id = this.live(op.handle, op.org);
        if (typeof id !== 'string') return id;
        this.dir.org(op.org).delete(id);
        return { outcome: 'ok' };
      }
      case 'undelete': {
        const id = this.idIn(op.handle, op.org);
        if (!id) return { outcome: 'skipped', note: `${op.handle} has no copy in ${op.org}` };
        if (this.isLive(op.org, objectOf(op.handle), id))
          return { outcome: 'skipped', note: `${op.handle} is not deleted in ${op.org}` };
        return this.apex(
          op.org,
          `undelete [SELECT Id FROM ${objectOf(op.handle)} WHERE Id = '${id}' ALL ROWS];`
        );
      }
      case 'merge': {
        const master = this.live(op.master, op.org);
        if (typeof master !== 'string') return master;
        const loser = this.live(op.loser, op.org);
        if (typeof loser !== 'string') return loser;
        return this.apex(
          op.org,
          `Account master = [SELECT Id FROM Account WHERE Id = '${master}'];\n` +
            `Account loser = [SELECT Id FROM Account WHERE Id = '${loser}'];\n` +
            'merge master loser;'
        );
      }
      case 'owner': {
        const id = this.live(op.handle, op.org);
        if (typeof id !== 'string') return id;
        this.dir
          .org(op.org)
          .update(objectOf(op.handle), { Id: id, OwnerId: this.dir.user(op.org, op.owner) });
        return { outcome: 'ok' };
      }
      case 'filter':
        return this.updateAccountMappings(op.org, {
          Filter__c: op.on ? FILTER_EXPRESSION : null,
          Leave_Filter_Policy__c: op.policy
        });
      case 'capture':
        return this.updateAccountMappings(op.org, { Trigger_Mode__c: op.mode });
      case 'field-mapping': {
        const org = this.dir.org(op.org);
        const fields = rows<{ Id: string }>(
          org,
          `SELECT Id FROM S2S_Field_Mapping__c WHERE Object_Mapping__r.Connection__c = '${this.dir.connection(op.org, op.peer)}' AND Object_Mapping__r.Source_Object__c = '${op.object}' AND Source_Field__c = '${op.field}'`
        );
        if (!fields.length)
          return { outcome: 'failed', note: `no field mapping ${op.object}.${op.field}` };
        updatePkg(
          org,
          'S2S_Field_Mapping__c',
          fields.map((f) => ({ Id: f.Id, Active__c: op.active }))
        );
        return { outcome: 'ok' };
      }
      case 'faults':
        this.fw.world.faults({
          rate: op.rate,
          timeoutRate: op.timeoutRate,
          duplicateRate: op.duplicateRate,
          seed: op.seed
        });
        return { outcome: 'ok' };
      case 'unauthorized':
        this.fw.world.faults({ status: 401, rate: 1 });
        return { outcome: 'ok' };
      case 'faults-off':
        this.fw.world.faults(null);
        return { outcome: 'ok' };
      case 'run':
        this.dir.org(op.org).runReadyAsync(op.jobs);
        return { outcome: 'ok' };
      case 'tick':
        this.fw.world.clock.advance(op.minutes * 60_000);
        for (const org of Object.keys(this.fw.orgs)) sweep(this.dir.org(org));
        return { outcome: 'ok' };
      case 'deliver':
        throw new Error('deliver is asynchronous (apply runs it)');
    }
  }

  /** Sets `values` on every Account mapping of `org` (one per connection). */
  private updateAccountMappings(org: string, values: Record<string, unknown>): OpResult {
    const target = this.dir.org(org);
    const mappings = rows<{ Id: string }>(
      target,
      "SELECT Id FROM S2S_Object_Mapping__c WHERE Source_Object__c = 'Account'"
    );
    updatePkg(
      target,
      'S2S_Object_Mapping__c',
      mappings.map((m) => ({ Id: m.Id, ...values }))
    );
    return { outcome: 'ok' };
  }

  private apex(org: string, code: string): OpResult {
    const r = this.dir.org(org).executeAnonymous(code);
    return r.success
      ? { outcome: 'ok' }
      : {
          outcome: 'failed',
          note: String(r.compileProblem ?? r.exceptionMessage ?? 'failed').slice(0, 300)
        };
  }

  /** Every handle's record in every org (for naming records in reports). */
  names(): Map<string, string> {
    const out = new Map<string, string>();
    for (const handle of this.origins.keys())
      for (const org of Object.keys(this.fw.orgs)) {
        const id = this.idIn(handle, org);
        if (id) out.set(id, handle);
      }
    return out;
  }
}

/** The periodic sweep (S2SScheduler) of one org, as its scheduled job would run it. */
export function sweep(org: Org): void {
  const r = org.executeAnonymous('new S2SScheduler().execute(null);');
  if (!r.success) throw new Error(`${org.name}: sweep failed: ${JSON.stringify(r)}`);
}
