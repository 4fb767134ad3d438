// Audit values as a person reads them: the stored JSON of old and new values as a list of
// "field: before → after", dates in the user's locale, masked values said to be hidden, blanks said.
// A plain module (no component), unit-tested on its own.

/** The value the engine stores for a sensitive value (S2SAuditLogger.MASK). */
export const MASK = '****';

/** One changed field. */
export interface FieldChange {
  field: string;
  before: string | null;
  after: string;
  masked: boolean;
}

/** Words the formatter uses, from labels. */
export interface FormatWords {
  masked: string;
  blank: string;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Values stored as JSON text, or null when there are none or they do not parse as an object. */
export function parseValues(json: unknown): Record<string, unknown> | null {
  if (typeof json !== 'string' || json.trim() === '') return null;
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** A value as text: dates and date-times in the user's locale, masked and blank values said. */
export function formatValue(value: unknown, words: FormatWords, locale?: string): string {
  if (value === null || value === undefined || value === '') return words.blank;
  if (value === MASK) return words.masked;
  if (typeof value === 'string' && ISO_DATE_TIME.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) {
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
        date
      );
    }
  }
  if (typeof value === 'string' && ISO_DATE.test(value)) {
    const [year, month, day] = value.split('-').map(Number);
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(Date.UTC(year, month - 1, day))
    );
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * The fields an entry changed, old → new, in the order the new values name them (then the old
 * values the new ones lack). Values that do not parse give no list (the raw text is kept apart).
 */
export function changesOf(
  oldJson: unknown,
  newJson: unknown,
  words: FormatWords,
  locale?: string
): FieldChange[] {
  const before = parseValues(oldJson);
  const after = parseValues(newJson);
  if (!after && !before) return [];
  const fields = [...Object.keys(after ?? {})];
  for (const field of Object.keys(before ?? {})) {
    if (!fields.includes(field)) fields.push(field);
  }
  return fields.map((field) => {
    const hadBefore = !!before && field in before;
    const beforeValue = before ? before[field] : undefined;
    const afterValue = after ? after[field] : undefined;
    return {
      field,
      before: hadBefore ? formatValue(beforeValue, words, locale) : null,
      after: formatValue(afterValue, words, locale),
      masked: afterValue === MASK || (hadBefore && beforeValue === MASK)
    };
  });
}

/** The changes on one line: "Phone: 555 → 556; Name: Acme". */
export function changesText(changes: FieldChange[]): string {
  return changes
    .map((change) => {
      return change.before === null
        ? `${change.field}: ${change.after}`
        : `${change.field}: ${change.before} → ${change.after}`;
    })
    .join('; ');
}
