// The REST responses and request errors shared by the REST API routes and Apex REST: JSON bodies, error bodies, headers.
import type { HttpRequestData, HttpResponseData } from '../org.ts';
import type { Json } from '../data/convert.ts';

export const JSON_HEADERS = { 'Content-Type': 'application/json;charset=UTF-8' };

/** A request error answered as the REST API's error body: `[{ message, errorCode, fields }]`. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields: string[] = []
  ) {
    super(message);
  }
}

export function errorResponse(
  status: number,
  errorCode: string,
  message: string,
  fields?: string[]
): HttpResponseData {
  const body: Json = [{ message, errorCode, ...(fields && fields.length ? { fields } : {}) }];
  return { status, headers: { ...JSON_HEADERS }, body: JSON.stringify(body) };
}

export function json(status: number, body: Json | undefined): HttpResponseData {
  return {
    status,
    headers: body === undefined ? {} : { ...JSON_HEADERS },
    body: body === undefined ? '' : JSON.stringify(body)
  };
}

export function headerValue(h: Record<string, string>, name: string): string | undefined {
  const k = Object.keys(h).find((x) => x.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : h[k];
}

export function parseBody(req: HttpRequestData): Json {
  if (!req.body) throw new RestError(400, 'JSON_PARSER_ERROR', 'The request body is empty.');
  try {
    return JSON.parse(req.body) as Json;
  } catch (e) {
    throw new RestError(400, 'JSON_PARSER_ERROR', `Unexpected character: ${(e as Error).message}`);
  }
}
