// The org's clock. Virtual and frozen unless advanced, so that a World run is deterministic;
// System.now(), CreatedDate and scheduled jobs all read it.

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000
};

export class Clock {
  private ms: number;
  private readonly listeners: ((now: number) => void)[] = [];

  constructor(start: number | Date | string = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.ms = typeof start === 'number' ? start : new Date(start).getTime();
    if (Number.isNaN(this.ms)) throw new Error(`Invalid clock start: ${String(start)}`);
  }

  now(): number {
    return this.ms;
  }

  /** advance('1d'), advance('90m'), advance(1500) (ms). */
  advance(by: string | number): number {
    const ms = typeof by === 'number' ? by : parseDuration(by);
    if (ms < 0) throw new Error('The clock cannot go back');
    this.ms += ms;
    for (const l of this.listeners) l(this.ms);
    return this.ms;
  }

  set(to: number | Date | string): void {
    const ms = typeof to === 'number' ? to : new Date(to).getTime();
    if (ms < this.ms) throw new Error('The clock cannot go back');
    this.ms = ms;
    for (const l of this.listeners) l(this.ms);
  }

  onAdvance(l: (now: number) => void): void {
    this.listeners.push(l);
  }
}

export function parseDuration(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/.exec(s.trim());
  if (!m) throw new Error(`Invalid duration '${s}': use e.g. 500ms, 30s, 15m, 2h, 1d, 1w`);
  return Math.round(Number(m[1]) * UNITS[m[2]]);
}
