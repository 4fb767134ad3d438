// npm start: the local demo. Starts a Sales and a Service local org with the package (from the
// state saved by the last run, or seeded: `npm start -- --fresh`), builds the admin UI when its
// sources changed and serves it on http://localhost:$PORT (default 3000). See docs/admin-ui.md.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn(
  process.execPath,
  [
    // A larger young generation: creating the orgs allocates much short-lived data (the benches
    // run with the same flag).
    '--max-semi-space-size=64',
    '--import',
    'tsx',
    path.join(root, 'demo', 'server.ts'),
    ...process.argv.slice(2)
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: process.env
  }
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
