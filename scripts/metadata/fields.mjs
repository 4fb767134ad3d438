// @ts-check
// Required elements of a custom field, by field type (Metadata API CustomField). A field missing one
// is rejected at deploy; `sf project convert source` does not notice.

/**
 * @typedef {Record<string, unknown>} Xml a parsed element: child name -> text, element or array
 */

/**
 * Elements each field type needs. Formula fields (with <formula>) only need <type>, checked apart.
 * @type {Record<string, string[]>}
 */
export const REQUIRED_BY_TYPE = {
  Text: ['length'],
  TextArea: [],
  LongTextArea: ['length', 'visibleLines'],
  Html: ['length', 'visibleLines'],
  EncryptedText: ['length', 'maskChar', 'maskType'],
  Email: [],
  Phone: [],
  Url: [],
  Number: ['precision', 'scale'],
  Currency: ['precision', 'scale'],
  Percent: ['precision', 'scale'],
  Checkbox: ['defaultValue'],
  Date: [],
  DateTime: [],
  Time: [],
  Picklist: ['valueSet'],
  MultiselectPicklist: ['valueSet', 'visibleLines'],
  Lookup: ['referenceTo', 'relationshipName'],
  MasterDetail: ['referenceTo', 'relationshipName', 'relationshipLabel'],
  ExternalLookup: ['referenceTo', 'relationshipName'],
  IndirectLookup: ['referenceTo', 'relationshipName'],
  Hierarchy: ['relationshipName'],
  MetadataRelationship: ['referenceTo', 'relationshipName'],
  AutoNumber: ['displayFormat'],
  Summary: ['summaryForeignKey', 'summaryOperation'],
  Location: ['displayLocationInDecimal', 'scale']
};

/** Field types a platform event (__e) may have. */
const EVENT_FIELD_TYPES = new Set([
  'Text',
  'LongTextArea',
  'Number',
  'Checkbox',
  'Date',
  'DateTime'
]);

/**
 * @param {unknown} v
 * @returns {string | undefined}
 */
export function text(v) {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') {
    const t = /** @type {Record<string, unknown>} */ (v)['#text'];
    return t === undefined ? '' : String(t);
  }
  return String(v);
}

/**
 * Problems of one custom field (`rule: message`), without location.
 * @param {Xml} field the <CustomField> element
 * @param {string} objectName
 * @returns {string[]}
 */
export function checkField(field, objectName) {
  /** @type {string[]} */
  const problems = [];
  const type = text(field.type);
  const isFormula = field.formula !== undefined;
  if (!text(field.label) && !objectName.endsWith('__mdt')) {
    problems.push('field/label: a custom field needs <label>');
  }
  if (!type) {
    problems.push('field/type: a custom field needs <type>');
    return problems;
  }
  const required = REQUIRED_BY_TYPE[type];
  if (!required) {
    problems.push(
      `field/type: unknown field type "${type}" (known: ${Object.keys(REQUIRED_BY_TYPE).join(', ')})`
    );
    return problems;
  }
  if (objectName.endsWith('__e') && !EVENT_FIELD_TYPES.has(type)) {
    problems.push(`field/type: a platform event field cannot be of type ${type}`);
  }
  if (!isFormula) {
    for (const element of required) {
      if (field[element] === undefined || (text(field[element]) === '' && element !== 'valueSet')) {
        problems.push(`field/required: a ${type} field needs <${element}>`);
      }
    }
  }
  problems.push(...checkRanges(field, type, isFormula));
  if ((type === 'Picklist' || type === 'MultiselectPicklist') && field.valueSet !== undefined) {
    const valueSet = /** @type {Xml} */ (field.valueSet);
    const definition = /** @type {Xml | undefined} */ (valueSet.valueSetDefinition);
    const values = definition ? [definition.value ?? []].flat() : [];
    if (!text(valueSet.valueSetName) && values.length === 0) {
      problems.push(
        'field/valueSet: a picklist needs <valueSetName> or <valueSetDefinition> with at least one <value>'
      );
    }
    for (const v of values) {
      if (!text(/** @type {Xml} */ (v).fullName))
        problems.push('field/valueSet: a picklist value needs <fullName>');
    }
  }
  return problems;
}

/**
 * Numeric limits of the Metadata API for length, precision and scale.
 * @param {Xml} field
 * @param {string} type
 * @param {boolean} isFormula
 * @returns {string[]}
 */
function checkRanges(field, type, isFormula) {
  /** @type {string[]} */
  const problems = [];
  const num = (/** @type {string} */ name) => {
    const t = text(field[name]);
    return t === undefined ? undefined : Number(t);
  };
  const length = num('length');
  if (type === 'Text' && length !== undefined && !(length >= 1 && length <= 255)) {
    problems.push(`field/length: Text length must be 1..255, is ${length}`);
  }
  if (
    (type === 'LongTextArea' || type === 'Html') &&
    length !== undefined &&
    !(length >= 256 && length <= 131072)
  ) {
    problems.push(`field/length: ${type} length must be 256..131072, is ${length}`);
  }
  const precision = num('precision');
  const scale = num('scale');
  if (!isFormula && precision !== undefined && scale !== undefined) {
    if (!(precision >= 1 && precision <= 18))
      problems.push(`field/precision: precision must be 1..18, is ${precision}`);
    if (!(scale >= 0 && scale <= precision))
      problems.push(`field/scale: scale must be 0..precision, is ${scale}`);
  }
  if (type === 'Checkbox' && !isFormula) {
    const dv = text(field.defaultValue);
    if (dv !== undefined && dv !== 'true' && dv !== 'false') {
      problems.push(`field/defaultValue: a Checkbox default must be true or false, is "${dv}"`);
    }
  }
  return problems;
}

/**
 * Problems of a custom object's own file (`rule: message`).
 * @param {Xml} object the <CustomObject> element
 * @param {string} name
 * @returns {string[]}
 */
export function checkObject(object, name) {
  /** @type {string[]} */
  const problems = [];
  if (!/__(c|e|mdt|b|x)$/.test(name)) return problems; // standard object: only its children are ours
  if (!text(object.label)) problems.push('object/label: a custom object needs <label>');
  if (
    !text(object.pluralLabel) &&
    !name.endsWith('__mdt') &&
    object.customSettingsType === undefined
  ) {
    problems.push('object/pluralLabel: a custom object needs <pluralLabel>');
  }
  if (name.endsWith('__c') && object.customSettingsType === undefined) {
    const nameField = /** @type {Xml | undefined} */ (object.nameField);
    if (!nameField) problems.push('object/nameField: a custom object needs <nameField>');
    else {
      const t = text(nameField.type);
      if (t !== 'Text' && t !== 'AutoNumber')
        problems.push('object/nameField: <nameField> needs <type> Text or AutoNumber');
      if (!text(nameField.label)) problems.push('object/nameField: <nameField> needs <label>');
      if (t === 'AutoNumber' && !text(nameField.displayFormat)) {
        problems.push('object/nameField: an AutoNumber name needs <displayFormat>');
      }
    }
  }
  if (name.endsWith('__e') && !text(object.eventType)) {
    problems.push('object/eventType: a platform event needs <eventType>');
  }
  return problems;
}
