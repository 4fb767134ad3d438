// The move from native Salesforce to Salesforce (issue 17 item 2): two orgs connected natively,
// records shared both ways, migrated by each org's admin (dry run, then the migration), the
// Named Credential picked and the connection activated in the connections screen's controller;
// records edited on both sides then sync with 0 duplicates, and the pair goes on syncing; a re-run
// of the migration adds nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addNativeLink, connectNatively } from '../../localorg/src/platform/world/native-s2s.ts';
import { localRow, pkg } from './namespace.ts';
import { newWorld, rows as rawRows, count as rawCount } from './s2s-world.ts';

type Org = Awaited<ReturnType<typeof newWorld>>['orgs'][string];

// SOQL with the package's names as a subscriber writes them (ns__ when the e2e runs namespaced)
const count = (org: Org, soql: string): number => rawCount(org, pkg(soql));
const rows = <T>(org: Org, soql: string): T[] =>
  rawRows<Record<string, unknown>>(org, pkg(soql)).map((r) => localRow(r) as T);

interface ObjectLine {
  objectName: string;
  pairs: number;
  withoutPartnerId: number;
  inactive: number;
  alreadyLinked: number;
  mappable: boolean;
  reason: string | null;
  mappingId: string | null;
  fields: number;
}
interface Report {
  available: boolean;
  complete: boolean;
  linksRead: number;
  jobId: string | null;
  connections: {
    nativeId: string;
    name: string;
    status: string;
    connectionId: string | null;
    connectionActive: boolean;
    objects: ObjectLine[];
  }[];
}

const MARK = 'NATIVE_MIGRATION_RESULT:';

/** Runs an Apex expression as the org's admin and returns its value as JSON. */
function apexValue<T>(org: Org, expression: string): T {
  const before = org.debugLog.length;
  const r = org.executeAnonymous(
    `System.debug(LoggingLevel.ERROR, '${MARK}' + System.JSON.serialize(${expression}));`
  );
  assert.ok(r.success, r.compileProblem ?? r.exceptionMessage ?? expression);
  const line = org.debugLog.slice(before).find((l) => l.includes(MARK));
  assert.ok(line, `no result from ${expression}`);
  return JSON.parse(line.slice(line.indexOf(MARK) + MARK.length)) as T;
}

function line(report: Report, objectName: string): ObjectLine {
  const found = report.connections[0].objects.find((o) => o.objectName === objectName);
  assert.ok(found, `no ${objectName} line in ${JSON.stringify(report)}`);
  return found;
}

/** Sales and Service, connected natively: Sales shares 30 Accounts and 20 Contacts, Service 10 Accounts. */
async function nativelyConnected() {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  for (const org of [sales, service]) org.assignPermissionSets(org.adminUserId, ['S2S_Admin']);
  const salesAccounts = sales.insert(
    'Account',
    Array.from({ length: 30 }, (_, i) => ({
      Name: `Sales account ${i}`,
      AccountNumber: `S-${i}`,
      Phone: `555-01${String(i).padStart(2, '0')}`
    }))
  );
  const salesContacts = sales.insert(
    'Contact',
    salesAccounts.slice(0, 20).map((id, i) => ({
      LastName: `Contact ${i}`,
      Email: `c${i}@example.com`,
      AccountId: id
    }))
  );
  const serviceAccounts = service.insert(
    'Account',
    Array.from({ length: 10 }, (_, i) => ({ Name: `Service account ${i}`, Phone: `555-02${i}` }))
  );
  const native = connectNatively(sales, service, {
    share: [
      {
        from: sales,
        object: 'Account',
        ids: salesAccounts,
        fields: ['Name', 'AccountNumber', 'Phone']
      },
      {
        from: sales,
        object: 'Contact',
        ids: salesContacts,
        fields: ['LastName', 'Email', 'AccountId']
      },
      { from: service, object: 'Account', ids: serviceAccounts, fields: ['Name', 'Phone'] }
    ]
  });
  // a record forwarded but never accepted, and one whose sharing stopped (both copies kept)
  const [pending, stoppedHere] = sales.insert('Account', [
    { Name: 'Pending account' },
    { Name: 'Stopped account' }
  ]);
  const [stoppedThere] = service.insert('Account', [{ Name: 'Stopped account' }]);
  addNativeLink(sales, native.connectionIds.sales, { localId: pending, status: 'Pending (sent)' });
  addNativeLink(sales, native.connectionIds.sales, {
    localId: stoppedHere,
    partnerId: stoppedThere,
    status: 'Inactive'
  });
  world.connect(sales, 'S2S_Peer', service, {
    user: 'integration@service.example',
    permissionSets: ['S2S_Integration']
  });
  world.connect(service, 'S2S_Peer', sales, {
    user: 'integration@sales.example',
    permissionSets: ['S2S_Integration']
  });
  return { world, sales, service, native, salesAccounts, salesContacts, serviceAccounts };
}

function migrate(org: Org, nativeId: string): Report {
  return apexValue<Report>(org, `S2SNativeMigration.migrate(new List<Id>{ '${nativeId}' })`);
}

