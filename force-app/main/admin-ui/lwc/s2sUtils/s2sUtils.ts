// Helpers shared by the S2S admin components: error text, file download, small formatting.

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
