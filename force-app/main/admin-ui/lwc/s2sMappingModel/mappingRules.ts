// Pure rules of the mapping editor: type compatibility, auto-mapping and client-side validation.
// The engine validates again on save (S2SMappingValidator); these give instant feedback.
import { chainError } from 'c/s2sTransformChainEditor';

/** A field of a describe (local or remote), as the controller returns it. */
export interface FieldInfo {
  name: string;
  label: string;
  type: string;
  length?: number | null;
  updateable?: boolean;
  referenceTo?: string[];
}

/** One editable row of the field mapping table. */
export interface FieldRow {
  key: string;
  id?: string;
  sourceField: string;
  sourceExpression: string;
  targetField: string;
  transforms: string;
  /** What the chain editor reports and the JSON cannot show (a value map key typed twice). */
  transformsEditorError?: string;
  sensitive: boolean;
  active: boolean;
}

export type Compatibility = 'compatible' | 'convertible' | 'incompatible' | 'unknown';

/** Error codes with the field they name; the component turns them into labelled messages. */
export interface RuleError {
  code:
    | 'targetMissing'
    | 'targetUnknown'
    | 'targetDuplicate'
    | 'sourceMissing'
    | 'sourceUnknown'
    | 'transformsInvalid'
    | 'typesIncompatible';
  field: string;
  detail?: string;
  /** The row the problem is on. */
  rowKey?: string;
}

// Local describes give Schema.DisplayType names (STRING), remote ones REST names (string, int).
const FAMILIES: Record<string, string> = {
  string: 'text',
  textarea: 'text',
  picklist: 'text',
  multipicklist: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  combobox: 'text',
  encryptedstring: 'text',
  id: 'id',
  reference: 'id',
  integer: 'number',
  int: 'number',
  double: 'number',
  currency: 'number',
  percent: 'number',
  long: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  time: 'time',
  address: 'compound',
  location: 'compound',
  base64: 'binary'
};

function family(type: string | undefined): string | undefined {
  return type ? FAMILIES[type.toLowerCase()] : undefined;
}

/** Whether a value of the source type can be written to the target type, and how. */
export function compatibility(
  sourceType: string | undefined,
  targetType: string | undefined
): Compatibility {
  const source = family(sourceType);
  const target = family(targetType);
  if (!source || !target) return 'unknown';
  if (source === target) return 'compatible';
  if (source === 'compound' || target === 'compound' || source === 'binary' || target === 'binary')
    return 'incompatible';
  // Anything scalar reads as text; dates widen and narrow between date and datetime.
  if (target === 'text') return 'convertible';
  if ((source === 'date' && target === 'datetime') || (source === 'datetime' && target === 'date'))
    return 'convertible';
  if (source === 'id' && target === 'text') return 'convertible';
  return 'incompatible';
}

let keySequence = 0;
/** A unique key for a new row (for:each needs one before the row has an Id). */
export function newRowKey(): string {
  keySequence += 1;
  return `row-${keySequence}`;
}

/**
 * Maps every updateable target field that has no row yet to the source field of the same API name,
 * or else of the same label (both case-insensitive); lookups are left out. Returns only the new rows.
 */
export function autoMap(
  sourceFields: FieldInfo[],
  targetFields: FieldInfo[],
  existing: FieldRow[]
): FieldRow[] {
  const mapped = new Set(existing.map((row) => row.targetField.toLowerCase()));
  const byName = new Map(sourceFields.map((field) => [field.name.toLowerCase(), field]));
  const byLabel = new Map(sourceFields.map((field) => [field.label.toLowerCase(), field]));
  const rows: FieldRow[] = [];
  for (const target of targetFields) {
    if (target.updateable === false || mapped.has(target.name.toLowerCase())) continue;
    // Record Ids differ between orgs: lookups and the owner are mapped on purpose, never guessed.
    if (family(target.type) === 'id') continue;
    const source = byName.get(target.name.toLowerCase()) ?? byLabel.get(target.label.toLowerCase());
    if (!source) continue;
    rows.push({
      key: newRowKey(),
      sourceField: source.name,
      sourceExpression: '',
      targetField: target.name,
      transforms: '',
      sensitive: false,
      active: true
    });
  }
  return rows;
}

