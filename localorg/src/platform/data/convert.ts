// Plain JavaScript / JSON values ↔ Apex values for a field: used by the World's TypeScript API and by
// the REST layer (REST API Developer Guide: dates as yyyy-MM-dd, datetimes as
// yyyy-MM-ddTHH:mm:ss.SSS+0000, numbers as JSON numbers).
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexDouble,
  ApexId,
  ApexList,
  ApexSObject,
  ApexTime,
  normaliseId,
  type ApexValue
} from '../../runtime/values.ts';
import type { CatalogField } from '../schema/catalog-types.ts';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export class ConvertError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
    readonly fields: string[] = []
  ) {
    super(message);
  }
}

export function jsToApex(f: CatalogField, v: unknown): ApexValue {
  if (v === null || v === undefined) return null;
  switch (f.apexType) {
    case 'Id': {
      const id = typeof v === 'string' ? normaliseId(v) : v instanceof ApexId ? v.value : null;
      if (!id)
        throw new ConvertError(
          'MALFORMED_ID',
          `${f.name}: id value of incorrect type: ${String(v)}`,
          [f.name]
        );
      return new ApexId(id);
    }
    case 'Boolean':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'false') return v === 'true';
      break;
    case 'Integer':
      if (typeof v === 'number' && Number.isInteger(v)) return v;
      if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
      break;
    case 'Long':
      if (typeof v === 'number' || typeof v === 'string') return BigInt(v);
      break;
    case 'Decimal':
    case 'Double':
      if (typeof v === 'number') return ApexDecimal.fromString(String(v));
      if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)))
        return ApexDecimal.fromString(v.trim());
      if (v instanceof ApexDecimal) return v;
      break;
    case 'Date':
      if (v instanceof Date)
        return new ApexDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
      if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v))
        return new ApexDate(Number(v.slice(0, 4)), Number(v.slice(5, 7)), Number(v.slice(8, 10)));
      break;
    case 'Datetime': {
      if (v instanceof Date) return new ApexDatetime(v.getTime());
      if (typeof v === 'number') return new ApexDatetime(v);
      if (typeof v === 'string') {
        const ms = Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
        if (!Number.isNaN(ms)) return new ApexDatetime(ms);
      }
      break;
    }
    case 'Time':
      if (typeof v === 'string') {
        const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?/.exec(v);
        if (m)
          return new ApexTime(
            ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 +
              Number((m[4] ?? '0').padEnd(3, '0'))
          );
      }
      break;
    case 'Blob':
      if (typeof v === 'string') return new ApexBlob(new Uint8Array(Buffer.from(v, 'base64')));
      break;
    default:
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  }
  throw new ConvertError(
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${f.apexType.toLowerCase()} from ${typeof v} value ${JSON.stringify(v)} for field ${f.name}`,
    [f.name]
  );
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function formatDatetime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`;
}

/** Apex value → JSON as the REST API writes it. */
export function apexToJson(v: ApexValue, apiVersion = '65.0'): Json {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof ApexDecimal) return v.toNumber();
  if (v instanceof ApexDouble) return v.v;
  if (v instanceof ApexId) return v.value;
  if (v instanceof ApexDate) return v.toString();
  if (v instanceof ApexDatetime) return formatDatetime(v.epochMs);
  if (v instanceof ApexTime) return v.toString();
  if (v instanceof ApexBlob) return Buffer.from(v.bytes).toString('base64');
  if (v instanceof ApexSObject) return sobjectToJson(v, apiVersion);
  if (v instanceof ApexList) {
    const records = v.items.map((x) => apexToJson(x, apiVersion));
    return { totalSize: records.length, done: true, records };
  }
  return String(v);
}

export function sobjectToJson(
  s: ApexSObject,
  apiVersion = '65.0',
  opts: { blobUrls?: boolean } = {}
): { [k: string]: Json } {
  const id = s.raw('Id');
  const url = id ? `/services/data/v${apiVersion}/sobjects/${s.type}/${String(id)}` : null;
  const out: { [k: string]: Json } = {
    attributes: { type: s.type, ...(url ? { url } : {}) }
  };
  for (const [k, v] of s.populated()) {
    // A record retrieved or queried over REST gives a blob field (ContentVersion.VersionData,
    // Attachment.Body) as the URL of its content, read with "Get Blob Data" (REST API Developer Guide).
    out[k] =
      opts.blobUrls && url && v instanceof ApexBlob ? `${url}/${k}` : apexToJson(v, apiVersion);
  }
  return out;
}
