trigger AccountS2SCdc on AccountChangeEvent(after insert) {
  S2SCdcHandler.handle(Trigger.new);
}
