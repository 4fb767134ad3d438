/**
 * Date, Datetime and Time (Apex Reference). Datetimes are instants; their local parts follow the
 * running user's time zone; now/today come from the platform clock so a World can advance time.
 */
import { ApexDate, ApexDatetime, ApexTime, type ApexValue } from '../runtime/values.js';
import type { NativeCallContext } from '../runtime/platform.js';
import type { BuiltinClass } from '../runtime/builtins.js';
import { throwApex } from '../runtime/errors.js';
import { asNumber, stringOf } from '../runtime/ops.js';
import { formatInZone, zonedParts, zonedToEpoch } from '../runtime/tz.js';

/** This family's classes; `stdlib/index.ts` registers them into each org's registry. */
export const datetimeClasses: BuiltinClass[] = [];

const DAY = 86400000;
const zone = (ctx: NativeCallContext) => ctx.platform.runningUser().timeZone;

function int(v: ApexValue): number {
  if (v === null) throwApex('System.NullPointerException', 'Argument cannot be null.');
  return typeof v === 'bigint' ? Number(v) : asNumber(v as number);
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function addMonths(y: number, m: number, d: number, n: number): [number, number, number] {
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return [ny, nm, Math.min(d, daysInMonth(ny, nm))];
}

function localDate(ctx: NativeCallContext, ms: number): ApexDate {
  const p = zonedParts(ms, zone(ctx));
  return new ApexDate(p.year, p.month, p.day);
}

function parseDate(s: string): ApexDate {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(s.trim());
  if (!m) throwApex('System.TypeException', `Invalid date: ${s}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo))
    throwApex('System.TypeException', `Invalid date: ${s}`);
  return new ApexDate(y, mo, d);
}

/** en_US short date as Date.format()/parse use it: M/d/yyyy. */
function formatShortDate(d: ApexDate): string {
  return `${d.month}/${d.day}/${d.year}`;
}

datetimeClasses.push({
  name: 'Date',
  aliases: ['system.date'],
  statics: {
    today: (ctx) => localDate(ctx, ctx.platform.nowMs()),
    newinstance: (_c, a) => {
      const [y, m, d] = [int(a[0]), int(a[1]), int(a[2])];
      // Out-of-range parts roll over as java.util.Calendar does (e.g. month 13 → next January).
      return ApexDate.fromEpochDay(Math.floor(Date.UTC(y, m - 1, d) / DAY));
    },
    valueof: (ctx, a) => {
      const v = a[0];
      if (v === null) return null;
      if (typeof v === 'string') return parseDate(v);
      if (v instanceof ApexDate) return v;
      if (v instanceof ApexDatetime) return localDate(ctx, v.epochMs);
      throwApex('System.TypeException', `Invalid date: ${stringOf(v)}`);
    },
    parse: (_c, a) => {
      const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})$/.exec(stringOf(a[0]).trim());
      if (!m) throwApex('System.TypeException', `Invalid date: ${stringOf(a[0])}`);
      const y = Number(m[3]) < 100 ? 2000 + Number(m[3]) : Number(m[3]);
      return new ApexDate(y, Number(m[1]), Number(m[2]));
    },
    daysinmonth: (_c, a) => daysInMonth(int(a[0]), int(a[1])),
    isleapyear: (_c, a) => daysInMonth(int(a[0]), 2) === 29
  },
  methods: {
    adddays: (_c, d: ApexDate, a) => ApexDate.fromEpochDay(d.toEpochDay() + int(a[0])),
    addmonths: (_c, d: ApexDate, a) =>
      new ApexDate(...addMonths(d.year, d.month, d.day, int(a[0]))),
    addyears: (_c, d: ApexDate, a) =>
      new ApexDate(...addMonths(d.year, d.month, d.day, 12 * int(a[0]))),
    day: (_c, d: ApexDate) => d.day,
    dayofyear: (_c, d: ApexDate) => d.toEpochDay() - new ApexDate(d.year, 1, 1).toEpochDay() + 1,
    daysbetween: (_c, d: ApexDate, a) => (a[0] as ApexDate).toEpochDay() - d.toEpochDay(),
    format: (_c, d: ApexDate) => formatShortDate(d),
    issameday: (_c, d: ApexDate, a) => (a[0] as ApexDate).toEpochDay() === d.toEpochDay(),
    month: (_c, d: ApexDate) => d.month,
    monthsbetween: (_c, d: ApexDate, a) => {
      const o = a[0] as ApexDate;
      return (o.year - d.year) * 12 + (o.month - d.month);
    },
    tostartofmonth: (_c, d: ApexDate) => new ApexDate(d.year, d.month, 1),
    tostartofweek: (_c, d: ApexDate) => {
      // en_US weeks start on Sunday. 1970-01-01 was a Thursday.
      const e = d.toEpochDay();
      const dow = (((e + 4) % 7) + 7) % 7;
      return ApexDate.fromEpochDay(e - dow);
    },
    year: (_c, d: ApexDate) => d.year,
    tostring: (_c, d: ApexDate) => d.toString()
  }
});

function dtLocal(ctx: NativeCallContext, v: ApexDatetime) {
  return zonedParts(v.epochMs, zone(ctx));
}

function parseDatetime(s: string, tz: string): number {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$/.exec(
    s.trim()
  );
  if (!m) throwApex('System.TypeException', `Invalid date/time: ${s}`);
  return zonedToEpoch(
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    0,
    tz
  );
}

function addMonthsDt(ctx: NativeCallContext, v: ApexDatetime, n: number): ApexDatetime {
  const p = dtLocal(ctx, v);
  const [y, m, d] = addMonths(p.year, p.month, p.day, n);
  return new ApexDatetime(zonedToEpoch(y, m, d, p.hour, p.minute, p.second, p.ms, zone(ctx)));
}

datetimeClasses.push({
  name: 'Datetime',
  aliases: ['system.datetime'],
  statics: {
    now: (ctx) => new ApexDatetime(ctx.platform.nowMs()),
    newinstance: (ctx, a) => {
      if (a.length === 1) return new ApexDatetime(int(a[0]));
      if (a.length === 2) {
        const d = a[0] as ApexDate;
        const t = a[1] as ApexTime;
        return new ApexDatetime(zonedToEpoch(d.year, d.month, d.day, 0, 0, 0, 0, zone(ctx)) + t.ms);
      }
      const [y, m, d, h, mi, s] = [
        int(a[0]),
        int(a[1]),
        int(a[2]),
        a[3] !== undefined ? int(a[3]) : 0,
        a[4] !== undefined ? int(a[4]) : 0,
        a[5] !== undefined ? int(a[5]) : 0
      ];
      return new ApexDatetime(zonedToEpoch(y, m, d, h, mi, s, 0, zone(ctx)));
    },
    newinstancegmt: (_c, a) => {
      if (a.length === 2) {
        const d = a[0] as ApexDate;
        return new ApexDatetime(Date.UTC(d.year, d.month - 1, d.day) + (a[1] as ApexTime).ms);
      }
      return new ApexDatetime(
        Date.UTC(
          int(a[0]),
          int(a[1]) - 1,
          int(a[2]),
          a[3] !== undefined ? int(a[3]) : 0,
          a[4] !== undefined ? int(a[4]) : 0,
          a[5] !== undefined ? int(a[5]) : 0
        )
      );
    },
    valueof: (ctx, a) => {
      const v = a[0];
      if (v === null) return null;
      if (typeof v === 'string') return new ApexDatetime(parseDatetime(v, zone(ctx)));
      if (v instanceof ApexDatetime) return v;
      // valueOf(fieldValue) "converts the specified object to a Datetime" (Apex Reference, Datetime
      // Class): a Long or Integer is milliseconds since the epoch, as newInstance(milliseconds)
      // (public suites, NebulaLogger among them, round-trip Datetime.getTime() this way).
      if (typeof v === 'bigint') return new ApexDatetime(Number(v));
      if (typeof v === 'number' && Number.isInteger(v)) return new ApexDatetime(v);
      throwApex('System.TypeException', `Invalid date/time: ${stringOf(v)}`);
    },
    valueofgmt: (_c, a) =>
      a[0] === null ? null : new ApexDatetime(parseDatetime(stringOf(a[0]), 'GMT')),
    parse: (ctx, a) => {
      const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4}),? (\d{1,2}):(\d{2})\s*(AM|PM)$/i.exec(
        stringOf(a[0]).trim()
      );
      if (!m) throwApex('System.TypeException', `Invalid date/time: ${stringOf(a[0])}`);
      let h = Number(m[4]) % 12;
      if (m[6].toUpperCase() === 'PM') h += 12;
      const y = Number(m[3]) < 100 ? 2000 + Number(m[3]) : Number(m[3]);
      return new ApexDatetime(
        zonedToEpoch(y, Number(m[1]), Number(m[2]), h, Number(m[5]), 0, 0, zone(ctx))
      );
    }
  },
  methods: {
    adddays: (_c, v: ApexDatetime, a) => new ApexDatetime(v.epochMs + int(a[0]) * DAY),
    addhours: (_c, v: ApexDatetime, a) => new ApexDatetime(v.epochMs + int(a[0]) * 3600000),
    addminutes: (_c, v: ApexDatetime, a) => new ApexDatetime(v.epochMs + int(a[0]) * 60000),
    addseconds: (_c, v: ApexDatetime, a) => new ApexDatetime(v.epochMs + int(a[0]) * 1000),
    addmonths: (ctx, v: ApexDatetime, a) => addMonthsDt(ctx, v, int(a[0])),
    addyears: (ctx, v: ApexDatetime, a) => addMonthsDt(ctx, v, 12 * int(a[0])),
    date: (ctx, v: ApexDatetime) => localDate(ctx, v.epochMs),
    dategmt: (_c, v: ApexDatetime) => ApexDate.fromEpochDay(Math.floor(v.epochMs / DAY)),
    day: (ctx, v: ApexDatetime) => dtLocal(ctx, v).day,
    daygmt: (_c, v: ApexDatetime) => new Date(v.epochMs).getUTCDate(),
    dayofyear: (ctx, v: ApexDatetime) => {
      const p = dtLocal(ctx, v);
      return (
        new ApexDate(p.year, p.month, p.day).toEpochDay() -
        new ApexDate(p.year, 1, 1).toEpochDay() +
        1
      );
    },
    format: (ctx, v: ApexDatetime, a) => {
      if (!a.length) return formatInZone(v.epochMs, 'M/d/yyyy, h:mm a', zone(ctx));
      return formatInZone(
        v.epochMs,
        stringOf(a[0]),
        a.length > 1 && a[1] !== null ? stringOf(a[1]) : zone(ctx)
      );
    },
    formatgmt: (_c, v: ApexDatetime, a) => formatInZone(v.epochMs, stringOf(a[0]), 'GMT'),
    formatlong: (ctx, v: ApexDatetime) =>
      formatInZone(v.epochMs, 'M/d/yyyy, h:mm:ss a z', zone(ctx)),
    gettime: (_c, v: ApexDatetime) => BigInt(v.epochMs),
    hour: (ctx, v: ApexDatetime) => dtLocal(ctx, v).hour,
    hourgmt: (_c, v: ApexDatetime) => new Date(v.epochMs).getUTCHours(),
    issameday: (ctx, v: ApexDatetime, a) =>
      localDate(ctx, v.epochMs).toEpochDay() ===
      localDate(ctx, (a[0] as ApexDatetime).epochMs).toEpochDay(),
    millisecond: (ctx, v: ApexDatetime) => dtLocal(ctx, v).ms,
    millisecondgmt: (_c, v: ApexDatetime) => new Date(v.epochMs).getUTCMilliseconds(),
    minute: (ctx, v: ApexDatetime) => dtLocal(ctx, v).minute,
    minutegmt: (_c, v: ApexDatetime) => new Date(v.epochMs).getUTCMinutes(),
    month: (ctx, v: ApexDatetime) => dtLocal(ctx, v).month,
    monthgmt: (_c, v: ApexDatetime) => new Date(v.epochMs).getUTCMonth() + 1,
    second: (ctx, v: ApexDatetime) => dtLocal(ctx, v).second,
    secondgmt: (_c, v: ApexDatetime) => new Date(v.epochMs).getUTCSeconds(),
    time: (ctx, v: ApexDatetime) => {
      const p = dtLocal(ctx, v);
      return new ApexTime(((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + p.ms);
    },
    timegmt: (_c, v: ApexDatetime) => new ApexTime(((v.epochMs % DAY) + DAY) % DAY),
    year: (ctx, v: ApexDatetime) => dtLocal(ctx, v).year,
    yeargmt: (_c, v: ApexDatetime) => new Date(v.epochMs).getUTCFullYear()
  }
});

const wrap = (ms: number) => new ApexTime(((ms % DAY) + DAY) % DAY);

datetimeClasses.push({
  name: 'Time',
  aliases: ['system.time'],
  statics: {
    newinstance: (_c, a) => wrap(((int(a[0]) * 60 + int(a[1])) * 60 + int(a[2])) * 1000 + int(a[3]))
  },
  methods: {
    addhours: (_c, t: ApexTime, a) => wrap(t.ms + int(a[0]) * 3600000),
    addminutes: (_c, t: ApexTime, a) => wrap(t.ms + int(a[0]) * 60000),
    addseconds: (_c, t: ApexTime, a) => wrap(t.ms + int(a[0]) * 1000),
    addmilliseconds: (_c, t: ApexTime, a) => wrap(t.ms + int(a[0])),
    hour: (_c, t: ApexTime) => Math.floor(t.ms / 3600000),
    minute: (_c, t: ApexTime) => Math.floor(t.ms / 60000) % 60,
    second: (_c, t: ApexTime) => Math.floor(t.ms / 1000) % 60,
    millisecond: (_c, t: ApexTime) => t.ms % 1000
  }
});
