trigger S2STestChildS2SSync on S2S_Test_Child__c(
  after insert,
  after update,
  after delete,
  after undelete
) {
  S2SSync.capture();
}
