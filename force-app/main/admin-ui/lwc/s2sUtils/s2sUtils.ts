// Helpers shared by the S2S admin components: error text, file download, small formatting.
import peerNotFound from '@salesforce/label/c.S2S_Error_Peer_Not_Found';
import peerUnauthorized from '@salesforce/label/c.S2S_Error_Peer_Unauthorized';
import peerForbidden from '@salesforce/label/c.S2S_Error_Peer_Forbidden';
import peerUnavailable from '@salesforce/label/c.S2S_Error_Peer_Unavailable';
import peerUnreachable from '@salesforce/label/c.S2S_Error_Peer_Unreachable';
import peerOther from '@salesforce/label/c.S2S_Error_Peer_Other';

/** The shape of an error from an Apex call, a wire adapter or a UI API call. */
interface ErrorLike {
  body?:
    | {
        message?: string;
        pageErrors?: { message: string }[];
        fieldErrors?: Record<string, { message: string }[]>;
      }
    | { message?: string }[];
  message?: string;
  statusText?: string;
}

/** Turns any error (Apex, wire, UI API, JavaScript) into readable messages, most specific first. */
export function reduceErrors(errors: unknown): string[] {
  const list = Array.isArray(errors) ? errors : [errors];
  const messages: string[] = [];
  for (const error of list as (ErrorLike | string | null | undefined)[]) {
    if (!error) continue;
    if (typeof error === 'string') {
      messages.push(error);
      continue;
    }
    const body = error.body;
    if (Array.isArray(body)) {
      body.forEach((entry) => entry.message && messages.push(entry.message));
    } else if (body) {
      if (body.message) messages.push(body.message);
      body.pageErrors?.forEach((entry) => messages.push(entry.message));
      Object.values(body.fieldErrors ?? {}).forEach((entries) =>
        entries.forEach((entry) => messages.push(entry.message))
      );
    } else if (error.message) {
      messages.push(error.message);
    } else if (error.statusText) {
      messages.push(error.statusText);
    }
  }
  return messages;
}

/** One line for an error, for banners. */
export function errorText(errors: unknown): string {
  return reduceErrors(errors).join(' ');
}

/**
 * Starts a browser download of text content. A data: URL in a temporary link works inside
 * Lightning Locker and Lightning Web Security, where object URLs of Blobs are not always allowed.
 */
export function downloadText(fileName: string, mimeType: string, content: string): void {
  const link = document.createElement('a');
  link.href = `data:${mimeType};charset=utf-8,${encodeURIComponent(content)}`;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  document.body.removeChild(link);
}

/** Fills {0}, {1}... in a custom label, as String.format does in Apex. */
export function formatLabel(
  label: string,
  ...values: (string | number | null | undefined)[]
): string {
  return label.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = values[Number(index)];
    return value === undefined || value === null ? match : String(value);
  });
}

/** What S2SAdminAccessController.getAccess answers: the running user's S2S permissions. */
export interface Access {
  canAdminister: boolean;
  canSyncNow?: boolean;
  canViewAudit?: boolean;
  /** S2S_Propose_Mapping_Change: an analyst who proposes mapping changes. */
  canProposeMappingChange?: boolean;
}

/** The value a @wire handler receives: data or an error, never both. */
export interface WireResult<T> {
  data?: T;
  error?: unknown;
}

// "System.AuraHandledException: ", "S2SRemoteDescribe.RemoteDescribeException: " and the like.
const EXCEPTION_PREFIX = /^(?:[A-Za-z_][\w]*\.)*[A-Za-z_]\w*Exception:\s*/;
const HTTP_ANSWER = /^HTTP (\d{3})\b/;
const UNREACHABLE =
  /Unable to tunnel|Unauthorized endpoint|Read timed out|timed out|UnknownHost|callout/i;

/**
 * One sentence per error that says what happened and what to do: exception class names are
 * removed, and an HTTP answer of the peer (`HTTP 404: [{...}]`) becomes what it means for the
 * admin. Messages already written for a person pass unchanged.
 */
export function friendlyErrors(errors: unknown): string[] {
  return reduceErrors(errors).map((raw) => {
    let message = raw.trim();
    while (EXCEPTION_PREFIX.test(message)) message = message.replace(EXCEPTION_PREFIX, '');
    const http = HTTP_ANSWER.exec(message);
    if (http) {
      const status = Number(http[1]);
      if (status === 404) return peerNotFound;
      if (status === 401) return peerUnauthorized;
      if (status === 403) return peerForbidden;
      if (status >= 500) return peerUnavailable;
      return formatLabel(peerOther, status);
    }
    if (message !== raw.trim() && UNREACHABLE.test(message)) return peerUnreachable;
    return message;
  });
}

/** friendlyErrors as one line, for a message next to a control. */
export function friendlyError(errors: unknown): string {
  return friendlyErrors(errors).join(' ');
}

/**
 * One CSV cell (RFC 4180): blank for null and undefined, quoted when it holds a comma, a quote or a
 * line break (quotes doubled); a text a spreadsheet would run as a formula (a leading =, +, - or @)
 * starts with an apostrophe, so opening the file never runs it.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV file, as every screen's export writes it: the header, then one line per row, each value
 * through csvCell, every line ended by CRLF (RFC 4180).
 */
export function csvOf(header: readonly unknown[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
