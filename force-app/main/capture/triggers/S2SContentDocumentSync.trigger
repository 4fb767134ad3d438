trigger S2SContentDocumentSync on ContentDocument(before delete) {
  S2SFileCapture.documentsDeleting(Trigger.old);
}
