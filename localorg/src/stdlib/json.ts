/**
 * JSON, JSONGenerator and JSONParser (Apex Reference). Output follows Apex's (Jackson's) format:
 * nulls included, Datetime as `2024-01-02T03:04:05.000Z`, Decimals with their scale, SObjects with
 * an `attributes` block, serializePretty with Jackson's default pretty printer.
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
  ApexSet,
  ApexSObject,
  ApexTime,
  ApexTypeValue,
  type ApexValue,
  NativeObject,
  T_OBJECT,
  T_STRING,
  type TypeRef,
  javaDoubleToString,
  typeRef,
  typeToString
} from '../runtime/values.js';
import type { BuiltinClass, BuiltinContext } from '../runtime/builtins.js';
import { throwApex, unsupported } from '../runtime/errors.js';
import { stringOf, toId } from '../runtime/ops.js';
import type { ClassShape, LanguageRuntime } from '../runtime/language.js';

/** This family's classes; `stdlib/index.ts` registers them into each org's registry. */
export const jsonClasses: BuiltinClass[] = [];

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

type JNode =
  | { k: 'raw'; text: string }
  | { k: 'obj'; entries: [string, JNode][] }
  | { k: 'arr'; items: JNode[] };

function toNode(
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
  if (v instanceof NativeObject) unsupported(`JSON.serialize of ${v.className}`);
  return { k: 'raw', text: quote(stringOf(v)) };
}

function compact(n: JNode): string {
  if (n.k === 'raw') return n.text;
  if (n.k === 'arr') return `[${n.items.map(compact).join(',')}]`;
  return `{${n.entries.map(([k, x]) => `${quote(k)}:${compact(x)}`).join(',')}}`;
}

/** Jackson DefaultPrettyPrinter: objects one field per line, arrays inline `[ a, b ]`. */
function pretty(n: JNode, indent: string): string {
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

// ---------------------------------------------------------------------------------------------
// Tokenizer (keeps number text exact for Decimal/Long)

type Tok =
  | {
      t:
        | 'START_OBJECT'
        | 'END_OBJECT'
        | 'START_ARRAY'
        | 'END_ARRAY'
        | 'VALUE_TRUE'
        | 'VALUE_FALSE'
        | 'VALUE_NULL';
    }
  | { t: 'FIELD_NAME' | 'VALUE_STRING'; s: string }
  | { t: 'VALUE_NUMBER_INT' | 'VALUE_NUMBER_FLOAT'; s: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const stack: ('o' | 'a')[] = [];
  let expectKey = false;
  const err = (): never =>
    throwApex(
      'System.JSONException',
      `Unexpected character ('${src[i] ?? 'EOF'}' (code ${src.charCodeAt(i) || 0})): at input location [line:1, column:${i + 1}]`
    );
  const readString = (): string => {
    let s = '';
    i++;
    for (;;) {
      if (i >= src.length) err();
      const c = src[i++];
      if (c === '"') return s;
      if (c === '\\') {
        const e = src[i++];
        if (e === 'u') {
          s += String.fromCharCode(parseInt(src.slice(i, i + 4), 16));
          i += 4;
        } else
          s +=
            (
              {
                n: '\n',
                r: '\r',
                t: '\t',
                b: '\b',
                f: '\f',
                '/': '/',
                '\\': '\\',
                '"': '"'
              } as Record<string, string>
            )[e] ?? err();
      } else s += c;
    }
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === ',' || c === ':') {
      if (c === ',' && stack[stack.length - 1] === 'o') expectKey = true;
      i++;
      continue;
    }
    if (c === '{') {
      out.push({ t: 'START_OBJECT' });
      stack.push('o');
      expectKey = true;
      i++;
    } else if (c === '}') {
      out.push({ t: 'END_OBJECT' });
      stack.pop();
      expectKey = false;
      i++;
    } else if (c === '[') {
      out.push({ t: 'START_ARRAY' });
      stack.push('a');
      expectKey = false;
      i++;
    } else if (c === ']') {
      out.push({ t: 'END_ARRAY' });
      stack.pop();
      i++;
    } else if (c === '"') {
      const s = readString();
      if (expectKey && stack[stack.length - 1] === 'o') {
        out.push({ t: 'FIELD_NAME', s });
        expectKey = false;
      } else out.push({ t: 'VALUE_STRING', s });
    } else if (src.startsWith('true', i)) {
      out.push({ t: 'VALUE_TRUE' });
      i += 4;
    } else if (src.startsWith('false', i)) {
      out.push({ t: 'VALUE_FALSE' });
      i += 5;
    } else if (src.startsWith('null', i)) {
      out.push({ t: 'VALUE_NULL' });
      i += 4;
    } else {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i, i + 400));
      if (!m) return err();
      out.push({ t: m[1] || m[2] ? 'VALUE_NUMBER_FLOAT' : 'VALUE_NUMBER_INT', s: m[0] });
      i += m[0].length;
    }
  }
  if (stack.length)
    throwApex('System.JSONException', 'Unexpected end-of-input: expected close marker');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Deserialisation

