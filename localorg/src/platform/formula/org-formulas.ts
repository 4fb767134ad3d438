// An org's formulas: formula fields computed when a record is read (SOQL, Formula.recalculateFormulas),
// roll-up summary fields computed from the master's detail records, active validation rules checked
// on save, and default value formulas on insert. Objects without formulas, summaries or rules pay
// nothing: `computedFields` and `rules` are looked up once per object.
import {
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexTime,
  type ApexValue
} from '../../runtime/values.ts';
import type { CatalogField } from '../schema/catalog-types.ts';
import type { SObjectSchema } from '../schema/schema.ts';
import type { ValidationRuleMeta } from '../schema/metadata.ts';
import { parseFormula, FormulaSyntaxError, type FormulaNode } from './parse.ts';
import { evaluate } from './evaluate.ts';
import { RecordEnv, type FormulaHost, type RecordLike } from './record-env.ts';
import { rollupValue, type SummaryField } from './rollups.ts';
import { FormulaError, isBlank, type FValue } from './values.ts';

export type { FormulaHost, RecordLike } from './record-env.ts';

type FormulaField = CatalogField & {
  formula?: string;
  summary?: string;
  blankAsZero?: boolean;
  percent?: boolean;
  /** A managed package's field: its formula names fields in this namespace first. */
  namespace?: string;
};

/** A failed validation rule: its message, and the field it shows on (none: the record). */
export interface RuleFailure {
  rule: string;
  message: string;
  field: string | null;
}

export class OrgFormulas {
  private readonly parsed = new Map<string, FormulaNode>();
  private readonly computedByObject = new Map<string, FormulaField[]>();
  private readonly rulesByObject = new Map<string, ValidationRuleMeta[]>();
  /** formula fields being computed now, to stop a formula that reaches itself */
  private readonly computing = new Set<string>();

  constructor(private readonly host: FormulaHost) {}

  /** Parses once per text; a syntax error is a compile error (FormulaError). */
  parse(text: string): FormulaNode {
    let node = this.parsed.get(text);
    if (!node) {
      try {
        node = parseFormula(text);
      } catch (e) {
        if (e instanceof FormulaSyntaxError) throw new FormulaError(e.message, 'compile');
        throw e;
      }
      this.parsed.set(text, node);
    }
    return node;
  }

  /** The formula and roll-up summary fields of an object (empty for most objects). */
  computedFields(object: SObjectSchema): FormulaField[] {
    const key = object.name.toLowerCase();
    let out = this.computedByObject.get(key);
    if (!out) {
      out = (object.fields() as FormulaField[]).filter((f) => f.formula || f.summary);
      this.computedByObject.set(key, out);
    }
    return out;
  }

  isComputed(f: CatalogField): boolean {
    return !!((f as FormulaField).formula || (f as FormulaField).summary);
  }

  /**
   * A formula or roll-up summary field's value for a record, as SOQL returns it: converted to the
   * field's type and rounded to its scale. A formula that fails at run time (division by zero...)
   * reads as null, as the API returns a field the UI shows as #Error!.
   */
  value = (object: SObjectSchema, rec: RecordLike, field: CatalogField): ApexValue => {
    const f = field as FormulaField;
    if (f.summary) return rollupValue(this.host, object, rec, f as SummaryField, this.value);
    const key = `${object.name}.${f.name}`;
    if (this.computing.has(key))
      throw new FormulaError(`Formula field ${key} refers to itself`, 'compile');
    this.computing.add(key);
    try {
      const env = new RecordEnv(this.host, this.value, object, rec, {
        blankAsZero: f.blankAsZero ?? true
      });
      // A formula names fields in the namespace of its metadata: a managed package's without the
      // prefix (schema/metadata-namespace.ts), the org's own with it, whoever saves the record.
      const result = this.host.schema.names.within(f.namespace ?? null, () =>
        evaluate(this.parse(f.formula ?? ''), env)
      );
      return this.toFieldValue(f, result);
    } catch (e) {
      if (e instanceof FormulaError && e.kind === 'runtime') return null;
      if (e instanceof FormulaError)
        throw new FormulaError(`Formula field ${key}: ${e.message}`, 'compile');
      throw e;
    } finally {
      this.computing.delete(key);
    }
  };

