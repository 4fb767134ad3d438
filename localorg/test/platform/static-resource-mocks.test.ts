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
