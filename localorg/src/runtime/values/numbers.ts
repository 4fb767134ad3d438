// Apex numbers in JavaScript: Integer and Long wrap like Java, Double is boxed so it differs from
// Integer, Decimal is an unscaled bigint with a scale (part of runtime/values.ts, which re-exports it).

/** Apex Integer arithmetic wraps at 32 bits, silently, like Java. */
export function int32(n: number): number {
  return n | 0;
}

/** Apex Long arithmetic wraps at 64 bits. */
export function int64(n: bigint): bigint {
  return BigInt.asIntN(64, n);
}

export class ApexDouble {
  constructor(readonly v: number) {}
}

export type RoundingMode =
  'CEILING' | 'DOWN' | 'FLOOR' | 'HALF_DOWN' | 'HALF_EVEN' | 'HALF_UP' | 'UNNECESSARY' | 'UP';

/** Arbitrary-precision decimal, like java.math.BigDecimal: value = unscaled × 10^-scale. */
export class ApexDecimal {
  constructor(
    readonly unscaled: bigint,
    readonly scale: number
  ) {}

  static fromString(s: string): ApexDecimal {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s.trim());
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new TypeError(`Invalid decimal: ${s}`);
    const frac = m[3] ?? '';
    let unscaled = BigInt((m[2] || '0') + frac);
    let scale = frac.length - (m[4] ? parseInt(m[4], 10) : 0);
    if (m[1] === '-') unscaled = -unscaled;
    if (scale < 0) {
      unscaled *= 10n ** BigInt(-scale);
      scale = 0;
    }
    return new ApexDecimal(unscaled, scale);
  }

  static fromInt(n: number | bigint): ApexDecimal {
    return new ApexDecimal(BigInt(n), 0);
  }

  /** Double → Decimal as Decimal.valueOf(Double) does: the shortest decimal text of the double. */
  static fromDouble(d: number): ApexDecimal {
    if (!Number.isFinite(d)) throw new TypeError(`Invalid decimal: ${d}`);
    return ApexDecimal.fromString(String(d));
  }

  toNumber(): number {
    return Number(this.toPlainString());
  }

  signum(): number {
    return this.unscaled > 0n ? 1 : this.unscaled < 0n ? -1 : 0;
  }

  /** Plain notation, no exponent (Apex's Decimal.toPlainString; also what String.valueOf prints). */
  toPlainString(): string {
    const neg = this.unscaled < 0n;
    let digits = (neg ? -this.unscaled : this.unscaled).toString();
    // a negative scale (2.5E+2 after stripTrailingZeros) prints its zeros: 250
    if (this.scale < 0 && this.unscaled !== 0n) digits += '0'.repeat(-this.scale);
    if (this.scale > 0) {
      digits = digits.padStart(this.scale + 1, '0');
      digits = `${digits.slice(0, digits.length - this.scale)}.${digits.slice(digits.length - this.scale)}`;
    }
    return (neg ? '-' : '') + digits;
  }

  toString(): string {
    return this.toPlainString();
  }

  withScale(newScale: number, mode: RoundingMode = 'UNNECESSARY'): ApexDecimal {
    if (newScale === this.scale) return this;
    if (newScale > this.scale)
      return new ApexDecimal(this.unscaled * 10n ** BigInt(newScale - this.scale), newScale);
    const div = 10n ** BigInt(this.scale - newScale);
    return new ApexDecimal(divRound(this.unscaled, div, mode), newScale);
  }

  static align(a: ApexDecimal, b: ApexDecimal): [bigint, bigint, number] {
    const s = Math.max(a.scale, b.scale);
    return [a.withScale(s).unscaled, b.withScale(s).unscaled, s];
  }

  add(o: ApexDecimal): ApexDecimal {
    const [x, y, s] = ApexDecimal.align(this, o);
    return new ApexDecimal(x + y, s);
  }

  subtract(o: ApexDecimal): ApexDecimal {
    const [x, y, s] = ApexDecimal.align(this, o);
    return new ApexDecimal(x - y, s);
  }

  multiply(o: ApexDecimal): ApexDecimal {
    return new ApexDecimal(this.unscaled * o.unscaled, this.scale + o.scale);
  }

  compareTo(o: ApexDecimal): number {
    const [x, y] = ApexDecimal.align(this, o);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  negate(): ApexDecimal {
    return new ApexDecimal(-this.unscaled, this.scale);
  }

  /** Number of significant digits (BigDecimal.precision). */
  precision(): number {
    const u = this.unscaled < 0n ? -this.unscaled : this.unscaled;
    return u === 0n ? 1 : u.toString().length;
  }

  stripTrailingZeros(): ApexDecimal {
    if (this.unscaled === 0n) return new ApexDecimal(0n, 0);
    let u = this.unscaled;
    let s = this.scale;
    while (u % 10n === 0n) {
      u /= 10n;
      s -= 1;
    }
    return new ApexDecimal(u, s);
  }
}

/** Integer division of bigints with a Java RoundingMode (throws on UNNECESSARY when inexact). */
export function divRound(n: bigint, d: bigint, mode: RoundingMode): bigint {
  if (d === 0n) throw new RangeError('Divide by 0');
  const q = n / d; // truncates toward zero
  const r = n % d;
  if (r === 0n) return q;
  const sign = n < 0n !== d < 0n ? -1n : 1n;
  const twice = 2n * (r < 0n ? -r : r);
  const absD = d < 0n ? -d : d;
  const cmpHalf = twice > absD ? 1 : twice < absD ? -1 : 0;
  switch (mode) {
    case 'UNNECESSARY':
      throw new RangeError('Rounding necessary');
    case 'DOWN':
      return q;
    case 'UP':
      return q + sign;
    case 'CEILING':
      return sign > 0n ? q + 1n : q;
    case 'FLOOR':
      return sign < 0n ? q - 1n : q;
    case 'HALF_UP':
      return cmpHalf >= 0 ? q + sign : q;
    case 'HALF_DOWN':
      return cmpHalf > 0 ? q + sign : q;
    case 'HALF_EVEN':
      if (cmpHalf > 0 || (cmpHalf === 0 && q % 2n !== 0n)) return q + sign;
      return q;
  }
}

/** Java's Double.toString: `1.0`, `0.001`, `1.0E7`, `1.234E-5`. Apex prints Doubles this way. */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mant, exp] = d.toExponential().split('e');
  const m = mant.includes('.') ? mant : `${mant}.0`;
  return `${m}E${exp.startsWith('+') ? exp.slice(1) : exp}`;
}
