// Test.loadData: CSV static resources inserted as records, related through the CSV Id column
// (Apex Developer Guide, "Loading Test Data"; Apex Reference, "Test Class": loadData).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgWithClasses } from '../apex-source.ts';

const META =
  '<?xml version="1.0" encoding="UTF-8"?>\n<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
  '    <cacheControl>Private</cacheControl>\n    <contentType>text/csv</contentType>\n</StaticResource>\n';

const TEST = `@IsTest
private class LoadDataTest {
  @IsTest
  static void loads() {
    List<SObject> accounts = Test.loadData(Account.SObjectType, 'TestAccounts');
    List<SObject> contacts = Test.loadData(Contact.SObjectType, 'testcontacts');
    System.assertEquals(2, accounts.size());
    System.assertEquals(2, [SELECT COUNT() FROM Account]);
    Account acme = [SELECT Id, Name, NumberOfEmployees FROM Account WHERE Name = 'Acme, Inc.'];
    System.assertEquals(250, acme.NumberOfEmployees);
    Contact ada = [SELECT AccountId, Birthdate, DoNotCall, Description FROM Contact WHERE LastName = 'Lovelace'];
    System.assertEquals(acme.Id, ada.AccountId, 'linked through the CSV Id column');
    System.assertEquals(Date.newInstance(1815, 12, 10), ada.Birthdate);
    System.assertEquals(true, ada.DoNotCall);
    System.assertEquals('says "hi"\\nand more', ada.Description);
    System.assertEquals(contacts[0].Id, [SELECT Id FROM Contact WHERE LastName = 'Lovelace'].Id);
  }
}`;

test('Test.loadData inserts CSV records and resolves lookups through the CSV Id column', async () => {
  const org = await orgWithClasses(
    { LoadDataTest: TEST },
    {},
    {
      'staticresources/TestAccounts.csv':
        'Id,Name,NumberOfEmployees\r\n1,"Acme, Inc.",250\r\n2,Globex,\r\n',
      'staticresources/TestAccounts.resource-meta.xml': META,
      'staticresources/TestContacts.csv':
        'Id,LastName,AccountId,Birthdate,DoNotCall,Description\n' +
        '10,Lovelace,1,1815-12-10,true,"says ""hi""\nand more"\n' +
        '11,Hopper,2,,false,\n',
      'staticresources/TestContacts.resource-meta.xml': META
    }
  );
  assert.deepEqual(org.runtime?.diagnostics, []);
  assert.ok(org.runtime, 'the org runs Apex');
  const r = org.runtime.runTest('LoadDataTest', 'loads');
  assert.equal(r.outcome, 'Pass', r.message ?? '');
});
