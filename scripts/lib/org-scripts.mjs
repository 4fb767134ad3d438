// @ts-check
// The real-org scripts (scripts/org/*.sh) cannot run here (no machine of the project reaches
// Salesforce), so the gate checks what it can offline: each script parses (`bash -n`), and each
// `"$SF" <command> --flag` uses a flag the Salesforce CLI documents for that command.
// Flags from the Salesforce CLI Command Reference (developer.salesforce.com/docs/platform/
// salesforce-cli-reference): "org create scratch", "project deploy start", "apex run test",
// "org assign permset", "org display", "package create", "package version create",
// "package version promote", "package install". Global flags (--json, --flags-dir) apply to all.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const GLOBAL = ['--json', '--flags-dir'];

/** @type {Record<string, string[]>} documented long flags per command */
export const SF_FLAGS = {
  'org create scratch': [
    '--target-dev-hub',
    '--api-version',
    '--alias',
    '--async',
    '--set-default',
    '--definition-file',
    '--client-id',
    '--no-namespace',
    '--no-track-source',
    '--wait',
    '--duration-days',
    '--edition',
    '--username',
    '--description',
    '--name',
    '--release',
    '--admin-email',
    '--source-org',
    '--snapshot'
  ],
  'project deploy start': [
    '--api-version',
    '--async',
    '--concise',
    '--dry-run',
    '--ignore-conflicts',
    '--ignore-errors',
    '--ignore-warnings',
    '--manifest',
    '--metadata',
    '--metadata-dir',
    '--single-package',
    '--source-dir',
    '--target-org',
    '--tests',
    '--test-level',
    '--verbose',
    '--wait',
    '--purge-on-delete',
    '--pre-destructive-changes',
    '--post-destructive-changes',
    '--coverage-formatters',
    '--junit',
    '--results-dir'
  ],
  'apex run test': [
    '--api-version',
    '--code-coverage',
    '--output-dir',
    '--test-level',
    '--target-org',
    '--result-format',
    '--wait',
    '--synchronous',
    '--class-names',
    '--suite-names',
    '--tests',
    '--detailed-coverage',
    '--concise'
  ],
  'org assign permset': ['--name', '--on-behalf-of', '--target-org', '--api-version'],
  'org display': ['--target-org', '--api-version', '--verbose'],
  'package create': [
    '--target-dev-hub',
    '--api-version',
    '--name',
    '--package-type',
    '--description',
    '--no-namespace',
    '--path',
    '--org-dependent',
    '--error-notification-username'
  ],
  'package version create': [
    '--target-dev-hub',
    '--api-version',
    '--branch',
    '--build-instance',
    '--code-coverage',
    '--definition-file',
    '--installation-key',
    '--installation-key-bypass',
    '--package',
    '--path',
    '--post-install-script',
    '--post-install-url',
    '--releasenotes-url',
    '--skip-ancestor-check',
    '--skip-validation',
    '--async-validation',
    '--tag',
    '--uninstall-script',
    '--version-description',
    '--version-name',
    '--version-number',
    '--wait',
    '--language',
    '--verbose'
  ],
  'package version promote': ['--target-dev-hub', '--api-version', '--package', '--no-prompt'],
  'package install': [
    '--target-org',
    '--api-version',
    '--wait',
    '--installation-key',
    '--publish-wait',
    '--no-prompt',
    '--package',
    '--apex-compile',
    '--security-type',
    '--upgrade-type'
  ]
};

/**
 * Problems of the scripts in scripts/org: syntax (bash -n), unknown sf commands and flags.
 * @param {string} root repository root
 * @returns {{ scripts: number, problems: string[] }}
 */
export function checkOrgScripts(root) {
  const dir = path.join(root, 'scripts', 'org');
  if (!fs.existsSync(dir)) return { scripts: 0, problems: [] };
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sh'))
    .sort();
  /** @type {string[]} */
  const problems = [];
  for (const f of files) {
    const file = path.join(dir, f);
    const rel = path.posix.join('scripts/org', f);
    try {
      execFileSync('bash', ['-n', file], { stdio: 'pipe' });
    } catch (e) {
      const err = /** @type {{ stderr?: Buffer }} */ (e);
      problems.push(`${rel}: bash -n: ${String(err.stderr ?? e).trim()}`);
    }
    problems.push(...checkSfCalls(rel, fs.readFileSync(file, 'utf8')));
  }
  return { scripts: files.length, problems };
}

/**
 * The sf calls of one script, continuation lines joined: `"$SF" a b c --flag ...`.
 * @param {string} rel path for messages
 * @param {string} text script text
 * @returns {string[]}
 */
export function checkSfCalls(rel, text) {
  /** @type {string[]} */
  const problems = [];
  const lines = text.replace(/\\\n\s*/g, ' ').split('\n');
  for (const line of lines) {
    const at = line.indexOf('"$SF" ');
    if (at < 0 || line.trimStart().startsWith('#')) continue;
    const words = line
      .slice(at + 6)
      .split(/\s+/)
      .filter(Boolean);
    if (!/^[a-z]+$/.test(words[0] ?? '')) continue; // "$SF" as a value ([[ -x "$SF" ]]), not a call
    const command = Object.keys(SF_FLAGS)
      .filter((c) => words.slice(0, c.split(' ').length).join(' ') === c)
      .sort((a, b) => b.length - a.length)[0];
    if (!command) {
      problems.push(`${rel}: sf ${words.slice(0, 3).join(' ')}: a command the check does not know`);
      continue;
    }
    for (const w of words) {
      const flag = /^(--[a-z][a-z-]*)/.exec(w)?.[1];
      if (flag && !SF_FLAGS[command].includes(flag) && !GLOBAL.includes(flag)) {
        problems.push(`${rel}: sf ${command}: ${flag} is not a documented flag of this command`);
      }
    }
  }
  return problems;
}
