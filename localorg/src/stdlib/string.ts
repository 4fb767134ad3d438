/** The String class: every documented static and instance method (Apex Reference, "String Class"). */
import {
  ApexBlob,
  ApexDatetime,
  ApexDecimal,
  ApexDouble,
  ApexId,
  ApexList,
  ApexSet,
  type ApexValue,
  T_INTEGER,
  T_STRING,
  typeRef
} from '../runtime/values.js';
import type { BuiltinClass } from '../runtime/builtins.js';
import { throwApex } from '../runtime/errors.js';
import { stringOf, toId } from '../runtime/ops.js';
import { javaRegex, javaReplacement, javaSplit, translateRegex } from './pattern.js';
import { formatInZone } from '../runtime/tz.js';
import { formatNumber } from './numbers.js';

/** This family's classes; `stdlib/index.ts` registers them into each org's registry. */
export const stringClasses: BuiltinClass[] = [];

function s(v: ApexValue): string {
  if (v === null) throwApex('System.NullPointerException', 'Argument cannot be null.');
  return v instanceof ApexId ? v.value : (v as string);
}

function n(v: ApexValue): number {
  if (v === null) throwApex('System.NullPointerException', 'Argument cannot be null.');
  return v as number;
}

// An Id passes where a String parameter is declared (String.isBlank(record.Id)).
const isBlank = (v: ApexValue) => {
  const x = v instanceof ApexId ? v.value : (v as string | null);
  return x === null || x.trim() === '' || /^\s*$/.test(x);
};

function substring(str: string, a: number, b = str.length): string {
  if (a < 0) throwApex('System.StringException', `Starting position out of bounds: ${a}`);
  if (b > str.length) throwApex('System.StringException', `Ending position out of bounds: ${b}`);
  if (a > b) throwApex('System.StringException', `Starting position out of bounds: ${a}`);
  return str.slice(a, b);
}

function pad(str: string, size: number, padStr: string, left: boolean): string {
  if (padStr === '') padStr = ' ';
  const need = size - str.length;
  if (need <= 0) return str;
  let p = '';
  while (p.length < need) p += padStr;
  p = p.slice(0, need);
  return left ? p + str : str + p;
}

/** commons-lang StringUtils.abbreviate(str, offset, maxWidth), which Apex follows. */
function abbreviate(str: string, maxWidth: number, offset = 0): string {
  if (maxWidth < 4) throwApex('System.StringException', 'Minimum abbreviation width is 4');
  if (str.length <= maxWidth) return str;
  if (offset > str.length) offset = str.length;
  if (str.length - offset < maxWidth - 3) offset = str.length - (maxWidth - 3);
  if (offset <= 4) return str.slice(0, maxWidth - 3) + '...';
  if (maxWidth < 7)
    throwApex('System.StringException', 'Minimum abbreviation width with offset is 7');
  if (offset + maxWidth - 3 < str.length)
    return '...' + abbreviate(str.slice(offset), maxWidth - 3);
  return '...' + str.slice(str.length - (maxWidth - 3));
}

/** String.format: java.text.MessageFormat placeholders {0}, quotes '' and 'literal'. */
export function messageFormat(fmt: string, args: ApexValue[]): string {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === "'") {
      if (fmt[i + 1] === "'") {
        out += "'";
        i++;
        continue;
      }
      const end = fmt.indexOf("'", i + 1);
      out += fmt.slice(i + 1, end < 0 ? fmt.length : end);
      i = end < 0 ? fmt.length : end;
      continue;
    }
    if (c === '{') {
      const end = fmt.indexOf('}', i);
      const spec = fmt.slice(i + 1, end).split(',');
      const idx = parseInt(spec[0].trim(), 10);
      if (Number.isNaN(idx) || end < 0)
        throwApex('System.IllegalArgumentException', `can't parse argument number: ${spec[0]}`);
      const v = idx < args.length ? args[idx] : undefined;
      if (v === undefined) out += `{${spec[0]}}`;
      else if (spec.length > 1) {
        const kind = spec[1].trim().toLowerCase();
        if (kind !== 'number')
          throwApex(
            'System.IllegalArgumentException',
            `Unsupported by the local org: String.format type ${kind}`
          );
        const style = (spec[2] ?? '').trim();
        out += formatNumber(v as number, style || null);
      } else if (
        typeof v === 'number' ||
        typeof v === 'bigint' ||
        v instanceof ApexDecimal ||
        v instanceof ApexDouble
      )
        out += formatNumber(v, null);
      else out += stringOf(v);
      i = end;
      continue;
    }
    out += c;
  }
  return out;
}

