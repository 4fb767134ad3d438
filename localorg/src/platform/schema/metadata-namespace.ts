// A managed package's metadata as a subscriber org holds it: every custom name the package defines
// carries the package's namespace prefix (ISVforce Guide, "Namespace-Based Visibility for Apex
// Classes in Second-Generation Packages" and "Register a Namespace for Second-Generation Managed
// Packages": "the namespace prefix is prepended to the API names of custom objects, custom fields,
// custom metadata types, platform events and so on"; Apex Developer Guide, "Namespace Prefix":
// "a managed package's custom object and field names are prefixed, for example ns__Obj__c"). So the
// package's `S2S_Connection__c` becomes `s2s__S2S_Connection__c`, its field `Status__c` becomes
// `s2s__Status__c` (on standard objects too), its lookup's relationship `Connection__r` becomes
// `s2s__Connection__r`, its event `S2S_Batch_Outcome__e` becomes `s2s__S2S_Batch_Outcome__e` and
// its custom permission `S2S_Admin` is `s2s__S2S_Admin` in `$Permission` and permission checks.
// Standard names (Id, Name, OwnerId, Account) never change. Code of the package still names them
// without the prefix: schema.ts resolves an unprefixed name in the calling code's namespace first.
import type { CatalogField, CatalogObject } from './catalog-types.ts';
import type { Metadata, PermissionSetMeta } from './metadata-types.ts';
import { resolve, sep } from 'node:path';
import { loadMetadata } from './metadata.ts';

/**
 * The metadata of `dirs` as one org holds it: with a namespace, the directories that are not the
 * org's own (`subscriberDirs`) are the managed package's, their names prefixed.
 */
export function loadOrgMetadata(
  dirs: string[],
  namespace?: string,
  subscriberDirs: string[] = []
): Metadata {
  if (!namespace) return loadMetadata(dirs);
  const own = new Set(subscriberDirs.map((d) => resolve(d) + sep));
  const isOwn = (d: string): boolean => own.has(resolve(d) + sep);
  const pkg = namespaceMetadata(loadMetadata(dirs.filter((d) => !isOwn(d))), namespace);
  const mine = dirs.filter(isOwn);
  return mine.length ? mergeMetadata(pkg, loadMetadata(mine)) : pkg;
}

/** A custom API name without a namespace: `Name__c`, `Name__r`, `Name__e`, `Name__mdt`... */
const CUSTOM_NAME = /^[A-Za-z][A-Za-z0-9_]*?__(c|r|e|mdt|b|x|Share|ChangeEvent)$/i;

/** Whether a custom name already carries a namespace (`ns__Name__c`: two `__` separators). */
export function hasNamespacePrefix(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]*__[A-Za-z0-9_]*?[A-Za-z0-9]__[A-Za-z]+$/.test(name);
}

/** `Name__c` → `ns__Name__c`; standard names and names with a namespace unchanged. */
export function prefixName(ns: string, name: string): string {
  if (!CUSTOM_NAME.test(name) || hasNamespacePrefix(name)) return name;
  return `${ns}__${name}`;
}

/** The metadata of `md` (all of it the package's) with the package's names prefixed by `ns`. */
export function namespaceMetadata(md: Metadata, ns: string): Metadata {
  const p = (n: string): string => prefixName(ns, n);
  const path = (dotted: string): string => dotted.split('.').map(p).join('.');
  const field = (f: CatalogField): CatalogField => {
    const out: CatalogField = { ...f, name: p(f.name) };
    if (f.referenceTo) out.referenceTo = f.referenceTo.map(p);
    if (f.relationshipName) out.relationshipName = p(f.relationshipName);
    if (f.childRelationshipName) out.childRelationshipName = p(f.childRelationshipName);
    if (f.metadataControllingField) out.metadataControllingField = p(f.metadataControllingField);
    const extra = f as CatalogField & { formula?: string; summary?: string };
    if (extra.summary !== undefined)
      throw new Error(
        `Unsupported by the local org: roll-up summary fields of a namespaced package (${f.name})`
      );
    // Its formula names the package's fields without the prefix: evaluated in the namespace.
    if (extra.formula !== undefined) Object.assign(out, { namespace: ns });
    return out;
  };
  const object = (o: CatalogObject): CatalogObject => ({
    ...o,
    name: p(o.name),
    fields: Object.fromEntries(Object.values(o.fields).map((f) => [p(f.name), field(f)])),
    childRelationships: o.childRelationships.map((c) => ({
      ...c,
      relationshipName: p(c.relationshipName),
      childSObject: p(c.childSObject),
      field: p(c.field)
    })),
    ...(o.changeEventFor ? { changeEventFor: p(o.changeEventFor) } : {})
  });
  const lcKeys = <T>(r: Record<string, T>, f: (k: string) => string): Record<string, T> =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [f(k).toLowerCase(), v]));
  const permissions = (ps: PermissionSetMeta): PermissionSetMeta => ({
    ...ps,
    ...(ps.isProfile ? {} : { namespace: ns }),
    objects: lcKeys(ps.objects, p),
    fields: lcKeys(ps.fields, path),
    recordTypes: lcKeys(ps.recordTypes, (k) => {
      const dot = k.lastIndexOf('.');
      return `${p(k.slice(0, dot))}${k.slice(dot)}`;
    })
  });
  return {
    ...md,
    objects: md.objects.map(object),
    standardObjectFields: Object.fromEntries(
      Object.entries(md.standardObjectFields).map(([o, fs]) => [o, fs.map(field)])
    ),
    recordTypes: md.recordTypes.map((r) => ({ ...r, object: p(r.object) })),
    validationRules: md.validationRules.map((r) => ({
      ...r,
      object: p(r.object),
      ...(r.field ? { field: p(r.field) } : {}),
      namespace: ns
    })),
    fieldSets: md.fieldSets.map((s) => ({
      ...s,
      object: p(s.object),
      fields: s.fields.map((f) => ({ ...f, path: path(f.path) }))
    })),
    sharingReasons: md.sharingReasons.map((s) => ({ ...s, object: p(s.object), name: p(s.name) })),
    customMetadata: md.customMetadata.map((r) => ({
      ...r,
      type: p(r.type),
      values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [p(k), v]))
    })),
    permissionSets: md.permissionSets.map(permissions),
    profiles: md.profiles.map(permissions),
    // A custom permission keeps its DeveloperName and gets the package's NamespacePrefix; outside
    // the package it is named `ns__Name` (customPermissionName).
    customPermissions: md.customPermissions.map((c) => ({ ...c, namespace: ns })),
    // A package's label is `ns.Name` (customLabel): its own code names it bare, others qualify it.
    labels: Object.fromEntries(Object.entries(md.labels).map(([k, v]) => [`${ns}.${k}`, v])),
    protectedLabels: (md.protectedLabels ?? []).map((k) => `${ns}.${k}`),
    apexClasses: md.apexClasses.map((c) => ({ ...c, namespace: ns })),
    apexTriggers: md.apexTriggers.map((t) => ({ ...t, namespace: ns }))
  };
}

