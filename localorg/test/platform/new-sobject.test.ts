// Schema.SObjectType.newSObject(recordTypeId, loadDefaults). Cited: Apex Reference, "SObjectType
// Class" newSObject(recordTypeId, loadDefaults): the new sObject gets the given record type, or the
// default record type when null is passed for an object with record types; loadDefaults fills the
// custom fields that have predefined default values (the others stay null).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Org } from '../../src/platform/org.ts';
import { runtimeFor } from '../../src/runner/runner.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/new-sobject', import.meta.url));

let shared: Org | undefined;
/** Gadget__c: record type Big, defaults Count__c 3, Active__c true, Note__c "hello"; Plain__c: no record types. */
function org(): Org {
  shared ??= new Org({ name: 'newsobject', source: [FIXTURE], runtimeFactory: runtimeFor });
  return shared;
}

function apex(source: string): { success: boolean; message: string | null } {
  const r = org().executeAnonymous(source, {});
  assert.equal(r.compileProblem, null, `compiles: ${source}`);
  return { success: r.success, message: r.exceptionMessage };
}

test('newSObject(recordTypeId, true) sets the record type and the custom field defaults', () => {
  const r = apex(`
    Id big = [SELECT Id FROM RecordType WHERE SobjectType = 'Gadget__c' AND DeveloperName = 'Big'].Id;
    Gadget__c g = (Gadget__c) Gadget__c.SObjectType.newSObject(big, true);
    System.Assert.areEqual(big, g.RecordTypeId, 'given record type');
    System.Assert.areEqual(3, g.Count__c, 'number default');
    System.Assert.areEqual(true, g.Active__c, 'checkbox default');
    System.Assert.areEqual('hello', g.Note__c, 'text default');
    System.Assert.isNull(g.Plain__c, 'no default, no value');
    System.Assert.isNull(g.Id, 'a new record');
    g.Name = 'first';
    insert g;
  `);
  assert.equal(r.message, null);
  assert.equal(r.success, true);
});

test('newSObject(null, false) takes the default record type and leaves the fields empty', () => {
  const r = apex(`
    Id expected;
    for (Schema.RecordTypeInfo i : Gadget__c.SObjectType.getDescribe().getRecordTypeInfos())
      if (i.isDefaultRecordTypeMapping() && !i.isMaster()) expected = i.getRecordTypeId();
    Gadget__c g = (Gadget__c) Gadget__c.SObjectType.newSObject(null, false);
    System.Assert.areEqual(expected, g.RecordTypeId, 'the default mapping (the Master saves as null)');
    System.Assert.isNull(g.Count__c, 'defaults not loaded');
    System.Assert.isFalse(g.getPopulatedFieldsAsMap().containsKey('Active__c'), 'nothing else set');
  `);
  assert.equal(r.message, null);
});

test('newSObject on an object without record types takes null and loads its defaults', () => {
  const r = apex(`
    Plain__c p = (Plain__c) Plain__c.SObjectType.newSObject(null, true);
    System.Assert.areEqual(1.5, p.Size__c, 'decimal default');
    System.Assert.isFalse(p.getPopulatedFieldsAsMap().containsKey('RecordTypeId'), 'no record type field');
  `);
  assert.equal(r.message, null);
});

test('a record type Id for an object without record types fails loudly', () => {
  const r = apex(`
    Id big = [SELECT Id FROM RecordType WHERE SobjectType = 'Gadget__c' AND DeveloperName = 'Big'].Id;
    Plain__c.SObjectType.newSObject(big, true);
  `);
  assert.equal(r.success, false);
  assert.match(
    String(r.message),
    /Unsupported by the local org: newSObject with a record type Id on Plain__c/
  );
});
