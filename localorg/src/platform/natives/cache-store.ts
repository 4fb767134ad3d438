// The org's Platform Cache segments (natives/cache.ts implements the Cache classes over them): one
// map of entries per partition and kind (org or session).
import type { ApexValue } from '../../runtime/values.ts';

export type CacheKind = 'org' | 'session';

export interface Entry {
  value: ApexValue;
  expiresAt: number;
  size: number;
}

export interface Segment {
  entries: Map<string, Entry>;
  hits: number;
  misses: number;
}

/** The org's cache segments: one per partition and kind. */
export class PlatformCacheStore {
  private readonly segments = new Map<string, Segment>();

  segment(kind: CacheKind, partition: string): Segment {
    const k = `${kind}:${partition.toLowerCase()}`;
    let s = this.segments.get(k);
    if (!s) this.segments.set(k, (s = { entries: new Map(), hits: 0, misses: 0 }));
    return s;
  }

  /** Empties every segment (the start of an Apex test method). */
  clear(): void {
    this.segments.clear();
  }
}
