trigger S2SContentDocumentLinkSync on ContentDocumentLink(after insert) {
  S2SFileCapture.linksInserted(Trigger.new);
}
