// Async Apex on one org (Apex Developer Guide, "Asynchronous Apex"): Queueable jobs (delays,
// stack depth, duplicate signatures, finalizers), Batch Apex (start/execute/finish in their own
// transactions), scheduled jobs (CronTrigger, next fire times), @future calls. Each job records its
// AsyncApexJob; the queue itself (when work runs) is async/jobs.ts, the org decides when to run it.
import {
  ApexId,
  ApexList,
  NativeObject,
  typeRef,
  ApexObject,
  type ApexValue
} from '../../runtime/values.ts';
import {
  UnsupportedError,
  type ApexRuntime,
  type NativeCallContext
} from '../../runtime/platform.ts';
import { nextCronTime, type AsyncQueue, type PersistedJob } from './jobs.ts';
import {
  ApexStateReader,
  ApexStateWriter,
  type ApexState,
  type ClassLookup
} from '../world/apex-state.ts';
import type { ExecutionKind, Limits } from '../limits/limits.ts';
import type { Store } from '../data/store.ts';
import type { Bind } from '../soql/ast.ts';
import type { QueryOutcome } from '../soql/eval.ts';
import { errorMessage, isApexFailure } from '../failures.ts';

type AsyncJob = Parameters<AsyncQueue['add']>[0];

/** What async Apex reads and sets on the transaction. */
export interface AsyncTransaction {
  readonly limits: Limits;
  readonly kind: ExecutionKind;
  readonly queueableDepth: number;
  finalizer: ApexObject | null;
}

/** What async Apex needs of the org. */
export interface AsyncHost {
  readonly store: Store;
  readonly asyncQueue: AsyncQueue;
  tx(): AsyncTransaction;
  inTransaction(): boolean;
  now(): number;
  currentUserId(): string;
  requireRuntime(feature: string): ApexRuntime;
  /** Queues work of the current transaction; it becomes runnable when the transaction commits. */
  enqueueAsync(job: AsyncJob): void;
  newAsyncApexJob(jobType: string, className: string, status?: string): string;
  insertSystem(type: string, values: Record<string, unknown>): string;
  updateSystem(id: string, values: Record<string, unknown>): void;
  asUser<T>(userId: string, fn: () => T): T;
  withTransaction<T>(
    kind: ExecutionKind,
    fn: () => T,
    opts?: { label?: string; queueableDepth?: number }
  ): T;
  runQuery(
    text: string,
    resolveBind: (b: Bind) => ApexValue,
    opts?: { queryLocator?: boolean }
  ): QueryOutcome;
  /** A job ended with an uncaught Apex exception or limit (after its AsyncApexJob records it). */
  jobFailed(e: unknown): void;
  /** True while an Apex test method runs (its async work runs at Test.stopTest). */
  inTestMethod(): boolean;
  /** The org's default maximum depth of a Queueable chain (5 on Developer Edition), or null. */
  queueableStackDepthLimit(): number | null;
}

export class AsyncApex {
  /** Duplicate Queueable signatures queued or running (Apex Reference, "QueueableDuplicateSignature Class"). */
  private readonly activeSignatures = new Set<string>();

  constructor(private readonly host: AsyncHost) {}

