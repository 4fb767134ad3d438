// @ts-check
// The metadata validator sees the same components `sf project convert source` would package:
// converts the project's package directories (offline) and compares package.xml with the
// validator's component list, both ways.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { SF_ENV } from '../lib/exec.mjs';
import { packageDirectories } from '../lib/files.mjs';
import { componentList } from '../metadata/validate.mjs';
import { ROOT } from './project-copy.mjs';

/** Types `sf` lists in package.xml that the validator counts differently or not at all. */
const NOT_COMPARED = new Set([
  // One CustomLabels file becomes one CustomLabel member per label.
  'CustomLabel',
  'CustomLabels'
]);

/**
 * @param {string} file package.xml
 * @returns {string[]} `Type:Member`
 */
function packageMembers(file) {
  const parser = new XMLParser({ isArray: (name) => name === 'types' || name === 'members' });
  const pkg = parser.parse(fs.readFileSync(file, 'utf8')).Package;
  return (pkg.types ?? []).flatMap((/** @type {{ name: string, members: string[] }} */ t) =>
    t.members.map((m) => `${t.name}:${m}`)
  );
}

test('the validator lists the components sf project convert source packages', () => {
  const dirs = packageDirectories(ROOT).filter((d) => fs.existsSync(path.join(ROOT, d)));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 's2s-convert-'));
  try {
    const sfArgs = [
      'project',
      'convert',
      'source',
      '--output-dir',
      path.join(out, 'mdapi'),
      '--json'
    ];
    for (const d of dirs) sfArgs.push('--source-dir', d);
    const res = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'sf'), sfArgs, {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        ...SF_ENV,
        PATH: `${path.join(ROOT, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`
      }
    });
    assert.equal(res.status, 0, `sf project convert source failed: ${res.stdout}${res.stderr}`);
    const packaged = packageMembers(path.join(out, 'mdapi', 'package.xml'))
      .filter((m) => !NOT_COMPARED.has(m.split(':')[0]))
      .sort();
    const validated = componentList(ROOT, dirs)
      .filter((m) => !NOT_COMPARED.has(m.split(':')[0]))
      .sort();
    assert.ok(packaged.length > 0, 'sf packaged nothing');
    assert.deepEqual(
      {
        onlyInValidator: validated.filter((m) => !packaged.includes(m)),
        onlyInSf: packaged.filter((m) => !validated.includes(m))
      },
      { onlyInValidator: [], onlyInSf: [] }
    );
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
