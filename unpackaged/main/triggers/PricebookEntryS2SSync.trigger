trigger PricebookEntryS2SSync on PricebookEntry(
  after insert,
  after update,
  after delete,
  after undelete
) {
  S2SSync.capture();
}
