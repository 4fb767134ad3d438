// Platform events and Change Data Capture on one org: publish (immediately or after commit),
// change events for committed changes, delivery to event triggers in batches as the Automated
// Process user or a PlatformEventSubscriberConfig's user, retries (EventBus.RetryableException,
// then the error state) and resume checkpoints, gap and overflow events, and TypeScript listeners
// (World tests, demos). Platform Events Developer Guide; Change Data Capture Developer Guide.
import { ApexId, ApexSObject, NativeObject } from '../../runtime/values.ts';
import { UnsupportedError, type TriggerOperation } from '../../runtime/platform.ts';
import { must } from '../util.ts';
import { jsToApex } from '../data/convert.ts';
import type { AsyncQueue, PersistedJob } from '../async/jobs.ts';
import {
  ApexStateReader,
  ApexStateWriter,
  type ApexState,
  type ClassLookup
} from '../world/apex-state.ts';
import type { ChangeRecord } from '../dml/engine.ts';
import type { RecordResult } from '../dml/errors.ts';
import type { Limits } from '../limits/limits.ts';
import type { Metadata } from '../schema/metadata.ts';
import type { Schema, SObjectSchema } from '../schema/schema.ts';
import type { CatalogField } from '../schema/catalog-types.ts';
import type { EventTriggerContext } from '../natives/services.ts';
import { errorMessage, isApexFailure } from '../failures.ts';

/** What publishing and change events read of the transaction. */
export interface EventTransaction {
  limits: Limits;
  afterCommitEvents: ApexSObject[];
  changes: ChangeRecord[];
  changeOrigin: string;
  userId: string;
}

/** What event delivery needs of the org. */
export interface EventHost {
  readonly name: string;
  readonly schema: Schema;
  readonly metadata: Metadata;
  readonly asyncQueue: AsyncQueue;
  now(): number;
  tx(): EventTransaction;
  currentUserId(): string;
  automatedProcessUserId(): string;
  userIdByUsername(username: string): string;
  hasTriggers(object: string, op: TriggerOperation): boolean;
  triggersOn(object: string): readonly { name: string; events: ReadonlySet<TriggerOperation> }[];
  /** Runs the after-insert event triggers (all, or the named ones) on a batch, as `userId`. */
  runEventTriggers(
    type: string,
    batch: ApexSObject[],
    triggers: string[] | null,
    userId: string
  ): void;
  /** Inside a test method: where published events wait for Test.stopTest / deliver(); else null. */
  heldTestEvents(): ApexSObject[] | null;
  /** The events were delivered (their publish callbacks' onSuccess runs: publish-callbacks.ts). */
  delivered?(events: readonly ApexSObject[]): void;
}

export class EventBus {
  /** PlatformEventSubscriberConfigs deployed through the TypeScript API (this org only) */
  private readonly addedConfigs: Metadata['eventSubscriberConfigs'] = [];
  /** Event-trigger batches that failed with an uncaught exception (not redelivered). */
  readonly errors: { type: string; count: number; message: string }[] = [];
  private replayCounter = 0;
  /** Event triggers (lower case) in the error state: retried nine times, they get no new events. */
  private readonly suspended = new Set<string>();
  /** Inside a test method: retried batches, resent by the next Test.getEventBus().deliver(). */
  private readonly testRetries: (() => void)[] = [];
  /** Changes still to publish as gap (or overflow) events instead of change events (test hook). */
  private forced: { kind: 'gap' | 'overflow'; remaining: number } | null = null;
  /** TypeScript listeners by lower-case event type. */
  readonly subscribers = new Map<string, ((events: ApexSObject[]) => void)[]>();

  constructor(private readonly host: EventHost) {}

  /** Delivers `events` later, as the platform does after publish or commit. */
  queue(events: ApexSObject[], notBefore = this.host.now()): void {
    const label = `deliver ${events.length} events`;
    this.host.asyncQueue.add({
      id: null,
      kind: 'EventDelivery',
      notBefore,
      label,
      run: () => this.deliver(events),
      persist: () => ({
        kind: 'EventDelivery',
        notBefore,
        label,
        data: { events: this.writeEvents(events, label) }
      })
    });
  }

