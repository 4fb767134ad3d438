// Custom fields from source (Metadata API Developer Guide, "CustomField"): field types, lengths,
// picklists (and global value sets), formulas, roll-up summaries, lookups and master-detail.
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CatalogField } from './catalog-types.ts';
import { bool, list, readXml, str } from './metadata-xml.ts';

const TYPE_MAP: Record<string, { type: string; apexType: string; length?: number }> = {
  Text: { type: 'string', apexType: 'String' },
  TextArea: { type: 'textarea', apexType: 'String', length: 255 },
  LongTextArea: { type: 'textarea', apexType: 'String' },
  Html: { type: 'textarea', apexType: 'String' },
  EncryptedText: { type: 'encryptedstring', apexType: 'String' },
  Email: { type: 'email', apexType: 'String', length: 80 },
  Phone: { type: 'phone', apexType: 'String', length: 40 },
  Url: { type: 'url', apexType: 'String', length: 255 },
  Picklist: { type: 'picklist', apexType: 'String', length: 255 },
  MultiselectPicklist: { type: 'multipicklist', apexType: 'String', length: 4099 },
  Checkbox: { type: 'boolean', apexType: 'Boolean' },
  Number: { type: 'double', apexType: 'Decimal' },
  Currency: { type: 'currency', apexType: 'Decimal' },
  Percent: { type: 'percent', apexType: 'Decimal' },
  Date: { type: 'date', apexType: 'Date' },
  DateTime: { type: 'datetime', apexType: 'Datetime' },
  Time: { type: 'time', apexType: 'Time' },
  Lookup: { type: 'reference', apexType: 'Id', length: 18 },
  MasterDetail: { type: 'reference', apexType: 'Id', length: 18 },
  MetadataRelationship: { type: 'string', apexType: 'String', length: 255 },
  AutoNumber: { type: 'string', apexType: 'String', length: 30 },
  Location: { type: 'location', apexType: 'Location' }
};

/**
 * A roll-up summary field's type (Salesforce Help, "Roll-Up Summary Field"): COUNT is a number; SUM,
 * MIN and MAX have the type of the summarized child field (read from the child object's source).
 * Its value is not computed (reading it in SOQL fails loudly: no formula engine).
 */
function summaryType(
  path: string,
  f: Record<string, unknown>
): { type: string; apexType: string; length?: number } {
  const op = str(f.summaryOperation).toLowerCase();
  const summarized = str(f.summarizedField);
  if (op === 'count' || !summarized.includes('.')) return TYPE_MAP.Number;
  const [child, field] = summarized.split('.');
  const childFile = join(path, '..', '..', '..', child, 'fields', `${field}.field-meta.xml`);
  const childType = existsSync(childFile) ? str(readXml(childFile).type) : '';
  return TYPE_MAP[childType] ?? TYPE_MAP.Number;
}

/** Global value sets of the sources being loaded, by lower-case name. */
export type GlobalValueSets = Map<
  string,
  { values: string[]; defaultValue?: string; labels?: Record<string, string> }
>;

