/**
 * apex-parser (ANTLR) contexts → our AST, for code: type references, statements, expressions,
 * SOQL/SOSL literals and `new` expressions. Declarations are built on top of it (parse.ts). Only
 * the front end sees ANTLR contexts.
 */
import type { Bind, Expr, Pos, Stmt, TypeNode, When, WhenValue } from './ast.js';
import { SyntaxErrors } from './syntax-errors.js';
import { P } from './antlr.js';
import { stripApexComments } from './comments.js';

// ANTLR contexts are loosely typed on purpose: only the front end touches them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Ctx = any;

export class CodeBuilder {
  constructor(protected readonly src: string) {}

  pos(ctx: Ctx): Pos {
    const t = ctx.start ?? ctx.symbol;
    return { line: t.line, column: t.column + 1 };
  }

  unsupported(what: string, ctx: Ctx): Error {
    const p = this.pos(ctx);
    return new SyntaxErrors([
      { line: p.line, column: p.column, message: `Unsupported by the local org: ${what}` }
    ]);
  }

  declarators(vd: Ctx): { name: string; pos: Pos; init: Expr | null }[] {
    return vd.variableDeclarator_list().map((d: Ctx) => ({
      name: d.id().getText(),
      pos: this.pos(d),
      init: d.expression() ? this.expr(d.expression()) : null
    }));
  }

