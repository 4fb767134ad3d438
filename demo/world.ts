// The demo's orgs: a Sales org and a Service org of the local org's World, both with the package
// (force-app + unpackaged), a demo Named Credential each, sample Accounts and a configured
// connection. Apex calls from the page run the real @AuraEnabled controllers through
// executeAnonymous as the demo admin; nothing is answered without running the package.
// With S2S_NAMESPACE (as the e2e's namespaced pass, test/e2e/namespace.ts) both orgs run the package
// installed under that namespace, as a subscriber org holds it: unpackaged/ and demo/metadata are
// the subscriber's own metadata (the capture triggers as docs/configuration.md gives them), the
// seed writes the package's records with the prefixed names (`s2s__S2S_Connection__c`), and the
// page's Apex calls run in the package's namespace, as Lightning runs a packaged component's
// @AuraEnabled call.
import fs from 'node:fs';
import path from 'node:path';
import { World, type Org } from '../localorg/src/platform/index.ts';
import { runtimeFor } from '../localorg/src/runner/runner.ts';
import { seedNativeConnection } from './native-seed.ts';
import { createPersonas } from './personas.ts';
import { seedOrgCompare } from './seed-compare.ts';
import { packageNamesIn, subscriberUnpackaged } from '../test/e2e/namespace.ts';

export const ADMIN = 'admin@s2s.demo';
export const INTEGRATION = 'integration@s2s.demo';
const RESULT_MARKER = 'S2S_DEMO_RESULT:';

export interface DemoOrgs {
  world: World;
  orgs: Map<string, Org>;
}

/** The namespace the demo's orgs run the package under: S2S_NAMESPACE, '' (none) by default. */
export const DEMO_NAMESPACE = (process.env.S2S_NAMESPACE ?? '').trim();

/** The namespace each demo org runs the package under ('' for none). */
const namespaces = new WeakMap<Org, string>();

/** The namespace `org` runs the package under, '' when none. */
export function packageNamespace(org: Org): string {
  return namespaces.get(org) ?? '';
}

/**
 * `text` (an object or field name, a SOQL query) as code outside the package writes it in `org`:
 * the package's custom names prefixed with its namespace ("Namespace Prefix", Apex Developer Guide).
 */
export function packageName(org: Org, text: string): string {
  return packageNamesIn(packageNamespace(org), text);
}

/** A package record's field names as written outside the package (packageName). */
function packageRecord(org: Org, record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [packageName(org, k), v]));
}

/** `org.insert` of package records, named as the TypeScript API (outside the package) names them. */
function insertPackage(
  org: Org,
  type: string,
  records: Record<string, unknown> | Record<string, unknown>[]
): string[] {
  const list = Array.isArray(records) ? records : [records];
  return org.insert(
    packageName(org, type),
    list.map((record) => packageRecord(org, record)),
    { as: ADMIN }
  );
}

/** What keeps the World from running the package, or [] when it can. */
export interface Readiness {
  problems: string[];
}

/**
 * createOrg's sources: force-app, unpackaged/ and the org's demo metadata; under a namespace,
 * force-app is the installed package and the rest the subscriber's own, unpackaged/'s capture
 * triggers written as the documented subscriber snippet (`ns.S2SSync.capture();`).
 */
function packageSources(
  root: string,
  org: 'sales' | 'service',
  namespace: string
): { source: string[]; namespace?: string; subscriberSource?: string[] } {
  const own = path.join(root, 'demo', 'metadata', org);
  if (!namespace)
    return { source: [path.join(root, 'force-app'), path.join(root, 'unpackaged'), own] };
  const subscriber = [subscriberUnpackaged(namespace), own];
  return {
    source: [path.join(root, 'force-app'), ...subscriber],
    namespace,
    subscriberSource: subscriber
  };
}

/** The org of that name (Sales or Service). */
export function orgNamed({ orgs }: DemoOrgs, name: string): Org {
  const org = orgs.get(name);
  if (!org) throw new Error(`The demo has no org ${name}`);
  return org;
}