/** What the admin does in the connections screen: picks the Named Credential and activates. */
function activate(org: Org, connectionId: string, peer: Org): void {
  const r = org.executeAnonymous(
    pkg(`
    S2SConnectionsController.saveConnection(new S2S_Connection__c(
      Id = '${connectionId}',
      Name = '${peer.name} org',
      Named_Credential__c = 'S2S_Peer',
      Direction__c = 'Bidirectional',
      Mode__c = 'Package',
      Peer_Org_Id__c = '${peer.organizationId}',
      Inbound_Usernames__c = 'integration@${org.name}.example',
      Default_Owner_Username__c = 'integration@${org.name}.example',
      Active__c = true
    ));`)
  );
  assert.ok(r.success, r.compileProblem ?? r.exceptionMessage ?? 'activate');
}

function names(org: Org, object: string): string[] {
  return rows<{ Name?: string; LastName?: string }>(
    org,
    `SELECT ${object === 'Contact' ? 'LastName' : 'Name'} FROM ${object}`
  ).map((r) => String(r.Name ?? r.LastName));
}

function duplicates(list: string[]): string[] {
  return list.filter((n, i) => list.indexOf(n) !== i);
}

test('a natively connected pair migrates with 0 duplicates on the first S2S Sync pass, goes on syncing, and a re-run is a no-op', async () => {
  const { world, sales, service, native, salesAccounts, salesContacts, serviceAccounts } =
    await nativelyConnected();
  const counts = (org: Org) => ({
    accounts: count(org, 'SELECT COUNT() FROM Account'),
    contacts: count(org, 'SELECT COUNT() FROM Contact')
  });
  const before = { sales: counts(sales), service: counts(service) };

  // the dry run: counts per object, nothing written
  const dry = apexValue<Report>(sales, 'S2SNativeMigration.dryRun()');
  assert.equal(dry.available, true);
  assert.equal(dry.complete, true);
  assert.equal(dry.connections.length, 1);
  assert.equal(dry.connections[0].name, 'service');
  assert.equal(line(dry, 'Account').pairs, 40, '30 sent, 10 received');
  assert.equal(line(dry, 'Account').withoutPartnerId, 1, 'the pending one');
  assert.equal(line(dry, 'Account').inactive, 1, 'the stopped one');
  assert.equal(line(dry, 'Contact').pairs, 20);
  assert.ok(line(dry, 'Contact').mappable);
  assert.equal(
    count(sales, 'SELECT COUNT() FROM S2S_Connection__c'),
    0,
    'a dry run writes nothing'
  );

  // each org's admin migrates its side
  const salesReport = migrate(sales, native.connectionIds.sales);
  const serviceReport = migrate(service, native.connectionIds.service);
  assert.equal(salesReport.jobId, null, 'small enough to link at once');
  assert.equal(line(salesReport, 'Account').alreadyLinked, 40);
  assert.equal(line(serviceReport, 'Contact').alreadyLinked, 20);
  const salesConnection = salesReport.connections[0].connectionId as string;
  const serviceConnection = serviceReport.connections[0].connectionId as string;
  assert.equal(salesReport.connections[0].connectionActive, false, 'inactive until activated');
  assert.equal(count(sales, 'SELECT COUNT() FROM S2S_Crosswalk__c'), 60);
  assert.equal(count(service, 'SELECT COUNT() FROM S2S_Crosswalk__c'), 60);
  const link = rows<{ Remote_Id__c: string }>(
    sales,
    `SELECT Remote_Id__c FROM S2S_Crosswalk__c WHERE Local_Id__c = '${salesAccounts[7]}'`
  )[0];
  const copy7 = rows<{ Id: string }>(
    service,
    "SELECT Id FROM Account WHERE Name = 'Sales account 7'"
  )[0];
  assert.equal(link.Remote_Id__c, copy7.Id, 'the crosswalk names the partner copy');

  // the admin picks the Named Credential and activates, on both sides
  activate(sales, salesConnection, service);
  activate(service, serviceConnection, sales);

  // records edited on both sides, then the first S2S Sync pass
  sales.update(
    'Account',
    salesAccounts.slice(0, 5).map((Id, i) => ({ Id, Phone: `555-90${i}` }))
  );
  sales.update('Contact', [{ Id: salesContacts[3], LastName: 'Contact 3 renamed' }]);
  const serviceCopies = rows<{ Id: string; Name: string }>(
    service,
    "SELECT Id, Name FROM Account WHERE Name IN ('Sales account 20', 'Sales account 21')"
  );
  service.update(
    'Account',
    serviceCopies.map((c) => ({ Id: c.Id, Phone: `555-91-${c.Name.slice(-2)}` }))
  );
  service.update('Account', [{ Id: serviceAccounts[2], Name: 'Service account 2 renamed' }]);
  await world.drain();

  assert.deepEqual(
    { sales: counts(sales), service: counts(service) },
    before,
    'no record created on either side'
  );
  for (const org of [sales, service]) {
    assert.deepEqual(duplicates(names(org, 'Account')), [], `${org.name}: no duplicate Account`);
    assert.deepEqual(duplicates(names(org, 'Contact')), [], `${org.name}: no duplicate Contact`);
  }
  assert.equal(
    rows<{ Phone: string }>(service, "SELECT Phone FROM Account WHERE Name = 'Sales account 3'")[0]
      .Phone,
    '555-903',
    "Sales' edit reached Service's copy"
  );
  assert.equal(
    count(service, "SELECT COUNT() FROM Contact WHERE LastName = 'Contact 3 renamed'"),
    1
  );
  assert.equal(
    rows<{ Phone: string }>(sales, "SELECT Phone FROM Account WHERE Name = 'Sales account 21'")[0]
      .Phone,
    '555-91-21',
    "Service's edit reached the original in Sales"
  );
  assert.equal(
    count(sales, "SELECT COUNT() FROM Account WHERE Name = 'Service account 2 renamed'"),
    1,
    "Service's own record, renamed, updated Sales' copy"
  );
  for (const org of [sales, service])
    assert.equal(
      count(
        org,
        "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c NOT IN ('Delivered', 'Superseded')"
      ),
      0,
      `${org.name}: every change delivered`
    );

  // and it goes on syncing: a new record travels, an edit comes back
  const [fresh] = sales.insert('Account', [{ Name: 'New after migration', Phone: '555-0000' }]);
  await world.drain();
  const freshCopy = rows<{ Id: string }>(
    service,
    "SELECT Id FROM Account WHERE Name = 'New after migration'"
  );
  assert.equal(freshCopy.length, 1, 'the new record arrived once');
  service.update('Account', [{ Id: freshCopy[0].Id, Phone: '555-1111' }]);
  await world.drain();
  assert.equal(
    rows<{ Phone: string }>(sales, `SELECT Phone FROM Account WHERE Id = '${fresh}'`)[0].Phone,
    '555-1111'
  );

  // a re-run of the migration adds nothing
  const config = (org: Org) => ({
    connections: count(org, 'SELECT COUNT() FROM S2S_Connection__c'),
    mappings: count(org, 'SELECT COUNT() FROM S2S_Object_Mapping__c'),
    fields: count(org, 'SELECT COUNT() FROM S2S_Field_Mapping__c'),
    crosswalk: count(org, 'SELECT COUNT() FROM S2S_Crosswalk__c')
  });
  const beforeRerun = { sales: config(sales), service: config(service) };
  const again = migrate(sales, native.connectionIds.sales);
  migrate(service, native.connectionIds.service);
  assert.deepEqual({ sales: config(sales), service: config(service) }, beforeRerun);
  assert.equal(again.connections[0].connectionActive, true, 'the activated connection is kept');
  const audit = rows<{ New_Values__c: string }>(
    sales,
    "SELECT New_Values__c FROM S2S_Audit_Log__c WHERE Operation__c = 'Native_Migration' ORDER BY Chain_Sequence__c DESC LIMIT 1"
  )[0];
  const last = JSON.parse(audit.New_Values__c) as Record<string, number>;
  assert.equal(last.created, 0, 're-run: nothing created');
  assert.equal(last.alreadyLinked, 60, 're-run: every pair already linked');
});

