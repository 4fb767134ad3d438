// Files (issue 17, item 1): the files of a record whose mapping has Sync Files ticked travel with
// it, both ways, one file per callout: first versions, new versions and deletes; a file over the
// limit is parked with its size and the limit, audited and listed for the admin; a repeated delivery
// writes no second version. Checksums (ContentVersion.Checksum, MD5 of the content) prove the bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newWorld, connectBothWays, rows, count } from './s2s-world.ts';
import { updatePkg } from './namespace.ts';

type Org = Awaited<ReturnType<typeof newWorld>>['orgs'][string];

const ACCOUNT = { object: 'Account', sequence: 10, fields: [{ target: 'Name' }] };

/** Ticks Sync Files on every mapping of an org (and sets Max File Size when given). */
function syncFiles(org: Org, maxKb?: number): void {
  for (const m of rows<{ Id: string }>(org, 'SELECT Id FROM S2S_Object_Mapping__c')) {
    updatePkg(org, 'S2S_Object_Mapping__c', {
      Id: m.Id,
      Sync_Files__c: true,
      ...(maxKb ? { Max_File_Size_KB__c: maxKb } : {})
    });
  }
}

/** Uploads a file of `bytes` bytes to a record (or a new version of a document) as the org's admin. */
function upload(
  org: Org,
  opts: { parent?: string; document?: string; title: string; bytes: number; fill?: string }
): void {
  const target = opts.document
    ? `ContentDocumentId = '${opts.document}'`
    : `FirstPublishLocationId = '${opts.parent}'`;
  const r = org.executeAnonymous(
    `insert new ContentVersion(Title = '${opts.title}', PathOnClient = '${opts.title}.bin', ` +
      `VersionData = Blob.valueOf('${opts.fill ?? 'a'}'.repeat(${opts.bytes})), ${target});`,
    { namespace: null }
  );
  assert.ok(r.success, `upload ${opts.title}: ${JSON.stringify(r)}`);
}

interface FileRow {
  ContentDocumentId: string;
  Title: string;
  Checksum: string;
  ContentSize: number;
  VersionNumber: string;
}

/** The latest version of every file linked to a record, by title. */
function filesOf(org: Org, recordId: string): Map<string, FileRow & { versions: number }> {
  const docs = rows<{ ContentDocumentId: string }>(
    org,
    `SELECT ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId = '${recordId}'`
  ).map((l) => `'${l.ContentDocumentId}'`);
  const result = new Map<string, FileRow & { versions: number }>();
  if (!docs.length) return result;
  const versions = rows<FileRow & { IsLatest: boolean }>(
    org,
    `SELECT ContentDocumentId, Title, Checksum, ContentSize, VersionNumber, IsLatest FROM ContentVersion WHERE ContentDocumentId IN (${docs.join(',')})`
  );
  for (const v of versions.filter((x) => x.IsLatest)) {
    result.set(v.Title, {
      ...v,
      versions: versions.filter((x) => x.ContentDocumentId === v.ContentDocumentId).length
    });
  }
  return result;
}

/** The document of a file by title (fails the test when the file is missing). */
function documentOf(files: Map<string, FileRow>, title: string): string {
  const file = files.get(title);
  assert.ok(file, `file ${title} is there`);
  return file.ContentDocumentId;
}

async function pairWithAccount(maxKb?: number) {
  const { world, orgs } = await newWorld(['sales', 'service']);
  const { sales, service } = orgs;
  const ids = connectBothWays(world, sales, service, [ACCOUNT]);
  syncFiles(sales, maxKb);
  syncFiles(service, maxKb);
  const [account] = sales.insert('Account', { Name: 'Files Inc' });
  await world.drain();
  const copy = rows<{ Id: string }>(service, "SELECT Id FROM Account WHERE Name = 'Files Inc'")[0]
    .Id;
  return { world, sales, service, account, copy, ...ids };
}

test('files of mixed sizes sync both ways with new versions and deletes, one file per callout', async () => {
  const { world, sales, service, account, copy } = await pairWithAccount();
  const before = world.callouts.length;
  upload(sales, { parent: account, title: 'tiny', bytes: 10 });
  upload(sales, { parent: account, title: 'medium', bytes: 100 * 1024, fill: 'm' });
  upload(sales, { parent: account, title: 'large', bytes: 900 * 1024, fill: 'l' });
  await world.drain();
  const fileCallouts = world.callouts
    .slice(before)
    .filter((c) => c.from === 'sales' && c.request.endpoint.endsWith('/s2s/v1/files'));
  assert.equal(fileCallouts.length, 3, 'one callout per file');
  let here = filesOf(sales, account);
  let there = filesOf(service, copy);
  assert.deepEqual([...there.keys()].sort(), ['large', 'medium', 'tiny'], 'every file arrived');
  for (const [title, f] of here) {
    assert.equal(there.get(title)?.Checksum, f.Checksum, `${title}: same bytes`);
    assert.equal(there.get(title)?.ContentSize, f.ContentSize, `${title}: same size`);
  }

  // a new version in Sales: a new version of the same document in Service
  upload(sales, {
    document: documentOf(here, 'tiny'),
    title: 'tiny',
    bytes: 20,
    fill: 'b'
  });
  // a new version in Service: a new version in Sales, and nothing echoes back
  upload(service, {
    document: documentOf(there, 'medium'),
    title: 'medium',
    bytes: 50 * 1024,
    fill: 'n'
  });
  // a file made in Service on its copy
  upload(service, { parent: copy, title: 'from service', bytes: 2048, fill: 's' });
  await world.drain();
  here = filesOf(sales, account);
  there = filesOf(service, copy);
  assert.equal(there.get('tiny')?.versions, 2, 'new version applied as a version');
  assert.equal(there.get('tiny')?.Checksum, here.get('tiny')?.Checksum, 'latest bytes in Service');
  assert.equal(here.get('medium')?.versions, 2, 'the version made in Service reached Sales');
  assert.equal(there.get('medium')?.versions, 2, 'and did not come back as a third');
  assert.equal(here.get('medium')?.Checksum, there.get('medium')?.Checksum, 'same latest bytes');
  assert.equal(here.get('from service')?.Checksum, there.get('from service')?.Checksum, 'reverse');
  assert.equal(here.size, 4, 'four files on the record in Sales');
  assert.equal(there.size, 4, 'four files on its copy in Service');

  // deletes, each way
  sales.executeAnonymous(`delete new ContentDocument(Id = '${documentOf(here, 'large')}');`, {
    namespace: null
  });
  service.executeAnonymous(
    `delete new ContentDocument(Id = '${documentOf(there, 'from service')}');`,
    { namespace: null }
  );
  await world.drain();
  assert.deepEqual([...filesOf(service, copy).keys()].sort(), ['medium', 'tiny'], 'Service');
  assert.deepEqual([...filesOf(sales, account).keys()].sort(), ['medium', 'tiny'], 'Sales');
  for (const org of [sales, service]) {
    assert.equal(
      count(
        org,
        "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c NOT IN ('Delivered', 'Superseded')"
      ),
      0,
      `${org.name}: nothing left to send`
    );
  }
});

