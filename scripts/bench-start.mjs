// npm run bench:start: how long the local demo takes to serve. Runs `node scripts/start.mjs` twice
// on a port of its own, each time until it prints "S2S Sync demo ready", then stops it:
//   1. a first start: an empty cache folder (XDG_CACHE_HOME: no saved orgs, no parse cache), an
//      empty page build folder (S2S_DEMO_OUT_DIR) and --fresh, as on a new machine after npm ci;
//   2. a restart with the same folders: the saved orgs, the cached compile and the page as built.
// Prints one JSON line: {firstMs, firstCpuMs, restartMs, restartCpuMs, buildMs, appJsBytes, load1,
// restartResumed} (restartResumed false: the sources changed between the starts, see stderr).
// It runs in a copy of a commit (HEAD, or --rev <commit>) taken with `git archive` into a temporary
// folder, with node_modules linked: changes others make to the working tree meanwhile cannot make
// the restart seed or build again, and two commits compare under the same load (--worktree runs in
// the working tree itself).
// CPU is user + system time of every process of the start (the server and the page build, read
// from /proc while they run, plus the reaped children's totals), so a loaded machine shows as wall
// time above CPU time. The folders are temporary and removed at the end (--keep keeps them).
//   node scripts/bench-start.mjs [--rev <commit> | --worktree] [--keep] [--restarts N]
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** What a start reads: the server and the local org, the package, the page's sources. */
const TREE = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.base.json',
  'scripts/start.mjs',
  'demo',
  'localorg',
  'force-app',
  'unpackaged',
  // demo/world.ts reads the namespace helpers of the e2e tests
  'test/e2e'
];
/** Git-ignored files a start needs that npm ci puts in the tree (scripts/vendor-static-resources.mjs). */
const VENDORED = ['force-app/main/admin-ui/staticresources/S2SChartJs.js'];

