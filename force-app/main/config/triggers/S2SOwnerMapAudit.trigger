// Configuration audit (S2SConfigAudit): every change of a S2S_Owner_Map__c, whatever wrote it.
trigger S2SOwnerMapAudit on S2S_Owner_Map__c(
  after insert,
  after update,
  after delete,
  after undelete
) {
  S2SConfigAudit.onChange(Trigger.operationType, Trigger.new, Trigger.oldMap);
}
