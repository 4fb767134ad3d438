// REST API "Get Blob Data" (REST API Developer Guide): GET /services/data/vXX.X/sobjects/{object}/{id}/{blobField}
// answers the field's content as the response body, binary (e.g. a ContentVersion's VersionData, an
// Attachment's Body). The record is read as the calling user reads it (user mode, sharing).
import { ApexBlob, ApexId, normaliseId } from '../../runtime/values.ts';
import type { HttpResponseData } from '../callouts/callouts.ts';
import type { SObjectSchema } from '../schema/schema.ts';
import type { QueryOutcome } from '../soql/eval.ts';

/** What reading a blob needs of the org. */
export interface BlobHost {
  runQuery(
    text: string,
    resolveBind: () => ApexId,
    opts: { userMode?: boolean; withSharing?: boolean }
  ): QueryOutcome;
}

/** The content of a base64 field of a record, or null when the record is not there for the user. */
export function blobData(
  org: BlobHost,
  object: SObjectSchema,
  id: string,
  field: string
): HttpResponseData | null {
  const f = object.field(field);
  const recordId = normaliseId(id);
  if (!f || f.type !== 'base64' || !recordId) return null;
  const out = org.runQuery(
    `SELECT ${f.name} FROM ${object.name} WHERE Id = :id`,
    () => new ApexId(recordId),
    { userMode: true, withSharing: true }
  );
  const [record] = out.records;
  if (!record) return null;
  const v = record.raw(f.name);
  const bytes = v instanceof ApexBlob ? v.bytes : new Uint8Array(0);
  return {
    status: 200,
    headers: { 'Content-Type': 'application/octetstream' },
    body: Buffer.from(bytes).toString('utf8'),
    bodyBytes: new Uint8Array(bytes)
  };
}
