// @ts-check
// The scratch org definition (config/project-scratch-def.json, issue 13: "The scratch definition
// has only valid settings"): each key of `settings` names a Metadata API Settings type in camel
// case (Salesforce DX Developer Guide, "Scratch Org Settings": the Metadata API's settings types,
// e.g. `lightningExperienceSettings` for LightningExperienceSettings), and each value
// sets that type's fields. Checked against the Metadata API schema the metadata step uses
// (scripts/metadata/schema.mjs, @salesforce/types). A definition sets only what it changes, so
// the type's required elements are not asked for. The old `changeDataCaptureSettings` (no such type:
// scratch org creation failed) is the case it must catch.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { checkAgainstSchema, metadataSchema } from '../metadata/schema.mjs';
import { ROOT } from './project-copy.mjs';

/**
 * The problems of a scratch definition's `settings`, one line each.
 * @param {Record<string, unknown>} settings
 * @returns {string[]}
 */
function settingsProblems(settings) {
  const schema = metadataSchema();
  /** @type {string[]} */
  const problems = [];
  for (const [key, value] of Object.entries(settings)) {
    const type = key[0].toUpperCase() + key.slice(1);
    if (!/Settings$/.test(type) || schema.get(type)?.kind !== 'object') {
      problems.push(`settings.${key}: ${type} is not a Settings type of the Metadata API`);
      continue;
    }
    for (const p of checkAgainstSchema(type, /** @type {Record<string, unknown>} */ (value)))
      if (!/needs </.test(p.message)) problems.push(`settings.${key}: ${p.path}: ${p.message}`);
  }
  return problems;
}

test('config/project-scratch-def.json sets only Metadata API settings types and their fields', () => {
  const def = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'config', 'project-scratch-def.json'), 'utf8')
  );
  assert.ok(def.settings && Object.keys(def.settings).length > 0, 'the definition has settings');
  assert.deepEqual(settingsProblems(def.settings), []);
});

test('a settings key that is no Settings type, or a field the type lacks, is named', () => {
  assert.deepEqual(
    settingsProblems({
      changeDataCaptureSettings: {},
      apexSettings: { enableCompileOnDeploy: false, enableTheMoon: true },
      lightningExperienceSettings: { enableS1DesktopEnabled: 'yes' }
    }),
    [
      'settings.changeDataCaptureSettings: ChangeDataCaptureSettings is not a Settings type of the Metadata API',
      'settings.apexSettings: ApexSettings/enableTheMoon: <enableTheMoon> is not an element of ApexSettings',
      'settings.lightningExperienceSettings: LightningExperienceSettings/enableS1DesktopEnabled: "yes" is not a boolean (true or false)'
    ]
  );
});
