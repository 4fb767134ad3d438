// Invocable.Action (Apex Reference, "Action Class" of the Invocable namespace: createCustomAction,
// createStandardAction, setInvocations, addInvocation, setInvocationParameter, invoke; "Result Class",
// "Error Class"). An action names a flow, an Apex invocable method or a standard action.
//
// The local org runs no flows or standard actions: invoking an action that the org's source defines
// (a flow of `flows/`, or an Apex class) fails loudly; an action the org does not have returns one
// unsuccessful Result per invocation with an error saying so, as the platform answers an unknown
// action. Results and errors have their JSON form (tests build them with JSON.deserialize).
import { UnsupportedError } from '../../runtime/platform.ts';
import {
  ApexList,
  ApexMap,
  NativeObject,
  T_BOOLEAN,
  T_OBJECT,
  T_STRING,
  T_VOID,
  typeRef,
  type ApexValue
} from '../../runtime/values.ts';
import { T_LIST, m, state, type PlatformClassDef } from './common.ts';
import type { NativesEnv } from './services.ts';

interface ActionState {
  type: string;
  namespace: string | null;
  name: string | null;
  standard: boolean;
  invocations: ApexMap[];
}

interface ResultState {
  action: ApexValue;
  success: boolean;
  errors: ApexValue[];
  outputParameters: ApexMap;
  invocationParameters: ApexMap;
}

interface ErrorState {
  code: string | null;
  message: string | null;
}

const T_ACTION = typeRef('Invocable.Action');
const T_RESULT = typeRef('Invocable.Action.Result');
const T_ERROR = typeRef('Invocable.Action.Error');
const T_PARAMS = typeRef('Map', [T_STRING, T_OBJECT]);

const params = (): ApexMap => new ApexMap(T_STRING, T_OBJECT);

function jsonField(v: ApexValue, name: string): ApexValue {
  if (!(v instanceof ApexMap)) return null;
  const k = v.keys().find((x) => typeof x === 'string' && x.toLowerCase() === name.toLowerCase());
  return k === undefined ? null : v.get(k);
}

function newError(code: string | null, message: string | null): NativeObject<ErrorState> {
  return new NativeObject<ErrorState>('Invocable.Action.Error', { code, message });
}

