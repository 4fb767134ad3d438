// Platform events: EventBus, its TestBroker and TriggerContext, ChangeEventHeader, and
// Messaging.CustomNotification (Apex Reference: "EventBus Class", "ChangeEventHeader Class",
// "CustomNotification Class").
import {
  ApexList,
  ApexSObject,
  ApexSet,
  NativeObject,
  T_ID,
  T_OBJECT,
  T_INTEGER,
  T_STRING,
  T_VOID,
  typeRef,
  type ApexValue,
  type TypeRef
} from '../../runtime/values.ts';
import type { NativesEnv } from './services.ts';
import { T_LIST, done, m, state, type PlatformClassDef } from './common.ts';

const HEADER_FIELDS = [
  'entityName',
  'recordIds',
  'changeType',
  'changedFields',
  'nulledFields',
  'diffFields',
  'changeOrigin',
  'transactionKey',
  'sequenceNumber',
  'commitTimestamp',
  'commitNumber',
  'commitUser'
];

function headerType(key: string): TypeRef {
  if (['recordIds', 'changedFields', 'nulledFields', 'diffFields'].includes(key))
    return T_LIST(T_STRING);
  if (key === 'commitTimestamp' || key === 'commitNumber') return typeRef('Long');
  if (key === 'sequenceNumber') return T_INTEGER;
  return T_STRING;
}

/** ChangeEventHeader values as Apex sees them: lists of Strings, Long timestamps and commit numbers. */
function headerGet(h: Record<string, unknown>, key: string): ApexValue {
  const v = h[key];
  if (Array.isArray(v)) return new ApexList(T_STRING, v.map(String));
  if (typeof v === 'number' && key !== 'sequenceNumber') return BigInt(v);
  return (v ?? null) as ApexValue;
}

function headerSet(h: Record<string, unknown>, key: string, value: ApexValue): void {
  h[key] =
    value instanceof ApexList
      ? value.items.map(String)
      : typeof value === 'bigint'
        ? Number(value)
        : value;
}

