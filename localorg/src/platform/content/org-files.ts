// `org.files`: Salesforce Files from TypeScript (e2e tests and the demo), through the org's own
// TypeScript API, so every upload is a ContentVersion insert with its triggers (content/files.ts).
import type { ApexSObject } from '../../runtime/values.ts';
import { ApexBlob } from '../../runtime/values.ts';

/** What the helper needs of its org (the Org's TypeScript API). */
export interface FilesHost {
  insert(type: string, records: Record<string, unknown>, opts?: { as?: string }): string[];
  query(soql: string, binds?: Record<string, unknown>): ApexSObject[] | number;
  delete(ids: string[] | string): void;
}

/** A file as a record shows it: its document and latest (or a given) version. */
export interface FileInfo {
  documentId: string;
  versionId: string;
  title: string;
  pathOnClient: string;
  fileExtension: string | null;
  versionNumber: string;
  size: number;
  checksum: string | null;
  isLatest: boolean;
}

const VERSION_FIELDS =
  'Id, ContentDocumentId, Title, PathOnClient, FileExtension, VersionNumber, ContentSize, Checksum, IsLatest';

function info(v: ApexSObject): FileInfo {
  const s = (f: string): string => String(v.raw(f) ?? '');
  return {
    documentId: s('ContentDocumentId'),
    versionId: s('Id'),
    title: s('Title'),
    pathOnClient: s('PathOnClient'),
    fileExtension: (v.raw('FileExtension') as string | null | undefined) ?? null,
    versionNumber: s('VersionNumber'),
    size: Number(v.raw('ContentSize') ?? 0),
    checksum: (v.raw('Checksum') as string | null | undefined) ?? null,
    isLatest: v.raw('IsLatest') === true
  };
}

function rows(r: ApexSObject[] | number): ApexSObject[] {
  if (typeof r === 'number') throw new Error('org.files: expected records, got a count');
  return r;
}

export class OrgFiles {
  constructor(private readonly org: FilesHost) {}

  /**
   * Uploads a file (a ContentVersion insert): a new document, linked to `linkTo` when given, or the
   * next version of `documentId`. `data` is the content (a string is taken as UTF-8 text).
   */
  upload(
    file: {
      pathOnClient: string;
      data: Buffer | Uint8Array | string;
      title?: string;
      description?: string;
      linkTo?: string;
      documentId?: string;
    },
    opts: { as?: string } = {}
  ): FileInfo {
    const bytes = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
    const record: Record<string, unknown> = {
      PathOnClient: file.pathOnClient,
      VersionData: Buffer.from(bytes).toString('base64')
    };
    if (file.title !== undefined) record.Title = file.title;
    if (file.description !== undefined) record.Description = file.description;
    if (file.linkTo) record.FirstPublishLocationId = file.linkTo;
    if (file.documentId) record.ContentDocumentId = file.documentId;
    const [id] = this.org.insert('ContentVersion', record, opts);
    return this.version(id);
  }

  /** A version by Id. */
  version(versionId: string): FileInfo {
    const [v] = rows(
      this.org.query(`SELECT ${VERSION_FIELDS} FROM ContentVersion WHERE Id = :id`, {
        id: versionId
      })
    );
    if (!v) throw new Error(`org.files: no ContentVersion ${versionId}`);
    return info(v);
  }

  /** The files linked to a record (their latest versions), oldest link first. */
  of(recordId: string): FileInfo[] {
    const docs = rows(
      this.org.query(
        'SELECT ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId = :id',
        { id: recordId }
      )
    ).map((l) => String(l.raw('ContentDocumentId')));
    if (!docs.length) return [];
    const latest = rows(
      this.org.query(
        `SELECT ${VERSION_FIELDS} FROM ContentVersion WHERE ContentDocumentId IN :docs AND IsLatest = true`,
        { docs }
      )
    ).map(info);
    return docs.flatMap((d) => latest.filter((v) => v.documentId === d));
  }

  /** Every version of a document, first to latest. */
  versions(documentId: string): FileInfo[] {
    return rows(
      this.org.query(`SELECT ${VERSION_FIELDS} FROM ContentVersion WHERE ContentDocumentId = :id`, {
        id: documentId
      })
    )
      .map(info)
      .sort((a, b) => Number(a.versionNumber) - Number(b.versionNumber)); // a text field: '10' < '2'
  }

  /** The content of a version. */
  data(versionId: string): Buffer {
    const [v] = rows(
      this.org.query('SELECT VersionData FROM ContentVersion WHERE Id = :id', { id: versionId })
    );
    const blob = v?.raw('VersionData');
    if (!(blob instanceof ApexBlob)) throw new Error(`org.files: no content for ${versionId}`);
    return Buffer.from(blob.bytes);
  }

  /** Deletes a document (its versions and links go with it, to the Recycle Bin). */
  remove(documentId: string): void {
    this.org.delete(documentId);
  }
}
