// The demo server: serves the built admin UI (build/demo) and answers its Apex, record and
// platform-event calls from the local orgs of demo/world.ts, as the user the page's switcher chose
// (personas.ts). It refuses to start when the local org cannot run the package: no Apex result is
// ever made up here. The orgs' state is kept between starts in a snapshot file (state.ts).
//   node --import tsx demo/server.ts [--anyway] [--fresh]     (PORT, default 3000)
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Org } from '../localorg/src/platform/index.ts';
import { parseDuration } from '../localorg/src/platform/index.ts';
import {
  ApexCallError,
  callApex,
  createOrgs,
  DEMO_NAMESPACE,
  seed,
  selfCheck,
  type DemoOrgs
} from './world.ts';
import { DEFAULT_PERSONA, PERSONAS, personaNamed } from './personas.ts';
import { DemoState, sourcesHash } from './state.ts';
import { bundleSizes, demoBuildIsCurrent, OUT_DIR, SLDS_ASSETS } from './build.mjs';
import { spawn } from 'node:child_process';

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

/** SLDS's folders, served from its package (demo/build.mjs does not copy them). */
const SLDS_FOLDERS = ['/assets/styles/', '/assets/icons/'];

function serveStatic(res: http.ServerResponse, urlPath: string): void {
  const relative =
    urlPath === '/' ? 'index.html' : path.normalize(urlPath).replace(/^([/\\])+/, '');
  const base = SLDS_FOLDERS.some((folder) => urlPath.startsWith(folder))
    ? path.dirname(SLDS_ASSETS)
    : OUT_DIR;
  const file = path.join(base, relative);
  if (!file.startsWith(base) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    send(res, 404, { message: `Not found: ${urlPath}` });
    return;
  }
  if (DEMO_NAMESPACE && file === path.join(OUT_DIR, 'index.html')) {
    // The package's namespace for the page's schema imports (demo/build.mjs, "schema-names").
    res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-cache' });
    res.end(
      fs
        .readFileSync(file, 'utf8')
        .replace(
          '<script type="module"',
          `<script>globalThis.S2S_DEMO_NAMESPACE = ${JSON.stringify(DEMO_NAMESPACE)};</script>\n    <script type="module"`
        )
    );
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    // Chunks are named by their content hash; SLDS changes only with the package lock.
    'cache-control':
      urlPath.startsWith('/chunks/') || urlPath.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache'
  });
  fs.createReadStream(file).pipe(res);
}

/** What each record screen lists and edits (the seeded mappings sync these fields). */
const RECORD_SCREENS: Record<
  string,
  { prefix: string; fields: { name: string; label: string }[] }
> = {
  Account: {
    prefix: '001',
    fields: [
      { name: 'Name', label: 'Account Name' },
      { name: 'Industry', label: 'Industry' },
      { name: 'Phone', label: 'Phone' }
    ]
  },
  Contact: {
    prefix: '003',
    fields: [
      { name: 'FirstName', label: 'First Name' },
      { name: 'LastName', label: 'Last Name' },
      { name: 'Email', label: 'Email' },
      { name: 'Phone', label: 'Phone' }
    ]
  },
  Lead: {
    prefix: '00Q',
    fields: [
      { name: 'FirstName', label: 'First Name' },
      { name: 'LastName', label: 'Last Name' },
      { name: 'Company', label: 'Company' },
      { name: 'Email', label: 'Email' }
    ]
  }
};

function recordScreen(objectName: unknown): (typeof RECORD_SCREENS)[string] & { object: string } {
  const object = String(objectName ?? 'Account');
  const screen = RECORD_SCREENS[object];
  if (!screen)
    throw new ApexCallError(
      `The demo has no record screen for ${object}: choose one of ${Object.keys(RECORD_SCREENS).join(', ')}`
    );
  return { ...screen, object };
}

/** Plain JS values of the records the user can read (user mode: sharing and field access hold). */
function plain(org: Org, soql: string, as: string): Record<string, unknown>[] {
  const rows = org.query(soql, {}, { as });
  if (typeof rows === 'number') return [];
  return rows.map((row) =>
    Object.fromEntries(
      row.populated().map(([name, value]) => [name, value === null ? null : String(value)])
    )
  );
}

