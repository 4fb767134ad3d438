// Formula evaluation in Apex (Apex Reference: "Formula Class", "FormulaEval Namespace",
// "FormulaBuilder Class", "FormulaInstance Class", "FormulaRecalcResult Class"):
// Formula.builder().withType(T).withReturnType(R).withFormula(text).build().evaluate(context) over an
// SObject or a global Apex object (its fields and properties by name, `owner.Name` through an
// SObject it holds), and Formula.recalculateFormulas(records).
import {
  ApexDecimal,
  ApexDouble,
  ApexEnumValue,
  ApexList,
  ApexObject,
  ApexSObject,
  ApexSet,
  ApexTypeValue,
  NativeObject,
  T_BOOLEAN,
  T_OBJECT,
  T_SOBJECT,
  T_STRING,
  typeRef,
  type ApexValue
} from '../../runtime/values.ts';
import type { NativeCallContext } from '../../runtime/platform.ts';
import type { LanguageRuntime } from '../../runtime/language.ts';
import type { OrgFormulas } from '../formula/org-formulas.ts';
import { evaluate } from '../formula/evaluate.ts';
import {
  formulaRefs,
  parseFormula,
  FormulaSyntaxError,
  type FormulaNode
} from '../formula/parse.ts';
import type { RecordEnv } from '../formula/record-env.ts';
import { FormulaError, fromApex, ftypeOf, type FRef, type FValue } from '../formula/values.ts';
import type { NativesEnv, OrgServices } from './services.ts';
import { T_LIST, enumProps, m, state, type PlatformClassDef } from './common.ts';

const RETURN_TYPES = [
  'BOOLEAN',
  'DATE',
  'DATETIME',
  'DECIMAL',
  'DOUBLE',
  'ID',
  'INTEGER',
  'LONG',
  'STRING',
  'TIME'
];
// The data FormulaEval.FormulaGlobal names (withGlobalVariables): $User, $Profile, $Organization,
// $UserRole, $Setup, $CustomMetadata, $Label, $Permission. The local org resolves these merge fields
// whether or not they are listed.
const GLOBALS = [
  'CUSTOM_METADATA',
  'CUSTOM_PERMISSION',
  'LABEL',
  'ORGANIZATION',
  'PROFILE',
  'SETUP',
  'USER',
  'USER_ROLE'
];

interface BuilderState {
  type: ApexValue;
  returnType: string | null;
  formula: string | null;
  nullAsZero: boolean;
  template: boolean;
}

interface InstanceState {
  node: FormulaNode;
  returnType: string;
  nullAsZero: boolean;
  object: string | null;
  refs: string[];
}

const formulasOf = (org: OrgServices): OrgFormulas => {
  const f = (org as OrgServices & { formulas?: OrgFormulas }).formulas;
  if (!f) throw new Error('Unsupported by the local org: this org has no formula engine');
  return f;
};

/** `{!a} and {!b}` (parseAsTemplate) as the formula `"" & TEXT-less a & " and " & b`. */
function templateFormula(text: string): string {
  const parts: string[] = [];
  let i = 0;
  for (const m of text.matchAll(/\{!([^}]*)\}/g)) {
    if (m.index > i) parts.push(JSON.stringify(text.slice(i, m.index)));
    parts.push(`(${m[1]})`);
    i = m.index + m[0].length;
  }
  if (i < text.length) parts.push(JSON.stringify(text.slice(i)));
  return parts.length ? parts.join(' & ') : '""';
}

/** The SObject a withType argument names, or null for an Apex class. */
function sobjectOf(ctx: NativeCallContext, type: ApexValue): string | null {
  if (type instanceof NativeObject && type.className === 'Schema.SObjectType')
    return (type.state as { object: string }).object;
  if (type instanceof ApexTypeValue) {
    const rt = ctx.runtime as LanguageRuntime;
    return rt.isSObjectType?.(type.type.name.replace(/^Schema\./i, '')) ?? null;
  }
  return null;
}

