// @ts-check
// Permission sets against their documentation: every grant of a permission set of the package is
// listed, with its reason, in the table of that permission set in docs/security.md, and every row of
// those tables is granted. A grant nobody documented (a Create on the crosswalk slipped into the
// integration user's set) fails the gate, and so does a table that promises what the XML no longer
// grants.
//
// Table format, one section per permission set (`### S2S_Integration`), then a Markdown table whose
// first column names components in backticks (several per row allowed), second their kind (class,
// custom permission, app, tab, object, field) and third the access: `enabled`, `visible`, or words
// among read, create, edit, delete, view all, modify all, separated by commas.
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { listFiles, packageDirectories } from '../lib/files.mjs';

/** The documentation the permission sets are checked against. */
export const SECURITY_DOC = 'docs/security.md';

/**
 * Fields only the engine reads, in system mode: payloads captured or received with values the
 * reader may not see (docs/security.md, "Payloads are the engine's"). No permission set may grant
 * them, even with a row in the tables.
 */
export const ENGINE_ONLY_FIELDS = [
  'S2S_Outbox__c.Payload__c',
  'S2S_Inbound_Ledger__c.Held_Change__c',
  'S2S_Delivery_Receipt__c.Outbox_Updates__c',
  'S2S_Delivery_Receipt__c.Audit_Entries__c'
];

const KINDS = ['class', 'custom permission', 'app', 'tab', 'object', 'field'];

const parser = new XMLParser({ parseTagValue: false, trimValues: true });

/** @param {unknown} v @returns {Record<string, unknown>[]} */
const list = (v) =>
  /** @type {Record<string, unknown>[]} */ (v == null ? [] : Array.isArray(v) ? v : [v]);
/** @param {unknown} v */
const yes = (v) => String(v) === 'true';

/**
 * The grants of one permission set, as "kind name" → access words.
 * @param {string} xml the permission set's XML
 * @returns {Map<string, Set<string>>}
 */
export function grantsOf(xml) {
  const ps = /** @type {Record<string, unknown>} */ (parser.parse(xml).PermissionSet ?? {});
  /** @type {Map<string, Set<string>>} */
  const grants = new Map();
  /** @param {string} kind @param {unknown} name @param {string[]} access */
  const add = (kind, name, access) => {
    if (access.length) grants.set(`${kind} ${String(name)}`, new Set(access));
  };
  for (const c of list(ps.classAccesses))
    add('class', c.apexClass, yes(c.enabled) ? ['enabled'] : []);
  for (const c of list(ps.customPermissions))
    add('custom permission', c.name, yes(c.enabled) ? ['enabled'] : []);
  for (const a of list(ps.applicationVisibilities))
    add('app', a.application, yes(a.visible) ? ['visible'] : []);
  for (const t of list(ps.tabSettings))
    add('tab', t.tab, String(t.visibility) === 'None' ? [] : [String(t.visibility).toLowerCase()]);
  for (const o of list(ps.objectPermissions)) {
    /** @type {[string, string][]} */
    const flags = [
      ['allowRead', 'read'],
      ['allowCreate', 'create'],
      ['allowEdit', 'edit'],
      ['allowDelete', 'delete'],
      ['viewAllRecords', 'view all'],
      ['modifyAllRecords', 'modify all']
    ];
    add(
      'object',
      o.object,
      flags.filter(([k]) => yes(o[k])).map(([, w]) => w)
    );
  }
  for (const f of list(ps.fieldPermissions)) {
    add(
      'field',
      f.field,
      [yes(f.readable) ? 'read' : '', yes(f.editable) ? 'edit' : ''].filter(Boolean)
    );
  }
  for (const key of Object.keys(ps)) {
    if (
      ![
        'classAccesses',
        'customPermissions',
        'applicationVisibilities',
        'tabSettings',
        'objectPermissions',
        'fieldPermissions',
        'description',
        'hasActivationRequired',
        'label',
        'license',
        '@_xmlns'
      ].includes(key)
    ) {
      // userPermissions, pageAccesses, recordTypeVisibilities...: the table format names none yet
      grants.set(`unsupported ${key}`, new Set(['granted']));
    }
  }
  return grants;
}

