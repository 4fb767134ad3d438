// Apex scalar values other than numbers: Id (15/18 characters), Date, Datetime, Time and Blob
// (part of runtime/values.ts, which re-exports them).

// ---------------------------------------------------------------------------------------------
// Id

const ID_SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** 15 → 18 characters: three chunks of five, bit j set when char j is upper case A–Z. */
export function idSuffix(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let j = 0; j < 5; j++) {
      const c = id15.charCodeAt(chunk * 5 + j);
      if (c >= 65 && c <= 90) bits |= 1 << j;
    }
    out += ID_SUFFIX_CHARS[bits];
  }
  return out;
}

/** Returns the 18-char form, or null when `s` is not a syntactically valid Id. */
export function normaliseId(s: string): string | null {
  if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(s)) return null;
  // The last three characters of an 18-character Id only make it case-safe: the platform takes the
  // Id by its first 15 (test code builds Ids such as '707000000000000001' from a key prefix and a
  // counter, which real orgs accept), and the local org gives it its computed suffix.
  const id15 = s.slice(0, 15);
  return id15 + idSuffix(id15);
}

export class ApexId {
  /** Always 18 characters. */
  readonly value: string;
  constructor(value18: string) {
    this.value = value18;
  }
  /** Key prefix (first three characters), which names the SObject type. */
  get prefix(): string {
    return this.value.slice(0, 3);
  }
  toString(): string {
    return this.value;
  }
}

// ---------------------------------------------------------------------------------------------
// Dates and times. Datetime is an instant; Date and Time carry no zone.

export class ApexDate {
  constructor(
    readonly year: number,
    readonly month: number, // 1-12
    readonly day: number
  ) {}
  /** Days since 1970-01-01 (UTC calendar), for arithmetic and comparison. */
  toEpochDay(): number {
    return Math.floor(Date.UTC(this.year, this.month - 1, this.day) / 86400000);
  }
  static fromEpochDay(n: number): ApexDate {
    const d = new Date(n * 86400000);
    return new ApexDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  /** `yyyy-MM-dd`, what String.valueOf(Date) prints. */
  toString(): string {
    return `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
  }
}

export class ApexDatetime {
  constructor(readonly epochMs: number) {}
  /** `yyyy-MM-dd HH:mm:ss` in GMT, what String.valueOf(Datetime) prints. */
  toString(): string {
    const d = new Date(this.epochMs);
    return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  }
}

export class ApexTime {
  /** Milliseconds since midnight, 0 ≤ ms < 86,400,000. */
  constructor(readonly ms: number) {}
  /** `HH:mm:ss.SSSZ`, what String.valueOf(Time) prints. */
  toString(): string {
    const h = Math.floor(this.ms / 3600000);
    const m = Math.floor(this.ms / 60000) % 60;
    const s = Math.floor(this.ms / 1000) % 60;
    return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(this.ms % 1000, 3)}Z`;
  }
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

export class ApexBlob {
  constructor(readonly bytes: Uint8Array) {}
  toString(): string {
    return `Blob[${this.bytes.length}]`;
  }
}
