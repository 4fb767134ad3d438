// @ts-check
// Java and the jars of the Code Analyzer PMD engine (PMD 7 and Apex Dev Tools).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { run } from './exec.mjs';

export const JAVA_INSTALL_HINT = 'apt-get install -y openjdk-17-jre-headless';

/**
 * The folder holding the PMD engine's bundled jars.
 * @param {string} root
 * @returns {string}
 */
export function javaLibDir(root) {
  const require = createRequire(path.join(root, 'package.json'));
  const pkg = require.resolve('@salesforce/code-analyzer-pmd-engine/package.json');
  return path.join(path.dirname(pkg), 'dist', 'java-lib');
}

/**
 * The classpath of every jar in the PMD engine's java-lib folder.
 * @param {string} root
 * @returns {string}
 */
export function javaClasspath(root) {
  const dir = javaLibDir(root);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.jar'))
    .map((f) => path.join(dir, f))
    .join(path.delimiter);
}

/**
 * A problem line when Java is missing, or null when `java -version` runs.
 * @param {string} root
 * @returns {Promise<string | null>}
 */
export async function javaMissing(root) {
  try {
    const res = await run('java', ['-version'], { cwd: root });
    if (res.code === 0) return null;
  } catch {
    // spawn failed: no java on PATH
  }
  return `Java 17 is required by the Apex checkers and is missing. Install it with: ${JAVA_INSTALL_HINT}`;
}
