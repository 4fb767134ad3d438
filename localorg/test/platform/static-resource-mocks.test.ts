// StaticResourceCalloutMock and MultiStaticResourceCalloutMock answer callouts in tests with static
// resource bodies (Apex Developer Guide, "Testing HTTP Callouts Using Static Resources").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgWithClasses } from '../apex-source.ts';

const META =
  '<?xml version="1.0" encoding="UTF-8"?>\n<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
  '    <cacheControl>Private</cacheControl>\n    <contentType>application/json</contentType>\n</StaticResource>\n';

const TEST = `@IsTest
private class StaticMocksTest {
  static HttpResponse call(String endpoint) {
    HttpRequest req = new HttpRequest();
    req.setEndpoint(endpoint);
    req.setMethod('GET');
    return new Http().send(req);
  }
  @IsTest
  static void single() {
    StaticResourceCalloutMock mock = new StaticResourceCalloutMock();
    mock.setStaticResource('Greeting');
    mock.setStatusCode(201);
    mock.setHeader('Content-Type', 'application/json');
    Test.setMock(HttpCalloutMock.class, mock);
    HttpResponse res = call('https://example.com/anything');
    System.assertEquals(201, res.getStatusCode());
    System.assertEquals('application/json', res.getHeader('Content-Type'));
    System.assertEquals('hello', ((Map<String, Object>) JSON.deserializeUntyped(res.getBody())).get('greeting'));
  }
  @IsTest
  static void multi() {
    MultiStaticResourceCalloutMock mock = new MultiStaticResourceCalloutMock();
    mock.setStaticResource('https://example.com/a', 'Greeting');
    mock.setStaticResource('https://example.com/b', 'Farewell');
    mock.setStatusCode(200);
    Test.setMock(HttpCalloutMock.class, mock);
    System.assert(call('https://example.com/a').getBody().contains('hello'));
    System.assert(call('https://example.com/b').getBody().contains('bye'));
    try {
      call('https://example.com/c');
      System.assert(false, 'no resource for this endpoint');
    } catch (CalloutException e) {
      System.assert(e.getMessage().contains('https://example.com/c'), e.getMessage());
    }
  }
}`;

test('static resource mocks answer with the resource body, status and headers', async () => {
  const org = await orgWithClasses(
    { StaticMocksTest: TEST },
    {},
    {
      'staticresources/Greeting.json': '{"greeting":"hello"}',
      'staticresources/Greeting.resource-meta.xml': META,
      'staticresources/Farewell.json': '{"greeting":"bye"}',
      'staticresources/Farewell.resource-meta.xml': META
    }
  );
  assert.deepEqual(org.runtime?.diagnostics, []);
  for (const method of ['single', 'multi']) {
    assert.ok(org.runtime, 'the org runs Apex');
    const r = org.runtime.runTest('StaticMocksTest', method);
    assert.equal(r.outcome, 'Pass', `${method}: ${r.message}`);
  }
});

const BUILT_TEST = `@IsTest
private class BuiltResourceTest {
  @IsTest
  static void use() {
    StaticResourceCalloutMock mock = new StaticResourceCalloutMock();
    mock.setStaticResource('Built');
    Test.setMock(HttpCalloutMock.class, mock);
    HttpRequest req = new HttpRequest();
    req.setEndpoint('https://example.com/x');
    req.setMethod('GET');
    new Http().send(req);
  }
}`;

test('a static resource whose content a build provides loads without it, and fails loudly when used', async () => {
  // The package keeps only S2SChartJs.resource-meta.xml in its source; npm run build:lwc copies the
  // library beside it for a deploy. On the platform a resource always has content: the local org
  // loads the source tree all the same (before: the whole org refused to load), and any read of
  // the content fails naming the missing file.
  const org = await orgWithClasses(
    { BuiltResourceTest: BUILT_TEST },
    {},
    { 'staticresources/Built.resource-meta.xml': META }
  );
  assert.deepEqual(org.runtime?.diagnostics, []);
  assert.ok(org.runtime, 'the org runs Apex');
  const r = org.runtime.runTest('BuiltResourceTest', 'use');
  assert.equal(r.outcome, 'Fail');
  assert.match(String(r.message), /Static resource Built has no content file/);
});
