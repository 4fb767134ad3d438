// Salesforce Files in the local org (src/platform/content/), as the documentation describes them:
// - Object Reference for the Salesforce Platform, "ContentVersion" (supported calls: create, query,
//   update, upsert — no delete; Checksum "MD5 checksum for the file"; ContentSize; FileExtension and
//   FileType "determined by ContentUrl for links or PathOnClient for documents"; IsLatest;
//   VersionNumber; FirstPublishLocationId);
// - "ContentDocument" (delete() removes the document with its versions; LatestPublishedVersionId;
//   not createable: a document is made by its first version);
// - "ContentDocumentLink" (LinkedEntityId polymorphic, custom objects included; ShareType V/C/I;
//   Usage: "You can't run a query without filters against ContentDocumentLink", the platform's
//   message "Implementation restriction: ContentDocumentLink requires a filter by a single Id on
//   ContentDocumentId or LinkedEntityId using the equals operator or multiple Id's using the IN
//   operator."); the owner's link (ShareType I) and the record's (V) created on upload, the owner's
//   one not deletable (salesforce.stackexchange.com q274499, FIELD_INTEGRITY_EXCEPTION);
//   DUPLICATE_VALUE "Document with ID … is already linked with the entity with ID …" on a second link;
// - Apex Developer Guide, "Execution Governors and Limits": heap 6 MB sync / 12 MB async, "Maximum
//   size of callout request or response" 6 MB sync / 12 MB async; Apex Reference "Blob Class"
//   (size()), "EncodingUtil Class" (base64Encode/base64Decode), "HttpRequest Class"/"HttpResponse
//   Class" (setBodyAsBlob/getBodyAsBlob).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { World } from '../../src/platform/index.ts';
import type { Org } from '../../src/platform/org.ts';
import { handleRest } from '../../src/platform/rest/rest.ts';
import { runtimeFor } from '../../src/runner/runner.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/content', import.meta.url));

let shared: Promise<Org> | undefined;
function org(): Promise<Org> {
  shared ??= new World({ runtimeFactory: runtimeFor, start: '2026-12-01T00:00:00Z' }).createOrg({
    name: 'files',
    source: [FIXTURE]
  });
  return shared;
}

/** Runs anonymous Apex that asserts for itself; fails the test with its exception. */
async function run(apex: string): Promise<void> {
  const o = await org();
  const r = o.executeAnonymous(apex);
  assert.ok(r.success, r.exceptionMessage ?? r.compileProblem ?? 'anonymous Apex failed');
}

/** Runs anonymous Apex expected to fail; returns the exception message. */
async function failure(apex: string): Promise<string> {
  const o = await org();
  const r = o.executeAnonymous(apex);
  assert.equal(r.success, false, 'expected the Apex to fail');
  return r.exceptionMessage ?? r.compileProblem ?? '';
}

