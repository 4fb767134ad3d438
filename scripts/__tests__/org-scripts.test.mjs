// @ts-check
// The real-org scripts cannot run offline; the metadata step checks that each parses (bash -n) and
// calls sf with flags the CLI documents for the command (scripts/lib/org-scripts.mjs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { checkOrgScripts, checkSfCalls } from '../lib/org-scripts.mjs';
import { ROOT } from './project-copy.mjs';

test('every script of scripts/org parses and uses documented sf flags', () => {
  const { scripts, problems } = checkOrgScripts(ROOT);
  assert.ok(scripts >= 6, `scripts found: ${scripts}`);
  assert.deepEqual(problems, []);
});

test('an undocumented flag, across continuation lines, is named with its command', () => {
  const text =
    '"$SF" package version create \\\n  --package "S2S Sync" \\\n  --coverage \\\n  --wait 60\n';
  assert.deepEqual(checkSfCalls('x.sh', text), [
    'x.sh: sf package version create: --coverage is not a documented flag of this command'
  ]);
  assert.deepEqual(checkSfCalls('x.sh', 'if [[ ! -x "$SF" ]]; then exit 1; fi\n'), []);
  assert.match(
    checkSfCalls('x.sh', '"$SF" org frobnicate --x\n')[0],
    /a command the check does not know/
  );
});

test('a script that does not parse is reported by bash -n', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'org-scripts-'));
  fs.mkdirSync(path.join(root, 'scripts', 'org'), { recursive: true });
  fs.writeFileSync(path.join(root, 'scripts', 'org', 'broken.sh'), 'if true; then\n  echo x\n');
  const { problems } = checkOrgScripts(root);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^scripts\/org\/broken\.sh: bash -n: .*syntax error/);
});