/**
 * The documented grants of every permission set: section title → "kind name" → access words.
 * @param {string} markdown docs/security.md
 * @returns {{ tables: Map<string, Map<string, Set<string>>>, problems: string[] }}
 */
export function documentedGrants(markdown) {
  /** @type {Map<string, Map<string, Set<string>>>} */
  const tables = new Map();
  const problems = [];
  /** @type {Map<string, Set<string>> | null} */
  let current = null;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heading = /^###\s+`?(S2S_\w+)`?\s*$/.exec(line);
    if (heading) {
      current = new Map();
      tables.set(heading[1], current);
      continue;
    }
    if (/^#{1,3}\s/.test(line)) {
      current = null;
      continue;
    }
    if (!current || !line.startsWith('|') || /^\|\s*(-+|Component)/.test(line)) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const names = [...cells[0].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const kind = cells[1];
    const access = (cells[2] ?? '')
      .split(',')
      .map((w) => w.trim().toLowerCase())
      .filter(Boolean);
    if (!names.length || !KINDS.includes(kind) || !access.length) {
      problems.push(
        `${SECURITY_DOC}:${i + 1}: a permission row needs components in backticks, a kind (${KINDS.join(', ')}) and an access`
      );
      continue;
    }
    for (const name of names) {
      const key = `${kind} ${name}`;
      if (current.has(key)) problems.push(`${SECURITY_DOC}:${i + 1}: ${key} is listed twice`);
      current.set(key, new Set(access));
    }
  }
  return { tables, problems };
}

/**
 * Compares every permission set of the package with its table in docs/security.md.
 * @param {string} root the project root
 * @returns {{ permissionSets: number, problems: string[] }}
 */
export function checkPermissionSets(root) {
  // the package's own permission sets (the test-only ones of unpackaged/ are not installed)
  const project = JSON.parse(fs.readFileSync(path.join(root, 'sfdx-project.json'), 'utf8'));
  const packaged = new Set(
    /** @type {{ path: string, package?: string }[]} */ (project.packageDirectories)
      .filter((d) => d.package)
      .map((d) => path.normalize(d.path))
  );
  const files = packageDirectories(root)
    .filter((dir) => packaged.has(path.normalize(dir)))
    .flatMap((dir) => listFiles(root, dir))
    .filter((f) => f.endsWith('.permissionset-meta.xml'));
  if (!files.length) return { permissionSets: 0, problems: [] };
  const docPath = path.join(root, SECURITY_DOC);
  if (!fs.existsSync(docPath)) {
    return {
      permissionSets: files.length,
      problems: [`${SECURITY_DOC} is missing: every permission set must be documented there`]
    };
  }
  const { tables, problems } = documentedGrants(fs.readFileSync(docPath, 'utf8'));
  for (const file of files) {
    const name = path.basename(file).replace('.permissionset-meta.xml', '');
    const documented = tables.get(name);
    if (!documented) {
      problems.push(
        `${file}: permission set ${name} has no "### ${name}" table in ${SECURITY_DOC}`
      );
      continue;
    }
    const granted = grantsOf(fs.readFileSync(path.join(root, file), 'utf8'));
    for (const field of ENGINE_ONLY_FIELDS) {
      if (granted.has(`field ${field}`)) {
        problems.push(
          `${file}: ${name} grants ${field}, which only the engine may read (a payload: ${SECURITY_DOC})`
        );
      }
    }
    for (const [key, access] of granted) {
      const allowed = documented.get(key);
      const extra = [...access].filter((a) => !allowed?.has(a));
      if (extra.length) {
        problems.push(
          `${file}: ${name} grants ${key} (${extra.join(', ')}) beyond the table in ${SECURITY_DOC}`
        );
      }
    }
    for (const [key, access] of documented) {
      const missing = [...access].filter((a) => !granted.get(key)?.has(a));
      if (missing.length) {
        problems.push(
          `${SECURITY_DOC}: the ${name} table lists ${key} (${missing.join(', ')}), which ${file} does not grant`
        );
      }
    }
  }
  for (const name of tables.keys()) {
    if (!files.some((f) => path.basename(f) === `${name}.permissionset-meta.xml`)) {
      problems.push(`${SECURITY_DOC}: table ${name} names no permission set of the package`);
    }
  }
  return { permissionSets: files.length, problems };
}
