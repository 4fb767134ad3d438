// Org compare between two local orgs (issue 15 item 5): the Sales admin compares a Contact mapping
// with the Service org. The Service org's restricted Tier picklist lacks "Bronze" (a refusal with a
// suggested value map to its default value); its active validation rule is read through the
// package endpoint GET /s2s/v1/schema, which reads the Tooling API of the Service org with the
// integration user's session (a Remote Site Setting for its own domain and View Setup and
// Configuration needed). The fix is applied, and a Contact with Tier Bronze then lands as Standard.
// Without the Remote Site Setting the rules are reported as not visible, with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { newWorld, addOrg, connect, rows } from './s2s-world.ts';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

type Result = {
  validationRulesVisible: boolean;
  validationRulesNote: string | null;
  validationRules: { name: string; formula: string; errorDisplayField: string }[];
  differences: {
    severity: string;
    kind: string;
    targetField: string;
    fieldMappingId: string;
    valueMap: Record<string, string> | null;
  }[];
};

async function compareWorld(withSite: boolean) {
  const { world, orgs } = await newWorld([]);
  const sales = await addOrg(world, 'sales', [fixture('compare-sales')]);
  const service = await addOrg(world, 'service', [
    fixture('compare-service'),
    ...(withSite ? [fixture('compare-service-site')] : [])
  ]);
  void orgs;
  connect(world, sales, service, {
    permissionSets: ['Compare_Peer'],
    mappings: [
      {
        object: 'Contact',
        sequence: 10,
        fields: [{ target: 'LastName' }, { target: 'Email' }, { target: 'Tier__c' }]
      }
    ]
  });
  const [mapping] = rows<{ Id: string }>(sales, 'SELECT Id FROM S2S_Object_Mapping__c');
  return { world, sales, service, mappingId: mapping.Id };
}

function compare(
  sales: Awaited<ReturnType<typeof compareWorld>>['sales'],
  mappingId: string
): Result {
  const r = sales.executeAnonymous(
    `System.debug(LoggingLevel.ERROR, 'RESULT ' + JSON.serialize(S2SOrgCompare.compare('${mappingId}')));`
  );
  assert.ok(r.success, JSON.stringify(r));
  const line = [...sales.debugLog].reverse().find((l) => l.includes('RESULT '));
  return JSON.parse(String(line).slice(String(line).indexOf('RESULT ') + 7)) as Result;
}

test('the Sales admin sees the picklist value the Service org refuses and its validation rule, and fixes it', async () => {
  const { world, sales, service, mappingId } = await compareWorld(true);
  const result = compare(sales, mappingId);

  assert.equal(result.validationRulesVisible, true, JSON.stringify(result.validationRulesNote));
  assert.deepEqual(
    result.validationRules.map((r) => [r.name, r.formula, r.errorDisplayField]),
    [['Contact_Needs_Email', 'ISBLANK(Email)', 'Email']],
    'the rule, its formula and its field, read through the peer endpoint'
  );
  const tier = result.differences.find((d) => d.kind === 'picklist');
  assert.equal(tier?.severity, 'refused', JSON.stringify(result.differences));
  assert.deepEqual(tier?.valueMap, { Bronze: 'Standard' }, 'Bronze to the peer default');
  assert.ok(
    result.differences.some((d) => d.kind === 'validationRule' && d.severity === 'mayRefuse'),
    'the rule is a may-be-refused difference'
  );

  const fixed = sales.executeAnonymous(
    `S2SOrgCompare.applyFix('${tier?.fieldMappingId}', 'valueMap', new Map<String, String>{ 'Bronze' => 'Standard' }, null, null, null);`
  );
  assert.ok(fixed.success, JSON.stringify(fixed));
  assert.equal(
    compare(sales, mappingId).differences.filter((d) => d.kind === 'picklist').length,
    0,
    'compared again: nothing missing'
  );
  sales.insert('Contact', { LastName: 'Bronze customer', Email: 'b@x.example', Tier__c: 'Bronze' });
  await world.drain();
  assert.deepEqual(
    rows<{ Tier__c: string }>(
      service,
      "SELECT Tier__c FROM Contact WHERE LastName = 'Bronze customer'"
    ).map((c) => c.Tier__c),
    ['Standard'],
    'the value map the compare suggested carries Bronze as Standard'
  );
});

test('without a Remote Site Setting for its own domain the peer says why its rules are not visible', async () => {
  const { sales, mappingId } = await compareWorld(false);
  const result = compare(sales, mappingId);
  assert.equal(result.validationRulesVisible, false);
  assert.match(String(result.validationRulesNote), /Remote Site Setting/);
  assert.ok(
    result.differences.some((d) => d.kind === 'picklist'),
    'the describe checks still run'
  );
});
