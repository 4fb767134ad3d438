/**
 * Built-in enums and interfaces (System.RoundingMode, Schema.DisplayType... Comparable,
 * Queueable...), and the methods every enum value has.
 */
import { ApexEnumValue, keyEquals } from '../../runtime/values.js';
import type { BuiltinClass } from '../../runtime/builtins.js';

export const enumsClasses: BuiltinClass[] = [];

// ---------------------------------------------------------------------------------------------
// Built-in enums and interfaces

export const enums: [string, string[]][] = [
  [
    'System.RoundingMode',
    ['CEILING', 'DOWN', 'FLOOR', 'HALF_DOWN', 'HALF_EVEN', 'HALF_UP', 'UNNECESSARY', 'UP']
  ],
  // Apex Reference, "LoggingLevel Enum" lists the values "from the lowest to the highest levels" of
  // logging (NONE, ERROR ... FINEST); their ordinals run the other way, from the most verbose up:
  // FINEST 2, FINER 3, FINE 4, DEBUG 5, INFO 6, WARN 7, ERROR 8 (what NebulaLogger's ComponentLogger
  // returns as ordinal() and its tests expect, with FINEST.ordinal() < DEBUG.ordinal() <
  // ERROR.ordinal()); NONE is 0 and INTERNAL (not listed, but it compiles) 1.
  [
    'System.LoggingLevel',
    ['NONE', 'INTERNAL', 'FINEST', 'FINER', 'FINE', 'DEBUG', 'INFO', 'WARN', 'ERROR']
  ],
  [
    'System.TriggerOperation',
    [
      'BEFORE_INSERT',
      'BEFORE_UPDATE',
      'BEFORE_DELETE',
      'AFTER_INSERT',
      'AFTER_UPDATE',
      'AFTER_DELETE',
      'AFTER_UNDELETE'
    ]
  ],
  ['System.AccessLevel', ['USER_MODE', 'SYSTEM_MODE']],
  // Apex Reference, "Quiddity Enum" (values in documented order).
  [
    'System.Quiddity',
    [
      'ANONYMOUS',
      'AURA',
      'BATCH_ACS',
      'BATCH_APEX',
      'BATCH_CHUNK_PARALLEL',
      'BATCH_CHUNK_SERIAL',
      'BULK_API',
      'COMMERCE_INTEGRATION',
      'DISCOVERABLE_LOGIN',
      'EXTERNAL_SERVICE_CALLBACK',
      'FUNCTION_CALLBACK',
      'FUTURE',
      'INBOUND_EMAIL_SERVICE',
      'INVOCABLE_ACTION',
      'PLATFORM_EVENT_PUBLISH_CALLBACK',
      'POST_INSTALL_SCRIPT',
      'QUEUEABLE',
      'QUICK_ACTION',
      'REMOTE_ACTION',
      'REST',
      'RUNTEST_ASYNC',
      'RUNTEST_DEPLOY',
      'RUNTEST_SYNC',
      'SCHEDULED',
      'SOAP',
      'SYNCHRONOUS',
      'TRANSACTION_FINALIZER_QUEUEABLE',
      'VF',
      // IOT is listed by the guide up to API 62.0 (classes saved at those versions still compile with
      // it), UNDEFINED is not listed but compiles on the platform (public packages use both).
      'IOT',
      'UNDEFINED'
    ]
  ],
  ['System.AccessType', ['CREATABLE', 'READABLE', 'UPDATABLE', 'UPSERTABLE']],
  [
    'System.JSONToken',
    [
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
    ]
  ],
  ['System.ParentJobResult', ['SUCCESS', 'UNHANDLED_EXCEPTION']]
];
for (const [name, values] of enums) enumsClasses.push({ name, enumValues: values });

const interfaces = [
  'System.Comparable',
  'System.Comparator',
  'System.Queueable',
  'System.Schedulable',
  'System.HttpCalloutMock',
  'System.WebServiceMock',
  'System.Finalizer',
  'System.Callable',
  'System.Iterable',
  'System.Iterator',
  'System.StubProvider',
  'System.InstallHandler',
  'System.UninstallHandler',
  'System.SandboxPostCopy',
  'Database.Batchable',
  'Database.Stateful',
  'Database.AllowsCallouts',
  'Database.RaisesPlatformEvents',
  'Messaging.InboundEmailHandler',
  'Cache.CacheBuilder',
  'Auth.RegistrationHandler',
  'Process.Plugin',
  'EventBus.EventPublishSuccessCallback',
  'EventBus.EventPublishFailureCallback',
  // Context types handed to async Apex; the platform supplies their implementations.
  'System.QueueableContext',
  'System.SchedulableContext',
  'System.FinalizerContext',
  'Database.BatchableContext'
];
for (const name of interfaces)
  enumsClasses.push({
    name,
    isInterface: true,
    aliases: name.startsWith('System.') ? [] : [name.toLowerCase()]
  });

/** Methods of every enum value (user and built-in). */
enumsClasses.push({
  name: '<enum>',
  methods: {
    name: (_c, self: ApexEnumValue) => self.name,
    ordinal: (_c, self: ApexEnumValue) => self.ordinal,
    equals: (_c, self: ApexEnumValue, a) => keyEquals(self, a[0]),
    hashcode: (_c, self: ApexEnumValue) => self.ordinal,
    tostring: (_c, self: ApexEnumValue) => self.name
  }
});