/**
 * Fields a same-name match should not carry by default: data-quality and bounce bookkeeping the
 * platform or a data service writes in each org (Data.com Jigsaw keys, clean status, email
 * bounces), lower case. Offered in the review unticked, never hidden.
 */
const SYSTEM_FIELDS = new Set([
  'jigsaw',
  'jigsawcompanyid',
  'jigsawcontactid',
  'cleanstatus',
  'emailbounceddate',
  'emailbouncedreason',
  'isemailbounced',
  'dandbcompanyid',
  'photourl',
  'lastvieweddate',
  'lastreferenceddate',
  'individualid'
]);

/** One row Auto-map proposes, with whether the review ticks it and why not. */
export interface AutoMapProposal {
  row: FieldRow;
  selected: boolean;
  /** Why the review leaves it unticked: a system field, or the text twin of a code field. */
  reason?: 'system' | 'duplicate';
  /** For a duplicate: the code field that carries the same value. */
  twin?: string;
}

/**
 * What Auto-map proposes for review: the rows of autoMap, ticked except system fields and the text
 * twin of a picklist code field also proposed (MailingState when MailingStateCode is mapped: with
 * state and country picklists both name one value, and writing both can disagree).
 */
export function autoMapProposals(
  sourceFields: FieldInfo[],
  targetFields: FieldInfo[],
  existing: FieldRow[]
): AutoMapProposal[] {
  const rows = autoMap(sourceFields, targetFields, existing);
  const targets = new Set([
    ...rows.map((row) => row.targetField.toLowerCase()),
    ...existing.map((row) => row.targetField.toLowerCase())
  ]);
  return rows.map((row) => {
    const name = row.targetField.toLowerCase();
    if (SYSTEM_FIELDS.has(name)) return { row, selected: false, reason: 'system' };
    const twin = `${row.targetField}Code`;
    if (targets.has(twin.toLowerCase())) return { row, selected: false, reason: 'duplicate', twin };
    return { row, selected: true };
  });
}

/**
 * Checks a transform chain as the engine will (S2STransforms.validate): blank, or a JSON array of
 * steps of known types with their required options. Returns the first problem, naming the step.
 */
export function transformsError(transforms: string): string | undefined {
  return chainError(transforms);
}

/**
 * Everything that would make the engine refuse the mapping and that the browser can already see.
 * Describes are optional: without one, names on that side are not checked.
 */
export function validateRows(
  rows: FieldRow[],
  sourceFields?: FieldInfo[],
  targetFields?: FieldInfo[]
): RuleError[] {
  const errors: RuleError[] = [];
  const sources = sourceFields
    ? new Map(sourceFields.map((f) => [f.name.toLowerCase(), f]))
    : undefined;
  const targets = targetFields
    ? new Map(targetFields.map((f) => [f.name.toLowerCase(), f]))
    : undefined;
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const target = row.targetField.trim();
    if (!target) {
      errors.push({ code: 'targetMissing', field: `#${index + 1}`, rowKey: row.key });
      return;
    }
    if (seen.has(target.toLowerCase()))
      errors.push({ code: 'targetDuplicate', field: target, rowKey: row.key });
    seen.add(target.toLowerCase());
    const targetInfo = targets?.get(target.toLowerCase());
    if (targets && !targetInfo)
      errors.push({ code: 'targetUnknown', field: target, rowKey: row.key });
    const source = row.sourceField.trim();
    if (!source && !row.sourceExpression.trim()) {
      errors.push({ code: 'sourceMissing', field: target, rowKey: row.key });
    }
    const sourceInfo = source ? sources?.get(source.toLowerCase()) : undefined;
    if (source && sources && !sourceInfo)
      errors.push({ code: 'sourceUnknown', field: target, detail: source, rowKey: row.key });
    const transformProblem = transformsError(row.transforms) ?? row.transformsEditorError;
    if (transformProblem)
      errors.push({
        code: 'transformsInvalid',
        field: target,
        detail: transformProblem,
        rowKey: row.key
      });
    // A transform chain may convert the value, so only an untransformed pair is held to the types.
    if (
      sourceInfo &&
      targetInfo &&
      !row.transforms.trim() &&
      compatibility(sourceInfo.type, targetInfo.type) === 'incompatible'
    ) {
      errors.push({
        code: 'typesIncompatible',
        field: target,
        detail: `${sourceInfo.type} → ${targetInfo.type}`,
        rowKey: row.key
      });
    }
  });
  return errors;
}