test('ContentVersion insert: the document, the computed fields and the two links, with the triggers in order', async () => {
  await run(`
    Account a = new Account(Name = 'Files Co');
    insert a;
    FileLog.events.clear();
    Blob data = Blob.valueOf('hello files');
    ContentVersion v = new ContentVersion(VersionData = data, PathOnClient = 'docs/Quarterly Report.PDF', FirstPublishLocationId = a.Id);
    insert v;
    v = [SELECT Title, ContentDocumentId, IsLatest, VersionNumber, ContentSize, Checksum, FileExtension, FileType, VersionData, OwnerId FROM ContentVersion WHERE Id = :v.Id];
    Assert.areEqual('Quarterly Report', v.Title, 'Title from the file name');
    Assert.isNotNull(v.ContentDocumentId, 'the document was created');
    Assert.isTrue(v.IsLatest);
    Assert.areEqual('1', v.VersionNumber);
    Assert.areEqual(data.size(), v.ContentSize);
    Assert.areEqual(EncodingUtil.convertToHex(Crypto.generateDigest('MD5', data)), v.Checksum, 'MD5 hex');
    Assert.areEqual('pdf', v.FileExtension);
    Assert.areEqual('PDF', v.FileType);
    Assert.areEqual('hello files', v.VersionData.toString(), 'VersionData queried as the Blob');
    ContentDocument d = [SELECT Title, LatestPublishedVersionId, FileExtension, FileType, ContentSize, OwnerId FROM ContentDocument WHERE Id = :v.ContentDocumentId];
    Assert.areEqual(v.Id, d.LatestPublishedVersionId);
    Assert.areEqual('Quarterly Report', d.Title);
    Assert.areEqual('PDF', d.FileType);
    Assert.areEqual(data.size(), d.ContentSize);
    Assert.areEqual(UserInfo.getUserId(), d.OwnerId);
    Map<Id, String> shareTypes = new Map<Id, String>();
    for (ContentDocumentLink l : [SELECT LinkedEntityId, ShareType, Visibility FROM ContentDocumentLink WHERE ContentDocumentId = :d.Id]) {
      shareTypes.put(l.LinkedEntityId, l.ShareType);
      Assert.areEqual('AllUsers', l.Visibility);
    }
    Assert.areEqual(new Map<Id, String>{ UserInfo.getUserId() => 'I', a.Id => 'V' }, shareTypes, 'owner (I) and first publish location (V)');
    Assert.areEqual(new List<String>{
      'ContentVersion BEFORE_INSERT doc=false v=null',
      'ContentDocumentLink BEFORE_INSERT I', 'ContentDocumentLink BEFORE_INSERT V',
      'ContentDocumentLink AFTER_INSERT I', 'ContentDocumentLink AFTER_INSERT V',
      'ContentVersion AFTER_INSERT doc=true v=1'
    }, FileLog.events, 'before insert without the document, link triggers, after insert with it');
  `);
});

test('a ContentVersion with ContentDocumentId is the next version: VersionNumber counts, IsLatest moves, the document follows', async () => {
  await run(`
    ContentVersion first = new ContentVersion(VersionData = Blob.valueOf('v1'), PathOnClient = 'plan.txt');
    insert first;
    Id docId = [SELECT ContentDocumentId FROM ContentVersion WHERE Id = :first.Id].ContentDocumentId;
    FileLog.events.clear();
    ContentVersion second = new ContentVersion(ContentDocumentId = docId, VersionData = Blob.valueOf('version two'), PathOnClient = 'plan.docx', Title = 'Plan v2');
    insert second;
    List<ContentVersion> versions = [SELECT Id, VersionNumber, IsLatest FROM ContentVersion WHERE ContentDocumentId = :docId ORDER BY VersionNumber];
    Assert.areEqual(2, versions.size());
    Assert.areEqual('1', versions[0].VersionNumber);
    Assert.isFalse(versions[0].IsLatest, 'the first version is no longer the latest');
    Assert.areEqual('2', versions[1].VersionNumber);
    Assert.isTrue(versions[1].IsLatest);
    ContentDocument d = [SELECT Title, LatestPublishedVersionId, FileType, FileExtension, ContentSize FROM ContentDocument WHERE Id = :docId];
    Assert.areEqual(second.Id, d.LatestPublishedVersionId);
    Assert.areEqual('Plan v2', d.Title);
    Assert.areEqual('WORD_X', d.FileType);
    Assert.areEqual('docx', d.FileExtension);
    Assert.areEqual(11, d.ContentSize);
    Assert.areEqual(1, [SELECT COUNT() FROM ContentDocumentLink WHERE ContentDocumentId = :docId], 'a new version adds no link');
    Assert.areEqual(new List<String>{ 'ContentVersion BEFORE_INSERT doc=true v=null', 'ContentVersion AFTER_INSERT doc=true v=2' }, FileLog.events);
    second.Title = 'Plan, final';
    update second;
    Assert.areEqual('Plan, final', [SELECT Title FROM ContentDocument WHERE Id = :docId].Title, 'renaming the latest version renames the document');
  `);
});

