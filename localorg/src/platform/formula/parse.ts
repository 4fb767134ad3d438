// The formula language's syntax (Salesforce Help, "Formula Operators and Functions"): literals,
// merge fields (`Name`, `Account.Owner.Name`, `$User.Id`, `$Setup.S__c.F__c`), function calls and
// the operators, from lowest to highest precedence: `||`; `&&`; `= == != <>`; `< > <= >=`;
// `+ - &`; `* /`; `^`; unary `-`/`+`; `( )`. Comments are `/* ... */`. Function and keyword names
// are case-insensitive.
//
// Written here rather than taken from npm: the one maintained parser (formulon 6.25) has no
// ISCHANGED, PRIORVALUE, ISNEW, REGEX or ADDMONTHS and takes pre-typed flat variables, so it cannot
// evaluate validation rules or follow cross-object references lazily.

export type FormulaNode =
  | { kind: 'literal'; value: string | number | boolean | null; text?: string }
  | { kind: 'ref'; path: string[] }
  | { kind: 'call'; name: string; args: FormulaNode[] }
  | { kind: 'unary'; op: '-' | '+'; arg: FormulaNode }
  | { kind: 'binary'; op: string; left: FormulaNode; right: FormulaNode };

/** A formula that does not parse; the message says what and where (1-based column). */
export class FormulaSyntaxError extends Error {}

interface Token {
  kind: 'num' | 'str' | 'ident' | 'op' | 'end';
  text: string;
  pos: number;
}

const OPERATORS = [
  '&&',
  '||',
  '==',
  '!=',
  '<>',
  '<=',
  '>=',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '^',
  '&',
  '(',
  ')',
  ',',
  '.'
];

function lex(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new FormulaSyntaxError(`Unterminated comment at column ${i + 1}`);
      i = end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) {
          const e = src[j + 1];
          text += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          j += 2;
        } else text += src[j++];
      }
      if (j >= src.length) throw new FormulaSyntaxError(`Unterminated string at column ${i + 1}`);
      out.push({ kind: 'str', text, pos: i });
      i = j + 1;
      continue;
    }
    const num = /^(\d+(\.\d*)?|\.\d+)/.exec(src.slice(i));
    if (num) {
      out.push({ kind: 'num', text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const id = /^\$?[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      out.push({ kind: 'ident', text: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) throw new FormulaSyntaxError(`Syntax error: unexpected '${c}' at column ${i + 1}`);
    out.push({ kind: 'op', text: op, pos: i });
    i += op.length;
  }
  out.push({ kind: 'end', text: '', pos: src.length });
  return out;
}

const LEVELS: string[][] = [
  ['||'],
  ['&&'],
  ['=', '==', '!=', '<>'],
  ['<', '>', '<=', '>='],
  ['+', '-', '&'],
  ['*', '/']
];

/** Parses a formula's text into a tree; throws FormulaSyntaxError with the column. */
export function parseFormula(src: string): FormulaNode {
  const toks = lex(src);
  let p = 0;
  const peek = (): Token => toks[p];
  const isOp = (t: Token, text: string): boolean => t.kind === 'op' && t.text === text;
  const expect = (text: string): void => {
    const t = toks[p];
    if (!isOp(t, text))
      throw new FormulaSyntaxError(
        `Syntax error: expected '${text}' at column ${t.pos + 1}, found ${t.kind === 'end' ? 'the end' : `'${t.text}'`}`
      );
    p++;
  };
  const level = (n: number): FormulaNode => {
    if (n === LEVELS.length) return power();
    let left = level(n + 1);
    for (;;) {
      const t = peek();
      if (t.kind !== 'op' || !LEVELS[n].includes(t.text)) return left;
      p++;
      left = { kind: 'binary', op: t.text, left, right: level(n + 1) };
    }
  };
  const power = (): FormulaNode => {
    const base = unary();
    if (isOp(peek(), '^')) {
      p++;
      return { kind: 'binary', op: '^', left: base, right: power() };
    }
    return base;
  };
  const unary = (): FormulaNode => {
    const t = peek();
    if (isOp(t, '-') || isOp(t, '+')) {
      p++;
      return { kind: 'unary', op: t.text as '-' | '+', arg: unary() };
    }
    return primary();
  };
  const primary = (): FormulaNode => {
    const t = toks[p++];
    if (t.kind === 'num') return { kind: 'literal', value: Number(t.text), text: t.text };
    if (t.kind === 'str') return { kind: 'literal', value: t.text };
    if (isOp(t, '(')) {
      const e = level(0);
      expect(')');
      return e;
    }
    if (t.kind === 'ident') {
      const lc = t.text.toLowerCase();
      if (isOp(peek(), '(')) {
        p++;
        const args: FormulaNode[] = [];
        if (!isOp(peek(), ')')) {
          args.push(level(0));
          while (isOp(peek(), ',')) {
            p++;
            args.push(level(0));
          }
        }
        expect(')');
        return { kind: 'call', name: t.text.toUpperCase(), args };
      }
      if (lc === 'true' || lc === 'false') return { kind: 'literal', value: lc === 'true' };
      if (lc === 'null') return { kind: 'literal', value: null };
      const path = [t.text];
      while (isOp(peek(), '.')) {
        p++;
        const n = toks[p++];
        if (n.kind !== 'ident' && n.kind !== 'num')
          throw new FormulaSyntaxError(
            `Syntax error: expected a field name after '.' at column ${n.pos + 1}`
          );
        path.push(n.text);
      }
      return { kind: 'ref', path };
    }
    throw new FormulaSyntaxError(
      t.kind === 'end'
        ? 'Syntax error: the formula ends too early'
        : `Syntax error: unexpected '${t.text}' at column ${t.pos + 1}`
    );
  };
  if (peek().kind === 'end') throw new FormulaSyntaxError('Syntax error: the formula is empty');
  const tree = level(0);
  const rest = peek();
  if (rest.kind !== 'end')
    throw new FormulaSyntaxError(`Syntax error: extra '${rest.text}' at column ${rest.pos + 1}`);
  return tree;
}

/** Every merge field the formula names (paths as written), for dependency checks. */
export function formulaRefs(node: FormulaNode, out: string[][] = []): string[][] {
  switch (node.kind) {
    case 'ref':
      out.push(node.path);
      break;
    case 'call':
      node.args.forEach((a) => formulaRefs(a, out));
      break;
    case 'unary':
      formulaRefs(node.arg, out);
      break;
    case 'binary':
      formulaRefs(node.left, out);
      formulaRefs(node.right, out);
      break;
    default:
      break;
  }
  return out;
}
