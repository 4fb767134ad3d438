/** Integer, Long, Double, Decimal, Boolean and Math (Apex Reference, one section each). */
import {
  ApexDecimal,
  ApexDouble,
  type ApexValue,
  type RoundingMode,
  T_DECIMAL,
  T_DOUBLE,
  T_INTEGER,
  T_LONG,
  divRound,
  int64
} from '../runtime/values.js';
import type { BuiltinClass } from '../runtime/builtins.js';
import { throwApex } from '../runtime/errors.js';
import { asNumber, decimalDivide, stringOf } from '../runtime/ops.js';

/** This family's classes; `stdlib/index.ts` registers them into each org's registry. */
export const numberClasses: BuiltinClass[] = [];

type Num = number | bigint | ApexDouble | ApexDecimal;

function num(v: ApexValue): Num {
  if (v === null) throwApex('System.NullPointerException', 'Argument cannot be null.');
  return v as Num;
}

function dec(v: ApexValue): ApexDecimal {
  const x = num(v);
  if (x instanceof ApexDecimal) return x;
  if (x instanceof ApexDouble) return ApexDecimal.fromDouble(x.v);
  return ApexDecimal.fromInt(x);
}

function mode(v: ApexValue): RoundingMode {
  if (v === null) throwApex('System.NullPointerException', 'Argument cannot be null.');
  return String(v) as RoundingMode;
}

/** en_US number formatting as Integer.format()/Decimal.format() print it: grouping, ≤3 fraction digits. */
export function formatNumber(v: ApexValue, pattern: string | null): string {
  if (v === null) return 'null';
  if (pattern && pattern !== 'integer' && pattern !== '#')
    throwApex(
      'System.IllegalArgumentException',
      `Unsupported by the local org: number format pattern ${pattern}`
    );
  const d = dec(v).withScale(pattern ? 0 : Math.min(Math.max(dec(v).scale, 0), 3), 'HALF_EVEN');
  const plain = d.toPlainString();
  const neg = plain.startsWith('-');
  const [int, frac] = (neg ? plain.slice(1) : plain).split('.');
  const grouped = pattern === '#' ? int : int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const f = frac ? frac.replace(/0+$/, '') : '';
  return (neg ? '-' : '') + grouped + (f ? `.${f}` : '');
}

function parseIntStrict(s: string, what: string): number {
  if (!/^[+-]?\d+$/.test(s.trim() === s ? s : '#'))
    throwApex('System.TypeException', `Invalid ${what}: ${s}`);
  const n = Number(s);
  if (n > 2147483647 || n < -2147483648) throwApex('System.TypeException', `Invalid ${what}: ${s}`);
  return n;
}

numberClasses.push({
  name: 'Integer',
  aliases: ['system.integer'],
  statics: {
    valueof: (_c, a) => {
      const v = a[0];
      if (v === null) return null;
      if (typeof v === 'string') return parseIntStrict(v, 'integer');
      if (typeof v === 'number') return v;
      // Integer.valueOf(Object) of another number converts it like a cast (truncating).
      if (typeof v === 'bigint') return Number(BigInt.asIntN(32, v));
      if (v instanceof ApexDouble || v instanceof ApexDecimal) return Math.trunc(asNumber(v)) | 0;
      throwApex(
        'System.TypeException',
        `Invalid conversion from runtime type ${stringOf(v)} to Integer`
      );
    }
  },
  methods: {
    format: (_c, self: number) => formatNumber(self, null),
    intvalue: (_c, self: number) => self,
    longvalue: (_c, self: number) => BigInt(self),
    doublevalue: (_c, self: number) => new ApexDouble(self)
  }
});

numberClasses.push({
  name: 'Long',
  aliases: ['system.long'],
  statics: {
    valueof: (_c, a) => {
      const v = a[0];
      if (v === null) return null;
      if (typeof v === 'string') {
        if (!/^[+-]?\d+$/.test(v)) throwApex('System.TypeException', `Invalid long: ${v}`);
        const b = BigInt(v);
        if (b !== BigInt.asIntN(64, b)) throwApex('System.TypeException', `Invalid long: ${v}`);
        return b;
      }
      if (typeof v === 'number') return BigInt(v);
      if (v instanceof ApexDouble || v instanceof ApexDecimal)
        return BigInt(Math.trunc(asNumber(v)));
      return v;
    }
  },
  methods: {
    format: (_c, self: bigint) => formatNumber(self, null),
    intvalue: (_c, self: bigint) => Number(BigInt.asIntN(32, self)),
    longvalue: (_c, self: bigint) => self,
    doublevalue: (_c, self: bigint) => new ApexDouble(Number(self))
  }
});