test('required fields of a version: VersionData, and PathOnClient with it', async () => {
  await run(`
    Database.SaveResult r = Database.insert(new ContentVersion(PathOnClient = 'x.txt', Title = 'x'), false);
    Assert.isFalse(r.isSuccess());
    Assert.areEqual(StatusCode.REQUIRED_FIELD_MISSING, r.getErrors()[0].getStatusCode());
    Assert.areEqual(new List<String>{ 'VersionData' }, r.getErrors()[0].getFields());
    r = Database.insert(new ContentVersion(VersionData = Blob.valueOf('x'), Title = 'x'), false);
    Assert.areEqual(StatusCode.REQUIRED_FIELD_MISSING, r.getErrors()[0].getStatusCode());
    Assert.areEqual(new List<String>{ 'PathOnClient' }, r.getErrors()[0].getFields());
    Assert.areEqual(0, [SELECT COUNT() FROM ContentDocument WHERE Title = 'x'], 'nothing created');
  `);
});

test('ContentDocumentLink: a link to a custom object record, the duplicate refused, links in subqueries', async () => {
  await run(`
    Project__c p = new Project__c(Name = 'Apollo');
    insert p;
    Account a = new Account(Name = 'Linked');
    insert a;
    ContentVersion v = new ContentVersion(VersionData = Blob.valueOf('spec'), PathOnClient = 'spec.md', FirstPublishLocationId = p.Id);
    insert v;
    Id docId = [SELECT ContentDocumentId FROM ContentVersion WHERE Id = :v.Id].ContentDocumentId;
    insert new ContentDocumentLink(ContentDocumentId = docId, LinkedEntityId = a.Id, ShareType = 'C', Visibility = 'InternalUsers');
    try {
      insert new ContentDocumentLink(ContentDocumentId = docId, LinkedEntityId = p.Id, ShareType = 'V');
      Assert.fail('a second link to the same record is refused');
    } catch (DmlException e) {
      Assert.areEqual(StatusCode.DUPLICATE_VALUE, e.getDmlType(0));
      Assert.areEqual('Document with ID: ' + docId + ' is already linked with the entity with ID: ' + p.Id, e.getDmlMessage(0));
      Assert.areEqual(new List<String>{ 'LinkedEntityId' }, e.getDmlFieldNames(0));
    }
    List<Database.SaveResult> twice = Database.insert(new List<ContentDocumentLink>{
      new ContentDocumentLink(ContentDocumentId = docId, LinkedEntityId = UserInfo.getUserId(), ShareType = 'V')
    }, false);
    Assert.areEqual(StatusCode.DUPLICATE_VALUE, twice[0].getErrors()[0].getStatusCode(), 'the owner is linked already');
    Project__c withFiles = [SELECT Id, (SELECT ContentDocumentId, ShareType FROM ContentDocumentLinks) FROM Project__c WHERE Id = :p.Id];
    Assert.areEqual(1, withFiles.ContentDocumentLinks.size());
    Assert.areEqual(docId, withFiles.ContentDocumentLinks[0].ContentDocumentId);
    Account acc = [SELECT Id, (SELECT ShareType, Visibility FROM ContentDocumentLinks) FROM Account WHERE Id = :a.Id];
    Assert.areEqual('C', acc.ContentDocumentLinks[0].ShareType);
    Assert.areEqual('InternalUsers', acc.ContentDocumentLinks[0].Visibility);
    ContentDocumentLink l = [SELECT LinkedEntity.Type, LinkedEntity.Name FROM ContentDocumentLink WHERE LinkedEntityId = :p.Id];
    Assert.areEqual('Project__c', l.LinkedEntity.Type);
    Assert.areEqual('Apollo', l.LinkedEntity.Name);
  `);
});

test('a link refused by a ContentDocumentLink trigger fails the upload of the file', async () => {
  const message = await failure(`
    Account a = new Account(Name = 'Refusing');
    insert a;
    FileLog.refuseLinks = true;
    insert new ContentVersion(VersionData = Blob.valueOf('x'), PathOnClient = 'x.txt', FirstPublishLocationId = a.Id);
  `);
  assert.match(
    message,
    /Insert failed\. First exception on row 0; first error: FIELD_CUSTOM_VALIDATION_EXCEPTION, links refused/
  );
});

