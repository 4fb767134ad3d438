// Salesforce Files in DML: what the platform does when ContentVersion, ContentDocument and
// ContentDocumentLink records are saved (Object Reference for the Salesforce Platform, "ContentVersion",
// "ContentDocument", "ContentDocumentLink"; docs/localorg.md "Files"):
// - inserting a ContentVersion without ContentDocumentId creates its ContentDocument (Title,
//   FileExtension, FileType, ContentSize, LatestPublishedVersionId, owner) and links it to its owner
//   (ShareType I, the link that cannot be deleted) and to FirstPublishLocationId when that names
//   another record (ShareType V); with ContentDocumentId the version is the document's next one:
//   VersionNumber counts up, IsLatest moves to it, the document takes its title, type and size;
// - a version's computed fields: ContentSize (bytes), Checksum ("MD5 checksum for the file", lower
//   case hex), FileExtension and FileType from PathOnClient, IsLatest, VersionNumber;
// - the links of new documents are inserted as any link is, so ContentDocumentLink triggers fire;
// - a document is linked at most once to an entity: DUPLICATE_VALUE "Document with ID: … is already
//   linked with the entity with ID: …" on LinkedEntityId;
// - renaming the latest version renames the document and the other way round.
// Required fields on insert of a version: VersionData (or ContentUrl for a link) and, with
// VersionData, PathOnClient ("the complete path of the document", which determines FileType).
import { createHash } from 'node:crypto';
import {
  ApexBlob,
  ApexDatetime,
  ApexId,
  ApexSObject,
  normaliseId,
  type ApexValue
} from '../../runtime/values.ts';
import type { SObjectSchema } from '../schema/schema.ts';
import type { Row } from '../data/store.ts';
import { textKeyer } from '../data/index.ts';
import type { DmlContext } from '../dml/call.ts';
import type { DmlErrorInfo } from '../dml/errors.ts';
import { err, rowOf, type Work } from '../dml/work.ts';
import { baseNameOf, extensionOf, fileTypeOf } from './file-types.ts';

/** Inserts links the platform creates itself, with their triggers: one error (or null) per link. */
export type InsertLinks = (links: ApexSObject[]) => (DmlErrorInfo | null)[];

const VERSION = 'contentversion';
const DOCUMENT = 'contentdocument';
const LINK = 'contentdocumentlink';

function text(v: ApexValue | undefined): string {
  return v === undefined || v === null ? '' : String(v);
}

function idText(v: ApexValue | undefined): string {
  const s = text(v);
  return s ? (normaliseId(s) ?? s) : '';
}

export class ContentKeeper {
  constructor(
    private readonly ctx: DmlContext,
    private readonly insertLinks: InsertLinks
  ) {}

  /** Step 5, system validation of the chunk's records (after the before triggers). */
  validate(object: SObjectSchema, kind: 'insert' | 'update', works: Work[]): void {
    const name = object.name.toLowerCase();
    if (name === VERSION && kind === 'insert') for (const w of works) this.validateVersion(w);
    if (name === LINK && kind === 'insert') this.validateLinks(works);
  }

  private validateVersion(w: Work): void {
    const data = w.rec.raw('VersionData') ?? null;
    const url = text(w.rec.raw('ContentUrl'));
    if (data === null && !url) {
      w.errors.push(
        err('REQUIRED_FIELD_MISSING', 'Required fields are missing: [VersionData]', ['VersionData'])
      );
      return;
    }
    if (data !== null && !(data instanceof ApexBlob))
      w.errors.push(
        err('INVALID_TYPE_ON_FIELD_IN_RECORD', 'Version Data: value not of required type', [
          'VersionData'
        ])
      );
    else if (data !== null && !text(w.rec.raw('PathOnClient')))
      w.errors.push(
        err('REQUIRED_FIELD_MISSING', 'Required fields are missing: [PathOnClient]', [
          'PathOnClient'
        ])
      );
  }

