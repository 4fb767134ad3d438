trigger ContactS2SSync on Contact(after insert, after update, after delete, after undelete) {
  S2SSync.capture();
}
