/**
 * apex-parser (ANTLR) → our AST. The only module that sees ANTLR contexts.
 * Traps handled here: `>=`, `<=`, `>>` arrive as two tokens; anonymous Apex top-level
 * declarations come as field declarations (handled by parseAnonymous).
 */
import type {
  Annotation,
  Expr,
  FieldDecl,
  MethodDecl,
  Modifiers,
  ParseError,
  Pos,
  PropertyDecl,
  Stmt,
  TriggerDecl,
  TypeDecl,
  TypeNode
} from './ast.js';
import { SyntaxErrors } from './syntax-errors.js';
import { CodeBuilder, type Ctx } from './build-code.js';
import { Collect, loadParser, P } from './antlr.js';

export { SyntaxErrors } from './syntax-errors.js';
export { unescapeString } from './build-code.js';

function makeParser(text: string): { parser: Ctx; errors: { errors: ParseError[] } } {
  loadParser();
  const errors = new Collect();
  const { parser } = P.ApexParserFactory.createLexerAndParser(text, errors);
  return { parser, errors };
}

export function parseClass(text: string): TypeDecl {
  const { parser, errors } = makeParser(text);
  const cu = parser.compilationUnit();
  if (errors.errors.length) throw new SyntaxErrors(errors.errors);
  return new Builder(text).typeDeclaration(cu.typeDeclaration());
}

export function parseTrigger(text: string): TriggerDecl {
  const { parser, errors } = makeParser(text);
  const tu = parser.triggerUnit();
  if (errors.errors.length) throw new SyntaxErrors(errors.errors);
  const b = new Builder(text);
  const ids = tu.id_list();
  const events = tu.triggerCase_list().map((c: Ctx) =>
    c
      .getText()
      .replace(/^(before|after)/i, '$1_')
      .toUpperCase()
  );
  const body: Stmt[] = [];
  for (const m of tu.triggerBlock().triggerBlockMember_list()) {
    if (m.statement()) {
      body.push(b.statement(m.statement()));
      continue;
    }
    // The grammar reads `List<Schema.Account> rows = ...;` at the top of a trigger body as a field
    // declaration; in a trigger it is a local variable of the body, like any other declaration.
    const fd = m.triggerMemberDeclaration()?.fieldDeclaration();
    if (!fd) throw b.unsupported('declarations inside a trigger body', m);
    body.push({
      k: 'local',
      pos: b.pos(fd),
      type: b.typeRef(fd.typeRef()),
      decls: b.declarators(fd.variableDeclarators())
    });
  }
  return { name: ids[0].getText(), sobject: ids[1].getText(), events, body, pos: b.pos(tu) };
}

/** Anonymous Apex: statements plus top-level declarations (fields become locals, methods/classes a wrapper). */
export function parseAnonymous(text: string): { body: Stmt[]; members: TypeDecl } {
  const { parser, errors } = makeParser(text);
  const au = parser.anonymousUnit();
  if (errors.errors.length) throw new SyntaxErrors(errors.errors);
  const b = new Builder(text);
  const body: Stmt[] = [];
  const members = b.emptyType('AnonymousBlock', b.pos(au));
  for (const m of au.anonymousBlock().anonymousBlockMember_list()) {
    if (m.statement()) {
      body.push(b.statement(m.statement()));
      continue;
    }
    const d = m.anonymousMemberDeclaration();
    const parsed = b.modifiers(m.modifier_list());
    // Top-level methods and variables of anonymous Apex behave as statics of the script.
    const mods: Modifiers = {
      annotations: parsed.annotations,
      keywords: new Set([...parsed.keywords, 'static'])
    };
    if (d.fieldDeclaration()) {
      // Top-level `Integer x = 1;` is a local variable of the script.
      const fd = d.fieldDeclaration();
      body.push({
        k: 'local',
        pos: b.pos(fd),
        type: b.typeRef(fd.typeRef()),
        decls: b.declarators(fd.variableDeclarators())
      });
    } else b.member(members, d, mods, true);
  }
  return { body, members };
}

/** Parses a standalone expression (used by dynamic features and tests). */
export function parseExpression(text: string): Expr {
  const { parser, errors } = makeParser(text);
  const e = parser.expression();
  if (errors.errors.length) throw new SyntaxErrors(errors.errors);
  return new Builder(text).expr(e);
}

const NO_MODS: Modifiers = { annotations: [], keywords: new Set() };

class Builder extends CodeBuilder {
  emptyType(name: string, pos: Pos): TypeDecl {
    return {
      kind: 'class',
      name,
      mods: NO_MODS,
      extends: null,
      implements: [],
      fields: [],
      properties: [],
      methods: [],
      ctors: [],
      instanceInit: [],
      staticInit: [],
      inner: [],
      enumConstants: [],
      pos
    };
  }

  // ------------------------------------------------------------------ declarations

  typeDeclaration(td: Ctx): TypeDecl {
    const mods = this.modifiers(td.modifier_list());
    if (td.classDeclaration()) return this.classDecl(td.classDeclaration(), mods);
    if (td.interfaceDeclaration()) return this.interfaceDecl(td.interfaceDeclaration(), mods);
    return this.enumDecl(td.enumDeclaration(), mods);
  }

  modifiers(list: Ctx[]): Modifiers {
    const annotations: Annotation[] = [];
    const keywords = new Set<string>();
    for (const m of list) {
      const a = m.annotation();
      if (a) annotations.push(this.annotation(a));
      else keywords.add(m.children.map((c: Ctx) => c.getText().toLowerCase()).join(' '));
    }
    return { annotations, keywords };
  }

