/**
 * System.Request (Apex Reference, "Request Class"): the request Id and Quiddity of the current
 * transaction.
 */
import { NativeObject } from '../../runtime/values.js';
import type { BuiltinClass, BuiltinContext } from '../../runtime/builtins.js';
import { unsupported } from '../../runtime/errors.js';
import { enums } from './enums.js';
import { optionalPlatform } from './system.js';

export const requestClasses: BuiltinClass[] = [];

// ---------------------------------------------------------------------------------------------
// Request (Apex Reference, "Request Class"): the request Id and Quiddity of the current transaction

interface RequestState {
  id: string;
  quiddity: string;
}

/** The kind of execution: async jobs by their kind, test methods as a synchronous test run. */
function currentQuiddity(ctx: BuiltinContext): string {
  if (optionalPlatform<boolean>(ctx, 'isBatch')) return 'BATCH_APEX';
  if (optionalPlatform<boolean>(ctx, 'isQueueable')) return 'QUEUEABLE';
  if (optionalPlatform<boolean>(ctx, 'isFuture')) return 'FUTURE';
  if (optionalPlatform<boolean>(ctx, 'isScheduled')) return 'SCHEDULED';
  // The local runner runs test methods one after the other, as `sf apex run test --synchronous`.
  if (ctx.runtime.runningTest) return 'RUNTEST_SYNC';
  return unsupported('System.Request quiddity outside test methods and async jobs');
}

requestClasses.push({
  name: 'System.Request',
  statics: {
    getcurrent: (ctx) =>
      new NativeObject<RequestState>('System.Request', {
        id: `localorg-request-${ctx.runtime.transactionNumber}`,
        quiddity: currentQuiddity(ctx)
      })
  },
  methods: {
    getrequestid: (_c, self: NativeObject<RequestState>) => self.state.id,
    getquiddity: (ctx, self: NativeObject<RequestState>) => {
      const all = enums.find((e) => e[0] === 'System.Quiddity')?.[1] ?? [];
      return ctx.runtime.builtinEnum(
        'System.Quiddity',
        self.state.quiddity,
        all.indexOf(self.state.quiddity)
      );
    }
  }
});
