// @ts-check
// The metadata step's check of SLDS icon names: a name SLDS does not have is named with file and
// line; known names, bound names ({icon}) and test files pass.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { checkSldsIcons } from '../metadata/slds-icons.mjs';

/** @param {Record<string, string>} files */
function fixture(files) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 's2s-icons-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

const ICONS = 'node_modules/@salesforce-ux/design-system/assets/icons';

test('an icon SLDS does not have is named with its file and line', () => {
  const root = fixture({
    [`${ICONS}/utility/add.svg`]: '<svg/>',
    [`${ICONS}/standard/user.svg`]: '<svg/>',
    'force-app/main/x/lwc/cmp/cmp.html':
      '<template>\n  <lightning-icon icon-name="utility:add"></lightning-icon>\n  <lightning-button-icon icon-name="utility:compare"></lightning-button-icon>\n  <lightning-icon icon-name={icon}></lightning-icon>\n</template>',
    'force-app/main/x/lwc/cmp/cmp.ts': "const a = 'standard:user';\nconst b = 'standard:nope';\n",
    'force-app/main/x/lwc/cmp/__tests__/cmp.test.ts': "const c = 'utility:not_checked';\n"
  });
  const { icons, problems } = checkSldsIcons(root);
  assert.equal(icons, 4);
  assert.deepEqual(problems, [
    'force-app/main/x/lwc/cmp/cmp.html:3: SLDS has no icon utility:compare (it would render blank)',
    'force-app/main/x/lwc/cmp/cmp.ts:2: SLDS has no icon standard:nope (it would render blank)'
  ]);
});

test('without the design system installed, the check says so', () => {
  const root = fixture({ 'force-app/main/x/lwc/cmp/cmp.html': '<template></template>' });
  assert.match(checkSldsIcons(root).problems[0], /design-system.*missing \(npm ci installs it\)/);
});