class Reader {
  i = 0;
  constructor(
    readonly rt: LanguageRuntime,
    readonly toks: Tok[]
  ) {}
  peek(): Tok | undefined {
    return this.toks[this.i];
  }
  next(): Tok {
    const t = this.toks[this.i++];
    if (!t) throwApex('System.JSONException', 'Unexpected end-of-input');
    return t;
  }
  skip(): void {
    const t = this.next();
    if (t.t === 'START_OBJECT' || t.t === 'START_ARRAY') {
      let depth = 1;
      while (depth) {
        const x = this.next();
        if (x.t === 'START_OBJECT' || x.t === 'START_ARRAY') depth++;
        else if (x.t === 'END_OBJECT' || x.t === 'END_ARRAY') depth--;
      }
    }
  }
}

function numberValue(s: string, isFloat: boolean): ApexValue {
  if (!isFloat) {
    const b = BigInt(s);
    return b >= -2147483648n && b <= 2147483647n ? Number(b) : b;
  }
  return ApexDecimal.fromString(s);
}

function untyped(r: Reader): ApexValue {
  const t = r.next();
  switch (t.t) {
    case 'START_OBJECT': {
      const m = new ApexMap(T_STRING, T_OBJECT);
      for (;;) {
        const k = r.next();
        if (k.t === 'END_OBJECT') return m;
        if (k.t !== 'FIELD_NAME') throwApex('System.JSONException', 'Expected a field name');
        m.put(k.s, untyped(r));
      }
    }
    case 'START_ARRAY': {
      const l = new ApexList(T_OBJECT, []);
      while (r.peek()?.t !== 'END_ARRAY') l.items.push(untyped(r));
      r.next();
      return l;
    }
    case 'VALUE_STRING':
      return t.s;
    case 'VALUE_NUMBER_INT':
      return numberValue(t.s, false);
    case 'VALUE_NUMBER_FLOAT':
      return numberValue(t.s, true);
    case 'VALUE_TRUE':
      return true;
    case 'VALUE_FALSE':
      return false;
    case 'VALUE_NULL':
      return null;
  }
  throwApex('System.JSONException', `Unexpected token ${t.t}`);
}