/** An Apex string literal. */
function apexLiteral(value: string | null): string {
  return value === null || value === ''
    ? 'null'
    : `'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function createHandler(demo: DemoOrgs, notReady: string | null, state: DemoState | null) {
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
      let persona;
      try {
        persona = personaNamed(url.searchParams.get('user'));
      } catch (error) {
        return send(res, 404, { message: (error as Error).message });
      }
      const as = persona.username;
      if (url.pathname.startsWith('/api/apex/')) {
        const [className, method] = url.pathname.slice('/api/apex/'.length).split('.');
        try {
          const result = await callApex(
            ROOT,
            demo.world,
            org,
            className,
            method,
            await readJson(req),
            as
          );
          return send(res, 200, { result });
        } finally {
          state?.changed();
        }
      }
      // Test-only (browser walkthroughs, S2S_DEMO_TEST_HOOKS=1): anonymous Apex in the chosen org
      // as the demo admin, e.g. to edit an audit row directly as someone with edit access would.
      if (url.pathname === '/api/demo/test/apex' && process.env.S2S_DEMO_TEST_HOOKS === '1') {
        const { apex } = (await readJson(req)) as { apex?: string };
        const outcome = org.executeAnonymous(String(apex ?? ''), { as: DEFAULT_PERSONA.username });
        await demo.world.drain();
        state?.changed();
        return outcome.success
          ? send(res, 200, { ok: true })
          : send(res, 400, { message: outcome.compileProblem ?? outcome.exceptionMessage });
      }
      if (url.pathname === '/api/demo/orgs') {
        return send(res, 200, {
          orgs: [...demo.orgs.keys()],
          current: orgName,
          users: PERSONAS.map(({ key, label, username, title }) => ({
            key,
            label,
            username,
            title
          })),
          user: persona.key,
          clock: demo.world.clock.now(),
          notReady,
          stateNotSaved: state?.problem ?? null
        });
      }
      if (url.pathname === '/api/demo/records/list') {
        const screen = recordScreen((await readJson(req)).objectName);
        const names = ['Id', 'Name', ...screen.fields.map((field) => field.name)];
        const fields = [...new Set(names)].join(', ');
        return send(res, 200, {
          fields: screen.fields,
          records: plain(org, `SELECT ${fields} FROM ${screen.object} ORDER BY Name LIMIT 50`, as)
        });
      }
      if (url.pathname === '/api/demo/records/update') {
        const { objectName, id, values } = (await readJson(req)) as {
          objectName?: string;
          id: string;
          values: Record<string, string | null>;
        };
        const screen = recordScreen(objectName);
        if (!new RegExp(`^${screen.prefix}\\w{12}(\\w{3})?$`).test(String(id)))
          return send(res, 400, {
            message: `Not a${/^[AEIOU]/.test(screen.object) ? 'n' : ''} ${screen.object} Id: ${id}`
          });
        const editable = new Set(screen.fields.map((field) => field.name));
        const assignments = Object.entries(values ?? {})
          .filter(([field]) => editable.has(field))
          .map(([field, value]) => `${field} = ${apexLiteral(value)}`);
        // A save as the chosen user, in user mode (the user's object and field access hold); the
        // package's capture trigger runs as for a save in Lightning.
        const outcome = org.executeAnonymous(
          `Database.update(new ${screen.object}(Id = '${id}'${assignments.map((a) => `, ${a}`).join('')}), AccessLevel.USER_MODE);`,
          { as }
        );
        await demo.world.drain();
        state?.changed();
        if (!outcome.success)
          return send(res, 400, { message: outcome.compileProblem ?? outcome.exceptionMessage });
        return send(res, 200, { ok: true });
      }
      if (url.pathname === '/api/demo/clock/advance') {
        const { by } = (await readJson(req)) as { by?: string };
        if (by !== '1h' && by !== '1d')
          return send(res, 400, { message: `Advance the clock by 1h or 1d, not ${String(by)}` });
        // Every job that falls due on the way runs at its time, in order; then the clock stands
        // at the target.
        const target = demo.world.clock.now() + parseDuration(by);
        const { steps } = await demo.world.drain({ advanceClock: true, until: target });
        demo.world.clock.set(Math.max(target, demo.world.clock.now()));
        const after = await demo.world.drain();
        state?.changed();
        return send(res, 200, { clock: demo.world.clock.now(), jobs: steps + after.steps });
      }
      if (url.pathname === '/api/events') {
        const channel = url.searchParams.get('channel') ?? '';
        const eventType = channel.replace(/^\/event\//, '');
        // As the platform's streaming API: a channel names an event of the org, by its full name
        // (`/event/s2s__S2S_Batch_Outcome__e` when the package runs under a namespace).
        if (!channel.startsWith('/event/') || !org.schema.get(eventType))
          return send(res, 404, { message: `The channel ${channel} does not exist in ${orgName}` });
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

/**
 * Builds the page in a child process while the orgs are created (two cores: the build and the
 * package's compile run side by side); resolves when it is done, rejects with its output.
 */
function buildInBackground(): Promise<void> {
  if (demoBuildIsCurrent()) {
    console.log(`the admin UI demo build is up to date (${path.relative(ROOT, OUT_DIR)})`);
    return Promise.resolve();
  }
  console.log('building the admin UI page (once per change of its sources)...');
  // A larger young generation, as for the server (scripts/start.mjs): the compile allocates much
  // short-lived data, and this cut a cold build by about a quarter.
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=64', path.join(ROOT, 'demo', 'build.mjs')],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe']
    }
  );
  // A start that fails or is stopped while the page builds stops the build too.
  process.on('exit', () => child.kill());
  let output = '';
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      if (error) reject(error);
      else {
        process.stdout.write(output);
        resolve();
      }
    };
    // The page is in place once the build prints its line; it then writes rollup's cache for the
    // next rebuild, which the server does not wait for.
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/built the admin UI demo in/.test(output)) finish();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => finish(error));
    child.on('exit', (code) => {
      if (code === 0) finish();
      else finish(new Error(`the admin UI demo build failed:\n${output}`));
    });
  });
}

async function main(): Promise<number> {
  const anyway = process.argv.includes('--anyway');
  const fresh = process.argv.includes('--fresh');
  const started = Date.now();
  // A state saved under another namespace (S2S_NAMESPACE) is not this one's.
  const state = new DemoState(
    DEMO_NAMESPACE ? `${sourcesHash(ROOT)} namespace ${DEMO_NAMESPACE}` : sourcesHash(ROOT)
  );
  if (fresh) state.clear();
  const saved = fresh ? null : state.load();
  const built = buildInBackground();
  // Keeps an unhandled rejection away while the orgs are created; awaited below.
  built.catch(() => undefined);
  console.log(
    `S2S Sync demo: starting the Sales and Service local orgs with the package${DEMO_NAMESPACE ? ` installed under the namespace ${DEMO_NAMESPACE}` : ''} (${saved ? `saved state from ${state.file}` : 'seeded state'})...`
  );
  let demo = await createOrgs(ROOT, { start: saved?.clock });
  const problems = demo.problems.map((problem) => `compile: ${problem}`);
  let restored = false;
  if (saved) {
    // The self-check ran when this state was first seeded from these very sources.
    try {
      demo.world.restore(saved);
      restored = true;
    } catch (error) {
      // World.restore is all or nothing, but these orgs' clock starts at the saved time: the orgs
      // are created again and seeded, as with --fresh.
      console.error(
        `the saved state cannot be restored (${(error as Error).message}): starting from the seeded orgs; the file is kept as ${state.setAside()}`
      );
      demo = await createOrgs(ROOT);
    }
  }
  if (!restored) {
    try {
      await seed(demo);
      problems.push(...(await selfCheck(ROOT, demo)));
    } catch (error) {
      problems.push(`seeding the demo orgs: ${(error as Error).message.split('\n')[0]}`);
    }
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
  await built;
  // A state that passed its self-check (or was restored) is saved from now on, and now once, so a
  // --fresh start replaces the old file at once.
  if (problems.length === 0) {
    state.track(demo.world);
    state.save();
  }
  const server = http.createServer(createHandler(demo, notReady, problems.length ? null : state));
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
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (problems.length === 0 && state.save()) console.log(`demo state saved: ${state.file}`);
      process.exit(0);
    });
  }
  const sizes = bundleSizes();
  console.log(
    `S2S Sync demo ready in ${((Date.now() - started) / 1000).toFixed(1)} s: http://localhost:${PORT}/  (orgs: Sales, Service; ?org=Service to switch; users: ${PERSONAS.map((p) => p.key).join(', ')}; page: app.js ${(sizes.entry / 1024).toFixed(0)} KB; state: ${state.file})`
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
