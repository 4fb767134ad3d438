// Permission set groups: an assignment of a group gets the group's aggregate permission set as its PermissionSetId.
import { ApexId, type ApexSObject } from '../../runtime/values.ts';
import { textKeyer } from '../data/index.ts';
import type { DmlContext } from './call.ts';

/**
 * An assignment of a permission set group names the group (PermissionSetGroupId); its
 * PermissionSetId is the group's aggregate permission set (Object Reference,
 * "PermissionSetAssignment": PermissionSetGroupId "If the permission set assignment is for a
 * permission set group, the ID of the group"; "PermissionSet": Type Group, PermissionSetGroupId).
 */
export function groupAggregateSet(ctx: DmlContext, rec: ApexSObject): void {
  const group = rec.raw('PermissionSetGroupId');
  if (group === undefined || group === null || rec.raw('PermissionSetId')) return;
  const id = String(group);
  for (const r of ctx.store.lookup(
    'PermissionSet',
    'permissionsetgroupid',
    textKeyer,
    id.toLowerCase()
  ))
    if (!r.deleted && String(r.values.get('permissionsetgroupid')) === id)
      rec.set('PermissionSetId', new ApexId(r.id));
}
