// Flow.Interview (Apex Reference, "Interview Class": createInterview(flowName, inputs), start(),
// getVariableValue(name)). The local org does not run flows: the type exists so that code naming it
// compiles, and creating or starting an interview fails loudly by name.
import { UnsupportedError } from '../../runtime/platform.ts';
import { T_OBJECT, T_STRING, T_VOID, typeRef } from '../../runtime/values.ts';
import { m, type PlatformClassDef } from './common.ts';

const T_INPUTS = typeRef('Map', [T_STRING, T_OBJECT]);

export function flowClasses(): PlatformClassDef[] {
  const refuse =
    (what: string) => (ctx: { pos: import('../../runtime/platform.ts').SourcePos }) => {
      throw new UnsupportedError(`${what} (the local org does not run flows)`, ctx.pos);
    };
  return [
    {
      name: 'Flow.Interview',
      methods: [
        m(
          'createInterview',
          [T_STRING, T_INPUTS],
          typeRef('Flow.Interview'),
          (ctx, _s, [name]) => refuse(`Flow.Interview.createInterview('${String(name)}')`)(ctx),
          true
        ),
        m(
          'createInterview',
          [T_STRING, T_STRING, T_INPUTS],
          typeRef('Flow.Interview'),
          (ctx, _s, [ns, name]) =>
            refuse(`Flow.Interview.createInterview('${String(ns)}', '${String(name)}')`)(ctx),
          true
        ),
        m('start', [], T_VOID, (ctx) => refuse('Flow.Interview.start()')(ctx)),
        m('getVariableValue', [T_STRING], T_OBJECT, (ctx) =>
          refuse('Flow.Interview.getVariableValue()')(ctx)
        )
      ]
    }
  ];
}
