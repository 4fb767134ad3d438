trigger AccountS2SSync on Account(after insert, after update, after delete, after undelete) {
  S2SSync.capture();
}
