// A stand-in for the language runtime in platform tests: triggers, Queueables, mocks and REST
// resources written as TypeScript functions, called through the same ApexRuntime interface the
// real interpreter implements. It lets these tests exercise the platform's behaviour on its own.
import { ApexObject, type ApexValue, type ClassRef } from '../../src/runtime/values.ts';
import type {
  AnnotationInfo,
  ApexPlatform,
  ApexRuntime,
  ClassInfo,
  MethodInfo,
  NativeCallContext,
  TriggerContext,
  TriggerInfo,
  TriggerOperation
} from '../../src/runtime/platform.ts';
import { ApexThrow } from '../../src/runtime/platform.ts';
import { Org } from '../../src/platform/org.ts';

export const PACKAGE = ['../force-app', '../unpackaged'].map(
  (p) => new URL(`../../${p}`, import.meta.url).pathname
);

type TriggerFn = (ctx: TriggerContext, org: Org) => void;
type MethodFn = (self: ApexObject, args: ApexValue[]) => ApexValue;

export class FakeRuntime implements ApexRuntime {
  readonly diagnostics = [];
  private readonly triggerList: (TriggerInfo & { fn: TriggerFn })[] = [];
  private readonly methods = new Map<string, MethodFn>();
  private readonly statics = new Map<string, (args: ApexValue[]) => ApexValue>();
  private readonly classList: ClassInfo[] = [];
  org!: Org;

  constructor(readonly platform: ApexPlatform) {}

  trigger(name: string, sobject: string, events: TriggerOperation[], fn: TriggerFn): this {
    this.triggerList.push({ name, sobject, events, file: `${name}.trigger`, fn });
    return this;
  }

  /** An Apex class instance whose methods are TypeScript functions. */
  instance(className: string, methods: Record<string, MethodFn>): ApexObject {
    for (const [m, fn] of Object.entries(methods))
      this.methods.set(`${className}.${m}`.toLowerCase(), fn);
    const cls: ClassRef = {
      name: className,
      isSubtypeOf: (t) => t.toLowerCase() === className.toLowerCase(),
      userEquals: null,
      userHashCode: null,
      userToString: null
    };
    return new ApexObject(cls, []);
  }

  staticMethod(
    className: string,
    method: string,
    fn: (args: ApexValue[]) => ApexValue,
    info?: {
      annotations?: AnnotationInfo[];
      classAnnotations?: AnnotationInfo[];
      returnType?: string;
    }
  ): this {
    this.statics.set(`${className}.${method}`.toLowerCase(), fn);
    let c = this.classList.find((x) => x.name === className);
    if (!c) {
      c = {
        name: className,
        file: `${className}.cls`,
        kind: 'class',
        annotations: info?.classAnnotations ?? [],
        sharing: 'with',
        methods: [],
        supertypes: [],
        compileError: null
      };
      this.classList.push(c);
    }
    (c.methods as MethodInfo[]).push({
      name: method,
      isStatic: true,
      paramTypes: [],
      paramNames: [],
      returnType: { name: info?.returnType ?? 'void', args: [] },
      annotations: info?.annotations ?? []
    });
    return this;
  }

  classes(): readonly ClassInfo[] {
    return this.classList;
  }
  classInfo(name: string): ClassInfo | null {
    return this.classList.find((c) => c.name.toLowerCase() === name.toLowerCase()) ?? null;
  }
  triggers(): readonly TriggerInfo[] {
    return this.triggerList;
  }
  testClasses(): readonly { className: string; methods: readonly string[] }[] {
    return [];
  }
  runTest(): never {
    throw new Error('not in the fake runtime');
  }
  callStatic(className: string, method: string, args: ApexValue[]): ApexValue {
    const fn = this.statics.get(`${className}.${method}`.toLowerCase());
    if (!fn) throw new Error(`no static ${className}.${method}`);
    return fn(args);
  }
  callMethod(target: ApexValue, method: string, args: ApexValue[]): ApexValue {
    const obj = target as ApexObject;
    const fn = this.methods.get(`${obj.cls.name}.${method}`.toLowerCase());
    if (!fn) throw new Error(`no method ${obj.cls.name}.${method}`);
    return fn(obj, args);
  }
  newInstance(): never {
    throw new Error('not in the fake runtime');
  }
  runTrigger(name: string, ctx: TriggerContext): void {
    const t = this.triggerList.find((x) => x.name === name);
    if (!t) throw new Error(`no trigger ${name}`);
    t.fn(ctx, this.org);
  }
  executeAnonymous(): never {
    throw new Error('not in the fake runtime');
  }
  newException(typeName: string, message: string): ApexObject {
    const cls: ClassRef = {
      name: typeName,
      isSubtypeOf: (t) => t === typeName,
      userEquals: null,
      userHashCode: null,
      userToString: null
    };
    const o = new ApexObject(cls, []);
    o.exception = { message, cause: null, line: 1, stack: `Class.${typeName}: line 1, column 1` };
    return o;
  }
  /** Sharing of the code running now: tests set it to exercise `with sharing`. */
  sharing: { className: string; sharing: 'with' | 'without' } | null = null;
  currentSharing(): { className: string; sharing: 'with' | 'without' } | null {
    return this.sharing;
  }
  nativeContext(): NativeCallContext {
    return nativeCtx(this.platform, this);
  }
}

export function apexThrow(rt: FakeRuntime, type: string, message: string): ApexThrow {
  return new ApexThrow(rt.newException(type, message));
}

/** The context natives receive; throwApex raises an ApexThrow like the interpreter does. */
export function nativeCtx(platform: ApexPlatform, runtime: ApexRuntime): NativeCallContext {
  return {
    pos: { file: 'test', line: 1, column: 1 },
    runtime,
    platform,
    throwApex(typeName: string, message: string, data?: unknown): never {
      const ex = runtime.newException(typeName, message);
      (ex as ApexObject & { data?: unknown }).data = data;
      throw new ApexThrow(ex);
    }
  };
}

/** An org on the package's metadata with a fake runtime set up by `setup`. */
export function orgWithRuntime(
  setup: (rt: FakeRuntime) => void = () => {},
  name = 'test'
): { org: Org; rt: FakeRuntime } {
  let rt!: FakeRuntime;
  const org = new Org({
    name,
    source: PACKAGE,
    runtimeFactory: (platform) => {
      rt = new FakeRuntime(platform);
      setup(rt);
      return rt;
    }
  });
  rt.org = org;
  return { org, rt };
}

export function exceptionOf(e: unknown): { type: string; message: string; data?: unknown } {
  const ex = (e as ApexThrow).exception as ApexObject & { data?: unknown };
  if (!ex) throw e;
  return { type: ex.cls.name, message: ex.exception?.message ?? '', data: ex.data };
}
