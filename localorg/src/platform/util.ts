// Small shared helpers for the platform modules.

/** The value, or an internal error naming what was missing (never a platform error). */
export function must<T>(v: T | null | undefined, what: string): T {
  if (v === null || v === undefined) throw new Error(`local org internal error: missing ${what}`);
  return v;
}
