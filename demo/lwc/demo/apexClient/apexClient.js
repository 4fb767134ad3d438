// Apex for the demo page: every @salesforce/apex/Class.method import becomes a call to the demo
// server, which runs the real controller in the chosen local org as the chosen demo user. Also a wire adapter with the
// same shape as the platform's (data/error), and refreshApex for the values it emitted.

const ORG_PARAM = 'org';
const USER_PARAM = 'user';

/** The org this page shows (?org=Sales|Service); the server picks its default when absent. */
export function currentOrg() {
  return new URLSearchParams(window.location.search).get(ORG_PARAM) || '';
}

/** The demo user every call runs as (?user=admin|analyst|enduser|auditor; the server's default: admin). */
export function currentUser() {
  return new URLSearchParams(window.location.search).get(USER_PARAM) || '';
}

async function post(url, body) {
  const separator = url.includes('?') ? '&' : '?';
  const response = await fetch(
    `${url}${separator}${ORG_PARAM}=${encodeURIComponent(currentOrg())}&${USER_PARAM}=${encodeURIComponent(currentUser())}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {})
    }
  );
  const payload = await response.json().catch(() => ({ message: response.statusText }));
  if (!response.ok) {
    // The shape components get from a failed Apex call on the platform: { body: { message } }.
    throw { status: response.status, body: { message: payload.message ?? response.statusText } };
  }
  return payload;
}

/** Calls the demo server; resolves with the method's result, rejects like a failed Apex call. */
export async function callApex(method, params) {
  const payload = await post(`/api/apex/${method}`, params);
  return payload.result;
}

const emitters = new WeakMap();

/** The default export of '@salesforce/apex/Class.method': callable, and usable with @wire. */
export function apexMethod(method) {
  const call = (params) => callApex(method, params);
  call.adapter = class ApexWireAdapter {
    constructor(dataCallback) {
      this.dataCallback = dataCallback;
      this.config = undefined;
    }
    update(config) {
      this.config = config;
      // As on the platform, a wire whose reactive parameter is still undefined waits.
      if (config && Object.values(config).some((value) => value === undefined)) return;
      this.fetch();
    }
    connect() {}
    disconnect() {}
    fetch() {
      return callApex(method, this.config).then(
        (data) => this.emit({ data, error: undefined }),
        (error) => this.emit({ data: undefined, error })
      );
    }
    emit(value) {
      emitters.set(value, this);
      this.dataCallback(value);
    }
  };
  return call;
}

/** Fetches a wired value again and re-emits it. */
export function refreshApex(value) {
  const adapter = value ? emitters.get(value) : undefined;
  return adapter ? adapter.fetch() : Promise.resolve();
}

/** Demo-only data calls (records and orgs), answered by the local org's data layer. */
export async function demoCall(path, body) {
  return post(`/api/demo/${path}`, body);
}
