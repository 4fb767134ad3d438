#!/usr/bin/env node
// @ts-check
// npm run build:lwc: the deploy directory build/deploy/, a copy of the package directories where
// every LWC written in TypeScript is compiled to JavaScript beside it (ESNext, standard decorators,
// as the LWC compiler expects) and TypeScript sources and Jest tests are left out. The source tree
// never receives a .js file. Each compiled component is then run through the LWC compiler, so a
// component the platform would reject fails here.
//   npm run build:lwc            then: sf project deploy start --source-dir build/deploy/force-app
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { transformSync } from '@lwc/compiler';
import { listFiles, packageDirectories } from './lib/files.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const deployDir = path.join(root, 'build', 'deploy');

/** Compiler options for deployable LWC JavaScript (TOOLCHAIN: ES2022 broke decorators). */
const COMPILER_OPTIONS = {
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.ESNext,
  experimentalDecorators: false,
  useDefineForClassFields: true,
  isolatedModules: true,
  sourceMap: false
};

/**
 * @param {string} file posix path relative to root
 * @returns {boolean}
 */
function isTest(file) {
  return file.includes('/__tests__/');
}

function main() {
  fs.rmSync(deployDir, { recursive: true, force: true });
  const dirs = packageDirectories(root).filter((d) => fs.existsSync(path.join(root, d)));
  let compiled = 0;
  /** @type {string[]} */
  const problems = [];
  for (const file of dirs.flatMap((d) => listFiles(root, d))) {
    if (isTest(file)) continue;
    const to = path.join(deployDir, file);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    const inLwc = /\/lwc\/[^/]+\//.test(file);
    if (inLwc && file.endsWith('.ts') && !file.endsWith('.d.ts')) {
      const source = fs.readFileSync(path.join(root, file), 'utf8');
      const out = ts.transpileModule(source, {
        compilerOptions: COMPILER_OPTIONS,
        fileName: file,
        reportDiagnostics: true
      });
      for (const d of out.diagnostics ?? []) {
        problems.push(`${file}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      }
      fs.writeFileSync(to.replace(/\.ts$/, '.js'), out.outputText);
      compiled++;
    } else if (!file.endsWith('.ts')) {
      fs.copyFileSync(path.join(root, file), to);
    }
  }
  for (const name of ['sfdx-project.json', '.forceignore']) {
    if (fs.existsSync(path.join(root, name)))
      fs.copyFileSync(path.join(root, name), path.join(deployDir, name));
  }
  problems.push(...copyStaticResources());
  problems.push(...checkWithLwcCompiler());
  if (problems.length) {
    for (const p of problems) console.error(`build:lwc: ${p}`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `build:lwc: ${compiled} TypeScript files compiled into ${path.relative(root, deployDir)}/`
  );
}

/**
 * Static resources whose file comes from a devDependency, not from the repository: the
 * .resource-meta.xml is in force-app, the file is copied beside it in the deploy directory.
 * @type {{ meta: string, from: string, file: string }[]}
 */
const STATIC_RESOURCE_FILES = [
  {
    meta: 'force-app/main/admin-ui/staticresources/S2SChartJs.resource-meta.xml',
    from: 'node_modules/chart.js/dist/chart.umd.js',
    file: 'S2SChartJs.js'
  }
];

/** Copies each static resource's file into the deploy directory; a missing one is a problem. */
function copyStaticResources() {
  /** @type {string[]} */
  const problems = [];
  for (const r of STATIC_RESOURCE_FILES) {
    const from = path.join(root, r.from);
    if (!fs.existsSync(from)) {
      problems.push(`${r.meta}: ${r.from} is missing (npm ci installs it)`);
      continue;
    }
    const to = path.join(deployDir, path.dirname(r.meta), r.file);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
  }
  return problems;
}

/**
 * Runs every JavaScript module of every LWC bundle in the deploy directory through the LWC compiler.
 * @returns {string[]} problems
 */
function checkWithLwcCompiler() {
  /** @type {string[]} */
  const problems = [];
  const files = listFiles(deployDir).filter((f) => /\/lwc\/([^/]+)\/[^/]+\.js$/.test(f));
  for (const file of files) {
    const name = /** @type {RegExpExecArray} */ (/\/lwc\/([^/]+)\//.exec(file))[1];
    try {
      transformSync(fs.readFileSync(path.join(deployDir, file), 'utf8'), path.basename(file), {
        name,
        namespace: 'c'
      });
    } catch (error) {
      problems.push(
        `build/deploy/${file}: the LWC compiler rejects it: ${error instanceof Error ? error.message : error}`
      );
    }
  }
  return problems;
}

main();
