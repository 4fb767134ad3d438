// One Apex transaction of an org: its governor limits, undo-log start, user, the async work and
// events that wait for its commit, the changes Change Data Capture publishes after it, and the
// state of its trigger and Queueable chains.
import type { ApexObject, ApexSObject } from '../../runtime/values.ts';
import { Limits, type ExecutionKind } from '../limits/limits.ts';
import type { AsyncQueue } from '../async/jobs.ts';
import type { ChangeRecord } from '../dml/call.ts';

/** The API version a transaction's default change origin names. */
export const DEFAULT_CHANGE_ORIGIN = 'com/salesforce/api/apex/65.0';

export interface Transaction {
  limits: Limits;
  startMark: number;
  userId: string;
  pendingAsync: { job: Parameters<AsyncQueue['add']>[0] }[];
  afterCommitEvents: ApexSObject[];
  changes: ChangeRecord[];
  triggerDepth: number;
  uncommittedWork: boolean;
  kind: ExecutionKind;
  /** Sforce-Call-Options client of the API request that started it (CDC changeOrigin) */
  changeOrigin: string;
  queueableDepth: number;
  finalizer: ApexObject | null;
}

/** A new transaction with fresh limits of its kind, started at undo-log position `startMark`. */
export function newTransaction(
  kind: ExecutionKind,
  startMark: number,
  userId: string,
  opts: { changeOrigin?: string; queueableDepth?: number } = {}
): Transaction {
  return {
    limits: new Limits(kind),
    startMark,
    userId,
    pendingAsync: [],
    afterCommitEvents: [],
    changes: [],
    triggerDepth: 0,
    uncommittedWork: false,
    kind,
    changeOrigin: opts.changeOrigin ?? DEFAULT_CHANGE_ORIGIN,
    queueableDepth: opts.queueableDepth ?? 0,
    finalizer: null
  };
}
