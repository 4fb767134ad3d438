// One org's share of an interpreter that several orgs of a World run: its statics and stacks, saved and restored (Interp.swapOrgState).
import type { ClassDef, Frame, MethodDef } from '../binder/symbols.js';
import type { TriggerContext } from '../runtime/platform.js';
import type { ApexValue } from '../runtime/values.js';
import type { TriggerDef } from './loader.js';

/** One org's share of an interpreter that several orgs run (Interp.swapOrgState). */
export interface OrgRuntimeState {
  statics: Map<ClassDef, [number, ApexValue[]]>;
  stack: Frame[];
  triggerStack: TriggerContext[];
  runningTest: boolean;
  futureBody: MethodDef | null;
  transactionNumber: number;
}

/** The classes holding statics: every declared class of the class table and every trigger's. */
export function classesWithStatics(
  classTable: Iterable<ClassDef>,
  triggerDefs: Iterable<TriggerDef>
): ClassDef[] {
  const classes: ClassDef[] = [];
  for (const c of classTable) if (c.decl) classes.push(c);
  for (const t of triggerDefs) classes.push(t.cls);
  return classes;
}

/** Each class's static initialisation state and values, as they are now. */
export function captureStatics(classes: readonly ClassDef[]): Map<ClassDef, [number, ApexValue[]]> {
  const statics = new Map<ClassDef, [number, ApexValue[]]>();
  for (const c of classes) statics.set(c, [c.staticState, c.staticValues]);
  return statics;
}

/** Puts back statics captured before; a class with none saved starts uninitialised, all null. */
export function restoreStatics(
  classes: readonly ClassDef[],
  saved: ReadonlyMap<ClassDef, [number, ApexValue[]]> | undefined
): void {
  for (const c of classes) {
    const s = saved?.get(c);
    c.staticState = s ? s[0] : 0;
    c.staticValues = s ? s[1] : new Array<ApexValue>(c.statics.size).fill(null);
  }
}
