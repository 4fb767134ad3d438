// Scenario 2: a hub sends Product2 and PricebookEntry to two regional orgs once a day, incremental
// by watermark, standard price book entries before custom ones, a value map on a picklist, and a
// filter per region (active products flagged for that region).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newWorld, connect, rows, count, type MappingSpec } from './s2s-world.ts';

const DAILY = '0 0 2 * * ?';

function mappings(region: string): MappingSpec[] {
  return [
    {
      object: 'Product2',
      sequence: 10,
      triggerMode: 'Scheduled',
      cron: DAILY,
      filter: `IsActive = true AND Region_${region}__c = true`,
      fields: [
        { target: 'Name' },
        { target: 'ProductCode' },
        { target: 'IsActive' },
        {
          target: 'Description',
          source: 'Family',
          transforms: [{ type: 'valueMap', map: { Hardware: 'Equipment', Software: 'Licences' } }]
        }
      ]
    },
    {
      object: 'Pricebook2',
      sequence: 5,
      triggerMode: 'Scheduled',
      cron: DAILY,
      filter: 'IsStandard = false',
      fields: [{ target: 'Name' }, { target: 'IsActive' }]
    },
    {
      object: 'PricebookEntry',
      sequence: 30,
      triggerMode: 'Scheduled',
      cron: DAILY,
      filter: `Pricebook2.IsStandard = false AND Product2.IsActive = true AND Product2.Region_${region}__c = true`,
      fields: [
        { target: 'Pricebook2Id' },
        { target: 'Product2Id' },
        { target: 'UnitPrice' },
        { target: 'IsActive' }
      ]
    },
    {
      object: 'PricebookEntry',
      sequence: 20,
      triggerMode: 'Scheduled',
      cron: DAILY,
      filter: `Pricebook2.IsStandard = true AND Product2.IsActive = true AND Product2.Region_${region}__c = true`,
      fields: [
        { target: 'Pricebook2Id' },
        { target: 'Product2Id' },
        { target: 'UnitPrice' },
        { target: 'IsActive' }
      ]
    }
  ];
}

test('hub -> EMEA and APAC daily: filtered per region, standard prices, incremental by watermark', async () => {
  const { world, orgs } = await newWorld(['hub', 'emea', 'apac']);
  const { hub, emea, apac } = orgs;
  const links: Record<string, ReturnType<typeof connect>> = {};
  for (const [name, org, region, nc] of [
    ['emea', emea, 'EMEA', 'S2S_Peer'],
    ['apac', apac, 'APAC', 'S2S_Peer_B']
  ] as const) {
    links[name] = connect(world, hub, org, { nc, mappings: mappings(region) });
  }
  // Each org has its own standard price book, which no mapping can send: a standard price travels
  // with the hub's standard price book Id and lands in the region's own (S2SStandardPricebook).
  const hubStandard = rows<{ Id: string }>(
    hub,
    'SELECT Id FROM Pricebook2 WHERE IsStandard = true'
  )[0].Id;
  for (const m of rows<{ Id: string }>(hub, 'SELECT Id FROM S2S_Object_Mapping__c')) {
    const r = hub.executeAnonymous(`S2SScheduledSync.schedule('${m.Id}');`);
    assert.ok(r.success, JSON.stringify(r));
  }

  const products = hub.insert('Product2', [
    {
      Name: 'Router',
      ProductCode: 'R-1',
      IsActive: true,
      Family: 'Hardware',
      Region_EMEA__c: true,
      Region_APAC__c: true
    },
    {
      Name: 'Licence',
      ProductCode: 'L-1',
      IsActive: true,
      Family: 'Software',
      Region_EMEA__c: true
    },
    {
      Name: 'Old Modem',
      ProductCode: 'M-0',
      IsActive: false,
      Family: 'Hardware',
      Region_EMEA__c: true,
      Region_APAC__c: true
    }
  ]);
  // custom price first in the hub's outbox order: the dispatcher must still send standard prices first
  const [partner] = hub.insert('Pricebook2', { Name: 'Partner', IsActive: true });
  hub.insert(
    'PricebookEntry',
    products.map((p, i) => ({
      Pricebook2Id: hubStandard,
      Product2Id: p,
      UnitPrice: 100 * (i + 1),
      IsActive: true
    }))
  );
  hub.insert('PricebookEntry', {
    Pricebook2Id: partner,
    Product2Id: products[0],
    UnitPrice: 90,
    IsActive: true
  });
  assert.equal(
    count(hub, 'SELECT COUNT() FROM S2S_Outbox__c'),
    0,
    'scheduled mappings capture nothing in real time'
  );

  await world.drain({ advanceClock: true, until: '2026-11-26T03:00:00Z' });
  assert.equal(
    count(emea, 'SELECT COUNT() FROM Product2'),
    2,
    'EMEA: active products flagged for EMEA'
  );
  assert.equal(count(apac, 'SELECT COUNT() FROM Product2'), 1, 'APAC: only the router');
  const router = rows<{ Description: string }>(
    emea,
    "SELECT Description FROM Product2 WHERE ProductCode = 'R-1'"
  )[0];
  assert.equal(router.Description, 'Equipment', 'value map applied');
  const prices = rows<{ UnitPrice: number; Pricebook2: { IsStandard: boolean; Name: string } }>(
    emea,
    'SELECT UnitPrice, Pricebook2.IsStandard, Pricebook2.Name FROM PricebookEntry ORDER BY UnitPrice'
  );
  assert.deepEqual(
    prices.map((p) => p.UnitPrice),
    [90, 100, 200],
    'standard and partner prices of the EMEA products'
  );
  assert.equal(
    prices[0].Pricebook2.Name,
    'Partner',
    'custom price in the synced custom price book'
  );
  assert.ok(
    prices[1].Pricebook2.IsStandard && prices[2].Pricebook2.IsStandard,
    'standard prices in the regional standard price book'
  );
  // order on the wire: price books, products, standard prices, then custom prices
  const sent = world.callouts
    .filter((c) => c.to === 'emea')
    .flatMap(
      (c) =>
        (
          JSON.parse(c.request.body) as {
            changes: { object: string; values: { UnitPrice?: number } }[];
          }
        ).changes
    );
  const firstCustom = sent.findIndex(
    (c) => c.object === 'PricebookEntry' && c.values.UnitPrice === 90
  );
  const lastStandard = Math.max(
    ...sent.map((c, i) => (c.object === 'PricebookEntry' && c.values.UnitPrice !== 90 ? i : -1))
  );
  assert.ok(
    lastStandard < firstCustom,
    `standard entries (${lastStandard}) before custom (${firstCustom})`
  );

  // next day: only what changed since the watermark goes
  hub.update('Product2', { Id: products[1], Name: 'Licence Plus' });
  const before = world.callouts.length;
  await world.drain({ advanceClock: true, until: '2026-11-27T03:00:00Z' });
  assert.equal(
    rows<{ Name: string }>(emea, "SELECT Name FROM Product2 WHERE ProductCode = 'L-1'")[0].Name,
    'Licence Plus',
    'change of the day delivered'
  );
  assert.equal(count(emea, 'SELECT COUNT() FROM Product2'), 2, 'no duplicates');
  assert.ok(world.callouts.length - before <= 2, 'one small batch per region');
});
