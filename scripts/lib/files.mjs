// @ts-check
// Lists the repository's files for the gate steps, skipping generated and installed folders.
import fs from 'node:fs';
import path from 'node:path';

/** Folders never checked: installed packages, generated output, local state. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  '.git',
  'build',
  'coverage',
  'dist',
  '.sf',
  '.sfdx',
  '.localorg',
  'test-results',
  'tmp'
]);

/**
 * Every file under `dir` (relative to `root`, with forward slashes), skipping SKIPPED_DIRS.
 * @param {string} root
 * @param {string} [dir]
 * @returns {string[]}
 */
export function listFiles(root, dir = '.') {
  const start = path.join(root, dir);
  if (!fs.existsSync(start)) return [];
  /** @type {string[]} */
  const out = [];
  /** @param {string} abs */
  const walk = (abs) => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path.join(abs, entry.name));
      } else if (entry.isFile()) {
        out.push(toPosix(path.relative(root, path.join(abs, entry.name))));
      }
    }
  };
  walk(start);
  return out.sort();
}

/**
 * @param {string} p
 * @returns {string}
 */
export function toPosix(p) {
  return p.split(path.sep).join('/');
}

/**
 * The package directories of sfdx-project.json (e.g. force-app, unpackaged).
 * @param {string} root
 * @returns {string[]}
 */
export function packageDirectories(root) {
  const project = JSON.parse(fs.readFileSync(path.join(root, 'sfdx-project.json'), 'utf8'));
  /** @type {string[]} */
  const dirs = project.packageDirectories.map((/** @type {{ path: string }} */ d) =>
    toPosix(path.normalize(d.path))
  );
  return [...new Set(dirs)];
}

/**
 * Apex sources (classes and triggers) in the given package directories.
 * @param {string} root
 * @param {string[]} dirs
 * @returns {string[]}
 */
export function apexSources(root, dirs) {
  return dirs.flatMap((d) => listFiles(root, d)).filter((f) => /\.(cls|trigger)$/.test(f));
}

/**
 * LWC sources in TypeScript or JavaScript, tests excluded.
 * @param {string} root
 * @returns {string[]}
 */
export function lwcSources(root) {
  return listFiles(root, 'force-app').filter(
    (f) =>
      /\/lwc\/[^/]+\/.+\.(ts|js)$/.test(f) && !f.includes('/__tests__/') && !f.endsWith('.d.ts')
  );
}
