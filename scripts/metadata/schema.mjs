// @ts-check
// The Metadata API schema, as Salesforce publishes it: the `@salesforce/types` npm package
// (repository forcedotcom/wsdl, version 1.7.1 = release 260 = Metadata API 66.0) is generated from
// Salesforce's Metadata API WSDL (`resources/metadata.wsdl`) by the repository's
// `scripts/parse.ts`: one TypeScript type per WSDL type. A complexType becomes an object type
// (`Parent & { ... }` for an `<xsd:extension base="Parent">`), an element with minOccurs="0" (or
// nillable) an optional property (`name?:`), an element with maxOccurs="unbounded" an array
// (`name: T[]`, which the generator never marks optional), a simpleType with enumerations a union
// of string literals, xsd:boolean `boolean`, xsd:int/double/long `number`, xsd:anyType `any`.
// This module reads `lib/metadata.d.ts` of that package with the TypeScript parser and checks a
// parsed metadata file against it: every element is declared by its type (or a parent type), every
// required element is there, every enumerated value is one of the allowed values, booleans and
// numbers are well formed. The check ignores element order: the source format does not keep the
// WSDL's sequence order, and `sf project convert source` writes elements in the source's order.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import ts from 'typescript';

/**
 * @typedef {{ name: string, type: string, array: boolean, optional: boolean }} Prop
 * @typedef {{ kind: 'object', name: string, parents: string[], props: Map<string, Prop> }} ObjectType
 * @typedef {{ kind: 'enum', name: string, values: Set<string> }} EnumType
 * @typedef {{ kind: 'string', name: string }} StringType
 * @typedef {ObjectType | EnumType | StringType} SchemaType
 * @typedef {Map<string, SchemaType>} Schema
 * @typedef {Record<string, unknown>} Xml a parsed element (fast-xml-parser, attributes as `@_name`)
 * @typedef {{ path: string, element: string, value?: string, message: string }} SchemaProblem
 */

/** The schema's source: npm package, file and the Metadata API version it describes. */
export const SCHEMA_SOURCE = {
  package: '@salesforce/types',
  file: 'lib/metadata.d.ts',
  apiVersion: '66.0'
};

/**
 * Elements whose WSDL type differs from what a metadata file holds, with the reason. Keyed
 * `Type.element`; the element's content is not checked.
 * @type {Record<string, string>}
 */
export const OPAQUE = {
  // The WSDL declares it xsd:string; the .js-meta.xml holds it as XML (<targetConfig> children),
  // both in source and in Metadata API format (Lightning Web Components Developer Guide,
  // "XML Configuration File Elements").
  'LightningComponentBundle.targetConfigs': 'XML configuration of each target'
};

/**
 * Metadata types whose WSDL type extends another without adding elements, which the types package
 * turns into a bare `string` alias: checked as the type they extend. The WSDL declares ReportFolder
 * and DashboardFolder as `<xsd:extension base="tns:Folder"/>` (Metadata API Developer Guide,
 * Folder: "ReportFolder, DashboardFolder ... extend Folder").
 * @type {Record<string, string>}
 */
export const EXTENDS_ONLY = { ReportFolder: 'Folder', DashboardFolder: 'Folder' };

/** @type {Schema | null} */
let cache = null;

/**
 * The primitive or referenced type name of a property's type node.
 * @param {ts.TypeNode} node
 * @returns {string}
 */
function typeName(node) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return 'string';
    case ts.SyntaxKind.NumberKeyword:
      return 'number';
    case ts.SyntaxKind.BooleanKeyword:
      return 'boolean';
    case ts.SyntaxKind.AnyKeyword:
      return 'any';
    default:
      if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) return node.typeName.text;
      throw new Error(
        `${SCHEMA_SOURCE.package}: unexpected property type ${ts.SyntaxKind[node.kind]}`
      );
  }
}

/**
 * The properties of an object type literal.
 * @param {ts.TypeLiteralNode} literal
 * @param {Map<string, Prop>} props
 */
function readProps(literal, props) {
  for (const member of literal.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const name = member.name.getText();
    const array = ts.isArrayTypeNode(member.type);
    const type = typeName(ts.isArrayTypeNode(member.type) ? member.type.elementType : member.type);
    props.set(name, { name, type, array, optional: member.questionToken !== undefined });
  }
}

/**
 * Parses the package's type declarations into the schema.
 * @param {string} source the text of metadata.d.ts
 * @returns {Schema}
 */
export function parseSchema(source) {
  const file = ts.createSourceFile('metadata.d.ts', source, ts.ScriptTarget.Latest, true);
  /** @type {Schema} */
  const schema = new Map();
  for (const statement of file.statements) {
    if (!ts.isTypeAliasDeclaration(statement)) continue;
    const name = statement.name.text;
    const node = statement.type;
    if (ts.isLiteralTypeNode(node) || ts.isUnionTypeNode(node)) {
      const parts = ts.isUnionTypeNode(node) ? node.types : [node];
      const values = parts.flatMap((p) =>
        ts.isLiteralTypeNode(p) && ts.isStringLiteral(p.literal) ? [p.literal.text] : []
      );
      if (values.length === parts.length) {
        schema.set(name, { kind: 'enum', name, values: new Set(values) });
        continue;
      }
    }
    if (node.kind === ts.SyntaxKind.StringKeyword) {
      schema.set(name, { kind: 'string', name });
      continue;
    }
    /** @type {ObjectType} */
    const type = { kind: 'object', name, parents: [], props: new Map() };
    const parts = ts.isIntersectionTypeNode(node) ? node.types : [node];
    for (const part of parts) {
      if (ts.isTypeLiteralNode(part)) readProps(part, type.props);
      else type.parents.push(typeName(part));
    }
    schema.set(name, type);
  }
  return schema;
}

