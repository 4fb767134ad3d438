// Platform Cache in memory per org (issue 14, item 4). Apex Reference, "Cache Namespace" (Org,
// Session, OrgPartition, SessionPartition, CacheBuilder Interface, Visibility Enum, Cache Exceptions);
// Apex Developer Guide, "Platform Cache Partitions" ("When a partition has no allocation, cache
// operations (such as get and put) are not invoked and no error is returned"), "Platform Cache
// Considerations" (the session cache keeps values up to eight hours, the org cache up to 48 hours).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgWithClasses } from '../apex-source.ts';

const PARTITION = (org: number, session: number, isDefault: boolean) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<PlatformCachePartition xmlns="http://soap.sforce.com/2006/04/metadata">
    <isDefaultPartition>${isDefault}</isDefaultPartition>
    <masterLabel>p</masterLabel>
    <platformCachePartitionTypes>
        <allocatedCapacity>${org}</allocatedCapacity>
        <allocatedPartnerCapacity>0</allocatedPartnerCapacity>
        <allocatedPurchasedCapacity>0</allocatedPurchasedCapacity>
        <allocatedTrialCapacity>0</allocatedTrialCapacity>
        <cacheType>Organization</cacheType>
    </platformCachePartitionTypes>
    <platformCachePartitionTypes>
        <allocatedCapacity>${session}</allocatedCapacity>
        <allocatedPartnerCapacity>0</allocatedPartnerCapacity>
        <allocatedPurchasedCapacity>0</allocatedPurchasedCapacity>
        <allocatedTrialCapacity>0</allocatedTrialCapacity>
        <cacheType>Session</cacheType>
    </platformCachePartitionTypes>
</PlatformCachePartition>
`;

const CACHE_TEST = `@IsTest
private class CacheTest {
  public class Loader implements Cache.CacheBuilder {
    public Object doLoad(String key) {
      calls++;
      return 'loaded ' + key;
    }
  }
  static Integer calls = 0;

  @IsTest
  static void orgPartitionPutGetRemove() {
    Cache.OrgPartition p = Cache.Org.getPartition('local.Main');
    Assert.isTrue(p.isAvailable());
    Assert.isFalse(p.contains('k1'));
    Assert.isNull(p.get('k1'));
    p.put('k1', 'v1');
    Assert.isTrue(p.contains('k1'));
    Assert.areEqual('v1', p.get('k1'));
    Assert.areEqual(new Set<String>{ 'k1' }, p.getKeys());
    Assert.areEqual('v1', Cache.Org.get('local.Main.k1'), 'a fully qualified key reaches the partition');
    Assert.areEqual('v1', Cache.Org.get('k1'), 'a bare key uses the default partition');
    Assert.isTrue(p.remove('k1'));
    Assert.isFalse(p.remove('k1'));
    Assert.isFalse(p.contains('k1'));
    Assert.areEqual(172800, Cache.Org.MAX_TTL_SECS);
    Assert.areEqual(28800, Cache.Session.MAX_TTL_SECS);
  }

  @IsTest
  static void valuesAreStoredAsCopies() {
    Cache.Partition p = Cache.Org.getPartition('local.Main');
    List<String> names = new List<String>{ 'a' };
    p.put('names', names, 3600, Cache.Visibility.ALL, false);
    names.add('b');
    List<String> cached = (List<String>) p.get('names');
    Assert.areEqual(new List<String>{ 'a' }, cached);
    cached.add('c');
    Assert.areEqual(1, ((List<String>) p.get('names')).size());
  }

  @IsTest
  static void sessionCacheIsSeparateFromOrgCache() {
    Cache.SessionPartition s = Cache.Session.getPartition('Main');
    s.put('k', 1, 300);
    Assert.areEqual(1, s.get('k'));
    Assert.isFalse(Cache.Org.getPartition('Main').contains('k'));
    Map<String, Boolean> found = s.contains(new Set<String>{ 'k', 'missing' });
    Assert.isTrue(found.get('k'));
    Assert.isFalse(found.get('missing'));
  }

  @IsTest
  static void cacheBuilderLoadsOnceOnAMiss() {
    Cache.OrgPartition p = Cache.Org.getPartition('local.Main');
    Assert.areEqual('loaded x', p.get(Loader.class, 'x'));
    Assert.areEqual('loaded x', p.get(Loader.class, 'x'));
    Assert.areEqual(1, calls, 'the second get is a hit');
    Assert.isTrue(p.remove(Loader.class, 'x'));
    Assert.areEqual('loaded x', Cache.Org.get(Loader.class, 'x'));
    Assert.areEqual(2, calls);
  }

