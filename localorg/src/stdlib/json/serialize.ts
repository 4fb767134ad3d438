/**
 * JSON.serialize: Apex values to a node tree (user classes through their getters, SObjects with
 * attributes, Datetimes in ISO form), printed compact or pretty.
 */
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexDouble,
  ApexEnumValue,
  ApexId,
  ApexList,
  ApexMap,
  ApexObject,
  ApexSObject,
  ApexSet,
  ApexTime,
  ApexTypeValue,
  NativeObject,
  javaDoubleToString,
  typeToString,
  type ApexValue
} from '../../runtime/values.js';
import { throwApex, unsupported } from '../../runtime/errors.js';
import { stringOf } from '../../runtime/ops.js';
import type { ClassShape, LanguageRuntime } from '../../runtime/language.js';

// ---------------------------------------------------------------------------------------------
// Serialisation

function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c < 32) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

export function isoDatetime(ms: number): string {
  return new Date(ms).toISOString().replace(/(\.\d{3})Z$/, '$1Z');
}

export type JNode =
  | { k: 'raw'; text: string }
  | { k: 'obj'; entries: [string, JNode][] }
  | { k: 'arr'; items: JNode[] };

export function toNode(
  rt: LanguageRuntime,
  v: ApexValue,
  suppressNulls: boolean,
  seen: Set<unknown>
): JNode {
  if (v === null) return { k: 'raw', text: 'null' };
  switch (typeof v) {
    case 'string':
      return { k: 'raw', text: quote(v) };
    case 'number':
    case 'bigint':
    case 'boolean':
      return { k: 'raw', text: String(v) };
  }
  if (v instanceof ApexDouble)
    return {
      k: 'raw',
      text: Number.isInteger(v.v) && Math.abs(v.v) < 1e7 ? `${v.v}.0` : javaDoubleToString(v.v)
    };
  if (v instanceof ApexDecimal) return { k: 'raw', text: v.toPlainString() };
  if (v instanceof ApexId) return { k: 'raw', text: quote(v.value) };
  if (v instanceof ApexDate) return { k: 'raw', text: quote(v.toString()) };
  if (v instanceof ApexDatetime) return { k: 'raw', text: quote(isoDatetime(v.epochMs)) };
  if (v instanceof ApexTime) return { k: 'raw', text: quote(v.toString()) };
  if (v instanceof ApexBlob)
    return { k: 'raw', text: quote(Buffer.from(v.bytes).toString('base64')) };
  if (v instanceof ApexEnumValue) return { k: 'raw', text: quote(v.name) };
  if (seen.has(v)) throwApex('System.JSONException', 'Cycle detected during serialization');
  if (v instanceof ApexList || v instanceof ApexSet) {
    seen.add(v);
    const items = (v instanceof ApexList ? v.items : v.values()).map((x) =>
      toNode(rt, x, suppressNulls, seen)
    );
    seen.delete(v);
    return { k: 'arr', items };
  }
  if (v instanceof ApexMap) {
    seen.add(v);
    const entries: [string, JNode][] = v
      .entries()
      .map(([k, x]) => [stringOf(k), toNode(rt, x, suppressNulls, seen)]);
    seen.delete(v);
    return { k: 'obj', entries };
  }
  if (v instanceof ApexSObject) {
    seen.add(v);
    const attrs: [string, JNode][] = [['type', { k: 'raw', text: quote(v.type) }]];
    const id = v.raw('Id');
    if (id)
      attrs.push([
        'url',
        { k: 'raw', text: quote(`/services/data/v65.0/sobjects/${v.type}/${stringOf(id)}`) }
      ]);
    const entries: [string, JNode][] = [['attributes', { k: 'obj', entries: attrs }]];
    for (const [k, x] of v.populated()) {
      if (x instanceof ApexList)
        entries.push([
          k,
          {
            k: 'obj',
            entries: [
              ['totalSize', { k: 'raw', text: String(x.items.length) }],
              ['done', { k: 'raw', text: 'true' }],
              ['records', toNode(rt, x, suppressNulls, seen)]
            ]
          }
        ]);
      else entries.push([k, toNode(rt, x, suppressNulls, seen)]);
    }
    seen.delete(v);
    return { k: 'obj', entries };
  }
  if (v instanceof ApexObject) {
    seen.add(v);
    const cls = v.cls as ClassShape;
    const entries: [string, JNode][] = [];
    if (v.exception) unsupported(`JSON.serialize of an exception (${cls.name})`);
    for (const fd of cls.fields.values()) {
      if (fd.isStatic) continue;
      const x = fd.getter ? rt.invoke(fd.getter, v, []) : v.fields[fd.slot];
      if (x === null && suppressNulls) continue;
      entries.push([fd.name, toNode(rt, x, suppressNulls, seen)]);
    }
    seen.delete(v);
    return { k: 'obj', entries };
  }
  if (v instanceof ApexTypeValue) return { k: 'raw', text: quote(typeToString(v.type)) };
  if (v instanceof NativeObject) {
    const toJson = rt.nativeJson(v.className)?.toJson;
    if (!toJson) unsupported(`JSON.serialize of ${v.className}`);
    return toNode(rt, toJson(v), suppressNulls, seen);
  }
  return { k: 'raw', text: quote(stringOf(v)) };
}

export function compact(n: JNode): string {
  if (n.k === 'raw') return n.text;
  if (n.k === 'arr') return `[${n.items.map(compact).join(',')}]`;
  return `{${n.entries.map(([k, x]) => `${quote(k)}:${compact(x)}`).join(',')}}`;
}

/** Jackson DefaultPrettyPrinter: objects one field per line, arrays inline `[ a, b ]`. */
export function pretty(n: JNode, indent: string): string {
  if (n.k === 'raw') return n.text;
  if (n.k === 'arr')
    return n.items.length ? `[ ${n.items.map((x) => pretty(x, indent)).join(', ')} ]` : '[ ]';
  if (!n.entries.length) return '{ }';
  const inner = indent + '  ';
  return `{\n${n.entries.map(([k, x]) => `${inner}${quote(k)} : ${pretty(x, inner)}`).join(',\n')}\n${indent}}`;
}

export function serialize(
  rt: LanguageRuntime,
  v: ApexValue,
  prettyPrint: boolean,
  suppressNulls = false
): string {
  const n = toNode(rt, v, suppressNulls, new Set());
  return prettyPrint ? pretty(n, '') : compact(n);
}
