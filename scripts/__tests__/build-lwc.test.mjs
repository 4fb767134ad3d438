// @ts-check
// npm run build:lwc on a tiny fixture component: JavaScript beside the component in build/deploy,
// standard decorators kept for the LWC compiler, no TypeScript or tests deployed, no .js written
// into the source tree.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { copyProject, removeCopy, seed } from './project-copy.mjs';

const BUNDLE = 'force-app/main/gatefixture/lwc/gateCounter';

test('build:lwc compiles a TypeScript component for deploy without touching the sources', () => {
  const root = copyProject();
  try {
    seed(
      root,
      `${BUNDLE}/gateCounter.ts`,
      [
        "import { LightningElement, api } from 'lwc';",
        '',
        'interface Step {',
        '  size: number;',
        '}',
        '',
        'export default class GateCounter extends LightningElement {',
        '  @api count: number = 0;',
        '  step: Step = { size: 2 };',
        '',
        '  get next(): number {',
        '    return this.count + this.step.size;',
        '  }',
        '}',
        ''
      ].join('\n')
    );
    seed(root, `${BUNDLE}/gateCounter.html`, '<template><p>{next}</p></template>\n');
    seed(
      root,
      `${BUNDLE}/gateCounter.js-meta.xml`,
      '<?xml version="1.0" encoding="UTF-8"?>\n<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>65.0</apiVersion>\n    <isExposed>false</isExposed>\n</LightningComponentBundle>\n'
    );
    seed(root, `${BUNDLE}/__tests__/gateCounter.test.ts`, "it('is a test', () => {});\n");

    const res = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-lwc.mjs')], {
      cwd: root,
      encoding: 'utf8'
    });
    assert.equal(res.status, 0, res.stdout + res.stderr);
    assert.match(res.stdout, /build:lwc: \d+ TypeScript files compiled into build\/deploy\//);

    const deployed = path.join(root, 'build', 'deploy', BUNDLE);
    const js = fs.readFileSync(path.join(deployed, 'gateCounter.js'), 'utf8');
    assert.match(
      js,
      /@api\s*\n?\s*count = 0;/,
      'the standard decorator stays for the LWC compiler'
    );
    assert.doesNotMatch(js, /interface Step|: number/, 'types are erased');
    assert.doesNotMatch(js, /__decorate|__esDecorate/, 'decorators are not down-levelled');
    assert.deepEqual(fs.readdirSync(deployed).sort(), [
      'gateCounter.html',
      'gateCounter.js',
      'gateCounter.js-meta.xml'
    ]);
    assert.ok(fs.existsSync(path.join(root, 'build', 'deploy', 'sfdx-project.json')));
    assert.ok(
      !fs.existsSync(path.join(root, BUNDLE, 'gateCounter.js')),
      'no .js in the source tree'
    );
  } finally {
    removeCopy(root);
  }
});

test('build:lwc fails naming the component when the LWC compiler rejects it', () => {
  const root = copyProject();
  try {
    // The LWC compiler rejects a field decorated twice with @api.
    seed(
      root,
      `${BUNDLE}/gateCounter.ts`,
      "import { LightningElement, api } from 'lwc';\nexport default class GateCounter extends LightningElement {\n  @api @api count = 0;\n}\n"
    );
    seed(
      root,
      `${BUNDLE}/gateCounter.js-meta.xml`,
      '<?xml version="1.0" encoding="UTF-8"?>\n<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>65.0</apiVersion>\n    <isExposed>false</isExposed>\n</LightningComponentBundle>\n'
    );
    const res = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-lwc.mjs')], {
      cwd: root,
      encoding: 'utf8'
    });
    assert.equal(res.status, 1, res.stdout + res.stderr);
    assert.match(
      res.stderr,
      /build\/deploy\/force-app\/main\/gatefixture\/lwc\/gateCounter\/gateCounter\.js: the LWC compiler rejects it/
    );
  } finally {
    removeCopy(root);
  }
});
