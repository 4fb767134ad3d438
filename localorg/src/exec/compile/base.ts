/**
 * The compiler's state for one method body (its class, scopes, the interpreter it compiles for)
 * and the operations its layers call on each other. Layers, bottom up: names → calls → operators →
 * assignments → soql → expressions → statements; `MethodCompiler` (statements.ts) is the whole.
 */
import type { Expr, Pos, TypeNode } from '../../front/ast.js';
import { CompileError } from '../../binder/errors.js';
import { Scopes } from '../../binder/scope.js';
import { type ClassDef, type FieldDef, Frame } from '../../binder/symbols.js';
import { type ApexValue, type TypeRef } from '../../runtime/values.js';
import type { Executor } from '../executor.js';
import { type C } from './shared.js';

export abstract class CompilerBase {
  readonly scopes = new Scopes();
  protected loopDepth = 0;

  constructor(
    protected readonly interp: Executor,
    protected readonly cls: ClassDef,
    protected readonly isStatic: boolean,
    /** Inside a property accessor the property's own name means its backing slot. */
    protected readonly accessorOf: FieldDef | null = null
  ) {}

  protected err(pos: Pos, msg: string): never {
    throw new CompileError(pos, msg);
  }

  type(node: TypeNode): TypeRef {
    return this.interp.resolveType(node, this.cls);
  }

  // Defined by the layers above, used by the ones below.
  protected abstract checkField(fd: FieldDef, pos: Pos, write?: boolean): void;
  /** Where an assignment target lives: a slot, or a reference read and written at run time. */
  protected abstract place(e: Expr): {
    slot?: number;
    type: TypeRef | null;
    ref: (f: Frame) => { get(): ApexValue; set(v: ApexValue): void };
  };
  protected abstract inlineQueryLocator(e: Extract<Expr, { k: 'call' }>): C | null;
  abstract exprTo(e: Expr, t: TypeRef): C;
  abstract expr(e: Expr): C;
  protected abstract exprRaw(e: Expr): C;
  protected abstract cond(e: Expr): (f: Frame) => boolean;
}
