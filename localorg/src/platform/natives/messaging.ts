// Outbound and inbound email (Apex Reference, "Messaging Namespace": Email, SingleEmailMessage,
// MassEmailMessage, EmailFileAttachment, SendEmailResult, SendEmailError, InboundEmail (with
// BinaryAttachment, TextAttachment, Header), InboundEnvelope, InboundEmailResult; "Messaging Class":
// sendEmail, reserveSingleEmailCapacity, reserveMassEmailCapacity).
//
// The local org never sends mail: Messaging.sendEmail validates each message and records the accepted
// ones on the org (`sentEmails`), as a test would see them. Each sendEmail call counts one email
// invocation (Limits.getEmailInvocations(), 10 per transaction: Execution Governors and Limits). A
// message needs a recipient (target object, to, cc or bcc) and a body or a template; with
// allOrNothing (the default) the first invalid message throws System.EmailException
// "SendEmail failed. First exception on row N; first error: CODE, message: []" and nothing is sent.
import {
  ApexId,
  ApexList,
  ApexMap,
  NativeObject,
  T_BOOLEAN,
  T_ID,
  T_INTEGER,
  T_STRING,
  T_VOID,
  typeRef,
  type ApexValue,
  type TypeRef
} from '../../runtime/values.ts';
import type { NativeCallContext } from '../../runtime/platform.ts';
import { T_LIST, bag, m, state, type PlatformClassDef } from './common.ts';
import { statusCode } from './database.ts';
import type { NativesEnv, SentEmail } from './services.ts';

export type { SentEmail } from './services.ts';

const T_STRINGS = T_LIST(T_STRING);
const T_IDS = T_LIST(T_ID);

/** Properties of Messaging.Email (every message) with their Apex types. */
const EMAIL_PROPS: [string, TypeRef][] = [
  ['bccSender', T_BOOLEAN],
  ['emailPriority', T_STRING],
  ['replyTo', T_STRING],
  ['saveAsActivity', T_BOOLEAN],
  ['senderDisplayName', T_STRING],
  ['subject', T_STRING],
  ['templateId', T_ID],
  ['useSignature', T_BOOLEAN],
  ['optOutPolicy', T_STRING]
];
const SINGLE_PROPS: [string, TypeRef][] = [
  ...EMAIL_PROPS,
  ['bccAddresses', T_STRINGS],
  ['ccAddresses', T_STRINGS],
  ['toAddresses', T_STRINGS],
  ['charset', T_STRING],
  ['entityAttachments', T_STRINGS],
  ['fileAttachments', T_LIST(typeRef('Messaging.EmailFileAttachment'))],
  ['htmlBody', T_STRING],
  ['inReplyTo', T_STRING],
  ['orgWideEmailAddressId', T_ID],
  ['plainTextBody', T_STRING],
  ['references', T_STRING],
  ['targetObjectId', T_ID],
  ['treatBodiesAsTemplate', T_BOOLEAN],
  ['treatTargetObjectAsRecipient', T_BOOLEAN],
  ['whatId', T_ID]
];
const MASS_PROPS: [string, TypeRef][] = [
  ...EMAIL_PROPS,
  ['description', T_STRING],
  ['targetObjectIds', T_IDS],
  ['whatIds', T_IDS]
];
const DEFAULTS: Record<string, ApexValue> = {
  bccSender: false,
  saveAsActivity: true,
  useSignature: true,
  treatBodiesAsTemplate: false,
  treatTargetObjectAsRecipient: true
};

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** setX(value)/getX() over a state bag of properties. */
function accessors(props: [string, TypeRef][]): ReturnType<typeof m>[] {
  return props.flatMap(([p, t]) => [
    m(`set${cap(p)}`, [t], T_VOID, (_c, self, [v]) => {
      state<Record<string, ApexValue>>(self)[p] = v;
      return null;
    }),
    m(`get${cap(p)}`, [], t, (_c, self) => state<Record<string, ApexValue>>(self)[p] ?? null)
  ]);
}

function newMessage(className: string, props: [string, TypeRef][]): NativeObject {
  const s: Record<string, ApexValue> = {};
  for (const [p] of props) s[p] = DEFAULTS[p] ?? null;
  return new NativeObject(className, s);
}

const EMAIL_RE = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

function strings(v: ApexValue): string[] {
  return v instanceof ApexList ? v.items.map((x) => (x === null ? '' : String(x))) : [];
}