  /** A document is linked once to an entity: against the stored links and within the statement. */
  private validateLinks(works: Work[]): void {
    const seen = new Set<string>();
    for (const w of works) {
      if (w.errors.length) continue;
      const doc = idText(w.rec.raw('ContentDocumentId'));
      const entity = idText(w.rec.raw('LinkedEntityId'));
      if (!doc || !entity) continue;
      const key = `${doc}|${entity}`;
      if (seen.has(key) || this.linkOf(doc, entity))
        w.errors.push(
          err(
            'DUPLICATE_VALUE',
            `Document with ID: ${doc} is already linked with the entity with ID: ${entity}`,
            ['LinkedEntityId']
          )
        );
      seen.add(key);
    }
  }

  /** The live link of a document to an entity, if any. */
  private linkOf(doc: string, entity: string): Row | undefined {
    return this.ctx.store
      .lookup('ContentDocumentLink', 'contentdocumentid', textKeyer, doc.toLowerCase())
      .find((r) => !r.deleted && idText(r.values.get('linkedentityid')) === entity);
  }

  /** Live versions of a document, in insertion order. */
  private versionsOf(doc: string): Row[] {
    return this.ctx.store
      .lookup('ContentVersion', 'contentdocumentid', textKeyer, doc.toLowerCase())
      .filter((r) => !r.deleted);
  }

  /**
   * Step 7, a record about to be stored (its Id and system fields set): a new version's document
   * and computed fields; a renamed latest version or document renames the other.
   */
  beforeStore(object: SObjectSchema, kind: 'insert' | 'update', w: Work): void {
    const name = object.name.toLowerCase();
    if (name === VERSION && kind === 'insert') this.storeVersion(w);
    else if (name === VERSION && kind === 'update') this.renameFromVersion(w);
    else if (name === DOCUMENT && kind === 'update') this.renameFromDocument(w);
  }

  private storeVersion(w: Work): void {
    const { store, ids } = this.ctx;
    const rec = w.rec;
    const data = rec.raw('VersionData');
    const bytes = data instanceof ApexBlob ? data.bytes : null;
    const path = text(rec.raw('PathOnClient'));
    const url = text(rec.raw('ContentUrl'));
    const extension = bytes ? extensionOf(path) : '';
    const fileType = fileTypeOf(extension, !bytes && !!url);
    const size = bytes ? bytes.length : 0;
    const now = new ApexDatetime(Math.floor(this.ctx.now() / 1000) * 1000);
    const user = new ApexId(this.ctx.userId());
    rec.set('ContentSize', size);
    rec.set('Checksum', bytes ? createHash('md5').update(bytes).digest('hex') : null);
    rec.set('FileExtension', extension || null);
    rec.set('FileType', fileType);
    rec.set('IsLatest', true);
    if (!text(rec.raw('Title'))) rec.set('Title', path ? baseNameOf(path) : url);
    if (!text(rec.raw('ContentLocation'))) rec.set('ContentLocation', 'S');
    if (!text(rec.raw('Origin'))) rec.set('Origin', 'C');
    if ((rec.raw('ContentModifiedDate') ?? null) === null) rec.set('ContentModifiedDate', now);
    rec.set('ContentModifiedById', user);
    const versionId = new ApexId(String(rec.raw('Id')));
    const owner = rec.raw('OwnerId') ?? user;
    const common: [string, ApexValue][] = [
      ['title', rec.raw('Title') ?? null],
      ['description', rec.raw('Description') ?? null],
      ['fileextension', extension || null],
      ['filetype', fileType],
      ['contentsize', size],
      ['contentmodifieddate', rec.raw('ContentModifiedDate') ?? now],
      ['latestpublishedversionid', versionId],
      ['lastmodifieddate', now],
      ['lastmodifiedbyid', user],
      ['systemmodstamp', now]
    ];
    const docId = idText(rec.raw('ContentDocumentId'));
    if (docId) {
      // the document's next version ("ContentVersion": IsLatest, VersionNumber)
      const versions = this.versionsOf(docId);
      for (const v of versions)
        if (v.values.get('islatest') === true) store.update(v, [['islatest', false]]);
      rec.set('VersionNumber', String(versions.length + 1));
      const doc = store.get(docId);
      if (doc) store.update(doc, common);
      return;
    }
    // the first version: its document ("ContentDocument")
    const id = ids.next(this.ctx.schema.require('ContentDocument').keyPrefix);
    rec.set('ContentDocumentId', new ApexId(id));
    rec.set('VersionNumber', '1');
    if ((rec.raw('FirstPublishLocationId') ?? null) === null)
      rec.set('FirstPublishLocationId', owner);
    const firstPublish = idText(rec.raw('FirstPublishLocationId'));
    const publishedToRecord = firstPublish.length > 0 && store.get(firstPublish)?.type !== 'User';
    const values = new Map<string, ApexValue>([
      ['id', new ApexId(id)],
      ['isdeleted', false],
      ['isarchived', false],
      ['isinternalonly', false],
      ['createddate', now],
      ['createdbyid', user],
      ['ownerid', owner],
      ['publishstatus', publishedToRecord ? 'P' : 'R'],
      ['sharingoption', 'A'],
      ['sharingprivacy', 'N'],
      ['contentsizelong', BigInt(size)],
      ...common
    ]);
    store.insert('ContentDocument', id, values);
  }

