// @ts-check
// The file size limits of a mapping (docs/configuration.md, Files) are written twice, in Apex
// (S2SFileLimits, which enforces them) and in the mapping editor (s2sMappingModel/schema.ts, which
// has no Apex call to read them from): both give the same default and ceiling.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './project-copy.mjs';

/** @param {string} file @param {RegExp} pattern */
function number(file, pattern) {
  const match = pattern.exec(fs.readFileSync(path.join(ROOT, file), 'utf8'));
  assert.ok(match, `${pattern} not found in ${file}`);
  return Number(match[1]);
}

const APEX = 'force-app/main/mapping/classes/S2SFileLimits.cls';
const LWC = 'force-app/main/admin-ui/lwc/s2sMappingModel/schema.ts';

test('the Apex and the mapping editor give the same file size default and ceiling', () => {
  assert.equal(
    number(LWC, /FILE_SIZE_DEFAULT_KB = (\d+);/),
    number(APEX, /static final Integer DEFAULT_KB = (\d+);/)
  );
  assert.equal(
    number(LWC, /FILE_SIZE_CEILING_KB = (\d+);/),
    number(APEX, /static final Integer CEILING_KB = (\d+);/)
  );
});