test('a native connection sharing more pairs than the migration links at once is linked by Batch Apex, then a re-run adds nothing', async () => {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  sales.assignPermissionSets(sales.adminUserId, ['S2S_Admin']);
  const ids = sales.insert(
    'Account',
    Array.from({ length: 1100 }, (_, i) => ({ Name: `Bulk account ${i}` }))
  );
  const native = connectNatively(sales, service, {
    share: [{ from: sales, object: 'Account', ids, fields: ['Name'] }]
  });

  const report = migrate(sales, native.connectionIds.sales);
  assert.ok(report.jobId, 'over 1,000 pairs: a batch links them');
  await world.drain();

  assert.equal(count(sales, 'SELECT COUNT() FROM S2S_Crosswalk__c'), 1100, 'every pair linked');
  const job = rows<{ Status: string; JobItemsProcessed: number }>(
    sales,
    `SELECT Status, JobItemsProcessed FROM AsyncApexJob WHERE Id = '${report.jobId}'`
  )[0];
  assert.equal(job.Status, 'Completed');
  const audit = rows<{ New_Values__c: string; Outcome__c: string }>(
    sales,
    "SELECT New_Values__c, Outcome__c FROM S2S_Audit_Log__c WHERE Operation__c = 'Native_Migration' AND New_Values__c != null"
  );
  assert.equal(audit.length, 1, 'the batch audits once, at the end');
  assert.equal((JSON.parse(audit[0].New_Values__c) as Record<string, number>).created, 1100);
  const after = apexValue<Report>(sales, 'S2SNativeMigration.dryRun()');
  assert.equal(line(after, 'Account').alreadyLinked, 1100);

  const again = migrate(sales, native.connectionIds.sales);
  assert.equal(again.jobId, null, 'nothing left to link: done at once');
  assert.equal(count(sales, 'SELECT COUNT() FROM S2S_Crosswalk__c'), 1100);
  assert.equal(count(sales, 'SELECT COUNT() FROM S2S_Connection__c'), 1);
});
