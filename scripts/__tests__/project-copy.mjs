// @ts-check
// A temporary copy of the project for the gate's self-tests: the tracked files plus the working
// gate scripts, with node_modules linked (not copied). The package's and the local org's own
// content is left out: a self-test seeds tiny fixtures, so it neither depends on others' code nor
// spends minutes checking it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { listFiles } from '../lib/files.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Folders holding the project's content (the package, test-only metadata, local org, demo, e2e). */
const CONTENT = ['force-app/', 'unpackaged/', 'localorg/', 'demo/', 'test/'];

/** @returns {string[]} files to copy, relative to ROOT */
function projectFiles() {
  let tracked = [];
  try {
    tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
  } catch {
    tracked = listFiles(ROOT);
  }
  return [...new Set([...tracked, ...listFiles(ROOT, 'scripts')])].filter(
    (f) => !CONTENT.some((dir) => f.startsWith(dir)) && fs.existsSync(path.join(ROOT, f))
  );
}

/**
 * Copies the project into a new temporary directory.
 * @returns {string} the copy's root
 */
export function copyProject() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's2s-gate-'));
  for (const file of projectFiles()) {
    const to = path.join(dir, file);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), to);
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/**
 * Writes a file (creating folders) in the copy.
 * @param {string} root
 * @param {string} file
 * @param {string} content
 */
export function seed(root, file, content) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), content);
}

/**
 * Runs the copy's gate for the given steps.
 * @param {string} root
 * @param {string} steps comma-separated
 * @returns {{ code: number, output: string }}
 */
export function runGate(root, steps) {
  const res = spawnSync(
    process.execPath,
    [path.join(root, 'scripts', 'gate.mjs'), '--only', steps],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' }
    }
  );
  return { code: res.status ?? 1, output: `${res.stdout}${res.stderr}` };
}

/**
 * @param {string} root
 */
export function removeCopy(root) {
  fs.rmSync(root, { recursive: true, force: true });
}

/** The -meta.xml of an Apex class. */
export const CLASS_META = `<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>65.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;
