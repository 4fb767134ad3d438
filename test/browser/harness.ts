// Shared harness of the browser tests: starts the local demo (npm start's script) on a port of its
// own, opens Debian's Chromium through playwright-core, and hands each walkthrough a page. Every
// walkthrough file (one per persona or flow) runs through `walkThroughDemo`, so starting, skipping
// without Chromium, screenshots and clean-up are written once.
// Screenshots go to a temporary folder, or to docs/screenshots/ (the README's) with
// S2S_SCREENSHOTS=1 (`npm run screenshots`), so a test run never rewrites tracked files.
// S2S_DEMO_ANYWAY=1 runs against `npm start -- --anyway` (for work on the UI).
// Each walkthrough's demo keeps its saved state in a temporary cache folder of its own
// (XDG_CACHE_HOME), never in the user's, and starts with `--fresh` unless told otherwise.
// S2S_NAMESPACE=s2s runs the demo's orgs with the package installed under that namespace, as a
// subscriber org holds it (demo/world.ts; the gate's namespaced pass runs demo.test.ts so).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = process.env.S2S_SCREENSHOTS
  ? path.join(ROOT, 'docs', 'screenshots')
  : fs.mkdtempSync(path.join(os.tmpdir(), 's2s-screenshots-'));
const START_TIMEOUT_MS = 8 * 60_000;
/** The namespace the demo's orgs run the package under ('' for none): S2S_NAMESPACE. */
export const NAMESPACE = (process.env.S2S_NAMESPACE ?? '').trim();

type Started = { url: string; child: ChildProcess } | { refused: string };

/** Runs npm start's script; resolves once it serves, or with its own words when it refuses. */
function startDemo(port: number, extraArgs: string[], cacheHome: string): Promise<Started> {
  const args = [
    path.join(ROOT, 'scripts', 'start.mjs'),
    ...(process.env.S2S_DEMO_ANYWAY ? ['--anyway'] : []),
    ...extraArgs
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      XDG_CACHE_HOME: cacheHome,
      // The parse cache (keyed by source content) stays the user's: only the demo's state is apart.
      LOCALORG_CACHE_DIR:
        process.env.LOCALORG_CACHE_DIR ||
        path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'localorg'),
      S2S_NAMESPACE: NAMESPACE
    }
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`npm start did not serve within ${START_TIMEOUT_MS / 1000} s:\n${output}`));
    }, START_TIMEOUT_MS);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('S2S Sync demo ready')) {
        clearTimeout(timer);
        resolve({ url: `http://localhost:${port}/`, child });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ refused: `exit ${code}: ${output.trim()}` });
    });
  });
}

/** A port nothing listens on now, chosen by the system (walkthroughs run side by side). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port'))
      );
    });
  });
}

/** Saves a full-page screenshot under the run's screenshot folder. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
}

/** Opens one of the demo's tabs by its visible name. */
export async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
}

export interface Walkthrough {
  page: Page;
  /** The demo's address, e.g. http://localhost:3912/ */
  url: string;
  /**
   * Stops the demo (it saves its state on the way out) and starts it again on the same address
   * with `args` (none: from the saved state; `['--fresh']`: from the seeded orgs). Resolves with
   * the seconds the new start took to serve. `whileStopped` runs between the two (e.g. to edit
   * the saved state file the stop has just written).
   */
  restart(args?: string[], whileStopped?: () => void): Promise<number>;
  /** The saved state file of this walkthrough's demo. */
  stateFile: string;
}

/** Stops a started demo and waits until its process has exited. */
function stopDemo(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Starts the demo and a browser, runs the walkthrough, and asserts the page raised no error.
 * Skips (saying why) only when Chromium is missing; a demo that refuses to start fails.
 * `startArgs` go to npm start (`--fresh`: start from the seeded state, not a saved one).
 */
export async function walkThroughDemo(
  t: TestContext,
  walk: (w: Walkthrough) => Promise<void>,
  startArgs: string[] = ['--fresh']
): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    t.skip(`SKIPPED: Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`);
    return;
  }
  const port = await freePort();
  const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 's2s-demo-cache-'));
  let started = await startDemo(port, startArgs, cacheHome);
  if ('refused' in started) {
    assert.fail(`npm start did not start the demo:\n${started.refused}`);
  }
  const restart = async (args: string[] = [], whileStopped?: () => void): Promise<number> => {
    if ('child' in started) await stopDemo(started.child);
    whileStopped?.();
    const begun = Date.now();
    started = await startDemo(port, args, cacheHome);
    if ('refused' in started) assert.fail(`npm start did not start again:\n${started.refused}`);
    return (Date.now() - begun) / 1000;
  };
  fs.mkdirSync(SHOTS, { recursive: true });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run'
      ]
    });
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
      acceptDownloads: true
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // A platform-event subscription the demo refuses (a channel the org lacks, e.g. an event named
    // without the package's namespace) is a page error too.
    // So is a file of the page that does not load (the SLDS stylesheet or icons, a chunk): Apex
    // calls answer errors on purpose, the page's own files never do.
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      if (pathname === '/api/events' && response.status() !== 200)
        pageErrors.push(`${response.url()}: HTTP ${response.status()}`);
      else if (!pathname.startsWith('/api/') && response.status() >= 400)
        pageErrors.push(`${response.url()}: HTTP ${response.status()}`);
    });
    await walk({
      page,
      url: started.url,
      restart,
      stateFile: path.join(cacheHome, 's2s-sync-demo', 'state.json')
    });
    assert.deepEqual(pageErrors, [], 'the page should raise no error');
  } finally {
    await browser?.close();
    if ('child' in started) await stopDemo(started.child);
    fs.rmSync(cacheHome, { recursive: true, force: true });
  }
}

/** Runs anonymous Apex in a demo org through its test-only hook (S2S_DEMO_TEST_HOOKS=1). */
export async function apexIn(page: Page, url: string, org: string, apex: string): Promise<void> {
  const res = await page.request.post(`${url}api/demo/test/apex?org=${org}`, { data: { apex } });
  assert.equal(res.status(), 200, await res.text());
}

/**
 * The page fits a viewport `width` px wide: nothing scrolls sideways. On failure it names the
 * elements that reach past the right edge (through shadow roots). The page's code is a string, so
 * the tests' compiler needs no DOM types and adds nothing to what the page runs.
 */
export async function assertNoHorizontalOverflow(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.waitForTimeout(300); // charts and layouts redraw on resize
  const overflow = (await page.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth'
  )) as number;
  const culprits =
    overflow <= 0
      ? []
      : ((await page.evaluate(`(() => {
          const found = [];
          const visit = (root) => {
            for (const element of root.querySelectorAll('*')) {
              const box = element.getBoundingClientRect();
              if (box.right > document.documentElement.clientWidth + 1 && found.length < 8)
                found.push(element.tagName.toLowerCase() + '.' + element.className + ' ' + box.right);
              if (element.shadowRoot) visit(element.shadowRoot);
            }
          };
          visit(document);
          return found;
        })()`)) as string[]);
  assert.ok(
    overflow <= 0,
    `${width} px: the page scrolls sideways by ${overflow} px: ${culprits.join(', ')}`
  );
}

/** The data-id (or text) of the element that has the focus, looking through shadow roots. */
export async function focusedElement(page: Page): Promise<string> {
  return String(
    await page.evaluate(`(() => {
      let active = document.activeElement;
      while (active && active.shadowRoot && active.shadowRoot.activeElement)
        active = active.shadowRoot.activeElement;
      const marked = active && active.closest('[data-id]');
      return marked ? marked.getAttribute('data-id') : active && active.textContent;
    })()`)
  );
}