/**
 * Objects S2S Sync never maps (users and their access, setup and metadata objects, S2S Sync's own),
 * lower case: the same deny-list as S2SDeniedObjects in Apex, which refuses them again on save, on
 * import and inbound. Here it keeps them out of the object picker and refuses a typed peer object.
 */
const DENIED_OBJECTS = new Set([
  'user',
  'userrole',
  'userlogin',
  'userpackagelicense',
  'userpermissionaccess',
  'profile',
  'permissionset',
  'permissionsetassignment',
  'permissionsetgroup',
  'permissionsetgroupcomponent',
  'permissionsetlicense',
  'permissionsetlicenseassign',
  'mutingpermissionset',
  'objectpermissions',
  'fieldpermissions',
  'setupentityaccess',
  'group',
  'groupmember',
  'queuesobject',
  'organization',
  'apexclass',
  'apextrigger',
  'apexpage',
  'apexcomponent',
  'staticresource',
  'custompermission',
  'namedcredential',
  'externalcredential',
  'externaldatasource',
  'authprovider',
  'connectedapplication',
  'remoteproxy',
  'cronjobdetail',
  'crontrigger',
  'asyncapexjob',
  'setupaudittrail',
  'loginhistory',
  'loginip',
  'sessionpermsetactivation',
  'authsession',
  'packagelicense',
  'recordtype',
  'businessprocess',
  'emailtemplate',
  // native Salesforce to Salesforce setup rows (the migration reads them, docs/migration.md)
  'partnernetworkconnection',
  'partnernetworkrecordconnection',
  'partnernetworksynclog',
  // files travel only with the record they are attached to (Sync Files, S2SFileCapture): a
  // record mapping of them would bypass the size limit and be taken for file work
  'contentversion',
  'contentdocument',
  'contentdocumentlink',
  // the package objects
  's2s_connection__c',
  's2s_object_mapping__c',
  's2s_field_mapping__c',
  's2s_settings__c',
  's2s_outbox__c',
  's2s_crosswalk__c',
  's2s_inbound_ledger__c',
  's2s_audit_log__c',
  's2s_delivery_receipt__c',
  's2s_owner_map__c',
  's2s_batch_outcome__e',
  's2s_audit_chain__c',
  's2s_audit_failure__e',
  's2s_dispatch__e',
  's2s_load_run__c',
  's2s_mapping_version__c',
  's2s_load_chunk__c',
  's2s_load_progress__e'
]);
const DENIED_SUFFIXES = [
  '__mdt',
  '__e',
  '__share',
  '__history',
  '__feed',
  '__changeevent',
  '__tag',
  '__votestat',
  '__viewstat'
];
const DENIED_STANDARD_SUFFIXES = ['share', 'history', 'feed', 'changeevent'];

/** Whether an object may never be mapped (see DENIED_OBJECTS). */
export function isDeniedObject(objectName: string | null | undefined): boolean {
  const name = (objectName ?? '').trim().toLowerCase();
  if (!name) return false;
  const bare = name.split('__').length > 2 ? name.slice(name.indexOf('__') + 2) : name;
  if (DENIED_OBJECTS.has(name) || DENIED_OBJECTS.has(bare)) return true;
  if (DENIED_SUFFIXES.some((s) => name.endsWith(s))) return true;
  return (
    !name.includes('__') &&
    DENIED_STANDARD_SUFFIXES.some((s) => name.endsWith(s) && name.length > s.length)
  );
}
