trigger S2STestParentS2SSync on S2S_Test_Parent__c(
  after insert,
  after update,
  after delete,
  after undelete
) {
  S2SSync.capture();
}