numberClasses.push({
  name: 'Double',
  aliases: ['system.double'],
  statics: {
    valueof: (_c, a) => {
      const v = a[0];
      if (v === null) return null;
      if (typeof v === 'string') {
        const t = v.trim();
        if (
          !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/.test(t) &&
          !/^[+-]?(Infinity|NaN)$/.test(t)
        )
          throwApex('System.TypeException', `Invalid double: ${v}`);
        return new ApexDouble(parseFloat(t));
      }
      return new ApexDouble(asNumber(num(v)));
    }
  },
  methods: {
    format: (_c, self: ApexDouble) => formatNumber(self, null),
    intvalue: (_c, self: ApexDouble) => Math.trunc(self.v) | 0,
    longvalue: (_c, self: ApexDouble) => BigInt(Math.trunc(self.v)),
    doublevalue: (_c, self: ApexDouble) => self,
    round: (_c, self: ApexDouble) => BigInt(Math.round(self.v))
  }
});

numberClasses.push({
  name: 'Decimal',
  aliases: ['system.decimal'],
  statics: {
    valueof: (_c, a) => {
      const v = a[0];
      if (v === null) return null;
      if (typeof v === 'string') {
        try {
          return ApexDecimal.fromString(v);
        } catch {
          throwApex('System.TypeException', `Invalid decimal: ${v}`);
        }
      }
      return dec(v);
    }
  },
  methods: {
    abs: (_c, self: ApexDecimal) => (self.signum() < 0 ? self.negate() : self),
    divide: (_c, self: ApexDecimal, a) => {
      const d = dec(a[0]);
      if (d.unscaled === 0n) throwApex('System.MathException', 'Divide by 0');
      const scale = a[1] as number;
      const m = a.length > 2 ? mode(a[2]) : 'HALF_UP';
      const num = self.unscaled * 10n ** BigInt(Math.max(0, scale - self.scale + d.scale));
      const den = d.unscaled * 10n ** BigInt(Math.max(0, self.scale - d.scale - scale));
      try {
        return new ApexDecimal(divRound(num, den, m), scale);
      } catch {
        throwApex('System.MathException', 'Rounding necessary');
      }
    },
    doublevalue: (_c, self: ApexDecimal) => new ApexDouble(self.toNumber()),
    format: (_c, self: ApexDecimal) => formatNumber(self, null),
    intvalue: (_c, self: ApexDecimal) =>
      Number(BigInt.asIntN(32, self.withScale(0, 'DOWN').unscaled)),
    longvalue: (_c, self: ApexDecimal) => int64(self.withScale(0, 'DOWN').unscaled),
    pow: (_c, self: ApexDecimal, a) => {
      const e = a[0] as number;
      if (e < 0 || e > 32767) throwApex('System.MathException', 'Invalid operation');
      return new ApexDecimal(self.unscaled ** BigInt(e), self.scale * e);
    },
    precision: (_c, self: ApexDecimal) => self.precision(),
    round: (_c, self: ApexDecimal, a) =>
      int64(self.withScale(0, a.length ? mode(a[0]) : 'HALF_EVEN').unscaled),
    scale: (_c, self: ApexDecimal) => self.scale,
    setscale: (_c, self: ApexDecimal, a) => {
      try {
        return self.withScale(a[0] as number, a.length > 1 ? mode(a[1]) : 'HALF_EVEN');
      } catch {
        throwApex('System.MathException', 'Rounding necessary');
      }
    },
    striptrailingzeros: (_c, self: ApexDecimal) => self.stripTrailingZeros(),
    toplainstring: (_c, self: ApexDecimal) => self.toPlainString()
  }
});

numberClasses.push({
  name: 'Boolean',
  aliases: ['system.boolean'],
  statics: {
    valueof: (_c, a) => {
      const v = a[0];
      if (v === null) return null;
      if (typeof v === 'string') return v.toLowerCase() === 'true';
      if (typeof v === 'boolean') return v;
      throwApex('System.TypeException', `Invalid conversion to Boolean: ${stringOf(v)}`);
    }
  },
  methods: {}
});

// ---------------------------------------------------------------------------------------------
// Math: result type follows the argument types, as the overloads do.

function rank(v: Num): number {
  return typeof v === 'number' ? 1 : typeof v === 'bigint' ? 2 : v instanceof ApexDouble ? 3 : 4;
}

function d(v: ApexValue): number {
  return asNumber(num(v));
}

const dbl = (x: number) => new ApexDouble(x);

