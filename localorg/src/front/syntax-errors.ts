import type { ParseError } from './ast.js';

/** The syntax errors of one source text (line, column, message), as the parser reports them. */
export class SyntaxErrors extends Error {
  constructor(readonly errors: ParseError[]) {
    super(errors.map((e) => `line ${e.line}:${e.column} ${e.message}`).join('; '));
  }
}
