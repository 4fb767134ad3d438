// Configuration audit (S2SConfigAudit): every change of a S2S_Field_Mapping__c, whatever wrote it.
trigger S2SFieldMappingAudit on S2S_Field_Mapping__c(
  after insert,
  after update,
  after delete,
  after undelete
) {
  S2SConfigAudit.onChange(Trigger.operationType, Trigger.new, Trigger.oldMap);
}
