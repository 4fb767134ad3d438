// The mapping editor's model, shared by its child components: a mapping and its field rows as the
// screens edit them (schema.ts: converted to and from the records the controller reads and saves,
// field API names from @salesforce/schema imports, so nothing else in the editor names a field of
// the package), the rules checked in the browser (mappingRules.ts), the problems placed on settings
// and rows (issues.ts), and the labels (labels.ts).
export * from './schema';
export * from './mappingRules';
export * from './issues';
export { LABELS, OPTIONS } from './labels';
