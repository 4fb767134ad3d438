/**
 * The System class: debug, now/today, enqueueJob, schedule, runAs and the other statics.
 */
import {
  ApexDate,
  ApexDatetime,
  ApexEnumValue,
  ApexObject,
  type ApexValue
} from '../../runtime/values.js';
import type { NativeCallContext } from '../../runtime/platform.js';
import { throwApex, unsupported } from '../../runtime/errors.js';
import { stringOf } from '../../runtime/ops.js';
import { zonedParts } from '../../runtime/tz.js';
import { assertEquals, assertNotEquals, fail, plainMsg } from './assert.js';
import type { BuiltinClass } from '../../runtime/builtins.js';

export const systemClassDefs: BuiltinClass[] = [];

// ---------------------------------------------------------------------------------------------
// System

const LEVELS = new Set(['NONE', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'FINE', 'FINER', 'FINEST']);

export function optionalPlatform<T>(ctx: NativeCallContext, name: string): T | undefined {
  const fn = (ctx.platform as unknown as Record<string, unknown>)[name];
  return typeof fn === 'function'
    ? (fn as (c: NativeCallContext) => T).call(ctx.platform, ctx)
    : undefined;
}

systemClassDefs.push({
  name: 'System',
  aliases: ['system.system'],
  statics: {
    debug: (ctx, a) => {
      let level = 'DEBUG';
      let msg = a[0];
      if (a.length === 2) {
        level = a[0] instanceof ApexEnumValue ? a[0].name : String(a[0]);
        msg = a[1];
        if (!LEVELS.has(level)) level = 'DEBUG';
      }
      ctx.platform.debug(level, debugString(msg), ctx.pos);
      return null;
    },
    assert: (_c, a) => {
      if (a[0] !== true) fail(plainMsg(a.length > 1 ? a[1] : undefined));
      return null;
    },
    assertequals: (_c, a) => assertEquals(a),
    assertnotequals: (_c, a) => assertNotEquals(a),
    now: (ctx) => new ApexDatetime(ctx.platform.nowMs()),
    today: (ctx) => {
      const p = zonedParts(ctx.platform.nowMs(), ctx.platform.runningUser().timeZone);
      return new ApexDate(p.year, p.month, p.day);
    },
    currenttimemillis: (ctx) => BigInt(ctx.platform.nowMs()),
    enqueuejob: (ctx, a) => {
      if (!(a[0] instanceof ApexObject))
        throwApex('System.NullPointerException', 'Argument cannot be null.');
      return ctx.platform.enqueueJob(ctx, a[0], a.length > 1 ? a[1] : null);
    },
    schedule: (ctx, a) =>
      ctx.platform.schedule(ctx, stringOf(a[0]), stringOf(a[1]), a[2] as ApexObject),
    schedulebatch: () => unsupported('System.scheduleBatch'),
    abortjob: (ctx, a) => {
      const abort = (ctx.platform as unknown as Record<string, unknown>).abortJob;
      if (typeof abort !== 'function') return unsupported('System.abortJob');
      (abort as (c: NativeCallContext, id: string) => void).call(ctx.platform, ctx, stringOf(a[0]));
      return null;
    },
    attachfinalizer: (ctx, a) => {
      ctx.platform.attachFinalizer(ctx, a[0] as ApexObject);
      return null;
    },
    isbatch: (ctx) => optionalPlatform<boolean>(ctx, 'isBatch') ?? false,
    isfuture: (ctx) => optionalPlatform<boolean>(ctx, 'isFuture') ?? false,
    isqueueable: (ctx) => optionalPlatform<boolean>(ctx, 'isQueueable') ?? false,
    isscheduled: (ctx) => optionalPlatform<boolean>(ctx, 'isScheduled') ?? false,
    requestversion: (ctx) =>
      optionalPlatform<ApexValue>(ctx, 'requestVersion') ?? unsupported('System.requestVersion'),
    getapplicationreadwritemode: () => unsupported('System.getApplicationReadWriteMode'),
    purgeoldasyncjobs: () => unsupported('System.purgeOldAsyncJobs'),
    hashcode: () => unsupported('System.hashCode')
  }
});

/** System.debug prints Datetimes in GMT and Strings unquoted. */
function debugString(v: ApexValue): string {
  if (v instanceof ApexDatetime) return v.toString();
  return stringOf(v);
}