numberClasses.push({
  name: 'Math',
  aliases: ['system.math'],
  statics: {
    abs: (_c, a) => {
      const v = num(a[0]);
      if (typeof v === 'number') return Math.abs(v) | 0;
      if (typeof v === 'bigint') return v < 0n ? int64(-v) : v;
      if (v instanceof ApexDouble) return dbl(Math.abs(v.v));
      return v.signum() < 0 ? v.negate() : v;
    },
    max: (_c, a) => minmax(a, 1),
    min: (_c, a) => minmax(a, -1),
    mod: (_c, a) => {
      const x = num(a[0]);
      const y = num(a[1]);
      if (typeof x === 'number' && typeof y === 'number') {
        if (y === 0) throwApex('System.MathException', 'Divide by 0');
        return (x % y) | 0;
      }
      const bx = BigInt(x as number | bigint);
      const by = BigInt(y as number | bigint);
      if (by === 0n) throwApex('System.MathException', 'Divide by 0');
      return bx % by;
    },
    acos: (_c, a) => dbl(Math.acos(d(a[0]))),
    asin: (_c, a) => dbl(Math.asin(d(a[0]))),
    atan: (_c, a) => dbl(Math.atan(d(a[0]))),
    atan2: (_c, a) => dbl(Math.atan2(d(a[0]), d(a[1]))),
    cbrt: (_c, a) => dbl(Math.cbrt(d(a[0]))),
    ceil: (_c, a) => ceilFloor(a[0], 'CEILING'),
    floor: (_c, a) => ceilFloor(a[0], 'FLOOR'),
    cos: (_c, a) => dbl(Math.cos(d(a[0]))),
    cosh: (_c, a) => dbl(Math.cosh(d(a[0]))),
    exp: (_c, a) => dbl(Math.exp(d(a[0]))),
    log: (_c, a) => dbl(Math.log(d(a[0]))),
    log10: (_c, a) => dbl(Math.log10(d(a[0]))),
    pow: (_c, a) => dbl(Math.pow(d(a[0]), d(a[1]))),
    random: () => dbl(Math.random()),
    rint: (_c, a) => {
      const x = d(a[0]);
      const r = Math.round(x);
      return dbl(Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r);
    },
    round: (_c, a) => {
      const v = num(a[0]);
      if (v instanceof ApexDecimal)
        return Number(BigInt.asIntN(32, v.withScale(0, 'HALF_EVEN').unscaled));
      return Math.floor(asNumber(v) + 0.5) | 0;
    },
    roundtolong: (_c, a) => {
      const v = num(a[0]);
      if (v instanceof ApexDecimal) return int64(v.withScale(0, 'HALF_EVEN').unscaled);
      return BigInt(Math.floor(asNumber(v) + 0.5));
    },
    signum: (_c, a) => {
      const v = num(a[0]);
      if (v instanceof ApexDecimal) return ApexDecimal.fromInt(v.signum());
      return dbl(Math.sign(asNumber(v)));
    },
    sin: (_c, a) => dbl(Math.sin(d(a[0]))),
    sinh: (_c, a) => dbl(Math.sinh(d(a[0]))),
    sqrt: (_c, a) => dbl(Math.sqrt(d(a[0]))),
    tan: (_c, a) => dbl(Math.tan(d(a[0]))),
    tanh: (_c, a) => dbl(Math.tanh(d(a[0])))
  },
  returns: {
    abs: T_INTEGER,
    mod: T_INTEGER,
    sqrt: T_DOUBLE,
    pow: T_DOUBLE,
    roundtolong: T_LONG,
    ceil: T_DECIMAL,
    floor: T_DECIMAL
  }
});

function minmax(a: ApexValue[], dir: 1 | -1): ApexValue {
  const x = num(a[0]);
  const y = num(a[1]);
  const r = Math.max(rank(x), rank(y));
  if (r === 1)
    return dir > 0 ? Math.max(x as number, y as number) : Math.min(x as number, y as number);
  if (r === 2) {
    const p = BigInt(x as number | bigint);
    const q = BigInt(y as number | bigint);
    return (dir > 0 ? p > q : p < q) ? p : q;
  }
  if (r === 3)
    return dbl(dir > 0 ? Math.max(asNumber(x), asNumber(y)) : Math.min(asNumber(x), asNumber(y)));
  const p = dec(x);
  const q = dec(y);
  return p.compareTo(q) * dir >= 0 ? p : q;
}

function ceilFloor(v: ApexValue, m: 'CEILING' | 'FLOOR'): ApexValue {
  const x = num(v);
  if (x instanceof ApexDecimal) return x.withScale(0, m);
  return dbl(m === 'CEILING' ? Math.ceil(asNumber(x)) : Math.floor(asNumber(x)));
}

export { decimalDivide };