  private writeEvents(events: ApexSObject[], label: string): ApexState[] {
    const writer = new ApexStateWriter();
    return events.map((e, i) => writer.write(e, `${label}, event ${i + 1} (${e.type})`));
  }

  /** A retried or resumed event-trigger batch, queued (and saved by a World snapshot) as such. */
  private queueBatch(
    label: string,
    type: string,
    batch: ApexSObject[],
    retries: number,
    lastError: string | null,
    sub: { triggers: string[] | null; userId: string },
    notBefore = this.host.now()
  ): void {
    this.host.asyncQueue.add({
      id: null,
      kind: 'EventDelivery',
      notBefore,
      label,
      run: () => this.deliverBatch(type, batch, retries, lastError, sub),
      persist: () => ({
        kind: 'EventDelivery',
        notBefore,
        label,
        data: {
          type,
          batch: this.writeEvents(batch, label),
          retries,
          lastError,
          triggers: sub.triggers,
          userId: sub.userId
        }
      })
    });
  }

  /** Queues again a delivery a World snapshot saved (EventBus.queue or a retried batch). */
  restoreDelivery(saved: PersistedJob, classNamed: ClassLookup): void {
    const reader = new ApexStateReader(classNamed);
    const read = (states: unknown): ApexSObject[] =>
      (states as ApexState[]).map((state) => {
        const e = reader.read(state, saved.label);
        if (!(e instanceof ApexSObject)) throw new Error(`${saved.label}: not an event`);
        return e;
      });
    const d = saved.data;
    if (!('type' in d)) {
      this.queue(read(d.events), saved.notBefore);
      return;
    }
    this.queueBatch(
      saved.label,
      String(d.type),
      read(d.batch),
      Number(d.retries),
      d.lastError === null ? null : String(d.lastError),
      { triggers: (d.triggers as string[] | null) ?? null, userId: String(d.userId) },
      saved.notBefore
    );
  }

  /** Delivers events to subscribers (event triggers and TypeScript listeners), by type, in batches. */
  deliver(events: ApexSObject[]): void {
    const byType = new Map<string, ApexSObject[]>();
    for (const e of events) {
      let l = byType.get(e.type);
      if (!l) byType.set(e.type, (l = []));
      l.push(e);
    }
    for (const [type, list] of byType) {
      for (const l of this.subscribers.get(type.toLowerCase()) ?? []) l(list);
      if (!this.host.hasTriggers(type, 'AFTER_INSERT')) continue;
      // Event and change-event triggers: after insert, as the Automated Process user, in batches of
      // up to 2,000; a trigger with a PlatformEventSubscriberConfig subscribes on its own, as the
      // configured user with the configured batch size ("Configure the User and Batch Size for Your
      // Platform Event Trigger").
      // A trigger in the error state gets no new events (they are not resent when it resumes).
      const configured = this.subscriberConfigs(type);
      const triggers = this.host
        .triggersOn(type)
        .filter((t) => t.events.has('AFTER_INSERT'))
        .map((t) => t.name.toLowerCase());
      for (const t of triggers.filter((n) => this.suspended.has(n)))
        this.errors.push({
          type,
          count: list.length,
          message: `${t} is in the error state: events not delivered`
        });
      const others = triggers.filter((n) => !configured.has(n) && !this.suspended.has(n));
      const subscribers: { triggers: string[]; userId: string; size: number }[] = [];
      if (others.length)
        subscribers.push({
          triggers: others,
          userId: this.host.automatedProcessUserId(),
          size: 2000
        });
      for (const [trigger, c] of configured)
        if (!this.suspended.has(trigger))
          subscribers.push({ triggers: [trigger], userId: c.userId, size: c.size });
      for (const sub of subscribers)
        for (let i = 0; i < list.length; i += sub.size)
          this.deliverBatch(type, list.slice(i, i + sub.size), 0, null, sub);
    }
    this.host.delivered?.(events);
  }