const HTML4: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };

function escapeJava(str: string, single: boolean): string {
  let out = '';
  for (const ch of str) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === "'" && single) out += "\\'";
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '/' && single) out += '\\/';
    else if (code < 32 || code > 0x7f) {
      for (let i = 0; i < ch.length; i++)
        out += '\\u' + ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
    } else out += ch;
  }
  return out;
}

function unescapeJava(str: string): string {
  return str.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, c: string) => {
    if (c.length === 5) return String.fromCharCode(parseInt(c.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[c] ?? c;
  });
}

function splitByType(str: string, camel: boolean): string[] {
  if (!str) return [];
  const type = (c: string) =>
    /[a-z]/.test(c)
      ? 1
      : /[A-Z]/.test(c)
        ? 2
        : /[0-9]/.test(c)
          ? 3
          : /\s/.test(c)
            ? 4
            : 5 + c.charCodeAt(0);
  const out: string[] = [];
  let start = 0;
  let cur = type(str[0]);
  for (let i = 1; i < str.length; i++) {
    const t = type(str[i]);
    if (t === cur) continue;
    if (camel && t === 1 && cur === 2) {
      const newStart = i - 1;
      if (newStart !== start) {
        out.push(str.slice(start, newStart));
        start = newStart;
      }
    } else {
      out.push(str.slice(start, i));
      start = i;
    }
    cur = t;
  }
  out.push(str.slice(start));
  return out;
}

function levenshtein(a: string, b: string, threshold?: number): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  const d = dp[b.length];
  return threshold !== undefined && d > threshold ? -1 : d;
}

function list(items: string[]): ApexList {
  return new ApexList(T_STRING, items);
}

function itemsOf(v: ApexValue): ApexValue[] {
  if (v instanceof ApexList) return v.items;
  if (v instanceof ApexSet) return v.values();
  throwApex('System.TypeException', 'Expected a List or Set');
}

