/**
 * System.JSON: the serialize and deserialize statics.
 */
import { ApexTypeValue, NativeObject } from '../../runtime/values.js';
import { serialize } from './serialize.js';
import { tokenize } from './tokens.js';
import { deserializeTyped, deserializeUntyped } from './deserialize.js';
import type { GenState } from './generator.js';
import type { ParserState } from './parser.js';
import { str } from './args.js';
import type { BuiltinClass } from '../../runtime/builtins.js';

export const jsonClassDefs: BuiltinClass[] = [];

jsonClassDefs.push({
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
