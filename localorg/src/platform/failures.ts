// How the platform tells an Apex failure (an uncaught exception, a governor limit, a callout
// error) from a bug of the local org, and the message a failed job or event batch records.
import type { ApexObject } from '../runtime/values.ts';
import { LimitException } from './limits/limits.ts';
import { CalloutError } from './callouts/callouts.ts';

/** An Apex exception or a governor limit ends an async job as Failed; anything else is a local org bug and surfaces. */
export function isApexFailure(e: unknown): boolean {
  return (
    e instanceof LimitException ||
    e instanceof CalloutError ||
    !!(e as { exception?: unknown }).exception
  );
}

export function errorMessage(e: unknown): string {
  if (e instanceof LimitException) return `System.LimitException: ${e.message}`;
  const ex = (e as { exception?: ApexObject }).exception;
  if (ex) return `${ex.cls.name}: ${ex.exception?.message ?? ''}`;
  return e instanceof Error ? e.message : String(e);
}