/** A copy of `rev`'s tree in `dir`, with the working tree's node_modules linked in. */
function checkout(rev, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const present = TREE.filter((entry) => {
    try {
      execFileSync('git', ['cat-file', '-e', `${rev}:${entry}`], { cwd: REPO, stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  const tar = execFileSync('git', ['archive', '--format=tar', rev, ...present], {
    cwd: REPO,
    maxBuffer: 1 << 30
  });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  // node_modules linked entry by entry, all but .cache: a commit that kept its parse cache there
  // (before it moved to the cache folder) starts cold too.
  fs.mkdirSync(path.join(dir, 'node_modules'));
  for (const entry of fs.readdirSync(path.join(REPO, 'node_modules')))
    if (entry !== '.cache')
      fs.symlinkSync(path.join(REPO, 'node_modules', entry), path.join(dir, 'node_modules', entry));
  for (const file of VENDORED)
    if (fs.existsSync(path.join(REPO, file)))
      fs.copyFileSync(path.join(REPO, file), path.join(dir, file));
  return dir;
}

let ROOT = REPO;
const READY = 'S2S Sync demo ready';
const TIMEOUT_MS = 15 * 60_000;
const TICKS = 100; // USER_HZ: /proc times are in clock ticks of 1/100 s on Linux

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** utime+stime and cutime+cstime (reaped children) of a process, in ms; null once it is gone. */
function cpuOf(pid) {
  let stat;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name is in parentheses and may hold spaces: fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
  return {
    ppid: Number(fields[1]),
    own: ((utime + stime) * 1000) / TICKS,
    reaped: ((cutime + cstime) * 1000) / TICKS
  };
}

/** Every live descendant of `root` (and itself), from /proc. */
function tree(root) {
  const parents = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cpu = cpuOf(Number(entry));
    if (cpu) parents.set(Number(entry), cpu.ppid);
  }
  const out = [root];
  for (let i = 0; i < out.length; i++)
    for (const [pid, ppid] of parents) if (ppid === out[i]) out.push(pid);
  return out;
}

/** CPU ms of the whole process tree of `root`: each live process's own time and its reaped children's. */
function treeCpu(root) {
  let total = 0;
  for (const pid of tree(root)) {
    const cpu = cpuOf(pid);
    if (cpu) total += cpu.own + cpu.reaped;
  }
  return total;
}

function start(args, env) {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let output = '';
    let lastCpu = 0;
    // The page build runs as a child that exits before the ready line: sample the tree while it
    // runs, so its time counts even if its parent has not reaped it yet.
    const sampler = setInterval(() => {
      lastCpu = Math.max(lastCpu, treeCpu(child.pid));
    }, 250);
    const timer = setTimeout(() => {
      clearInterval(sampler);
      child.kill('SIGKILL');
      reject(new Error(`no "${READY}" within ${TIMEOUT_MS / 1000} s:\n${output}`));
    }, TIMEOUT_MS);
    let done = false;
    const read = (chunk) => {
      output += chunk.toString();
      if (done || !output.includes(READY)) return;
      done = true;
      const wallMs = performance.now() - began;
      const cpuMs = Math.max(lastCpu, treeCpu(child.pid));
      clearInterval(sampler);
      clearTimeout(timer);
      // SIGTERM: the server saves its state and exits, as when the user stops it.
      child.once('exit', () => resolve({ wallMs, cpuMs, output }));
      child.kill('SIGTERM');
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      if (done) return;
      clearInterval(sampler);
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}) before "${READY}":\n${output}`));
    });
  });
}

async function main() {
  const keep = process.argv.includes('--keep');
  const restartsArg = process.argv.indexOf('--restarts');
  const restarts = restartsArg > 0 ? Number(process.argv[restartsArg + 1]) : 1;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 's2s-bench-start-'));
  const revArg = process.argv.indexOf('--rev');
  const rev = revArg > 0 ? process.argv[revArg + 1] : 'HEAD';
  const worktree = process.argv.includes('--worktree');
  if (!worktree) ROOT = checkout(rev, path.join(work, 'tree'));
  const env = {
    ...process.env,
    PORT: String(await freePort()),
    XDG_CACHE_HOME: path.join(work, 'cache'),
    // The working tree's build/demo is not emptied: the page is built into a folder of the run.
    ...(worktree ? { S2S_DEMO_OUT_DIR: path.join(work, 'demo') } : {})
  };
  delete env.LOCALORG_CACHE_DIR;
  const load1 = os.loadavg()[0];
  try {
    const first = await start(['--fresh'], env);
    const built = /built the admin UI demo in ([\d.]+) s/.exec(first.output);
    let restart = null;
    for (let i = 0; i < restarts; i++) {
      const r = await start([], env);
      if (!restart || r.wallMs < restart.wallMs) restart = r;
    }
    // Another change to the package or the page between the two starts (a shared working tree)
    // makes the restart seed or build again: the line says so rather than report it as a restart.
    const resumed = /saved state from/.test(restart.output);
    const rebuilt = /built the admin UI demo in/.test(restart.output);
    if (!resumed || rebuilt)
      console.error(
        `bench:start: the restart ${resumed ? '' : 'seeded the orgs again '}${rebuilt ? 'rebuilt the page ' : ''}(its sources changed between the two starts)`
      );
    const line = {
      firstMs: Math.round(first.wallMs),
      firstCpuMs: Math.round(first.cpuMs),
      restartMs: Math.round(restart.wallMs),
      restartCpuMs: Math.round(restart.cpuMs),
      buildMs: built ? Math.round(Number(built[1]) * 1000) : null,
      appJsBytes: fs.statSync(
        path.join(env.S2S_DEMO_OUT_DIR ?? path.join(ROOT, 'build', 'demo'), 'app.js')
      ).size,
      load1: Number(load1.toFixed(2)),
      restartResumed: resumed && !rebuilt
    };
    if (process.env.BENCH_VERBOSE) process.stderr.write(`${first.output}---\n${restart.output}`);
    console.log(JSON.stringify(line));
  } finally {
    if (!keep) fs.rmSync(work, { recursive: true, force: true });
    else console.error(`kept ${work}`);
  }
}

main().catch((error) => {
  console.error(`bench:start failed: ${error.message}`);
  process.exit(1);
});
