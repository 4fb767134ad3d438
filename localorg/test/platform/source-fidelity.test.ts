// Valid SFDX source loads unchanged (issue 14, item 1): static resources kept as folders, picklists on
// global value sets, comments inside inline SOQL. Each case failed the whole load before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgWithClasses } from '../apex-source.ts';

/** The entries of a zip archive, read from its central directory (name → stored bytes). */
function unzipStored(zip: Buffer): Map<string, string> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'an end of central directory record');
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(p), 0x02014b50, 'a central directory entry');
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.set(name, zip.toString('utf8', dataAt, dataAt + size));
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

// Metadata API Developer Guide, "StaticResource": in source format an archive resource is kept as a
// folder named after the resource; it deploys as the zip of that folder.
test('a static resource stored as a folder loads as the zip of that folder', async () => {
  const org = await orgWithClasses(
    {},
    {},
    {
      'staticresources/docs.resource-meta.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata">\n    <cacheControl>Public</cacheControl>\n    <contentType>application/zip</contentType>\n</StaticResource>\n',
      'staticresources/docs/index.html': '<h1>hello</h1>',
      'staticresources/docs/css/site.css': 'h1 { color: red; }'
    }
  );
  const res = org.staticResource('docs');
  assert.ok(res, 'the resource is loaded');
  assert.equal(res.contentType, 'application/zip');
  const body = res.body;
  assert.ok(body, 'the folder is its content');
  assert.equal(body.toString('latin1', 0, 4), 'PK\x03\x04');
  assert.deepEqual(
    [...unzipStored(body)],
    [
      ['css/site.css', 'h1 { color: red; }'],
      ['index.html', '<h1>hello</h1>']
    ]
  );
});

// Salesforce Help, "Create a Global Picklist Value Set": a picklist field on a global value set takes
// its values from the set and is restricted.
test('a picklist on a global value set has the set values and is restricted', async () => {
  const org = await orgWithClasses(
    {
      GlobalSetTest: `@IsTest
private class GlobalSetTest {
  @IsTest
  static void values() {
    List<String> values = new List<String>();
    List<String> defaults = new List<String>();
    for (Schema.PicklistEntry e : Log__c.Level__c.getDescribe().getPicklistValues()) {
      values.add(e.getValue());
      if (e.isDefaultValue()) {
        defaults.add(e.getValue());
      }
    }
    Assert.areEqual(new List<String>{ 'ERROR', 'INFO' }, values);
    Assert.areEqual(new List<String>{ 'INFO' }, defaults, 'the default value of the set');
    Assert.isTrue(Log__c.Level__c.getDescribe().isRestrictedPicklist());
  }
}`
    },
    {},
    {
      'globalValueSets/Levels.globalValueSet-meta.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<GlobalValueSet xmlns="http://soap.sforce.com/2006/04/metadata">\n    <customValue><fullName>ERROR</fullName><default>false</default><label>Error</label></customValue>\n    <customValue><fullName>INFO</fullName><default>true</default><label>Info</label></customValue>\n    <masterLabel>Levels</masterLabel>\n    <sorted>false</sorted>\n</GlobalValueSet>\n',
      'objects/Log__c/Log__c.object-meta.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Log</label>\n    <pluralLabel>Logs</pluralLabel>\n    <nameField><label>Name</label><type>Text</type></nameField>\n    <deploymentStatus>Deployed</deploymentStatus>\n    <sharingModel>ReadWrite</sharingModel>\n</CustomObject>\n',
      'objects/Log__c/fields/Level__c.field-meta.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>Level__c</fullName>\n    <label>Level</label>\n    <type>Picklist</type>\n    <valueSet>\n        <restricted>true</restricted>\n        <valueSetName>Levels</valueSetName>\n    </valueSet>\n</CustomField>\n'
    }
  );
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('GlobalSetTest', 'values');
  assert.equal(r?.outcome, 'Pass', r?.message ?? '');
});