  /**
   * Deploys a PlatformEventSubscriberConfig to this org only (TypeScript API: what an admin deploys
   * after creating the user): the event or change-event trigger then runs as that user, in batches
   * of that size.
   */
  configureSubscriber(trigger: string, opts: { username?: string; batchSize?: number }): void {
    this.addedConfigs.push({
      name: `${trigger}_Config`,
      trigger,
      username: opts.username ?? null,
      batchSize: opts.batchSize ?? null
    });
  }

  /** The PlatformEventSubscriberConfigs of the triggers on an event type, by lower-case trigger name. */
  private subscriberConfigs(type: string): Map<string, { userId: string; size: number }> {
    const result = new Map<string, { userId: string; size: number }>();
    const triggers = new Set(this.host.triggersOn(type).map((t) => t.name.toLowerCase()));
    for (const c of [...this.host.metadata.eventSubscriberConfigs, ...this.addedConfigs]) {
      const trigger = c.trigger.toLowerCase();
      if (!triggers.has(trigger)) continue;
      let userId = this.host.automatedProcessUserId();
      if (c.username) {
        try {
          userId = this.host.userIdByUsername(c.username);
        } catch {
          throw new UnsupportedError(
            `PlatformEventSubscriberConfig ${c.name} runs ${c.trigger} as ${c.username}, a user this org does not have`
          );
        }
      }
      result.set(trigger, { userId, size: Math.max(1, Math.min(2000, c.batchSize ?? 2000)) });
    }
    return result;
  }

  /** EventBus.TriggerContext.currentContext() of the event trigger running now. */
  context: EventTriggerContext | null = null;

  /**
   * One event-trigger batch. EventBus.RetryableException: the DML of the run is rolled back and the
   * batch is sent again, in the same order, with TriggerContext.retries counted (1 run + 9 retries;
   * then the trigger moves to the error state and stops receiving new events: "Retry Event Triggers
   * with EventBus.RetryableException"). In a test method the retried batch waits for the next
   * Test.getEventBus().deliver() ("Test Retried Event Messages"). Another uncaught exception after
   * setResumeCheckpoint(replayId): delivery resumes after that event ("Resume a Platform Event
   * Trigger After an Uncaught Exception"); without a checkpoint the batch is dropped. Failures are
   * recorded in eventErrors.
   */
  private deliverBatch(
    type: string,
    batch: ApexSObject[],
    retries: number,
    lastError: string | null,
    sub: { triggers: string[] | null; userId: string } = {
      triggers: null,
      userId: this.host.automatedProcessUserId()
    }
  ): void {
    const live = sub.triggers?.filter((t) => !this.suspended.has(t)) ?? null;
    if (live && !live.length) return;
    if (live) sub = { ...sub, triggers: live };
    const ctx = { batch, retries, lastError, checkpoint: null as string | null };
    this.context = ctx;
    try {
      this.host.runEventTriggers(type, batch, sub.triggers, sub.userId);
    } catch (e) {
      const failure = (e as { triggerFailure?: string }).triggerFailure;
      if (!failure && !isApexFailure(e)) throw e;
      const message = failure ?? errorMessage(e);
      const exType = (e as { exceptionType?: string }).exceptionType;
      if (exType === 'EventBus.RetryableException') {
        if (retries < MAX_RETRIES) {
          const again = (): void => this.deliverBatch(type, batch, retries + 1, message, sub);
          if (this.host.heldTestEvents()) this.testRetries.push(again);
          else
            this.queueBatch(
              `retry ${type} (${retries + 1})`,
              type,
              batch,
              retries + 1,
              message,
              sub
            );
          return;
        }
        for (const t of sub.triggers ?? this.host.triggersOn(type).map((x) => x.name))
          this.suspended.add(t.toLowerCase());
        this.errors.push({
          type,
          count: batch.length,
          message: `retries exhausted, trigger in the error state: ${message}`
        });
        return;
      }
      const at =
        ctx.checkpoint === null
          ? -1
          : batch.findIndex((ev) => String(ev.raw('ReplayId')) === ctx.checkpoint);
      if (at >= 0 && at < batch.length - 1) {
        this.queueBatch(`resume ${type}`, type, batch.slice(at + 1), 0, message, sub);
      }
      this.errors.push({ type, count: batch.length - (at + 1), message });
    } finally {
      this.context = null;
    }
  }

