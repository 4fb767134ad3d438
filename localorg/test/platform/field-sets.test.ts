// Field sets from source (objects/X/fieldSets/*.fieldSet-meta.xml). Cited: Apex Reference,
// "FieldSet Class" (getName, getLabel, getDescription, getSObjectType, getFields) and
// "FieldSetMember Class" (getFieldPath, getLabel, getRequired, getDbRequired, getType,
// getSObjectField); Apex Developer Guide, "Using Field Sets" (describe.fieldSets.getMap() and
// Schema.SObjectType.X.fieldSets.Name).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Org } from '../../src/platform/org.ts';
import { runtimeFor } from '../../src/runner/runner.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/new-sobject', import.meta.url));
const org = new Org({ name: 'fieldsets', source: [FIXTURE], runtimeFactory: runtimeFor });

function apex(source: string): void {
  const r = org.executeAnonymous(source, {});
  assert.equal(r.compileProblem, null, `compiles: ${source}`);
  assert.equal(r.exceptionMessage, null);
  assert.equal(r.success, true);
}

test('the metadata loader reads field sets with their fields in order', () => {
  const [fs] = org.metadata.fieldSets;
  assert.equal(fs.object, 'Gadget__c');
  assert.equal(fs.name, 'Card');
  assert.deepEqual(
    fs.fields.map((f) => [f.path, f.required]),
    [
      ['Name', true],
      ['Count__c', false],
      ['CreatedBy.Name', false]
    ]
  );
});

test('describe.fieldSets gives Schema.FieldSet with its members', () => {
  apex(`
    Map<String, Schema.FieldSet> sets = Gadget__c.SObjectType.getDescribe().fieldSets.getMap();
    System.Assert.areEqual(1, sets.size(), 'one field set');
    Schema.FieldSet card = sets.get('Card');
    System.Assert.areEqual('Card', card.getName());
    System.Assert.areEqual('Card', card.getLabel());
    System.Assert.areEqual('Fields shown on the gadget card', card.getDescription());
    System.Assert.areEqual(Gadget__c.SObjectType, card.getSObjectType());
    List<Schema.FieldSetMember> members = card.getFields();
    System.Assert.areEqual(3, members.size());
    System.Assert.areEqual('Name', members[0].getFieldPath());
    System.Assert.isTrue(members[0].getRequired(), 'required in the field set');
    System.Assert.areEqual(Gadget__c.Count__c, members[1].getSObjectField());
    System.Assert.areEqual(Schema.DisplayType.DOUBLE, members[1].getType());
    System.Assert.isFalse(members[1].getDbRequired(), 'nillable field');
    System.Assert.areEqual('CreatedBy.Name', members[2].getFieldPath());
    System.Assert.areEqual(User.Name, members[2].getSObjectField(), 'the field at the end of the path');
    Schema.FieldSet same = Schema.SObjectType.Gadget__c.fieldSets.Card;
    System.Assert.areEqual('Card', same.getName(), 'by name');
  `);
});

test('an object without field sets has an empty map', () => {
  apex(`
    System.Assert.isTrue(Plain__c.SObjectType.getDescribe().fieldSets.getMap().isEmpty());
  `);
});
