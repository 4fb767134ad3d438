trigger S2SDispatchTrigger on S2S_Dispatch__e(after insert) {
  S2SDispatchEvents.deliver(Trigger.new);
}
