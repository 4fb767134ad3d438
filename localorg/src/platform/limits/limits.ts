// Governor limits per transaction, with exact counters (Apex Developer Guide, "Execution Governors
// and Limits"; Apex Reference, "Limits Class"). Exceeding one throws System.LimitException, which
// Apex cannot catch. Messages as the platform words them (../shared/PLATFORM.md, Runtime 1).

export type LimitName =
  | 'Queries'
  | 'QueryRows'
  | 'QueryLocatorRows'
  | 'SoslQueries'
  | 'DMLStatements'
  | 'DMLRows'
  | 'Callouts'
  | 'FutureCalls'
  | 'QueueableJobs'
  | 'EmailInvocations'
  | 'PublishImmediateDML'
  | 'AggregateQueries'
  | 'CpuTime'
  | 'HeapSize'
  | 'FetchCallsOnApexCursor'
  | 'ApexCursorRows';

const SYNC: Record<LimitName, number> = {
  Queries: 100,
  QueryRows: 50_000,
  QueryLocatorRows: 10_000,
  SoslQueries: 20,
  DMLStatements: 150,
  DMLRows: 10_000,
  Callouts: 100,
  FutureCalls: 50,
  QueueableJobs: 50,
  EmailInvocations: 10,
  PublishImmediateDML: 150,
  AggregateQueries: 300,
  CpuTime: 10_000,
  HeapSize: 6_000_000,
  // Apex Reference, "Cursor Class": at most 100 Cursor.fetch() calls per transaction and 50 million
  // rows per cursor (the local org has no cursors yet: nothing is counted against them).
  FetchCallsOnApexCursor: 100,
  ApexCursorRows: 50_000_000
};
const ASYNC: Record<LimitName, number> = {
  ...SYNC,
  Queries: 200,
  QueueableJobs: 1,
  AggregateQueries: 300,
  CpuTime: 60_000,
  HeapSize: 12_000_000
};

// "Too many SOQL queries: 101" etc.
const MESSAGES: Partial<Record<LimitName, string>> = {
  Queries: 'Too many SOQL queries',
  QueryRows: 'Too many query rows',
  QueryLocatorRows: 'Too many query locator rows',
  SoslQueries: 'Too many SOSL queries',
  DMLStatements: 'Too many DML statements',
  DMLRows: 'Too many DML rows',
  Callouts: 'Too many callouts',
  FutureCalls: 'Too many future calls',
  QueueableJobs: 'Too many queueable jobs added to the queue',
  EmailInvocations: 'Too many Email Invocations',
  PublishImmediateDML: 'Too many Publish Immediate DML'
};

/** System.LimitException: the runtime must not let Apex catch it. */
export class LimitException extends Error {
  readonly apexType = 'System.LimitException';
  /** The Apex stack trace where the limit was hit (set by the language runtime). */
  apexStack?: string;
}

export type ExecutionKind =
  | 'sync'
  | 'queueable'
  | 'batch'
  | 'future'
  | 'schedulable'
  | 'finalizer'
  | 'trigger-event'
  | 'rest';

export interface TraceEntry {
  kind: 'soql' | 'sosl' | 'dml' | 'callout' | 'publish' | 'enqueue' | 'limit';
  detail: string;
  rows?: number;
  ms?: number;
}

/** CPU time used by this process so far, in ms (user and system). */
export function processCpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

export class Limits {
  private readonly used: Record<LimitName, number>;
  private readonly max: Record<LimitName, number>;
  readonly trace: TraceEntry[] = [];
  /** Cumulative callout time in ms (120 s per transaction). */
  calloutMs = 0;
  /**
   * CPU time of this process that is not this transaction's: waiting for callouts, during which a
   * peer org of the World runs in this process. "Operations that don't consume application server CPU
   * time aren't counted toward CPU time ... nor is waiting time for Apex callouts" (Apex Developer
   * Guide, Execution Governors and Limits, Maximum CPU time).
   */
  notCpuMs = 0;
  readonly startedAt = performance.now();
  /**
   * CPU time is what the process spends, not the time that passes: on a loaded machine the elapsed
   * time of the same work stretches ("Maximum CPU time on the Salesforce servers"; "CPU time is
   * calculated for all executions on the Salesforce application servers occurring in one Apex
   * transaction", Execution Governors and Limits).
   */
  readonly startedCpuMs = processCpuMs();

  constructor(readonly kind: ExecutionKind = 'sync') {
    this.max = {
      ...(kind === 'sync' || kind === 'rest' || kind === 'schedulable' || kind === 'trigger-event'
        ? SYNC
        : ASYNC)
    };
    // Future calls are 0 from a future or batch context; 50 from a queueable (PLATFORM.md Runtime 1).
    if (kind === 'future' || kind === 'batch') this.max.FutureCalls = 0;
    // A finalizer runs with sync limits but may enqueue one job (Transaction Finalizers).
    if (kind === 'finalizer') this.max.QueueableJobs = 1;
    this.used = Object.fromEntries(Object.keys(SYNC).map((k) => [k, 0])) as Record<
      LimitName,
      number
    >;
  }

  get(name: LimitName): number {
    if (name === 'CpuTime') return Math.round(processCpuMs() - this.startedCpuMs - this.notCpuMs);
    return this.used[name];
  }

  getLimit(name: LimitName): number {
    return this.max[name];
  }

  /** Counts `n` against a limit; throws LimitException past it. */
  consume(name: LimitName, n = 1): void {
    const next = this.used[name] + n;
    if (next > this.max[name]) {
      const msg = MESSAGES[name];
      if (!msg) throw new Error(`No limit message for ${name}`);
      this.trace.push({ kind: 'limit', detail: `${msg}: ${next}` });
      // For QueueableJobs the platform reports the attempted count, e.g. "…queue: 2" with a limit of 1.
      throw new LimitException(`${msg}: ${next}`);
    }
    this.used[name] = next;
  }

  /**
   * Records the heap measured now (runtime/heap.ts). Past the limit: System.LimitException
   * "Apex heap size too large: <bytes>" (Execution Governors and Limits: 6 MB sync, 12 MB async).
   */
  measureHeap(bytes: number): void {
    this.used.HeapSize = bytes;
    if (bytes > this.max.HeapSize) {
      const msg = `Apex heap size too large: ${bytes}`;
      this.trace.push({ kind: 'limit', detail: msg });
      throw new LimitException(msg);
    }
  }

  /** Whole-transaction snapshot for tests and benchmarks. */
  summary(): Record<string, { used: number; limit: number }> {
    const out: Record<string, { used: number; limit: number }> = {};
    for (const k of Object.keys(this.used) as LimitName[])
      out[k] = { used: this.get(k), limit: this.max[k] };
    return out;
  }
}
