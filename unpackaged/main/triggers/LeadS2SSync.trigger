trigger LeadS2SSync on Lead(after insert, after update, after delete, after undelete) {
  S2SSync.capture();
}
