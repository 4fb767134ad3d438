// Validation rules read from Apex through the org's own Tooling API: `UserInfo.getSessionId()` (the
// running user's session; null in asynchronous Apex), `Url.getOrgDomainUrl()`, a Remote Site Setting
// for it ("Before any Apex callout can call an external site, that site must be registered in the
// Remote Site Settings page, or the callout fails", Apex Developer Guide, "Invoking Callouts Using
// Apex"), and GET /services/data/vXX.X/tooling/query/?q= on ValidationRule (Tooling API Developer
// Guide, "ValidationRule": ValidationName, Active, ErrorDisplayField, ErrorMessage, EntityDefinition,
// and Metadata — errorConditionFormula — "only when the query returns no more than one row").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Org } from '../../src/platform/org.ts';
import { runtimeFor } from '../../src/runner/runner.ts';

const RULES = fileURLToPath(new URL('./fixtures/tooling-validation-rules/rules', import.meta.url));
const SITE = fileURLToPath(new URL('./fixtures/tooling-validation-rules/site', import.meta.url));

const QUERY = `
  static HttpResponse query(String soql, String session) {
    HttpRequest req = new HttpRequest();
    req.setMethod('GET');
    req.setEndpoint(Url.getOrgDomainUrl().toExternalForm() + '/services/data/v65.0/tooling/query/?q='
      + EncodingUtil.urlEncode(soql, 'UTF-8'));
    req.setHeader('Authorization', 'Bearer ' + session);
    return new Http().send(req);
  }`;

function run(org: Org, body: string, as?: string) {
  const r = org.executeAnonymous(
    `${QUERY.replace('static HttpResponse query', 'HttpResponse query')}\n${body}`,
    as ? { as } : {}
  );
  assert.equal(r.compileProblem, null, JSON.stringify(r));
  return r;
}

test('an admin reads the active validation rules, then one rule formula through Metadata', () => {
  const org = new Org({ name: 'tooling', source: [RULES, SITE], runtimeFactory: runtimeFor });
  const r = run(
    org,
    `
    String session = UserInfo.getSessionId();
    System.assert(String.isNotBlank(session), 'a synchronous request has a session');
    HttpResponse listed = query('SELECT Id, ValidationName, ErrorDisplayField, ErrorMessage FROM ValidationRule'
      + ' WHERE EntityDefinition.QualifiedApiName = \\'Contact\\' AND Active = true', session);
    System.assertEquals(200, listed.getStatusCode(), listed.getBody());
    Map<String, Object> page = (Map<String, Object>) JSON.deserializeUntyped(listed.getBody());
    List<Object> records = (List<Object>) page.get('records');
    System.assertEquals(1, records.size(), 'the inactive rule is left out: ' + listed.getBody());
    Map<String, Object> rule = (Map<String, Object>) records[0];
    System.assertEquals('Email_Required', rule.get('ValidationName'));
    System.assertEquals('Email', rule.get('ErrorDisplayField'));
    System.assertEquals('A contact needs an email', rule.get('ErrorMessage'));
    System.assert(((String) rule.get('Id')).startsWith('03d'), 'a ValidationRule Id');
    HttpResponse one = query('SELECT Id, Metadata FROM ValidationRule WHERE Id = \\'' + rule.get('Id') + '\\'', session);
    Map<String, Object> meta = (Map<String, Object>) ((Map<String, Object>) ((List<Object>)
      ((Map<String, Object>) JSON.deserializeUntyped(one.getBody())).get('records'))[0]).get('Metadata');
    System.assertEquals('ISBLANK(Email)', meta.get('errorConditionFormula'));
    HttpResponse both = query('SELECT Id, Metadata FROM ValidationRule'
      + ' WHERE EntityDefinition.QualifiedApiName = \\'Contact\\'', session);
    System.assertEquals(400, both.getStatusCode(), 'Metadata of two rows is refused');
    System.assert(both.getBody().contains('no more than one row'), both.getBody());
    System.assertEquals(401, query('SELECT Id FROM ValidationRule', 'forged!token').getStatusCode(),
      'a session the org did not issue');
  `
  );
  assert.equal(r.exceptionMessage, null, JSON.stringify(r));
});

test('without a Remote Site Setting for the own domain the callout fails', () => {
  const org = new Org({ name: 'tooling2', source: [RULES], runtimeFactory: runtimeFor });
  const r = run(
    org,
    `
    try {
      query('SELECT Id FROM ValidationRule', UserInfo.getSessionId());
      System.assert(false, 'an unregistered endpoint is refused');
    } catch (CalloutException e) {
      System.assert(e.getMessage().startsWith('Unauthorized endpoint, please check Setup->Security->Remote site settings.'), e.getMessage());
    }
  `
  );
  assert.equal(r.exceptionMessage, null, JSON.stringify(r));
});

test('a user without View Setup and Configuration does not see ValidationRule; with it, does', () => {
  const org = new Org({ name: 'tooling3', source: [RULES, SITE], runtimeFactory: runtimeFor });
  org.createUser({ username: 'plain@tooling.example', profile: 'Standard User' });
  org.createUser({
    username: 'viewer@tooling.example',
    profile: 'Standard User',
    permissionSets: ['Setup_Viewer']
  });
  const body = (status: number, code: string) => `
    HttpResponse res = query('SELECT Id, ValidationName FROM ValidationRule', UserInfo.getSessionId());
    System.assertEquals(${status}, res.getStatusCode(), res.getBody());
    System.assert(res.getBody().contains('${code}'), res.getBody());`;
  const plain = run(org, body(400, 'INVALID_TYPE'), 'plain@tooling.example');
  assert.equal(plain.exceptionMessage, null, JSON.stringify(plain));
  const viewer = run(org, body(200, 'Email_Required'), 'viewer@tooling.example');
  assert.equal(viewer.exceptionMessage, null, JSON.stringify(viewer));
});