const CMT_OBJECT = (label: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>${label}</label>\n    <pluralLabel>${label}s</pluralLabel>\n    <visibility>Public</visibility>\n</CustomObject>\n`;
const RELATIONSHIP = (name: string, target: string, childName: string, controlling = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>${name}</fullName>\n    <fieldManageability>DeveloperControlled</fieldManageability>\n    <label>${name}</label>\n${controlling ? `    <metadataRelationshipControllingField>${controlling}</metadataRelationshipControllingField>\n` : ''}    <referenceTo>${target}</referenceTo>\n    <relationshipName>${childName}</relationshipName>\n    <type>MetadataRelationship</type>\n</CustomField>\n`;
const RECORD = (label: string, values: Record<string, string>) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n    <label>${label}</label>\n    <protected>false</protected>\n${Object.entries(
    values
  )
    .map(
      ([f, v]) =>
        `    <values>\n        <field>${f}</field>\n        <value xsi:type="xsd:string">${v}</value>\n    </values>\n`
    )
    .join('')}</CustomMetadata>\n`;

// Salesforce Help, "Custom Metadata Relationships": a relationship field reaches another custom
// metadata record, an EntityDefinition or a FieldDefinition; SOQL follows it as X__r, filters and
// semi-joins on it, and Apex reads and assigns X__r on a record in memory.
test('custom metadata relationship fields are followed as X__r', async () => {
  const org = await orgWithClasses(
    {
      CmtRelTest: `@IsTest
private class CmtRelTest {
  @IsTest
  static void relationships() {
    List<Action__mdt> actions = [
      SELECT DeveloperName, Setting__c, Setting__r.DeveloperName, Object__r.QualifiedApiName, Field__r.QualifiedApiName
      FROM Action__mdt
      WHERE Object__r.QualifiedApiName = 'Account' AND Setting__c IN (SELECT Id FROM Setting__mdt)
    ];
    Assert.areEqual(1, actions.size());
    Assert.areEqual('Main', actions[0].Setting__r.DeveloperName);
    Assert.areEqual(Setting__mdt.getInstance('Main').Id, actions[0].Setting__c);
    Assert.areEqual('Account', actions[0].Object__r.QualifiedApiName);
    Assert.areEqual('Industry', actions[0].Field__r.QualifiedApiName);
    List<Setting__mdt> settings = [SELECT DeveloperName, (SELECT DeveloperName FROM Actions__r) FROM Setting__mdt];
    Assert.areEqual('First', settings[0].Actions__r[0].DeveloperName);
    Action__mdt inMemory = new Action__mdt(Setting__r = new Setting__mdt(Label__c = 'x'));
    Assert.areEqual('x', inMemory.Setting__r.Label__c);
    Assert.areEqual('x', ((Setting__mdt) inMemory.getSObject('Setting__r')).get(Setting__mdt.Label__c));
  }
}`
    },
    {},
    {
      'objects/Setting__mdt/Setting__mdt.object-meta.xml': CMT_OBJECT('Setting'),
      'objects/Setting__mdt/fields/Label__c.field-meta.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>Label__c</fullName>\n    <label>Label</label>\n    <length>80</length>\n    <type>Text</type>\n</CustomField>\n',
      'objects/Action__mdt/Action__mdt.object-meta.xml': CMT_OBJECT('Action'),
      'objects/Action__mdt/fields/Setting__c.field-meta.xml': RELATIONSHIP(
        'Setting__c',
        'Setting__mdt',
        'Actions'
      ),
      'objects/Action__mdt/fields/Object__c.field-meta.xml': RELATIONSHIP(
        'Object__c',
        'EntityDefinition',
        'Actions'
      ),
      'objects/Action__mdt/fields/Field__c.field-meta.xml': RELATIONSHIP(
        'Field__c',
        'FieldDefinition',
        'Actions',
        'Action__mdt.Object__c'
      ),
      'customMetadata/Setting.Main.md-meta.xml': RECORD('Main', { Label__c: 'main' }),
      'customMetadata/Action.First.md-meta.xml': RECORD('First', {
        Setting__c: 'Main',
        Object__c: 'Account',
        Field__c: 'Industry'
      })
    }
  );
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('CmtRelTest', 'relationships');
  assert.equal(r?.outcome, 'Pass', `${r?.message}\n${r?.stackTrace}`);
});

// Metadata API Developer Guide, "CustomField": a standard field's file carries its settings (here a
// type the catalogue does not use); a roll-up summary field of MAX has the summarized field's type. A
// class whose name is taken (here by a second file of the same class) is left out with a compile
// diagnostic; the org still loads. (A class may take a built-in exception's short name: see
// source-shapes.test.ts.)
test('standard field settings, roll-up summary types and a taken class name do not stop the load', async () => {
  const org = await orgWithClasses(
    {
      AuraHandledException: 'public interface AuraHandledException {}',
      Plain: 'public class Plain {}'
    },
    {},
    {
      'more/Plain.cls': 'public class Plain {}',
      'objects/Account/fields/ParentId.field-meta.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>ParentId</fullName>\n    <trackHistory>false</trackHistory>\n    <type>Hierarchy</type>\n</CustomField>\n',
      'objects/Parent__c/Parent__c.object-meta.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Parent</label>\n    <pluralLabel>Parents</pluralLabel>\n    <nameField><label>Name</label><type>Text</type></nameField>\n    <deploymentStatus>Deployed</deploymentStatus>\n    <sharingModel>ReadWrite</sharingModel>\n</CustomObject>\n',
      'objects/Parent__c/fields/Latest__c.field-meta.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>Latest__c</fullName>\n    <label>Latest</label>\n    <summarizedField>Child__c.When__c</summarizedField>\n    <summaryForeignKey>Child__c.Parent__c</summaryForeignKey>\n    <summaryOperation>max</summaryOperation>\n    <type>Summary</type>\n</CustomField>\n',
      'objects/Child__c/Child__c.object-meta.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Child</label>\n    <pluralLabel>Children</pluralLabel>\n    <nameField><label>Name</label><type>Text</type></nameField>\n    <deploymentStatus>Deployed</deploymentStatus>\n    <sharingModel>ControlledByParent</sharingModel>\n</CustomObject>\n',
      'objects/Child__c/fields/When__c.field-meta.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>When__c</fullName>\n    <label>When</label>\n    <type>DateTime</type>\n</CustomField>\n',
      'objects/Child__c/fields/Parent__c.field-meta.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>Parent__c</fullName>\n    <label>Parent</label>\n    <referenceTo>Parent__c</referenceTo>\n    <relationshipName>Children</relationshipName>\n    <type>MasterDetail</type>\n</CustomField>\n'
    }
  );
  assert.equal(org.schema.get('Parent__c')?.field('Latest__c')?.apexType, 'Datetime');
  assert.equal(org.schema.get('Account')?.field('ParentId')?.type, 'reference');
  const diags = org.runtime?.diagnostics ?? [];
  assert.equal(diags.length, 1, JSON.stringify(diags));
  assert.match(diags[0].file, /Plain\.cls$/);
  assert.match(diags[0].message, /Duplicate type name: Plain/);
});
