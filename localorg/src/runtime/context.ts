/**
 * The interpreter currently running (the runtime is single-threaded). Lets deep helpers such as
 * `throwApex` build exceptions with the current line and stack without threading a context through.
 */
import type { Interp } from '../exec/interp.js';

let current: Interp | null = null;

export function setCurrent(i: Interp | null): Interp | null {
  const prev = current;
  current = i;
  return prev;
}

export function currentInterp(): Interp {
  if (!current) throw new Error('No Apex interpreter is running');
  return current;
}

/** IANA time zone of the running user (Date/Datetime formatting), GMT when nothing runs. */
export function currentUserZone(): string {
  return current ? current.platform.runningUser().timeZone : 'GMT';
}
