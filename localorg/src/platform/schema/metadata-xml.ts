// Reading Metadata API XML files from source: the root element's content, with the elements that
// may repeat always read as arrays, and the small converters every parser uses.
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

const ARRAYS = new Set([
  'value',
  'values',
  'fields',
  'objectPermissions',
  'fieldPermissions',
  'customPermissions',
  'classAccesses',
  'labels',
  'namedCredentialParameters',
  'externalCredentialParameters',
  'externalCredentialPrincipalAccesses',
  'userPermissions',
  'picklistValues',
  'recordTypeVisibilities',
  'layoutAssignments',
  'tabVisibilities',
  'displayedFields'
]);
const xml = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => ARRAYS.has(name)
});

export function readXml(path: string): Record<string, unknown> {
  const doc = xml.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const root = Object.keys(doc).find((k) => k !== '?xml');
  if (!root) throw new Error(`Empty metadata file: ${path}`);
  return (doc[root] ?? {}) as Record<string, unknown>;
}

export const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
export const bool = (v: unknown): boolean => str(v) === 'true';
export const list = (v: unknown): Record<string, unknown>[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]) as Record<string, unknown>[];