  /** Test.getEventBus().deliver(): resends the batches retried since the last deliver() first. */
  deliverTestRetries(): void {
    for (const again of this.testRetries.splice(0)) again();
  }

  /**
   * Returns an event trigger from the error state to running (what saving the fixed trigger or
   * resuming its subscription in Setup does). Events published meanwhile are not resent.
   */
  resumeTrigger(trigger: string): void {
    this.suspended.delete(trigger.toLowerCase());
  }

  /** Whether an event trigger is in the error state (retries exhausted). */
  isSuspended(trigger: string): boolean {
    return this.suspended.has(trigger.toLowerCase());
  }

  /**
   * Test hook: the next `count` committed changes that have a subscriber are published as gap
   * events (`GAP_CREATE`, `GAP_UPDATE`, `GAP_DELETE`, `GAP_UNDELETE`: header only, record Id and
   * change type, no fields) or, for `overflow`, folded into one `GAP_OVERFLOW` event per object
   * (entityName only), as a real org does under load or on internal errors ("Gap Events",
   * "Overflow Events"). `count` 0 turns it off.
   */
  forceGapEvents(count: number, kind: 'gap' | 'overflow' = 'gap'): void {
    if (!Number.isInteger(count) || count < 0)
      throw new Error(`forceGapEvents: count must be a whole number >= 0, got ${count}`);
    this.forced = count ? { kind, remaining: count } : null;
  }

  /** EventBus.publish: immediately (default) or after commit, per the event's publishBehavior. */
  publish(events: ApexSObject[]): RecordResult[] {
    const t = this.host.tx();
    const results: RecordResult[] = [];
    const immediate: ApexSObject[] = [];
    let immediateCounted = false;
    for (const e of events) {
      const o = this.host.schema.get(e.type);
      if (!o || !o.isPlatformEvent) {
        results.push({
          id: null,
          success: false,
          errors: [
            { statusCode: 'INVALID_TYPE', message: `${e.type} is not a platform event`, fields: [] }
          ]
        });
        continue;
      }
      const invalid = eventFieldErrors(o, e);
      if (invalid.length) {
        results.push({ id: null, success: false, errors: invalid });
        continue;
      }
      // Apex Reference, "EventBus Class": "Each method execution is counted as one DML statement"
      // (Publish Immediate DML for events that publish immediately): one per call, not per event.
      if (!immediateCounted && o.def.publishBehavior !== 'PublishAfterCommit') {
        t.limits.consume('PublishImmediateDML');
        immediateCounted = true;
      }
      e.set('ReplayId', String(++this.replayCounter));
      // An event created with newSObject(null, true) keeps its EventUuid ("Create an Event with an
      // EventUuid Field"): publish callbacks correlate their results by it.
      if (e.raw('EventUuid') === undefined || e.raw('EventUuid') === null)
        e.set('EventUuid', cryptoUuid(this.replayCounter, this.host.name));
      e.set(
        'CreatedDate',
        jsToApex(must(o.field('CreatedDate'), `${o.name}.CreatedDate`), this.host.now())
      );
      e.set('CreatedById', new ApexId(this.host.currentUserId()));
      if (o.def.publishBehavior === 'PublishAfterCommit') t.afterCommitEvents.push(e);
      else immediate.push(e);
      results.push({ id: null, success: true, errors: [] });
    }
    t.limits.trace.push({ kind: 'publish', detail: events[0]?.type ?? '', rows: events.length });
    if (immediate.length) {
      const held = this.host.heldTestEvents();
      if (held) held.push(...immediate);
      else this.queue(immediate);
    }
    return results;
  }

