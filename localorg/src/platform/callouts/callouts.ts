// HTTP callouts from Apex (Apex Developer Guide, "Invoking Callouts Using Apex", "Callout Limits and
// Limitations"): the uncommitted-work and trigger rules, HttpCalloutMock in tests, named and
// external credentials, the org's clock for timeouts. Where a request goes is the host's business
// (the World routes `callout:Name/...` to another org).
import { NativeObject, type ApexValue } from '../../runtime/values.ts';
import type { ApexRuntime, NativeCallContext } from '../../runtime/platform.ts';
import { processCpuMs, type Limits } from '../limits/limits.ts';
import type { Metadata } from '../schema/metadata.ts';
import type { Access } from '../security/access.ts';
import { unsupported } from '../../runtime/errors.ts';

/** An HTTP request as the org sends it (after Apex built it, before named credentials resolve). */
export interface HttpRequestData {
  method: string;
  endpoint: string;
  headers: Record<string, string>;
  body: string;
  /** a body set with setBodyAsBlob: its bytes as they are */
  bodyBytes?: Uint8Array;
  timeoutMs: number;
}
export interface HttpResponseData {
  status: number;
  statusText?: string;
  headers: Record<string, string>;
  body: string;
  /** a binary body: its bytes as they are */
  bodyBytes?: Uint8Array;
  /** the callout took this long on the org's clock (faults: timeouts) */
  elapsedMs?: number;
  /** a transport failure: System.CalloutException with this message */
  calloutException?: string;
}

/** Cumulative callout time per transaction (Callout Limits and Limitations). */
export const CALLOUT_BUDGET_MS = 120_000;
const BUDGET_EXCEEDED = 'Exceeded maximum time allotted for callout (120000 ms)';

/** The size of a request or response body in bytes (its bytes if it has them, else its UTF-8 text). */
function bodySize(d: { body: string; bodyBytes?: Uint8Array }): number {
  return d.bodyBytes?.length ?? Buffer.byteLength(d.body, 'utf8');
}

/**
 * "Maximum size of callout request or response (HTTP request or Web services call)": 6 MB for
 * synchronous Apex, 12 MB for asynchronous Apex (Apex Developer Guide, "Execution Governors and
 * Limits", Per-Transaction Apex Limits; the same figures as the heap, so the transaction's heap limit
 * gives the one that applies). The message is worded as Salesforce's Java connector and platform
 * reports word it ("Exceeded max size limit of 6000000 with request size …").
 */
function checkSize(limits: Limits, what: 'request' | 'response', size: number): void {
  const max = limits.getLimit('HeapSize');
  if (size > max)
    throw new CalloutError(`Exceeded max size limit of ${max} with ${what} size ${size}`);
}

/** A callout refused or failed: Apex sees System.CalloutException with this message. */
export class CalloutError extends Error {}

/** What callouts need of the org. */
export interface CalloutHost {
  readonly metadata: Metadata;
  readonly access: Access;
  /** The current transaction: pending DML, trigger depth, limits. */
  tx(): { uncommittedWork: boolean; triggerDepth: number; limits: Limits };
  /** The mock set with Test.setMock for an interface (lower-case short name), if any. */
  mock(iface: string): ApexValue | undefined;
  /** True inside a test method (no real callout allowed). */
  inTestMethod(): boolean;
  /** Sends a resolved request; null when the org has no route for it. */
  send(req: HttpRequestData, namedCredential: string | null): HttpResponseData | null;
  now(): number;
  currentUserId(): string;
  requireRuntime(feature: string): ApexRuntime;
}

export class Callouts {
  constructor(private readonly host: CalloutHost) {}

