// The org's async queue: Queueables, @future calls, batch jobs, scheduled jobs, platform-event and
// change-event deliveries. Jobs become runnable when their transaction commits (Apex Developer
// Guide, "Triggers and Order of Execution": async Apex is post-commit; a rolled-back transaction's
// jobs never run) and at or after `notBefore` on the org's clock. Order is (notBefore, sequence):
// deterministic for a given sequence of calls.

export type JobKind = 'Queueable' | 'Future' | 'BatchApex' | 'ScheduledApex' | 'EventDelivery';

export interface AsyncJob {
  /** AsyncApexJob Id (deliveries have none) */
  id: string | null;
  kind: JobKind;
  notBefore: number;
  seq: number;
  label: string;
  run(): void;
  /**
   * The job as JSON-safe data a World snapshot carries (world/snapshot.ts), put back by the org's
   * `restoreJob`; throws a WorldSnapshotError naming what cannot be saved. Absent: not savable.
   */
  persist?(): PersistedJob;
}

/** A pending job as a snapshot holds it: its kind, when it may run, and what it runs on. */
export interface PersistedJob {
  kind: JobKind;
  notBefore: number;
  label: string;
  /** What the job's owner (async/apex.ts, events/bus.ts) needs to queue it again. */
  data: Record<string, unknown>;
}

export class AsyncQueue {
  private jobs: AsyncJob[] = [];
  private seq = 0;

  add(job: Omit<AsyncJob, 'seq'>): void {
    this.jobs.push({ ...job, seq: this.seq++ });
  }

  /** Jobs that may run now, earliest first. */
  ready(now: number): AsyncJob[] {
    return this.jobs
      .filter((j) => j.notBefore <= now)
      .sort((a, b) => a.notBefore - b.notBefore || a.seq - b.seq);
  }

  take(job: AsyncJob): void {
    this.jobs = this.jobs.filter((j) => j !== job);
  }

  /** Next time a job becomes runnable (for World.drain({ advanceClock: true })). */
  nextTime(): number | null {
    let t: number | null = null;
    for (const j of this.jobs) if (t === null || j.notBefore < t) t = j.notBefore;
    return t;
  }

  get size(): number {
    return this.jobs.length;
  }

  pending(): readonly AsyncJob[] {
    return this.jobs;
  }

  clear(): void {
    this.jobs = [];
  }
}

/**
 * Cron expressions of System.schedule: Seconds Minutes Hours Day_of_month Month Day_of_week
 * [Year] (Apex Developer Guide, "Apex Scheduler"). Returns the next fire time strictly after
 * `after` (GMT), or null when none.
 */
export function nextCronTime(expr: string, after: number): number | null {
  const parts = expr.trim().split(/\s+/);
  if (parts.length < 6 || parts.length > 7)
    throw new CronError(`Invalid cron expression: '${expr}'`);
  const [sec, min, hour, dom, mon, dow, year] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
    string | undefined
  ];
  if ((dom === '?') === (dow === '?')) {
    throw new CronError(
      'Support for specifying both a day-of-week AND a day-of-month parameter is not implemented.'
    );
  }
  const MONTHS = [
    'JAN',
    'FEB',
    'MAR',
    'APR',
    'MAY',
    'JUN',
    'JUL',
    'AUG',
    'SEP',
    'OCT',
    'NOV',
    'DEC'
  ];
  const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
  const secs = field(sec, 0, 59);
  const mins = field(min, 0, 59);
  const hours = field(hour, 0, 23);
  const months = field(mon, 1, 12, MONTHS);
  const years = year ? field(year, 1970, 2099) : null;
  const doms = dom === '?' ? null : dom === 'L' ? 'L' : field(dom, 1, 31);
  const dows = dow === '?' ? null : field(dow, 1, 7, DAYS);
  if (/[LW#]/.test(dom.replace(/^L$/, '')) || /[L#]/.test(dow))
    throw new CronError(`Unsupported by the local org: cron special characters in '${expr}'`);
  let t = Math.floor(after / 1000) * 1000 + 1000;
  // A year field bounds the search by its last year (up to 2099, as `0 0 0 28 5 ? 2099`); without
  // one the pattern repeats within a few years.
  const limit = years ? Date.UTC(Math.max(...years) + 1, 0, 1) : after + 5 * 366 * 86_400_000;
  while (t < limit) {
    const d = new Date(t);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + 1;
    if (years && !years.has(y)) {
      t = Date.UTC(y + 1, 0, 1);
      continue;
    }
    if (!months.has(m)) {
      t = Date.UTC(y, m, 1);
      continue;
    }
    const day = d.getUTCDate();
    const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const dayOk =
      doms === 'L' ? day === lastDay : doms ? doms.has(day) : !!dows?.has(d.getUTCDay() + 1);
    if (!dayOk) {
      t = Date.UTC(y, m - 1, day + 1);
      continue;
    }
    if (!hours.has(d.getUTCHours())) {
      t = Date.UTC(y, m - 1, day, d.getUTCHours() + 1);
      continue;
    }
    if (!mins.has(d.getUTCMinutes())) {
      t = Date.UTC(y, m - 1, day, d.getUTCHours(), d.getUTCMinutes() + 1);
      continue;
    }
    if (!secs.has(d.getUTCSeconds())) {
      t += 1000;
      continue;
    }
    return t;
  }
  return null;
}

export class CronError extends Error {}

function field(text: string, lo: number, hi: number, names?: string[]): Set<number> {
  const out = new Set<number>();
  const val = (s: string): number => {
    const idx = names ? names.indexOf(s.toUpperCase()) : -1;
    const n = idx >= 0 ? idx + 1 : Number(s);
    if (!Number.isInteger(n) || n < lo || n > hi)
      throw new CronError(`Invalid cron field value '${s}'`);
    return n;
  };
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText ? Number(stepText) : 1;
    let a: number;
    let b: number;
    if (range === '*') {
      a = lo;
      b = hi;
    } else if (range.includes('-')) {
      const [x, y] = range.split('-') as [string, string];
      a = val(x);
      b = val(y);
    } else {
      a = val(range);
      b = stepText ? hi : a;
    }
    for (let n = a; n <= b; n += step) out.add(n);
  }
  return out;
}
