// Configuration audit (S2SConfigAudit): every change of a S2S_Object_Mapping__c, whatever wrote it.
trigger S2SObjectMappingAudit on S2S_Object_Mapping__c(
  after insert,
  after update,
  after delete,
  after undelete
) {
  S2SConfigAudit.onChange(Trigger.operationType, Trigger.new, Trigger.oldMap);
}
