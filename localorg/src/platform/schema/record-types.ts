// Record types of an object as one user sees them: which are available, which is the default a
// new record gets, and whether a RecordTypeId may be saved. The rules implemented (Salesforce Help,
// "How Is Record Type Access Specified?"; Apex Reference, "RecordTypeInfo Class"; Help 000005125,
// "What is the master record type?"):
// - a user's record types come from the profile's recordTypeVisibilities plus those of assigned
//   permission sets; only the profile names a default ("You can't specify a default record type in
//   permission sets");
// - a new record without RecordTypeId gets the profile's default; with a profile that gives only
//   the Master and exactly one custom record type from permission sets, that one ("Users can't
//   select the Master record type"); otherwise the Master, which has no Id: RecordTypeId stays null;
// - the describe lists every record type of the object plus the Master (012000000000000AAA).
// Local-org assumptions, not found in the docs corpus: the built-in System Administrator profile
// (no profile metadata in the source) sees every record type with the Master as default; Apex in
// system mode may save any active record type of the object, user mode and the REST API only one
// available to the user.
import type { Row, Store } from '../data/store.ts';
import type { Schema } from './schema.ts';

export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

export interface RecordTypeView {
  id: string;
  name: string;
  developerName: string;
  active: boolean;
  master: boolean;
  available: boolean;
  defaultMapping: boolean;
}

interface Visibility {
  /** lower-case developer names of the custom record types available to the user */
  available: Set<string>;
  /** developer name the profile makes default, null = Master */
  profileDefault: string | null;
  /** the profile itself gives custom record types (not only the Master) */
  profileGivesCustom: boolean;
}

export class RecordTypes {
  constructor(
    private readonly schema: Schema,
    private readonly store: Store
  ) {}

  /** RecordType rows of an object, in creation order. */
  rowsOf(object: string): Row[] {
    const lc = object.toLowerCase();
    return [...this.store.rows('RecordType')].filter(
      (r) => String(r.values.get('sobjecttype') ?? '').toLowerCase() === lc
    );
  }

  private visibility(userId: string, object: string): Visibility {
    const { metadata } = this.schema;
    const user = this.store.get(userId);
    const profileRow = user
      ? this.store.get(String(user.values.get('profileid') ?? ''))
      : undefined;
    const profile = String(profileRow?.values.get('name') ?? '');
    const prefix = `${object.toLowerCase()}.`;
    const available = new Set<string>();
    let profileDefault: string | null = null;
    const profMeta = metadata.profiles.find(
      (p) =>
        p.name.toLowerCase() === profile.toLowerCase() ||
        p.label.toLowerCase() === profile.toLowerCase()
    );
    const profileNamesObject =
      !!profMeta && Object.keys(profMeta.recordTypes).some((k) => k.startsWith(prefix));
    if (profileNamesObject && profMeta) {
      for (const [key, v] of Object.entries(profMeta.recordTypes)) {
        if (!key.startsWith(prefix)) continue;
        const dev = key.slice(prefix.length);
        if (v.visible) available.add(dev);
        if (v.default) profileDefault = dev;
      }
    } else if (profile === 'System Administrator') {
      for (const r of this.rowsOf(object))
        available.add(String(r.values.get('developername')).toLowerCase());
    }
    const profileGivesCustom = available.size > 0;
    for (const a of this.store.rows('PermissionSetAssignment')) {
      if (String(a.values.get('assigneeid') ?? '') !== userId) continue;
      const ps = this.store.get(String(a.values.get('permissionsetid') ?? ''));
      const name = String(ps?.values.get('name') ?? '').toLowerCase();
      const meta = metadata.permissionSets.find((x) => x.name.toLowerCase() === name);
      for (const [key, v] of Object.entries(meta?.recordTypes ?? {}))
        if (key.startsWith(prefix) && v.visible) available.add(key.slice(prefix.length));
    }
    return { available, profileDefault, profileGivesCustom };
  }

  /** Id of the record type a new record of `object` gets for the user; null = the Master. */
  defaultId(userId: string, object: string): string | null {
    const vis = this.visibility(userId, object);
    const active = this.rowsOf(object).filter((r) => r.values.get('isactive') === true);
    const byDev = (dev: string): Row | undefined =>
      active.find((r) => String(r.values.get('developername')).toLowerCase() === dev);
    if (vis.profileDefault) {
      const row = byDev(vis.profileDefault);
      if (row) return row.id;
    }
    if (vis.profileGivesCustom) return null;
    const usable = [...vis.available].map(byDev).filter((r): r is Row => !!r);
    return usable.length === 1 ? usable[0].id : null;
  }

  /** The describe's view: every record type of the object plus the Master, by label, Master last. */
  views(userId: string, object: string): RecordTypeView[] {
    const vis = this.visibility(userId, object);
    const dflt = this.defaultId(userId, object);
    const custom = this.rowsOf(object)
      .map((r) => {
        const developerName = String(r.values.get('developername'));
        const active = r.values.get('isactive') === true;
        return {
          id: r.id,
          name: String(r.values.get('name')),
          developerName,
          active,
          master: false,
          available: active && vis.available.has(developerName.toLowerCase()),
          defaultMapping: r.id === dflt
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    return [
      ...custom,
      {
        id: MASTER_RECORD_TYPE_ID,
        name: 'Master',
        developerName: 'Master',
        active: true,
        master: true,
        // the Master stays selectable only where new records get it
        available: dflt === null,
        defaultMapping: dflt === null
      }
    ];
  }

  /**
   * Whether `id` may be saved as the RecordTypeId of an `object` record: an active record type of
   * that object, and available to the user when `enforceAvailability` (user mode, REST API).
   */
  isValid(object: string, id: string, userId: string, enforceAvailability: boolean): boolean {
    const row = this.store.get(id);
    if (!row || row.deleted || row.type !== 'RecordType') return false;
    if (String(row.values.get('sobjecttype') ?? '').toLowerCase() !== object.toLowerCase())
      return false;
    if (row.values.get('isactive') !== true) return false;
    if (!enforceAvailability) return true;
    return this.visibility(userId, object).available.has(
      String(row.values.get('developername')).toLowerCase()
    );
  }
}