test('ContentVersion cannot be deleted, ContentDocument cannot be inserted', async () => {
  await run(`
    ContentVersion v = new ContentVersion(VersionData = Blob.valueOf('keep'), PathOnClient = 'keep.txt');
    insert v;
    SObject generic = v;
    try {
      delete generic;
      Assert.fail('a version cannot be deleted');
    } catch (TypeException e) {
      Assert.areEqual('DML operation Delete not allowed on ContentVersion', e.getMessage());
    }
    try {
      insert (SObject) new ContentDocument(Title = 'no');
      Assert.fail('a document is made by its first version');
    } catch (TypeException e) {
      Assert.areEqual('DML operation Insert not allowed on ContentDocument', e.getMessage());
    }
  `);
});

test('deleting a document deletes its versions and links to the Recycle Bin; undelete brings them back', async () => {
  await run(`
    Account a = new Account(Name = 'Bin');
    insert a;
    ContentVersion v = new ContentVersion(VersionData = Blob.valueOf('one'), PathOnClient = 'bin.txt', FirstPublishLocationId = a.Id);
    insert v;
    Id docId = [SELECT ContentDocumentId FROM ContentVersion WHERE Id = :v.Id].ContentDocumentId;
    insert new ContentVersion(ContentDocumentId = docId, VersionData = Blob.valueOf('two'), PathOnClient = 'bin.txt');
    FileLog.events.clear();
    delete new ContentDocument(Id = docId);
    Assert.areEqual(new List<String>{ 'ContentDocument BEFORE_DELETE bin', 'ContentDocument AFTER_DELETE bin' }, FileLog.events, 'document delete triggers; the links go without theirs');
    Assert.areEqual(0, [SELECT COUNT() FROM ContentVersion WHERE ContentDocumentId = :docId]);
    Assert.areEqual(0, [SELECT COUNT() FROM ContentDocumentLink WHERE LinkedEntityId = :a.Id]);
    Assert.areEqual(2, [SELECT COUNT() FROM ContentVersion WHERE ContentDocumentId = :docId AND IsDeleted = true ALL ROWS], 'versions in the Recycle Bin');
    Assert.isTrue([SELECT IsDeleted FROM ContentDocument WHERE Id = :docId ALL ROWS].IsDeleted);
    undelete new ContentDocument(Id = docId);
    Assert.areEqual(2, [SELECT COUNT() FROM ContentVersion WHERE ContentDocumentId = :docId]);
    Assert.areEqual(1, [SELECT COUNT() FROM ContentDocumentLink WHERE LinkedEntityId = :a.Id]);
  `);
});

test('deleting links: the record link goes with its triggers, the owner link is kept, a deleted record takes its links', async () => {
  await run(`
    Account a = new Account(Name = 'Unlink');
    insert a;
    Contact c = new Contact(LastName = 'Holder');
    insert c;
    ContentVersion v = new ContentVersion(VersionData = Blob.valueOf('shared'), PathOnClient = 'shared.csv', FirstPublishLocationId = a.Id);
    insert v;
    Id docId = [SELECT ContentDocumentId FROM ContentVersion WHERE Id = :v.Id].ContentDocumentId;
    insert new ContentDocumentLink(ContentDocumentId = docId, LinkedEntityId = c.Id, ShareType = 'V');
    FileLog.events.clear();
    delete [SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId = :a.Id];
    Assert.areEqual(new List<String>{ 'ContentDocumentLink BEFORE_DELETE V', 'ContentDocumentLink AFTER_DELETE V' }, FileLog.events);
    Database.DeleteResult r = Database.delete([SELECT Id FROM ContentDocumentLink WHERE ContentDocumentId = :docId AND LinkedEntityId = :UserInfo.getUserId()][0], false);
    Assert.isFalse(r.isSuccess(), 'the owner link stays');
    Assert.areEqual(StatusCode.FIELD_INTEGRITY_EXCEPTION, r.getErrors()[0].getStatusCode());
    delete c;
    Assert.areEqual(0, [SELECT COUNT() FROM ContentDocumentLink WHERE LinkedEntityId = :c.Id], 'the link goes with the record');
    Assert.areEqual(1, [SELECT COUNT() FROM ContentDocument WHERE Id = :docId], 'the file stays');
  `);
});

