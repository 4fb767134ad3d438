/**
 * On-disk cache of parsed ASTs, keyed by a hash of the source text. ANTLR's first parse of a
 * package is slow (its prediction DFA warms up per process: ~1.5 ms per line cold against ~0.1 warm),
 * so a cold start reuses the ASTs of unchanged files. It lives in the user's cache folder, so it
 * outlives `npm ci` and is shared by every checkout: $LOCALORG_CACHE_DIR, else
 * $XDG_CACHE_HOME/localorg (~/.cache/localorg without it). Set LOCALORG_NO_AST_CACHE=1 to bypass.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Bump when the AST shape or the front end changes. */
const AST_VERSION = '6';

/** The folder of the AST cache (read once per process). */
export function astCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.LOCALORG_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'localorg');
  return join(base, 'ast');
}
const dir = astCacheDir();

function replacer(_k: string, v: unknown): unknown {
  if (v instanceof Map) return { $map: [...v.entries()] };
  if (v instanceof Set) return { $set: [...v] };
  if (typeof v === 'bigint') return { $big: v.toString() };
  return v;
}

/**
 * Undoes `replacer` in one pass after a plain JSON.parse, children first as a JSON.parse reviver
 * would; about twice as fast as passing a reviver, which matters on a cold start.
 */
function revive(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = revive(v[i]);
    return v;
  }
  const o = v as Record<string, unknown> & { $map?: unknown; $set?: unknown; $big?: string };
  if (o.$map) return new Map(revive(o.$map) as [unknown, unknown][]);
  if (o.$set) return new Set(revive(o.$set) as unknown[]);
  if (o.$big !== undefined) return BigInt(o.$big);
  for (const k in o) o[k] = revive(o[k]);
  return o;
}

export function cached<T>(kind: string, text: string, parse: (text: string) => T): T {
  if (process.env.LOCALORG_NO_AST_CACHE) return parse(text);
  const key = createHash('sha1').update(`${AST_VERSION}\0${kind}\0${text}`).digest('hex');
  const file = join(dir, `${key}.json`);
  try {
    return revive(JSON.parse(readFileSync(file, 'utf8'))) as T;
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