  /** Converts a formula result to what the field stores: its Apex type, its scale. */
  toFieldValue(f: FormulaField, v: FValue): ApexValue {
    if (f.type === 'boolean') return v === true;
    if (isBlank(v)) return null;
    switch (f.apexType) {
      case 'Decimal':
      case 'Double':
      case 'Integer':
      case 'Long': {
        if (!(v instanceof ApexDecimal)) return this.mismatch(f, v);
        // A percent formula's result is a fraction; the field holds it as a percentage.
        const n = f.percent ? v.multiply(ApexDecimal.fromInt(100)) : v;
        if (f.apexType === 'Integer') return Number(n.withScale(0, 'HALF_UP').unscaled);
        if (f.apexType === 'Long') return n.withScale(0, 'HALF_UP').unscaled;
        return f.scale === undefined ? n : n.withScale(f.scale, 'HALF_UP');
      }
      case 'Date':
        return v instanceof ApexDate ? v : this.mismatch(f, v);
      case 'Datetime':
        return v instanceof ApexDatetime ? v : this.mismatch(f, v);
      case 'Time':
        return v instanceof ApexTime ? v : this.mismatch(f, v);
      default:
        if (typeof v !== 'string') return this.mismatch(f, v);
        // A text formula's result is at most 3,900 characters ("Formula Field Limits and Restrictions").
        return v.length > 3900 ? v.slice(0, 3900) : v;
    }
  }

  private mismatch(f: CatalogField, v: FValue): never {
    throw new FormulaError(
      `Formula result is data type (${v === null ? 'Null' : v.constructor.name.replace(/^Apex/, '')}), incompatible with expected data type (${f.apexType}) for ${f.name}`,
      'compile'
    );
  }

  /** Active validation rules of an object, in name order. */
  rules(object: SObjectSchema): ValidationRuleMeta[] {
    const key = object.name.toLowerCase();
    let out = this.rulesByObject.get(key);
    if (!out) {
      out = this.host.metadata.validationRules
        .filter((r) => r.active && r.object.toLowerCase() === key)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      this.rulesByObject.set(key, out);
    }
    return out;
  }

  /**
   * The active validation rules that fail for a record about to be saved (error condition true).
   * `old` is the stored record on update, null on insert (ISNEW, ISCHANGED, PRIORVALUE).
   */
  validate(object: SObjectSchema, rec: RecordLike, old: RecordLike | null): RuleFailure[] {
    const failures: RuleFailure[] = [];
    for (const rule of this.rules(object)) {
      const env = new RecordEnv(this.host, this.value, object, rec, {
        blankAsZero: false,
        old,
        validation: true
      });
      let fails: FValue;
      try {
        fails = this.host.schema.names.within(rule.namespace ?? null, () =>
          evaluate(this.parse(rule.formula), env)
        );
      } catch (e) {
        if (e instanceof FormulaError && e.kind === 'runtime') continue;
        if (e instanceof FormulaError)
          throw new FormulaError(
            `Validation rule ${object.name}.${rule.name}: ${e.message}`,
            'compile'
          );
        throw e;
      }
      if (fails !== null && typeof fails !== 'boolean')
        throw new FormulaError(
          `Validation rule ${object.name}.${rule.name}: the error condition must be a Boolean`,
          'compile'
        );
      if (fails === true)
        failures.push({
          rule: rule.name,
          message: rule.message,
          field: rule.field
            ? (this.host.schema.names.within(rule.namespace ?? null, () =>
                object.field(rule.field ?? '')
              )?.name ?? rule.field)
            : null
        });
    }
    return failures;
  }

  /** A default value formula's value on insert (it sees globals and functions, not the record). */
  defaultValue(object: SObjectSchema, f: CatalogField, text: string): ApexValue {
    const env = new RecordEnv(this.host, this.value, object, null, { blankAsZero: false });
    try {
      return this.toFieldValue(f as FormulaField, evaluate(this.parse(text), env));
    } catch (e) {
      if (e instanceof FormulaError)
        throw new FormulaError(
          `Default value formula of ${object.name}.${f.name}: ${e.message}`,
          e.kind
        );
      throw e;
    }
  }

  /** An environment with the global variables and no record (FormulaEval reads its context itself). */
  globalsEnv(blankAsZero: boolean): RecordEnv {
    return new RecordEnv(this.host, this.value, null, null, { blankAsZero });
  }

  /** Formula.recalculateFormulas: the object's formula fields set on the record itself. */
  recalculate(
    object: SObjectSchema,
    rec: RecordLike & { set(f: string, v: ApexValue): void }
  ): void {
    for (const f of this.computedFields(object))
      if (f.formula) rec.set(f.name, this.value(object, rec, f));
  }
}
