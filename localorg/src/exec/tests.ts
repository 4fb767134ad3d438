/**
 * Test methods: which classes and methods are tests (`@IsTest`, `testMethod`), running one in a
 * fresh context (statics reset, `@TestSetup` data made once per class and restored before each
 * method, the platform told where a method begins and ends), and the failure a runner reports.
 */
import { ClassDef, MethodDef } from '../binder/symbols.js';
import {
  type ApexPlatform,
  ApexThrow,
  type TestMethodResult,
  UnsupportedError
} from '../runtime/platform.js';
import { type ApexValue } from '../runtime/values.js';

function lc(s: string): string {
  return s.toLowerCase();
}

/** Thrown when code of a class that failed to compile is run. */
export class CompileFailure extends Error {}

/** What running tests needs of the interpreter. */
export interface TestHost {
  readonly platform: ApexPlatform;
  readonly classTable: ReadonlyMap<string, ClassDef>;
  readonly topLevel: readonly ClassDef[];
  enter<T>(fn: () => T): T;
  invokeStatic(m: MethodDef, args: ApexValue[]): ApexValue;
  resetStatics(): void;
  /** Test.isRunningTest() is true while a test method or @TestSetup runs. */
  setRunningTest(running: boolean): void;
}

export class TestMethods {
  private readonly testSetupSnapshots = new Map<string, unknown>();
  /** The store before a class's @TestSetup ran, restored after its last method. */
  private readonly classBaseline = new Map<string, unknown>();

  constructor(private readonly host: TestHost) {}

  testClasses(): readonly { className: string; methods: readonly string[] }[] {
    const out: { className: string; methods: string[] }[] = [];
    for (const c of this.host.topLevel) {
      if (!c.annotations.some((a) => a.name === 'istest')) continue;
      const methods: string[] = [];
      const decl = c.decl;
      if (decl) {
        for (const m of decl.methods) {
          const isTest =
            m.mods.annotations.some((a) => a.name === 'istest') ||
            m.mods.keywords.has('testmethod');
          if (isTest) methods.push(m.name);
        }
      }
      out.push({ className: c.name, methods });
    }
    return out;
  }

  private testSetupOf(c: ClassDef): MethodDef | null {
    for (const ms of c.methods.values())
      for (const m of ms) if (m.annotations.some((a) => a.name === 'testsetup')) return m;
    return null;
  }

  runTest(className: string, methodName: string): TestMethodResult {
    const start = performance.now();
    const cls = this.host.classTable.get(lc(className));
    const result = (
      outcome: 'Pass' | 'Fail',
      message: string | null,
      stackTrace: string | null
    ): TestMethodResult => ({
      className: cls?.name ?? className,
      methodName,
      outcome,
      message,
      stackTrace,
      runTimeMs: Math.round(performance.now() - start)
    });
    if (!cls) return result('Fail', `No such class: ${className}`, null);
    if (cls.compileError) return result('Fail', `Compile failed: ${cls.compileError}`, null);
    const m = cls.methods.get(lc(methodName))?.find((x) => x.params.length === 0);
    if (!m) return result('Fail', `No such test method: ${className}.${methodName}`, null);
    return this.host.enter(() => {
      try {
        const setup = this.testSetupOf(cls);
        if (setup) {
          let snap = this.testSetupSnapshots.get(cls.name);
          if (snap === undefined) {
            // @TestSetup runs once per class; its data is restored before every test method.
            this.classBaseline.set(cls.name, this.host.platform.snapshotData());
            this.host.resetStatics();
            this.host.platform.beginTestMethod(cls.name, setup.name);
            this.host.setRunningTest(true);
            try {
              this.host.invokeStatic(setup, []);
              snap = this.host.platform.snapshotData();
            } finally {
              this.host.setRunningTest(false);
              this.host.platform.endTestMethod(cls.name, setup.name);
            }
            this.testSetupSnapshots.set(cls.name, snap);
          }
          this.host.platform.restoreData(snap);
        }
        this.host.resetStatics();
        this.host.platform.beginTestMethod(cls.name, m.name);
        this.host.setRunningTest(true);
        try {
          this.host.invokeStatic(m, []);
        } finally {
          this.host.setRunningTest(false);
          this.host.platform.endTestMethod(cls.name, m.name);
        }
        return result('Pass', null, null);
      } catch (e) {
        const { message, stack } = this.describeFailure(e);
        return result('Fail', message, stack);
      }
    });
  }

  /** After the last test method of a class: drop its @TestSetup data from the store. */
  finishTestClass(className: string): void {
    const cls = this.host.classTable.get(lc(className));
    const name = cls?.name ?? className;
    const base = this.classBaseline.get(name);
    if (base !== undefined) this.host.platform.restoreData(base);
    this.classBaseline.delete(name);
    this.testSetupSnapshots.delete(name);
  }

  describeFailure(e: unknown): { message: string; stack: string | null } {
    if (e instanceof ApexThrow) {
      const ex = e.exception;
      return {
        message: `${ex.cls.name}: ${ex.exception?.message ?? ''}`,
        stack: ex.exception?.stack ?? null
      };
    }
    if (e instanceof UnsupportedError || e instanceof CompileFailure)
      return { message: e.message, stack: null };
    // A governor limit raised by the platform (System.LimitException, which no Apex catch block sees).
    const apexType = (e as { apexType?: unknown } | null)?.apexType;
    if (typeof apexType === 'string' && e instanceof Error)
      return {
        message: `${apexType}: ${e.message}`,
        stack: (e as { apexStack?: string }).apexStack ?? null
      };
    const err = e as Error;
    return {
      message: `Internal error of the local org: ${err?.message ?? String(e)}`,
      stack: err?.stack ?? null
    };
  }
}
