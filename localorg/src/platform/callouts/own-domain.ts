// Callouts from Apex to the org's own My Domain URL (`Url.getOrgDomainUrl()`), authorised with the
// running user's session (`UserInfo.getSessionId()`): the way Apex reads what only the org's APIs
// answer, e.g. the Tooling API. As on the platform: the endpoint must be registered in a Remote Site
// Setting ("Before any Apex callout can call an external site, that site must be registered in the
// Remote Site Settings page, or the callout fails", Apex Developer Guide, "Invoking Callouts Using
// Apex"), the session must be one the org issued (else 401 INVALID_SESSION_ID), and the request runs
// as that session's user. Served: the Tooling API query of validation rules (rest/tooling.ts); any
// other resource of the own domain fails loudly.
import { randomBytes } from 'node:crypto';
import type { HttpRequestData, HttpResponseData } from './callouts.ts';
import { CalloutError } from './callouts.ts';
import { toolingQuery, type ToolingOrg } from '../rest/tooling.ts';
import { UnsupportedError } from '../../runtime/platform.ts';

/** The host `Url.getOrgDomainUrl()` answers in every local org. */
export const OWN_DOMAIN_HOST = 'localorg.my.salesforce.com';

/** What own-domain callouts need of the org. */
export interface OwnDomainOrg extends ToolingOrg {
  readonly organizationId: string;
}

const sessions = new WeakMap<OwnDomainOrg, Map<string, string>>();

/** A session Id of `userId` in `org` (one per user, like a login session): `<org Id>!<secret>`. */
export function sessionIdFor(org: OwnDomainOrg, userId: string): string {
  let byToken = sessions.get(org);
  if (!byToken) sessions.set(org, (byToken = new Map()));
  for (const [token, user] of byToken) if (user === userId) return token;
  const token = `${org.organizationId.slice(0, 15)}!${randomBytes(24).toString('base64url')}`;
  byToken.set(token, userId);
  return token;
}

/** Whether a request goes to the org's own domain. */
export function isOwnDomain(endpoint: string): boolean {
  try {
    return new URL(endpoint).hostname.toLowerCase() === OWN_DOMAIN_HOST;
  } catch {
    return false;
  }
}

/** Serves a callout of `org` to its own domain. */
export function ownDomainCallout(org: OwnDomainOrg, req: HttpRequestData): HttpResponseData {
  const url = new URL(req.endpoint);
  const registered = (org.metadata.remoteSites ?? []).some((s) => s.active && sameSite(s.url, url));
  if (!registered)
    throw new CalloutError(
      `Unauthorized endpoint, please check Setup->Security->Remote site settings. endpoint = ${req.endpoint}`
    );
  const auth = Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
  const token = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(auth ?? '')?.[1];
  const userId = token ? sessions.get(org)?.get(token) : undefined;
  const json = { 'Content-Type': 'application/json;charset=UTF-8' };
  if (!userId)
    return {
      status: 401,
      headers: json,
      body: JSON.stringify([
        { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }
      ])
    };
  const path = decodeURIComponent(url.pathname).replace(/\/+$/, '');
  const tooling = /^\/services\/data\/v(\d+\.\d+)\/tooling\/query$/.exec(path);
  if (!tooling || req.method.toUpperCase() !== 'GET')
    throw new UnsupportedError(
      `${req.method} ${path} on the org's own domain (the local org answers GET /services/data/vXX.X/tooling/query/ only)`
    );
  const answer = toolingQuery(org, url.searchParams.get('q'), userId, tooling[1]);
  return { status: answer.status, headers: json, body: JSON.stringify(answer.body) };
}

// A remote site covers an endpoint with the same protocol and host (Remote Site URL: scheme, host
// and optional port).
function sameSite(site: string, url: URL): boolean {
  try {
    const s = new URL(site);
    return s.protocol === url.protocol && s.host.toLowerCase() === url.host.toLowerCase();
  } catch {
    return false;
  }
}
