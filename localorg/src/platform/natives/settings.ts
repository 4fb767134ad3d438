// Custom labels (System.Label) and the statics of custom settings and custom metadata types (Apex
// Reference: "Custom Settings Methods", "Custom Metadata Type Methods").
import {
  ApexId,
  ApexMap,
  ApexSObject,
  T_ID,
  T_STRING,
  typeRef,
  type ApexValue
} from '../../runtime/values.ts';
import { rowToSObject } from '../dml/engine.ts';
import type { NativesEnv, OrgServices } from './services.ts';
import { m, type PlatformClassDef } from './common.ts';
import { customLabel } from '../schema/metadata-namespace.ts';

/** Custom settings and custom metadata statics: getInstance, getOrgDefaults, getValues, getAll (Apex Reference, "Custom Settings Methods", "Custom Metadata Type Methods"). */
function settingsClasses(current: () => OrgServices): PlatformClassDef[] {
  const org = current();
  const out: PlatformClassDef[] = [];
  for (const o of org.schema.objects()) {
    if (!o.isCustomSetting && !o.isCustomMetadata) continue;
    const type = typeRef(o.name);
    const records = (): ApexSObject[] =>
      [...current().store.rows(o.name)].map((r) => rowToSObject(o, r));
    const byOwner = (id: string): ApexSObject | null =>
      records().find((r) => String(r.raw('SetupOwnerId')) === id) ?? null;
    const allMap = (key: string): ApexMap => {
      const map = new ApexMap(T_STRING, type);
      for (const r of records()) map.put(String(r.raw(key)), r);
      return map;
    };
    if (o.isCustomMetadata) {
      const find = (v: ApexValue): ApexSObject | null =>
        records().find(
          (r) => String(r.raw('DeveloperName')) === String(v) || String(r.raw('Id')) === String(v)
        ) ?? null;
      out.push({
        name: o.name,
        methods: [
          m('getAll', [], typeRef('Map', [T_STRING, type]), () => allMap('DeveloperName'), true),
          m('getInstance', [T_STRING], type, (_c, _s, [v]) => find(v ?? null), true)
        ]
      });
      continue;
    }
    if (o.def.customSettingType === 'List') {
      const byName = (v: ApexValue): ApexSObject | null =>
        records().find((r) => String(r.raw('Name')) === String(v)) ?? null;
      out.push({
        name: o.name,
        methods: [
          m('getAll', [], typeRef('Map', [T_STRING, type]), () => allMap('Name'), true),
          m('getInstance', [T_STRING], type, (_c, _s, [v]) => byName(v ?? null), true),
          m('getValues', [T_STRING], type, (_c, _s, [v]) => byName(v ?? null), true)
        ]
      });
      continue;
    }
    const orgDefaults = (): ApexSObject => {
      const r = byOwner(current().organizationId);
      if (r) return r;
      const empty = new ApexSObject(o.name);
      empty.set('SetupOwnerId', new ApexId(current().organizationId));
      return empty;
    };
    // Fields merge from the lowest hierarchy level that defines them: user, then profile, then org.
    const instanceFor = (userId: string): ApexSObject => {
      const user = current().store.get(userId);
      const profileId = String(user?.values.get('profileid') ?? '');
      const levels = [
        byOwner(userId),
        byOwner(profileId),
        byOwner(current().organizationId)
      ].filter((x): x is ApexSObject => x !== null);
      const out = new ApexSObject(o.name);
      for (const lvl of [...levels].reverse())
        for (const [k, v] of lvl.populated()) if (v !== null) out.set(k, v);
      if (levels[0] && String(levels[0].raw('SetupOwnerId')) === userId)
        out.set('Id', levels[0].raw('Id') ?? null);
      else out.unset('Id');
      out.set('SetupOwnerId', new ApexId(userId));
      return out;
    };
    out.push({
      name: o.name,
      methods: [
        m('getInstance', [], type, () => instanceFor(current().currentUserId()), true),
        m(
          'getInstance',
          [T_ID],
          type,
          (_c, _s, [id]) =>
            String(id).startsWith('00e')
              ? (byOwner(String(id)) ?? orgDefaults())
              : instanceFor(String(id)),
          true
        ),
        m('getOrgDefaults', [], type, () => orgDefaults(), true),
        m('getValues', [T_ID], type, (_c, _s, [id]) => byOwner(String(id)), true)
      ]
    });
  }
  return out;
}

export function settingsAndLabelClasses(env: NativesEnv): PlatformClassDef[] {
  return [
    {
      name: 'System.Label',
      aliases: ['Label'],
      methods: [],
      // A bare name is a label of the calling code's namespace; `System.Label.ns.Name` (a managed
      // package's) is compiled in exec/compile/names.ts (customLabel).
      staticProperty: (_c, name) => {
        const label = customLabel(env.org.metadata, name, env.org.schema.names.namespace());
        return 'value' in label ? label.value : undefined;
      }
    },
    ...settingsClasses(() => env.org)
  ];
}
