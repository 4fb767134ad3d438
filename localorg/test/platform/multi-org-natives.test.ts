// Several orgs in one process share one registry of native classes; each call must still see the
// org running the code: its users' permissions, its custom settings, its record types.
// Cited: Apex Reference, "DescribeSObjectResult Class" (isCreateable for the current user),
// "Custom Settings Methods" (getOrgDefaults, getInstance).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Org } from '../../src/platform/org.ts';
import { runtimeFor } from '../../src/runner/runner.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/multi-org', import.meta.url));

function apex(o: Org, source: string, as?: string): void {
  const r = o.executeAnonymous(source, as ? { as } : {});
  assert.equal(r.compileProblem, null, `compiles: ${source}`);
  assert.equal(r.exceptionMessage, null, 'runs without an exception');
}

test('describe and custom settings answer for the org running the code, not the org created last', () => {
  const first = new Org({
    name: 'first',
    source: [FIXTURE],
    runtimeFactory: runtimeFor,
    instance: 1
  });
  first.createUser({ username: 'min@first.example', profile: 'Minimum Access - Salesforce' });
  first.insert('Peer_Setting__c', { SetupOwnerId: first.organizationId, Region__c: 'EMEA' });
  const second = new Org({
    name: 'second',
    source: [FIXTURE],
    runtimeFactory: runtimeFor,
    instance: 2
  });
  second.insert('Peer_Setting__c', { SetupOwnerId: second.organizationId, Region__c: 'APAC' });
  apex(
    first,
    "System.Assert.isFalse(Account.SObjectType.getDescribe().isCreateable(), 'Minimum Access cannot create accounts');",
    'min@first.example'
  );
  apex(
    first,
    "System.Assert.areEqual('EMEA', Peer_Setting__c.getOrgDefaults().Region__c, 'first org setting');"
  );
  apex(
    second,
    "System.Assert.areEqual('APAC', Peer_Setting__c.getOrgDefaults().Region__c, 'second org setting');"
  );
  apex(
    first,
    "System.Assert.areEqual('EMEA', Peer_Setting__c.getInstance().Region__c, 'hierarchy falls back to the first org default');"
  );
});
