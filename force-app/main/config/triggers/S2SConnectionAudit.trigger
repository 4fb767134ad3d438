// Configuration audit (S2SConfigAudit): every change of a S2S_Connection__c, whatever wrote it.
trigger S2SConnectionAudit on S2S_Connection__c(
  after insert,
  after update,
  after delete,
  after undelete
) {
  S2SConfigAudit.onChange(Trigger.operationType, Trigger.new, Trigger.oldMap);
}