/** Creates the two orgs; returns them with the compile problems of the package in the local org. */
export async function createOrgs(
  root: string,
  opts: { start?: number; namespace?: string } = {}
): Promise<DemoOrgs & Readiness> {
  const namespace = opts.namespace ?? DEMO_NAMESPACE;
  const world = new World({ runtimeFactory: runtimeFor, start: opts.start });
  const sales = await world.createOrg({
    name: 'Sales',
    ...packageSources(root, 'sales', namespace)
  });
  const service = await world.createOrg({
    name: 'Service',
    ...packageSources(root, 'service', namespace)
  });
  namespaces.set(sales, namespace);
  namespaces.set(service, namespace);
  const packaged = path.join(root, 'force-app', 'main') + path.sep;
  const diagnostics = (sales.runtime?.diagnostics ?? []).filter((d) =>
    path.resolve(root, d.file).startsWith(packaged)
  );
  const problems = diagnostics.map(
    (d) => `${path.relative(root, path.resolve(root, d.file))}:${d.line}: ${d.message}`
  );
  if (!sales.runtime) problems.push('the local org has no Apex runtime attached (runtimeFactory)');
  return {
    world,
    orgs: new Map([
      ['Sales', sales],
      ['Service', service]
    ]),
    problems
  };
}

/** Users, sample data and the Sales → Service connection; run once the package runs. */
export async function seed(demo: DemoOrgs): Promise<void> {
  const { world } = demo;
  const sales = orgNamed(demo, 'Sales');
  const service = orgNamed(demo, 'Service');
  // The admin (ADMIN), analyst, end user and auditor of the page's user switcher (personas.ts).
  for (const org of [sales, service]) createPersonas(org);
  world.connect(sales, 'S2S_Service', service, {
    user: INTEGRATION,
    permissionSets: ['S2S_Integration']
  });
  world.connect(service, 'S2S_Sales', sales, {
    user: INTEGRATION,
    permissionSets: ['S2S_Integration']
  });
  sales.insert(
    'Account',
    ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark Industries'].map((name, i) => ({
      Name: name,
      Industry: ['Energy', 'Media', 'Technology', 'Healthcare', 'Manufacturing'][i],
      Phone: `+33 1 00 00 00 0${i}`
    })),
    { as: ADMIN }
  );
  const [salesConnection] = insertPackage(sales, 'S2S_Connection__c', {
    Name: 'Service org',
    Named_Credential__c: 'S2S_Service',
    Direction__c: 'Outbound',
    Mode__c: 'Package',
    Active__c: true,
    Peer_Org_Id__c: service.organizationId,
    Inbound_Usernames__c: INTEGRATION
  });
  const [serviceConnection] = insertPackage(service, 'S2S_Connection__c', {
    Name: 'Sales org',
    Named_Credential__c: 'S2S_Sales',
    Direction__c: 'Inbound',
    Mode__c: 'Package',
    Active__c: true,
    Peer_Org_Id__c: sales.organizationId,
    Inbound_Usernames__c: INTEGRATION
  });
  const mapping = (connection: string, direction: string) => ({
    Name: 'Account to Account',
    Connection__c: connection,
    Source_Object__c: 'Account',
    Target_Object__c: 'Account',
    Direction__c: direction,
    Trigger_Mode__c: 'Realtime_Trigger',
    Conflict_Policy__c: 'Source_Wins',
    Delete_Policy__c: 'Ignore',
    Owner_Rule__c: 'Keep_Default',
    Sequence__c: 10,
    Active__c: true
  });
  const [salesMapping] = insertPackage(
    sales,
    'S2S_Object_Mapping__c',
    mapping(salesConnection, 'Outbound')
  );
  const [serviceMapping] = insertPackage(
    service,
    'S2S_Object_Mapping__c',
    mapping(serviceConnection, 'Inbound')
  );
  for (const [org, mappingId] of [
    [sales, salesMapping],
    [service, serviceMapping]
  ] as const) {
    insertPackage(
      org,
      'S2S_Field_Mapping__c',
      ['Name', 'Industry', 'Phone'].map((field) => ({
        Name: field,
        Object_Mapping__c: mappingId,
        Source_Field__c: field,
        Target_Field__c: field,
        Active__c: true
      }))
    );
  }
  await seedContactsAndLeads(demo, salesConnection, serviceConnection);
  seedOrgCompare(
    sales,
    service,
    serviceConnection,
    { admin: ADMIN, integration: INTEGRATION },
    (text) => packageName(service, text)
  );
  seedNativeConnection(sales, service);
  await world.drain();
}

