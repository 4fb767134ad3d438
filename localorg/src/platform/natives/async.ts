// Async Apex contexts and options: QueueableContext, SchedulableContext, BatchableContext,
// FinalizerContext, ParentJobResult, AsyncOptions, QueueableDuplicateSignature (Apex Reference:
// "System Namespace").
import {
  ApexEnumValue,
  ApexId,
  NativeObject,
  T_ID,
  T_INTEGER,
  T_STRING,
  typeRef,
  type ApexValue
} from '../../runtime/values.ts';
import { bag, enumProps, m, state, type PlatformClassDef } from './common.ts';

export function asyncClasses(): PlatformClassDef[] {
  return [
    {
      name: 'System.QueueableContext',
      aliases: ['QueueableContext'],
      methods: [
        m('getJobId', [], T_ID, (_c, self) => new ApexId(state<{ jobId: string }>(self).jobId))
      ]
    },
    {
      name: 'System.SchedulableContext',
      aliases: ['SchedulableContext'],
      methods: [
        m(
          'getTriggerId',
          [],
          T_ID,
          (_c, self) => new ApexId(state<{ triggerId: string }>(self).triggerId)
        )
      ]
    },
    {
      name: 'Database.BatchableContext',
      methods: [
        m('getJobId', [], T_ID, (_c, self) => new ApexId(state<{ jobId: string }>(self).jobId)),
        m('getChildJobId', [], T_ID, (_c, self) => new ApexId(state<{ jobId: string }>(self).jobId))
      ]
    },
    {
      name: 'System.FinalizerContext',
      aliases: ['FinalizerContext'],
      methods: [
        m(
          'getAsyncApexJobId',
          [],
          T_ID,
          (_c, self) => new ApexId(state<{ jobId: string }>(self).jobId)
        ),
        m('getRequestId', [], T_STRING, (_c, self) => state<{ jobId: string }>(self).jobId),
        m('getResult', [], typeRef('System.ParentJobResult'), (_c, self) => {
          const r = state<{ result: string }>(self).result;
          return new ApexEnumValue('System.ParentJobResult', r, r === 'SUCCESS' ? 0 : 1);
        }),
        m(
          'getException',
          [],
          typeRef('Exception'),
          (_c, self) => state<{ exception: ApexValue }>(self).exception
        )
      ]
    },
    {
      name: 'System.ParentJobResult',
      aliases: ['ParentJobResult'],
      enumValues: ['SUCCESS', 'UNHANDLED_EXCEPTION'],
      methods: [],
      staticProperty: enumProps('System.ParentJobResult', ['SUCCESS', 'UNHANDLED_EXCEPTION'])
    },
    {
      name: 'System.AsyncOptions',
      aliases: ['AsyncOptions'],
      constructors: [
        m(
          'AsyncOptions',
          [],
          typeRef('System.AsyncOptions'),
          () =>
            new NativeObject('System.AsyncOptions', {
              MinimumQueueableDelayInMinutes: null,
              MaximumQueueableStackDepth: null,
              DuplicateSignature: null
            })
        )
      ],
      methods: [],
      ...bag(['MinimumQueueableDelayInMinutes', 'MaximumQueueableStackDepth', 'DuplicateSignature'])
    },
    {
      name: 'System.QueueableDuplicateSignature.Builder',
      aliases: ['QueueableDuplicateSignature.Builder'],
      constructors: [
        m(
          'Builder',
          [],
          typeRef('System.QueueableDuplicateSignature.Builder'),
          () =>
            new NativeObject('System.QueueableDuplicateSignature.Builder', {
              parts: [] as string[]
            })
        )
      ],
      methods: [
        ...(['addString', 'addId', 'addInteger', 'addLong'] as const).map((name) =>
          m(
            name,
            [name === 'addId' ? T_ID : name === 'addString' ? T_STRING : T_INTEGER],
            typeRef('System.QueueableDuplicateSignature.Builder'),
            (_c, self, [v]) => {
              state<{ parts: string[] }>(self).parts.push(`${name}:${String(v)}`);
              return self;
            }
          )
        ),
        m(
          'build',
          [],
          typeRef('System.QueueableDuplicateSignature'),
          (_c, self) =>
            new NativeObject('System.QueueableDuplicateSignature', {
              signature: state<{ parts: string[] }>(self).parts.join('|')
            })
        )
      ]
    },
    {
      name: 'System.QueueableDuplicateSignature',
      aliases: ['QueueableDuplicateSignature'],
      methods: []
    }
  ];
}
