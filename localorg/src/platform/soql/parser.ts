// A recursive-descent parser for SOQL and SOSL text (dynamic queries, and inline queries whose text
// the front end hands over). Grammar: SOQL and SOSL Reference, "SOQL SELECT Syntax", "SOSL Syntax".
// Syntax errors raise QueryException with the platform's "unexpected token" wording.
import type {
  Bind,
  Condition,
  FieldPath,
  Operand,
  OrderItem,
  Query,
  SelectItem,
  SoslQuery,
  Value
} from './ast.ts';

export class QueryException extends Error {
  readonly apexType = 'System.QueryException';
  /**
   * The REST API's errorCode for it (REST API Developer Guide, "Status Codes and Error Responses"):
   * INVALID_FIELD for an unknown field or relationship, INVALID_TYPE for an unknown object,
   * MALFORMED_QUERY otherwise.
   */
  code: 'INVALID_FIELD' | 'INVALID_TYPE' | 'MALFORMED_QUERY' = 'MALFORMED_QUERY';
  /** Offset in the query text of the name at fault, when known. */
  pos?: number;
}

/** A QueryException naming what is at fault in the query text (a field path or an object name). */
export function queryError(
  message: string,
  code: 'INVALID_FIELD' | 'INVALID_TYPE',
  at?: FieldPath | string
): QueryException {
  const e = new QueryException(message);
  e.code = code;
  e.pos = typeof at === 'object' ? pathPositions.get(at) : undefined;
  return e;
}

/** Where each parsed field path starts in its query text (paths are arrays made once per parse). */
const pathPositions = new WeakMap<FieldPath, number>();

/**
 * The message of a query error on the object or field at `e.pos`, as the platform words it for
 * dynamic SOQL and the REST API: the query's line, a caret under the name, "ERROR at Row:R:Column:C"
 * (1-based), then the error. (The platform may show only part of a long line, from a little before
 * the name; here the whole line is shown.)
 */