test('a file over the limit is not sent: parked with its size and the limit, audited and listed for the admin', async () => {
  const { world, sales, service, account, copy } = await pairWithAccount();
  upload(sales, { parent: account, title: 'scan', bytes: 1536 * 1024 });
  upload(sales, { parent: account, title: 'note', bytes: 100 });
  await world.drain();
  assert.deepEqual([...filesOf(service, copy).keys()], ['note'], 'only the file within the limit');
  const parked = rows<{ Status__c: string; Last_Error__c: string }>(
    sales,
    "SELECT Status__c, Last_Error__c FROM S2S_Outbox__c WHERE Object_Name__c = 'ContentVersion' AND Status__c = 'Parked'"
  );
  assert.equal(parked.length, 1, 'one parked file');
  assert.match(parked[0].Last_Error__c, /1572864 bytes, above the limit of 1048576 bytes/);
  assert.match(parked[0].Last_Error__c, /Raise Max File Size \(KB\)/, 'says what to do');
  const audit = rows<{ Stage__c: string; Reason_Code__c: string }>(
    sales,
    "SELECT Stage__c, Reason_Code__c FROM S2S_Audit_Log__c WHERE Object_Name__c = 'ContentVersion' AND Stage__c = 'Skipped'"
  );
  assert.deepEqual(
    audit.map((a) => [a.Stage__c, a.Reason_Code__c]),
    [['Skipped', 'FILE_TOO_LARGE']],
    'audited as skipped, by its reason code'
  );
  // the admin's Work queue lists it with the sentence
  sales.assignPermissionSets(sales.adminUserId, ['S2S_Admin']);
  const listed = sales.executeAnonymous(
    'String json = System.JSON.serialize(S2SWorkQueueController.getWorkQueue(null, null));\n' +
      "System.assert(json.contains('1572864 bytes'), json);"
  );
  assert.ok(listed.success, `listed in the Work queue: ${JSON.stringify(listed)}`);
  // raising the limit and retrying sends it
  syncFiles(sales, 1536);
  syncFiles(service, 1536);
  const retried = sales.executeAnonymous(
    'S2SOutboxService.replayAllParked([SELECT Id FROM S2S_Connection__c LIMIT 1].Id);'
  );
  assert.ok(retried.success, JSON.stringify(retried));
  await world.drain();
  assert.deepEqual([...filesOf(service, copy).keys()].sort(), ['note', 'scan'], 'sent after Retry');
});

test('a repeated delivery creates no second version; a lost answer is retried as a duplicate', async () => {
  const { world, sales, service, account, copy } = await pairWithAccount();
  world.faults({ duplicateRate: 1, seed: 7 });
  upload(sales, { parent: account, title: 'twice', bytes: 4096 });
  await world.drain();
  world.faults({ timeoutRate: 1, seed: 7 });
  upload(sales, { parent: account, title: 'lost answer', bytes: 4096 });
  await world.drain();
  world.faults(null);
  const faults = world.callouts.filter((c) => c.request.endpoint.endsWith('/s2s/v1/files'));
  assert.ok(
    faults.some((c) => c.fault === 'duplicate'),
    'a file was delivered twice'
  );
  assert.ok(
    faults.some((c) => c.fault === 'timeout'),
    "a file's answer was lost"
  );
  // the periodic sweep retries after the backoff
  assert.ok(sales.executeAnonymous('S2SScheduler.scheduleEvery(15);').success, 'sweep');
  await world.drain({ advanceClock: true, until: '2026-11-26T06:00:00Z' });
  const there = filesOf(service, copy);
  assert.equal(there.get('twice')?.versions, 1, 'delivered twice, applied once');
  assert.equal(there.get('lost answer')?.versions, 1, 'answer lost, retried, applied once');
  assert.equal(there.size, 2, 'two files, no duplicates');
  assert.ok(
    count(
      service,
      "SELECT COUNT() FROM S2S_Audit_Log__c WHERE Object_Name__c = 'ContentVersion' AND Stage__c = 'Applied'"
    ) === 2,
    'two applies audited'
  );
  assert.equal(
    count(
      sales,
      "SELECT COUNT() FROM S2S_Outbox__c WHERE Object_Name__c = 'ContentVersion' AND Status__c != 'Delivered'"
    ),
    0,
    'both delivered in the end'
  );
});
