// FeatureManagement, Security.stripInaccessible, SObjectAccessDecision and AccessType (Apex
// Reference: "Security Class", "FeatureManagement Class").
import {
  ApexEnumValue,
  ApexList,
  ApexMap,
  ApexSObject,
  ApexSet,
  NativeObject,
  T_BOOLEAN,
  T_INTEGER,
  T_STRING,
  typeRef,
  type ApexValue
} from '../../runtime/values.ts';
import type { NativesEnv, OrgServices } from './services.ts';
import { T_LIST, m, state, type PlatformClassDef } from './common.ts';

/** Security.stripInaccessible: removes fields the running user cannot read/create/update. */
function stripInaccessible(org: OrgServices, accessType: ApexValue, recs: ApexValue): ApexValue {
  const at = accessType instanceof ApexEnumValue ? accessType.name : String(accessType);
  const list = recs instanceof ApexList ? recs : new ApexList(typeRef('SObject'));
  const userId = org.currentUserId();
  const removed = new ApexMap(T_STRING, typeRef('Set', [T_STRING]));
  const modified = new ApexSet(T_INTEGER);
  const out = new ApexList(list.elemType, []);
  list.items.forEach((item, i) => {
    if (!(item instanceof ApexSObject)) {
      out.items.push(item);
      return;
    }
    const o = org.schema.require(item.type);
    const copy = new ApexSObject(o.name);
    copy.queried = item.queried ? new Set(item.queried) : null;
    for (const [name, v] of item.populated()) {
      const f = o.field(name);
      let ok = true;
      if (f && f.name !== 'Id') {
        const read = org.access.canReadField(userId, o.name, f.name);
        const edit = org.access.canEditField(userId, o.name, f.name);
        ok =
          at === 'READABLE'
            ? read
            : at === 'CREATABLE'
              ? edit && f.createable
              : at === 'UPDATABLE'
                ? edit && f.updateable
                : edit;
      }
      if (ok) copy.set(name, v);
      else {
        modified.add(i);
        let set = removed.get(o.name) as ApexSet | null;
        if (!set) {
          set = new ApexSet(T_STRING);
          removed.put(o.name, set);
        }
        set.add(f?.name ?? name);
      }
    }
    out.items.push(copy);
  });
  return new NativeObject('System.SObjectAccessDecision', { records: out, removed, modified });
}

export function securityClasses(env: NativesEnv): PlatformClassDef[] {
  const user = (): string => env.org.currentUserId();
  return [
    {
      name: 'System.FeatureManagement',
      aliases: ['FeatureManagement'],
      methods: [
        m(
          'checkPermission',
          [T_STRING],
          T_BOOLEAN,
          (ctx, _s, [name]) => {
            const n = String(name);
            if (
              !env.org.metadata.customPermissions.some(
                (c) => c.name.toLowerCase() === n.toLowerCase()
              )
            ) {
              // Unknown names return false on the platform (no exception).
              return false;
            }
            // Custom permissions are granted only by a profile or permission set, even to administrators.
            return env.org.access.hasCustomPermission(user(), n);
          },
          true
        )
      ]
    },
    {
      name: 'System.Security',
      aliases: ['Security'],
      methods: [
        m(
          'stripInaccessible',
          [typeRef('System.AccessType'), T_LIST(typeRef('SObject'))],
          typeRef('System.SObjectAccessDecision'),
          (_c, _s, [at, recs]) => stripInaccessible(env.org, at, recs),
          true
        ),
        m(
          'stripInaccessible',
          [typeRef('System.AccessType'), T_LIST(typeRef('SObject')), T_BOOLEAN],
          typeRef('System.SObjectAccessDecision'),
          (_c, _s, [at, recs]) => stripInaccessible(env.org, at, recs),
          true
        )
      ]
    },
    {
      name: 'System.SObjectAccessDecision',
      methods: [
        m(
          'getRecords',
          [],
          T_LIST(typeRef('SObject')),
          (_c, self) => state<{ records: ApexList }>(self).records
        ),
        m(
          'getRemovedFields',
          [],
          typeRef('Map', [T_STRING, typeRef('Set', [T_STRING])]),
          (_c, self) => state<{ removed: ApexMap }>(self).removed
        ),
        m(
          'getModifiedIndexes',
          [],
          typeRef('Set', [T_INTEGER]),
          (_c, self) => state<{ modified: ApexSet }>(self).modified
        )
      ]
    },
    {
      name: 'System.AccessType',
      aliases: ['AccessType'],
      enumValues: ['CREATABLE', 'READABLE', 'UPDATABLE', 'UPSERTABLE'],
      methods: [],
      staticProperty: (_c, name) => {
        const values = ['CREATABLE', 'READABLE', 'UPDATABLE', 'UPSERTABLE'];
        const i = values.indexOf(name.toUpperCase());
        return i < 0 ? undefined : new ApexEnumValue('System.AccessType', values[i], i);
      }
    }
  ];
}