stringClasses.push({
  name: 'String',
  aliases: ['system.string'],
  returns: { '.split': typeRef('List', [T_STRING]), '.length': T_INTEGER },
  statics: {
    valueof: (ctx, a) => {
      const v = a[0];
      // Unlike Java, Apex gives null back for null (the common `String.isBlank(String.valueOf(x))`
      // null check and TestFactory-style `if (String.valueOf(map.get(k)) == null)` rely on it).
      if (v === null) return null;
      if (v instanceof ApexDatetime)
        return formatInZone(v.epochMs, 'yyyy-MM-dd HH:mm:ss', ctx.platform.runningUser().timeZone);
      return stringOf(v);
    },
    valueofgmt: (_c, a) =>
      a[0] === null
        ? null
        : formatInZone((a[0] as ApexDatetime).epochMs, 'yyyy-MM-dd HH:mm:ss', 'GMT'),
    isblank: (_c, a) => isBlank(a[0]),
    isnotblank: (_c, a) => !isBlank(a[0]),
    isempty: (_c, a) => a[0] === null || a[0] === '',
    isnotempty: (_c, a) => !(a[0] === null || a[0] === ''),
    join: (_c, a) =>
      itemsOf(a[0])
        .map(stringOf)
        .join(a[1] === null ? '' : (a[1] as string)),
    format: (_c, a) => messageFormat(s(a[0]), a[1] === null ? [] : itemsOf(a[1])),
    escapesinglequotes: (_c, a) => s(a[0]).replace(/'/g, "\\'"),
    fromchararray: (_c, a) => String.fromCodePoint(...(itemsOf(a[0]) as number[])),
    getcommonprefix: (_c, a) => {
      const xs = itemsOf(a[0]).map((x) => (x === null ? '' : (x as string)));
      if (!xs.length) return '';
      let p = xs[0];
      for (const x of xs) while (!x.startsWith(p)) p = p.slice(0, -1);
      return p;
    }
  },
  methods: {
    abbreviate: (_c, t: string, a) =>
      a.length === 1 ? abbreviate(t, n(a[0])) : abbreviate(t, n(a[0]), n(a[1])),
    capitalize: (_c, t: string) => (t ? t[0].toUpperCase() + t.slice(1) : t),
    center: (_c, t: string, a) => {
      const size = n(a[0]);
      const p = a.length > 1 ? s(a[1]) : ' ';
      if (size <= t.length) return t;
      const left = Math.floor((size - t.length) / 2);
      return pad(pad(t, t.length + left, p, true), size, p, false);
    },
    charat: (_c, t: string, a) => {
      const i = n(a[0]);
      if (i < 0 || i >= t.length) throwApex('System.StringException', `Index out of bounds: ${i}`);
      return t.charCodeAt(i);
    },
    codepointat: (_c, t: string, a) =>
      t.codePointAt(n(a[0])) ?? throwApex('System.StringException', `Index out of bounds: ${a[0]}`),
    codepointbefore: (_c, t: string, a) => t.codePointAt(n(a[0]) - 1) ?? null,
    codepointcount: (_c, t: string, a) => [...t.slice(n(a[0]), n(a[1]))].length,
    compareto: (_c, t: string, a) => {
      const o = s(a[0]);
      const len = Math.min(t.length, o.length);
      for (let i = 0; i < len; i++)
        if (t.charCodeAt(i) !== o.charCodeAt(i)) return t.charCodeAt(i) - o.charCodeAt(i);
      return t.length - o.length;
    },
    contains: (_c, t: string, a) => t.includes(s(a[0])),
    containsany: (_c, t: string, a) => [...s(a[0])].some((c) => t.includes(c)),
    containsignorecase: (_c, t: string, a) => t.toLowerCase().includes(s(a[0]).toLowerCase()),
    containsnone: (_c, t: string, a) =>
      a[0] === null || ![...(a[0] as string)].some((c) => t.includes(c)),
    containsonly: (_c, t: string, a) => [...t].every((c) => s(a[0]).includes(c)),
    containswhitespace: (_c, t: string) => /\s/.test(t),
    countmatches: (_c, t: string, a) => {
      const sub = s(a[0]);
      if (!sub) return 0;
      let c = 0;
      for (let i = t.indexOf(sub); i >= 0; i = t.indexOf(sub, i + sub.length)) c++;
      return c;
    },
    deletewhitespace: (_c, t: string) => t.replace(/\s+/g, ''),
    difference: (_c, t: string, a) => {
      const o = s(a[0]);
      let i = 0;
      while (i < t.length && i < o.length && t[i] === o[i]) i++;
      return o.slice(i);
    },
    endswith: (_c, t: string, a) => t.endsWith(s(a[0])),
    endswithignorecase: (_c, t: string, a) => t.toLowerCase().endsWith(s(a[0]).toLowerCase()),
    equals: (_c, t: string, a) => typeof a[0] === 'string' && t === a[0],
    equalsignorecase: (_c, t: string, a) =>
      typeof a[0] === 'string' && t.toLowerCase() === a[0].toLowerCase(),
    escapecsv: (_c, t: string) => (/[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t),
    escapeecmascript: (_c, t: string) => escapeJava(t, true),
    escapehtml3: (_c, t: string) => t.replace(/[<>&"]/g, (c) => HTML4[c]),
    escapehtml4: (_c, t: string) => t.replace(/[<>&"]/g, (c) => HTML4[c]),
    escapejava: (_c, t: string) => escapeJava(t, false),
    escapeunicode: (_c, t: string) =>
      t.replace(
        /[^\x20-\x7e]/g,
        (c) => '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
      ),
    escapexml: (_c, t: string) =>
      t.replace(
        /[<>&"']/g,
        (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c
      ),
    getchars: (_c, t: string) =>
      new ApexList(
        T_INTEGER,
        [...t].map((c) => c.codePointAt(0) ?? 0)
      ),
    getlevenshteindistance: (_c, t: string, a) =>
      levenshtein(t, s(a[0]), a.length > 1 ? n(a[1]) : undefined),
    hashcode: (_c, t: string) => {
      let h = 0;
      for (let i = 0; i < t.length; i++) h = (Math.imul(31, h) + t.charCodeAt(i)) | 0;
      return h;
    },
    indexof: (_c, t: string, a) => t.indexOf(s(a[0]), a.length > 1 ? n(a[1]) : 0),
    indexofany: (_c, t: string, a) => {
      const cs = s(a[0]);
      for (let i = 0; i < t.length; i++) if (cs.includes(t[i])) return i;
      return -1;
    },
    indexofanybut: (_c, t: string, a) => {
      const cs = s(a[0]);
      for (let i = 0; i < t.length; i++) if (!cs.includes(t[i])) return i;
      return -1;
    },
    indexofchar: (_c, t: string, a) =>
      t.indexOf(String.fromCodePoint(n(a[0])), a.length > 1 ? n(a[1]) : 0),
    indexofdifference: (_c, t: string, a) => {
      const o = s(a[0]);
      if (t === o) return -1;
      let i = 0;
      while (i < t.length && i < o.length && t[i] === o[i]) i++;
      return i;
    },
    indexofignorecase: (_c, t: string, a) =>
      t.toLowerCase().indexOf(s(a[0]).toLowerCase(), a.length > 1 ? n(a[1]) : 0),
    isalllowercase: (_c, t: string) => t.length > 0 && /^[a-z]+$/.test(t),
    isalluppercase: (_c, t: string) => t.length > 0 && /^[A-Z]+$/.test(t),
    isalpha: (_c, t: string) => t.length > 0 && /^\p{L}+$/u.test(t),
    isalphaspace: (_c, t: string) => /^[\p{L} ]*$/u.test(t),
    isalphanumeric: (_c, t: string) => t.length > 0 && /^[\p{L}\p{Nd}]+$/u.test(t),
    isalphanumericspace: (_c, t: string) => /^[\p{L}\p{Nd} ]*$/u.test(t),
    isasciiprintable: (_c, t: string) => /^[\x20-\x7e]*$/.test(t),
    isnumeric: (_c, t: string) => t.length > 0 && /^\p{Nd}+$/u.test(t),
    isnumericspace: (_c, t: string) => /^[\p{Nd} ]*$/u.test(t),
    iswhitespace: (_c, t: string) => /^\s*$/.test(t),
    lastindexof: (_c, t: string, a) => t.lastIndexOf(s(a[0]), a.length > 1 ? n(a[1]) : Infinity),
    lastindexofchar: (_c, t: string, a) =>
      t.lastIndexOf(String.fromCodePoint(n(a[0])), a.length > 1 ? n(a[1]) : Infinity),
    lastindexofignorecase: (_c, t: string, a) =>
      t.toLowerCase().lastIndexOf(s(a[0]).toLowerCase(), a.length > 1 ? n(a[1]) : Infinity),
    left: (_c, t: string, a) => t.slice(0, Math.max(0, n(a[0]))),
    leftpad: (_c, t: string, a) => pad(t, n(a[0]), a.length > 1 ? s(a[1]) : ' ', true),
    length: (_c, t: string) => t.length,
    mid: (_c, t: string, a) => t.substr(Math.max(0, n(a[0])), Math.max(0, n(a[1]))),
    normalizespace: (_c, t: string) => t.trim().replace(/\s+/g, ' '),
    offsetbycodepoints: (_c, t: string, a) => {
      let i = n(a[0]);
      for (let k = 0; k < n(a[1]); k++) i += (t.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
      return i;
    },
    remove: (_c, t: string, a) => t.split(s(a[0])).join(''),
    removeend: (_c, t: string, a) =>
      t.endsWith(s(a[0])) ? t.slice(0, t.length - (a[0] as string).length) : t,
    removeendignorecase: (_c, t: string, a) =>
      t.toLowerCase().endsWith(s(a[0]).toLowerCase())
        ? t.slice(0, t.length - (a[0] as string).length)
        : t,
    removestart: (_c, t: string, a) =>
      t.startsWith(s(a[0])) ? t.slice((a[0] as string).length) : t,
    removestartignorecase: (_c, t: string, a) =>
      t.toLowerCase().startsWith(s(a[0]).toLowerCase()) ? t.slice((a[0] as string).length) : t,
    repeat: (_c, t: string, a) =>
      a.length === 1
        ? t.repeat(Math.max(0, n(a[0])))
        : Array(Math.max(0, n(a[1])))
            .fill(t)
            .join(s(a[0])),
    replace: (_c, t: string, a) => t.split(s(a[0])).join(s(a[1])),
    replaceall: (_c, t: string, a) => t.replace(javaRegex(s(a[0])), javaReplacement(s(a[1]))),
    replacefirst: (_c, t: string, a) =>
      t.replace(javaRegex(s(a[0]), false), javaReplacement(s(a[1]))),
    reverse: (_c, t: string) => [...t].reverse().join(''),
    right: (_c, t: string, a) => (n(a[0]) <= 0 ? '' : t.slice(Math.max(0, t.length - n(a[0])))),
    rightpad: (_c, t: string, a) => pad(t, n(a[0]), a.length > 1 ? s(a[1]) : ' ', false),
    split: (_c, t: string, a) => list(javaSplit(t, s(a[0]), a.length > 1 ? n(a[1]) : 0)),
    splitbycharactertype: (_c, t: string) => list(splitByType(t, false)),
    splitbycharactertypecamelcase: (_c, t: string) => list(splitByType(t, true)),
    startswith: (_c, t: string, a) => t.startsWith(s(a[0])),
    startswithignorecase: (_c, t: string, a) => t.toLowerCase().startsWith(s(a[0]).toLowerCase()),
    striphtmltags: (_c, t: string) =>
      t
        .replace(/<script[\s\S]*?<\/script>/gi, '')
        .replace(/<[^>]*>/g, '')
        .trim(),
    substring: (_c, t: string, a) =>
      a.length === 1 ? substring(t, n(a[0])) : substring(t, n(a[0]), n(a[1])),
    substringafter: (_c, t: string, a) => {
      const sep = a[0] as string | null;
      if (sep === null) return '';
      const i = t.indexOf(sep);
      return i < 0 ? '' : t.slice(i + sep.length);
    },
    substringafterlast: (_c, t: string, a) => {
      const sep = a[0] as string | null;
      if (!sep) return '';
      const i = t.lastIndexOf(sep);
      return i < 0 || i === t.length - sep.length ? '' : t.slice(i + sep.length);
    },
    substringbefore: (_c, t: string, a) => {
      const sep = a[0] as string | null;
      if (sep === null) return t;
      if (sep === '') return '';
      const i = t.indexOf(sep);
      return i < 0 ? t : t.slice(0, i);
    },
    substringbeforelast: (_c, t: string, a) => {
      const sep = a[0] as string | null;
      if (!sep) return t;
      const i = t.lastIndexOf(sep);
      return i < 0 ? t : t.slice(0, i);
    },
    substringbetween: (_c, t: string, a) => {
      const open = s(a[0]);
      const close = a.length > 1 ? s(a[1]) : open;
      const i = t.indexOf(open);
      if (i < 0) return null;
      const j = t.indexOf(close, i + open.length);
      return j < 0 ? null : t.slice(i + open.length, j);
    },
    swapcase: (_c, t: string) =>
      [...t].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
    tolowercase: (_c, t: string) => t.toLowerCase(),
    touppercase: (_c, t: string) => t.toUpperCase(),
    trim: (_c, t: string) => t.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, ''),
    uncapitalize: (_c, t: string) => (t ? t[0].toLowerCase() + t.slice(1) : t),
    unescapecsv: (_c, t: string) =>
      t.startsWith('"') && t.endsWith('"') && t.length > 1 ? t.slice(1, -1).replace(/""/g, '"') : t,
    unescapeecmascript: (_c, t: string) => unescapeJava(t),
    unescapehtml3: (_c, t: string) =>
      t.replace(
        /&lt;|&gt;|&amp;|&quot;/g,
        (e) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"' })[e] ?? e
      ),
    unescapehtml4: (_c, t: string) =>
      t.replace(
        /&lt;|&gt;|&amp;|&quot;/g,
        (e) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"' })[e] ?? e
      ),
    unescapejava: (_c, t: string) => unescapeJava(t),
    unescapeunicode: (_c, t: string) =>
      t.replace(/\\u([0-9a-fA-F]{4})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
    unescapexml: (_c, t: string) =>
      t.replace(
        /&lt;|&gt;|&amp;|&quot;|&apos;/g,
        (e) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" })[e] ?? e
      ),
    tostring: (_c, t: string) => t,
    matches: (_c, t: string, a) => {
      const tr = translateRegex(s(a[0]));
      return new RegExp(`^(?:${tr.source})$`, tr.flags).test(t);
    }
  }
});

// Id values answer String methods too (an Id is a String with a checked format).
stringClasses.push({
  name: 'Id',
  aliases: ['system.id'],
  statics: {
    valueof: (_c, a) => {
      if (a[0] === null) return null;
      const v = a[0] instanceof ApexId ? a[0].value : s(a[0]);
      const r = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(v) ? v : null;
      if (!r) throwApex('System.StringException', `Invalid id: ${v}`);
      return toId(v);
    }
  },
  methods: {
    getsobjecttype: (ctx, self: ApexId) => {
      const prefix = self.prefix;
      const fn = (
        ctx.platform as unknown as {
          sobjectTypeTokenByPrefix?: (c: typeof ctx, p: string) => ApexValue;
        }
      ).sobjectTypeTokenByPrefix;
      if (!fn)
        throwApex(
          'System.TypeException',
          `Unsupported by the local org: Id.getSObjectType needs the platform (${prefix})`
        );
      return fn.call(ctx.platform, ctx, prefix);
    },
    to15: (_c, self: ApexId) => self.value.slice(0, 15),
    equals: (_c, self: ApexId, a) =>
      a[0] !== null &&
      stringOf(a[0]).slice(0, 15) === self.value.slice(0, 15) &&
      (stringOf(a[0]).length === 15 || stringOf(a[0]) === self.value),
    tostring: (_c, self: ApexId) => self.value,
    length: () => 18,
    startswith: (_c, self: ApexId, a) => self.value.startsWith(s(a[0])),
    substring: (_c, self: ApexId, a) =>
      a.length === 1 ? substring(self.value, n(a[0])) : substring(self.value, n(a[0]), n(a[1])),
    left: (_c, self: ApexId, a) => self.value.slice(0, n(a[0]))
  }
});

export function blobToString(b: ApexBlob): string {
  return new TextDecoder('utf-8').decode(b.bytes);
}
