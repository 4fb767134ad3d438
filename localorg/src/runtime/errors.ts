/** Raising Apex exceptions from TypeScript code (operators, stdlib, platform helpers). */
import { ApexThrow, UnsupportedError } from './platform.js';
import { currentInterp } from './context.js';

/** Throws the platform exception `typeName` (e.g. 'System.NullPointerException') with `message`. */
export function throwApex(typeName: string, message: string, data?: unknown): never {
  const interp = currentInterp();
  const ex = interp.newException(typeName, message);
  if (data !== undefined && ex.exception) ex.exception.data = data;
  throw new ApexThrow(ex, typeName === 'System.LimitException');
}

/** A feature the local org does not implement, located at the current Apex line. */
export function unsupported(feature: string): never {
  throw new UnsupportedError(feature, currentInterp().currentPos());
}
