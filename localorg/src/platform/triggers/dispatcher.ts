// Apex triggers of an org: which triggers listen to an object's events, and running them with their
// context variables (Apex Developer Guide, "Triggers", "Trigger Context Variables", "Context
// Variable Considerations"; "Execution Governors and Limits" for the trigger depth).
import {
  ApexList,
  ApexMap,
  typeRef,
  type ApexObject,
  type ApexSObject
} from '../../runtime/values.ts';
import {
  UnsupportedError,
  type ApexRuntime,
  type TriggerOperation
} from '../../runtime/platform.ts';
import { LimitException } from '../limits/limits.ts';

/** What the dispatcher needs of its org. */
export interface TriggerHost {
  /** The org's Apex runtime (none: a data-only org, whose DML runs no trigger). */
  runtime(): ApexRuntime | null;
  /** The trigger depth of the transaction running now. */
  tx(): { triggerDepth: number };
}

/** A trigger's name and the events it declares. */
export interface TriggerEntry {
  name: string;
  events: Set<TriggerOperation>;
}

const TRIGGER_EVENT_NAME: Record<TriggerOperation, string> = {
  BEFORE_INSERT: 'BeforeInsert',
  BEFORE_UPDATE: 'BeforeUpdate',
  BEFORE_DELETE: 'BeforeDelete',
  AFTER_INSERT: 'AfterInsert',
  AFTER_UPDATE: 'AfterUpdate',
  AFTER_DELETE: 'AfterDelete',
  AFTER_UNDELETE: 'AfterUndelete'
};

/** The org's triggers by object, and how they run. */
export class TriggerDispatcher {
  private readonly byObject = new Map<string, TriggerEntry[]>();

  constructor(private readonly host: TriggerHost) {}

  /** Reads the triggers a (new) runtime declares. */
  attach(runtime: ApexRuntime): void {
    this.byObject.clear();
    for (const t of runtime.triggers()) {
      const lc = t.sobject.toLowerCase();
      let l = this.byObject.get(lc);
      if (!l) this.byObject.set(lc, (l = []));
      l.push({ name: t.name, events: new Set(t.events) });
    }
  }

  /** The triggers on an object (any event). */
  on(object: string): TriggerEntry[] {
    return this.byObject.get(object.toLowerCase()) ?? [];
  }

  /** Whether an object has at least one trigger for the event. */
  has(object: string, op: TriggerOperation): boolean {
    const l = this.byObject.get(object.toLowerCase());
    return !!l && l.some((t) => t.events.has(op));
  }

  /**
   * Runs the triggers of an object for one event (only those named in `only`, lower case, when
   * given). A trigger's uncaught Apex exception becomes the error the DML caller sees:
   * "<Trigger>: execution of AfterInsert caused by: <Type>: <message>".
   */
  fire(
    object: string,
    op: TriggerOperation,
    newRecs: ApexSObject[] | null,
    oldRecs: ApexSObject[] | null,
    only: string[] | null = null
  ): void {
    const runtime = this.host.runtime();
    if (!runtime) return;
    const t = this.host.tx();
    t.triggerDepth++;
    let readOnly: ApexSObject[] = [];
    try {
      // "Maximum trigger depth exceeded" past 16 nested trigger invocations (Execution Governors and Limits).
      if (t.triggerDepth > 16) throw new LimitException('Maximum trigger depth exceeded');
      const type = typeRef(object);
      const withIds = (recs: ApexSObject[]): ApexMap => {
        const m = new ApexMap(typeRef('Id'), type);
        for (const r of recs) m.put(r.raw('Id') ?? null, r);
        return m;
      };
      // Trigger.new of an after trigger is saved already and Trigger.old is never writable: Apex
      // assigning a field of either gets "System.FinalException: Record is read-only" (Apex
      // Developer Guide, "Context Variable Considerations").
      readOnly = [...(op.startsWith('AFTER_') ? (newRecs ?? []) : []), ...(oldRecs ?? [])].filter(
        (r) => !r.readOnly
      );
      for (const r of readOnly) r.readOnly = true;
      const newList = newRecs ? new ApexList(type, newRecs) : null;
      const oldList = oldRecs ? new ApexList(type, oldRecs) : null;
      const newMap = newRecs && op !== 'BEFORE_INSERT' ? withIds(newRecs) : null;
      const oldMap = oldRecs ? withIds(oldRecs) : null;
      for (const trig of this.on(object)) {
        if (!trig.events.has(op) || (only && !only.includes(trig.name.toLowerCase()))) continue;
        try {
          runtime.runTrigger(trig.name, {
            operation: op,
            newRecords: newList,
            oldRecords: oldList,
            newMap,
            oldMap,
            size: (newRecs ?? oldRecs ?? []).length
          });
        } catch (e) {
          if (e instanceof LimitException || e instanceof UnsupportedError) throw e;
          const ex = (e as { exception?: ApexObject; uncatchable?: boolean }).exception;
          if (!ex || (e as { uncatchable?: boolean }).uncatchable) throw e;
          // The DML caller sees "<Trigger>: execution of AfterInsert caused by: <Type>: <message>".
          const failure = `${trig.name}: execution of ${TRIGGER_EVENT_NAME[op]}\n\ncaused by: ${ex.cls.name}: ${ex.exception?.message ?? ''}`;
          throw Object.assign(new Error(failure), {
            triggerFailure: failure,
            exceptionType: ex.cls.name
          });
        }
      }
    } finally {
      for (const r of readOnly) r.readOnly = false;
      t.triggerDepth--;
    }
  }
}
