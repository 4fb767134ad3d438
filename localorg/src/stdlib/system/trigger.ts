/**
 * System.Trigger: context variables of the trigger running now.
 */
import type { BuiltinClass, BuiltinContext } from '../../runtime/builtins.js';
import { enums } from './enums.js';

export const triggerClasses: BuiltinClass[] = [];

// ---------------------------------------------------------------------------------------------
// Trigger context variables

const trig = (ctx: BuiltinContext) => ctx.runtime.currentTrigger();
const op = (ctx: BuiltinContext) => trig(ctx)?.operation ?? '';
triggerClasses.push({
  name: 'System.Trigger',
  staticProps: {
    new: (ctx) => trig(ctx)?.newRecords ?? null,
    old: (ctx) => trig(ctx)?.oldRecords ?? null,
    newmap: (ctx) => trig(ctx)?.newMap ?? null,
    oldmap: (ctx) => trig(ctx)?.oldMap ?? null,
    isexecuting: (ctx) => trig(ctx) !== null,
    isinsert: (ctx) => op(ctx).endsWith('INSERT'),
    isupdate: (ctx) => op(ctx).endsWith('UPDATE'),
    isdelete: (ctx) => op(ctx).endsWith('_DELETE'),
    isundelete: (ctx) => op(ctx).endsWith('UNDELETE'),
    isbefore: (ctx) => op(ctx).startsWith('BEFORE'),
    isafter: (ctx) => op(ctx).startsWith('AFTER'),
    size: (ctx) => trig(ctx)?.size ?? 0,
    operationtype: (ctx) => {
      const o = op(ctx);
      if (!o) return null;
      const all = enums.find((e) => e[0] === 'System.TriggerOperation')?.[1] ?? [];
      return ctx.runtime.builtinEnum('System.TriggerOperation', o, all.indexOf(o));
    }
  }
});
