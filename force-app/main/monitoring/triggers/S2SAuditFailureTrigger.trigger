trigger S2SAuditFailureTrigger on S2S_Audit_Failure__e(after insert) {
  S2SAuditRecovery.recover(Trigger.new);
}