  annotation(a: Ctx): Annotation {
    const params = new Map<string, string>();
    const pairs = a.elementValuePairs();
    const unquote = (s: string) => (s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1) : s);
    if (pairs)
      for (const p of pairs.elementValuePair_list())
        params.set(p.id().getText().toLowerCase(), unquote(p.elementValue().getText()));
    else if (a.elementValue()) params.set('value', unquote(a.elementValue().getText()));
    return { name: (a.id ? a.id() : a.qualifiedName()).getText().toLowerCase(), params };
  }

  classDecl(cd: Ctx, mods: Modifiers): TypeDecl {
    const t: TypeDecl = {
      ...this.emptyType(cd.id().getText(), this.pos(cd)),
      mods,
      extends: cd.typeRef() ? this.typeRef(cd.typeRef()) : null,
      implements: cd.typeList()
        ? cd
            .typeList()
            .typeRef_list()
            .map((x: Ctx) => this.typeRef(x))
        : []
    };
    for (const b of cd.classBody().classBodyDeclaration_list()) {
      if (b.SEMI()) continue;
      if (b.block()) {
        const blk = this.block(b.block());
        (b.STATIC() ? t.staticInit : t.instanceInit).push({ block: blk });
        continue;
      }
      this.member(t, b.memberDeclaration(), this.modifiers(b.modifier_list()), false);
    }
    return t;
  }

  member(t: TypeDecl, md: Ctx, mods: Modifiers, anonymous: boolean): void {
    if (md.methodDeclaration()) t.methods.push(this.method(md.methodDeclaration(), mods));
    else if (md.constructorDeclaration && md.constructorDeclaration()) {
      const c = md.constructorDeclaration();
      t.ctors.push({
        kind: 'ctor',
        name: c.qualifiedName().getText(),
        mods,
        returnType: null,
        params: this.params(c.formalParameters()),
        body: this.block(c.block()),
        pos: this.pos(c),
        endLine: c.stop.line
      });
    } else if (md.fieldDeclaration()) {
      const fd = md.fieldDeclaration();
      const type = this.typeRef(fd.typeRef());
      for (const d of this.declarators(fd.variableDeclarators())) {
        const f: FieldDecl = { mods, type, name: d.name, init: d.init, pos: d.pos };
        t.fields.push(f);
        (mods.keywords.has('static') || anonymous ? t.staticInit : t.instanceInit).push({
          field: f
        });
      }
    } else if (md.propertyDeclaration())
      t.properties.push(this.property(md.propertyDeclaration(), mods));
    else if (md.classDeclaration()) t.inner.push(this.classDecl(md.classDeclaration(), mods));
    else if (md.interfaceDeclaration())
      t.inner.push(this.interfaceDecl(md.interfaceDeclaration(), mods));
    else if (md.enumDeclaration()) t.inner.push(this.enumDecl(md.enumDeclaration(), mods));
  }

  property(pd: Ctx, mods: Modifiers): PropertyDecl {
    let getter: PropertyDecl['getter'] = null;
    let setter: PropertyDecl['setter'] = null;
    for (const pb of pd.propertyBlock_list()) {
      const m = this.modifiers(pb.modifier_list());
      if (pb.getter())
        getter = { body: pb.getter().block() ? this.block(pb.getter().block()) : null, mods: m };
      else setter = { body: pb.setter().block() ? this.block(pb.setter().block()) : null, mods: m };
    }
    return {
      mods,
      type: this.typeRef(pd.typeRef()),
      name: pd.id().getText(),
      getter,
      setter,
      pos: this.pos(pd)
    };
  }

  method(m: Ctx, mods: Modifiers): MethodDecl {
    return {
      kind: 'method',
      name: m.id().getText(),
      mods,
      returnType: m.typeRef() ? this.typeRef(m.typeRef()) : null,
      params: this.params(m.formalParameters()),
      body: m.block() ? this.block(m.block()) : null,
      pos: this.pos(m),
      endLine: m.stop.line
    };
  }

  params(fp: Ctx): { type: TypeNode; name: string }[] {
    const l = fp.formalParameterList();
    if (!l) return [];
    return l
      .formalParameter_list()
      .map((p: Ctx) => ({ type: this.typeRef(p.typeRef()), name: p.id().getText() }));
  }

  interfaceDecl(id: Ctx, mods: Modifiers): TypeDecl {
    const t: TypeDecl = {
      ...this.emptyType(id.id().getText(), this.pos(id)),
      kind: 'interface',
      mods,
      implements: id.typeList()
        ? id
            .typeList()
            .typeRef_list()
            .map((x: Ctx) => this.typeRef(x))
        : []
    };
    for (const m of id.interfaceBody().interfaceMethodDeclaration_list()) {
      t.methods.push({
        kind: 'method',
        name: m.id().getText(),
        mods: this.modifiers(m.modifier_list()),
        returnType: m.typeRef() ? this.typeRef(m.typeRef()) : null,
        params: this.params(m.formalParameters()),
        body: null,
        pos: this.pos(m),
        endLine: m.stop.line
      });
    }
    return t;
  }

  enumDecl(ed: Ctx, mods: Modifiers): TypeDecl {
    const consts = ed.enumConstants()
      ? ed
          .enumConstants()
          .id_list()
          .map((x: Ctx) => x.getText())
      : [];
    return {
      ...this.emptyType(ed.id().getText(), this.pos(ed)),
      kind: 'enum',
      mods,
      enumConstants: consts
    };
  }
}