test('ContentDocumentLink queries need an Id filter on ContentDocumentId, LinkedEntityId or Id (= or IN)', async () => {
  await run(`
    Account a = new Account(Name = 'Query');
    insert a;
    insert new ContentVersion(VersionData = Blob.valueOf('q'), PathOnClient = 'q.txt', FirstPublishLocationId = a.Id);
    String restriction = 'Implementation restriction: ContentDocumentLink requires a filter by a single Id on ContentDocumentId or LinkedEntityId using the equals operator or multiple Id\\'s using the IN operator.';
    for (String soql : new List<String>{
      'SELECT Id FROM ContentDocumentLink',
      'SELECT Id FROM ContentDocumentLink WHERE ShareType = \\'V\\'',
      'SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId != null',
      'SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId = :aId OR ShareType = \\'V\\'',
      'SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId NOT IN :ids'
    }) {
      Id aId = a.Id;
      Set<Id> ids = new Set<Id>{ a.Id };
      try {
        Database.queryWithBinds(soql, new Map<String, Object>{ 'aId' => aId, 'ids' => ids }, AccessLevel.SYSTEM_MODE);
        Assert.fail('refused: ' + soql);
      } catch (QueryException e) {
        Assert.areEqual(restriction, e.getMessage(), soql);
      }
    }
    Set<Id> accountIds = new Set<Id>{ a.Id };
    Assert.areEqual(1, [SELECT COUNT() FROM ContentDocumentLink WHERE LinkedEntityId = :a.Id]);
    Assert.areEqual(1, [SELECT COUNT() FROM ContentDocumentLink WHERE LinkedEntityId IN :accountIds AND ShareType = 'V']);
    Assert.areEqual(1, [SELECT COUNT() FROM ContentDocumentLink WHERE LinkedEntityId IN (SELECT Id FROM Account WHERE Name = 'Query')]);
  `);
});

test('limits for files: Blob.size, base64 of a large file, the heap and the callout size', async () => {
  await run(`
    Blob big = Blob.valueOf('x'.repeat(1000000));
    Assert.areEqual(1000000, big.size());
    String encoded = EncodingUtil.base64Encode(big);
    Assert.areEqual(1333336, encoded.length(), 'base64: 4 characters for every 3 bytes');
    Assert.areEqual(big.size(), EncodingUtil.base64Decode(encoded).size());
    Assert.isTrue(Limits.getHeapSize() > 2000000, 'the blob and its encoding count on the heap: ' + Limits.getHeapSize());
  `);
  const heap = await failure(`
    Blob big = Blob.valueOf('x'.repeat(4000000));
    String encoded = EncodingUtil.base64Encode(big);
    System.debug(encoded.length());
  `);
  assert.match(heap, /^System\.LimitException: Apex heap size too large: \d+/);
});

test('callouts: a request body over 6 MB fails before it is sent; binary bodies keep their bytes', async () => {
  // The heap counts a character as one byte, the request its UTF-8 bytes: 3,000,001 'é' are a
  // 3 MB string on the heap and a 6,000,002-byte request, over "Maximum size of callout request".
  const message = await failure(`
    HttpRequest req = new HttpRequest();
    req.setEndpoint('https://files.example.com/upload');
    req.setMethod('POST');
    req.setBody('é'.repeat(3000001));
    new Http().send(req);
  `);
  assert.match(
    message,
    /^System\.CalloutException: Exceeded max size limit of 6000000 with request size 6000002/
  );
  await run(`
    Blob binary = EncodingUtil.base64Decode('/9j/4AAQSkZJRgABAQ==');
    HttpRequest req = new HttpRequest();
    req.setBodyAsBlob(binary);
    Assert.areEqual(EncodingUtil.base64Encode(binary), EncodingUtil.base64Encode(req.getBodyAsBlob()), 'bytes unchanged');
    HttpResponse res = new HttpResponse();
    res.setBodyAsBlob(binary);
    Assert.areEqual(binary.size(), res.getBodyAsBlob().size());
    res.setBody('text');
    Assert.areEqual('text', res.getBodyAsBlob().toString(), 'setBody replaces the bytes');
  `);
});

