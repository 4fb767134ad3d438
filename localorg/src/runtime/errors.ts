/**
 * The one way to raise an Apex exception from TypeScript (operators, stdlib; platform code goes
 * through `ctx.throwApex`, which lands here): built by the running interpreter, at its current line.
 */
import { ApexThrow, UnsupportedError } from './platform.js';
import { currentRuntime } from './context.js';

/** Exceptions no Apex `catch` block sees (Apex Developer Guide, "Exception Class and Built-In Exceptions"). */
const UNCATCHABLE = new Set(['System.LimitException', 'System.AssertException']);

/** Throws the platform exception `typeName` (e.g. 'System.NullPointerException') with `message`. */
export function throwApex(typeName: string, message: string, data?: unknown): never {
  const ex = currentRuntime().newException(typeName, message);
  if (data !== undefined && ex.exception) ex.exception.data = data;
  throw new ApexThrow(ex, UNCATCHABLE.has(typeName));
}

/** A feature the local org does not implement, located at the current Apex line. */
export function unsupported(feature: string): never {
  throw new UnsupportedError(feature, currentRuntime().currentPos());
}