  /** `System.enqueueJob(job)` / `System.enqueueJob(job, delay|asyncOptions)`: the AsyncApexJob Id. */
  enqueueJob(ctx: NativeCallContext, job: ApexObject, options: ApexValue): ApexId {
    const t = this.host.tx();
    t.limits.consume('QueueableJobs');
    const o = options instanceof NativeObject ? (options.state as Record<string, ApexValue>) : null;
    const sig =
      o?.DuplicateSignature instanceof NativeObject
        ? (o.DuplicateSignature.state as { signature: string }).signature
        : undefined;
    const opts: { delay?: number; maxDepth?: number; signature?: string } = o
      ? {
          delay:
            o.MinimumQueueableDelayInMinutes === null
              ? undefined
              : Number(o.MinimumQueueableDelayInMinutes),
          maxDepth:
            o.MaximumQueueableStackDepth === null
              ? undefined
              : Number(o.MaximumQueueableStackDepth),
          signature: sig
        }
      : typeof options === 'number'
        ? { delay: options }
        : {};
    // Detecting Duplicate Queueable Jobs: a second job with the same signature while one is queued or running.
    if (opts.signature !== undefined && this.activeSignatures.has(opts.signature))
      ctx.throwApex(
        'System.DuplicateMessageException',
        'Attempt to enqueue job with duplicate queueable signature'
      );
    if (opts.delay !== undefined && (opts.delay < 0 || opts.delay > 10))
      ctx.throwApex('System.AsyncException', 'The delay must be between 0 and 10 minutes');
    const depth = t.queueableDepth + 1;
    // A job enqueued by a Queueable (or its finalizer) is chained one level deeper. Developer
    // Edition and Trial orgs (scratch orgs) stop a chain at depth 5 unless AsyncOptions sets
    // MaximumQueueableStackDepth (Apex Developer Guide, "Queueable Apex"). Apex tests cannot chain:
    // a job that Test.stopTest runs may not enqueue another ("Testing Queueable Jobs").
    const chained = t.kind === 'queueable' || t.kind === 'finalizer';
    if (chained && this.host.inTestMethod())
      ctx.throwApex('System.AsyncException', 'Maximum stack depth has been reached.');
    const maxDepth = opts.maxDepth ?? this.host.queueableStackDepthLimit();
    if (maxDepth !== null && depth > maxDepth)
      ctx.throwApex('System.AsyncException', 'Maximum stack depth has been reached.');
    // Only a job that is queued holds its signature: one refused above (depth, delay, a test's
    // chain) never was, so it must not block the next attempt ("Detecting Duplicate Queueable Jobs").
    if (opts.signature !== undefined) this.activeSignatures.add(opts.signature);
    const jobId = this.host.newAsyncApexJob('Queueable', job.cls.name);
    this.host.enqueueAsync(
      this.queueableJob(
        job,
        jobId,
        this.host.currentUserId(),
        depth,
        opts.signature,
        this.host.now() + (opts.delay ?? 0) * 60_000
      )
    );
    return new ApexId(jobId);
  }

  /** The queued Queueable `job` (AsyncApexJob `jobId`), as the queue runs it and a snapshot saves it. */
  private queueableJob(
    job: ApexObject,
    jobId: string,
    userId: string,
    depth: number,
    signature: string | undefined,
    notBefore: number
  ): AsyncJob {
    const runtime = this.host.requireRuntime('Queueable');
    const label = `Queueable ${job.cls.name}`;
    return {
      id: jobId,
      kind: 'Queueable',
      notBefore,
      label,
      run: () => {
        // The signature is released when the job completes, before its finalizer runs: the
        // finalizer may enqueue the next job of a chain with the same signature.
        const release = (): void => {
          if (signature !== undefined) this.activeSignatures.delete(signature);
        };
        try {
          this.runQueueable(runtime, job, jobId, userId, depth, release);
        } finally {
          release();
        }
      },
      persist: () => ({
        kind: 'Queueable',
        notBefore,
        label,
        data: {
          jobId,
          userId,
          depth,
          signature: signature ?? null,
          job: new ApexStateWriter().write(job, `${label} (${jobId})`)
        }
      })
    };
  }

  private runQueueable(
    runtime: ApexRuntime,
    job: ApexObject,
    jobId: string,
    userId: string,
    depth: number,
    onCompleted: () => void = () => {}
  ): void {
    if (this.aborted(jobId)) return; // System.abortJob before it ran
    this.host.updateSystem(jobId, { Status: 'Processing' });
    let failure: unknown = null;
    let finalizer: ApexObject | null = null;
    this.host.asUser(userId, () => {
      try {
        this.host.withTransaction(
          'queueable',
          () => {
            try {
              runtime.callMethod(job, 'execute', [
                new NativeObject('System.QueueableContext', { jobId })
              ]);
            } finally {
              // The finalizer runs whatever the outcome (Transaction Finalizers).
              finalizer = this.host.tx().finalizer;
            }
          },
          { label: `Queueable ${job.cls.name}`, queueableDepth: depth }
        );
      } catch (e) {
        if (!isApexFailure(e)) throw e;
        failure = e;
      }
    });
    const message = failure ? errorMessage(failure) : null;
    this.host.updateSystem(jobId, {
      Status: failure ? 'Failed' : 'Completed',
      NumberOfErrors: failure ? 1 : 0,
      ExtendedStatus: message,
      CompletedDate: this.host.now()
    });
    onCompleted();
    const fin = finalizer as ApexObject | null;
    if (fin) {
      this.host.asUser(userId, () =>
        this.host.withTransaction(
          'finalizer',
          () => {
            const fc = new NativeObject('System.FinalizerContext', {
              jobId,
              result: failure ? 'UNHANDLED_EXCEPTION' : 'SUCCESS',
              exception: (failure as { exception?: ApexObject } | null)?.exception ?? null
            });
            runtime.callMethod(fin, 'execute', [fc]);
          },
          { label: `Finalizer ${fin.cls.name}`, queueableDepth: depth }
        )
      );
    }
    if (failure) this.host.jobFailed(failure);
  }