/** Contacts and Leads in Sales, each object mapped to the Service org (the Contacts and Leads screens). */
async function seedContactsAndLeads(
  demo: DemoOrgs,
  salesConnection: string,
  serviceConnection: string
): Promise<void> {
  const sales = orgNamed(demo, 'Sales');
  const service = orgNamed(demo, 'Service');
  sales.insert(
    'Contact',
    [
      ['Ada', 'Lovelace', 'ada@acme.example'],
      ['Grace', 'Hopper', 'grace@globex.example'],
      ['Alan', 'Turing', 'alan@initech.example']
    ].map(([FirstName, LastName, Email], i) => ({
      FirstName,
      LastName,
      Email,
      Phone: `+33 1 10 00 00 0${i}`
    })),
    { as: ADMIN }
  );
  sales.insert(
    'Lead',
    [
      ['Margaret', 'Hamilton', 'Apollo Software'],
      ['Katherine', 'Johnson', 'Orbital Mechanics']
    ].map(([FirstName, LastName, Company]) => ({
      FirstName,
      LastName,
      Company,
      Email: `${FirstName.toLowerCase()}@${Company.split(' ')[0].toLowerCase()}.example`
    })),
    { as: ADMIN }
  );
  const objects: [string, number, string[]][] = [
    ['Contact', 20, ['FirstName', 'LastName', 'Email', 'Phone']],
    ['Lead', 30, ['FirstName', 'LastName', 'Company', 'Email']]
  ];
  for (const [org, connection, direction] of [
    [sales, salesConnection, 'Outbound'],
    [service, serviceConnection, 'Inbound']
  ] as const) {
    for (const [object, sequence, fields] of objects) {
      const [mappingId] = insertPackage(org, 'S2S_Object_Mapping__c', {
        Name: `${object} to ${object}`,
        Connection__c: connection,
        Source_Object__c: object,
        Target_Object__c: object,
        Direction__c: direction,
        Trigger_Mode__c: 'Realtime_Trigger',
        Conflict_Policy__c: 'Source_Wins',
        Delete_Policy__c: 'Ignore',
        Owner_Rule__c: 'Keep_Default',
        Sequence__c: sequence,
        Active__c: true
      });
      insertPackage(
        org,
        'S2S_Field_Mapping__c',
        fields.map((field) => ({
          Name: field,
          Object_Mapping__c: mappingId,
          Source_Field__c: field,
          Target_Field__c: field,
          Active__c: true
        }))
      );
    }
  }
}

/**
 * Proves the package runs end to end in these orgs before the page is served: the admin's access,
 * an Account saved in Sales arriving in Service, and its record status. Returns what failed.
 */
