// Whether two linked orgs mirror each other, checked from outside the engine: every live record of a
// compared object has one live counterpart in the other org (through either org's crosswalk) with
// equal values, lookups equal through the crosswalk. Used by the reconciliation scenarios and
// bench:reconcile. Also: saving with capture switched off, as a data load with triggers off would.
import { rows, type newWorld } from './s2s-world.ts';
import { insertPkg } from './namespace.ts';

type Org = Awaited<ReturnType<typeof newWorld>>['orgs'][string];

export interface Compared {
  object: string;
  fields: string[];
  lookups?: string[];
}

interface Link {
  Id: string;
  Local_Id__c: string;
  Remote_Id__c: string;
}

/**
 * Every row of `SELECT <fields> FROM <object>`, read in pages of 40,000 in Id order: a query from
 * outside Apex counts its rows against the 50,000 of a transaction too.
 */
export function allRows<T extends { Id: string }>(org: Org, fields: string[], object: string): T[] {
  const out: T[] = [];
  const select = ['Id', ...fields.filter((f) => f !== 'Id')].join(', ');
  for (let after = ''; ;) {
    const page = rows<T>(
      org,
      `SELECT ${select} FROM ${object}${after ? ` WHERE Id > '${after}'` : ''} ORDER BY Id LIMIT 40000`
    );
    out.push(...page);
    if (page.length < 40000) return out;
    after = page[page.length - 1].Id;
  }
}

/** The counterpart of each record, from both crosswalks: this org's Id -> the other org's Id. */
function counterparts(self: Org, other: Org): Map<string, string> {
  const map = new Map<string, string>();
  const fields = ['Local_Id__c', 'Remote_Id__c'];
  for (const x of allRows<Link>(other, fields, 'S2S_Crosswalk__c'))
    if (x.Remote_Id__c) map.set(x.Remote_Id__c, x.Local_Id__c);
  for (const x of allRows<Link>(self, fields, 'S2S_Crosswalk__c'))
    if (x.Remote_Id__c) map.set(x.Local_Id__c, x.Remote_Id__c);
  return map;
}

/** Every way `a` and `b` differ, as readable lines (empty when they mirror each other). */
export function divergences(a: Org, b: Org, compared: Compared[], limit = 20): string[] {
  const out: string[] = [];
  const aToB = counterparts(a, b);
  const bToA = counterparts(b, a);
  for (const c of compared) {
    const lookups = c.lookups ?? [];
    const fields = [...c.fields, ...lookups];
    const inA = allRows<Record<string, unknown> & { Id: string }>(a, fields, c.object);
    const inB = new Map(
      allRows<Record<string, unknown> & { Id: string }>(b, fields, c.object).map((r) => [r.Id, r])
    );
    const seenInB = new Set<string>();
    for (const r of inA) {
      const id = String(r.Id);
      const twinId = aToB.get(id);
      const twin = twinId ? inB.get(twinId) : undefined;
      if (!twin) {
        out.push(`${c.object} ${id} in ${a.name}: no live counterpart in ${b.name}`);
        continue;
      }
      seenInB.add(String(twin.Id));
      for (const f of c.fields)
        if ((r[f] ?? null) !== (twin[f] ?? null))
          out.push(`${c.object} ${id}.${f}: ${String(r[f])} in ${a.name}, ${String(twin[f])}`);
      for (const f of lookups) {
        const expected = r[f] ? (aToB.get(String(r[f])) ?? `unlinked ${String(r[f])}`) : null;
        if (expected !== (twin[f] ?? null))
          out.push(`${c.object} ${id}.${f}: points to ${String(expected)} in ${b.name}'s terms`);
      }
    }
    for (const [id] of inB)
      if (!seenInB.has(id))
        out.push(
          bToA.get(id)
            ? `${c.object} ${id} in ${b.name}: its counterpart in ${a.name} is gone`
            : `${c.object} ${id} in ${b.name}: no counterpart in ${a.name}`
        );
  }
  return out.slice(0, limit);
}

/** Runs `fn` with S2S Sync's capture switched off org-wide (S2S_Settings__c.Capture_Disabled__c). */
export function withoutCapture<T>(org: Org, fn: () => T): T {
  const [off] = insertPkg(org, 'S2S_Settings__c', {
    SetupOwnerId: org.organizationId,
    Capture_Disabled__c: true
  });
  try {
    return fn();
  } finally {
    org.delete(off);
  }
}

/** The summary entry of each reconciliation an org ran (counts from New_Values__c). */
export function reconciliations(org: Org): Record<string, unknown>[] {
  return rows<{ New_Values__c: string; Outcome__c: string; Error__c: string }>(
    org,
    "SELECT New_Values__c, Outcome__c, Error__c FROM S2S_Audit_Log__c WHERE Stage__c = 'Reconciled' AND Error__c LIKE 'Reconciliation of mapping%' ORDER BY Event_Time__c"
  ).map((e) => ({
    ...(JSON.parse(e.New_Values__c) as Record<string, unknown>),
    outcome: e.Outcome__c,
    text: e.Error__c
  }));
}
