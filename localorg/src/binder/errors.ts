/** A compile error at a source position (the platform's wording; the runner reports `line L, column C`). */
import type { Pos } from '../front/ast.js';

export class CompileError extends Error {
  constructor(
    readonly pos: Pos,
    message: string
  ) {
    super(message);
  }
}
