// What the runtime reports about loaded code: a class's ClassInfo and the line coverage of classes and triggers.
import type { ClassDef } from '../binder/symbols.js';
import type { ClassInfo } from '../runtime/platform.js';
import type { TriggerDef } from './loader.js';

/** One top-level class's or trigger's coverable lines: 1 executed, 0 not. */
export interface ClassCoverage {
  cls: ClassDef;
  lines: Map<number, 0 | 1>;
}

/** The ClassInfo (ApexRuntime.classInfo) of a declared class. */
export function classInfoOf(c: ClassDef): ClassInfo {
  const methods = [...c.methods.values()].flat().map((m) => ({
    name: m.name,
    isStatic: m.isStatic,
    paramTypes: m.params,
    paramNames: m.paramNames,
    returnType: m.returnType,
    annotations: m.annotations
  }));
  return {
    name: c.name,
    file: c.file,
    kind: c.kind,
    annotations: c.annotations,
    sharing: c.sharing,
    methods,
    supertypes: [...c.supertypeNames],
    compileError: c.compileError,
    namespace: c.topLevel.namespace
  };
}

/** Top-level classes (test classes left out) and then triggers, with their coverage from `hits`. */
export function coverageOf(
  topLevel: readonly ClassDef[],
  triggerDefs: Iterable<TriggerDef>,
  hits: ReadonlyMap<ClassDef, number[]>
): ClassCoverage[] {
  const out: ClassCoverage[] = [];
  for (const c of topLevel) {
    if (!c.decl || c.annotations.some((a) => a.name === 'istest')) continue;
    const h = hits.get(c) ?? [];
    const lines = new Map<number, 0 | 1>();
    for (const l of [...c.coverableLines].sort((a, b) => a - b)) lines.set(l, h[l] ? 1 : 0);
    out.push({ cls: c, lines });
  }
  // Triggers are covered like classes, under the trigger's name.
  for (const t of triggerDefs) {
    const h = hits.get(t.cls) ?? [];
    const lines = new Map<number, 0 | 1>();
    for (const l of [...t.cls.coverableLines].sort((a, b) => a - b)) lines.set(l, h[l] ? 1 : 0);
    out.push({ cls: t.cls, lines });
  }
  return out;
}
