// @ts-check
// Every SLDS icon the LWC name (icon-name="utility:x" in templates, 'standard:y' in TypeScript)
// exists in the installed Salesforce Lightning Design System: an unknown name renders blank in
// lightning-icon and lightning-button-icon, silently. Names are checked against the svg files of
// @salesforce-ux/design-system (assets/icons/<category>/<name>.svg), the same icons the org serves.
import fs from 'node:fs';
import path from 'node:path';
import { listFiles } from '../lib/files.mjs';

const ICON = /\b(utility|standard|action|doctype|custom):([a-z0-9_]+)\b/g;
// where an icon name is written: an attribute in a template, a string literal in code
const HTML_ICON = /icon-name="([^"{]+)"/g;
const CODE_ICON = /['"`]((?:utility|standard|action|doctype|custom):[a-z0-9_]+)['"`]/g;

/**
 * @param {string} root project root
 * @returns {{ icons: number, problems: string[] }}
 */
export function checkSldsIcons(root) {
  const iconsDir = path.join(
    root,
    'node_modules',
    '@salesforce-ux',
    'design-system',
    'assets',
    'icons'
  );
  if (!fs.existsSync(iconsDir)) {
    return {
      icons: 0,
      problems: [`${path.relative(root, iconsDir)} is missing (npm ci installs it)`]
    };
  }
  /** @type {string[]} */
  const problems = [];
  let icons = 0;
  const files = listFiles(root, 'force-app').filter(
    (f) => f.includes('/lwc/') && /\.(html|ts)$/.test(f) && !f.includes('/__tests__/')
  );
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const pattern = file.endsWith('.html') ? HTML_ICON : CODE_ICON;
    for (const match of text.matchAll(pattern)) {
      for (const [name, category, icon] of match[1].matchAll(ICON)) {
        icons++;
        if (!fs.existsSync(path.join(iconsDir, category, `${icon}.svg`))) {
          const line = text.slice(0, match.index).split('\n').length;
          problems.push(`${file}:${line}: SLDS has no icon ${name} (it would render blank)`);
        }
      }
    }
  }
  return { icons, problems };
}
