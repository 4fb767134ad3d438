// npm run bench:sync -- --files (or npm run bench:sync:files): the files variant of bench:sync.
// BENCH_FILES records (default 1,000) in the sales org get one file each of BENCH_FILE_KB KB
// (default 100, distinct contents), uploaded BENCH_UPLOAD_CHUNK files per transaction (default 10)
// once the records are synced; the Account mapping syncs files both sides (Sync Files, Max File
// Size = the 1.5 MB ceiling). Every file goes through the real engine (ContentVersion trigger, outbox,
// the dispatcher's files part, POST /s2s/v1/files, ContentVersion insert in the service org).
// Prints one JSON line: {files, bytes, callouts, bytesPerCallout, wallMs, lost, duplicates,
// converged (every file's checksum equal in both orgs), heapHighWater {sender, receiver} (the
// highest Apex heap the local org measured in a dispatcher run and in an inbound request, bytes),
// captureSoqlPerChunk, queueableRuns, latencyMs}. BENCH_LATENCY_MS (default 300) per callout.
import { newWorld, connect, count, rows } from '../test/e2e/s2s-world.ts';
import { updatePkg } from '../test/e2e/namespace.ts';
import { Limits } from '../localorg/src/platform/limits/limits.ts';

const FILES = Number(process.env.BENCH_FILES ?? 1000);
const FILE_KB = Number(process.env.BENCH_FILE_KB ?? 100);
const UPLOAD_CHUNK = Number(process.env.BENCH_UPLOAD_CHUNK ?? 10);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 300);

/**
 * The highest heap the local org measures (runtime/heap.ts, at every query, callout and
 * Limits.getHeapSize()) from now on, for asynchronous transactions (12 MB: the sender's dispatcher
 * runs) and synchronous ones (6 MB: during the drain, the receiver's inbound requests).
 */
function heapWatch(): () => { async: number; sync: number } {
  const highest = { async: 0, sync: 0 };
  const proto = Limits.prototype as unknown as {
    measureHeap(bytes: number): void;
    getLimit?: unknown;
  };
  const measure = proto.measureHeap;
  proto.measureHeap = function (this: { max: { HeapSize: number } }, bytes: number): void {
    const kind = this.max.HeapSize > 6_000_000 ? 'async' : 'sync';
    highest[kind] = Math.max(highest[kind], bytes);
    measure.call(this, bytes);
  };
  return () => ({ ...highest });
}

export async function benchFiles(): Promise<void> {
  const { world, orgs } = await newWorld(['sales', 'service'], { edition: 'Enterprise' });
  const { sales, service } = orgs;
  connect(world, sales, service, {
    mappings: [{ object: 'Account', sequence: 10, fields: [{ target: 'Name' }] }]
  });
  for (const org of [sales, service])
    for (const m of rows<{ Id: string }>(org, 'SELECT Id FROM S2S_Object_Mapping__c'))
      updatePkg(org, 'S2S_Object_Mapping__c', {
        Id: m.Id,
        Sync_Files__c: true,
        Max_File_Size_KB__c: 1536
      });
  world.latency(LATENCY_MS ? { ms: LATENCY_MS } : null);
  const accountIds: string[] = [];
  for (let i = 0; i < FILES; i += 200)
    accountIds.push(
      ...sales.insert(
        'Account',
        Array.from({ length: Math.min(200, FILES - i) }, (_, k) => ({ Name: `Files ${i + k}` }))
      )
    );
  await world.drain({ maxSteps: 100_000 });
  const calloutsBefore = world.callouts.length;
  const t0 = performance.now();
  let captureSoql = 0;
  for (let i = 0; i < FILES; i += UPLOAD_CHUNK) {
    const ids = accountIds.slice(i, i + UPLOAD_CHUNK);
    const before = sales.traces.length;
    const r = sales.executeAnonymous(
      `List<Id> parents = new List<Id>{ '${ids.join("', '")}' };\n` +
        'List<ContentVersion> files = new List<ContentVersion>();\n' +
        'for (Integer k = 0; k < parents.size(); k++) {\n' +
        `  String fill = String.valueOf(${i} + k).leftPad(8, '0');\n` +
        `  files.add(new ContentVersion(Title = 'File ' + fill, PathOnClient = fill + '.bin', FirstPublishLocationId = parents[k], VersionData = Blob.valueOf(fill.repeat(${(FILE_KB * 1024) / 8}))));\n` +
        '}\n' +
        'insert files;',
      { namespace: null }
    );
    if (!r.success) throw new Error(`upload ${i}: ${JSON.stringify(r)}`);
    captureSoql = Math.max(captureSoql, sales.traces[before]?.limits.Queries?.used ?? 0);
  }
  const heap = heapWatch(); // uploads done: from here the sync transactions are the inbound ones
  await world.drain({ maxSteps: 200_000 });
  const wallMs = Math.round(performance.now() - t0);

  const fileCallouts = world.callouts
    .slice(calloutsBefore)
    .filter((c) => c.from === 'sales' && c.request.endpoint.endsWith('/s2s/v1/files'));
  const requestBytes = fileCallouts.reduce((n, c) => n + c.request.body.length, 0);
  const sent = rows<{ Title: string; Checksum: string }>(
    sales,
    "SELECT Title, Checksum FROM ContentVersion WHERE Title LIKE 'File %'"
  );
  const received = rows<{ Title: string; Checksum: string; ContentSize: number }>(
    service,
    "SELECT Title, Checksum, ContentSize FROM ContentVersion WHERE Title LIKE 'File %'"
  );
  const byTitle = new Map(received.map((v) => [v.Title, v]));
  const queueableRuns = count(
    sales,
    "SELECT COUNT() FROM AsyncApexJob WHERE JobType = 'Queueable'"
  );
  const result = {
    files: received.length,
    bytes: received.reduce((n, v) => n + v.ContentSize, 0),
    callouts: fileCallouts.length,
    bytesPerCallout: fileCallouts.length ? Math.round(requestBytes / fileCallouts.length) : 0,
    wallMs,
    lost: sent.filter((v) => !byTitle.has(v.Title)).length,
    duplicates: received.length - byTitle.size,
    converged: sent.every((v) => byTitle.get(v.Title)?.Checksum === v.Checksum),
    heapHighWater: { sender: heap().async, receiver: heap().sync },
    captureSoqlPerChunk: captureSoql,
    queueableRuns,
    fileKb: FILE_KB,
    latencyMs: LATENCY_MS
  };
  console.log(JSON.stringify(result));
  if (result.lost) {
    const errors = rows<{ Status__c: string; Last_Error__c: string | null }>(
      sales,
      "SELECT Status__c, Last_Error__c FROM S2S_Outbox__c WHERE Object_Name__c = 'ContentVersion' AND Status__c != 'Delivered' LIMIT 3"
    );
    console.error('not delivered:', JSON.stringify(errors));
  }
  if (result.lost !== 0 || result.duplicates !== 0 || !result.converged) process.exitCode = 1;
}
