// The Tooling API's query resource for validation rules (Tooling API Developer Guide, "ValidationRule":
// Id, ValidationName, Active, Description, EntityDefinitionId/EntityDefinition, ErrorDisplayField,
// ErrorMessage, FullName, Metadata; "Metadata and FullName can be queried only when the query
// returns no more than one row"; "query/": GET /services/data/vXX.X/tooling/query/?q=SOQL). The
// rules are the org's `validationRules` metadata. The query grammar served is the one a client needs
// for them: SELECT <fields> FROM ValidationRule [WHERE <field> = <literal> [AND ...]]; anything else
// fails loudly (UnsupportedError), never with a guessed answer.
import type { Access } from '../security/access.ts';
import type { Metadata } from '../schema/metadata-types.ts';
import type { Json } from '../data/convert.ts';
import type { ValidationRuleMeta } from '../schema/metadata-types.ts';

/** What the query needs of the org: its metadata and its users' permissions. */
export interface ToolingOrg {
  readonly metadata: Metadata;
  readonly access: Access;
}
import { UnsupportedError } from '../../runtime/platform.ts';

export interface ToolingAnswer {
  status: number;
  body: Json;
}

const FIELDS = new Map<string, (r: ValidationRuleMeta, id: string) => Json>([
  ['id', (_r, id) => id],
  ['validationname', (r) => r.name],
  ['active', (r) => r.active],
  ['description', () => null],
  ['errordisplayfield', (r) => r.field ?? null],
  ['errormessage', (r) => r.message],
  ['entitydefinitionid', (r) => r.object],
  ['entitydefinition.qualifiedapiname', (r) => r.object],
  ['fullname', (r) => `${r.object}.${r.name}`],
  [
    'metadata',
    (r) => ({
      active: r.active,
      description: null,
      errorConditionFormula: r.formula,
      errorDisplayField: r.field ?? null,
      errorMessage: r.message,
      shouldEvaluateOnClient: null,
      urls: null
    })
  ]
]);

/** The Tooling Id of the i-th validation rule of the org (key prefix 03d). */
export function validationRuleId(index: number): string {
  return `03d${String(index + 1).padStart(12, '0')}AAA`;
}

/** The user may read setup metadata: View Setup and Configuration (or Modify All Data). */
function canViewSetup(org: ToolingOrg, userId: string): boolean {
  const p = org.access.of(userId);
  if (p.modifyAllData) return true;
  const sets = org.metadata.permissionSets.filter((s) => p.permissionSets.includes(s.name));
  const profile = org.metadata.profiles.find(
    (s) => s.name.toLowerCase() === p.profile.toLowerCase()
  );
  return [...sets, ...(profile ? [profile] : [])].some((s) => s.userPermissions.has('viewsetup'));
}

function error(status: number, errorCode: string, message: string): ToolingAnswer {
  return { status, body: [{ message, errorCode }] };
}

/** GET /services/data/vXX.X/tooling/query/?q=... as `userId`. */
export function toolingQuery(
  org: ToolingOrg,
  soql: string | null,
  userId: string,
  version: string
): ToolingAnswer {
  if (!soql) return error(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  const m = /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?\s*$/is.exec(soql);
  if (!m) throw new UnsupportedError(`Tooling API query not supported by the local org: ${soql}`);
  const [, fieldList, from, where] = m;
  if (from.toLowerCase() !== 'validationrule')
    throw new UnsupportedError(
      `Tooling API object ${from} (the local org answers ValidationRule only)`
    );
  if (!canViewSetup(org, userId))
    return error(
      400,
      'INVALID_TYPE',
      "sObject type 'ValidationRule' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names."
    );
  const fields = fieldList.split(',').map((f) => f.trim());
  for (const f of fields)
    if (!FIELDS.has(f.toLowerCase()))
      return error(400, 'INVALID_FIELD', `No such column '${f}' on entity 'ValidationRule'.`);
  const conditions: { field: string; value: string | boolean }[] = [];
  for (const part of where ? where.split(/\s+AND\s+/i) : []) {
    const c = /^\s*([\w.]+)\s*=\s*(?:'((?:[^'\\]|\\.)*)'|(true|false))\s*$/i.exec(part);
    if (!c || !FIELDS.has(c[1].toLowerCase()) || c[1].toLowerCase() === 'metadata')
      throw new UnsupportedError(`Tooling API condition not supported by the local org: ${part}`);
    conditions.push({
      field: c[1].toLowerCase(),
      value: c[3] !== undefined ? c[3].toLowerCase() === 'true' : c[2].replace(/\\(.)/g, '$1')
    });
  }
  const rows = org.metadata.validationRules
    .map((r, i) => ({ r, id: validationRuleId(i) }))
    .filter(({ r, id }) =>
      conditions.every(({ field, value }) => {
        const actual = must(FIELDS.get(field))(r, id);
        return typeof value === 'boolean'
          ? actual === value
          : String(actual).toLowerCase() === value.toLowerCase();
      })
    );
  const wantsMetadata = fields.some((f) => ['metadata', 'fullname'].includes(f.toLowerCase()));
  if (wantsMetadata && rows.length > 1)
    return error(
      400,
      'MALFORMED_QUERY',
      `When retrieving results with Metadata or FullName fields, the query qualifications must specify no more than one row for retrieval. Result size: ${rows.length}`
    );
  const records = rows.map(({ r, id }) => {
    const out: { [k: string]: Json } = {
      attributes: {
        type: 'ValidationRule',
        url: `/services/data/v${version}/tooling/sobjects/ValidationRule/${id}`
      }
    };
    for (const f of fields) {
      const dotted = f.split('.');
      const value = must(FIELDS.get(f.toLowerCase()))(r, id);
      if (dotted.length === 2)
        out[dotted[0]] = {
          attributes: { type: 'EntityDefinition' },
          [dotted[1]]: value
        };
      else out[f] = value;
    }
    return out;
  });
  return {
    status: 200,
    body: {
      size: records.length,
      totalSize: records.length,
      done: true,
      queryLocator: null,
      entityTypeName: 'ValidationRule',
      records
    }
  };
}

function must<T>(v: T | undefined): T {
  if (v === undefined) throw new Error('unknown Tooling field');
  return v;
}
