// @ts-check
// The package's stage folders depend downward only (docs/architecture.md, "Layers"): a class may
// name classes of its own layer and of the layers below, never above. Identifiers are read with
// the Apex lexer of @apexdevtools/apex-parser, so names inside strings and comments do not count.
// Used by the "check-apex" step for force-app/main.
//   node scripts/lib/apex-layers.mjs force-app/main
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
/** @type {any} */
const apexParser = require('@apexdevtools/apex-parser');

/** Stage folders from the top layer down; folders in one entry share a layer. */
export const LAYERS = [
  ['admin-ui'],
  ['operations'],
  ['config', 'outbox', 'backfill'],
  ['capture', 'dispatch', 'inbound', 'reconcile', 'monitoring'],
  ['mapping', 'transport'],
  ['shared', 'audit']
];

/**
 * @param {string} folder
 * @returns {number} index in LAYERS, or -1
 */
function layerOf(folder) {
  return LAYERS.findIndex((folders) => folders.includes(folder));
}

/**
 * The identifiers of an Apex source, strings and comments left out.
 * @param {string} source
 * @returns {Set<string>} lower-case identifiers
 */
function identifiers(source) {
  const { lexer } = apexParser.ApexParserFactory.createLexerAndParser(source);
  /** @type {Set<string>} */
  const names = new Set();
  for (const token of lexer.getAllTokens()) {
    if (token.type === apexParser.ApexLexer.Identifier) names.add(token.text.toLowerCase());
  }
  return names;
}

/**
 * Every reference from a class to a class of a higher layer, and every stage folder with classes
 * that has no layer.
 * @param {string} dir the folder of the stage folders (force-app/main)
 * @returns {string[]} problems, each naming the files
 */
export function layerViolations(dir) {
  /** @type {Map<string, { folder: string, file: string, name: string }>} */
  const classes = new Map();
  /** @type {string[]} */
  const problems = [];
  for (const folder of fs.readdirSync(dir).sort()) {
    const classDir = path.join(dir, folder, 'classes');
    if (!fs.existsSync(classDir)) continue;
    if (layerOf(folder) < 0) {
      problems.push(
        `${folder}/: a stage folder with classes but no layer (scripts/lib/apex-layers.mjs LAYERS)`
      );
    }
    for (const file of fs.readdirSync(classDir).sort()) {
      if (!file.endsWith('.cls')) continue;
      const name = file.slice(0, -'.cls'.length);
      classes.set(name.toLowerCase(), { folder, file: path.join(classDir, file), name });
    }
  }
  for (const c of classes.values()) {
    const from = layerOf(c.folder);
    if (from < 0) continue;
    for (const id of identifiers(fs.readFileSync(c.file, 'utf8'))) {
      const target = classes.get(id);
      if (!target || target === c) continue;
      const to = layerOf(target.folder);
      if (to >= 0 && to < from) {
        problems.push(
          `${c.folder}/classes/${c.name}.cls names ${target.name} of ${target.folder}/, a layer above it`
        );
      }
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = layerViolations(path.resolve(process.argv[2] ?? 'force-app/main'));
  for (const p of problems) console.log(p);
  console.log(`layers, top down: ${LAYERS.map((l) => l.join('/')).join(' → ')}`);
  console.log(`${problems.length} layer violations`);
  process.exitCode = problems.length ? 1 : 0;
}