export function invocableClasses(env: NativesEnv): PlatformClassDef[] {
  const act = (self: ApexValue) => state<ActionState>(self);
  const res = (self: ApexValue) => state<ResultState>(self);
  const create = (type: ApexValue, ns: ApexValue, name: ApexValue, standard: boolean) =>
    new NativeObject<ActionState>('Invocable.Action', {
      type: String(type),
      namespace: ns === null || ns === undefined ? null : String(ns),
      name: name === null || name === undefined ? null : String(name),
      standard,
      invocations: []
    });
  const current = (s: ActionState): ApexMap => {
    if (!s.invocations.length) s.invocations.push(params());
    return s.invocations[s.invocations.length - 1];
  };
  /** Does the org's source define this custom action? */
  const defined = (s: ActionState): boolean => {
    const t = s.type.toLowerCase();
    const name = (s.name ?? '').toLowerCase();
    if (t === 'flow') return env.org.metadata.flows.some((f) => f.toLowerCase() === name);
    if (t === 'apex')
      return env.org.metadata.apexClasses.some((c) => c.name.toLowerCase() === name);
    return true;
  };
  return [
    {
      name: 'Invocable.Action',
      methods: [
        m(
          'createCustomAction',
          [T_STRING, T_STRING],
          T_ACTION,
          (_c, _s, [type, name]) => create(type, null, name, false),
          true
        ),
        m(
          'createCustomAction',
          [T_STRING, T_STRING, T_STRING],
          T_ACTION,
          (_c, _s, [type, ns, name]) => create(type, ns, name, false),
          true
        ),
        m(
          'createStandardAction',
          [T_STRING],
          T_ACTION,
          (_c, _s, [type]) => create(type, null, null, true),
          true
        ),
        m('getType', [], T_STRING, (_c, self) => act(self).type),
        m('getName', [], T_STRING, (_c, self) => act(self).name),
        m('getNamespace', [], T_STRING, (_c, self) => act(self).namespace),
        m('isStandard', [], T_BOOLEAN, (_c, self) => act(self).standard),
        m('setInvocationParameter', [T_STRING, T_OBJECT], T_ACTION, (_c, self, [k, v]) => {
          current(act(self)).put(k, v);
          return self;
        }),
        m('getInvocationParameter', [T_STRING], T_OBJECT, (_c, self, [k]) =>
          current(act(self)).get(k)
        ),
        m('addInvocation', [], T_ACTION, (_c, self) => {
          act(self).invocations.push(params());
          return self;
        }),
        m('clearInvocations', [], T_VOID, (_c, self) => {
          act(self).invocations = [];
          return null;
        }),
        m('setInvocations', [T_LIST(T_PARAMS)], T_ACTION, (_c, self, [list]) => {
          act(self).invocations =
            list instanceof ApexList
              ? list.items.map((x) => {
                  const p = params();
                  if (x instanceof ApexMap) for (const [k, v] of x.entries()) p.put(k, v);
                  return p;
                })
              : [];
          return self;
        }),
        m(
          'getInvocations',
          [],
          T_LIST(T_PARAMS),
          (_c, self) => new ApexList(T_PARAMS, [...act(self).invocations])
        ),
        m('invoke', [], T_LIST(T_RESULT), (ctx, self) => {
          const s = act(self);
          const label = `${s.type}${s.name ? ` ${s.namespace ? `${s.namespace}__` : ''}${s.name}` : ''}`;
          if (defined(s))
            throw new UnsupportedError(
              `Invocable.Action.invoke() of ${label} (the local org runs no flows or standard actions)`,
              ctx.pos
            );
          const calls = s.invocations.length ? s.invocations : [params()];
          return new ApexList(
            T_RESULT,
            calls.map(
              (inv) =>
                new NativeObject<ResultState>('Invocable.Action.Result', {
                  action: self,
                  success: false,
                  errors: [
                    newError('NOT_FOUND', `No ${s.type} action named ${s.name} in this org`)
                  ],
                  outputParameters: params(),
                  invocationParameters: inv
                })
            )
          );
        })
      ]
    },
    {
      name: 'Invocable.Action.Result',
      methods: [
        m('getAction', [], T_ACTION, (_c, self) => res(self).action),
        m('isSuccess', [], T_BOOLEAN, (_c, self) => res(self).success),
        m(
          'getErrors',
          [],
          T_LIST(T_ERROR),
          (_c, self) => new ApexList(T_ERROR, [...res(self).errors])
        ),
        m('getOutputParameters', [], T_PARAMS, (_c, self) => res(self).outputParameters),
        m('getOutputParameter', [T_STRING], T_OBJECT, (_c, self, [k]) =>
          res(self).outputParameters.get(k)
        ),
        m('getInvocationParameters', [], T_PARAMS, (_c, self) => res(self).invocationParameters)
      ],
      toJson: (_c, self) => {
        const r = res(self);
        const out = params();
        out.put('action', r.action);
        out.put('errors', new ApexList(T_ERROR, [...r.errors]));
        out.put('success', r.success);
        out.put('outputParameters', r.outputParameters);
        return out;
      },
      fromJson: (_c, v) => {
        const out = params();
        const given = jsonField(v, 'outputParameters');
        if (given instanceof ApexMap) for (const [k, x] of given.entries()) out.put(k, x);
        const errors = jsonField(v, 'errors');
        return new NativeObject<ResultState>('Invocable.Action.Result', {
          action: null,
          success: jsonField(v, 'success') === true,
          errors:
            errors instanceof ApexList
              ? errors.items.map((e) =>
                  newError(
                    jsonField(e, 'code') === null ? null : String(jsonField(e, 'code')),
                    jsonField(e, 'message') === null ? null : String(jsonField(e, 'message'))
                  )
                )
              : [],
          outputParameters: out,
          invocationParameters: params()
        });
      }
    },
    {
      name: 'Invocable.Action.Error',
      methods: [
        m('getCode', [], T_STRING, (_c, self) => state<ErrorState>(self).code),
        m('getMessage', [], T_STRING, (_c, self) => state<ErrorState>(self).message)
      ],
      toJson: (_c, self) => {
        const out = params();
        out.put('code', state<ErrorState>(self).code);
        out.put('message', state<ErrorState>(self).message);
        return out;
      },
      fromJson: (_c, v) =>
        newError(
          jsonField(v, 'code') === null ? null : String(jsonField(v, 'code')),
          jsonField(v, 'message') === null ? null : String(jsonField(v, 'message'))
        )
    }
  ];
}