/**
 * The Metadata API schema of the installed `@salesforce/types` (parsed once per process).
 * @returns {Schema}
 */
export function metadataSchema() {
  if (!cache) {
    const require = createRequire(import.meta.url);
    const entry = require.resolve(`${SCHEMA_SOURCE.package}/metadata`);
    cache = parseSchema(fs.readFileSync(entry.replace(/\.js$/, '.d.ts'), 'utf8'));
  }
  return cache;
}

/**
 * Every property of an object type, its parents' included.
 * @param {Schema} schema
 * @param {ObjectType} type
 * @returns {Map<string, Prop>}
 */
export function propsOf(schema, type) {
  /** @type {Map<string, Prop>} */
  const all = new Map();
  for (const parent of type.parents) {
    const p = schema.get(parent);
    if (p?.kind === 'object') for (const [k, v] of propsOf(schema, p)) all.set(k, v);
  }
  for (const [k, v] of type.props) all.set(k, v);
  return all;
}

/**
 * The child elements of a parsed element, each as a list (attributes and text left out).
 * @param {unknown} element
 * @returns {[string, unknown[]][]}
 */
function children(element) {
  if (element === null || typeof element !== 'object') return [];
  return Object.entries(/** @type {Xml} */ (element))
    .filter(([k]) => !k.startsWith('@_') && k !== '#text')
    .map(([k, v]) => [k, Array.isArray(v) ? v : [v]]);
}

/**
 * The text of a simple element, or null when it holds child elements.
 * @param {unknown} value
 * @returns {string | null}
 */
function textOf(value) {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  return children(value).length ? null : String(/** @type {Xml} */ (value)['#text'] ?? '');
}

/**
 * Checks a simple value against a primitive or enumerated type.
 * @param {Schema} schema
 * @param {string} type
 * @param {string} value
 * @returns {string | null} why the value is not allowed
 */
function checkValue(schema, type, value) {
  if (type === 'boolean') {
    return value === 'true' || value === 'false' ? null : 'is not a boolean (true or false)';
  }
  if (type === 'number') {
    return /^-?\d+(\.\d+)?$/.test(value) ? null : 'is not a number';
  }
  const declared = schema.get(type);
  if (declared?.kind === 'enum' && !declared.values.has(value)) {
    const allowed = [...declared.values];
    const list = allowed.length > 12 ? `${allowed.slice(0, 12).join(', ')}, …` : allowed.join(', ');
    return `is not an allowed ${type} value (allowed: ${list})`;
  }
  return null;
}

/**
 * Checks one element's content against its schema type.
 * @param {Schema} schema
 * @param {string} type the element's schema type
 * @param {unknown} element the parsed element
 * @param {string} at the element's path (Root/child/grandchild)
 * @param {SchemaProblem[]} problems
 */
function checkElement(schema, type, element, at, problems) {
  if (type === 'any') return;
  const declared = schema.get(type);
  const name = at.split('/').pop() ?? at;
  if (declared?.kind !== 'object') {
    const value = textOf(element);
    if (value === null) {
      problems.push({
        path: at,
        element: name,
        message: `holds elements, its type ${type} is a value`
      });
      return;
    }
    const reason = checkValue(schema, type, value);
    if (reason) problems.push({ path: at, element: name, value, message: `"${value}" ${reason}` });
    return;
  }
  const props = propsOf(schema, declared);
  const present = new Set();
  for (const [child, values] of children(element)) {
    present.add(child);
    const prop = props.get(child);
    if (!prop) {
      problems.push({
        path: `${at}/${child}`,
        element: child,
        message: `<${child}> is not an element of ${type}`
      });
      continue;
    }
    if (!prop.array && values.length > 1) {
      problems.push({
        path: `${at}/${child}`,
        element: child,
        message: `<${child}> appears ${values.length} times, ${type} allows it once`
      });
    }
    if (OPAQUE[`${type}.${child}`]) continue;
    for (const value of values) checkElement(schema, prop.type, value, `${at}/${child}`, problems);
  }
  for (const prop of props.values()) {
    if (!prop.optional && !prop.array && !present.has(prop.name)) {
      problems.push({
        path: at,
        element: name,
        message: `${type} needs <${prop.name}> (required in the Metadata API schema)`
      });
    }
  }
}

/**
 * Checks a parsed metadata file (its root element's content) against the Metadata API schema.
 * @param {string} rootType the root element, which names the metadata type (e.g. CustomField)
 * @param {Xml} xml the root element's content
 * @param {Schema} [schema]
 * @returns {SchemaProblem[]}
 */
export function checkAgainstSchema(rootType, xml, schema = metadataSchema()) {
  /** @type {SchemaProblem[]} */
  const problems = [];
  const checkedAs = EXTENDS_ONLY[rootType] ?? rootType;
  if (schema.get(checkedAs)?.kind !== 'object') {
    return [
      {
        path: rootType,
        element: rootType,
        message: `${rootType} is not a type of the Metadata API ${SCHEMA_SOURCE.apiVersion} schema`
      }
    ];
  }
  checkElement(schema, checkedAs, xml, rootType, problems);
  return problems;
}
