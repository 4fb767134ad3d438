/**
 * Pattern and Matcher, plus the Java-regex translation every regex-taking String method uses.
 * Java syntax that JavaScript lacks is translated when the meaning is the same (\A, \z, \Q..\E,
 * leading (?i)/(?s)/(?m)/(?x)?, POSIX \p{...} classes) and rejected loudly otherwise.
 */
import { ApexList, type ApexValue, NativeObject, T_STRING } from '../runtime/values.js';
import type { BuiltinClass } from '../runtime/builtins.js';
import { throwApex, unsupported } from '../runtime/errors.js';

/** This family's classes; `stdlib/index.ts` registers them into each org's registry. */
export const patternClasses: BuiltinClass[] = [];

const POSIX: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
  L: '\\p{L}',
  IsAlphabetic: '\\p{L}',
  javaLowerCase: 'a-z',
  javaUpperCase: 'A-Z'
};

const cache = new Map<string, { source: string; flags: string }>();

/** Java regex → JavaScript source + flags. Unsupported constructs throw with the construct named. */
export function translateRegex(java: string): { source: string; flags: string } {
  const hit = cache.get(java);
  if (hit) return hit;
  let flags = '';
  let s = java;
  const lead = /^\(\?([imsx]+)\)/.exec(s);
  if (lead) {
    for (const f of lead[1]) {
      if (f === 'x') unsupported(`regex flag (?x) in '${java}'`);
      if (!flags.includes(f)) flags += f;
    }
    s = s.slice(lead[0].length);
  }
  let out = '';
  let inClass = false;
  let needsUnicode = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      const n = s[i + 1];
      if (n === 'Q') {
        const end = s.indexOf('\\E', i + 2);
        const lit = s.slice(i + 2, end < 0 ? s.length : end);
        out += lit.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
        i = end < 0 ? s.length : end + 1;
        continue;
      }
      if (n === 'A') {
        out += '^';
        i++;
        continue;
      }
      if (n === 'z' || n === 'Z') {
        out += '$';
        i++;
        continue;
      }
      if (n === 'p' || n === 'P') {
        const m = /^\{(?:Is)?([A-Za-z]+)\}/.exec(s.slice(i + 2));
        if (!m || !POSIX[m[1]])
          unsupported(`regex class \\${n}${m ? `{${m[1]}}` : ''} in '${java}'`);
        const body = POSIX[m[1]];
        if (body.startsWith('\\p')) needsUnicode = true;
        out += inClass ? body : n === 'P' ? `[^${body}]` : `[${body}]`;
        i += 1 + m[0].length;
        continue;
      }
      if (n === 'G' || n === 'R' || n === 'X' || n === 'h' || n === 'H' || n === 'V')
        unsupported(`regex escape \\${n} in '${java}'`);
      out += c + (n ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === '[') unsupported(`nested character class in '${java}'`);
      if (c === '&' && s[i + 1] === '&')
        unsupported(`character class intersection && in '${java}'`);
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (s[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (s[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && s[i + 1] === '?') {
      const k = s[i + 2];
      if (k === '>') unsupported(`atomic group (?>...) in '${java}'`);
      if (/[imsx-]/.test(k)) unsupported(`inline flag group in '${java}'`);
      if (k === '<' && s[i + 3] !== '=' && s[i + 3] !== '!') {
        // Named group (?<name>...) is the same in JS.
      }
    }
    if ((c === '+' || c === '*' || c === '?' || c === '}') && s[i + 1] === '+' && out.length)
      unsupported(`possessive quantifier ${c}+ in '${java}'`);
    out += c;
  }
  if (needsUnicode) flags += 'u';
  const r = { source: out, flags };
  cache.set(java, r);
  return r;
}

export function javaRegex(java: string, global = true): RegExp {
  const t = translateRegex(java);
  try {
    return new RegExp(t.source, t.flags + (global ? 'g' : ''));
  } catch (e) {
    throwApex('System.StringException', `Invalid regex: ${(e as Error).message}`);
  }
}

/** Java String.split(regex, limit): trailing empty strings removed when limit is 0. */
export function javaSplit(s: string, regex: string, limit = 0): string[] {
  if (s === '') return [''];
  const re = javaRegex(regex);
  const out: string[] = [];
  let index = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    if (m[0].length === 0) {
      if (m.index >= s.length) break;
      if (m.index === 0) {
        re.lastIndex++;
        continue;
      }
    }
    if (limit > 0 && out.length === limit - 1) break;
    out.push(s.slice(index, m.index));
    index = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  if (index === 0 && out.length === 0) return [s];
  out.push(s.slice(index));
  if (limit === 0) while (out.length > 1 && out[out.length - 1] === '') out.pop();
  if (limit === 0 && out.length === 1 && out[0] === '' && index > 0) return [];
  return out;
}

/** Java replacement string ($1, \$) → JS replacement ($1, $$). */
export function javaReplacement(r: string): string {
  let out = '';
  for (let i = 0; i < r.length; i++) {
    const c = r[i];
    if (c === '\\' && i + 1 < r.length) {
      out += r[i + 1] === '$' ? '$$' : r[i + 1];
      i++;
    } else if (c === '$') {
      const m = /^\$(\d+|\{[A-Za-z][A-Za-z0-9]*\})/.exec(r.slice(i));
      if (!m) throwApex('System.StringException', `Illegal group reference: ${r}`);
      out += m[1].startsWith('{') ? `$<${m[1].slice(1, -1)}>` : `$${m[1]}`;
      i += m[0].length - 1;
    } else out += c;
  }
  return out;
}

interface PatternState {
  regex: string;
}

interface MatcherState {
  pattern: string;
  input: string;
  re: RegExp;
  match: RegExpExecArray | null;
  /** Position where the next find() starts. */
  from: number;
  appendPos: number;
}

function str(v: ApexValue, what: string): string {
  if (v === null) throwApex('System.NullPointerException', `Argument cannot be null: ${what}`);
  return v as string;
}

function matcherOf(p: NativeObject<PatternState>, input: string): NativeObject<MatcherState> {
  return new NativeObject<MatcherState>('System.Matcher', {
    pattern: p.state.regex,
    input,
    re: javaRegex(p.state.regex),
    match: null,
    from: 0,
    appendPos: 0
  });
}

function current(m: NativeObject<MatcherState>): RegExpExecArray {
  if (!m.state.match) throwApex('System.StringException', 'No match found');
  return m.state.match;
}

patternClasses.push({
  name: 'System.Pattern',
  statics: {
    compile: (_c, a) =>
      new NativeObject<PatternState>('System.Pattern', {
        regex: (javaRegex(str(a[0], 'regex')), a[0] as string)
      }),
    matches: (_c, a) => fullMatch(str(a[0], 'regex'), str(a[1], 'input')),
    quote: (_c, a) => `\\Q${str(a[0], 's')}\\E`
  },
  methods: {
    matcher: (_c, self: NativeObject<PatternState>, a) => matcherOf(self, str(a[0], 'input')),
    pattern: (_c, self: NativeObject<PatternState>) => self.state.regex,
    split: (_c, self: NativeObject<PatternState>, a) =>
      new ApexList(
        T_STRING,
        javaSplit(str(a[0], 'input'), self.state.regex, a.length > 1 ? (a[1] as number) : 0)
      )
  }
});

function fullMatch(regex: string, input: string): boolean {
  const t = translateRegex(regex);
  return new RegExp(`^(?:${t.source})$`, t.flags).test(input);
}

patternClasses.push({
  name: 'System.Matcher',
  methods: {
    matches: (_c, self: NativeObject<MatcherState>) => {
      const t = translateRegex(self.state.pattern);
      const m = new RegExp(`^(?:${t.source})$`, t.flags).exec(self.state.input);
      self.state.match = m;
      return m !== null;
    },
    find: (_c, self: NativeObject<MatcherState>, a) => {
      const st = self.state;
      if (a.length) st.from = a[0] as number;
      st.re.lastIndex = st.from;
      const m = st.re.exec(st.input);
      st.match = m;
      if (m) st.from = m.index + Math.max(m[0].length, m[0].length === 0 ? 1 : 0);
      return m !== null;
    },
    lookingat: (_c, self: NativeObject<MatcherState>) => {
      const t = translateRegex(self.state.pattern);
      const m = new RegExp(`^(?:${t.source})`, t.flags).exec(self.state.input);
      self.state.match = m;
      return m !== null;
    },
    group: (_c, self: NativeObject<MatcherState>, a) => {
      const m = current(self);
      if (!a.length) return m[0];
      if (typeof a[0] === 'string') return m.groups?.[a[0]] ?? null;
      const i = a[0] as number;
      if (i < 0 || i >= m.length) throwApex('System.StringException', `No group ${i}`);
      return m[i] ?? null;
    },
    groupcount: (_c, self: NativeObject<MatcherState>) =>
      (new RegExp(`${translateRegex(self.state.pattern).source}|`).exec('')?.length ?? 1) - 1,
    start: (_c, self: NativeObject<MatcherState>, a) => {
      const m = current(self);
      if (!a.length || a[0] === 0) return m.index;
      const g = m[a[0] as number];
      return g === undefined ? -1 : self.state.input.indexOf(g, m.index);
    },
    end: (_c, self: NativeObject<MatcherState>, a) => {
      const m = current(self);
      if (!a.length || a[0] === 0) return m.index + m[0].length;
      const g = m[a[0] as number];
      return g === undefined ? -1 : self.state.input.indexOf(g, m.index) + g.length;
    },
    hitend: (_c, self: NativeObject<MatcherState>) => self.state.from >= self.state.input.length,
    reset: (_c, self: NativeObject<MatcherState>, a) => {
      if (a.length) self.state.input = str(a[0], 'input');
      self.state.from = 0;
      self.state.match = null;
      self.state.appendPos = 0;
      return self;
    },
    replaceall: (_c, self: NativeObject<MatcherState>, a) =>
      self.state.input.replace(
        javaRegex(self.state.pattern),
        javaReplacement(str(a[0], 'replacement'))
      ),
    replacefirst: (_c, self: NativeObject<MatcherState>, a) =>
      self.state.input.replace(
        javaRegex(self.state.pattern, false),
        javaReplacement(str(a[0], 'replacement'))
      ),
    pattern: (_c, self: NativeObject<MatcherState>) =>
      new NativeObject<PatternState>('System.Pattern', { regex: self.state.pattern }),
    regionstart: () => 0,
    regionend: (_c, self: NativeObject<MatcherState>) => self.state.input.length
  }
});
