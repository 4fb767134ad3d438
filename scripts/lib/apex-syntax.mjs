// @ts-check
// Where an Apex syntax error is. prettier-plugin-apex reports only the message, so the failing file
// is parsed once more by the same native Apex parser (jorje) to read each error's line and column.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * @typedef {{ line: number, column: number, message: string }} SyntaxProblem
 */

/**
 * The native serializer of prettier-plugin-apex for this platform, or null.
 * @returns {string | null}
 */
function serializerPath() {
  const name = `apex-ast-serializer-${process.platform}-${process.arch}`;
  try {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve(`@prettier-apex/${name}/package.json`);
    return path.join(path.dirname(pkg), name);
  } catch {
    return null;
  }
}

/**
 * @param {unknown} node
 * @returns {{ line: number, column: number } | null}
 */
function findLoc(node) {
  if (!node || typeof node !== 'object') return null;
  const o = /** @type {Record<string, unknown>} */ (node);
  const loc = /** @type {{ line?: number, column?: number } | undefined} */ (o.loc);
  if (loc && typeof loc.line === 'number') return { line: loc.line, column: loc.column ?? 1 };
  for (const value of Object.values(o)) {
    const found = findLoc(value);
    if (found) return found;
  }
  return null;
}

/**
 * The syntax errors of an Apex source with their positions ([] when the parser is unavailable).
 * @param {string} source
 * @param {boolean} anonymous true for anonymous Apex (.apex)
 * @returns {SyntaxProblem[]}
 */
export function apexSyntaxErrors(source, anonymous) {
  const bin = serializerPath();
  if (!bin) return [];
  const res = spawnSync(bin, anonymous ? ['-a'] : [], {
    input: source,
    encoding: 'utf8',
    maxBuffer: 256 << 20
  });
  if (res.status !== 0 || !res.stdout) return [];
  const ast = JSON.parse(res.stdout);
  const output = ast['apex.jorje.semantic.compiler.parser.ParserOutput'];
  /** @type {{ message: string }[]} */
  const errors = output?.parseErrors ?? [];
  return errors.map((e) => ({ ...(findLoc(e) ?? { line: 1, column: 1 }), message: e.message }));
}