function build(ctx: NativeCallContext, org: OrgServices, b: BuilderState): NativeObject {
  const fail = (msg: string): never => ctx.throwApex('System.FormulaValidationException', msg);
  if (b.formula === null) fail('withFormula is required');
  if (b.returnType === null) fail('withReturnType is required');
  if (b.type === null) fail('withType is required');
  const text = b.template ? templateFormula(b.formula ?? '') : (b.formula ?? '');
  let node: FormulaNode;
  try {
    node = parseFormula(text);
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return fail(e.message);
    throw e;
  }
  const object = sobjectOf(ctx, b.type);
  if (object) {
    // Fields are checked when the formula is built (build(): "If the formula validation such as
    // field references, functions, or syntax, fails, the method throws a FormulaValidationException").
    const schema = org.schema.require(object);
    for (const p of formulaRefs(node)) {
      if (p[0].startsWith('$')) continue;
      let cur = schema;
      for (let i = 0; i < p.length - 1; i++) {
        const rel = cur.relationship(p[i]);
        const target = rel?.referenceTo?.[0] ? org.schema.get(rel.referenceTo[0]) : undefined;
        if (!target)
          return fail(`Field ${p.slice(0, i + 1).join('.')} does not exist on ${cur.name}`);
        cur = target;
      }
      if (!cur.field(p[p.length - 1]))
        return fail(`Field ${p.join('.')} does not exist on ${schema.name}`);
    }
  }
  const state: InstanceState = {
    node,
    returnType: b.returnType ?? 'STRING',
    nullAsZero: b.nullAsZero,
    object,
    refs: [
      ...new Set(
        formulaRefs(node)
          .filter((p) => !p[0].startsWith('$'))
          .map((p) => p.join('.'))
      )
    ]
  };
  return new NativeObject('FormulaEval.FormulaInstance', state);
}

/** Reads `path` from an Apex object or SObject in memory (SObject parents not held are read from the store). */
function readPath(ctx: NativeCallContext, org: OrgServices, root: ApexValue, path: string[]): FRef {
  const rt = ctx.runtime as LanguageRuntime;
  let cur: ApexValue = root;
  for (let i = 0; i < path.length; i++) {
    const name = path[i];
    const last = i === path.length - 1;
    if (cur === null) return { v: null, t: 'any' };
    if (cur instanceof ApexSObject) {
      const object = org.schema.require(cur.type);
      if (last) {
        const f = object.field(name);
        if (!f) throw new FormulaError(`Field ${name} does not exist on ${object.name}`, 'compile');
        const calc = f as typeof f & { formula?: string; summary?: string };
        const raw = cur.raw(f.name);
        if (raw === undefined && (calc.formula || calc.summary))
          return { v: fromApex(formulasOf(org).value(object, cur, f)), t: ftypeOf(f.type) };
        return { v: fromApex(raw ?? null), t: ftypeOf(f.type) };
      }
      const rel = object.relationship(name);
      if (!rel) throw new FormulaError(`Field ${name} does not exist on ${object.name}`, 'compile');
      const held = cur.raw(rel.relationshipName ?? name);
      if (held instanceof ApexSObject) cur = held;
      else {
        const id = cur.raw(rel.name);
        const row = id === undefined || id === null ? undefined : org.store.get(String(id));
        if (!row) return { v: null, t: 'any' };
        const parent = new ApexSObject(row.type);
        for (const [k, v] of row.values)
          parent.set(org.schema.get(row.type)?.field(k)?.name ?? k, v);
        cur = parent;
      }
      continue;
    }
    if (cur instanceof ApexObject) {
      if (typeof rt.getMember !== 'function')
        throw new Error(
          'Unsupported by the local org: FormulaEval over an Apex object without the interpreter'
        );
      cur = rt.getMember(cur, name);
      if (last)
        return {
          v: fromApex(cur),
          t: cur instanceof ApexDecimal || typeof cur === 'number' ? 'number' : 'any'
        };
      continue;
    }
    throw new FormulaError(`${path.slice(0, i).join('.')} has no field ${name}`, 'compile');
  }
  return { v: fromApex(cur), t: 'any' };
}

/** The formula result as the FormulaReturnType asks. */
function asReturnType(ctx: NativeCallContext, v: FValue, type: string): ApexValue {
  const wrong = (): never =>
    ctx.throwApex(
      'System.FormulaEvaluationException',
      `Formula result is data type (${v === null ? 'Null' : v.constructor.name}), incompatible with expected data type (${type})`
    );
  if (v === null) return null;
  switch (type) {
    case 'BOOLEAN':
      return typeof v === 'boolean' ? v : wrong();
    case 'STRING':
    case 'ID':
      return typeof v === 'string' ? v : wrong();
    case 'DECIMAL':
      return v instanceof ApexDecimal ? v : wrong();
    case 'DOUBLE':
      return v instanceof ApexDecimal ? new ApexDouble(v.toNumber()) : wrong();
    case 'INTEGER':
      return v instanceof ApexDecimal ? Number(v.withScale(0, 'DOWN').unscaled) : wrong();
    case 'LONG':
      return v instanceof ApexDecimal ? v.withScale(0, 'DOWN').unscaled : wrong();
    default:
      return v;
  }
}

