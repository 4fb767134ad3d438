// The demo server: serves the built admin UI (build/demo) and answers its Apex, record and
// platform-event calls from the local orgs of demo/world.ts. It refuses to start when the local
// org cannot run the package: no Apex result is ever made up here.
//   node --import tsx demo/server.ts [--anyway]     (PORT, default 3000)
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Org } from '../localorg/src/platform/index.ts';
import {
  ADMIN,
  ApexCallError,
  callApex,
  createOrgs,
  seed,
  selfCheck,
  type DemoOrgs
} from './world.ts';
import { buildDemo, OUT_DIR } from './build.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.PORT ?? 3000);
const DEFAULT_ORG = 'Sales';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png'
};

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function serveStatic(res: http.ServerResponse, urlPath: string): void {
  const file = path.join(
    OUT_DIR,
    urlPath === '/' ? 'index.html' : path.normalize(urlPath).replace(/^([/\\])+/, '')
  );
  if (!file.startsWith(OUT_DIR) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    send(res, 404, { message: `Not found: ${urlPath}` });
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
}

/** Plain JS values of a queried record (demo record screen). */
function plain(org: Org, soql: string): Record<string, unknown>[] {
  const rows = org.query(soql, {}, { as: ADMIN });
  if (typeof rows === 'number') return [];
  return rows.map((row) =>
    Object.fromEntries(
      row.populated().map(([name, value]) => [name, value === null ? null : String(value)])
    )
  );
}

function createHandler(demo: DemoOrgs, notReady: string | null) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', `http://localhost:${PORT}`);
    const orgName = url.searchParams.get('org') || DEFAULT_ORG;
    try {
      if (!url.pathname.startsWith('/api/')) return serveStatic(res, url.pathname);
      const org = demo.orgs.get(orgName);
      if (!org)
        return send(res, 404, {
          message: `No org ${orgName}: choose one of ${[...demo.orgs.keys()].join(', ')}`
        });
      if (url.pathname.startsWith('/api/apex/')) {
        const [className, method] = url.pathname.slice('/api/apex/'.length).split('.');
        const result = await callApex(
          ROOT,
          demo.world,
          org,
          className,
          method,
          await readJson(req)
        );
        return send(res, 200, { result });
      }
      if (url.pathname === '/api/demo/orgs') {
        return send(res, 200, { orgs: [...demo.orgs.keys()], current: orgName, notReady });
      }
      if (url.pathname === '/api/demo/records/list') {
        return send(res, 200, {
          records: plain(
            org,
            'SELECT Id, Name, Industry, Phone FROM Account ORDER BY Name LIMIT 50'
          )
        });
      }
      if (url.pathname === '/api/demo/records/update') {
        const { id, values } = (await readJson(req)) as {
          id: string;
          values: Record<string, string | null>;
        };
        if (!/^001\w{12}(\w{3})?$/.test(id))
          return send(res, 400, { message: `Not an Account Id: ${id}` });
        const assignments = Object.entries(values)
          .filter(([field]) => ['Name', 'Industry', 'Phone'].includes(field))
          .map(
            ([field, value]) =>
              `${field} = ${value === null ? 'null' : `'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`}`
          );
        // An Apex update as the admin: the package's capture trigger runs as for a save in the UI.
        const outcome = org.executeAnonymous(
          `update new Account(Id = '${id}', ${assignments.join(', ')});`,
          { as: ADMIN }
        );
        if (!outcome.success)
          return send(res, 400, { message: outcome.compileProblem ?? outcome.exceptionMessage });
        await demo.world.drain();
        return send(res, 200, { ok: true });
      }
      if (url.pathname === '/api/events') {
        const channel = url.searchParams.get('channel') ?? '';
        const eventType = channel.replace(/^\/event\//, '');
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-cache',
          connection: 'keep-alive'
        });
        res.write(': subscribed\n\n');
        org.subscribe(eventType, (events) => {
          for (const event of events) {
            const payload = Object.fromEntries(
              event
                .populated()
                .map(([name, value]) => [
                  name,
                  value === null ? null : isNaN(Number(value)) ? String(value) : Number(value)
                ])
            );
            res.write(
              `data: ${JSON.stringify({ channel, data: { payload, event: { replayId: Date.now() } } })}\n\n`
            );
          }
        });
        return;
      }
      send(res, 404, { message: `Unknown demo API ${url.pathname}` });
    } catch (error) {
      const status = error instanceof ApexCallError ? 400 : 500;
      send(res, status, { message: (error as Error).message });
    }
  };
}

async function main(): Promise<number> {
  const anyway = process.argv.includes('--anyway');
  const started = Date.now();
  console.log('S2S Sync demo: starting the Sales and Service local orgs with the package...');
  const demo = await createOrgs(ROOT);
  const problems = demo.problems.map((problem) => `compile: ${problem}`);
  try {
    await seed(demo);
    problems.push(...(await selfCheck(ROOT, demo)));
  } catch (error) {
    problems.push(`seeding the demo orgs: ${(error as Error).message.split('\n')[0]}`);
  }
  let notReady: string | null = null;
  if (problems.length > 0) {
    notReady =
      `The local org cannot run the S2S Sync package end to end yet (${problems.length} problems):\n  ` +
      problems.slice(0, 8).join('\n  ') +
      '\nThe demo answers Apex only by running the package in the local orgs, so it does not serve the admin UI until these are fixed in localorg/.';
    console.error(notReady);
    if (!anyway) {
      console.error(
        'npm start: not started. (`npm start -- --anyway` serves the page all the same, for UI work: every Apex call still runs in the local orgs, and fails where they fall short.)'
      );
      return 1;
    }
  }
  await buildDemo();
  const server = http.createServer(createHandler(demo, notReady));
  const listening = await new Promise<boolean>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') {
        reject(error);
        return;
      }
      console.error(
        `npm start: port ${PORT} is already in use. Stop what uses it, or choose another: PORT=3001 npm start`
      );
      resolve(false);
    });
    server.listen(PORT, () => resolve(true));
  });
  if (!listening) return 1;
  console.log(
    `S2S Sync demo ready in ${((Date.now() - started) / 1000).toFixed(1)} s: http://localhost:${PORT}/  (orgs: Sales, Service; ?org=Service to switch)`
  );
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (error: Error) => {
    console.error(`npm start failed: ${error.stack ?? error.message}`);
    process.exit(1);
  }
);
