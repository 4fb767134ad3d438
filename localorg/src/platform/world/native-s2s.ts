// Native Salesforce to Salesforce between two orgs of a World, as the platform leaves it once the
// orgs are connected and records shared: a PartnerNetworkConnection in each org (status Accepted)
// and, per shared record, a copy in the partner org and a PartnerNetworkRecordConnection on each
// side naming the local and the partner record (Object Reference: PartnerNetworkConnection,
// PartnerNetworkRecordConnection). The sending org's row is "Active (sent)", the receiving org's
// "Active (received)". These rows are the platform's: Apex can neither update nor delete them
// (catalog/partner-network.ts), so they are written here directly, as the platform writes them.
import { apexToJson } from '../data/convert.ts';
import type { Org } from '../org.ts';
import type { ApexSObject } from '../../runtime/values.ts';

/** Records of one object that `from` shares with its partner, copying `fields`. */
export interface NativeShare {
  from: Org;
  object: string;
  ids: string[];
  fields: string[];
}

export interface NativePair {
  object: string;
  /** the record in the sharing org */
  sentId: string;
  /** its copy in the partner org */
  receivedId: string;
  from: Org;
  to: Org;
}

export interface NativeConnectionResult {
  /** the PartnerNetworkConnection Id of each org, by org name */
  connectionIds: Record<string, string>;
  pairs: NativePair[];
}

/** One record connection row, for the cases a share does not produce (pending, stopped). */
export interface NativeLinkSpec {
  localId: string;
  partnerId?: string | null;
  status: string;
  endDate?: number | null;
}

/** Writes a PartnerNetworkRecordConnection row in `org` on its connection `connectionId`. */
export function addNativeLink(org: Org, connectionId: string, link: NativeLinkSpec): string {
  return org.withTransaction(
    'sync',
    () =>
      org.insertSystem('PartnerNetworkRecordConnection', {
        ConnectionId: connectionId,
        LocalRecordId: link.localId,
        PartnerRecordId: link.partnerId ?? null,
        Status: link.status,
        StartDate: org.clock.now(),
        EndDate: link.endDate ?? null,
        SendClosedTasks: false,
        SendEmails: false,
        SendOpenTasks: false,
        CreatedById: org.adminUserId,
        LastModifiedById: org.adminUserId
      }),
    { label: 'native S2S link' }
  );
}

/**
 * Connects `a` and `b` natively (an accepted connection in each) and shares records: each share's
 * records are copied into the partner org (a lookup to a record shared earlier points to its copy;
 * one to a record not shared is left empty, as native sharing leaves it) and linked on both sides.
 * Shares are applied in order, so share parents before children.
 */
export function connectNatively(
  a: Org,
  b: Org,
  opts: { share?: NativeShare[] } = {}
): NativeConnectionResult {
  const connectionIds: Record<string, string> = {};
  for (const [org, partner] of [
    [a, b],
    [b, a]
  ] as const) {
    connectionIds[org.name] = org.withTransaction(
      'sync',
      () =>
        org.insertSystem('PartnerNetworkConnection', {
          ConnectionName: partner.name,
          ConnectionStatus: 'Accepted',
          PrimaryContactId: org.adminUserId,
          ResponseDate: org.clock.now(),
          CreatedById: org.adminUserId,
          LastModifiedById: org.adminUserId
        }),
      { label: 'native S2S connection' }
    );
  }
  const pairs: NativePair[] = [];
  const copyOf = new Map<string, string>();
  for (const share of opts.share ?? []) {
    if (share.from !== a && share.from !== b)
      throw new Error(`connectNatively: a share from ${share.from.name}, not one of the two orgs`);
    const to = share.from === a ? b : a;
    const rows = share.from.query(
      `SELECT Id, ${share.fields.join(', ')} FROM ${share.object} WHERE Id IN :ids ORDER BY Id`,
      { ids: share.ids }
    ) as ApexSObject[];
    if (rows.length !== share.ids.length)
      throw new Error(
        `connectNatively: ${share.ids.length - rows.length} of the ${share.object} Ids are not in ${share.from.name}`
      );
    const object = share.from.schema.require(share.object);
    const copies = rows.map((row) => {
      const values: Record<string, unknown> = {};
      for (const f of share.fields) {
        const v = apexToJson(row.raw(f) ?? null);
        values[f] =
          object.field(f)?.type === 'reference' && typeof v === 'string'
            ? (copyOf.get(v) ?? null)
            : v;
      }
      return values;
    });
    const received = to.insert(share.object, copies);
    rows.forEach((row, i) => {
      const sentId = String(row.raw('Id'));
      const receivedId = received[i];
      copyOf.set(sentId, receivedId);
      copyOf.set(receivedId, sentId);
      addNativeLink(share.from, connectionIds[share.from.name], {
        localId: sentId,
        partnerId: receivedId,
        status: 'Active (sent)'
      });
      addNativeLink(to, connectionIds[to.name], {
        localId: receivedId,
        partnerId: sentId,
        status: 'Active (received)'
      });
      pairs.push({ object: share.object, sentId, receivedId, from: share.from, to });
    });
  }
  return { connectionIds, pairs };
}