function parseIsoDatetime(s: string): number {
  const ms = Date.parse(
    /[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : `${s}Z`
  );
  if (Number.isNaN(ms))
    throwApex(
      'System.JSONException',
      `Cannot deserialize instance of datetime from VALUE_STRING value ${s}`
    );
  return ms;
}

function typed(r: Reader, t: TypeRef, strict: boolean): ApexValue {
  const p = r.peek();
  if (p?.t === 'VALUE_NULL') {
    r.next();
    return null;
  }
  const n = t.name.toLowerCase();
  const interp = r.rt;
  const bad = (what: string): never =>
    throwApex('System.JSONException', `Illegal value for ${typeToString(t)}: ${what}`);
  switch (n) {
    case 'object':
      return untyped(r);
    case 'string': {
      const x = r.next();
      if (x.t === 'VALUE_STRING' || x.t === 'VALUE_NUMBER_INT' || x.t === 'VALUE_NUMBER_FLOAT')
        return x.s;
      if (x.t === 'VALUE_TRUE' || x.t === 'VALUE_FALSE')
        return x.t === 'VALUE_TRUE' ? 'true' : 'false';
      return bad(x.t);
    }
    case 'id': {
      const x = r.next();
      return x.t === 'VALUE_STRING' ? toId(x.s) : bad(x.t);
    }
    case 'integer':
    case 'long':
    case 'decimal':
    case 'double': {
      const x = r.next();
      const s =
        x.t === 'VALUE_NUMBER_INT' || x.t === 'VALUE_NUMBER_FLOAT' || x.t === 'VALUE_STRING'
          ? x.s
          : bad(x.t);
      if (n === 'decimal') return ApexDecimal.fromString(s);
      if (n === 'double') return new ApexDouble(Number(s));
      if (!/^-?\d+$/.test(s)) bad(s);
      return n === 'long' ? BigInt(s) : Number(s) | 0;
    }
    case 'boolean': {
      const x = r.next();
      return x.t === 'VALUE_TRUE' ? true : x.t === 'VALUE_FALSE' ? false : bad(x.t);
    }
    case 'date': {
      const x = r.next();
      if (x.t !== 'VALUE_STRING') bad(x.t);
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec((x as { s: string }).s);
      return m
        ? new ApexDate(Number(m[1]), Number(m[2]), Number(m[3]))
        : bad((x as { s: string }).s);
    }
    case 'datetime': {
      const x = r.next();
      return x.t === 'VALUE_STRING' ? new ApexDatetime(parseIsoDatetime(x.s)) : bad(x.t);
    }
    case 'time': {
      const x = r.next();
      const m =
        x.t === 'VALUE_STRING' ? /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?/.exec(x.s) : null;
      return m
        ? new ApexTime(
            ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 +
              Number((m[4] ?? '0').padEnd(3, '0'))
          )
        : bad(x.t);
    }
    case 'blob': {
      const x = r.next();
      return x.t === 'VALUE_STRING'
        ? new ApexBlob(new Uint8Array(Buffer.from(x.s, 'base64')))
        : bad(x.t);
    }
    case 'list':
    case 'set': {
      const x = r.next();
      if (x.t !== 'START_ARRAY') bad(x.t);
      const elem = t.args[0] ?? T_OBJECT;
      const items: ApexValue[] = [];
      while (r.peek()?.t !== 'END_ARRAY') items.push(typed(r, elem, strict));
      r.next();
      if (n === 'list') return new ApexList(elem, items);
      const s = new ApexSet(elem);
      for (const it of items) s.add(it);
      return s;
    }
    case 'map': {
      const x = r.next();
      if (x.t !== 'START_OBJECT') bad(x.t);
      const kt = t.args[0] ?? T_STRING;
      const vt = t.args[1] ?? T_OBJECT;
      const m = new ApexMap(kt, vt);
      const kconv = interp.coercer(kt);
      for (;;) {
        const k = r.next();
        if (k.t === 'END_OBJECT') return m;
        if (k.t !== 'FIELD_NAME') bad(k.t);
        const key: ApexValue =
          kt.name === 'Integer' ? Number((k as { s: string }).s) : (k as { s: string }).s;
        m.put(kconv ? kconv(key) : key, typed(r, vt, strict));
      }
    }
  }
  const so = interp.isSObjectType(t.name);
  if (so || n === 'sobject') return sobjectFrom(r, so, strict);
  const cls = interp.classByType(t);
  if (cls && cls.kind === 'enum') {
    const x = r.next();
    return x.t === 'VALUE_STRING'
      ? (cls.enumValues.find((e) => e.name.toLowerCase() === x.s.toLowerCase()) ?? null)
      : bad(x.t);
  }
  if (cls && cls.kind === 'class') {
    const x = r.next();
    if (x.t !== 'START_OBJECT') bad(x.t);
    const ctor = cls.ctors.find((c) => c.params.length === 0);
    if (!ctor)
      throwApex(
        'System.JSONException',
        `Type cannot be deserialized: ${cls.name} has no no-argument constructor`
      );
    const o = interp.construct(cls, ctor, []);
    for (;;) {
      const k = r.next();
      if (k.t === 'END_OBJECT') return o;
      if (k.t !== 'FIELD_NAME') bad(k.t);
      const fd = cls.fields.get((k as { s: string }).s.toLowerCase());
      if (!fd) {
        if (strict)
          throwApex(
            'System.JSONException',
            `No such column '${(k as { s: string }).s}' on sobject of type ${cls.name}`
          );
        r.skip();
        continue;
      }
      const v = typed(r, fd.type, strict);
      if (fd.setter) interp.invoke(fd.setter, o, [v]);
      else o.fields[fd.slot] = v;
    }
  }
  if (cls && cls.kind === 'interface')
    throwApex('System.JSONException', `Abstract type ${cls.name} cannot be deserialized`);
  return unsupported(`JSON.deserialize into ${typeToString(t)}`);
}

function sobjectFrom(r: Reader, so: string | null, strict: boolean): ApexValue {
  const interp = r.rt;
  const rt = r.rt;
  const x = r.next();
  if (x.t !== 'START_OBJECT')
    throwApex('System.JSONException', 'Expected an object for an SObject');
  const fields: [string, Tok[] | null, ApexValue][] = [];
  let type = so;
  for (;;) {
    const k = r.next();
    if (k.t === 'END_OBJECT') break;
    const name = (k as { s: string }).s;
    if (name === 'attributes') {
      const a = untyped(r) as ApexMap;
      const tn = a?.get('type');
      if (typeof tn === 'string' && (!type || type === 'SObject'))
        type = interp.isSObjectType(tn) ?? tn;
      continue;
    }
    fields.push([name, null, untyped(r)]);
  }
  if (!type) throwApex('System.JSONException', 'SObject type missing from JSON attributes');
  const o = interp.platform.newSObject(interp.nativeContext(), type);
  const info = interp.platform.sobjectType(type);
  for (const [name, , raw] of fields) {
    const fi = info?.field(name.toLowerCase());
    if (!fi) {
      const child = info?.childRelationship(name.toLowerCase());
      const parent = info?.parentRelationship(name.toLowerCase());
      if (child && raw instanceof ApexMap) {
        const recs = raw.get('records');
        const list = new ApexList(typeRef(child.childSObject), []);
        if (recs instanceof ApexList)
          for (const rec of recs.items)
            list.items.push(
              sobjectFrom(
                new Reader(rt, tokenize(serialize(rt, rec, false))),
                child.childSObject,
                strict
              )
            );
        o.set(child.relationshipName, list);
        continue;
      }
      if (parent && raw instanceof ApexMap) {
        o.set(
          parent.relationshipName ?? name,
          sobjectFrom(
            new Reader(rt, tokenize(serialize(rt, raw, false))),
            parent.referenceTo?.[0] ?? null,
            strict
          )
        );
        continue;
      }
      if (strict || info)
        throwApex('System.JSONException', `No such column '${name}' on sobject of type ${type}`);
      o.set(name, raw);
      continue;
    }
    o.set(fi.name, typed(new Reader(rt, tokenize(serialize(rt, raw, false))), fi.type, strict));
  }
  return o;
}

export function deserializeTyped(
  rt: LanguageRuntime,
  json: string,
  t: TypeRef,
  strict: boolean
): ApexValue {
  const r = new Reader(rt, tokenize(json));
  const v = typed(r, t, strict);
  if (r.peek()) throwApex('System.JSONException', 'Unexpected content after the JSON value');
  return v;
}

export function deserializeUntyped(rt: LanguageRuntime, json: string): ApexValue {
  const r = new Reader(rt, tokenize(json));
  const v = untyped(r);
  if (r.peek()) throwApex('System.JSONException', 'Unexpected content after the JSON value');
  return v;
}

function str(v: ApexValue): string {
  if (v === null) throwApex('System.NullPointerException', 'Argument cannot be null.');
  return stringOf(v);
}

jsonClasses.push({
  name: 'System.JSON',
  statics: {
    serialize: (ctx, a) => serialize(ctx.runtime, a[0], false, a[1] === true),
    serializepretty: (ctx, a) => serialize(ctx.runtime, a[0], true, a[1] === true),
    deserialize: (ctx, a) =>
      deserializeTyped(ctx.runtime, str(a[0]), (a[1] as ApexTypeValue).type, false),
    deserializestrict: (ctx, a) =>
      deserializeTyped(ctx.runtime, str(a[0]), (a[1] as ApexTypeValue).type, true),
    deserializeuntyped: (ctx, a) => deserializeUntyped(ctx.runtime, str(a[0])),
    creategenerator: (_c, a) =>
      new NativeObject<GenState>('System.JSONGenerator', {
        pretty: a[0] === true,
        stack: [{ node: null, key: null }],
        closed: false
      }),
    createparser: (_c, a) =>
      new NativeObject<ParserState>('System.JSONParser', {
        toks: tokenize(str(a[0])),
        i: -1,
        names: [],
        cleared: null
      })
  }
});

// ---------------------------------------------------------------------------------------------
// JSONGenerator: builds the same node tree, printed at getAsString().

interface Frame {
  node: JNode | null;
  key: string | null;
}
interface GenState {
  pretty: boolean;
  stack: Frame[];
  closed: boolean;
}

function emit(g: GenState, n: JNode): void {
  const top = g.stack[g.stack.length - 1];
  const cont = top.node;
  if (cont === null) {
    top.node = n;
    return;
  }
  if (cont.k === 'arr') cont.items.push(n);
  else if (cont.k === 'obj') {
    if (top.key === null)
      throwApex('System.JSONException', 'Can not write a field value, expecting a field name');
    cont.entries.push([top.key, n]);
    top.key = null;
  }
}

function gen(fn: (g: GenState, a: ApexValue[], rt: LanguageRuntime) => void) {
  return (ctx: BuiltinContext, self: NativeObject<GenState>, a: ApexValue[]) => {
    fn(self.state, a, ctx.runtime);
    return null;
  };
}

const valueNode = (rt: LanguageRuntime, v: ApexValue): JNode => toNode(rt, v, false, new Set());

jsonClasses.push({
  name: 'System.JSONGenerator',
  methods: {
    writestartobject: gen((g) => {
      const n: JNode = { k: 'obj', entries: [] };
      emit(g, n);
      g.stack.push({ node: n, key: null });
    }),
    writestartarray: gen((g) => {
      const n: JNode = { k: 'arr', items: [] };
      emit(g, n);
      g.stack.push({ node: n, key: null });
    }),
    writeendobject: gen((g) => {
      if (g.stack.length < 2 || g.stack[g.stack.length - 1].node?.k !== 'obj')
        throwApex('System.JSONException', 'Current context not an object');
      g.stack.pop();
    }),
    writeendarray: gen((g) => {
      if (g.stack.length < 2 || g.stack[g.stack.length - 1].node?.k !== 'arr')
        throwApex('System.JSONException', 'Current context not an array');
      g.stack.pop();
    }),
    writefieldname: gen((g, a) => {
      g.stack[g.stack.length - 1].key = str(a[0]);
    }),
    writestring: gen((g, a, rt) => emit(g, valueNode(rt, a[0] === null ? null : stringOf(a[0])))),
    writenumber: gen((g, a, rt) => emit(g, valueNode(rt, a[0]))),
    writeboolean: gen((g, a, rt) => emit(g, valueNode(rt, a[0]))),
    writenull: gen((g) => emit(g, { k: 'raw', text: 'null' })),
    writeobject: gen((g, a, rt) => emit(g, valueNode(rt, a[0]))),
    writedate: gen((g, a, rt) => emit(g, valueNode(rt, a[0]))),
    writedatetime: gen((g, a, rt) => emit(g, valueNode(rt, a[0]))),
    writetime: gen((g, a, rt) => emit(g, valueNode(rt, a[0]))),
    writeblob: gen((g, a, rt) => emit(g, valueNode(rt, a[0]))),
    writeid: gen((g, a, rt) => emit(g, valueNode(rt, a[0]))),
    writestringfield: gen((g, a, rt) =>
      fieldWrite(rt, g, a[0], a[1] === null ? null : stringOf(a[1]))
    ),
    writenumberfield: gen((g, a, rt) => fieldWrite(rt, g, a[0], a[1])),
    writebooleanfield: gen((g, a, rt) => fieldWrite(rt, g, a[0], a[1])),
    writenullfield: gen((g, a, rt) => fieldWrite(rt, g, a[0], null)),
    writeobjectfield: gen((g, a, rt) => fieldWrite(rt, g, a[0], a[1])),
    writedatefield: gen((g, a, rt) => fieldWrite(rt, g, a[0], a[1])),
    writedatetimefield: gen((g, a, rt) => fieldWrite(rt, g, a[0], a[1])),
    writetimefield: gen((g, a, rt) => fieldWrite(rt, g, a[0], a[1])),
    writeblobfield: gen((g, a, rt) => fieldWrite(rt, g, a[0], a[1])),
    writeidfield: gen((g, a, rt) => fieldWrite(rt, g, a[0], a[1])),
    getasstring: (_c, self: NativeObject<GenState>) => {
      const root = self.state.stack[0].node;
      if (!root) return '';
      return self.state.pretty ? pretty(root, '') : compact(root);
    },
    close: gen((g) => {
      g.closed = true;
    }),
    isclosed: (_c, self: NativeObject<GenState>) => self.state.closed
  }
});

function fieldWrite(rt: LanguageRuntime, g: GenState, name: ApexValue, v: ApexValue): void {
  g.stack[g.stack.length - 1].key = str(name);
  emit(g, valueNode(rt, v));
}

// ---------------------------------------------------------------------------------------------
// JSONParser

interface ParserState {
  toks: Tok[];
  i: number;
  /** Field name of each enclosing object level. */
  names: (string | null)[];
  cleared: Tok | null;
}

function cur(p: ParserState): Tok | null {
  return p.i >= 0 && p.i < p.toks.length ? p.toks[p.i] : null;
}

function tokenEnum(rt: LanguageRuntime, t: Tok | null): ApexValue {
  if (!t) return null;
  const all = [
    'END_ARRAY',
    'END_OBJECT',
    'FIELD_NAME',
    'NOT_AVAILABLE',
    'START_ARRAY',
    'START_OBJECT',
    'VALUE_EMBEDDED_OBJECT',
    'VALUE_FALSE',
    'VALUE_NULL',
    'VALUE_NUMBER_FLOAT',
    'VALUE_NUMBER_INT',
    'VALUE_STRING',
    'VALUE_TRUE'
  ];
  return rt.builtinEnum('System.JSONToken', t.t, all.indexOf(t.t));
}

function advance(p: ParserState): Tok | null {
  const prev = cur(p);
  if (prev?.t === 'START_OBJECT') p.names.push(null);
  if (prev?.t === 'END_OBJECT') p.names.pop();
  p.i++;
  const t = cur(p);
  if (t?.t === 'FIELD_NAME' && p.names.length) p.names[p.names.length - 1] = t.s;
  p.cleared = null;
  return t;
}

function textOf(t: Tok | null): string | null {
  if (!t) return null;
  if ('s' in t) return t.s;
  return (
    {
      START_OBJECT: '{',
      END_OBJECT: '}',
      START_ARRAY: '[',
      END_ARRAY: ']',
      VALUE_TRUE: 'true',
      VALUE_FALSE: 'false',
      VALUE_NULL: 'null'
    } as Record<string, string>
  )[t.t];
}

function scalar(p: NativeObject<ParserState>): string {
  const t = cur(p.state);
  const s = textOf(t);
  if (s === null || t === null || t.t === 'START_OBJECT' || t.t === 'START_ARRAY')
    throwApex('System.JSONException', 'Current token is not a value');
  return s;
}

jsonClasses.push({
  name: 'System.JSONParser',
  methods: {
    nexttoken: (ctx, self: NativeObject<ParserState>) =>
      tokenEnum(ctx.runtime, advance(self.state)),
    nextvalue: (ctx, self: NativeObject<ParserState>) => {
      let t = advance(self.state);
      while (t && t.t === 'FIELD_NAME') t = advance(self.state);
      return tokenEnum(ctx.runtime, t);
    },
    getcurrenttoken: (ctx, self: NativeObject<ParserState>) =>
      self.state.cleared ? null : tokenEnum(ctx.runtime, cur(self.state)),
    hascurrenttoken: (_c, self: NativeObject<ParserState>) =>
      !self.state.cleared && cur(self.state) !== null,
    clearcurrenttoken: (_c, self: NativeObject<ParserState>) => {
      self.state.cleared = cur(self.state);
      return null;
    },
    getlastclearedtoken: (ctx, self: NativeObject<ParserState>) =>
      tokenEnum(ctx.runtime, self.state.cleared),
    getcurrentname: (_c, self: NativeObject<ParserState>) => {
      const t = cur(self.state);
      if (t?.t === 'FIELD_NAME') return t.s;
      const names = self.state.names;
      if (t?.t === 'START_OBJECT' || t?.t === 'START_ARRAY')
        return names.length ? names[names.length - 1] : null;
      return names.length ? names[names.length - 1] : null;
    },
    gettext: (_c, self: NativeObject<ParserState>) => textOf(cur(self.state)),
    getintegervalue: (_c, self) => Number(scalar(self)) | 0,
    getlongvalue: (_c, self) => BigInt(scalar(self).split('.')[0]),
    getdecimalvalue: (_c, self) => ApexDecimal.fromString(scalar(self)),
    getdoublevalue: (_c, self) => new ApexDouble(Number(scalar(self))),
    getbooleanvalue: (_c, self) => scalar(self) === 'true',
    getdatevalue: (ctx, self) =>
      deserializeTyped(ctx.runtime, JSON.stringify(scalar(self)), typeRef('Date'), false),
    getdatetimevalue: (ctx, self) =>
      deserializeTyped(ctx.runtime, JSON.stringify(scalar(self)), typeRef('Datetime'), false),
    gettimevalue: (ctx, self) =>
      deserializeTyped(ctx.runtime, JSON.stringify(scalar(self)), typeRef('Time'), false),
    getidvalue: (_c, self) => toId(scalar(self)),
    getblobvalue: (_c, self) => new ApexBlob(new Uint8Array(Buffer.from(scalar(self), 'base64'))),
    skipchildren: (_c, self: NativeObject<ParserState>) => {
      const t = cur(self.state);
      if (t?.t !== 'START_OBJECT' && t?.t !== 'START_ARRAY') return null;
      let depth = 1;
      while (depth) {
        const x = advance(self.state);
        if (!x) break;
        if (x.t === 'START_OBJECT' || x.t === 'START_ARRAY') depth++;
        else if (x.t === 'END_OBJECT' || x.t === 'END_ARRAY') depth--;
      }
      return null;
    },
    readvalueas: (ctx, self: NativeObject<ParserState>, a) =>
      readValue(ctx.runtime, self, (a[0] as ApexTypeValue).type, false),
    readvalueasstrict: (ctx, self: NativeObject<ParserState>, a) =>
      readValue(ctx.runtime, self, (a[0] as ApexTypeValue).type, true)
  }
});

/** Reads the value at the current token (object/array/scalar) into a type; leaves the parser on its last token. */
function readValue(
  rt: LanguageRuntime,
  self: NativeObject<ParserState>,
  t: TypeRef,
  strict: boolean
): ApexValue {
  const p = self.state;
  const start = p.i;
  const first = cur(p);
  if (!first) throwApex('System.JSONException', 'No current token');
  let end = start;
  if (first.t === 'START_OBJECT' || first.t === 'START_ARRAY') {
    let depth = 0;
    for (let i = start; i < p.toks.length; i++) {
      const x = p.toks[i];
      if (x.t === 'START_OBJECT' || x.t === 'START_ARRAY') depth++;
      else if (x.t === 'END_OBJECT' || x.t === 'END_ARRAY') depth--;
      if (depth === 0) {
        end = i;
        break;
      }
    }
  }
  const r = new Reader(rt, p.toks.slice(start, end + 1));
  const v = typed(r, t, strict);
  p.i = end;
  return v;
}

export { typeToString };
