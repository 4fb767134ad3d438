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
import type { NativeCallContext } from '../../runtime/platform.ts';
import type { NativesEnv, OrgServices } from './services.ts';
import { T_LIST, m, state, type PlatformClassDef } from './common.ts';
import { customPermissionName } from '../schema/metadata-namespace.ts';

/**
 * Security.stripInaccessible (Apex Developer Guide, "Enforce Security with the stripInaccessible
 * Method"; Apex Reference, "Security Class"): a copy of the records without the fields the running
 * user cannot read/create/update, also in parent records and subquery rows; a relationship to an
 * object the user cannot access goes as a whole. A stripped field was not queried any more (reading
 * it throws as for a field never selected). With enforceRootObjectCRUD (default true) a root record
 * of an object the user has no such access to throws NoAccessException.
 */
function stripInaccessible(
  ctx: NativeCallContext,
  org: OrgServices,
  accessType: ApexValue,
  recs: ApexValue,
  enforceRootObjectCRUD: boolean
): ApexValue {
  const at = accessType instanceof ApexEnumValue ? accessType.name : String(accessType);
  const list = recs instanceof ApexList ? recs : new ApexList(typeRef('SObject'));
  const userId = org.currentUserId();
  const removed = new ApexMap(T_STRING, typeRef('Set', [T_STRING]));
  const modified = new ApexSet(T_INTEGER);
  const objectOk = (name: string): boolean => {
    const p = org.access.objectPermission(userId, name);
    return at === 'READABLE'
      ? p.read
      : at === 'CREATABLE'
        ? p.create
        : at === 'UPDATABLE'
          ? p.edit
          : p.create && p.edit;
  };
  const note = (object: string, field: string): void => {
    let set = removed.get(object) as ApexSet | null;
    if (!set) {
      set = new ApexSet(T_STRING);
      removed.put(object, set);
    }
    set.add(field);
  };
  /** A stripped copy of one record; true in `changed` when something was taken out. */
  const strip = (item: ApexSObject, changed: { any: boolean }): ApexSObject => {
    const o = org.schema.require(item.type);
    const copy = new ApexSObject(o.name);
    copy.queried = item.queried ? new Set(item.queried) : null;
    const gone: string[] = [];
    for (const [name, v] of item.populated()) {
      const f = o.field(name);
      let ok = true;
      let value = v;
      if (v instanceof ApexSObject) {
        // A parent record: kept if its object is readable, itself stripped.
        ok = org.access.objectPermission(userId, v.type).read;
        if (ok) value = strip(v, changed);
      } else if (v instanceof ApexList && !f && v.items.some((x) => x instanceof ApexSObject)) {
        // Subquery rows: kept if the child object is readable, each row stripped.
        const childType = (v.items.find((x) => x instanceof ApexSObject) as ApexSObject).type;
        ok = org.access.objectPermission(userId, childType).read;
        if (ok)
          value = new ApexList(
            v.elemType,
            v.items.map((x) => (x instanceof ApexSObject ? strip(x, changed) : x))
          );
      } else if (f && f.name !== 'Id') {
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
      if (ok) copy.set(name, value);
      else {
        changed.any = true;
        gone.push(name);
        note(o.name, f?.name ?? name);
      }
    }
    for (const g of gone) copy.queried?.delete(g.toLowerCase());
    return copy;
  };
  const out = new ApexList(list.elemType, []);
  list.items.forEach((item, i) => {
    if (!(item instanceof ApexSObject)) {
      out.items.push(item);
      return;
    }
    if (enforceRootObjectCRUD && !objectOk(item.type))
      ctx.throwApex('System.NoAccessException', 'No access to entity');
    const changed = { any: false };
    out.items.push(strip(item, changed));
    if (changed.any) modified.add(i);
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
            // A package's own code names its custom permissions bare, others as ns__Name.
            const n = customPermissionName(
              env.org.metadata,
              String(name),
              env.org.schema.names.namespace()
            );
            // Unknown names return false on the platform (no exception).
            if (n === null) return false;
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
          (c, _s, [at, recs]) => stripInaccessible(c, env.org, at, recs, true),
          true
        ),
        m(
          'stripInaccessible',
          [typeRef('System.AccessType'), T_LIST(typeRef('SObject')), T_BOOLEAN],
          typeRef('System.SObjectAccessDecision'),
          (c, _s, [at, recs, enforce]) =>
            stripInaccessible(c, env.org, at, recs, enforce !== false),
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