  @IsTest
  static void partitionWithoutAllocationKeepsNothing() {
    Cache.OrgPartition p = Cache.Org.getPartition('local.Empty');
    Assert.isFalse(p.isAvailable());
    p.put('k', 'v');
    Assert.isFalse(p.contains('k'));
    Assert.isNull(p.get('k'));
  }

  @IsTest
  static void badInputIsRefused() {
    try {
      Cache.Org.getPartition('local.Nope');
      Assert.fail('unknown partition');
    } catch (Cache.Org.OrgCacheException e) {
      Assert.isTrue(e.getMessage().contains('local.Nope'), e.getMessage());
    }
    try {
      Cache.Session.getPartition('local.Nope');
      Assert.fail('unknown partition');
    } catch (Cache.Session.SessionCacheException e) {
      Assert.isTrue(e.getMessage().contains('local.Nope'), e.getMessage());
    }
    Cache.OrgPartition p = Cache.Org.getPartition('local.Main');
    try {
      p.put('not-alphanumeric', 'v');
      Assert.fail('bad key');
    } catch (Cache.InvalidParamException e) {
      Assert.isTrue(e.getMessage().contains('not-alphanumeric'), e.getMessage());
    }
    try {
      p.put('k', 'v', 172801);
      Assert.fail('ttl over the org maximum');
    } catch (Cache.InvalidParamException e) {
      Assert.isTrue(e.getMessage().contains('172801'), e.getMessage());
    }
    try {
      p.put('k', 'x'.repeat(102401));
      Assert.fail('item over 100 KB');
    } catch (Cache.ItemSizeLimitExceededException e) {
      Assert.isFalse(p.contains('k'));
    }
  }

  @IsTest
  static void eachTestStartsEmpty() {
    Assert.isFalse(Cache.Org.getPartition('local.Main').contains('k1'));
    Cache.Org.getPartition('local.Main').put('k1', 'set by this test');
  }
}`;

test('Platform Cache: partitions, copies, CacheBuilder, no allocation, bad input', async () => {
  const org = await orgWithClasses(
    { CacheTest: CACHE_TEST },
    {},
    {
      'cachePartitions/Main.cachePartition-meta.xml': PARTITION(1, 2, true),
      'cachePartitions/Empty.cachePartition-meta.xml': PARTITION(0, 0, false)
    }
  );
  assert.deepEqual(org.runtime?.diagnostics, []);
  const methods = [
    'orgPartitionPutGetRemove',
    'valuesAreStoredAsCopies',
    'sessionCacheIsSeparateFromOrgCache',
    'cacheBuilderLoadsOnceOnAMiss',
    'partitionWithoutAllocationKeepsNothing',
    'badInputIsRefused',
    'eachTestStartsEmpty',
    'eachTestStartsEmpty'
  ];
  for (const m of methods) {
    const r = org.runtime?.runTest('CacheTest', m);
    assert.equal(r?.outcome, 'Pass', `${m}: ${r?.message ?? ''}\n${r?.stackTrace ?? ''}`);
  }
});

test('Platform Cache: no default partition, a bare key is refused', async () => {
  const org = await orgWithClasses(
    {
      NoDefaultTest: `@IsTest
private class NoDefaultTest {
  @IsTest
  static void bareKey() {
    try {
      Cache.Org.put('k', 'v');
      Assert.fail('no default partition');
    } catch (Cache.Org.OrgCacheException e) {
      Assert.isTrue(e.getMessage().contains('default'), e.getMessage());
    }
    Assert.isFalse(Cache.Session.isAvailable());
  }
}`
    },
    {},
    { 'cachePartitions/Main.cachePartition-meta.xml': PARTITION(1, 1, false) }
  );
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('NoDefaultTest', 'bareKey');
  assert.equal(r?.outcome, 'Pass', r?.message ?? '');
});

// Object Reference, "PlatformCachePartition": the org's partitions are queryable setup records.
test('PlatformCachePartition records describe the partitions of the source', async () => {
  const org = await orgWithClasses(
    {
      PartitionQueryTest: `@IsTest
private class PartitionQueryTest {
  @IsTest
  static void queries() {
    PlatformCachePartition p = [SELECT DeveloperName, IsDefaultPartition, NamespacePrefix FROM PlatformCachePartition WHERE NamespacePrefix = null LIMIT 1];
    Assert.areEqual('Main', p.DeveloperName);
    Assert.isTrue(p.IsDefaultPartition);
    Assert.isTrue(Cache.Org.getPartition('local.' + p.DeveloperName).isAvailable());
  }
}`
    },
    {},
    { 'cachePartitions/Main.cachePartition-meta.xml': PARTITION(1, 1, true) }
  );
  assert.deepEqual(org.runtime?.diagnostics, []);
  const r = org.runtime?.runTest('PartitionQueryTest', 'queries');
  assert.equal(r?.outcome, 'Pass', r?.message ?? '');
});
