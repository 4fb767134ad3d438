/**
 * The JSON tokenizer, shared by JSON.deserialize and JSONParser; keeps number text exact for
 * Decimal and Long.
 */
import { throwApex } from '../../runtime/errors.js';

// ---------------------------------------------------------------------------------------------
// Tokenizer (keeps number text exact for Decimal/Long)

export type Tok =
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

export function tokenize(src: string): Tok[] {
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
