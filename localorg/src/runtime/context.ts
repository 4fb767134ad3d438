/**
 * The one way to reach the interpreter running now (the runtime is single-threaded). Code that is
 * called with a context uses `ctx.runtime`; this is for the few deep helpers that are not: raising
 * an Apex exception with the current line (`errors.ts`) and String.valueOf (`ops.ts`).
 */
import type { LanguageRuntime } from './language.js';

let current: LanguageRuntime | null = null;

/** Makes `r` the running interpreter; returns the previous one for the caller to restore. */
export function setCurrent(r: LanguageRuntime | null): LanguageRuntime | null {
  const prev = current;
  current = r;
  return prev;
}

export function currentRuntime(): LanguageRuntime {
  if (!current) throw new Error('No Apex interpreter is running');
  return current;
}

/** The running interpreter, or null outside Apex. */
export function currentRuntimeOrNull(): LanguageRuntime | null {
  return current;
}

/** IANA time zone of the running user (Date/Datetime formatting), GMT when nothing runs. */
export function currentUserZone(): string {
  return current ? current.platform.runningUser().timeZone : 'GMT';
}