/** A custom field from its `.field-meta.xml` (Metadata API "CustomField"). */
export function parseField(
  path: string,
  objectName: string,
  globalValueSets: GlobalValueSets | null
): CatalogField {
  const f = readXml(path);
  const name = str(f.fullName) || basename(path, '.field-meta.xml');
  const mdType = str(f.type);
  const formula = str(f.formula);
  const t = formula
    ? (TYPE_MAP[mdType === 'Checkbox' ? 'Checkbox' : mdType] ?? TYPE_MAP.Text)
    : mdType === 'Summary'
      ? summaryType(path, f)
      : TYPE_MAP[mdType];
  if (!t)
    throw new Error(
      `Unsupported by the local org: field type ${mdType} on ${objectName}.${name} (${path})`
    );
  const md = mdType === 'MasterDetail';
  const calculated = !!formula || mdType === 'Summary' || mdType === 'AutoNumber';
  const field: CatalogField = {
    name,
    type: t.type,
    apexType: t.apexType,
    length: Number(str(f.length)) || t.length || 0,
    nillable: !(md || bool(f.required)) && t.type !== 'boolean',
    createable: !calculated,
    updateable: !calculated && !(md && !bool(f.reparentableMasterDetail)),
    defaultedOnCreate:
      f.defaultValue !== undefined || t.type === 'boolean' || mdType === 'AutoNumber',
    label: str(f.label) || name
  };
  if (f.precision !== undefined) field.precision = Number(str(f.precision));
  if (f.scale !== undefined) field.scale = Number(str(f.scale));
  if (f.defaultValue !== undefined) field.defaultValue = str(f.defaultValue);
  if (mdType === 'Lookup' || md) {
    field.referenceTo = [str(f.referenceTo)];
    // Parent side: Connection__c → Connection__r; child side: <relationshipName>__r on the parent.
    field.relationshipName = name.replace(/__c$/, '__r');
    field.childRelationshipName = `${str(f.relationshipName) || name.replace(/__c$/, '')}__r`;
    if (md) {
      field.masterDetail = true;
      field.cascadeDelete = true;
    } else field.deleteConstraint = str(f.deleteConstraint) || 'SetNull';
    if (field.deleteConstraint === 'Cascade') field.cascadeDelete = true;
  }
  if (mdType === 'MetadataRelationship') {
    // A custom metadata relationship (Salesforce Help, "Custom Metadata Relationships"): the field
    // reads as text (the related record's Id, or an EntityDefinition/FieldDefinition durable Id) and
    // X__r follows it to the related custom metadata record, EntityDefinition or FieldDefinition.
    field.referenceTo = [str(f.referenceTo)];
    field.relationshipName = name.replace(/__c$/, '__r');
    field.childRelationshipName = `${str(f.relationshipName) || name.replace(/__c$/, '')}__r`;
    field.metadataRelationship = true;
    const controlling = str(f.metadataRelationshipControllingField);
    if (controlling)
      field.metadataControllingField = controlling.slice(controlling.indexOf('.') + 1);
  }
  if (mdType === 'Picklist' || mdType === 'MultiselectPicklist') {
    const vs = f.valueSet as Record<string, unknown> | undefined;
    const def = vs?.valueSetDefinition as Record<string, unknown> | undefined;
    const values = list(def?.value);
    field.picklistValues = values.map((v) => str(v.fullName));
    const labels = picklistLabelsOf(values);
    if (labels) field.picklistLabels = labels;
    const dflt = values.find((v) => bool(v.default));
    if (dflt && field.defaultValue === undefined) {
      field.defaultValue = str(dflt.fullName);
      field.defaultedOnCreate = true;
    }
    if (bool(vs?.restricted)) field.restrictedPicklist = true;
    if (vs?.valueSetName) {
      // A picklist on a global value set takes that set's values and is always restricted
      // (Salesforce Help, "Create a Global Picklist Value Set").
      const global = globalValueSets?.get(str(vs.valueSetName).toLowerCase());
      if (!global)
        throw new Error(
          `Global value set ${str(vs.valueSetName)} of ${objectName}.${name} is not in the sources (${path})`
        );
      field.picklistValues = [...global.values];
      if (global.labels) field.picklistLabels = { ...global.labels };
      else delete field.picklistLabels;
      field.restrictedPicklist = true;
      if (global.defaultValue !== undefined && field.defaultValue === undefined) {
        field.defaultValue = global.defaultValue;
        field.defaultedOnCreate = true;
      }
    }
  }
  if (bool(f.unique)) field.unique = true;
  if (bool(f.caseSensitive)) field.caseSensitive = true;
  if (bool(f.externalId)) field.externalId = true;
  if (bool(f.externalId) || bool(f.unique)) field.idLookup = true;
  if (calculated) {
    field.calculated = true;
    if (formula) (field as CatalogField & { formula?: string }).formula = formula;
    if (mdType === 'AutoNumber')
      (field as CatalogField & { autoNumberFormat?: string }).autoNumberFormat = str(
        f.displayFormat
      );
    if (mdType === 'Summary') {
      (field as CatalogField & { summary?: string }).summary = str(f.summaryOperation);
      // What the formula engine needs to compute it (platform/formula/rollups.ts).
      Object.assign(field, {
        summarizedField: str(f.summarizedField) || undefined,
        summaryForeignKey: str(f.summaryForeignKey),
        summaryFilterItems: list(f.summaryFilterItems).map((i) => ({
          field: str(i.field),
          operation: str(i.operation),
          value: str(i.value)
        }))
      });
    }
    if (formula) {
      // "Treat blank fields as zeroes" (BlankAsZero) or "as blanks" (CustomField.formulaTreatBlanksAs).
      (field as CatalogField & { blankAsZero?: boolean }).blankAsZero =
        str(f.formulaTreatBlanksAs) !== 'BlankAsBlank';
      if (mdType === 'Percent') (field as CatalogField & { percent?: boolean }).percent = true;
    }
  }
  return field;
}

/**
 * The labels of picklist values (`<value>` of a field's valueSetDefinition or `<customValue>` of a
 * global value set: `fullName` is the API name, `label` what describe and toLabel() show), where
 * they differ from the API names; null when none does.
 */
export function picklistLabelsOf(values: Record<string, unknown>[]): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const v of values) {
    const name = String(v.fullName ?? '');
    const label = v.label === undefined || v.label === null ? '' : String(v.label);
    if (label && label !== name) out[name] = label;
  }
  return Object.keys(out).length ? out : null;
}
