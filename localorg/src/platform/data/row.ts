// One stored record: the store (store.ts) owns rows, the field indexes (index.ts) point at them;
// both name it from here so neither imports the other for it.
import type { ApexValue } from '../../runtime/values.ts';

export interface Row {
  readonly id: string;
  /** canonical object name */
  readonly type: string;
  /** lower-case field name → value */
  values: Map<string, ApexValue>;
  deleted: boolean;
  /** Id of the record whose delete cascaded to this one (undelete brings it back with its root) */
  deletedWith?: string;
  /** hard-deleted rows (emptied recycle bin, master-detail child deleted before its parent) vanish */
}