  typeRef(tr: Ctx): TypeNode {
    const names: string[] = [];
    let args: TypeNode[] = [];
    for (const tn of tr.typeName_list()) {
      const ta = tn.typeArguments();
      names.push(tn.LIST() ? 'List' : tn.SET() ? 'Set' : tn.MAP() ? 'Map' : tn.id().getText());
      if (ta)
        args = ta
          .typeList()
          .typeRef_list()
          .map((x: Ctx) => this.typeRef(x));
    }
    let t: TypeNode = { names, args, pos: this.pos(tr) };
    const dims = (tr.arraySubscripts().getText().match(/\[/g) ?? []).length;
    for (let i = 0; i < dims; i++) t = { names: ['List'], args: [t], pos: t.pos };
    return t;
  }

  // ------------------------------------------------------------------ statements

  block(b: Ctx): Stmt {
    return {
      k: 'block',
      pos: this.pos(b),
      body: b.statement_list().map((s: Ctx) => this.statement(s))
    };
  }

  statement(s: Ctx): Stmt {
    const c = s.getChild(0);
    const pos = this.pos(s);
    if (c instanceof P.BlockContext) return this.block(c);
    if (c instanceof P.LocalVariableDeclarationStatementContext) {
      const d = c.localVariableDeclaration();
      return {
        k: 'local',
        pos,
        type: this.typeRef(d.typeRef()),
        decls: this.declarators(d.variableDeclarators())
      };
    }
    if (c instanceof P.ExpressionStatementContext)
      return { k: 'expr', pos, expr: this.expr(c.expression()) };
    if (c instanceof P.IfStatementContext) {
      const st = c.statement_list();
      return {
        k: 'if',
        pos,
        cond: this.expr(c.parExpression().expression()),
        then: this.statement(st[0]),
        else: st[1] ? this.statement(st[1]) : null
      };
    }
    if (c instanceof P.WhileStatementContext)
      return {
        k: 'while',
        pos,
        cond: this.expr(c.parExpression().expression()),
        body: c.statement() ? this.statement(c.statement()) : { k: 'empty', pos }
      };
    if (c instanceof P.DoWhileStatementContext)
      return {
        k: 'do',
        pos,
        cond: this.expr(c.parExpression().expression()),
        body: this.block(c.block())
      };
    if (c instanceof P.ForStatementContext) return this.forStatement(c, pos);
    if (c instanceof P.ReturnStatementContext)
      return { k: 'return', pos, expr: c.expression() ? this.expr(c.expression()) : null };
    if (c instanceof P.ThrowStatementContext)
      return { k: 'throw', pos, expr: this.expr(c.expression()) };
    if (c instanceof P.BreakStatementContext) return { k: 'break', pos };
    if (c instanceof P.ContinueStatementContext) return { k: 'continue', pos };
    if (c instanceof P.TryStatementContext) {
      return {
        k: 'try',
        pos,
        body: this.block(c.block()),
        catches: c.catchClause_list().map((cc: Ctx) => ({
          type: {
            names: cc
              .qualifiedName()
              .id_list()
              .map((i: Ctx) => i.getText()),
            args: [],
            pos: this.pos(cc)
          },
          name: cc.id().getText(),
          body: this.block(cc.block()),
          pos: this.pos(cc)
        })),
        fin: c.finallyBlock() ? this.block(c.finallyBlock().block()) : null
      };
    }
    if (c instanceof P.SwitchStatementContext)
      return {
        k: 'switch',
        pos,
        on: this.expr(c.expression()),
        whens: c.whenControl_list().map((w: Ctx) => this.when(w))
      };
    if (c instanceof P.RunAsStatementContext)
      return {
        k: 'runAs',
        pos,
        args: c.expressionList()
          ? c
              .expressionList()
              .expression_list()
              .map((e: Ctx) => this.expr(e))
          : [],
        body: this.block(c.block())
      };
    const dml = (op: 'insert' | 'update' | 'delete' | 'undelete' | 'upsert' | 'merge'): Stmt => {
      const al = c.accessLevel();
      const access = al ? (al.getText().toLowerCase().endsWith('user') ? 'user' : 'system') : null;
      if (op === 'merge') {
        const es = c.expression_list();
        return {
          k: 'dml',
          pos,
          op,
          access,
          expr: this.expr(es[0]),
          extra: this.expr(es[1]),
          field: null
        };
      }
      const qn = op === 'upsert' ? c.qualifiedName() : null;
      return {
        k: 'dml',
        pos,
        op,
        access,
        expr: this.expr(c.expression()),
        extra: null,
        field: qn ? qn.getText() : null
      };
    };
    if (c instanceof P.InsertStatementContext) return dml('insert');
    if (c instanceof P.UpdateStatementContext) return dml('update');
    if (c instanceof P.DeleteStatementContext) return dml('delete');
    if (c instanceof P.UndeleteStatementContext) return dml('undelete');
    if (c instanceof P.UpsertStatementContext) return dml('upsert');
    if (c instanceof P.MergeStatementContext) return dml('merge');
    if (s.getText() === ';') return { k: 'empty', pos };
    throw this.unsupported(`statement ${s.getText().slice(0, 40)}`, s);
  }

  forStatement(c: Ctx, pos: Pos): Stmt {
    const fc = c.forControl();
    const body: Stmt = c.statement() ? this.statement(c.statement()) : { k: 'empty', pos };
    const en = fc.enhancedForControl();
    if (en)
      return {
        k: 'forEach',
        pos,
        type: this.typeRef(en.typeRef()),
        name: en.id().getText(),
        iter: this.expr(en.expression()),
        body
      };
    let init: Stmt | Expr[] | null = null;
    const fi = fc.forInit();
    if (fi) {
      if (fi.localVariableDeclaration()) {
        const d = fi.localVariableDeclaration();
        init = {
          k: 'local',
          pos: this.pos(d),
          type: this.typeRef(d.typeRef()),
          decls: this.declarators(d.variableDeclarators())
        };
      } else
        init = fi
          .expressionList()
          .expression_list()
          .map((e: Ctx) => this.expr(e));
    }
    return {
      k: 'for',
      pos,
      init,
      cond: fc.expression() ? this.expr(fc.expression()) : null,
      update: fc.forUpdate()
        ? fc
            .forUpdate()
            .expressionList()
            .expression_list()
            .map((e: Ctx) => this.expr(e))
        : [],
      body
    };
  }

  when(w: Ctx): When {
    const wv = w.whenValue();
    const body = this.block(w.block());
    const pos = this.pos(w);
    if (wv.ELSE()) return { kind: 'else', body, pos };
    if (wv.typeRef())
      return { kind: 'type', type: this.typeRef(wv.typeRef()), name: wv.id().getText(), body, pos };
    const values: WhenValue[] = wv.whenLiteral_list().map((l: Ctx) => this.whenLiteral(l));
    return { kind: 'values', values, body, pos };
  }

  whenLiteral(l: Ctx): WhenValue {
    if (l.whenLiteral()) return this.whenLiteral(l.whenLiteral());
    if (l.NULL()) return { k: 'lit', value: null };
    const neg = l.SUB_list().length % 2 === 1;
    if (l.IntegerLiteral()) {
      const n = parseInt(l.IntegerLiteral().getText(), 10);
      return { k: 'lit', value: neg ? -n | 0 : n | 0 };
    }
    if (l.LongLiteral()) {
      const n = BigInt(l.LongLiteral().getText().slice(0, -1));
      return { k: 'lit', value: neg ? -n : n };
    }
    if (l.StringLiteral() || l.MultilineStringLiteral())
      return { k: 'lit', value: unescapeString(l.getText()) };
    return { k: 'enum', name: l.qualifiedName().getText() };
  }

  // ------------------------------------------------------------------ expressions

  args(el: Ctx): Expr[] {
    return el ? el.expression_list().map((e: Ctx) => this.expr(e)) : [];
  }

  opText(e: Ctx): string {
    // Operator tokens sit between the operand expressions; `>` `=` → `>=`.
    let s = '';
    for (const ch of e.children) if (!(ch instanceof P.ExpressionContext)) s += ch.getText();
    return s;
  }

  expr(e: Ctx): Expr {
    const pos = this.pos(e);
    if (e instanceof P.PrimaryExpressionContext) return this.primary(e.primary());
    if (e instanceof P.DotExpressionContext) {
      const safe = !!e.QUESTIONDOT();
      const target = this.expr(e.expression());
      const dm = e.dotMethodCall();
      if (dm)
        return {
          k: 'call',
          pos: this.pos(dm),
          target,
          name: dm.anyId().getText(),
          args: this.args(dm.expressionList()),
          safe
        };
      return { k: 'field', pos: this.pos(e.anyId()), target, name: e.anyId().getText(), safe };
    }
    if (e instanceof P.MethodCallExpressionContext) {
      const mc = e.methodCall();
      const args = this.args(mc.expressionList());
      if (mc.THIS()) return { k: 'ctorCall', pos, which: 'this', args };
      if (mc.SUPER()) return { k: 'ctorCall', pos, which: 'super', args };
      return { k: 'call', pos, target: null, name: mc.id().getText(), args, safe: false };
    }
    if (e instanceof P.ArrayExpressionContext)
      return {
        k: 'index',
        pos,
        target: this.expr(e.expression(0)),
        index: this.expr(e.expression(1))
      };
    if (e instanceof P.NewExpressionContext) return this.creator(e.creator(), pos);
    if (e instanceof P.CastExpressionContext)
      return { k: 'cast', pos, type: this.typeRef(e.typeRef()), expr: this.expr(e.expression()) };
    if (e instanceof P.SubExpressionContext) return this.expr(e.expression());
    if (e instanceof P.PostOpExpressionContext)
      return {
        k: 'incdec',
        pos,
        op: e.INC() ? '++' : '--',
        prefix: false,
        target: this.expr(e.expression())
      };
    if (e instanceof P.PreOpExpressionContext) {
      const inner = this.expr(e.expression());
      if (e.INC() || e.DEC())
        return { k: 'incdec', pos, op: e.INC() ? '++' : '--', prefix: true, target: inner };
      // Fold `-5` into a literal so that -2147483648 is a valid Integer literal.
      if (
        e.SUB() &&
        inner.k === 'lit' &&
        (inner.type === 'Integer' ||
          inner.type === 'Long' ||
          inner.type === 'Decimal' ||
          inner.type === 'Double')
      )
        return { ...inner, pos, text: `-${inner.text}` };
      return { k: 'unary', pos, op: e.SUB() ? '-' : '+', expr: inner };
    }
    if (e instanceof P.NegExpressionContext)
      return { k: 'unary', pos, op: e.BANG() ? '!' : '~', expr: this.expr(e.expression()) };
    if (e instanceof P.InstanceOfExpressionContext)
      return {
        k: 'instanceof',
        pos,
        expr: this.expr(e.expression()),
        type: this.typeRef(e.typeRef())
      };
    if (e instanceof P.CondExpressionContext)
      return {
        k: 'cond',
        pos,
        c: this.expr(e.expression(0)),
        a: this.expr(e.expression(1)),
        b: this.expr(e.expression(2))
      };
    if (e instanceof P.AssignExpressionContext)
      return {
        k: 'assign',
        pos,
        op: this.opText(e),
        target: this.expr(e.expression(0)),
        value: this.expr(e.expression(1))
      };
    if (
      e instanceof P.Arth1ExpressionContext ||
      e instanceof P.Arth2ExpressionContext ||
      e instanceof P.BitExpressionContext ||
      e instanceof P.CmpExpressionContext ||
      e instanceof P.EqualityExpressionContext ||
      e instanceof P.BitAndExpressionContext ||
      e instanceof P.BitNotExpressionContext ||
      e instanceof P.BitOrExpressionContext ||
      e instanceof P.LogAndExpressionContext ||
      e instanceof P.LogOrExpressionContext ||
      e instanceof P.CoalExpressionContext
    ) {
      return {
        k: 'binary',
        pos,
        op: this.opText(e),
        l: this.expr(e.expression(0)),
        r: this.expr(e.expression(1))
      };
    }
    throw this.unsupported(`expression ${e.getText().slice(0, 40)}`, e);
  }

  primary(p: Ctx): Expr {
    const pos = this.pos(p);
    if (p instanceof P.ThisPrimaryContext) return { k: 'this', pos };
    if (p instanceof P.SuperPrimaryContext) return { k: 'super', pos };
    if (p instanceof P.IdPrimaryContext) return { k: 'name', pos, name: p.id().getText() };
    if (p instanceof P.TypeRefPrimaryContext)
      return { k: 'classLit', pos, type: this.typeRef(p.typeRef()) };
    if (p instanceof P.VoidPrimaryContext) return { k: 'classLit', pos, type: null };
    if (p instanceof P.LiteralPrimaryContext) return this.literal(p.literal(), pos);
    if (p instanceof P.SoqlPrimaryContext) return this.query(p.soqlLiteral(), pos, false);
    if (p instanceof P.SoslPrimaryContext) return this.query(p.soslLiteral(), pos, true);
    throw this.unsupported(`primary ${p.getText()}`, p);
  }

  literal(l: Ctx, pos: Pos): Expr {
    const text = l.getText();
    if (l.IntegerLiteral()) return { k: 'lit', pos, type: 'Integer', text };
    if (l.LongLiteral()) return { k: 'lit', pos, type: 'Long', text: text.slice(0, -1) };
    // `1.5` is a Decimal; a `d` suffix makes a Double (Apex Developer Guide, "Primitive Data Types").
    if (l.NumberLiteral())
      return /[dD]$/.test(text)
        ? { k: 'lit', pos, type: 'Double', text: text.slice(0, -1) }
        : { k: 'lit', pos, type: 'Decimal', text };
    if (l.StringLiteral() || l.MultilineStringLiteral())
      return { k: 'lit', pos, type: 'String', text: unescapeString(text) };
    if (l.BooleanLiteral()) return { k: 'lit', pos, type: 'Boolean', text: text.toLowerCase() };
    return { k: 'lit', pos, type: 'null', text: 'null' };
  }

  /**
   * Inline SOQL/SOSL: the source text between the brackets plus every bind expression. Token offsets
   * count code points (the lexer decodes them), so the text is read from the lexer's stream: slicing
   * the UTF-16 source shifted it by one per emoji or other astral character before the query.
   */
  query(q: Ctx, pos: Pos, sosl: boolean): Expr {
    const text: string = q.start.getInputStream().getText(q.start.start + 1, q.stop.stop - 1);
    const binds: Bind[] = [];
    const walk = (n: Ctx) => {
      if (n instanceof P.BoundExpressionContext) {
        binds.push({ text: n.expression().getText(), expr: this.expr(n.expression()) });
        return;
      }
      for (const ch of n.children ?? []) walk(ch);
    };
    walk(q);
    return { k: 'soql', pos, text: stripApexComments(text).trim(), binds, sosl };
  }

  creator(c: Ctx, pos: Pos): Expr {
    const pairs = c.createdName().idCreatedNamePair_list();
    const names: string[] = [];
    let args: TypeNode[] = [];
    for (const p of pairs) {
      names.push(p.anyId().getText());
      if (p.typeList())
        args = p
          .typeList()
          .typeRef_list()
          .map((x: Ctx) => this.typeRef(x));
    }
    const type: TypeNode = { names, args, pos };
    if (c.noRest()) return { k: 'newCollection', pos, type, items: null, pairs: null };
    if (c.classCreatorRest())
      return {
        k: 'new',
        pos,
        type,
        args: this.args(c.classCreatorRest().arguments().expressionList())
      };
    if (c.arrayCreatorRest()) {
      const ar = c.arrayCreatorRest();
      const listType: TypeNode = { names: ['List'], args: [type], pos };
      if (ar.expression())
        return { k: 'newArray', pos, type: listType, size: this.expr(ar.expression()), init: null };
      const ai = ar.arrayInitializer();
      return {
        k: 'newArray',
        pos,
        type: listType,
        size: null,
        init: ai ? ai.expression_list().map((e: Ctx) => this.expr(e)) : []
      };
    }
    if (c.mapCreatorRest()) {
      return {
        k: 'newCollection',
        pos,
        type,
        items: null,
        pairs: c
          .mapCreatorRest()
          .mapCreatorRestPair_list()
          .map((p: Ctx) => [this.expr(p.expression(0)), this.expr(p.expression(1))] as [Expr, Expr])
      };
    }
    return {
      k: 'newCollection',
      pos,
      type,
      items: c
        .setCreatorRest()
        .expression_list()
        .map((e: Ctx) => this.expr(e)),
      pairs: null
    };
  }
}

/** Apex string literal escapes: \n \t \r \b \f \' \" \\ \uXXXX. */
export function unescapeString(lit: string): string {
  const body = lit.startsWith("'''") ? lit.slice(3, -3) : lit.slice(1, -1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, c: string) => {
    if (c.length === 5) return String.fromCharCode(parseInt(c.slice(1), 16));
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      default:
        return c;
    }
  });
}