/** The first problem of a message, or null when it can be sent. */
function problem(msg: NativeObject): { code: string; message: string; fields: string[] } | null {
  const f = msg.state as Record<string, ApexValue>;
  const mass = msg.className === 'Messaging.MassEmailMessage';
  const to = strings(f.toAddresses);
  const cc = strings(f.ccAddresses);
  const bcc = strings(f.bccAddresses);
  const targets = mass
    ? strings(f.targetObjectIds)
    : f.targetObjectId
      ? [String(f.targetObjectId)]
      : [];
  if (!targets.length && !to.length && !cc.length && !bcc.length)
    return {
      code: 'REQUIRED_FIELD_MISSING',
      message: mass
        ? 'Missing target object Ids (targetObjectIds)'
        : 'Missing target address (target, to, cc, bcc)',
      fields: []
    };
  for (const [field, list] of [
    ['toAddresses', to],
    ['ccAddresses', cc],
    ['bccAddresses', bcc]
  ] as const) {
    const bad = list.find((a) => !EMAIL_RE.test(a));
    if (bad !== undefined)
      return {
        code: 'INVALID_EMAIL_ADDRESS',
        message: `Email address is invalid: ${bad}: ${field}`,
        fields: [field]
      };
  }
  if (!f.templateId && !mass && !f.plainTextBody && !f.htmlBody)
    return {
      code: 'REQUIRED_FIELD_MISSING',
      message: 'Missing body, need at least one of html or plainText body',
      fields: []
    };
  if (mass && !f.templateId)
    return {
      code: 'REQUIRED_FIELD_MISSING',
      message: 'A mass email needs a template (templateId)',
      fields: ['templateId']
    };
  return null;
}

interface SendResult {
  success: boolean;
  errors: { code: string; message: string; fields: string[]; targetObjectId: string | null }[];
}

function sendEmail(
  env: NativesEnv,
  ctx: NativeCallContext,
  emails: ApexValue,
  allOrNothing: boolean
): ApexList {
  if (!(emails instanceof ApexList))
    return ctx.throwApex('System.NullPointerException', 'Argument cannot be null: emails');
  env.org.consumeLimit('EmailInvocations');
  const results: SendResult[] = [];
  const accepted: SentEmail[] = [];
  emails.items.forEach((e, row) => {
    if (!(e instanceof NativeObject) || !e.className.startsWith('Messaging.'))
      return ctx.throwApex(
        'System.EmailException',
        `SendEmail failed. First exception on row ${row}; first error: INVALID_TYPE, not an email message: []`
      );
    const p = problem(e);
    const target = (e.state as Record<string, ApexValue>).targetObjectId ?? null;
    if (p) {
      if (allOrNothing)
        ctx.throwApex(
          'System.EmailException',
          `SendEmail failed. First exception on row ${row}; first error: ${p.code}, ${p.message}: [${p.fields.join(', ')}]`
        );
      results.push({
        success: false,
        errors: [{ ...p, targetObjectId: target === null ? null : String(target) }]
      });
      return;
    }
    results.push({ success: true, errors: [] });
    accepted.push({
      kind: e.className === 'Messaging.MassEmailMessage' ? 'mass' : 'single',
      fields: { ...(e.state as Record<string, ApexValue>) }
    });
  });
  env.org.sentEmails.push(...accepted);
  return new ApexList(
    typeRef('Messaging.SendEmailResult'),
    results.map((r) => new NativeObject('Messaging.SendEmailResult', r))
  );
}

const INBOUND: [string, string[]][] = [
  [
    'Messaging.InboundEmail',
    [
      'binaryAttachments',
      'ccAddresses',
      'fromAddress',
      'fromName',
      'headers',
      'htmlBody',
      'htmlBodyIsTruncated',
      'inReplyTo',
      'messageId',
      'plainTextBody',
      'plainTextBodyIsTruncated',
      'references',
      'replyTo',
      'subject',
      'textAttachments',
      'toAddresses'
    ]
  ],
  ['Messaging.InboundEmail.BinaryAttachment', ['body', 'fileName', 'headers', 'mimeTypeSubType']],
  [
    'Messaging.InboundEmail.TextAttachment',
    ['body', 'bodyIsTruncated', 'charset', 'fileName', 'headers', 'mimeTypeSubType']
  ],
  ['Messaging.InboundEmail.Header', ['name', 'value']],
  ['Messaging.InboundEnvelope', ['fromAddress', 'toAddress']],
  ['Messaging.InboundEmailResult', ['message', 'success']],
  ['Messaging.EmailFileAttachment', ['body', 'contentType', 'fileName', 'id', 'inline']]
];

/**
 * System.OrgLimits / System.OrgLimit (Apex Reference, "OrgLimits Class", "OrgLimit Class"): the org's
 * daily allowances the local org knows, with what was used of them (emails recorded by sendEmail).
 */
