/**
 * Names the Apex compiler refuses for variables, parameters, fields, properties and types, while
 * methods may use them (Apex Developer Guide, "Reserved Keywords"; the compiler enforces a subset of
 * that page's list, e.g. `count`, `date` or `order` stay usable, and refuses these with
 * "Identifier name is reserved: <name>"). The grammar accepts many of them as plain identifiers, so
 * the binder checks them where a name is declared.
 */
import type { Pos } from '../front/ast.js';
import { CompileError } from './errors.js';

const RESERVED = new Set(
  (
    'activate any array autonomous begin bigdecimal bulk byte case cast char collect commit const ' +
    'default desc end exception exit export float goto group having hint import inner int into ' +
    'join loop number object of outer package parallel pragma retrieve rollback short sort super ' +
    'switch synchronized system then this transaction when'
  ).split(' ')
);

/** Statement keywords that can never name a variable or type either. */
const KEYWORDS = new Set(
  'delete for insert merge new select trigger undelete update upsert'.split(' ')
);

/** Throws the platform's compile error when `name` may not be declared as a non-method name. */
export function checkDeclaredName(name: string, pos: Pos): void {
  const lc = name.toLowerCase();
  if (RESERVED.has(lc)) throw new CompileError(pos, `Identifier name is reserved: ${name}`);
  if (KEYWORDS.has(lc)) throw new CompileError(pos, `Identifier cannot be a keyword: ${name}`);
}
