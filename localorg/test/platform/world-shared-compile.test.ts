// The orgs of a World made from the same package compile it once and share the compiled classes
// (world/shared-runtime.ts), yet each org keeps its own statics, as orgs share nothing on the
// platform: a static set in one org's transaction is not seen by Apex the other org runs in the
// middle of that transaction (a callout into its Apex REST), and the caller's value is intact after.
// Cited: Apex Developer Guide, "Static and Instance Methods, Variables, and Initialization Code"
// (a static variable is static only within the scope of the request, per transaction) and
// "Named Credentials as Callout Endpoints", "Exposing Apex Classes as REST Web Services".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { World, type Org } from '../../src/platform/index.ts';
import { runtimeFor } from '../../src/runner/runner.ts';

const SHARED = fileURLToPath(new URL('./fixtures/shared-compile', import.meta.url));
const TWO_ORG = fileURLToPath(new URL('./fixtures/two-org', import.meta.url));

const PEEK_FROM_SALES = `
Counter.value = 7;
HttpRequest req = new HttpRequest();
req.setEndpoint('callout:Peer/services/apexrest/peek');
req.setMethod('GET');
HttpResponse res = new Http().send(req);
System.debug('peer ' + res.getBody() + '; own ' + Counter.value);
`;

async function world(
  opts: { share?: boolean } = {}
): Promise<{ world: World; sales: Org; service: Org }> {
  const w = new World({ runtimeFactory: runtimeFor, shareCompiledPackage: opts.share });
  const sales = await w.createOrg({ name: 'sales', source: [SHARED] });
  const service = await w.createOrg({ name: 'service', source: [SHARED] });
  w.connect(sales, 'Peer', service, {
    user: 'integration@service',
    profile: 'System Administrator'
  });
  return { world: w, sales, service };
}

function peek(sales: Org): string {
  const before = sales.debugLog.length;
  const outcome = sales.executeAnonymous(PEEK_FROM_SALES);
  assert.equal(outcome.success, true, outcome.compileProblem ?? outcome.exceptionMessage ?? '');
  const line = sales.debugLog.slice(before).find((l) => l.includes('peer '));
  assert.ok(line, 'the anonymous Apex logged the peer answer');
  return line.slice(line.indexOf('peer '));
}

test('orgs of one package compile it once; each keeps its own statics, even inside a callout from the other', async () => {
  const { world: w, sales, service } = await world();
  assert.equal(w.compiledPackages, 1, 'one compilation for two orgs of the same package');
  assert.notEqual(sales.runtime, service.runtime, 'each org has its own view of the runtime');
  // Sales sets Counter.value = 7, then calls the Service org, whose Apex reads its own Counter
  // (initialised to 0 for its transaction) and sets it to 100; back in Sales the value is still 7.
  assert.equal(peek(sales), 'peer "saw 0, set 100"; own 7');
  // A second Sales transaction: its statics start again, and so do the Service org's.
  assert.equal(peek(sales), 'peer "saw 0, set 100"; own 7');
  // Apex run in the Service org directly sees only its own statics too.
  const outcome = service.executeAnonymous(
    "Counter.value = 41; Counter.value++; System.debug('service ' + Counter.value);"
  );
  assert.equal(outcome.success, true);
  assert.ok(service.debugLog.some((l) => l.endsWith('service 42')));
});

test('the same outcome with the package compiled per org; different packages are compiled apart', async () => {
  const { world: w, sales } = await world({ share: false });
  assert.equal(w.compiledPackages, 2);
  assert.equal(peek(sales), 'peer "saw 0, set 100"; own 7');
  const mixed = new World({ runtimeFactory: runtimeFor });
  const a = await mixed.createOrg({ name: 'a', source: [SHARED] });
  const b = await mixed.createOrg({ name: 'b', source: [TWO_ORG] });
  assert.equal(mixed.compiledPackages, 2, 'other Apex sources: another compilation');
  assert.ok(a.runtime?.classInfo('Counter'));
  assert.equal(b.runtime?.classInfo('Counter') ?? null, null, 'an org sees only its own classes');
});
