// The shapes of an org's metadata as loaded from SFDX source (metadata.ts): Metadata API Developer
// Guide, CustomObject, RecordType, CustomMetadata, PermissionSet, Profile, NamedCredential,
// ExternalCredential, StaticResource, ValidationRule, FieldSet, PlatformCachePartition.
import type { SharingReasonMeta } from './share-objects.ts';
import type { CatalogField, CatalogObject } from './catalog-types.ts';

export interface ObjectPermission {
  read: boolean;
  create: boolean;
  edit: boolean;
  delete: boolean;
  viewAll: boolean;
  modifyAll: boolean;
}

export interface PermissionSetMeta {
  name: string;
  label: string;
  /** The managed package's namespace for its permission sets (PermissionSet.NamespacePrefix). */
  namespace?: string;
  /** true for profiles */
  isProfile: boolean;
  objects: Record<string, ObjectPermission>; // lower-case object name
  fields: Record<string, { read: boolean; edit: boolean }>; // lower-case 'object.field'
  customPermissions: Set<string>; // lower-case names
  classes: Set<string>; // lower-case class names
  externalCredentialPrincipals: Set<string>; // lower-case 'Credential-Principal'
  userPermissions: Set<string>; // lower-case, e.g. modifyalldata
  /** recordTypeVisibilities, keyed lower-case 'object.developername'; only profiles carry `default` */
  recordTypes: Record<string, { visible: boolean; default: boolean }>;
}

export interface PermissionSetGroupMeta {
  name: string;
  label: string;
  description?: string;
  /** Metadata API "PermissionSetGroup": status Updated (default), Outdated, Updating, Failed */
  status: string;
  permissionSets: string[];
  mutingPermissionSets: string[];
}

export interface NamedCredentialMeta {
  name: string;
  label: string;
  url: string;
  externalCredential?: string;
  allowMergeFieldsInHeader: boolean;
  allowMergeFieldsInBody: boolean;
  generateAuthorizationHeader: boolean;
  /** legacy named credentials carry their principal themselves */
  legacy: boolean;
}

export interface ExternalCredentialMeta {
  name: string;
  label: string;
  protocol: string;
  principals: { name: string; type: string; sequence: number }[];
  parameters: Record<string, string>;
}

export interface RecordTypeMeta {
  object: string;
  developerName: string;
  label: string;
  active: boolean;
  description?: string;
}

export interface CustomMetadataRecord {
  type: string; // X__mdt
  developerName: string;
  label: string;
  protected: boolean;
  values: Record<string, string | number | boolean | null>;
}

export interface ValidationRuleMeta {
  object: string;
  name: string;
  active: boolean;
  formula: string;
  message: string;
  field?: string;
  /** A managed package's rule: its formula names fields in this namespace first. */
  namespace?: string;
}

export interface StaticResourceMeta {
  name: string;
  contentType: string;
  /**
   * The content; absent when the source tree holds only the meta file because a build step
   * supplies the file (a library copied from node_modules): reading it then fails with `missing`.
   */
  body?: Buffer;
  /** Why there is no body (the message a use of the resource fails with). */
  missing?: string;
}

/** A static resource's content, or the loud failure of one whose content the source lacks. */
export function resourceBody(resource: StaticResourceMeta): Buffer {
  if (!resource.body)
    throw new Error(resource.missing ?? `Static resource ${resource.name} has no content`);
  return resource.body;
}

/** A field set (objects/X/fieldSets/Name.fieldSet-meta.xml): its fields in display order. */
export interface FieldSetMeta {
  object: string;
  name: string;
  label: string;
  description: string;
  fields: { path: string; required: boolean }[];
}

export interface Metadata {
  objects: CatalogObject[]; // custom objects and custom fields on standard objects (fields only)
  /** custom fields added to standard objects, keyed by object name */
  standardObjectFields: Record<string, CatalogField[]>;
  recordTypes: RecordTypeMeta[];
  fieldSets: FieldSetMeta[];
  validationRules: ValidationRuleMeta[];
  /** Apex sharing reasons (`objects/X__c/sharingReasons/R__c.sharingReason-meta.xml`) */
  sharingReasons: SharingReasonMeta[];
  customMetadata: CustomMetadataRecord[];
  /**
   * Custom labels by name: the org's own as `Name`, a managed package's as `ns.Name` (its
   * namespace, schema/metadata-namespace.ts customLabel).
   */
  labels: Record<string, string>;
  /** The names (as keyed in `labels`) of the labels marked `<protected>true</protected>`. */
  protectedLabels?: string[];
  permissionSets: PermissionSetMeta[];
  /**
   * Permission set groups (`permissionsetgroups/*.permissionsetgroup-meta.xml`, Metadata API
   * "PermissionSetGroup"): the permission sets they include, by name.
   */
  permissionSetGroups?: PermissionSetGroupMeta[];
  profiles: PermissionSetMeta[];
  /** `namespace`: of the managed package that defines it (CustomPermission.NamespacePrefix). */
  customPermissions: { name: string; label: string; namespace?: string }[];
  namedCredentials: NamedCredentialMeta[];
  /** Remote Site Settings (`remoteSiteSettings/*.remoteSite-meta.xml`): url, isActive */
  remoteSites?: { name: string; url: string; active: boolean }[];
  externalCredentials: ExternalCredentialMeta[];
  staticResources: StaticResourceMeta[];
  notificationTypes: { name: string; label: string }[];
  /** PlatformEventSubscriberConfig: the user and batch size an event or change-event trigger runs with */
  eventSubscriberConfigs: {
    name: string;
    trigger: string;
    username: string | null;
    batchSize: number | null;
  }[];
  groups: { name: string; label: string; doesIncludeBosses: boolean }[];
  /** `namespace`: of the managed package the class or trigger belongs to (ApexClass.NamespacePrefix). */
  apexClasses: { name: string; path: string; apiVersion?: number | null; namespace?: string }[];
  apexTriggers: { name: string; path: string; namespace?: string }[];
  /** Flow API names (`flows/*.flow-meta.xml`): the local org does not run them. */
  flows: string[];
  /** Platform Cache partitions (`cachePartitions/*.cachePartition-meta.xml`), capacities in MB. */
  cachePartitions: {
    name: string;
    isDefault: boolean;
    orgCapacity: number;
    sessionCapacity: number;
  }[];
}
