// @ts-check
// The layer rule of the "check-apex" step (docs/architecture.md#layers) on small stage folders:
// a name in code counts, a name in a comment or a string does not, a folder must have a layer.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { layerViolations } from '../lib/apex-layers.mjs';
import { ROOT } from './project-copy.mjs';

/** @param {Record<string, string>} files path under the stage root → source */
function stages(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's2s-layers-'));
  for (const [file, source] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), source);
  }
  return dir;
}

test('a class naming a class of a higher layer is a violation, naming both', () => {
  const dir = stages({
    'config/classes/TopThing.cls': 'public with sharing class TopThing {}',
    'shared/classes/LowThing.cls':
      'public with sharing class LowThing { public static Object x() { return new TopThing(); } }'
  });
  assert.deepEqual(layerViolations(dir), [
    'shared/classes/LowThing.cls names TopThing of config/, a layer above it'
  ]);
});

test('names in comments and strings, and names downward, are not violations', () => {
  const dir = stages({
    'config/classes/TopThing.cls':
      'public with sharing class TopThing { Object y = new LowThing(); }',
    'shared/classes/LowThing.cls':
      "/** see TopThing */ public with sharing class LowThing { String s = 'TopThing'; }"
  });
  assert.deepEqual(layerViolations(dir), []);
});

test('a stage folder with classes but no layer is reported', () => {
  const dir = stages({ 'elsewhere/classes/Odd.cls': 'public with sharing class Odd {}' });
  assert.match(
    layerViolations(dir).join('\n'),
    /elsewhere\/: a stage folder with classes but no layer/
  );
});

test('the package itself keeps its layers', () => {
  assert.deepEqual(layerViolations(path.join(ROOT, 'force-app', 'main')), []);
});