  private renameFromVersion(w: Work): void {
    if (w.rec.raw('IsLatest') !== true) return;
    const doc = this.ctx.store.get(idText(w.rec.raw('ContentDocumentId')));
    if (!doc || doc.deleted) return;
    this.ctx.store.update(doc, [
      ['title', w.rec.raw('Title') ?? null],
      ['description', w.rec.raw('Description') ?? null]
    ]);
  }

  private renameFromDocument(w: Work): void {
    const latest = this.versionsOf(rowOf(w).id).find((v) => v.values.get('islatest') === true);
    if (!latest) return;
    this.ctx.store.update(latest, [
      ['title', w.rec.raw('Title') ?? null],
      ['description', w.rec.raw('Description') ?? null]
    ]);
  }

  /**
   * Step 7, once the chunk's rows are stored: the links of the new documents, inserted with their
   * triggers; a link that fails fails its version.
   */
  afterStore(object: SObjectSchema, kind: 'insert' | 'update', works: Work[]): void {
    if (object.name.toLowerCase() !== VERSION || kind !== 'insert') return;
    const links: ApexSObject[] = [];
    const owners: Work[] = [];
    for (const w of works) {
      if (text(w.rec.raw('VersionNumber')) !== '1') continue;
      const doc = w.rec.raw('ContentDocumentId') ?? null;
      const owner = idText(w.rec.raw('OwnerId'));
      const first = idText(w.rec.raw('FirstPublishLocationId'));
      for (const [entity, shareType] of [
        [owner, 'I'],
        [first, 'V']
      ]) {
        if (!entity || (shareType === 'V' && entity === owner)) continue;
        const link = new ApexSObject('ContentDocumentLink');
        link.set('ContentDocumentId', doc);
        link.set('LinkedEntityId', new ApexId(entity));
        link.set('ShareType', shareType);
        link.set('Visibility', 'AllUsers');
        links.push(link);
        owners.push(w);
      }
    }
    if (!links.length) return;
    const errors = this.insertLinks(links);
    errors.forEach((e, i) => {
      if (e && !owners[i].errors.length) owners[i].errors.push(e);
    });
  }

  /** Before a delete: the owner's link of a file is kept by the platform. */
  validateDelete(object: SObjectSchema, w: Work): void {
    if (object.name.toLowerCase() !== LINK || !w.row) return;
    const row = w.row;
    if (text(row.values.get('sharetype')) !== 'I') return;
    const doc = this.ctx.store.get(idText(row.values.get('contentdocumentid')));
    if (!doc || doc.deleted) return;
    if (idText(doc.values.get('ownerid')) === idText(row.values.get('linkedentityid')))
      w.errors.push(err('FIELD_INTEGRITY_EXCEPTION', 'field integrity exception', []));
  }
}
