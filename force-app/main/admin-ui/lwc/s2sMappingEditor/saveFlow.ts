// The mapping editor's save: the mapping and its rows to S2SMappingController.saveMapping, and
// what came of it. Refused (the engine's errors, or the call's own failure in words), saved but
// inactive (the peer could not confirm it: its warnings), or saved.
import saveMapping from '@salesforce/apex/S2SMappingController.saveMapping';
import { friendlyError } from 'c/s2sUtils';
import { engineIssues, recordFromDraft, recordFromRow } from 'c/s2sMappingModel';
import type { FieldRow, Issue, MappingDraft, SaveResult } from 'c/s2sMappingModel';

export type SaveOutcome =
  | { kind: 'refused'; issues: Issue[] }
  | { kind: 'inactive'; mappingId: string; issues: Issue[] }
  | { kind: 'saved'; mappingId: string };

export async function saveDraft(draft: MappingDraft, rows: FieldRow[]): Promise<SaveOutcome> {
  try {
    const result = (await saveMapping({
      mapping: recordFromDraft(draft),
      fields: rows.map((row) => recordFromRow(row))
    })) as SaveResult;
    const issues = engineIssues(result);
    if (!result.success) return { kind: 'refused', issues };
    const mappingId = result.mappingId as string;
    return issues.length > 0
      ? { kind: 'inactive', mappingId, issues }
      : { kind: 'saved', mappingId };
  } catch (error) {
    return { kind: 'refused', issues: [{ message: friendlyError(error), severity: 'error' }] };
  }
}
