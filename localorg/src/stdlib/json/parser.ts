/**
 * System.JSONParser: token by token over the same tokenizer, with readValueAs into typed values.
 */
import {
  ApexBlob,
  ApexDecimal,
  ApexDouble,
  ApexTypeValue,
  NativeObject,
  typeRef,
  type ApexValue,
  type TypeRef
} from '../../runtime/values.js';
import { throwApex } from '../../runtime/errors.js';
import { toId } from '../../runtime/ops.js';
import type { LanguageRuntime } from '../../runtime/language.js';
import type { Tok } from './tokens.js';
import { Reader, deserializeTyped, typed } from './deserialize.js';
import type { BuiltinClass } from '../../runtime/builtins.js';

export const parserClasses: BuiltinClass[] = [];

// ---------------------------------------------------------------------------------------------
// JSONParser

export interface ParserState {
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

parserClasses.push({
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