export function formulaClasses(env: NativesEnv): PlatformClassDef[] {
  const builder = (self: ApexValue): BuilderState => state<BuilderState>(self);
  const chain =
    (f: (b: BuilderState, v: ApexValue) => void) =>
    (_c: NativeCallContext, self: ApexValue, [v]: ApexValue[]) => {
      f(builder(self), v);
      return self;
    };
  return [
    {
      name: 'System.Formula',
      aliases: ['Formula'],
      methods: [
        m(
          'builder',
          [],
          typeRef('FormulaEval.FormulaBuilder'),
          () =>
            new NativeObject<BuilderState>('FormulaEval.FormulaBuilder', {
              type: null,
              returnType: null,
              formula: null,
              nullAsZero: false,
              template: false
            }),
          true
        ),
        m(
          'recalculateFormulas',
          [T_LIST(T_SOBJECT)],
          T_LIST(typeRef('System.FormulaRecalcResult')),
          (_c, _s, [records]) => {
            const out = new ApexList(typeRef('System.FormulaRecalcResult'));
            const formulas = formulasOf(env.org);
            for (const r of (records as ApexList).items) {
              const rec = r as ApexSObject;
              formulas.recalculate(env.org.schema.require(rec.type), rec);
              out.items.push(new NativeObject('System.FormulaRecalcResult', { record: rec }));
            }
            return out;
          },
          true
        )
      ]
    },
    {
      name: 'System.FormulaRecalcResult',
      aliases: ['FormulaRecalcResult'],
      methods: [
        m('isSuccess', [], T_BOOLEAN, () => true),
        m('getSObject', [], T_SOBJECT, (_c, self) => state<{ record: ApexSObject }>(self).record),
        m(
          'getErrors',
          [],
          T_LIST(typeRef('System.FormulaRecalcFieldError')),
          () => new ApexList(typeRef('System.FormulaRecalcFieldError'))
        )
      ]
    },
    {
      name: 'FormulaEval.FormulaBuilder',
      methods: [
        m(
          'withType',
          [typeRef('System.Type')],
          typeRef('FormulaEval.FormulaBuilder'),
          chain((b, v) => (b.type = v))
        ),
        m(
          'withType',
          [typeRef('Schema.SObjectType')],
          typeRef('FormulaEval.FormulaBuilder'),
          chain((b, v) => (b.type = v))
        ),
        m(
          'withReturnType',
          [typeRef('FormulaEval.FormulaReturnType')],
          typeRef('FormulaEval.FormulaBuilder'),
          chain((b, v) => (b.returnType = v instanceof ApexEnumValue ? v.name : String(v)))
        ),
        m(
          'withFormula',
          [T_STRING],
          typeRef('FormulaEval.FormulaBuilder'),
          chain((b, v) => (b.formula = v === null ? null : String(v)))
        ),
        m(
          'withGlobalVariables',
          [T_LIST(typeRef('FormulaEval.FormulaGlobal'))],
          typeRef('FormulaEval.FormulaBuilder'),
          chain(() => undefined)
        ),
        m(
          'treatNumericNullAsZero',
          [T_BOOLEAN],
          typeRef('FormulaEval.FormulaBuilder'),
          chain((b, v) => (b.nullAsZero = v === true))
        ),
        m(
          'parseAsTemplate',
          [T_BOOLEAN],
          typeRef('FormulaEval.FormulaBuilder'),
          chain((b, v) => (b.template = v === true))
        ),
        m('build', [], typeRef('FormulaEval.FormulaInstance'), (ctx, self) =>
          build(ctx, env.org, builder(self))
        )
      ]
    },
    {
      name: 'FormulaEval.FormulaInstance',
      methods: [
        m('evaluate', [T_OBJECT], T_OBJECT, (ctx, self, [context]) => {
          const s = state<InstanceState>(self);
          const org = env.org;
          const formulas = formulasOf(org);
          const base = formulas.globalsEnv(s.nullAsZero);
          const fenv = Object.assign(Object.create(base) as RecordEnv, {
            ref: (p: string[]): FRef =>
              p[0].startsWith('$') ? base.ref(p) : readPath(ctx, org, context, p)
          });
          try {
            return asReturnType(ctx, evaluate(s.node, fenv), s.returnType);
          } catch (e) {
            if (e instanceof FormulaError)
              return ctx.throwApex('System.FormulaEvaluationException', e.message);
            throw e;
          }
        }),
        m('getReferencedFields', [], typeRef('Set', [T_STRING]), (_c, self) => {
          const out = new ApexSet(T_STRING);
          for (const r of state<InstanceState>(self).refs) out.add(r);
          return out;
        })
      ]
    },
    {
      name: 'FormulaEval.FormulaReturnType',
      enumValues: RETURN_TYPES,
      methods: [],
      staticProperty: enumProps('FormulaEval.FormulaReturnType', RETURN_TYPES)
    },
    {
      name: 'FormulaEval.FormulaGlobal',
      enumValues: GLOBALS,
      methods: [],
      staticProperty: enumProps('FormulaEval.FormulaGlobal', GLOBALS)
    }
  ];
}
