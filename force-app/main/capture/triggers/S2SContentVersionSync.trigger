trigger S2SContentVersionSync on ContentVersion(after insert) {
  S2SFileCapture.versionsInserted(Trigger.new);
}