  /** An HTTP callout from Apex in the current transaction, with the platform's rules. */
  callout(req: HttpRequestData): HttpResponseData {
    const t = this.host.tx();
    // "You have uncommitted work pending. Please commit or rollback before calling out" (Callout Limits and Limitations).
    if (t.uncommittedWork)
      throw new CalloutError(
        'You have uncommitted work pending. Please commit or rollback before calling out'
      );
    if (t.triggerDepth > 0)
      throw new CalloutError('Callout from triggers are currently not supported.');
    t.limits.consume('Callouts');
    checkSize(t.limits, 'request', bodySize(req));
    const mock = this.host.mock('HttpCalloutMock');
    // A mock sees the request as Apex built it ("callout:Name/..."): nothing is resolved or sent.
    if (mock !== undefined) {
      const res = this.callMock(mock, req);
      t.limits.trace.push({
        kind: 'callout',
        detail: `${req.method} ${req.endpoint} → mock ${res.status}`
      });
      checkSize(t.limits, 'response', bodySize(res));
      return res;
    }
    // a test method never calls out: refused before any credential is looked at
    if (this.host.inTestMethod())
      throw new CalloutError('Methods defined as TestMethod do not support Web service callouts');
    let namedCredential: string | null = null;
    let resolved = req;
    if (req.endpoint.toLowerCase().startsWith('callout:')) {
      const rest = req.endpoint.slice(8);
      const slash = rest.search(/[/?]/);
      namedCredential = slash < 0 ? rest : rest.slice(0, slash);
      resolved = {
        ...req,
        endpoint: this.resolveNamedCredential(namedCredential, slash < 0 ? '' : rest.slice(slash))
      };
    }
    // "The maximum cumulative timeout for callouts by a single Apex transaction is 120 seconds.
    // This time is additive across all callouts" (Callout Limits and Limitations): a callout waits
    // at most for its own timeout and for what is left of the transaction's 120 s.
    const remaining = CALLOUT_BUDGET_MS - t.limits.calloutMs;
    if (remaining <= 0) throw new CalloutError(BUDGET_EXCEEDED);
    // waiting for the answer is not CPU time of this transaction (the peer org runs in this process)
    // The orgs of a World take request bodies as text: binary bytes would be altered on the way.
    if (req.bodyBytes && !Buffer.from(req.body, 'utf8').equals(Buffer.from(req.bodyBytes)))
      unsupported(
        'a callout body that is not UTF-8 text (setBodyAsBlob with binary content) sent to another org of the World; send it base64-encoded'
      );
    const sentAt = processCpuMs();
    let handled: HttpResponseData | null;
    try {
      handled = this.host.send(resolved, namedCredential);
    } finally {
      t.limits.notCpuMs += processCpuMs() - sentAt;
    }
    if (!handled)
      throw new CalloutError(
        `Unable to tunnel through proxy. Proxy returns "HTTP/1.1 503 Service Unavailable" (the local org has no route for ${resolved.endpoint})`
      );
    const res = handled;
    const elapsed = res.elapsedMs ?? 0;
    const wait = Math.min(req.timeoutMs, remaining);
    t.limits.calloutMs += Math.min(elapsed, wait);
    t.limits.trace.push({
      kind: 'callout',
      detail: `${req.method} ${req.endpoint} → ${res.calloutException ? 'exception' : res.status}`,
      ms: Math.min(elapsed, wait)
    });
    if (elapsed >= wait)
      throw new CalloutError(wait < req.timeoutMs ? BUDGET_EXCEEDED : 'Read timed out');
    if (res.calloutException) throw new CalloutError(res.calloutException);
    checkSize(t.limits, 'response', bodySize(res));
    return res;
  }

  private resolveNamedCredential(name: string, pathAndQuery: string): string {
    const nc = this.host.metadata.namedCredentials.find(
      (n) => n.name.toLowerCase() === name.toLowerCase()
    );
    if (!nc)
      throw new CalloutError(
        `The callout couldn't access the endpoint. You might not have the required permissions, or the named credential "${name}" might not exist.`
      );
    if (nc.externalCredential) {
      const ec = this.host.metadata.externalCredentials.find(
        (e) => e.name.toLowerCase() === (nc.externalCredential ?? '').toLowerCase()
      );
      // Principal access comes from a permission set or profile, for admins too (Help: "External
      // credential principals map to permission sets to authorize users to make callouts").
      const userId = this.host.currentUserId();
      const allowed = ec?.principals.some((pr) =>
        this.host.access.hasPrincipal(userId, ec.name, pr.name)
      );
      if (!ec || !allowed) {
        throw new CalloutError(
          `We couldn't access the credential(s). You might not have the required permissions, or the external credential "${nc.externalCredential}" might not exist.`
        );
      }
    }
    return nc.url.replace(/\/$/, '') + pathAndQuery;
  }

  private callMock(mock: ApexValue, req: HttpRequestData): HttpResponseData {
    const runtime = this.host.requireRuntime('HttpCalloutMock');
    const request = new NativeObject('System.HttpRequest', { ...req, headers: { ...req.headers } });
    const response = runtime.callMethod(mock, 'respond', [request]);
    if (!(response instanceof NativeObject))
      throw new CalloutError('HttpCalloutMock.respond returned null');
    const s = response.state as {
      status: number;
      statusText: string;
      headers: Record<string, string>;
      body: string;
      bodyBytes?: Uint8Array;
    };
    return {
      status: s.status,
      statusText: s.statusText,
      headers: s.headers,
      body: s.body,
      ...(s.bodyBytes ? { bodyBytes: s.bodyBytes } : {})
    };
  }

  /** `new Http().send(request)`: the HttpResponse, or System.CalloutException. */
  send(ctx: NativeCallContext, request: ApexValue): ApexValue {
    if (!(request instanceof NativeObject))
      ctx.throwApex('System.NullPointerException', 'Argument cannot be null.');
    const r = request.state as HttpRequestData;
    if (!r.endpoint) ctx.throwApex('System.CalloutException', 'Endpoint cannot be null');
    if (!r.method) ctx.throwApex('System.CalloutException', 'Method cannot be null');
    try {
      const res = this.callout({
        method: r.method,
        endpoint: r.endpoint,
        headers: { ...r.headers },
        body: r.body ?? '',
        ...(r.bodyBytes ? { bodyBytes: r.bodyBytes } : {}),
        timeoutMs: r.timeoutMs || 10_000
      });
      return new NativeObject('System.HttpResponse', {
        status: res.status,
        statusText: res.statusText ?? '',
        headers: { ...res.headers },
        body: res.body,
        ...(res.bodyBytes ? { bodyBytes: res.bodyBytes } : {})
      });
    } catch (e) {
      if (e instanceof CalloutError) ctx.throwApex('System.CalloutException', e.message);
      throw e;
    }
  }
}
