/** Lexical scopes of a method body: names resolve to slots once, at compile time. */
import type { Pos } from '../front/ast.js';
import type { TypeRef } from '../runtime/values.js';
import { checkDeclaredName } from './identifiers.js';
import { CompileError } from './errors.js';

export interface LocalVar {
  readonly slot: number;
  readonly type: TypeRef;
}

export class Scopes {
  private readonly stack: Map<string, LocalVar>[] = [new Map()];
  private next = 0;
  max = 0;
  /** Every variable ever declared, by lower-case name (the last one wins): dynamic SOQL binds. */
  readonly all = new Map<string, number>();

  push(): void {
    this.stack.push(new Map());
  }

  pop(): void {
    this.stack.pop();
  }

  declare(name: string, type: TypeRef, pos: Pos): LocalVar {
    checkDeclaredName(name, pos);
    const lc = name.toLowerCase();
    for (const s of this.stack)
      if (s.has(lc)) throw new CompileError(pos, `Duplicate variable: ${name}`);
    const v = { slot: this.next++, type };
    if (this.next > this.max) this.max = this.next;
    this.stack[this.stack.length - 1].set(lc, v);
    this.all.set(lc, v.slot);
    return v;
  }

  lookup(name: string): LocalVar | undefined {
    const lc = name.toLowerCase();
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const v = this.stack[i].get(lc);
      if (v) return v;
    }
    return undefined;
  }

  /** Every visible variable (dynamic SOQL binds look names up at run time). */
  visible(): Map<string, LocalVar> {
    const out = new Map<string, LocalVar>();
    for (const s of this.stack) for (const [k, v] of s) out.set(k, v);
    return out;
  }
}
