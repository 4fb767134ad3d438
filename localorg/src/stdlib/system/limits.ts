/**
 * System.Limits: the governor limits of the running transaction, as the platform counts them.
 */
import type { ApexValue } from '../../runtime/values.js';
import type { NativeCallContext } from '../../runtime/platform.js';
import type { BuiltinClass } from '../../runtime/builtins.js';

export const limitsClasses: BuiltinClass[] = [];

const LIMIT_NAMES = [
  'AggregateQueries',
  'ApexCursorRows',
  'AsyncCalls',
  'Callouts',
  'CpuTime',
  'DMLRows',
  'DMLStatements',
  'EmailInvocations',
  'FetchCallsOnApexCursor',
  'FutureCalls',
  'HeapSize',
  'MobilePushApexCalls',
  'PublishImmediateDML',
  'Queries',
  'QueryLocatorRows',
  'QueryRows',
  'QueueableJobs',
  'SoslQueries'
];
const limitStatics: Record<string, (ctx: NativeCallContext) => ApexValue> = {};
for (const n of LIMIT_NAMES) {
  limitStatics[`get${n.toLowerCase()}`] = (ctx) => ctx.platform.limit(ctx, n, 'used');
  limitStatics[`getlimit${n.toLowerCase()}`] = (ctx) => ctx.platform.limit(ctx, n, 'max');
}
limitsClasses.push({ name: 'System.Limits', statics: limitStatics });
