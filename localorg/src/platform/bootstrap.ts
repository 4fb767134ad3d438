// The records every org has before any code runs (Object Reference): its Organization, the
// profiles, the admin and Automated Process users, permission sets, the standard price book, one
// ApexClass per class, custom permissions, record types, named credentials, static resources,
// notification types, groups and custom metadata records. Inserted straight into the store: no
// trigger, no sharing, no limits.
import { readFileSync } from 'node:fs';
import { ApexId, type ApexValue } from '../runtime/values.ts';
import type { Schema } from './schema/schema.ts';
import type { Metadata } from './schema/metadata.ts';
import type { Store } from './data/store.ts';
import type { IdGenerator } from './data/ids.ts';
import { jsToApex } from './data/convert.ts';
import { BUILTIN_PROFILES } from './security/access.ts';
import type { CatalogField } from './schema/catalog-types.ts';

export interface BootstrapInput {
  readonly name: string;
  readonly metadata: Metadata;
  readonly schema: Schema;
  readonly store: Store;
  readonly ids: IdGenerator;
}

/** The Ids the org keeps of its setup records. */
export interface BootstrapIds {
  organizationId: string;
  adminUserId: string;
  automatedProcessUserId: string;
  standardPricebook: string;
  /** ApexClass record Ids by lower-case class name */
  apexClassIds: Map<string, string>;
}

/** The text of a source file, or null when it cannot be read (sources given as text). */
function sourceText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * ApexClass.LengthWithoutComments (Object Reference, ApexClass: "Length of the class without
 * comments"): the characters of the source outside line and block comments (a comment marker
 * inside a string literal is text). Whether the platform also leaves out whitespace is not documented;
 * here only comments are left out.
 */
export function lengthWithoutComments(source: string): number {
  let n = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
      if (i < source.length) n++;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 1;
    } else if (c === "'") {
      n++;
      for (i++; i < source.length && source[i] !== "'"; i++) {
        n++;
        if (source[i] === '\\' && i + 1 < source.length) {
          i++;
          n++;
        }
      }
      if (i < source.length) n++;
    } else n++;
  }
  return n;
}

