// @ts-check
// Runs a child process and collects its output; the gate never inherits a child's stdio so that
// each step prints one summary line.
import { spawn } from 'node:child_process';

/** Environment for every `sf` call: no telemetry, no update checks (they wait on the network). */
export const SF_ENV = {
  SF_DISABLE_TELEMETRY: 'true',
  SF_AUTOUPDATE_DISABLE: 'true',
  SF_SKIP_NEW_VERSION_CHECK: 'true'
};

/**
 * @typedef {{ code: number, stdout: string, stderr: string }} ExecResult
 */

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env?: Record<string, string> }} options
 * @returns {Promise<ExecResult>}
 */
export function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    /** @type {Buffer[]} */
    const out = [];
    /** @type {Buffer[]} */
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8')
      })
    );
  });
}

/**
 * The last `count` non-empty lines of a text, for failure messages.
 * @param {string} text
 * @param {number} count
 * @returns {string[]}
 */
export function tail(text, count) {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-count);
}
