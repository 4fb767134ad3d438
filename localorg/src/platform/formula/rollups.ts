// Roll-up summary fields (Salesforce Help, "Roll-Up Summary Field"; Metadata API, CustomField
// summaryOperation / summarizedField / summaryForeignKey / summaryFilterItems): COUNT, SUM, MIN or
// MAX of the master's live detail records that meet the filter criteria. Computed from the store
// when the master is read, so the value follows every detail insert, update, delete, undelete and
// rollback at once, as the platform recalculates it on each detail save.
import { ApexDate, ApexDatetime, ApexDecimal, type ApexValue } from '../../runtime/values.ts';
import type { CatalogField } from '../schema/catalog-types.ts';
import type { SObjectSchema } from '../schema/schema.ts';
import { textKeyer } from '../data/index.ts';
import type { FormulaHost, RecordLike } from './record-env.ts';
import { fromApex, isBlank, type FValue } from './values.ts';

export type SummaryField = CatalogField & {
  summary: string;
  summarizedField?: string;
  summaryForeignKey: string;
  summaryFilterItems?: { field: string; operation: string; value: string }[];
};

type Computed = (object: SObjectSchema, rec: RecordLike, f: CatalogField) => ApexValue;

const afterDot = (s: string): string => s.slice(s.indexOf('.') + 1);

export function rollupValue(
  host: FormulaHost,
  master: SObjectSchema,
  rec: RecordLike,
  f: SummaryField,
  computed: Computed
): ApexValue {
  const id = rec.values.get('id');
  const op = f.summary.toLowerCase();
  const detailName = f.summaryForeignKey.slice(0, f.summaryForeignKey.indexOf('.'));
  const detail = host.schema.get(detailName);
  const fk = detail?.field(afterDot(f.summaryForeignKey));
  if (!detail || !fk)
    throw new Error(
      `Roll-up summary ${master.name}.${f.name}: no field ${f.summaryForeignKey} (summaryForeignKey)`
    );
  const summarized = f.summarizedField ? detail.field(afterDot(f.summarizedField)) : undefined;
  if (op !== 'count' && !summarized)
    throw new Error(`Roll-up summary ${master.name}.${f.name}: no summarized field`);
  const filters = (f.summaryFilterItems ?? []).map((i) => {
    const field = detail.field(afterDot(i.field));
    if (!field)
      throw new Error(`Roll-up summary ${master.name}.${f.name}: no filter field ${i.field}`);
    return { field, operation: i.operation, value: i.value };
  });
  const read = (row: RecordLike, field: CatalogField): FValue => {
    const c = field as CatalogField & { formula?: string; summary?: string };
    return fromApex(
      c.formula || c.summary
        ? computed(detail, row, field)
        : row.values.get(field.name.toLowerCase())
    );
  };
  let count = 0;
  let acc: FValue = null;
  if (id !== undefined && id !== null) {
    const key = String(id);
    for (const row of host.store.lookup(
      detail.name,
      fk.name.toLowerCase(),
      textKeyer,
      key.toLowerCase()
    )) {
      if (row.deleted || String(row.values.get(fk.name.toLowerCase()) ?? '') !== key) continue;
      if (!filters.every((flt) => matches(read(row, flt.field), flt.operation, flt.value)))
        continue;
      count++;
      if (op === 'count' || !summarized) continue;
      const v = read(row, summarized);
      if (v === null) continue;
      if (acc === null) acc = v;
      else if (op === 'sum' && acc instanceof ApexDecimal && v instanceof ApexDecimal)
        acc = acc.add(v);
      else if (op === 'min' || op === 'max') {
        const c = compareValues(v, acc);
        if ((op === 'min' && c < 0) || (op === 'max' && c > 0)) acc = v;
      }
    }
  }
  if (op === 'count') return ApexDecimal.fromInt(count);
  // A SUM over no records is 0; MIN and MAX over none are blank.
  if (op === 'sum') {
    const sum = acc instanceof ApexDecimal ? acc : ApexDecimal.fromInt(0);
    return f.scale === undefined ? sum : sum.withScale(f.scale, 'HALF_UP');
  }
  return acc;
}

function compareValues(a: FValue, b: FValue): number {
  if (a instanceof ApexDecimal && b instanceof ApexDecimal) return a.compareTo(b);
  const key = (v: FValue): number | string =>
    v instanceof ApexDate
      ? v.toEpochDay()
      : v instanceof ApexDatetime
        ? v.epochMs
        : String(v ?? '');
  const x = key(a);
  const y = key(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A filter item ("Roll-Up Summary Field": filter criteria); a comma-separated value means any of them. */
function matches(v: FValue, operation: string, value: string): boolean {
  const values = value.split(',').map((s) => s.trim());
  const asText = v === null ? '' : v instanceof ApexDecimal ? v.toPlainString() : String(v);
  const cmp = (w: string): number => {
    if (v instanceof ApexDecimal && /^-?\d+(\.\d+)?$/.test(w))
      return v.compareTo(ApexDecimal.fromString(w));
    return asText.toLowerCase() < w.toLowerCase()
      ? -1
      : asText.toLowerCase() > w.toLowerCase()
        ? 1
        : 0;
  };
  switch (operation.toLowerCase()) {
    case 'equals':
      if (typeof v === 'boolean') return values.some((w) => String(v) === w.toLowerCase());
      return values.some((w) => (w === '' ? isBlank(v) : !isBlank(v) && cmp(w) === 0));
    case 'notequal':
      if (typeof v === 'boolean') return values.every((w) => String(v) !== w.toLowerCase());
      return values.every((w) => (w === '' ? !isBlank(v) : isBlank(v) || cmp(w) !== 0));
    case 'lessthan':
      return !isBlank(v) && cmp(values[0]) < 0;
    case 'greaterthan':
      return !isBlank(v) && cmp(values[0]) > 0;
    case 'lessorequal':
      return !isBlank(v) && cmp(values[0]) <= 0;
    case 'greaterorequal':
      return !isBlank(v) && cmp(values[0]) >= 0;
    case 'contains':
      return values.some((w) => asText.toLowerCase().includes(w.toLowerCase()));
    case 'notcontain':
      return values.every((w) => !asText.toLowerCase().includes(w.toLowerCase()));
    case 'startswith':
      return values.some((w) => asText.toLowerCase().startsWith(w.toLowerCase()));
    case 'includes':
      return values.some((w) => asText.split(';').includes(w));
    case 'excludes':
      return values.every((w) => !asText.split(';').includes(w));
    default:
      throw new Error(
        `Unsupported by the local org: roll-up summary filter operation ${operation}`
      );
  }
}
