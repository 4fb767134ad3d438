// @ts-check
// Import cycles among the TypeScript files of a folder, type-only imports included (STYLE.md: "no
// import cycles, type-only ones included"). Hand-written over the TypeScript compiler API, which
// the project already depends on, because node_modules is shared between worktrees and a new
// devDependency (madge, dependency-cruiser) would pull dozens of packages for ~80 lines of graph
// walking. Used by the "tsc" step for localorg/src.
//   node scripts/lib/import-cycles.mjs localorg/src
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
/** @type {typeof import('typescript')} */
const ts = require('typescript');

/**
 * Every relative module a file names: import/export declarations (type-only too), `import('x')`
 * calls and `import('x').T` types.
 * @param {string} file absolute path
 * @returns {string[]} specifiers as written
 */
function specifiers(file) {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  /** @type {string[]} */
  const out = [];
  /** @param {import('typescript').Node} node */
  const visit = (node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      out.push(node.moduleSpecifier.text);
    else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    )
      out.push(node.argument.literal.text);
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0])
    )
      out.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out.filter((s) => s.startsWith('.'));
}

/**
 * @param {string} dir absolute path
 * @returns {string[]} absolute paths of the .ts files under dir
 */
function tsFiles(dir) {
  /** @type {string[]} */
  const out = [];
  // A plain walk: `readdirSync(..., { recursive: true })` names the parent differently across Node 20.x.
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/**
 * The import cycles among the files under `dir`: one entry per strongly connected component,
 * listed as a path that walks it (`a.ts → b.ts → a.ts`, then how many more files it holds),
 * relative to `root`.
 * @param {string} root
 * @param {string} dir relative to root
 * @returns {string[]}
 */
export function findImportCycles(root, dir) {
  const files = tsFiles(path.join(root, dir));
  const known = new Set(files);
  /** @type {Map<string, string[]>} */
  const edges = new Map();
  for (const f of files) {
    const targets = specifiers(f)
      .map((s) => path.resolve(path.dirname(f), s.replace(/\.js$/, '.ts')))
      .filter((t) => known.has(t));
    edges.set(f, [...new Set(targets)]);
  }
  // Tarjan's strongly connected components, iterative enough for a few hundred files.
  let counter = 0;
  /** @type {Map<string, number>} */
  const index = new Map();
  /** @type {Map<string, number>} */
  const low = new Map();
  /** @type {string[]} */
  const stack = [];
  const onStack = new Set();
  /** @type {string[][]} */
  const components = [];
  /** @param {string} v */
  const strongConnect = (v) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        strongConnect(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      /** @type {string[]} */
      const comp = [];
      let w;
      do {
        w = /** @type {string} */ (stack.pop());
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (edges.get(v) ?? []).includes(v)) components.push(comp);
    }
  };
  for (const f of [...files].sort()) if (!index.has(f)) strongConnect(f);
  const rel = (/** @type {string} */ f) => path.relative(root, f).split(path.sep).join('/');
  return components.map((comp) => {
    // A readable witness: the shortest way back to the first file, by breadth-first search.
    const members = new Set(comp);
    const start = [...comp].sort()[0];
    /** @type {Map<string, string>} */
    const prev = new Map();
    const queue = [start];
    let end = start;
    search: while (queue.length) {
      const v = /** @type {string} */ (queue.shift());
      for (const w of edges.get(v) ?? []) {
        if (!members.has(w)) continue;
        if (w === start) {
          end = v;
          break search;
        }
        if (!prev.has(w)) {
          prev.set(w, v);
          queue.push(w);
        }
      }
    }
    const walk = [start];
    for (let v = end; v !== start; v = /** @type {string} */ (prev.get(v))) walk.splice(1, 0, v);
    walk.push(start);
    const others = comp.length - (walk.length - 1);
    const more = others > 0 ? ` (and ${others} more files in this cycle)` : '';
    return walk.map(rel).join(' → ') + more;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const cycles = findImportCycles(root, process.argv[2] ?? 'localorg/src');
  for (const c of cycles) console.log(c);
  console.log(`${cycles.length} import cycles`);
  process.exitCode = cycles.length ? 1 : 0;
}
