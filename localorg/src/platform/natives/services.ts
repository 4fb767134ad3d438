// What the native classes ask of the org they run in: its schema, records, metadata, access rules
// and a few org-wide facts. `Org` implements it; the families of this folder see nothing else of it,
// so they never import org.ts (which imports them).
import type { NativeCallContext } from '../../runtime/platform.ts';
import type { ApexSObject, ApexValue, NativeObject } from '../../runtime/values.ts';
import type { Schema } from '../schema/schema.ts';
import type { Store } from '../data/store.ts';
import type { Metadata, StaticResourceMeta } from '../schema/metadata.ts';
import type { Access } from '../security/access.ts';
import type { PlatformCacheStore } from './cache-store.ts';

/** A custom notification sent with Messaging.CustomNotification.send, kept on the org for tests. */
export interface SentNotification {
  type: string;
  title: string;
  body: string;
  targetId: string | null;
  recipients: string[];
}

/** A message accepted by Messaging.sendEmail (its properties as Apex set them; never sent). */
export interface SentEmail {
  kind: 'single' | 'mass';
  fields: Record<string, ApexValue>;
}

/** EventBus.TriggerContext.currentContext() of the event trigger running now. */
export interface EventTriggerContext {
  batch: ApexSObject[];
  retries: number;
  lastError: string | null;
  checkpoint: string | null;
}

export interface OrgServices {
  readonly schema: Schema;
  readonly store: Store;
  readonly metadata: Metadata;
  readonly access: Access;
  readonly organizationId: string;
  readonly notifications: SentNotification[];
  readonly eventContext: EventTriggerContext | null;
  currentUserId(): string;
  /** The Schema.SObjectType token of an object, Schema.SObjectField token of a field. */
  typeToken(object: string): NativeObject;
  fieldToken(object: string, field: string): NativeObject;
  /** EventBus.TestBroker.deliver(): publishes the test's queued platform events now. */
  deliverTestEvents(): void;
  /** Test.getEventBus().fail(): the test's published events fail to publish. */
  failTestEvents(): void;
  /** EventBus.publish(event(s), callback): publishes and registers the publish callback. */
  publishWithCallback(
    ctx: NativeCallContext,
    events: readonly ApexSObject[],
    single: boolean,
    callback: ApexValue
  ): ApexValue;
  staticResource(name: string): StaticResourceMeta | undefined;
  /** The org's Platform Cache (org and session segments of each partition). */
  readonly platformCache: PlatformCacheStore;
  /** Milliseconds since epoch of "now" on the org's clock. */
  nowMs(): number;
  /** Emails Messaging.sendEmail accepted (never sent). */
  readonly sentEmails: SentEmail[];
  /** Counts against a governor limit of the running transaction (System.LimitException past it). */
  consumeLimit(name: string, n?: number): void;
  /** The running test method is `@IsTest(SeeAllData=true)` (or its class is). */
  seeAllData(): boolean;
}

/**
 * The org a family's definitions act on. A call rebinds it to the org running the code (the
 * call's platform, see `platformNatives`), so a definition never depends on which org built it.
 */
export interface NativesEnv {
  org: OrgServices;
}
