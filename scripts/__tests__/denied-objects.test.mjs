// @ts-check
// The deny-list of objects (docs/security.md#deny-list-of-objects) is written twice, in Apex
// (S2SDeniedObjects) and in the mapping editor (s2sMappingModel/mappingRules.ts): both lists are the same, and both
// name every object of the package, so a new engine object can never be mapped.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { listFiles } from '../lib/files.mjs';
import { ROOT } from './project-copy.mjs';

/** @param {string} file @param {RegExp} block */
function quoted(file, block) {
  const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const body = block.exec(source)?.[1] ?? '';
  return new Set([...body.matchAll(/'([^']+)'/g)].map((m) => m[1]));
}

const apex = quoted(
  'force-app/main/shared/classes/S2SDeniedObjects.cls',
  /Set<String> NAMES = new Set<String>\{([^}]*)\}/
);
const lwc = quoted(
  'force-app/main/admin-ui/lwc/s2sMappingModel/mappingRules.ts',
  /DENIED_OBJECTS = new Set\(\[([^\]]*)\]\)/
);

test('the Apex and the mapping editor deny the same objects', () => {
  assert.ok(apex.size > 40, `Apex names ${apex.size}`);
  assert.deepEqual([...lwc].sort(), [...apex].sort());
});

test('every object of the package is on the deny-list', () => {
  const objects = listFiles(ROOT, 'force-app')
    .filter((f) => f.endsWith('.object-meta.xml'))
    .map((f) => path.basename(f, '.object-meta.xml'));
  assert.ok(objects.length >= 9, objects.join());
  for (const o of objects) {
    assert.ok(apex.has(o.toLowerCase()), `${o} is missing from S2SDeniedObjects`);
  }
});
