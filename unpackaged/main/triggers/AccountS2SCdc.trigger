trigger AccountS2SCdc on AccountChangeEvent(after insert) {
  S2SSync.capture();
}