/** The package's metadata (already namespaced) and the subscriber's own, as one org's. */
export function mergeMetadata(pkg: Metadata, own: Metadata): Metadata {
  const out = { ...pkg } as Record<string, unknown>;
  for (const [k, v] of Object.entries(own)) {
    const mine = (pkg as unknown as Record<string, unknown>)[k];
    // (a key only one side has, e.g. an optional kind of metadata, is taken as it is)
    if (Array.isArray(v)) out[k] = [...((mine as unknown[] | undefined) ?? []), ...v];
    else if (k === 'standardObjectFields') {
      const merged: Record<string, CatalogField[]> = { ...pkg.standardObjectFields };
      for (const [o, fs] of Object.entries(v as Record<string, CatalogField[]>))
        merged[o] = [...(merged[o] ?? []), ...fs];
      out[k] = merged;
    } else if (v && typeof v === 'object' && !(v instanceof Map) && !(v instanceof Set))
      out[k] = { ...((mine as object | undefined) ?? {}), ...(v as object) };
    else out[k] = v ?? mine;
  }
  return out as unknown as Metadata;
}

/**
 * The DeveloperName of the custom permission `name` names for code of namespace `callerNs`, or null
 * when the org has none by that name: `ns__Name` names a package's from anywhere; a bare name, the
 * caller's own namespace's first, then the org's own (FeatureManagement.checkPermission takes "the
 * API name of the custom permission"; a package's API names carry its prefix, ISVforce Guide).
 */
export function customPermissionName(
  md: Metadata,
  name: string,
  callerNs: string | null
): string | null {
  const lc = name.toLowerCase();
  const find = (ns: string | null, dev: string) =>
    md.customPermissions.find((c) => (c.namespace ?? null) === ns && c.name.toLowerCase() === dev);
  const sep = lc.indexOf('__');
  if (sep > 0) {
    const found = find(lc.slice(0, sep), lc.slice(sep + 2));
    if (found) return found.name;
  }
  return (callerNs ? find(callerNs, lc) : undefined)?.name ?? find(null, lc)?.name ?? null;
}

/**
 * The value of the custom label `name` (`Name` or `ns.Name`) for code of namespace `callerNs`:
 * - `ns.Name` is the label of the package of namespace `ns`; from another namespace only when not
 *   protected (Apex Reference, Label Class: "You can't access labels that are protected in a
 *   different namespace"; the namespaced form is the Lightning Aura Components Developer Guide's
 *   "$Label.namespace.labelName ... to access a label in a managed package");
 * - a bare `Name` is a label of the caller's own namespace (a package's code names its own labels
 *   without the prefix, as it names its classes and schema: Apex Developer Guide, "Namespace
 *   Prefix"), the org's own labels for code in no namespace.
 * `{ missing }` when no label has that name there, `{ hidden }` when it is protected.
 */
export function customLabel(
  md: Metadata,
  name: string,
  callerNs: string | null
): { value: string } | { missing: string } | { hidden: string } {
  const lc = name.toLowerCase();
  const dot = lc.indexOf('.');
  const key = dot > 0 ? lc : callerNs ? `${callerNs.toLowerCase()}.${lc}` : lc;
  const found = Object.keys(md.labels).find((k) => k.toLowerCase() === key);
  if (found === undefined) return { missing: name };
  const ns = dot > 0 ? lc.slice(0, dot) : (callerNs?.toLowerCase() ?? null);
  if (
    ns !== (callerNs?.toLowerCase() ?? null) &&
    (md.protectedLabels ?? []).some((k) => k.toLowerCase() === key)
  )
    return { hidden: found };
  return { value: md.labels[found] };
}