test("org.files: upload, versions, a record's files, content and removal from TypeScript", async () => {
  const o = await org();
  const [accountId] = o.insert('Account', { Name: 'Helper' });
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
  const first = o.files.upload({ pathOnClient: 'logo.png', data: png, linkTo: accountId });
  assert.equal(first.versionNumber, '1');
  assert.equal(first.size, png.length);
  assert.equal(first.fileExtension, 'png');
  assert.equal(first.title, 'logo');
  const second = o.files.upload({
    pathOnClient: 'logo.png',
    data: 'second',
    documentId: first.documentId
  });
  assert.equal(second.versionNumber, '2');
  assert.deepEqual(
    o.files.of(accountId).map((f) => [f.documentId, f.versionId, f.isLatest]),
    [[first.documentId, second.versionId, true]]
  );
  assert.deepEqual(
    o.files.versions(first.documentId).map((v) => v.versionNumber),
    ['1', '2']
  );
  assert.deepEqual(o.files.data(first.versionId), png, 'binary content unchanged');
  assert.equal(o.files.data(second.versionId).toString('utf8'), 'second');
  o.files.remove(first.documentId);
  assert.deepEqual(o.files.of(accountId), []);
});

test('REST: POST /sobjects/ContentVersion with base64 VersionData creates the file (REST API "Insert or Update Blob Data")', async () => {
  const o = await org();
  const [accountId] = o.insert('Account', { Name: 'Over REST' });
  const res = handleRest(
    o,
    {
      method: 'POST',
      endpoint: 'https://x/services/data/v65.0/sobjects/ContentVersion/',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        Title: 'Contract',
        PathOnClient: 'contract.pdf',
        VersionData: Buffer.from('%PDF-1.7').toString('base64'),
        FirstPublishLocationId: accountId
      }),
      timeoutMs: 10_000
    },
    o.adminUserId
  );
  assert.equal(res.status, 201, res.body);
  const id = (JSON.parse(res.body) as { id: string }).id;
  const [file] = o.files.of(accountId);
  assert.equal(file.versionId, id);
  assert.equal(file.title, 'Contract');
  assert.equal(o.files.data(id).toString('utf8'), '%PDF-1.7');
});

test('REST: GET /sobjects/ContentVersion/{id}/VersionData answers the binary content, records give its URL (REST API "Get Blob Data")', async () => {
  const o = await org();
  const bytes = Buffer.from([0x00, 0xff, 0x10, 0x80, 0x41]);
  const file = o.files.upload({ pathOnClient: 'raw.bin', data: bytes });
  const get = (path: string) =>
    handleRest(
      o,
      {
        method: 'GET',
        endpoint: `https://x/services/data/v65.0/sobjects/ContentVersion/${path}`,
        headers: {},
        body: '',
        timeoutMs: 10_000
      },
      o.adminUserId
    );
  const res = get(`${file.versionId}/VersionData`);
  assert.equal(res.status, 200);
  assert.deepEqual(Buffer.from(res.bodyBytes ?? []), bytes, 'the bytes as stored');
  assert.equal(get('068000000000000AAA/VersionData').status, 404);
  // a retrieve or a query gives the blob field as the URL of its content, not the content
  const url = `/services/data/v65.0/sobjects/ContentVersion/${file.versionId}/VersionData`;
  const record = JSON.parse(get(file.versionId).body) as Record<string, unknown>;
  assert.equal(record.VersionData, url);
  const q = handleRest(
    o,
    {
      method: 'GET',
      endpoint: `https://x/services/data/v65.0/query?q=${encodeURIComponent(`SELECT VersionData FROM ContentVersion WHERE Id = '${file.versionId}'`)}`,
      headers: {},
      body: '',
      timeoutMs: 10_000
    },
    o.adminUserId
  );
  assert.equal(
    (JSON.parse(q.body) as { records: { VersionData: string }[] }).records[0].VersionData,
    url
  );
});
