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
  assert.equal(res.body.toString('latin1', 0, 4), 'PK\x03\x04');
  assert.deepEqual(
    [...unzipStored(res.body)],
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