function orgLimitClasses(env: NativesEnv): PlatformClassDef[] {
  const all = (): NativeObject[] => {
    const single = env.org.sentEmails.filter((e) => e.kind === 'single').length;
    const mass = env.org.sentEmails.length - single;
    const rows: [string, number, number][] = [
      ['DailyApiRequests', 0, 15000],
      ['DailyAsyncApexExecutions', 0, 250000],
      ['MassEmail', mass, 5000],
      ['SingleEmail', single, 5000]
    ];
    return rows.map(
      ([name, value, limit]) => new NativeObject('System.OrgLimit', { name, value, limit })
    );
  };
  const lim = (self: ApexValue) => state<{ name: string; value: number; limit: number }>(self);
  return [
    {
      name: 'System.OrgLimits',
      aliases: ['OrgLimits'],
      methods: [
        m(
          'getAll',
          [],
          T_LIST(typeRef('System.OrgLimit')),
          () => new ApexList(typeRef('System.OrgLimit'), all()),
          true
        ),
        m(
          'getMap',
          [],
          typeRef('Map', [T_STRING, typeRef('System.OrgLimit')]),
          () => {
            const out = new ApexMap(T_STRING, typeRef('System.OrgLimit'));
            for (const l of all()) out.put(lim(l).name, l);
            return out;
          },
          true
        )
      ]
    },
    {
      name: 'System.OrgLimit',
      aliases: ['OrgLimit'],
      methods: [
        m('getName', [], T_STRING, (_c, self) => lim(self).name),
        m('getValue', [], T_INTEGER, (_c, self) => lim(self).value),
        m('getLimit', [], T_INTEGER, (_c, self) => lim(self).limit)
      ]
    }
  ];
}

export function messagingClasses(env: NativesEnv): PlatformClassDef[] {
  const defs: PlatformClassDef[] = [
    ...orgLimitClasses(env),
    {
      name: 'Messaging.Email',
      methods: accessors(EMAIL_PROPS)
    },
    {
      name: 'Messaging.SingleEmailMessage',
      supertypes: ['Messaging.Email'],
      constructors: [
        m('SingleEmailMessage', [], typeRef('Messaging.SingleEmailMessage'), () =>
          newMessage('Messaging.SingleEmailMessage', SINGLE_PROPS)
        )
      ],
      methods: accessors(SINGLE_PROPS)
    },
    {
      name: 'Messaging.MassEmailMessage',
      supertypes: ['Messaging.Email'],
      constructors: [
        m('MassEmailMessage', [], typeRef('Messaging.MassEmailMessage'), () =>
          newMessage('Messaging.MassEmailMessage', MASS_PROPS)
        )
      ],
      methods: accessors(MASS_PROPS)
    },
    {
      name: 'Messaging.SendEmailResult',
      methods: [
        m('isSuccess', [], T_BOOLEAN, (_c, self) => state<SendResult>(self).success),
        m(
          'getErrors',
          [],
          T_LIST(typeRef('Messaging.SendEmailError')),
          (_c, self) =>
            new ApexList(
              typeRef('Messaging.SendEmailError'),
              state<SendResult>(self).errors.map(
                (e) => new NativeObject('Messaging.SendEmailError', e)
              )
            )
        )
      ]
    },
    {
      name: 'Messaging.SendEmailError',
      methods: [
        m(
          'getMessage',
          [],
          T_STRING,
          (_c, self) => state<SendResult['errors'][number]>(self).message
        ),
        m('getStatusCode', [], typeRef('System.StatusCode'), (_c, self) =>
          statusCode(state<SendResult['errors'][number]>(self).code)
        ),
        m(
          'getFields',
          [],
          T_STRINGS,
          (_c, self) =>
            new ApexList(T_STRING, [...state<SendResult['errors'][number]>(self).fields])
        ),
        m('getTargetObjectId', [], T_ID, (_c, self) => {
          const id = state<SendResult['errors'][number]>(self).targetObjectId;
          return id === null ? null : new ApexId(id);
        })
      ]
    },
    {
      name: 'Messaging',
      aliases: ['System.Messaging'],
      methods: [
        m(
          'sendEmail',
          [T_LIST(typeRef('Messaging.Email'))],
          T_LIST(typeRef('Messaging.SendEmailResult')),
          (ctx, _s, [emails]) => sendEmail(env, ctx, emails, true),
          true
        ),
        m(
          'sendEmail',
          [T_LIST(typeRef('Messaging.Email')), T_BOOLEAN],
          T_LIST(typeRef('Messaging.SendEmailResult')),
          (ctx, _s, [emails, all]) => sendEmail(env, ctx, emails, all !== false),
          true
        ),
        // The daily single and mass email allowances are not modelled; a negative count is refused.
        ...['reserveSingleEmailCapacity', 'reserveMassEmailCapacity'].map((name) =>
          m(
            name,
            [T_INTEGER],
            T_VOID,
            (ctx, _s, [n]) =>
              typeof n === 'number' && n >= 0
                ? null
                : ctx.throwApex(
                    'System.InvalidParameterValueException',
                    `${name}: the count must be zero or more, not ${String(n)}`
                  ),
            true
          )
        )
      ]
    }
  ];
  for (const [name, props] of INBOUND) {
    const short = name.slice(name.lastIndexOf('.') + 1);
    defs.push({
      name,
      constructors: [
        m(
          short,
          [],
          typeRef(name),
          () => new NativeObject(name, Object.fromEntries(props.map((p) => [p, null])))
        )
      ],
      methods: [],
      ...bag(props)
    });
  }
  return defs;
}