  executeBatch(ctx: NativeCallContext, batch: ApexObject, scope: number): ApexId {
    if (scope < 1 || scope > 2000)
      ctx.throwApex('System.AsyncException', 'Batchable instance scope must be between 1 and 2000');
    const jobId = this.host.newAsyncApexJob('BatchApex', batch.cls.name, 'Holding');
    this.host.enqueueAsync(
      this.batchJob(batch, jobId, scope, this.host.currentUserId(), this.host.now())
    );
    return new ApexId(jobId);
  }

  /** A batch job not started yet, as the queue runs it and a snapshot saves it. */
  private batchJob(
    batch: ApexObject,
    jobId: string,
    scope: number,
    userId: string,
    notBefore: number
  ): AsyncJob {
    const runtime = this.host.requireRuntime('Batch Apex');
    const label = `Batch ${batch.cls.name}`;
    return {
      id: jobId,
      kind: 'BatchApex',
      notBefore,
      label,
      run: () => this.runBatch(runtime, batch, jobId, scope, userId),
      persist: () => ({
        kind: 'BatchApex',
        notBefore,
        label,
        data: {
          jobId,
          userId,
          scope,
          batch: new ApexStateWriter().write(batch, `${label} (${jobId})`)
        }
      })
    };
  }

  private runBatch(
    runtime: ApexRuntime,
    batch: ApexObject,
    jobId: string,
    scope: number,
    userId: string
  ): void {
    const bc = new NativeObject('Database.BatchableContext', { jobId });
    if (this.aborted(jobId)) return; // System.abortJob before it started
    this.host.asUser(userId, () => {
      this.host.updateSystem(jobId, { Status: 'Processing' });
      let items: ApexValue[] = [];
      this.host.withTransaction(
        'batch',
        () => {
          const start = runtime.callMethod(batch, 'start', [bc]);
          if (start instanceof NativeObject && start.className === 'Database.QueryLocator') {
            const st = start.state as { text: string; binds: (b: Bind) => ApexValue };
            // "Using Batch Apex": a QueryLocator bypasses the limit on the total number of records
            // retrieved by SOQL queries and returns up to 50 million (batch-query-locator.test.ts)
            const out = this.host.runQuery(st.text, st.binds, { queryLocator: true });
            if (out.records.length > 50_000_000) throw new Error('too many rows');
            items = out.records;
          } else if (start instanceof ApexList) items = start.items;
          else throw new UnsupportedError('Batchable.start returning a custom Iterable');
        },
        { label: `Batch ${batch.cls.name} start` }
      );
      const chunks = Math.ceil(items.length / scope);
      this.host.updateSystem(jobId, { TotalJobItems: chunks });
      let errors = 0;
      for (let i = 0; i < chunks; i++) {
        // an aborted batch runs no further chunk, nor its finish (abort-job.test.ts)
        if (this.aborted(jobId)) return;
        try {
          this.host.withTransaction(
            'batch',
            () =>
              runtime.callMethod(batch, 'execute', [
                bc,
                new ApexList(typeRef('SObject'), items.slice(i * scope, (i + 1) * scope))
              ]),
            { label: `Batch ${batch.cls.name} execute` }
          );
        } catch (e) {
          if (!isApexFailure(e)) throw e;
          errors++;
          this.host.jobFailed(e);
        }
        this.host.updateSystem(jobId, { JobItemsProcessed: i + 1, NumberOfErrors: errors });
      }
      if (this.aborted(jobId)) return;
      this.host.withTransaction('batch', () => runtime.callMethod(batch, 'finish', [bc]), {
        label: `Batch ${batch.cls.name} finish`
      });
      this.host.updateSystem(jobId, { Status: 'Completed', CompletedDate: this.host.now() });
    });
  }

