#!/usr/bin/env node
// @ts-check
// Generates standard-sobjects.json: every standard SObject and its field names, read from the
// Apex Dev Tools `sobject-types` jar shipped in the Code Analyzer PMD engine (API 65). The metadata
// validator uses it to accept references to standard objects and fields. Needs a JDK's `javap`.
//   node scripts/metadata/generate-standard-sobjects.mjs
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { javaLibDir } from '../lib/java.mjs';

const PREFIX = 'com/nawforce/runforce/SObjects/';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const libDir = javaLibDir(root);
const jar = fs.readdirSync(libDir).find((f) => /^sobject-types-.*\.jar$/.test(f));
if (!jar) throw new Error(`no sobject-types jar in ${libDir}`);
const jarPath = path.join(libDir, jar);

const classes = execFileSync('jar', ['tf', jarPath], { encoding: 'utf8', maxBuffer: 64 << 20 })
  .split('\n')
  .filter((n) => n.startsWith(PREFIX) && n.endsWith('.class') && !n.includes('$'))
  .map((n) => n.slice(0, -'.class'.length).split('/').join('.'));

/** @type {Record<string, string[]>} */
const objects = {};
const BATCH = 400;
for (let i = 0; i < classes.length; i += BATCH) {
  const out = execFileSync('javap', ['-p', '-cp', jarPath, ...classes.slice(i, i + BATCH)], {
    encoding: 'utf8',
    maxBuffer: 256 << 20
  });
  /** @type {string | null} */
  let current = null;
  for (const line of out.split('\n')) {
    const cls = /class com\.nawforce\.runforce\.SObjects\.(\w+)\b/.exec(line);
    if (cls) {
      current = cls[1];
      objects[current] = [];
      continue;
    }
    // Fields: `public <Type> <Name>;`; static members are the SObjectType and Fields tokens, List<>
    // members are child relationships.
    const field =
      /^\s+public (?!static)(?!com\.nawforce\.runforce\.System\.List<)[\w.<>, $]+ (\w+);$/.exec(
        line
      );
    if (current && field) objects[current].push(field[1]);
  }
}
for (const name of Object.keys(objects)) objects[name] = [...new Set(objects[name])].sort();
const sorted = Object.fromEntries(Object.entries(objects).sort(([a], [b]) => a.localeCompare(b)));
const out = path.join(root, 'scripts', 'metadata', 'standard-sobjects.json');
fs.writeFileSync(out, JSON.stringify({ source: jar, objects: sorted }) + '\n');
console.log(
  `${Object.keys(sorted).length} standard objects from ${jar} -> ${path.relative(root, out)}`
);
