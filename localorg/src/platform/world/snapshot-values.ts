// Stored field values of a World snapshot as JSON, and back (world/snapshot.ts): each value tagged
// where JSON alone would lose its Apex type. Apart from snapshot.ts so the async and event layers
// (world/apex-state.ts) can use it without importing the org.
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexDouble,
  ApexId,
  ApexTime,
  type ApexValue
} from '../../runtime/values.ts';

/** One stored field value, tagged where JSON alone would lose its Apex type. */
export type SnapshotValue =
  | null
  | boolean
  | number
  | string
  | { Long: string }
  | { Decimal: string }
  | { Double: number | string }
  | { Id: string }
  | { Date: string }
  | { Datetime: number }
  | { Time: number }
  | { Blob: string };

/** Raised when a World cannot be saved or restored; the message says what and where. */
export class WorldSnapshotError extends Error {}

export function encodeValue(value: ApexValue, where: string): SnapshotValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return { Long: value.toString() };
  if (value instanceof ApexDecimal) return { Decimal: value.toPlainString() };
  if (value instanceof ApexDouble)
    return { Double: Number.isFinite(value.v) ? value.v : String(value.v) };
  if (value instanceof ApexId) return { Id: value.value };
  if (value instanceof ApexDate) return { Date: value.toString() };
  if (value instanceof ApexDatetime) return { Datetime: value.epochMs };
  if (value instanceof ApexTime) return { Time: value.ms };
  if (value instanceof ApexBlob) return { Blob: Buffer.from(value.bytes).toString('base64') };
  throw new WorldSnapshotError(
    `${where}: a stored value of type ${value?.constructor?.name ?? typeof value} cannot be saved in a snapshot`
  );
}

export function decodeValue(value: SnapshotValue, where: string): ApexValue {
  if (value === null || typeof value !== 'object') return value;
  if ('Long' in value) return BigInt(value.Long);
  if ('Decimal' in value) return ApexDecimal.fromString(value.Decimal);
  if ('Double' in value) return new ApexDouble(Number(value.Double));
  if ('Id' in value) return new ApexId(value.Id);
  if ('Date' in value) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.Date);
    if (!m) throw new WorldSnapshotError(`${where}: not a date: ${value.Date}`);
    return new ApexDate(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  if ('Datetime' in value) return new ApexDatetime(value.Datetime);
  if ('Time' in value) return new ApexTime(value.Time);
  if ('Blob' in value) return new ApexBlob(new Uint8Array(Buffer.from(value.Blob, 'base64')));
  throw new WorldSnapshotError(`${where}: unknown snapshot value ${JSON.stringify(value)}`);
}
