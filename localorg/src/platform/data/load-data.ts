// Test.loadData: test records from a CSV static resource, with lookups between the rows of this
// and earlier loads of the same test method through the CSV `Id` column.
import {
  ApexId,
  ApexList,
  ApexSObject,
  NativeObject,
  typeRef,
  type ApexValue
} from '../../runtime/values.ts';
import type { NativeCallContext } from '../../runtime/platform.ts';
import type { Schema } from '../schema/schema.ts';
import type { StaticResourceMeta } from '../schema/metadata.ts';
import { resourceBody } from '../schema/metadata-types.ts';
import { ConvertError, jsToApex } from './convert.ts';

/** What loading test data needs of the org. */
export interface LoadDataHost {
  readonly schema: Schema;
  staticResource(name: string): StaticResourceMeta | undefined;
  /** One all-or-none insert DML of the records, as Apex would run it. */
  insert(ctx: NativeCallContext, records: ApexSObject[]): void;
}

export class TestDataLoader {
  /** The CSV `Id` column's names → the Ids of the records inserted for them (this test method). */
  private readonly ids = new Map<string, string>();

  constructor(private readonly host: LoadDataHost) {}

  /** Forgets the names of earlier loads (a new test method). */
  reset(): void {
    this.ids.clear();
  }

  /**
   * Test.loadData (Apex Reference, "Test Class"; Apex Developer Guide, "Loading Test Data"): the
   * records of a CSV static resource (first line: field names), inserted in one DML. An `Id` column
   * only names rows: a lookup holding such a name, from this or an earlier loadData of the test,
   * gets the inserted record's Id.
   */
  load(ctx: NativeCallContext, sobjectType: ApexValue, resourceName: string): ApexValue {
    const type =
      sobjectType instanceof NativeObject
        ? String((sobjectType.state as { object?: string }).object ?? '')
        : '';
    const object = this.host.schema.get(type);
    if (!object) return ctx.throwApex('System.NullPointerException', 'Argument cannot be null.');
    const resource = this.host.staticResource(resourceName);
    if (!resource)
      return ctx.throwApex('System.StringException', `Static resource not found: ${resourceName}`);
    const [header, ...rows] = parseCsv(
      resourceBody(resource)
        .toString('utf8')
        .replace(/^\uFEFF/, '')
    );
    const fields = (header ?? []).map((name) => {
      if (name.trim().toLowerCase() === 'id') return null;
      const f = object.field(name.trim());
      if (!f)
        return ctx.throwApex(
          'System.SObjectException',
          `Invalid field ${name.trim()} for ${object.name}`
        );
      return f;
    });
    const names: (string | null)[] = [];
    const records = rows
      .filter((row) => row.some((cell) => cell !== ''))
      .map((row) => {
        const rec = new ApexSObject(object.name);
        let name: string | null = null;
        (header ?? []).forEach((_, i) => {
          const f = fields[i];
          const cell = row[i] ?? '';
          if (f === null) {
            name = cell || null;
            return;
          }
          if (cell === '' || f === undefined) return;
          const placeholder = f.type === 'reference' ? this.ids.get(cell) : undefined;
          try {
            rec.set(f.name, placeholder ? new ApexId(placeholder) : jsToApex(f, cell));
          } catch (e) {
            if (e instanceof ConvertError) ctx.throwApex('System.TypeException', e.message);
            throw e;
          }
        });
        names.push(name);
        return rec;
      });
    this.host.insert(ctx, records);
    records.forEach((r, i) => {
      const name = names[i];
      const id = r.raw('Id');
      if (name && id instanceof ApexId) this.ids.set(name, id.value);
    });
    return new ApexList(typeRef('SObject'), records);
  }
}

/** RFC 4180 CSV: quoted cells may hold commas, line breaks and doubled quotes; CRLF or LF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
