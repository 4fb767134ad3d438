/** Our own Apex AST: what the front end produces from the ANTLR tree. Nothing ANTLR leaks past here. */

export interface Pos {
  readonly line: number;
  readonly column: number;
}

/** A type as written: `List<Account>`, `Outer.Inner`, `String[]` (arrays become List). */
export interface TypeNode {
  readonly names: readonly string[]; // dotted parts as written
  readonly args: readonly TypeNode[];
  readonly pos: Pos;
}

export interface Annotation {
  readonly name: string; // lower case
  readonly params: Map<string, string>; // lower-case key → value text without quotes
}

export interface Modifiers {
  readonly annotations: readonly Annotation[];
  readonly keywords: ReadonlySet<string>; // lower case: public, static, virtual, override, testmethod, 'with sharing'...
}

export type Expr =
  | {
      k: 'lit';
      pos: Pos;
      type: 'Integer' | 'Long' | 'Decimal' | 'Double' | 'String' | 'Boolean' | 'null';
      text: string;
    }
  | { k: 'name'; pos: Pos; name: string }
  | { k: 'this'; pos: Pos }
  | { k: 'super'; pos: Pos }
  | { k: 'field'; pos: Pos; target: Expr; name: string; safe: boolean }
  | { k: 'call'; pos: Pos; target: Expr | null; name: string; args: Expr[]; safe: boolean }
  | { k: 'ctorCall'; pos: Pos; which: 'this' | 'super'; args: Expr[] }
  | { k: 'index'; pos: Pos; target: Expr; index: Expr }
  | { k: 'new'; pos: Pos; type: TypeNode; args: Expr[] }
  | { k: 'newArray'; pos: Pos; type: TypeNode; size: Expr | null; init: Expr[] | null }
  | {
      k: 'newCollection';
      pos: Pos;
      type: TypeNode;
      items: Expr[] | null;
      pairs: [Expr, Expr][] | null;
    }
  | { k: 'cast'; pos: Pos; type: TypeNode; expr: Expr }
  | { k: 'unary'; pos: Pos; op: '-' | '+' | '!' | '~'; expr: Expr }
  | { k: 'incdec'; pos: Pos; op: '++' | '--'; prefix: boolean; target: Expr }
  | { k: 'binary'; pos: Pos; op: string; l: Expr; r: Expr }
  | { k: 'instanceof'; pos: Pos; expr: Expr; type: TypeNode }
  | { k: 'cond'; pos: Pos; c: Expr; a: Expr; b: Expr }
  | { k: 'assign'; pos: Pos; op: string; target: Expr; value: Expr }
  | { k: 'classLit'; pos: Pos; type: TypeNode | null }
  | { k: 'soql'; pos: Pos; text: string; binds: Bind[]; sosl: boolean };

export interface Bind {
  readonly text: string;
  readonly expr: Expr;
}

export type Stmt =
  | { k: 'block'; pos: Pos; body: Stmt[] }
  | { k: 'local'; pos: Pos; type: TypeNode; decls: { name: string; pos: Pos; init: Expr | null }[] }
  | { k: 'expr'; pos: Pos; expr: Expr }
  | { k: 'if'; pos: Pos; cond: Expr; then: Stmt; else: Stmt | null }
  | { k: 'while'; pos: Pos; cond: Expr; body: Stmt }
  | { k: 'do'; pos: Pos; cond: Expr; body: Stmt }
  | {
      k: 'for';
      pos: Pos;
      init: Stmt | Expr[] | null;
      cond: Expr | null;
      update: Expr[];
      body: Stmt;
    }
  | { k: 'forEach'; pos: Pos; type: TypeNode; name: string; iter: Expr; body: Stmt }
  | { k: 'switch'; pos: Pos; on: Expr; whens: When[] }
  | {
      k: 'try';
      pos: Pos;
      body: Stmt;
      catches: { type: TypeNode; name: string; body: Stmt; pos: Pos }[];
      fin: Stmt | null;
    }
  | { k: 'return'; pos: Pos; expr: Expr | null }
  | { k: 'throw'; pos: Pos; expr: Expr }
  | { k: 'break'; pos: Pos }
  | { k: 'continue'; pos: Pos }
  | {
      k: 'dml';
      pos: Pos;
      op: 'insert' | 'update' | 'upsert' | 'delete' | 'undelete' | 'merge';
      access: 'user' | 'system' | null;
      expr: Expr;
      extra: Expr | null;
      field: string | null;
    }
  | { k: 'runAs'; pos: Pos; args: Expr[]; body: Stmt }
  | { k: 'empty'; pos: Pos };

export type When =
  | { kind: 'else'; body: Stmt; pos: Pos }
  | { kind: 'values'; values: WhenValue[]; body: Stmt; pos: Pos }
  | { kind: 'type'; type: TypeNode; name: string; body: Stmt; pos: Pos };

export type WhenValue =
  { k: 'lit'; value: string | number | bigint | null } | { k: 'enum'; name: string };

export interface Param {
  readonly type: TypeNode;
  readonly name: string;
}

export interface MethodDecl {
  readonly kind: 'method' | 'ctor';
  readonly name: string;
  readonly mods: Modifiers;
  readonly returnType: TypeNode | null; // null = void
  readonly params: readonly Param[];
  readonly body: Stmt | null; // null = abstract/interface
  readonly pos: Pos;
  readonly endLine: number;
}

export interface FieldDecl {
  readonly mods: Modifiers;
  readonly type: TypeNode;
  readonly name: string;
  readonly init: Expr | null;
  readonly pos: Pos;
}

export interface PropertyDecl {
  readonly mods: Modifiers;
  readonly type: TypeNode;
  readonly name: string;
  readonly getter: { body: Stmt | null; mods: Modifiers } | null;
  readonly setter: { body: Stmt | null; mods: Modifiers } | null;
  readonly pos: Pos;
}

export interface TypeDecl {
  readonly kind: 'class' | 'interface' | 'enum';
  readonly name: string;
  readonly mods: Modifiers;
  readonly extends: TypeNode | null;
  readonly implements: readonly TypeNode[];
  readonly fields: FieldDecl[];
  readonly properties: PropertyDecl[];
  readonly methods: MethodDecl[];
  readonly ctors: MethodDecl[];
  /** Field initialisers and initializer blocks, in source order (static ones separately). */
  readonly instanceInit: ({ field: FieldDecl } | { block: Stmt })[];
  readonly staticInit: ({ field: FieldDecl } | { block: Stmt })[];
  readonly inner: TypeDecl[];
  readonly enumConstants: string[];
  readonly pos: Pos;
}

export interface TriggerDecl {
  readonly name: string;
  readonly sobject: string;
  readonly events: string[]; // 'BEFORE_INSERT' ...
  readonly body: Stmt[];
  readonly pos: Pos;
}

export interface ParseError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}
