// @ts-check
// Step "format": prettier --check, with prettier-plugin-apex parsing every Apex file (so an Apex
// syntax error fails here, with its line), then TS/JS/HTML/CSS/JSON/Markdown.
import fs from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import { listFiles } from '../lib/files.mjs';
import { apexSyntaxErrors } from '../lib/apex-syntax.mjs';

const CHECKED = /\.(cls|trigger|apex|ts|mjs|cjs|js|html|css|json|md)$/;

/**
 * The first line where `actual` and `expected` differ (1-based).
 * @param {string} actual
 * @param {string} expected
 * @returns {number}
 */
function firstDifferentLine(actual, expected) {
  const a = actual.split('\n');
  const b = expected.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i + 1;
}

/**
 * @param {unknown} error
 * @returns {{ line: number, column: number, message: string }}
 */
function syntaxLocation(error) {
  const e =
    /** @type {{ loc?: { start?: { line?: number, column?: number } }, message?: string }} */ (
      error
    );
  const message = String(e.message ?? error)
    .split('\n')[0]
    .replace(/\s*\(\d+:\d+\)$/, '');
  return { line: e.loc?.start?.line ?? 1, column: e.loc?.start?.column ?? 1, message };
}

/** @type {import('../lib/step.mjs').Step} */
export default {
  name: 'format',
  title: 'prettier (+ Apex syntax)',
  async run({ root }) {
    const ignorePath = path.join(root, '.prettierignore');
    const files = listFiles(root).filter((f) => CHECKED.test(f));
    /** @type {string[]} */
    const problems = [];
    let checked = 0;
    let apex = 0;
    /** @param {string} file */
    const checkFile = async (file) => {
      const abs = path.join(root, file);
      const info = await prettier.getFileInfo(abs, { ignorePath, resolveConfig: true });
      if (info.ignored || !info.inferredParser) return;
      const options = { ...(await prettier.resolveConfig(abs)), filepath: abs };
      const source = await fs.readFile(abs, 'utf8');
      const isApex = /\.(cls|trigger|apex)$/.test(file);
      checked++;
      if (isApex) apex++;
      try {
        // One parse per file: format, then compare (what --check does, plus the first changed line).
        const formatted = await prettier.format(source, options);
        if (formatted === source) return;
        const line = firstDifferentLine(source, formatted);
        problems.push(
          `${file}:${line}:1: prettier/format: not formatted (run: npx prettier --write ${file})`
        );
      } catch (error) {
        const located = isApex ? apexSyntaxErrors(source, file.endsWith('.apex')) : [];
        if (located.length) {
          for (const e of located)
            problems.push(`${file}:${e.line}:${e.column}: apex/syntax: ${e.message}`);
        } else {
          const loc = syntaxLocation(error);
          const rule = isApex ? 'apex/syntax' : 'prettier/syntax';
          problems.push(`${file}:${loc.line}:${loc.column}: ${rule}: ${loc.message}`);
        }
      }
    };
    // The Apex parser runs as a child process per file: a few files are checked side by side.
    const queue = [...files];
    const worker = async () => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift())
        await checkFile(file);
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    problems.sort();
    const summary = `${checked} files (${apex} Apex)`;
    return problems.length
      ? { ok: false, summary: `${summary}, ${problems.length} not clean`, problems }
      : { ok: true, summary: `${summary} formatted, Apex parses` };
  }
};
