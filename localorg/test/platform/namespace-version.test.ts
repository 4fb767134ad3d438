// System.requestVersion (Apex Reference, System Class: "Returns a two-part version that contains
// the major and minor version numbers of a package"): the installed package's version, answered to
// the package's own code in a namespaced org (OrgOptions.packageVersion; the CLI installs the
// major.minor of sfdx-project.json's versionNumber). Code outside the package, or an org told no
// version, fails loudly: the local org never invents one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Org } from '../../src/platform/org.ts';
import { runtimeFor } from '../../src/runner/runner.ts';

const PKG = fileURLToPath(new URL('./fixtures/namespace/pkg', import.meta.url));
const SUBSCRIBER = fileURLToPath(new URL('./fixtures/namespace/subscriber', import.meta.url));

function org(packageVersion?: string): Org {
  return new Org({
    name: 'subscriber',
    source: [PKG, SUBSCRIBER],
    subscriberSource: [SUBSCRIBER],
    namespace: 'ns',
    packageVersion,
    runtimeFactory: runtimeFor
  });
}

const ASK = `System.Version v = System.requestVersion();
System.assertEquals(1, v.major(), 'major');
System.assertEquals(4, v.minor(), 'minor');
System.assertEquals(null, v.patch(), 'two-part: no patch');`;

test('the package code of a namespaced org gets the installed version, two-part', () => {
  const r = org('1.4').executeAnonymous(ASK, { namespace: 'ns' });
  assert.equal(r.compileProblem, null, JSON.stringify(r));
  assert.equal(r.exceptionMessage, null, JSON.stringify(r));
});

test('subscriber code, or an org told no installed version, fails loudly', () => {
  for (const r of [
    org('1.4').executeAnonymous(ASK),
    org().executeAnonymous(ASK, { namespace: 'ns' })
  ]) {
    assert.equal(r.success, false);
    assert.match(
      String(r.exceptionMessage),
      /^Unsupported by the local org: System.requestVersion/
    );
  }
});
