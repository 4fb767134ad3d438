/**
 * System.JSON, JSONGenerator and JSONParser: one file per class, over a shared serializer,
 * tokenizer and deserializer.
 */
import type { BuiltinClass } from '../../runtime/builtins.js';
import { jsonClassDefs } from './json.js';
import { generatorClasses } from './generator.js';
import { parserClasses } from './parser.js';

// In the order they were always registered: a later class's name or alias wins.
export const jsonClasses: readonly BuiltinClass[] = [
  ...jsonClassDefs,
  ...generatorClasses,
  ...parserClasses
];
