// The state of the Apex test method running in an org (Apex Developer Guide, "Using Limits,
// startTest, and stopTest", "Testing Asynchronous Apex", "Testing HTTP Callouts", "Adding SOSL
// Queries to Unit Tests", "Test Change Event Triggers", "Test Retried Event Messages"): nothing
// commits; async work waits for Test.stopTest and events for Test.getEventBus().deliver();
// HTTP mocks and fixed search results last for the method.
import type { ApexSObject, ApexValue } from '../../runtime/values.ts';
import type { NativeCallContext } from '../../runtime/platform.ts';
import { Limits } from '../limits/limits.ts';
import type { AsyncQueue } from '../async/jobs.ts';
import type { ChangeRecord } from '../dml/call.ts';
import { newTransaction, type Transaction } from '../transactions/transaction.ts';

type AsyncJob = Parameters<AsyncQueue['add']>[0];

/** What a test method needs of its org. */
export interface TestHost {
  /** The undo-log position now (the test method rolls back to it). */
  mark(): number;
  rollbackTo(mark: number): void;
  currentUserId(): string;
  /** The transactions open now, innermost last. */
  readonly txStack: Transaction[];
  /** Forgets the records Test.loadData created. */
  resetTestData(): void;
  /** Sharing and permissions changed (records rolled back, users switched). */
  invalidateAccess(): void;
  /** Change events of a transaction's changes (Change Data Capture). */
  changeEvents(t: Transaction, changes: ChangeRecord[]): ApexSObject[];
  /** Event batches retried since the last deliver() are sent first. */
  deliverTestRetries(): void;
  deliverEvents(events: ApexSObject[]): void;
  /** The events failed to publish (Test.getEventBus().fail()). */
  failEvents(events: ApexSObject[]): void;
}

/** One org's test-method state; `inTestMethod` is false outside a test method. */
export class TestContext {
  /** The undo-log position where the test method began, or null outside a test method. */
  private mark: number | null = null;
  private started = false;
  private async: AsyncJob[] = [];
  private events: ApexSObject[] = [];
  private readonly mocks = new Map<string, ApexValue>();
  private cdc = false;
  /** The limits of the test method before Test.startTest, given back by Test.stopTest. */
  private limitsBeforeStartTest: Limits | null = null;
  /** While Test.stopTest runs async work: the failures of its jobs, rethrown in the test. */
  private asyncFailures: unknown[] | null = null;
  /** Test.setFixedSearchResults Ids, or null when not set. */
  fixedSearchResults: string[] | null = null;

  constructor(private readonly host: TestHost) {}

  get inTestMethod(): boolean {
    return this.mark !== null;
  }

  /** Events held until Test.getEventBus().deliver(), or null outside a test method. */
  heldEvents(): ApexSObject[] | null {
    return this.mark !== null ? this.events : null;
  }

  /** The HTTP mock set for an interface (lower-case name without `System.`). */
  mock(iface: string): ApexValue | undefined {
    return this.mocks.get(iface.toLowerCase());
  }

  /** Test.setMock */
  setMock(iface: string, mock: ApexValue): void {
    this.mocks.set(iface.replace(/^System\./i, '').toLowerCase(), mock);
  }

  /** A transaction of the test method ends: its async work and events wait (nothing commits). */
  commit(t: Transaction): void {
    for (const p of t.pendingAsync) this.async.push(p.job);
    this.events.push(...t.afterCommitEvents);
    if (this.cdc) this.events.push(...this.host.changeEvents(t, t.changes.splice(0)));
  }

  begin(): void {
    this.mark = this.host.mark();
    this.host.resetTestData();
    this.started = false;
    this.limitsBeforeStartTest = null;
    this.async = [];
    this.events = [];
    this.mocks.clear();
    this.fixedSearchResults = null;
    this.cdc = false;
    this.host.txStack.push(newTransaction('sync', this.mark, this.host.currentUserId()));
  }

  end(): void {
    this.host.txStack.pop();
    if (this.mark !== null) this.host.rollbackTo(this.mark);
    this.mark = null;
    this.async = [];
    this.events = [];
    this.host.invalidateAccess();
  }

  startTest(ctx: NativeCallContext, t: Transaction): void {
    if (this.started) ctx.throwApex('System.FinalException', 'Testing already started');
    this.started = true;
    // Code between startTest and stopTest gets a new set of governor limits; stopTest returns to
    // the original ones (Apex Developer Guide, "Using Limits, startTest, and stopTest").
    this.limitsBeforeStartTest = t.limits;
    t.limits = new Limits(t.kind);
    // DML before Test.startTest does not block a callout after it ("Performing DML Operations and Mock Callouts").
    t.uncommittedWork = false;
    this.async = [];
  }

  stopTest(ctx: NativeCallContext, t: Transaction): void {
    if (!this.started) ctx.throwApex('System.FinalException', 'Testing has not started');
    t.limits = this.limitsBeforeStartTest ?? new Limits(t.kind);
    this.limitsBeforeStartTest = null;
    // Async work started after startTest runs now, synchronously (Apex Developer Guide, "Testing
    // Asynchronous Apex"), each job in its own transaction with its own limits. A job's uncaught
    // exception is recorded on its AsyncApexJob and then surfaces in the test method here.
    for (const p of t.pendingAsync.splice(0)) this.async.push(p.job);
    const jobs = this.async.splice(0);
    this.started = false;
    const failures: unknown[] = [];
    this.asyncFailures = failures;
    try {
      for (const j of jobs) j.run();
      this.deliverEvents();
    } finally {
      this.asyncFailures = null;
    }
    if (failures.length) throw failures[0];
  }

  /** An async job ended with an uncaught Apex exception or limit (recorded on its AsyncApexJob). */
  asyncJobFailed(e: unknown): void {
    this.asyncFailures?.push(e);
  }

  /** Test.getEventBus().deliver() */
  deliverEvents(): void {
    const t = this.host.txStack[this.host.txStack.length - 1];
    if (t?.afterCommitEvents.length) this.events.push(...t.afterCommitEvents.splice(0));
    // Test.enableChangeDataCapture(): the test's changes become change events now (Test Change Event Triggers).
    if (t && this.cdc) this.events.push(...this.host.changeEvents(t, t.changes.splice(0)));
    // batches retried since the last deliver() are resent first ("Test Retried Event Messages")
    this.host.deliverTestRetries();
    const events = this.events.splice(0);
    if (events.length) this.host.deliverEvents(events);
  }

  /**
   * Test.getEventBus().fail() ("Test Apex Publish Callbacks"): the events published so far fail and
   * leave the test event bus; no trigger receives them, their publish callbacks' onFailure runs.
   */
  failEvents(): void {
    const t = this.host.txStack[this.host.txStack.length - 1];
    if (t?.afterCommitEvents.length) this.events.push(...t.afterCommitEvents.splice(0));
    const events = this.events.splice(0);
    if (events.length) this.host.failEvents(events);
  }

  /** Test.enableChangeDataCapture() */
  enableChangeDataCapture(): void {
    this.cdc = true;
  }
}
