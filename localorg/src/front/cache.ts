/**
 * On-disk cache of parsed ASTs, keyed by a hash of the source text. ANTLR's first parse of a
 * package is slow (its prediction DFA warms up per process: ~1.5 ms per line cold against ~0.1 warm),
 * so a cold start reuses the ASTs of unchanged files. Set LOCALORG_NO_AST_CACHE=1 to bypass.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the AST shape or the front end changes. */
const AST_VERSION = '3';
const dir = join(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../node_modules/.cache/localorg-ast'
);

function replacer(_k: string, v: unknown): unknown {
  if (v instanceof Map) return { $map: [...v.entries()] };
  if (v instanceof Set) return { $set: [...v] };
  if (typeof v === 'bigint') return { $big: v.toString() };
  return v;
}

function reviver(_k: string, v: unknown): unknown {
  if (v && typeof v === 'object') {
    const o = v as { $map?: [unknown, unknown][]; $set?: unknown[]; $big?: string };
    if (o.$map) return new Map(o.$map);
    if (o.$set) return new Set(o.$set);
    if (o.$big !== undefined) return BigInt(o.$big);
  }
  return v;
}

export function cached<T>(kind: string, text: string, parse: (text: string) => T): T {
  if (process.env.LOCALORG_NO_AST_CACHE) return parse(text);
  const key = createHash('sha1').update(`${AST_VERSION}\0${kind}\0${text}`).digest('hex');
  const file = join(dir, `${key}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'), reviver) as T;
  } catch {
    // not cached yet
  }
  const ast = parse(text);
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(ast, replacer));
    renameSync(tmp, file);
  } catch {
    // A read-only tree just means no cache.
  }
  return ast;
}
