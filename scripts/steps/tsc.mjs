// @ts-check
// Step "tsc": strict type check, no emit, of the LWC components (tsconfig.json), the Node tooling
// (tsconfig.tooling.json) and every top-level folder with its own tsconfig.json, e.g. localorg/
// (owned by the local-org team). Also: no import cycle in localorg/src, type-only imports included
// (lib/import-cycles.mjs), since the local org's layers must point one way.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { run } from '../lib/exec.mjs';
import { listFiles, lwcSources } from '../lib/files.mjs';
import { findImportCycles } from '../lib/import-cycles.mjs';

const TSC_ERROR = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

/**
 * Writes build/tsconfig.lwc.json: the root LWC config plus one `c/<name>` path per component
 * bundle, because a paths pattern cannot express lwc/<name>/<name>.ts.
 * @param {string} root
 * @returns {string} the generated config's path
 */
export function writeLwcConfig(root) {
  /** @type {Record<string, string[]>} */
  const paths = {};
  for (const file of lwcSources(root)) {
    const match = /\/lwc\/([^/]+)\/\1\.(ts|js)$/.exec(file);
    if (match) paths[`c/${match[1]}`] = [file];
  }
  for (const file of listFiles(root, 'force-app/tests/jest-mocks')) {
    const match = /^force-app\/tests\/jest-mocks\/(.+)\.(ts|js)$/.exec(file);
    if (match && !file.endsWith('.d.ts')) paths[match[1]] = [file];
  }
  const config = {
    extends: '../tsconfig.json',
    compilerOptions: { baseUrl: '..', paths }
  };
  const out = path.join(root, 'build', 'tsconfig.lwc.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(config, null, 2) + '\n');
  return out;
}

/**
 * @param {string} root
 * @param {string} tscPath
 * @param {string} project
 * @returns {Promise<string[]>} problems
 */
async function typecheck(root, tscPath, project) {
  const res = await run(
    process.execPath,
    [tscPath, '--noEmit', '--pretty', 'false', '-p', project],
    {
      cwd: root
    }
  );
  if (res.code === 0) return [];
  /** @type {string[]} */
  const problems = [];
  for (const line of (res.stdout + res.stderr).split('\n')) {
    const m = TSC_ERROR.exec(line.trim());
    if (m) {
      const file = path.relative(root, path.resolve(root, m[1])).split(path.sep).join('/');
      problems.push(`${file}:${m[2]}:${m[3]}: ${m[4]}: ${m[5]}`);
    } else if (/error TS\d+/.test(line)) {
      problems.push(`${path.relative(root, project)}: ${line.trim()}`);
    }
  }
  return problems.length ? problems : [`${project}: tsc exited ${res.code}: ${res.stdout.trim()}`];
}

/** @type {import('../lib/step.mjs').Step} */
export default {
  name: 'tsc',
  title: 'TypeScript strict (LWC, tooling, local org, ...)',
  async run({ root }) {
    const require = createRequire(path.join(root, 'package.json'));
    const tscPath = require.resolve('typescript/bin/tsc');
    /** @type {{ label: string, project: string }[]} */
    const projects = [];
    if (lwcSources(root).some((f) => f.endsWith('.ts'))) {
      projects.push({ label: 'LWC', project: writeLwcConfig(root) });
    }
    projects.push({ label: 'tooling', project: path.join(root, 'tsconfig.tooling.json') });
    // Each top-level folder with its own tsconfig.json (the local org, the demo...) is a project.
    for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
      const config = path.join(root, entry.name, 'tsconfig.json');
      if (!entry.isDirectory() || entry.name === 'node_modules' || !fs.existsSync(config)) continue;
      if (listFiles(root, entry.name).some((f) => f.endsWith('.ts'))) {
        projects.push({ label: entry.name, project: config });
      }
    }
    // Two cores: the projects are checked side by side.
    const results = await Promise.all(projects.map((p) => typecheck(root, tscPath, p.project)));
    const problems = results.flat();
    if (fs.existsSync(path.join(root, 'localorg', 'src'))) {
      for (const cycle of findImportCycles(root, 'localorg/src'))
        problems.push(`${cycle.split(' ')[0]}:1:1: import-cycle: ${cycle}`);
    }
    const labels = projects.map((p) => p.label).join(', ');
    const noLwc = projects.some((p) => p.label === 'LWC') ? '' : ' (no LWC TypeScript yet)';
    return problems.length
      ? {
          ok: false,
          summary: `${labels}: ${problems.length} type errors or import cycles`,
          problems
        }
      : { ok: true, summary: `${labels}: 0 type errors, no import cycle${noLwc}` };
  }
};
