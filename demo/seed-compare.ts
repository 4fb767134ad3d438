// Demo data of the admin-operations walkthrough (issue 15, test/browser/admin-operations.test.ts):
// Contacts in Sales with a Tier the Service org's restricted picklist lacks (Bronze), a Discount
// with two decimal places the Service org keeps none of (the compare suggests a Round), and one
// without an email, which the Service org's validation rule refuses (a parked change); the Service
// org's inbound Contact mapping accepting FirstName, LastName, Email, Phone and Tier__c; the Sales
// admin's access to Contacts and Tier; the Service integration user's access to the Contacts it
// writes and View Setup and Configuration, so the org compare reads its validation rules
// (demo/metadata/*: Tier__c, Discount__c, the rule, a Remote Site Setting for the org's own domain).
import type { Org } from '../localorg/src/platform/index.ts';
import type { ApexSObject } from '../localorg/src/runtime/values.ts';

const INBOUND_FIELDS = ['FirstName', 'LastName', 'Email', 'Phone', 'Tier__c', 'Discount__c'];

export function seedOrgCompare(
  sales: Org,
  service: Org,
  serviceConnection: string,
  users: { admin: string; integration: string },
  /** The package's names as the TypeScript API writes them (demo/world.ts packageName). */
  pkg: (text: string) => string = (text) => text
): void {
  sales.assignPermissionSets(sales.userIdByUsername(users.admin), ['S2S_Demo_Contacts']);
  service.assignPermissionSets(service.userIdByUsername(users.integration), ['S2S_Demo_Compare']);
  sales.insert(
    'Contact',
    [
      ['Bea', 'Bronze', 'bea@acme.example', 'Bronze', 12.5],
      ['Sam', 'Silver', 'sam@globex.example', 'Silver', 7.25],
      ['Nora', 'Noemail', '', 'Gold', 3]
    ].map(([FirstName, LastName, Email, Tier__c, Discount__c]) => ({
      FirstName,
      LastName,
      ...(Email ? { Email } : {}),
      Tier__c,
      Discount__c
    })),
    { as: users.admin }
  );
  const existing = service.query(
    pkg(
      `SELECT Id FROM S2S_Object_Mapping__c WHERE Connection__c = '${serviceConnection}' AND Source_Object__c = 'Contact'`
    ),
    {}
  ) as ApexSObject[];
  const mappingId =
    (existing.length ? String(existing[0].raw('Id')) : undefined) ??
    service.insert(
      pkg('S2S_Object_Mapping__c'),
      pkgRecord(pkg, {
        Name: 'Contact from Sales',
        Connection__c: serviceConnection,
        Source_Object__c: 'Contact',
        Target_Object__c: 'Contact',
        Direction__c: 'Inbound',
        Trigger_Mode__c: 'Realtime_Trigger',
        Conflict_Policy__c: 'Source_Wins',
        Delete_Policy__c: 'Ignore',
        Owner_Rule__c: 'Keep_Default',
        Sequence__c: 20,
        Active__c: true
      }),
      { as: users.admin }
    )[0];
  const mapped = new Set(
    (
      service.query(
        pkg(
          `SELECT Target_Field__c FROM S2S_Field_Mapping__c WHERE Object_Mapping__c = '${mappingId}'`
        ),
        {}
      ) as ApexSObject[]
    ).map((f) => String(f.raw(pkg('Target_Field__c'))).toLowerCase())
  );
  const missing = INBOUND_FIELDS.filter((f) => !mapped.has(f.toLowerCase()));
  if (missing.length)
    service.insert(
      pkg('S2S_Field_Mapping__c'),
      missing.map((field) =>
        pkgRecord(pkg, {
          Name: field,
          Object_Mapping__c: mappingId,
          Source_Field__c: field,
          Target_Field__c: field,
          Active__c: true
        })
      ),
      { as: users.admin }
    );
}

/** A package record's field names through `pkg`. */
function pkgRecord(
  pkg: (text: string) => string,
  record: Record<string, unknown>
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [pkg(k), v]));
}