export function positionedMessage(e: QueryException, text: string): string {
  if (e.pos === undefined) return e.message;
  const before = text.slice(0, e.pos);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const column = e.pos - lineStart + 1;
  const lineEnd = text.indexOf('\n', e.pos);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${e.message}`;
}

type Tok =
  | { t: 'id'; v: string; pos: number }
  | { t: 'str'; v: string; pos: number }
  | { t: 'num'; v: string; pos: number }
  | { t: 'date'; v: string; pos: number }
  | { t: 'datetime'; v: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'bind'; v: string; pos: number }
  | { t: 'search'; v: string; pos: number }
  | { t: 'eof'; v: ''; pos: number };

const DATE_RE = /^\d{4}-\d{2}-\d{2}/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})/;

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = src.slice(i);
    if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= src.length)
          throw new QueryException(`line 1:${i} mismatched character '<EOF>' expecting '''`);
        const ch = src[i];
        if (ch === '\\') {
          const n = src[i + 1];
          // SOQL escapes (Quoted String Escape Sequences); \% and \_ stay escaped for LIKE.
          const map: Record<string, string> = {
            n: '\n',
            r: '\r',
            t: '\t',
            b: '\b',
            f: '\f',
            '"': '"',
            "'": "'",
            '\\': '\\'
          };
          if (n === '%' || n === '_') v += `\\${n}`;
          else if (n !== undefined && map[n] !== undefined) v += map[n];
          else
            throw new QueryException(
              `Invalid string literal '${src.slice(i, i + 2)}'. Illegal character sequence '\\${n ?? ''}' in string literal.`
            );
          i += 2;
          continue;
        }
        if (ch === "'") {
          i++;
          break;
        }
        v += ch;
        i++;
      }
      out.push({ t: 'str', v, pos: i });
      continue;
    }
    if (c === '{') {
      // SOSL search term in braces; a '}' inside is escaped as '\}'.
      let j = i + 1;
      let v = '';
      while (j < src.length && src[j] !== '}') {
        if (src[j] === '\\' && j + 1 < src.length) {
          v += src[j + 1];
          j += 2;
        } else v += src[j++];
      }
      out.push({ t: 'search', v, pos: i });
      i = j + 1;
      continue;
    }
    let m = DATETIME_RE.exec(rest);
    if (m) {
      out.push({ t: 'datetime', v: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    m = DATE_RE.exec(rest);
    if (m && !/^\d{4}-\d{2}-\d{2}\d/.test(rest)) {
      out.push({ t: 'date', v: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    m = /^\d+(\.\d+)?/.exec(rest) ?? /^\.\d+/.exec(rest);
    if (m) {
      out.push({ t: 'num', v: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (m) {
      out.push({ t: 'id', v: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (c === ':') {
      const start = i + 1;
      let j = start;
      while (j < src.length && /\s/.test(src[j])) j++;
      let depth = 0;
      const from = j;
      while (j < src.length) {
        const ch = src[j];
        if (ch === '(' || ch === '[') depth++;
        else if (ch === ')' || ch === ']') {
          if (depth === 0) break;
          depth--;
        } else if (ch === "'") {
          j++;
          while (j < src.length && src[j] !== "'") j += src[j] === '\\' ? 2 : 1;
        } else if (depth === 0 && (/\s/.test(ch) || ch === ',')) break;
        j++;
      }
      const text = src.slice(from, j).trim();
      if (!text) throw new QueryException(`unexpected token: ':'`);
      out.push({ t: 'bind', v: text, pos: i });
      i = j;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '!=' || two === '<>' || two === '<=' || two === '>=') {
      out.push({ t: 'op', v: two === '<>' ? '!=' : two, pos: i });
      i += 2;
      continue;
    }
    if ('=<>(),.+-'.includes(c)) {
      out.push({ t: 'op', v: c, pos: i });
      i++;
      continue;
    }
    throw new QueryException(`line 1:${i} no viable alternative at character '${c}'`);
  }
  out.push({ t: 'eof', v: '', pos: src.length });
  return out;
}

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);
const FUNCTIONS = new Set([
  ...AGGREGATES,
  'TOLABEL',
  'FORMAT',
  'CONVERTCURRENCY',
  'CALENDAR_MONTH',
  'CALENDAR_QUARTER',
  'CALENDAR_YEAR',
  'DAY_IN_MONTH',
  'DAY_IN_WEEK',
  'DAY_IN_YEAR',
  'DAY_ONLY',
  'FISCAL_MONTH',
  'FISCAL_QUARTER',
  'FISCAL_YEAR',
  'HOUR_IN_DAY',
  'WEEK_IN_MONTH',
  'WEEK_IN_YEAR',
  'GROUPING'
]);
// Keywords that end a select list / FROM clause item (so they are not read as aliases).
const CLAUSE_WORDS = new Set([
  'FROM',
  'WHERE',
  'WITH',
  'GROUP',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'FOR',
  'ALL',
  'USING',
  'HAVING',
  'UPDATE',
  'ASC',
  'DESC',
  'NULLS',
  'AND',
  'OR',
  'NOT',
  'LIKE',
  'IN',
  'INCLUDES',
  'EXCLUDES',
  'THEN',
  'WHEN',
  'ELSE',
  'END',
  'RETURNING'
]);

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly text: string
  ) {}

  private peek(o = 0): Tok {
    return this.toks[Math.min(this.i + o, this.toks.length - 1)];
  }
  private next(): Tok {
    return this.toks[this.i++];
  }
  private isWord(w: string, o = 0): boolean {
    const t = this.peek(o);
    return t.t === 'id' && t.v.toUpperCase() === w;
  }
  private isOp(v: string, o = 0): boolean {
    const t = this.peek(o);
    return t.t === 'op' && t.v === v;
  }
  private fail(): never {
    const t = this.peek();
    throw new QueryException(
      t.t === 'eof'
        ? `unexpected token: '<EOF>'`
        : `unexpected token: '${t.t === 'str' ? `'${t.v}'` : t.v}'`
    );
  }
  private word(w: string): void {
    if (!this.isWord(w)) this.fail();
    this.i++;
  }
  private op(v: string): void {
    if (!this.isOp(v)) this.fail();
    this.i++;
  }
  private ident(): string {
    const t = this.peek();
    if (t.t !== 'id') this.fail();
    this.i++;
    return t.v;
  }

  query(sub = false): Query {
    this.word('SELECT');
    const select = this.selectList();
    this.word('FROM');
    let fromPos = this.peek().pos;
    let from = this.ident();
    // SOQL and SOSL Reference, "Using Relationship Queries": a subquery may name its relationship
    // through the outer object, as in (SELECT Contact.LastName FROM Account.Contacts).
    let fromQualifier: string | undefined;
    if (sub && this.isOp('.')) {
      this.next();
      fromQualifier = from;
      fromPos = this.peek().pos;
      from = this.ident();
    }
    let alias: string | undefined;
    if (this.peek().t === 'id' && !CLAUSE_WORDS.has(this.peek().v.toUpperCase()))
      alias = this.ident();
    if (this.isOp(','))
      throw new QueryException('Unsupported by the local org: SOQL with several objects in FROM');
    const q: Query = {
      select,
      from,
      ...(fromQualifier ? { fromQualifier } : {}),
      alias,
      allRows: false,
      forUpdate: false,
      forView: false,
      forReference: false,
      text: this.text,
      fromPos
    };
    if (this.isWord('USING')) {
      this.next();
      this.word('SCOPE');
      q.scope = this.ident();
    }
    if (this.isWord('WHERE')) {
      this.next();
      q.where = this.logical();
    }
    if (this.isWord('WITH')) {
      this.next();
      const w = this.ident().toUpperCase();
      if (w === 'USER_MODE' || w === 'SYSTEM_MODE' || w === 'SECURITY_ENFORCED') q.withMode = w;
      else throw new QueryException(`Unsupported by the local org: WITH ${w}`);
    }
    if (this.isWord('GROUP')) {
      this.next();
      this.word('BY');
      if (this.isWord('ROLLUP') || this.isWord('CUBE')) {
        q.groupByKind = this.ident().toUpperCase() as 'ROLLUP' | 'CUBE';
        throw new QueryException(`Unsupported by the local org: GROUP BY ${q.groupByKind}`);
      }
      q.groupBy = [this.operand()];
      while (this.isOp(',')) {
        this.next();
        q.groupBy.push(this.operand());
      }
      if (this.isWord('HAVING')) {
        this.next();
        q.having = this.logical();
      }
    }
    if (this.isWord('ORDER')) {
      this.next();
      this.word('BY');
      q.orderBy = this.orderList();
    }
    if (this.isWord('LIMIT')) {
      this.next();
      q.limit = this.intOrBind();
    }
    if (this.isWord('OFFSET')) {
      this.next();
      q.offset = this.intOrBind();
    }
    if (!sub && this.isWord('ALL')) {
      this.next();
      this.word('ROWS');
      q.allRows = true;
    }
    while (this.isWord('FOR')) {
      this.next();
      const w = this.ident().toUpperCase();
      if (w === 'UPDATE') q.forUpdate = true;
      else if (w === 'VIEW') q.forView = true;
      else if (w === 'REFERENCE') q.forReference = true;
      else this.fail();
    }
    if (this.isWord('UPDATE')) {
      this.next();
      q.updateTracking = [this.ident().toUpperCase()];
      while (this.isOp(',')) {
        this.next();
        q.updateTracking.push(this.ident().toUpperCase());
      }
    }
    return q;
  }

  private intOrBind(): number | Bind {
    const t = this.next();
    if (t.t === 'num' && /^\d+$/.test(t.v)) return Number(t.v);
    if (t.t === 'bind') return { kind: 'bind', text: t.v };
    this.i--;
    return this.fail();
  }

  private path(): FieldPath {
    const pos = this.peek().pos;
    const p = [this.ident()];
    while (this.isOp('.')) {
      this.next();
      p.push(this.ident());
    }
    pathPositions.set(p, pos);
    return p;
  }

  private alias(): string | undefined {
    const t = this.peek();
    if (t.t === 'id' && !CLAUSE_WORDS.has(t.v.toUpperCase())) return this.ident();
    return undefined;
  }

  private selectList(): SelectItem[] {
    const items: SelectItem[] = [this.selectItem()];
    while (this.isOp(',')) {
      this.next();
      items.push(this.selectItem());
    }
    return items;
  }

  private selectItem(): SelectItem {
    if (this.isOp('(')) {
      this.next();
      const query = this.query(true);
      this.op(')');
      return { kind: 'subquery', query };
    }
    if (this.isWord('TYPEOF')) {
      this.next();
      const path = this.path();
      const whens: { type: string; fields: FieldPath[] }[] = [];
      let elseFields: FieldPath[] = [];
      while (this.isWord('WHEN')) {
        this.next();
        const type = this.ident();
        this.word('THEN');
        whens.push({ type, fields: this.pathList() });
      }
      if (this.isWord('ELSE')) {
        this.next();
        elseFields = this.pathList();
      }
      this.word('END');
      if (!whens.length) this.fail();
      return { kind: 'typeof', path, whens, elseFields };
    }
    if (this.peek().t === 'id' && this.isOp('(', 1)) {
      const fn = this.ident().toUpperCase();
      if (fn === 'FIELDS') {
        this.next();
        const which = this.ident().toUpperCase();
        this.op(')');
        if (which !== 'ALL' && which !== 'STANDARD' && which !== 'CUSTOM') this.fail();
        return { kind: 'fields', which };
      }
      if (!FUNCTIONS.has(fn))
        throw new QueryException(`Unsupported by the local org: SOQL function ${fn}()`);
      this.next();
      let path: FieldPath | undefined;
      let inner: string | undefined;
      if (!this.isOp(')')) {
        if (this.peek().t === 'id' && this.isOp('(', 1)) {
          inner = this.ident().toUpperCase();
          if (inner !== 'CONVERT_TIMEZONE' && inner !== 'CONVERTCURRENCY')
            throw new QueryException(`Unsupported by the local org: ${fn}(${inner}(...))`);
          this.next();
          path = this.path();
          this.op(')');
        } else path = this.path();
      }
      this.op(')');
      return { kind: 'function', fn, path, inner, alias: this.alias() };
    }
    return { kind: 'field', path: this.path(), alias: this.alias() };
  }

  private pathList(): FieldPath[] {
    const out = [this.path()];
    while (
      this.isOp(',') &&
      this.peek(1).t === 'id' &&
      !this.isWord('WHEN', 1) &&
      !this.isWord('ELSE', 1) &&
      !this.isWord('END', 1)
    ) {
      // a comma followed by WHEN/ELSE would be a syntax error anyway; stop at the next select item after END
      this.next();
      out.push(this.path());
    }
    return out;
  }

  private operand(): Operand {
    if (this.peek().t === 'id' && this.isOp('(', 1)) {
      const fn = this.ident().toUpperCase();
      if (!FUNCTIONS.has(fn))
        throw new QueryException(`Unsupported by the local org: SOQL function ${fn}()`);
      this.next();
      let path: FieldPath | undefined;
      let fnInner: string | undefined;
      if (!this.isOp(')')) {
        if (this.peek().t === 'id' && this.isOp('(', 1)) {
          fnInner = this.ident().toUpperCase();
          this.next();
          path = this.path();
          this.op(')');
        } else path = this.path();
      }
      this.op(')');
      return { fn, path, fnInner };
    }
    return { path: this.path() };
  }

  private orderList(): OrderItem[] {
    const out: OrderItem[] = [];
    do {
      if (out.length) this.next();
      const operand = this.operand();
      let desc = false;
      if (this.isWord('ASC')) this.next();
      else if (this.isWord('DESC')) {
        this.next();
        desc = true;
      }
      // "By default, null values are sorted first." (SOQL and SOSL Reference, ORDER BY)
      let nullsLast = false;
      if (this.isWord('NULLS')) {
        this.next();
        const w = this.ident().toUpperCase();
        if (w === 'LAST') nullsLast = true;
        else if (w !== 'FIRST') this.fail();
      }
      out.push({ operand, desc, nullsLast });
    } while (this.isOp(','));
    return out;
  }

  logical(): Condition {
    if (this.isWord('NOT')) {
      this.next();
      return { kind: 'not', item: this.conditional() };
    }
    const first = this.conditional();
    if (this.isWord('AND') || this.isWord('OR')) {
      const kw = this.peek().v.toUpperCase();
      const items = [first];
      while (this.isWord(kw)) {
        this.next();
        items.push(this.conditional());
      }
      if (this.isWord('AND') || this.isWord('OR')) this.fail(); // mixing AND/OR needs parentheses
      return { kind: kw === 'AND' ? 'and' : 'or', items };
    }
    return first;
  }

  private conditional(): Condition {
    if (this.isOp('(')) {
      this.next();
      const c = this.logical();
      this.op(')');
      return c;
    }
    const left = this.operand();
    let op: string;
    const t = this.next();
    if (t.t === 'op' && ['=', '!=', '<', '>', '<=', '>='].includes(t.v)) op = t.v;
    else if (t.t === 'id') {
      op = t.v.toUpperCase();
      if (op === 'NOT') {
        this.word('IN');
        op = 'NOT IN';
      } else if (!['LIKE', 'IN', 'INCLUDES', 'EXCLUDES'].includes(op)) {
        this.i--;
        this.fail();
      }
    } else {
      this.i--;
      this.fail();
    }
    return { kind: 'cmp', left, op, value: this.value() };
  }

  private value(): Value {
    const t = this.next();
    switch (t.t) {
      case 'str':
        return { kind: 'string', v: t.v };
      case 'num':
        return { kind: 'number', text: t.v };
      case 'date':
        return { kind: 'date', v: t.v };
      case 'datetime':
        return { kind: 'datetime', v: t.v };
      case 'bind':
        return { kind: 'bind', text: t.v };
      case 'op':
        if (t.v === '-' || t.v === '+') {
          const n = this.next();
          if (n.t !== 'num') this.fail();
          return { kind: 'number', text: t.v === '-' ? `-${n.v}` : n.v };
        }
        if (t.v === '(') {
          if (this.isWord('SELECT')) {
            const query = this.query(true);
            this.op(')');
            return { kind: 'subquery', query };
          }
          const items = [this.value()];
          while (this.isOp(',')) {
            this.next();
            items.push(this.value());
          }
          this.op(')');
          return { kind: 'list', items };
        }
        break;
      case 'id': {
        const w = t.v.toUpperCase();
        if (w === 'NULL') return { kind: 'null' };
        if (w === 'TRUE' || w === 'FALSE') return { kind: 'bool', v: w === 'TRUE' };
        if (/^[A-Z]{3}\d/.test(t.v) && /^[A-Z]{3}[\d.]+$/.test(t.v))
          return { kind: 'number', text: t.v.slice(3) }; // currency literal USD5000
        if (this.isOp(':') || (this.peek().t === 'bind' && /^-?\d+$/.test(this.peek().v))) {
          const b = this.next();
          return { kind: 'dateLiteral', name: w, n: Number(b.v) };
        }
        return { kind: 'dateLiteral', name: w };
      }
    }
    this.i--;
    return this.fail();
  }

  sosl(): SoslQuery {
    this.word('FIND');
    const s = this.next();
    let search: string | Bind;
    if (s.t === 'search' || s.t === 'str') search = s.v;
    else if (s.t === 'bind') search = { kind: 'bind', text: s.v };
    else {
      this.i--;
      return this.fail();
    }
    const q: SoslQuery = { search, group: 'ALL', returning: [], text: this.text };
    if (this.isWord('IN')) {
      this.next();
      q.group = this.ident().toUpperCase() as SoslQuery['group'];
      this.word('FIELDS');
    }
    if (this.isWord('RETURNING')) {
      this.next();
      do {
        if (q.returning.length) this.next();
        const object = this.ident();
        const spec: SoslQuery['returning'][number] = { object, fields: [] };
        if (this.isOp('(')) {
          this.next();
          spec.fields.push(this.path());
          while (this.isOp(',')) {
            this.next();
            spec.fields.push(this.path());
          }
          if (this.isWord('WHERE')) {
            this.next();
            spec.where = this.logical();
          }
          if (this.isWord('ORDER')) {
            this.next();
            this.word('BY');
            spec.orderBy = this.orderList();
          }
          if (this.isWord('LIMIT')) {
            this.next();
            spec.limit = this.intOrBind();
          }
          this.op(')');
        }
        q.returning.push(spec);
      } while (this.isOp(','));
    }
    while (this.isWord('WITH'))
      throw new QueryException(`Unsupported by the local org: SOSL WITH ${this.peek(1).v}`);
    if (this.isWord('LIMIT')) {
      this.next();
      q.limit = this.intOrBind();
    }
    return q;
  }

  end(): void {
    if (this.peek().t !== 'eof') this.fail();
  }
}

const cache = new Map<string, Query>();

/** Parses SOQL text (without brackets). Results are cached by text: parsing is pure. */
export function parseSoql(text: string): Query {
  const hit = cache.get(text);
  if (hit) return hit;
  const p = new Parser(tokenize(text), text);
  const q = p.query();
  p.end();
  if (cache.size > 5000) cache.clear();
  cache.set(text, q);
  return q;
}

export function parseSosl(text: string): SoslQuery {
  const p = new Parser(tokenize(text), text);
  const q = p.sosl();
  p.end();
  return q;
}