  /** Change Data Capture: one change event per changed record, after commit (Change Data Capture Developer Guide). */
  publishChangeEvents(t: EventTransaction): void {
    const events = this.changeEvents(t, t.changes.splice(0));
    if (events.length) this.queue(events);
  }

  /**
   * Change events for committed changes (Change Data Capture Developer Guide, "ChangeEventHeader
   * Fields"): compound fields listed as `CompoundField.ComponentField` ("Get Compound Fields in
   * Change Events"); beyond 100,000 changes in one transaction (an update counts one per changed
   * field) one GAP_OVERFLOW event per object ("Overflow Events"); gap events when forced.
   */
  changeEvents(t: EventTransaction, changes: ChangeRecord[]): ApexSObject[] {
    if (!changes.length) return [];
    const events: ApexSObject[] = [];
    const txKey = cryptoUuid(++this.replayCounter, `${this.host.name}-tx`);
    const overflowed = new Set<string>();
    let seq = 0;
    let load = 0;
    for (const c of changes) {
      const object = this.host.schema.get(c.object);
      const evType = this.host.schema.get(
        c.object.endsWith('__c')
          ? c.object.replace(/__c$/, '__ChangeEvent')
          : `${c.object}ChangeEvent`
      );
      if (
        !object ||
        !evType ||
        (!this.subscribers.has(evType.name.toLowerCase()) &&
          !this.host.hasTriggers(evType.name, 'AFTER_INSERT'))
      )
        continue;
      const forced = this.forced;
      if (forced) {
        forced.remaining--;
        if (forced.remaining <= 0) this.forced = null;
      }
      const overflow = load >= OVERFLOW_THRESHOLD || forced?.kind === 'overflow';
      load += c.changeType === 'UPDATE' ? Math.max(1, c.changedFields.length) : 1;
      if (overflow && overflowed.has(object.name)) continue;
      if (overflow) overflowed.add(object.name);
      const gap = overflow || forced?.kind === 'gap';
      const e = new ApexSObject(evType.name);
      const header = {
        entityName: object.name,
        recordIds: overflow ? [] : [c.id],
        changeType: overflow ? 'GAP_OVERFLOW' : gap ? `GAP_${c.changeType}` : c.changeType,
        changedFields:
          !gap && c.changeType === 'UPDATE' ? headerFields(object, c.changedFields) : [],
        nulledFields: gap ? [] : headerFields(object, c.nulledFields),
        diffFields: [] as string[],
        changeOrigin: t.changeOrigin,
        transactionKey: txKey,
        sequenceNumber: gap ? 1 : ++seq,
        commitTimestamp: this.host.now(),
        commitNumber: this.replayCounter,
        commitUser: t.userId
      };
      e.set('ChangeEventHeader', new NativeObject('EventBus.ChangeEventHeader', header));
      if (!gap && c.changeType !== 'DELETE') {
        const fields =
          c.changeType === 'UPDATE' ? new Set(c.changedFields.map((f) => f.toLowerCase())) : null;
        for (const [k, v] of c.values) {
          if (fields && !fields.has(k)) continue;
          const f = evType.field(k);
          if (f) e.set(f.name, v);
        }
      }
      e.set('ReplayId', String(this.replayCounter * 1000 + seq));
      events.push(e);
    }
    return events;
  }

  /** TypeScript listeners for events and change events (World tests, demos). */
  subscribe(eventType: string, listener: (events: ApexSObject[]) => void): void {
    const lc = eventType.toLowerCase();
    let l = this.subscribers.get(lc);
    if (!l) this.subscribers.set(lc, (l = []));
    l.push(listener);
  }
}

/** Retries of an event trigger after the first run ("Retry Event Triggers with EventBus.RetryableException"). */
export const MAX_RETRIES = 9;
/** Changes in one transaction that get change events; the rest become overflow events. */
export const OVERFLOW_THRESHOLD = 100_000;

