/**
 * `localorg serve [--port N] [--source DIR ...]`: one org's REST API over HTTP on loopback, for real
 * clients (jsforce, curl, the Salesforce CLI's data commands) during development and tests.
 * Requests run as the org's admin user and must carry `Authorization: Bearer <token>`, the token
 * printed at start (the Versions resource needs none, as on the platform).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Org } from '../platform/org.ts';
import { handleRest } from '../platform/rest/rest.ts';

/** A running server. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>`: the instance URL a client connects to. */
  readonly instanceUrl: string;
  /** The session Id a client sends as `Authorization: Bearer <token>`. */
  readonly accessToken: string;
  readonly server: Server;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The token clients must send; random when not given. */
  accessToken?: string;
  /** The user requests run as (default: the org's admin user). */
  userId?: string;
}

const INVALID_SESSION = JSON.stringify([
  { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }
]);

/** Serves `org`'s REST API (standard API and Apex REST) on 127.0.0.1 only. */
export function serveOrg(org: Org, opts: ServeOptions = {}): Promise<RunningServer> {
  const accessToken = opts.accessToken ?? `00D!${randomBytes(24).toString('base64url')}`;
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
      const versions = req.method === 'GET' && path === '/services/data';
      const auth = req.headers.authorization ?? '';
      if (!versions && auth !== `Bearer ${accessToken}` && auth !== `OAuth ${accessToken}`) {
        res.writeHead(401, { 'Content-Type': 'application/json;charset=UTF-8' });
        res.end(INVALID_SESSION);
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === 'string') headers[k] = v;
        else if (Array.isArray(v)) headers[k] = v.join(', ');
      let out;
      try {
        out = handleRest(
          org,
          {
            method: req.method ?? 'GET',
            endpoint: req.url ?? '/',
            headers,
            body,
            timeoutMs: 120_000
          },
          opts.userId ?? org.adminUserId
        );
      } catch (e) {
        // Something the local org does not support: a loud 501 naming it, never a silent answer.
        res.writeHead(501, { 'Content-Type': 'application/json;charset=UTF-8' });
        res.end(
          JSON.stringify([
            {
              message: `Unsupported by the local org: ${(e as Error).message}`,
              errorCode: 'UNSUPPORTED'
            }
          ])
        );
        return;
      }
      res.writeHead(out.status, out.headers);
      res.end(out.body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : opts.port;
      resolve({
        instanceUrl: `http://127.0.0.1:${port}`,
        accessToken,
        server,
        close: () => new Promise((done) => server.close(() => done()))
      });
    });
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
