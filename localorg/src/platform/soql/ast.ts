// The parsed form of a SOQL query (SOQL and SOSL Reference, "SOQL SELECT Syntax").

export interface Bind {
  kind: 'bind';
  /** The Apex expression after ':' as written, e.g. `ids`, `acc.Id`, `(a + b)` */
  text: string;
}

export type Value =
  | { kind: 'null' }
  | { kind: 'bool'; v: boolean }
  | { kind: 'number'; text: string }
  | { kind: 'string'; v: string }
  | { kind: 'date'; v: string } // yyyy-mm-dd
  | { kind: 'datetime'; v: string } // ISO 8601 with zone
  | { kind: 'dateLiteral'; name: string; n?: number }
  | { kind: 'list'; items: Value[] }
  | { kind: 'subquery'; query: Query }
  | Bind;

export type FieldPath = string[];

export type SelectItem =
  | { kind: 'field'; path: FieldPath; alias?: string }
  | { kind: 'function'; fn: string; path?: FieldPath; alias?: string; inner?: string }
  | { kind: 'subquery'; query: Query }
  | {
      kind: 'typeof';
      path: FieldPath;
      whens: { type: string; fields: FieldPath[] }[];
      elseFields: FieldPath[];
    }
  | { kind: 'fields'; which: 'ALL' | 'STANDARD' | 'CUSTOM' };

export interface Operand {
  path?: FieldPath;
  fn?: string; // aggregate or date function in WHERE/HAVING
  fnInner?: string; // CONVERT_TIMEZONE inside a date function
}

export type Condition =
  | { kind: 'and'; items: Condition[] }
  | { kind: 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'cmp'; left: Operand; op: string; value: Value };

export interface OrderItem {
  operand: Operand;
  desc: boolean;
  nullsLast: boolean;
}

export interface Query {
  select: SelectItem[];
  from: string;
  /** a subquery's `FROM Account.Contacts`: the outer object (or its alias) naming the relationship */
  fromQualifier?: string;
  alias?: string;
  scope?: string;
  where?: Condition;
  withMode?: 'USER_MODE' | 'SYSTEM_MODE' | 'SECURITY_ENFORCED';
  groupBy?: Operand[];
  groupByKind?: 'ROLLUP' | 'CUBE';
  having?: Condition;
  orderBy?: OrderItem[];
  limit?: number | Bind;
  offset?: number | Bind;
  allRows: boolean;
  forUpdate: boolean;
  forView: boolean;
  forReference: boolean;
  updateTracking?: string[];
  /** the query text, for traces and messages */
  text: string;
  /** offset in `text` of the object name after FROM (for "ERROR at Row:R:Column:C") */
  fromPos?: number;
}

export interface SoslQuery {
  search: string | Bind;
  group: 'ALL' | 'NAME' | 'EMAIL' | 'PHONE' | 'SIDEBAR';
  returning: {
    object: string;
    fields: FieldPath[];
    where?: Condition;
    orderBy?: OrderItem[];
    limit?: number | Bind;
  }[];
  limit?: number | Bind;
  text: string;
}
