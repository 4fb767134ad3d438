/**
 * Cold start: loading the package must not repeat work. The metadata loader looks for a dozen file
 * suffixes; each folder is read once per load. The AST cache gives back exactly what was parsed.
 */
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs, { mkdtempSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadMetadata } from '../../src/platform/schema/metadata.ts';
import { cached } from '../../src/front/cache.ts';
import { PACKAGE } from './helpers.ts';

test('loadMetadata reads each folder of the package once and finds the same files', () => {
  const before = loadMetadata(PACKAGE);
  const reads = new Map<string, number>();
  const real = fs.readdirSync;
  const spy = mock.method(fs, 'readdirSync', (...args: Parameters<typeof real>) => {
    const dir = String(args[0]);
    reads.set(dir, (reads.get(dir) ?? 0) + 1);
    return real(...args);
  });
  syncBuiltinESMExports();
  let after;
  try {
    after = loadMetadata(PACKAGE);
  } finally {
    spy.mock.restore();
    syncBuiltinESMExports();
  }
  assert.ok(reads.size > 10, `the package has many folders (${reads.size} read)`);
  const repeated = [...reads].filter(([, n]) => n > 1);
  assert.deepEqual(repeated, [], 'no folder is read twice in one load');
  assert.deepEqual(after, before, 'the same metadata as before');
  assert.ok(after.apexClasses.length > 10, 'classes found');
});

test('the AST cache gives back Maps, Sets and bigints as parsed', () => {
  const text = `// cache round trip ${mkdtempSync(join(tmpdir(), 'ast-'))}`;
  const ast = {
    modifiers: new Set(['public', 'static']),
    members: new Map<string, unknown>([['a', { value: 10n, flags: new Set<string>() }]]),
    list: [new Map([[1, [new Set([2])]]]), null, 'x'],
    empty: new Map()
  };
  let parses = 0;
  const parse = (): typeof ast => {
    parses++;
    return ast;
  };
  assert.deepEqual(cached('test', text, parse), ast);
  assert.deepEqual(cached('test', text, parse), ast, 'read back from disk');
  assert.equal(parses, 1, 'the second call read the cache');
});
