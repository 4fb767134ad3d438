/** Time zones and Java SimpleDateFormat patterns (Datetime.format, String.valueOf(Datetime)). */

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number; // 1 = Sunday .. 7 = Saturday
  offsetMinutes: number; // zone offset from GMT at that instant
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    });
    formatters.set(zone, f);
  }
  return f;
}

export function zonedParts(epochMs: number, zone: string): ZonedParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(epochMs)))
    if (p.type !== 'literal') parts[p.type] = parseInt(p.value, 10);
  const ms = ((epochMs % 1000) + 1000) % 1000;
  const asUtc = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
    ms
  );
  const weekday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay() + 1;
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
    ms,
    weekday,
    offsetMinutes: Math.round((asUtc - epochMs) / 60000)
  };
}

/** The instant of a wall-clock time in `zone` (Datetime.newInstance(y,m,d,h,mi,s) semantics). */
export function zonedToEpoch(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  zone: string
): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  let t = guess - zonedParts(guess, zone).offsetMinutes * 60000;
  // Second pass settles instants near a DST change.
  t = guess - zonedParts(t, zone).offsetMinutes * 60000;
  return t;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December'
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function offsetText(min: number, colon: boolean): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  const h = String(Math.floor(a / 60)).padStart(2, '0');
  const m = String(a % 60).padStart(2, '0');
  return `${sign}${h}${colon ? ':' : ''}${m}`;
}

/** Java SimpleDateFormat subset: y M d H h m s S a E z Z X and 'quoted' text. Unknown letters fail loudly. */
export function formatInZone(epochMs: number, pattern: string, zone: string): string {
  const p = zonedParts(epochMs, zone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      out += pattern.slice(i + 1, end < 0 ? pattern.length : end);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    i += n;
    const num = (v: number) => String(v).padStart(n, '0');
    switch (c) {
      case 'y':
        out += n === 2 ? String(p.year % 100).padStart(2, '0') : num(p.year);
        break;
      case 'M':
        out +=
          n >= 4 ? MONTHS[p.month - 1] : n === 3 ? MONTHS[p.month - 1].slice(0, 3) : num(p.month);
        break;
      case 'd':
        out += num(p.day);
        break;
      case 'H':
        out += num(p.hour);
        break;
      case 'k':
        out += num(p.hour === 0 ? 24 : p.hour);
        break;
      case 'h':
        out += num(p.hour % 12 === 0 ? 12 : p.hour % 12);
        break;
      case 'K':
        out += num(p.hour % 12);
        break;
      case 'm':
        out += num(p.minute);
        break;
      case 's':
        out += num(p.second);
        break;
      case 'S':
        out += String(p.ms).padStart(3, '0').slice(0, Math.max(n, 3)).padEnd(n, '0');
        break;
      case 'a':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'E':
        out += n >= 4 ? DAYS[p.weekday - 1] : DAYS[p.weekday - 1].slice(0, 3);
        break;
      case 'u':
        out += String(p.weekday === 1 ? 7 : p.weekday - 1);
        break;
      case 'D': {
        const doy =
          Math.round((Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86400000) +
          1;
        out += num(doy);
        break;
      }
      case 'Z':
        out += offsetText(p.offsetMinutes, false);
        break;
      case 'X':
        out += p.offsetMinutes === 0 ? 'Z' : offsetText(p.offsetMinutes, n >= 3);
        break;
      case 'z':
        out += n >= 4 ? zone : shortZoneName(epochMs, zone);
        break;
      default:
        throw new Error(`Unsupported by the local org: date format letter '${c}' in '${pattern}'`);
    }
  }
  return out;
}

function shortZoneName(epochMs: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    timeZoneName: 'short'
  }).formatToParts(new Date(epochMs));
  return parts.find((x) => x.type === 'timeZoneName')?.value ?? zone;
}