export function eventClasses(env: NativesEnv): PlatformClassDef[] {
  return [
    {
      name: 'EventBus',
      aliases: ['System.EventBus'],
      methods: [
        // publish(event) and publish(events) (EventBus Class): one definition tells the overloads
        // apart by the argument (natives of one arity share a definition).
        m(
          'publish',
          [T_OBJECT],
          T_OBJECT,
          (ctx, _s, [e]) => {
            if (e instanceof ApexList)
              return ctx.platform.publishEvents(ctx, e.items as ApexSObject[], false);
            if (e instanceof ApexSObject) return ctx.platform.publishEvents(ctx, [e], true);
            return ctx.throwApex(
              'System.NullPointerException',
              'EventBus.publish: the event or list of events is null'
            );
          },
          true
        ),
        // publish(event, callback) and publish(events, callback): the callback's onSuccess or
        // onFailure gets the result later (events/publish-callbacks.ts).
        m(
          'publish',
          [T_OBJECT, T_OBJECT],
          T_OBJECT,
          (ctx, _s, [e, callback]) => {
            if (e instanceof ApexList)
              return env.org.publishWithCallback(ctx, e.items as ApexSObject[], false, callback);
            if (e instanceof ApexSObject)
              return env.org.publishWithCallback(ctx, [e], true, callback);
            return ctx.throwApex(
              'System.NullPointerException',
              'EventBus.publish: the event or list of events is null'
            );
          },
          true
        )
      ]
    },
    // SuccessResult and FailureResult (Apex Reference): what onSuccess and onFailure receive.
    ...['EventBus.SuccessResult', 'EventBus.FailureResult'].map((name): PlatformClassDef => ({
      name,
      methods: [
        m(
          'getEventUuids',
          [],
          T_LIST(T_STRING),
          (_c, self) => new ApexList(T_STRING, [...state<{ uuids: string[] }>(self).uuids])
        )
      ]
    })),
    {
      name: 'EventBus.TestBroker',
      methods: [
        m('deliver', [], T_VOID, () => {
          env.org.deliverTestEvents();
          return null;
        }),
        // fail() ("Test Apex Publish Callbacks"): the events published so far fail to publish.
        m('fail', [], T_VOID, () => {
          env.org.failTestEvents();
          return null;
        })
      ]
    },
    {
      name: 'EventBus.ChangeEventHeader',
      constructors: [
        m(
          'ChangeEventHeader',
          [],
          typeRef('EventBus.ChangeEventHeader'),
          () =>
            new NativeObject('EventBus.ChangeEventHeader', {
              entityName: null,
              recordIds: null,
              changeType: null,
              changedFields: null,
              nulledFields: null,
              diffFields: null,
              changeOrigin: null,
              transactionKey: null,
              sequenceNumber: null,
              commitTimestamp: null,
              commitNumber: null,
              commitUser: null
            })
        )
      ],
      // getEntityName()/setEntityName(...) and friends read and write the same fields as the properties.
      methods: HEADER_FIELDS.flatMap((f) => {
        const cap = f.charAt(0).toUpperCase() + f.slice(1);
        return [
          m(`get${cap}`, [], headerType(f), (_c, self) =>
            headerGet(state<Record<string, unknown>>(self), f)
          ),
          m(`set${cap}`, [headerType(f)], T_VOID, (_c, self, [v]) =>
            done(headerSet(state<Record<string, unknown>>(self), f, v ?? null))
          )
        ];
      }),
      property: (_c, self, name) => {
        const h = state<Record<string, unknown>>(self);
        const key = Object.keys(h).find((k) => k.toLowerCase() === name.toLowerCase());
        if (!key) return undefined;
        const v = h[key];
        if (Array.isArray(v)) return new ApexList(T_STRING, v.map(String));
        if (typeof v === 'number' && key !== 'sequenceNumber') return BigInt(v);
        return (v ?? null) as ApexValue;
      },
      setProperty: (_c, self, name, value) => {
        const h = state<Record<string, unknown>>(self);
        const key = Object.keys(h).find((k) => k.toLowerCase() === name.toLowerCase());
        if (!key) return false;
        h[key] =
          value instanceof ApexList
            ? value.items.map(String)
            : typeof value === 'bigint'
              ? Number(value)
              : value;
        return true;
      }
    },
    {
      // Messaging.CustomNotification (Apex Reference): sent notifications are kept on the org for tests.
      name: 'Messaging.CustomNotification',
      constructors: [
        m(
          'CustomNotification',
          [],
          typeRef('Messaging.CustomNotification'),
          () =>
            new NativeObject('Messaging.CustomNotification', {
              typeId: null,
              title: null,
              body: null,
              targetId: null,
              targetPageRef: null,
              senderId: null
            })
        )
      ],
      methods: [
        ...(
          [
            ['setNotificationTypeId', 'typeId', T_ID],
            ['setTitle', 'title', T_STRING],
            ['setBody', 'body', T_STRING],
            ['setTargetId', 'targetId', T_ID],
            ['setTargetPageRef', 'targetPageRef', T_STRING],
            ['setSenderId', 'senderId', T_ID]
          ] as const
        ).map(([name, key, t]) =>
          m(name, [t], T_VOID, (_c, self, [v]) =>
            done((state<Record<string, unknown>>(self)[key] = v === null ? null : String(v)))
          )
        ),
        m('send', [typeRef('Set', [T_STRING])], T_VOID, (ctx, self, [users]) => {
          const n = state<Record<string, string | null>>(self);
          const missing = ['typeId', 'title', 'body'].filter((k) => !n[k]);
          if (!n.targetId && !n.targetPageRef) missing.push('targetId');
          if (missing.length)
            ctx.throwApex(
              'System.IllegalArgumentException',
              `Custom notification is missing: ${missing.join(', ')}`
            );
          const type = env.org.store.get(String(n.typeId));
          if (!type || type.type !== 'CustomNotificationType')
            return ctx.throwApex(
              'System.IllegalArgumentException',
              `Invalid notification type Id: ${String(n.typeId)}`
            );
          const recipients = users instanceof ApexSet ? users.values().map(String) : [];
          env.org.notifications.push({
            type: String(type.values.get('developername')),
            title: String(n.title),
            body: String(n.body),
            targetId: n.targetId,
            recipients
          });
          return null;
        })
      ]
    },
    {
      // EventBus.TriggerContext (Apex Reference): retries, lastError, setResumeCheckpoint in event triggers.
      name: 'EventBus.TriggerContext',
      methods: [
        m(
          'currentContext',
          [],
          typeRef('EventBus.TriggerContext'),
          (ctx) => {
            if (!env.org.eventContext)
              return ctx.throwApex(
                'System.InvalidParameterValueException',
                'EventBus.TriggerContext is only available in an event trigger'
              );
            return new NativeObject('EventBus.TriggerContext', env.org.eventContext);
          },
          true
        ),
        m('setResumeCheckpoint', [T_STRING], T_VOID, (ctx, self, [replayId]) => {
          const st = state<{ batch: ApexSObject[]; checkpoint: string | null }>(self);
          if (!st.batch.some((e) => String(e.raw('ReplayId')) === String(replayId))) {
            return ctx.throwApex(
              'EventBus.InvalidReplayIdException',
              `Invalid replay ID: ${String(replayId)}`
            );
          }
          st.checkpoint = String(replayId);
          return null;
        }),
        m(
          'getResumeCheckpoint',
          [],
          T_STRING,
          (_c, self) => state<{ checkpoint: string | null }>(self).checkpoint
        )
      ],
      property: (_c, self, name) => {
        const st = state<{ retries: number; lastError: string | null }>(self);
        if (name.toLowerCase() === 'retries') return st.retries;
        if (name.toLowerCase() === 'lasterror') return st.lastError;
        return undefined;
      }
    }
  ];
}