  schedule(ctx: NativeCallContext, name: string, cron: string, job: ApexObject): ApexId {
    let next: number | null;
    try {
      next = nextCronTime(cron, this.host.now());
    } catch (e) {
      return ctx.throwApex('System.StringException', (e as Error).message);
    }
    for (const c of this.host.store.rows('CronJobDetail')) {
      if (String(c.values.get('name')) === name)
        ctx.throwApex(
          'System.AsyncException',
          `The Apex job named "${name}" is already scheduled for execution.`
        );
    }
    const detail = this.host.insertSystem('CronJobDetail', { Name: name, JobType: '7' });
    const cronId = this.host.insertSystem('CronTrigger', {
      CronExpression: cron,
      CronJobDetailId: detail,
      State: 'WAITING',
      NextFireTime: next,
      TimesTriggered: 0
    });
    if (next)
      this.enqueueAsyncCommitted(
        this.scheduledRun(cronId, name, cron, job, this.host.currentUserId(), next)
      );
    return new ApexId(cronId);
  }

  /**
   * The run of the scheduled job `name` (CronTrigger `cronId`) due at `at`, as the queue runs it
   * and a snapshot saves it; when it fires it queues the following run.
   */
  private scheduledRun(
    cronId: string,
    name: string,
    cron: string,
    job: ApexObject,
    userId: string,
    at: number
  ): AsyncJob {
    const runtime = this.host.requireRuntime('Schedulable');
    const label = `Scheduled ${name}`;
    const execute = (): void => {
      this.host.asUser(userId, () =>
        this.host.withTransaction(
          'schedulable',
          () =>
            runtime.callMethod(job, 'execute', [
              new NativeObject('System.SchedulableContext', { triggerId: cronId })
            ]),
          { label }
        )
      );
    };
    return {
      id: null,
      kind: 'ScheduledApex',
      notBefore: at,
      label,
      run: () => {
        const row = this.host.store.get(cronId);
        if (!row || row.deleted || row.values.get('state') === 'DELETED') return;
        if (this.host.inTestMethod()) {
          // Run by Test.stopTest: the job executes, but its CronTrigger is left as scheduled
          // (TimesTriggered 0, NextFireTime and PreviousFireTime unchanged) and it is not
          // scheduled again (observed on orgs: salesforce.stackexchange.com questions 115359 and
          // 219731; apex-recipes' ScheduledApexRecipes_Tests assert NextFireTime after stopTest).
          execute();
          return;
        }
        const times = Number(row.values.get('timestriggered') ?? 0) + 1;
        const following = nextCronTime(cron, at);
        this.host.updateSystem(cronId, {
          TimesTriggered: times,
          PreviousFireTime: at,
          NextFireTime: following,
          State: following ? 'WAITING' : 'COMPLETE'
        });
        execute();
        if (following)
          this.enqueueAsyncCommitted(this.scheduledRun(cronId, name, cron, job, userId, following));
      },
      persist: () => ({
        kind: 'ScheduledApex',
        notBefore: at,
        label,
        data: {
          cronId,
          name,
          cron,
          userId,
          job: new ApexStateWriter().write(job, `${label} (${cronId})`)
        }
      })
    };
  }

  /**
   * `System.abortJob(jobId)` for a scheduled job (Apex Reference, System Class, abortJob: "Stops the
   * specified job"; the Id is the CronTrigger's, as `System.schedule` returns it). The trigger and
   * its CronJobDetail go, so no run fires any more and the job's name may be scheduled again. An
   * AsyncApexJob Id (a Queueable or a batch, Apex Developer Guide, "Using Batch Apex": "To stop the
   * execution of the batch Apex job, call System.abortJob"): the job's Status becomes Aborted; a
   * queued job never runs, a running batch runs no further chunk and not its finish. A job already
   * Completed, Failed or Aborted is left as it is.
   */
  abortJob(ctx: NativeCallContext, jobId: string): void {
    const row = this.host.store.get(jobId);
    if (!row || row.deleted) return;
    if (row.type === 'AsyncApexJob') {
      const status = String(row.values.get('status'));
      if (!['Completed', 'Failed', 'Aborted'].includes(status))
        this.host.updateSystem(jobId, { Status: 'Aborted' });
      return;
    }
    if (row.type !== 'CronTrigger') {
      ctx.throwApex(
        'System.UnsupportedOperationException',
        `Local org: System.abortJob of a ${row.type} is not supported (only scheduled jobs)`
      );
    }
    const detailId = row.values.get('cronjobdetailid');
    this.host.store.hardDelete(row);
    const detail = detailId == null ? undefined : this.host.store.get(String(detailId));
    if (detail) this.host.store.hardDelete(detail);
  }

  /** Whether System.abortJob stopped an AsyncApexJob. */
  private aborted(jobId: string): boolean {
    const row = this.host.store.get(jobId);
    return !!row && String(row.values.get('status')) === 'Aborted';
  }

