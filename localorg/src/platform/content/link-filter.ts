// The query restriction of ContentDocumentLink (Object Reference, "ContentDocumentLink", Usage: "You
// can't run a query without filters against ContentDocumentLink"; in API 59.0 and later the Query All
// Files permission lifts it — the local org does not model that permission, so the restriction always
// applies). The filter the platform accepts is an Id on ContentDocumentId or LinkedEntityId (or the
// link's own Id) with `=` or `IN` (a list, a bind or a semi-join), at the top level of the WHERE
// clause; a negative filter (`!=`, NOT IN) or one under OR does not count. Relationship subqueries
// (`SELECT (SELECT … FROM ContentDocumentLinks) FROM Account`) are filtered by their parent and are
// not checked. The platform's message, quoted in the error:
import type { Condition, Query } from '../soql/ast.ts';
import { QueryException } from '../soql/parser.ts';

export const LINK_FILTER_MESSAGE =
  "Implementation restriction: ContentDocumentLink requires a filter by a single Id on ContentDocumentId or LinkedEntityId using the equals operator or multiple Id's using the IN operator.";

const FILTER_FIELDS = new Set(['contentdocumentid', 'linkedentityid', 'id']);

/** The conditions ANDed at the top level of a WHERE clause. */
function conjuncts(c: Condition | undefined): Condition[] {
  if (!c) return [];
  return c.kind === 'and' ? c.items.flatMap(conjuncts) : [c];
}

/** Throws the platform's QueryException for a top-level query on ContentDocumentLink without its filter. */
export function checkLinkFilter(q: Query): void {
  if (q.from.toLowerCase() !== 'contentdocumentlink') return;
  const ok = conjuncts(q.where).some((c) => {
    if (c.kind !== 'cmp' || !c.left.path || c.left.fn) return false;
    const field = c.left.path[c.left.path.length - 1].toLowerCase();
    const qualifier = c.left.path.length === 2 ? c.left.path[0].toLowerCase() : null;
    if (c.left.path.length > 2 || !FILTER_FIELDS.has(field)) return false;
    if (qualifier && qualifier !== 'contentdocumentlink' && qualifier !== q.alias?.toLowerCase())
      return false;
    if (c.op === '=') return c.value.kind !== 'null';
    return c.op === 'IN';
  });
  if (!ok) throw new QueryException(LINK_FILTER_MESSAGE);
}
