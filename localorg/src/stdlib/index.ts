/**
 * The standard library: one file per platform class family, each listing its classes. The runner
 * registers them into each org's registry (`runner/runner.ts`), so nothing here is shared state.
 */
import type { BuiltinClass, BuiltinRegistry } from '../runtime/builtins.js';
import { collectionClasses } from './collections.js';
import { cryptoClasses } from './crypto.js';
import { datetimeClasses } from './datetime.js';
import { jsonClasses } from './json/index.js';
import { numberClasses } from './numbers.js';
import { patternClasses } from './pattern.js';
import { stringClasses } from './string.js';
import { systemClasses } from './system/index.js';

// In the order the families were always registered: a later family's name or alias wins.
const FAMILIES: readonly (readonly BuiltinClass[])[] = [
  patternClasses,
  numberClasses,
  stringClasses,
  collectionClasses,
  systemClasses,
  datetimeClasses,
  jsonClasses,
  cryptoClasses
];

export function registerStdlib(registry: BuiltinRegistry): BuiltinRegistry {
  for (const family of FAMILIES) for (const c of family) registry.register(c);
  return registry;
}
