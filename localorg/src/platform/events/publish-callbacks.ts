// Apex publish callbacks (Platform Events Developer Guide, "Get the Result of Asynchronous Platform
// Event Publishing with Apex Publish Callbacks", "Test Apex Publish Callbacks"; Apex Reference,
// "EventBus Class" publish(event, callback), "EventPublishSuccessCallback Interface",
// "EventPublishFailureCallback Interface", "SuccessResult Interface", "FailureResult Interface").
// EventBus.publish(event(s), callback) remembers the callback of each event; when the events are
// delivered (after publish or commit; in a test at Test.getEventBus().deliver() or Test.stopTest())
// the callback's onSuccess runs, and when a test fails them (Test.getEventBus().fail()) its
// onFailure runs. Each call gets the EventUuids of that callback's events, once per callback, and
// runs as the Automated Process user in a transaction of its own. A callback class that does not
// implement the interface of the outcome is not called.
import type { ApexSObject, ApexValue } from '../../runtime/values.ts';

export type PublishOutcome = 'success' | 'failure';

/** What running a callback needs of the org. */
export interface CallbackHost {
  /** Calls `onSuccess`/`onFailure` on `callback` with a result holding `uuids`, as the platform does. */
  runCallback(callback: ApexValue, outcome: PublishOutcome, uuids: string[]): void;
  /** Whether the callback's class implements the interface of `outcome`. */
  implementsOutcome(callback: ApexValue, outcome: PublishOutcome): boolean;
}

export class PublishCallbacks {
  private readonly byEvent = new WeakMap<ApexSObject, ApexValue>();

  constructor(private readonly host: CallbackHost) {}

  /** EventBus.publish(event(s), callback): the callback answers for these events. */
  register(events: readonly ApexSObject[], callback: ApexValue): void {
    for (const e of events) this.byEvent.set(e, callback);
  }

  /** The events were delivered to the event bus: their callbacks' onSuccess runs. */
  delivered(events: readonly ApexSObject[]): void {
    this.settle(events, 'success');
  }

  /** The events failed to publish (Test.getEventBus().fail()): their callbacks' onFailure runs. */
  failed(events: readonly ApexSObject[]): void {
    this.settle(events, 'failure');
  }

  private settle(events: readonly ApexSObject[], outcome: PublishOutcome): void {
    const groups = new Map<ApexValue, string[]>();
    for (const e of events) {
      const cb = this.byEvent.get(e);
      if (cb === undefined) continue;
      this.byEvent.delete(e);
      let uuids = groups.get(cb);
      if (!uuids) groups.set(cb, (uuids = []));
      const uuid = e.raw('EventUuid');
      if (uuid !== null && uuid !== undefined) uuids.push(String(uuid));
    }
    for (const [cb, uuids] of groups)
      if (this.host.implementsOutcome(cb, outcome)) this.host.runCallback(cb, outcome, uuids);
  }
}
