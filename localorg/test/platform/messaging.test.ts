// Messaging.sendEmail is recorded on the org, never sent (issue 14, item 4; Apex Reference, "Messaging
// Class": sendEmail returns a SendEmailResult per message; with allOrNothing false the valid messages
// go and the others report their errors).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgWithClasses } from '../apex-source.ts';

test('sendEmail records the accepted messages on the org', async () => {
  const org = await orgWithClasses({
    MailTest: `@IsTest
private class MailTest {
  @IsTest
  static void send() {
    Messaging.SingleEmailMessage good = new Messaging.SingleEmailMessage();
    good.setToAddresses(new List<String>{ 'a@example.com' });
    good.setSubject('Hi');
    good.setPlainTextBody('Body');
    Messaging.SingleEmailMessage bad = new Messaging.SingleEmailMessage();
    bad.setToAddresses(new List<String>{ 'not an address' });
    bad.setPlainTextBody('Body');
    List<Messaging.SendEmailResult> r = Messaging.sendEmail(new List<Messaging.Email>{ good, bad }, false);
    Assert.isTrue(r[0].isSuccess());
    Assert.isFalse(r[1].isSuccess());
    Assert.areEqual(StatusCode.INVALID_EMAIL_ADDRESS, r[1].getErrors()[0].getStatusCode());
  }
}`
  });
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('MailTest', 'send');
  assert.equal(r?.outcome, 'Pass', r?.message ?? '');
  assert.equal(org.sentEmails.length, 1);
  assert.equal(org.sentEmails[0].fields.subject, 'Hi');
});
