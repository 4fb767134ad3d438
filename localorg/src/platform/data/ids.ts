// Record Ids: 3-char key prefix + 2-char instance + 10-char counter, then the 3-char case-safe
// suffix (Apex Developer Guide, "Primitive Data Types": Id; suffix algorithm in ../shared/PLATFORM.md).
import { idSuffix, normaliseId } from '../../runtime/values.ts';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(n: number, width: number): string {
  let s = '';
  for (let i = 0; i < width; i++) {
    s = BASE62[n % 62] + s;
    n = Math.floor(n / 62);
  }
  if (n > 0) throw new Error('Id counter overflow');
  return s;
}

export class IdGenerator {
  private readonly counters = new Map<string, number>();
  /** `instance` tells orgs apart: two orgs of one World never mint the same Id. */
  constructor(private readonly instance: number) {}

  next(keyPrefix: string): string {
    if (keyPrefix.length !== 3)
      throw new Error(`Cannot mint an Id without a 3-character key prefix (got '${keyPrefix}')`);
    const n = (this.counters.get(keyPrefix) ?? 0) + 1;
    this.counters.set(keyPrefix, n);
    const id15 = keyPrefix + base62(this.instance, 2) + base62(n, 10);
    return id15 + idSuffix(id15);
  }

  /** Counters, so that a snapshot restore does not mint an Id twice is NOT wanted: Ids stay unique. */
  get state(): Map<string, number> {
    return this.counters;
  }
}

export { normaliseId };