  /** Schedules work that needs no commit (the next run of a scheduled job). */
  private enqueueAsyncCommitted(job: Parameters<AsyncQueue['add']>[0]): void {
    if (this.host.inTransaction()) this.host.enqueueAsync(job);
    else this.host.asyncQueue.add(job);
  }

  callFuture(
    ctx: NativeCallContext,
    className: string,
    method: string,
    args: ApexValue[],
    callout: boolean
  ): void {
    const t = this.host.tx();
    if (t.kind === 'future' || t.kind === 'batch')
      ctx.throwApex(
        'System.AsyncException',
        'Future method cannot be called from a future or batch method: ' + `${className}.${method}`
      );
    t.limits.consume('FutureCalls');
    const jobId = this.host.newAsyncApexJob('Future', className);
    void callout;
    this.host.enqueueAsync(
      this.futureJob(className, method, args, jobId, this.host.currentUserId(), this.host.now())
    );
  }

  /** A queued @future call, as the queue runs it and a snapshot saves it. */
  private futureJob(
    className: string,
    method: string,
    args: ApexValue[],
    jobId: string,
    userId: string,
    notBefore: number
  ): AsyncJob {
    const runtime = this.host.requireRuntime('@future');
    const label = `Future ${className}.${method}`;
    return {
      id: jobId,
      kind: 'Future',
      notBefore,
      label,
      persist: () => {
        const writer = new ApexStateWriter();
        return {
          kind: 'Future',
          notBefore,
          label,
          data: {
            jobId,
            userId,
            className,
            method,
            args: args.map((a, i) => writer.write(a, `${label} (${jobId}), argument ${i + 1}`))
          }
        };
      },
      run: () => {
        let failure: unknown = null;
        this.host.asUser(userId, () => {
          try {
            this.host.withTransaction('future', () => runtime.callStatic(className, method, args), {
              label: `Future ${className}.${method}`
            });
          } catch (e) {
            if (!isApexFailure(e)) throw e;
            failure = e;
          }
        });
        this.host.updateSystem(jobId, {
          Status: failure ? 'Failed' : 'Completed',
          ExtendedStatus: failure ? errorMessage(failure) : null,
          CompletedDate: this.host.now()
        });
        if (failure) this.host.jobFailed(failure);
      }
    };
  }

  /**
   * Queues again a job a World snapshot saved (`AsyncJob.persist`), with its Apex state read back
   * into this org's classes (`classNamed`). Throws a WorldSnapshotError when it no longer fits.
   */
  restoreJob(saved: PersistedJob, classNamed: ClassLookup): void {
    const reader = new ApexStateReader(classNamed);
    const d = saved.data;
    const where = `${saved.label}`;
    const object = (state: unknown): ApexObject => {
      const value = reader.read(state as ApexState, where);
      if (!(value instanceof ApexObject)) throw new Error(`${where}: not an Apex object`);
      return value;
    };
    let job: AsyncJob;
    switch (saved.kind) {
      case 'Queueable': {
        const signature = d.signature === null ? undefined : String(d.signature);
        if (signature !== undefined) this.activeSignatures.add(signature);
        job = this.queueableJob(
          object(d.job),
          String(d.jobId),
          String(d.userId),
          Number(d.depth),
          signature,
          saved.notBefore
        );
        break;
      }
      case 'BatchApex':
        job = this.batchJob(
          object(d.batch),
          String(d.jobId),
          Number(d.scope),
          String(d.userId),
          saved.notBefore
        );
        break;
      case 'ScheduledApex':
        job = this.scheduledRun(
          String(d.cronId),
          String(d.name),
          String(d.cron),
          object(d.job),
          String(d.userId),
          saved.notBefore
        );
        break;
      case 'Future':
        job = this.futureJob(
          String(d.className),
          String(d.method),
          (d.args as ApexState[]).map((a) => reader.read(a, where)),
          String(d.jobId),
          String(d.userId),
          saved.notBefore
        );
        break;
      default:
        throw new Error(`${where}: not an Apex job (${saved.kind})`);
    }
    this.host.asyncQueue.add(job);
  }

  attachFinalizer(ctx: NativeCallContext, finalizer: ApexObject): void {
    const t = this.host.tx();
    if (t.kind !== 'queueable')
      ctx.throwApex(
        'System.AsyncException',
        'Finalizers can only be attached from a Queueable job'
      );
    if (t.finalizer) ctx.throwApex('System.AsyncException', 'Finalizer already attached');
    t.finalizer = finalizer;
  }
}
