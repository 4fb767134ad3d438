trigger Product2S2SSync on Product2(after insert, after update, after delete, after undelete) {
  S2SSync.capture();
}
