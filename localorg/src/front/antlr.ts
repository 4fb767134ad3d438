// The ANTLR parser module (apex-parser), loaded on first use; `P` is a live binding the front end
// reads once loadParser() ran.
import { createRequire } from 'node:module';
import type * as ApexParserModule from '@apexdevtools/apex-parser';
import type { ParseError } from './ast.js';

// The parser module loads on first use: a start-up whose ASTs all come from the cache never needs it.
export let P!: typeof ApexParserModule;
export let Collect!: new () => InstanceType<typeof ApexParserModule.ApexErrorListener> & {
  errors: ParseError[];
};

export function loadParser(): void {
  if (P) return;
  P = createRequire(import.meta.url)('@apexdevtools/apex-parser') as typeof ApexParserModule;
  Collect = class extends P.ApexErrorListener {
    errors: ParseError[] = [];
    apexSyntaxError(line: number, column: number, msg: string): void {
      this.errors.push({ line, column: column + 1, message: msg });
    }
  };
}
