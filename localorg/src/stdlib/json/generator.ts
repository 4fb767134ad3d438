/**
 * System.JSONGenerator: builds the same node tree as JSON.serialize, printed at getAsString().
 */
import { NativeObject, type ApexValue } from '../../runtime/values.js';
import type { BuiltinClass, BuiltinContext } from '../../runtime/builtins.js';
import { throwApex } from '../../runtime/errors.js';
import { stringOf } from '../../runtime/ops.js';
import type { LanguageRuntime } from '../../runtime/language.js';
import { type JNode, compact, pretty, toNode } from './serialize.js';
import { str } from './args.js';

export const generatorClasses: BuiltinClass[] = [];

// ---------------------------------------------------------------------------------------------
// JSONGenerator: builds the same node tree, printed at getAsString().

interface Frame {
  node: JNode | null;
  key: string | null;
}
export interface GenState {
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

generatorClasses.push({
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
