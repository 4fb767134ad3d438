/** Arguments of the JSON classes' methods. */
import type { ApexValue } from '../../runtime/values.js';
import { throwApex } from '../../runtime/errors.js';
import { stringOf } from '../../runtime/ops.js';

/** A String argument: null is a NullPointerException, as on the platform. */
export function str(v: ApexValue): string {
  if (v === null) throwApex('System.NullPointerException', 'Argument cannot be null.');
  return stringOf(v);
}