const ADDRESS_COMPONENTS = [
  'Street',
  'City',
  'State',
  'PostalCode',
  'Country',
  'StateCode',
  'CountryCode',
  'Latitude',
  'Longitude',
  'GeocodeAccuracy'
];
const NAME_COMPONENTS = ['Salutation', 'FirstName', 'MiddleName', 'LastName', 'Suffix'];

/**
 * How a change event's header names a field of the object: a component of a compound field as
 * `CompoundField.ComponentField` ("Get Compound Fields in Change Events"): BillingCity is
 * BillingAddress.City, a Lead's City is Address.City, a Contact's FirstName is Name.FirstName, a
 * custom Location__Latitude__s is Location__c.Latitude; every other field as its name.
 */
export function changeEventFieldName(object: SObjectSchema, field: string): string {
  const name = object.field(field)?.name ?? field;
  const geo = /^(.+)__(Latitude|Longitude)__s$/i.exec(name);
  if (geo) {
    const compound = object.field(`${geo[1]}__c`);
    if (compound?.type === 'location') return `${compound.name}.${geo[2]}`;
  }
  for (const part of ADDRESS_COMPONENTS) {
    if (!name.endsWith(part)) continue;
    const prefix = name.slice(0, name.length - part.length);
    const compound = object.field(`${prefix}Address`);
    if (compound?.type === 'address') return `${compound.name}.${part}`;
  }
  if (NAME_COMPONENTS.includes(name) && object.field('Name') && object.field('LastName'))
    return `Name.${name}`;
  return name;
}

/** Field names as a change event header lists them; a compound field itself is not listed, its components are. */
function headerFields(object: SObjectSchema, fields: string[]): string[] {
  return fields.filter((f) => !isCompound(object, f)).map((f) => changeEventFieldName(object, f));
}

function isCompound(object: SObjectSchema, field: string): boolean {
  const f = object.field(field);
  if (!f) return false;
  if (f.type === 'address' || f.type === 'location') return true;
  return f.name === 'Name' && !!object.field('LastName');
}

function cryptoUuid(n: number, salt: string): string {
  let h = 2166136261;
  for (const c of `${salt}:${n}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  const hex = (x: number): string => (x >>> 0).toString(16).padStart(8, '0');
  const a = hex(h);
  const b = hex(Math.imul(h, 31) ^ n);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-8${a.slice(1, 4)}-${b}${a.slice(0, 4)}`;
}

/**
 * Platform Events Developer Guide, "Considerations for Defining and Publishing Platform Events",
 * Enforcement of Field Attributes: "Platform event records are validated to ensure that the attributes
 * of their custom fields are enforced" (Required, the maximum length of text fields): an event
 * failing them is not published and its SaveResult holds the error, as a DML save would
 * (REQUIRED_FIELD_MISSING, STRING_TOO_LONG). Number precision is not checked here.
 */
function eventFieldErrors(
  o: { fields(): readonly CatalogField[] },
  e: ApexSObject
): { statusCode: string; message: string; fields: string[] }[] {
  const errors: { statusCode: string; message: string; fields: string[] }[] = [];
  const missing: string[] = [];
  for (const f of o.fields()) {
    if (!f.name.endsWith('__c')) continue;
    const v = e.raw(f.name);
    if ((v === undefined || v === null || v === '') && !f.nillable && f.type !== 'boolean')
      missing.push(f.name);
    else if (f.length && typeof v === 'string' && v.length > f.length)
      errors.push({
        statusCode: 'STRING_TOO_LONG',
        message: `${f.label ?? f.name}: data value too large: ${v} (max length=${f.length})`,
        fields: [f.name]
      });
  }
  if (missing.length)
    errors.unshift({
      statusCode: 'REQUIRED_FIELD_MISSING',
      message: `Required fields are missing: [${missing.join(', ')}]`,
      fields: missing
    });
  return errors;
}
