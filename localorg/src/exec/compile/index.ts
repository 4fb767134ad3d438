/**
 * Compiles a bound method body to JavaScript closures: variables live in frame slots, names are
 * resolved here once (local → field → static/outer/super → type → namespace), never at run time.
 * Statements return a completion code (NORMAL/BREAK/CONTINUE/RETURN) instead of throwing.
 * One file per kind of syntax, layered (base.ts): names, calls, operators, assignments, soql,
 * expressions, statements.
 */
export { MethodCompiler } from './statements.js';
