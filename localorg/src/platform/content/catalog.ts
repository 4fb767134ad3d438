// What the Salesforce Files objects' catalogue entries (generated from the Apex Dev Tools type tables,
// catalog/generate.ts) lack, patched when the standard catalogue loads. Sources, Object Reference for
// the Salesforce Platform (docs corpus):
// - "ContentVersion": supported calls create(), describeLayout(), describeSObjects(), query(),
//   retrieve(), search(), update(), upsert() — no delete() (a version goes with its document);
//   FirstPublishLocationId names the user, library or record the file was first published to.
// - "ContentDocument": delete() deletes the document with all its versions (they cascade here, and
//   come back with an undelete of the document from the Recycle Bin).
// - "ContentDocumentLink": LinkedEntityId is polymorphic, "Can include Chatter users, groups,
//   records (any that support Chatter feed tracking including custom objects), and Salesforce CRM
//   Content libraries"; in API 33.0 and later links can be created to any record type that can be
//   tracked in the feed. The local org accepts a link to any record of the org.
import type { CatalogObject } from '../schema/catalog-types.ts';

/** Objects a file may be first published to besides a user (FirstPublishLocationId). */
const PUBLISH_TARGETS = ['User', 'Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'Group'];

/** Patches the content objects of the standard catalogue in place (once, at load). */
export function patchContentCatalog(objects: Record<string, CatalogObject>): void {
  const version = objects.ContentVersion;
  const link = objects.ContentDocumentLink;
  if (!version || !link) return;
  version.deletable = false;
  const docId = version.fields.ContentDocumentId;
  if (docId) docId.cascadeDelete = true;
  const firstPublish = version.fields.FirstPublishLocationId;
  if (firstPublish) {
    firstPublish.referenceTo = [...PUBLISH_TARGETS];
    firstPublish.polymorphicAny = true;
  }
  const linked = link.fields.LinkedEntityId;
  if (linked) linked.polymorphicAny = true;
}

/**
 * The child relationship `ContentDocumentLinks` every record of a custom object has ("ContentDocumentLink":
 * LinkedEntityId covers custom objects), so `(SELECT ... FROM ContentDocumentLinks)` works on them as on
 * the standard objects whose catalogue entries list it.
 */
export const CONTENT_LINKS_RELATIONSHIP = {
  relationshipName: 'ContentDocumentLinks',
  childSObject: 'ContentDocumentLink',
  field: 'LinkedEntityId',
  cascadeDelete: true
};