export function insertSetupRecords(input: BootstrapInput): BootstrapIds {
  const apexClassIds = new Map<string, string>();
  const sys = (type: string, values: Record<string, unknown>): string => {
    const o = input.schema.require(type);
    const id = input.ids.next(o.keyPrefix);
    const m = new Map<string, ApexValue>([
      ['id', new ApexId(id)],
      ['isdeleted', false]
    ]);
    for (const [k, v] of Object.entries(values)) {
      const f = o.field(k);
      if (!f) throw new Error(`bootstrap: ${type}.${k} unknown`);
      m.set(k.toLowerCase(), jsToApex(f, v));
    }
    input.store.insert(o.name, id, m);
    return id;
  };
  const orgId = sys('Organization', {
    Name: input.name,
    OrganizationType: 'Developer Edition',
    IsSandbox: false,
    TimeZoneSidKey: 'GMT',
    LanguageLocaleKey: 'en_US'
  });
  const profiles = new Map<string, string>();
  // The Salesforce user licence (Object Reference, UserLicense: LicenseDefinitionKey SFDC), which the
  // standard profiles hold (Profile.UserLicenseId); the Analytics integration profile's own licence
  // is not modelled (its UserLicenseId stays null).
  const salesforceLicense = sys('UserLicense', {
    Name: 'Salesforce',
    MasterLabel: 'Salesforce',
    LicenseDefinitionKey: 'SFDC',
    Status: 'Active'
  });
  // System permissions as the Permissions<Name> fields of Profile and PermissionSet (Object
  // Reference, "PermissionSet": one boolean field per permission): Modify All Data and View All Data,
  // which the System Administrator profile holds and the source's profiles and permission sets grant
  // by <userPermissions> (Salesforce Help 000321298: Modify All Data needs View All Data).
  const systemPermissions = (name: string, isAdmin: boolean) => {
    const meta = [...input.metadata.profiles, ...input.metadata.permissionSets].find(
      (x) => x.name.toLowerCase() === name.toLowerCase()
    );
    const has = (p: string) => isAdmin || (meta?.userPermissions.has(p) ?? false);
    return {
      PermissionsModifyAllData: has('modifyalldata'),
      PermissionsViewAllData: has('viewalldata') || has('modifyalldata')
    };
  };
  for (const p of new Set([...BUILTIN_PROFILES, ...input.metadata.profiles.map((x) => x.name)]))
    profiles.set(
      p,
      sys('Profile', {
        Name: p,
        UserLicenseId:
          p === 'Analytics Cloud Integration User' ? null : new ApexId(salesforceLicense),
        ...systemPermissions(p, p === 'System Administrator')
      })
    );
  const user = (
    username: string,
    last: string,
    profile: string,
    alias: string,
    userType = 'Standard'
  ): string =>
    sys('User', {
      Username: username,
      LastName: last,
      Email: username.replace(/@.*/, '@example.com'),
      Alias: alias,
      TimeZoneSidKey: 'GMT',
      LocaleSidKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      LanguageLocaleKey: 'en_US',
      ProfileId: profiles.get(profile),
      IsActive: true,
      UserType: userType,
      Name: last,
      CommunityNickname: alias
    });
  const adminUserId = user(
    `admin@${input.name}.localorg`,
    'Admin',
    'System Administrator',
    'admin'
  );
  // UserType AutomatedProcess: how Apex tells that an event trigger or a publish callback runs as
  // the Automated Process user (UserInfo.getUserType(), SELECT ... WHERE UserType = 'AutomatedProcess')
  const automatedProcessUserId = user(
    `autoproc@${input.name}.localorg`,
    'Automated Process',
    'System Administrator',
    'autoproc',
    'AutomatedProcess'
  );
  const permissionSetIds = new Map<string, string>();
  for (const ps of input.metadata.permissionSets)
    permissionSetIds.set(
      ps.name,
      sys('PermissionSet', {
        Name: ps.name,
        Label: ps.label,
        IsOwnedByProfile: false,
        // A package's sets (Object Reference, PermissionSet: NamespacePrefix).
        NamespacePrefix: ps.namespace ?? null,
        ...systemPermissions(ps.name, false)
      })
    );
  // Permission set groups of the source (Object Reference, "PermissionSetGroup"), each with its
  // aggregate permission set (PermissionSet Type Group, PermissionSetGroupId; its Name is the local
  // org's choice) and one PermissionSetGroupComponent per permission set it includes. Muting
  // permission sets are not modelled: computing the permissions of a user assigned such a group
  // fails loudly (security/access.ts).
  for (const g of input.metadata.permissionSetGroups ?? []) {
    const groupId = sys('PermissionSetGroup', {
      DeveloperName: g.name,
      MasterLabel: g.label || g.name,
      Description: g.description ?? null,
      Status: g.status,
      HasActivationRequired: false
    });
    sys('PermissionSet', {
      Name: `${g.name}_Group`,
      Label: g.label || g.name,
      IsOwnedByProfile: false,
      Type: 'Group',
      PermissionSetGroupId: groupId
    });
    for (const name of g.permissionSets) {
      const psId = permissionSetIds.get(name);
      if (psId)
        sys('PermissionSetGroupComponent', {
          PermissionSetGroupId: groupId,
          PermissionSetId: psId
        });
    }
  }
  const standardPricebook = sys('Pricebook2', {
    Name: 'Standard Price Book',
    IsActive: true,
    IsStandard: true
  });
  // One ApexClass row per class of the source, as the org's setup data holds them (Object
  // Reference, ApexClass); async jobs point to theirs through ApexClassId.
  for (const c of input.metadata.apexClasses) {
    const body = sourceText(c.path);
    apexClassIds.set(
      c.name.toLowerCase(),
      sys('ApexClass', {
        Name: c.name,
        Status: 'Active',
        IsValid: true,
        // The installed package's prefix (Object Reference, ApexClass: NamespacePrefix).
        NamespacePrefix: c.namespace ?? null,
        ApiVersion: c.apiVersion ?? null,
        // Body: the class's source (Object Reference, ApexClass).
        Body: body,
        LengthWithoutComments: body === null ? null : lengthWithoutComments(body)
      })
    );
  }
  // One ApexTrigger row per trigger (Object Reference, ApexTrigger: Name, Body, TableEnumOrId).
  for (const t of input.metadata.apexTriggers) {
    const body = sourceText(t.path);
    sys('ApexTrigger', {
      Name: t.name,
      Status: 'Active',
      IsValid: true,
      NamespacePrefix: t.namespace ?? null,
      Body: body,
      TableEnumOrId: /\btrigger\s+\w+\s+on\s+([\w.]+)/i.exec(body ?? '')?.[1] ?? null
    });
  }
  const customPermissionIds = new Map<string, string>();
  for (const cp of input.metadata.customPermissions)
    customPermissionIds.set(
      cp.name.toLowerCase(),
      sys('CustomPermission', {
        DeveloperName: cp.name,
        MasterLabel: cp.label || cp.name,
        NamespacePrefix: cp.namespace ?? null
      })
    );
  // The object and field permissions of each permission set of the source, as ObjectPermissions and
  // FieldPermissions rows (Object Reference, "ObjectPermissions": "Represents the enabled object
  // permissions for the parent PermissionSet"; "FieldPermissions": "Represents the enabled field
  // permissions for the parent PermissionSet"): one row per object or field with a permission
  // enabled, named as the schema spells them (`Account`, `Account.Name`). An object or field the
  // org does not have gets no row, as a deploy would refuse the grant.
  const permissionRows = (
    ps: (typeof input.metadata.permissionSets)[number],
    parentId?: string
  ) => {
    if (!parentId) return;
    for (const [name, perm] of Object.entries(ps.objects)) {
      const o = input.schema.get(name);
      if (!o || !(perm.read || perm.create || perm.edit || perm.delete)) continue;
      sys('ObjectPermissions', {
        ParentId: parentId,
        SobjectType: o.name,
        PermissionsRead: perm.read,
        PermissionsCreate: perm.create,
        PermissionsEdit: perm.edit,
        PermissionsDelete: perm.delete,
        PermissionsViewAllRecords: perm.viewAll,
        PermissionsModifyAllRecords: perm.modifyAll
      });
    }
    for (const [name, perm] of Object.entries(ps.fields)) {
      const dot = name.indexOf('.');
      const o = input.schema.get(name.slice(0, dot));
      const f = o?.field(name.slice(dot + 1));
      if (!o || !f || !(perm.read || perm.edit)) continue;
      sys('FieldPermissions', {
        ParentId: parentId,
        SobjectType: o.name,
        Field: `${o.name}.${f.name}`,
        PermissionsRead: perm.read || perm.edit,
        PermissionsEdit: perm.edit
      });
    }
  };
  // What each permission set of the source enables, as SetupEntityAccess rows (Object Reference,
  // SetupEntityAccess: ParentId the PermissionSet, SetupEntityId the entity, SetupEntityType
  // CustomPermission or ApexClass), so Apex can ask which permission sets grant a custom permission.
  // A grant naming an entity the source does not have gets no row, as a deploy would refuse it.
  for (const ps of input.metadata.permissionSets) {
    const parentId = permissionSetIds.get(ps.name);
    for (const name of ps.customPermissions) {
      const entityId = customPermissionIds.get(name);
      if (entityId)
        sys('SetupEntityAccess', {
          ParentId: parentId,
          SetupEntityId: entityId,
          SetupEntityType: 'CustomPermission'
        });
    }
    permissionRows(ps, parentId);
    for (const name of ps.classes) {
      const entityId = apexClassIds.get(name);
      if (entityId)
        sys('SetupEntityAccess', {
          ParentId: parentId,
          SetupEntityId: entityId,
          SetupEntityType: 'ApexClass'
        });
    }
  }
  for (const rt of input.metadata.recordTypes)
    sys('RecordType', {
      Name: rt.label,
      DeveloperName: rt.developerName,
      SobjectType: rt.object,
      IsActive: rt.active,
      Description: rt.description ?? null
    });
  for (const nc of input.metadata.namedCredentials) {
    sys('NamedCredential', {
      DeveloperName: nc.name,
      MasterLabel: nc.label,
      Endpoint: nc.url,
      PrincipalType: nc.legacy ? 'NamedUser' : 'SecuredEndpoint'
    });
  }
  for (const sr of input.metadata.staticResources)
    sys('StaticResource', {
      Name: sr.name,
      ContentType: sr.contentType,
      BodyLength: sr.body ? sr.body.length : null
    });
  // Platform Cache partitions of the source (natives/cache.ts uses the metadata itself).
  for (const p of input.metadata.cachePartitions)
    sys('PlatformCachePartition', {
      DeveloperName: p.name,
      MasterLabel: p.name,
      NamespacePrefix: null,
      IsDefaultPartition: p.isDefault
    });
  for (const n of input.metadata.notificationTypes) {
    sys('CustomNotificationType', {
      DeveloperName: n.name,
      MasterLabel: n.label,
      CustomNotifTypeName: n.label,
      Desktop: true,
      Mobile: true
    });
  }
  for (const g of input.metadata.groups)
    sys('Group', {
      DeveloperName: g.name,
      Name: g.label,
      Type: 'Regular',
      DoesIncludeBosses: g.doesIncludeBosses
    });
  const cmtIds = new Map<string, string>();
  const relationships: {
    id: string;
    field: CatalogField;
    value: string;
    values: Record<string, unknown>;
  }[] = [];
  for (const r of input.metadata.customMetadata) {
    const o = input.schema.get(r.type);
    if (!o) throw new Error(`Custom metadata record ${r.developerName} has unknown type ${r.type}`);
    const plain: Record<string, unknown> = {};
    const related: [CatalogField, string][] = [];
    for (const [k, v] of Object.entries(r.values)) {
      const f = o.field(k);
      if (f?.metadataRelationship && typeof v === 'string') related.push([f, v]);
      else plain[k] = v;
    }
    const id = sys(o.name, {
      DeveloperName: r.developerName,
      MasterLabel: r.label,
      Label: r.label,
      QualifiedApiName: r.developerName,
      ...plain
    });
    cmtIds.set(`${o.name.toLowerCase()}.${r.developerName.toLowerCase()}`, id);
    for (const [field, value] of related)
      relationships.push({ id, field, value, values: r.values });
  }
  // Custom metadata relationships: the source names the related record by its DeveloperName, an
  // object by its API name, a field by its API name on the object its controlling field names. The
  // field then reads as the related record's Id, or the EntityDefinition/FieldDefinition DurableId.
  for (const rel of relationships) {
    const target = (rel.field.referenceTo?.[0] ?? '').toLowerCase();
    let value: string | null = rel.value;
    if (target === 'fielddefinition') {
      const ctl = rel.field.metadataControllingField;
      const objectName = ctl ? rel.values[ctl] : undefined;
      value = typeof objectName === 'string' ? `${objectName}.${rel.value}` : null;
    } else if (target !== 'entitydefinition') {
      value = cmtIds.get(`${target}.${rel.value.toLowerCase()}`) ?? null;
      if (value === null)
        throw new Error(
          `Custom metadata relationship ${rel.field.name} names ${rel.value}, which is no record of ${rel.field.referenceTo?.[0]}`
        );
    }
    input.store.get(rel.id)?.values.set(rel.field.name.toLowerCase(), value);
  }
  return {
    organizationId: orgId,
    adminUserId,
    automatedProcessUserId,
    standardPricebook,
    apexClassIds
  };
}
