// Apex REST state per org: API request count, query cursors, and RestContext.request/response of the
// call in progress. Keyed by the org object, so the REST handler (rest.ts) and the RestContext native
// class (natives/rest.ts) share it without either importing the org.
import type { NativeObject } from '../../runtime/values.ts';
import type { Json } from '../data/convert.ts';

export interface RestState {
  apiRequests: number;
  cursors: Map<string, { records: Json[]; object: string }>;
  cursorSeq: number;
  /** RestContext.request / response of the Apex REST call in progress */
  restRequest: NativeObject | null;
  restResponse: NativeObject | null;
}

const states = new WeakMap<object, RestState>();

export function restState(org: object): RestState {
  let s = states.get(org);
  if (!s)
    states.set(
      org,
      (s = {
        apiRequests: 0,
        cursors: new Map(),
        cursorSeq: 0,
        restRequest: null,
        restResponse: null
      })
    );
  return s;
}
