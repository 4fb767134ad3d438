// Public API of the local org's platform: the World of orgs, one Org, and the hooks the language
// runtime registers with.
export { World, type FaultConfig, type CalloutRecord } from './world/world.ts';
export { WorldSnapshotError, type WorldSnapshot } from './world/snapshot.ts';
export {
  Org,
  registerRuntimeFactory,
  type OrgOptions,
  type RuntimeFactory,
  type HttpRequestData,
  type HttpResponseData
} from './org.ts';
export { Clock, parseDuration } from './data/clock.ts';
export { handleRest, matchUrlMapping, restState } from './rest/rest.ts';
export { addRecordError, hasRecordErrors, recordErrorsOf } from './dml/errors.ts';
export { LimitException } from './limits/limits.ts';
export { parseSoql, parseSosl, QueryException } from './soql/parser.ts';
export { loadMetadata } from './schema/metadata.ts';
export { Schema } from './schema/schema.ts';