export async function selfCheck(root: string, demo: DemoOrgs): Promise<string[]> {
  const problems: string[] = [];
  const sales = orgNamed(demo, 'Sales');
  const service = orgNamed(demo, 'Service');
  const attempt = async (what: string, run: () => Promise<void> | void): Promise<boolean> => {
    try {
      await run();
      return true;
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message.split('\n')[0]}`);
      return false;
    }
  };
  const serviceAcme = (): Record<string, unknown> | null => {
    const rows = service.query("SELECT Id, Phone FROM Account WHERE Name = 'Acme' LIMIT 1", {});
    return Array.isArray(rows) && rows[0]
      ? { Id: String(rows[0].raw('Id')), Phone: String(rows[0].raw('Phone')) }
      : null;
  };
  await attempt('S2SAdminAccessController.getAccess', async () => {
    const access = (await callApex(
      root,
      demo.world,
      sales,
      'S2SAdminAccessController',
      'getAccess',
      {}
    )) as {
      canAdminister?: boolean;
    };
    if (!access?.canAdminister)
      throw new Error(`the demo admin should hold S2S_Administer, got ${JSON.stringify(access)}`);
  });
  const rows = sales.query("SELECT Id FROM Account WHERE Name = 'Acme' LIMIT 1", {}, { as: ADMIN });
  const acme = Array.isArray(rows) && rows[0] ? String(rows[0].raw('Id')) : null;
  if (!acme) return [...problems, 'the sample Account Acme is missing in Sales'];
  // The newcomer's path: "Sync now" on Acme, then an edit of Acme, both must reach Service.
  const synced = await attempt(
    '"Sync now" on Acme (S2SRecordStatusController.syncNow)',
    async () => {
      await callApex(root, demo.world, sales, 'S2SRecordStatusController', 'syncNow', {
        recordId: acme
      });
      if (!serviceAcme()) {
        const parked = sales.query(
          packageName(sales, "SELECT COUNT() FROM S2S_Outbox__c WHERE Status__c = 'Parked'"),
          {}
        );
        throw new Error(
          `Acme did not arrive in Service (callouts made: ${demo.world.callouts.length}, parked changes in Sales: ${parked})`
        );
      }
    }
  );
  if (synced) {
    await attempt('an edit of Acme in Sales reaching Service', async () => {
      const outcome = sales.executeAnonymous(
        `update new Account(Id = '${acme}', Phone = '+33 1 23 45 67 89');`,
        { as: ADMIN }
      );
      if (!outcome.success)
        throw new Error(outcome.exceptionMessage ?? outcome.compileProblem ?? 'update failed');
      await demo.world.drain();
      const phone = serviceAcme()?.Phone;
      if (phone !== '+33 1 23 45 67 89') throw new Error(`Service still has Phone ${phone}`);
    });
  }
  await attempt('S2SRecordStatusController.getRecordStatus', async () => {
    const status = (await callApex(
      root,
      demo.world,
      sales,
      'S2SRecordStatusController',
      'getRecordStatus',
      { recordId: acme }
    )) as {
      state: string;
    }[];
    if (synced && status?.[0]?.state !== 'InSync')
      throw new Error(`Acme should be in sync, got ${JSON.stringify(status)}`);
  });
  return problems;
}

/** An Apex string literal holding any text. */
function apexString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** The parameters (type, name) of a public static @AuraEnabled method, read from its class. */
export function auraSignature(
  root: string,
  className: string,
  method: string
): { returns: string; params: { type: string; name: string }[] } {
  if (!/^S2S\w*Controller$/.test(className) || !/^\w+$/.test(method)) {
    throw new Error(`${className}.${method} is not an admin UI controller method`);
  }
  const file = path.join(root, 'force-app', 'main', 'admin-ui', 'classes', `${className}.cls`);
  if (!fs.existsSync(file))
    throw new Error(`No controller ${className} in force-app/main/admin-ui/classes`);
  const source = fs.readFileSync(file, 'utf8');
  const match = new RegExp(
    `@AuraEnabled[^\\n]*\\s+public\\s+static\\s+([\\w<>, .]+?)\\s+${method}\\s*\\(([^)]*)\\)`
  ).exec(source);
  if (!match) throw new Error(`${className}.${method} is not a public static @AuraEnabled method`);
  const params: { type: string; name: string }[] = [];
  let depth = 0;
  let current = '';
  for (const ch of match[2] + ',') {
    if (ch === '<') depth++;
    if (ch === '>') depth--;
    if (ch === ',' && depth === 0) {
      const text = current.trim();
      if (text) {
        const cut = text.lastIndexOf(' ');
        params.push({ type: text.slice(0, cut).trim(), name: text.slice(cut + 1) });
      }
      current = '';
    } else current += ch;
  }
  // Inner classes (AuditFilter) must be qualified by their controller in anonymous Apex.
  const inner = [...source.matchAll(/\bclass\s+(\w+)/g)]
    .map((m) => m[1])
    .filter((name) => name !== className);
  const qualify = (type: string): string =>
    inner.reduce(
      (text, name) => text.replace(new RegExp(`\\b${name}\\b`, 'g'), `${className}.${name}`),
      type
    );
  return { returns: match[1].trim(), params: params.map((p) => ({ ...p, type: qualify(p.type) })) };
}

/** Raised when the Apex method threw: the message is what the component shows. */
export class ApexCallError extends Error {}

/**
 * Runs `Class.method(params)` in the org as `as` (a username; the demo admin by default), the way Lightning calls an
 * @AuraEnabled method: arguments deserialized from JSON into the declared types, the result
 * serialized back to JSON. Then the World runs the async work and event deliveries it started.
 */
export async function callApex(
  root: string,
  world: World,
  org: Org,
  className: string,
  method: string,
  params: Record<string, unknown>,
  as: string = ADMIN
): Promise<unknown> {
  const signature = auraSignature(root, className, method);
  const args = signature.params.map(({ type, name }) => {
    const json = JSON.stringify(params[name] ?? null);
    return type === 'String'
      ? apexString(String(params[name] ?? ''))
      : `(${type}) System.JSON.deserialize(${apexString(json)}, ${type}.class)`;
  });
  const call = `${className}.${method}(${args.join(', ')})`;
  const before = org.debugLog.length;
  const source =
    signature.returns === 'void'
      ? `${call};`
      : `System.debug(LoggingLevel.ERROR, ${apexString(RESULT_MARKER)} + System.JSON.serialize(${call}));`;
  // Lightning runs a packaged component's @AuraEnabled call as the package's code: in its namespace.
  const outcome = org.executeAnonymous(source, { as, namespace: packageNamespace(org) || null });
  if (!outcome.success) {
    throw new ApexCallError(
      outcome.compileProblem ?? outcome.exceptionMessage ?? `${className}.${method} failed`
    );
  }
  await world.drain();
  const line = org.debugLog.slice(before).find((entry) => entry.includes(RESULT_MARKER));
  if (!line) return null;
  return JSON.parse(line.slice(line.indexOf(RESULT_MARKER) + RESULT_MARKER.length));
}
