// REST sObject Describe: recordTypeInfos. Cited: REST API Developer Guide, "sObject Describe"
// (GET /services/data/vXX.X/sobjects/sObject/describe/), whose record type entries are the SOAP
// DescribeSObjectResult RecordTypeInfo: active, available, defaultRecordTypeMapping, developerName,
// master, name, recordTypeId, urls.layout. The Master is listed too, alone on an object without
// record types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Org } from '../../src/platform/org.ts';
import { handleRest } from '../../src/platform/index.ts';
import { runtimeFor } from '../../src/runner/runner.ts';
import { MASTER_RECORD_TYPE_ID } from '../../src/platform/schema/record-types.ts';
import type { ApexSObject } from '../../src/runtime/values.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/new-sobject', import.meta.url));
const org = new Org({ name: 'restdescribe', source: [FIXTURE], runtimeFactory: runtimeFor });

type Info = Record<string, unknown> & { urls: { layout: string } };

function recordTypeInfos(object: string): Info[] {
  const res = handleRest(
    org,
    {
      method: 'GET',
      endpoint: `https://x/services/data/v65.0/sobjects/${object}/describe`,
      headers: {},
      body: '',
      timeoutMs: 10_000
    },
    org.adminUserId
  );
  assert.equal(res.status, 200, res.body);
  return (JSON.parse(res.body) as { recordTypeInfos: Info[] }).recordTypeInfos;
}

test('the describe lists the record types of the object, then the Master', () => {
  const infos = recordTypeInfos('Gadget__c');
  assert.deepEqual(
    infos.map((i) => i.developerName),
    ['Big', 'Master']
  );
  const [big, master] = infos;
  const [row] = org.query(
    "SELECT Id FROM RecordType WHERE SobjectType = 'Gadget__c' AND DeveloperName = 'Big'"
  ) as ApexSObject[];
  assert.equal(big.recordTypeId, String(row.raw('Id')));
  assert.equal(big.name, 'Big');
  assert.equal(big.active, true);
  assert.equal(big.master, false);
  assert.equal(master.recordTypeId, MASTER_RECORD_TYPE_ID);
  assert.equal(master.master, true);
  assert.equal(
    infos.filter((i) => i.defaultRecordTypeMapping === true).length,
    1,
    'exactly one default mapping'
  );
  assert.equal(
    big.urls.layout,
    `/services/data/v65.0/sobjects/Gadget__c/describe/layouts/${String(big.recordTypeId)}`
  );
  assert.deepEqual(Object.keys(big).sort(), [
    'active',
    'available',
    'defaultRecordTypeMapping',
    'developerName',
    'master',
    'name',
    'recordTypeId',
    'urls'
  ]);
});

test('an object without record types describes the Master alone, available and default', () => {
  const infos = recordTypeInfos('Plain__c');
  assert.equal(infos.length, 1);
  assert.equal(infos[0].recordTypeId, MASTER_RECORD_TYPE_ID);
  assert.equal(infos[0].available, true);
  assert.equal(infos[0].defaultRecordTypeMapping, true);
});
