// Mapping change requests and versions (S2SChangeRequestController): a list filtered by status,
// and for the version chosen the side-by-side difference it makes against the active version,
// with the steps its status allows: Approve (validated as a save is) and Reject (a comment is
// required, shown on the field) for a proposal, Roll back for a version the mapping held before.
// Each step asks for a confirmation first. Analysts see the list and the differences; the steps
// are the admins' (the controller checks again). The focus moves to the review panel when it
// opens, back to the row's button when it closes, and to the first problem when a step is refused.
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import LightningConfirm from 'lightning/confirm';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getVersions from '@salesforce/apex/S2SChangeRequestController.getVersions';
import getDiff from '@salesforce/apex/S2SChangeRequestController.getDiff';
import approve from '@salesforce/apex/S2SChangeRequestController.approve';
import reject from '@salesforce/apex/S2SChangeRequestController.reject';
import rollback from '@salesforce/apex/S2SChangeRequestController.rollback';
import { formatLabel, friendlyError } from 'c/s2sUtils';
import type { Access } from 'c/s2sUtils';
import { LABELS } from './labels';

/** lightning/confirm's open(), which @salesforce/lightning-types does not declare. */
const confirmDialog = LightningConfirm as unknown as {
  open(config: { message: string; label: string; theme?: string }): Promise<boolean>;
};

export interface VersionRow {
  id: string;
  name: string;
  versionNumber: number;
  status: string;
  origin: string;
  mappingId?: string;
  mappingLabel: string;
  connectionName?: string;
  proposedBy?: string;
  proposedAt?: string;
  reviewedBy?: string;
  reviewedAt?: string;
  reason?: string;
  reviewComment?: string;
  basedOnVersion?: number;
  canReview: boolean;
  canRollback: boolean;
}
export interface Difference {
  section: 'Setting' | 'Field';
  key: string;
  change: 'Added' | 'Removed' | 'Changed';
  before?: string;
  after?: string;
  properties?: string[];
}
export interface VersionDiff {
  version: VersionRow;
  comparedWithVersion?: number;
  differences: Difference[];
}
interface StepResult {
  success: boolean;
  errors?: string[];
}
type StepName = 'approve' | 'reject' | 'rollback';
/** A step's button in the review panel; its data-id is the step's name. */
interface StepButton {
  name: StepName;
  label: string;
  variant: string;
}
interface Validity extends HTMLElement {
  value?: string;
  setCustomValidity(message: string): void;
  reportValidity(): boolean;
}

const STATUS_LABELS: Record<string, string> = {
  Proposed: LABELS.statusProposed,
  Active: LABELS.statusActive,
  Superseded: LABELS.statusSuperseded,
  Rejected: LABELS.statusRejected,
  Approved: LABELS.statusApproved
};
const CHANGE_LABELS: Record<string, string> = {
  Added: LABELS.changeAdded,
  Removed: LABELS.changeRemoved,
  Changed: LABELS.changeChanged
};

export default class S2sChangeRequests extends LightningElement {
  /** Card title, set in App Builder. */
  @api cardTitle: string = LABELS.title;

  labels = LABELS;
  access?: Access;
  accessError?: unknown;
  status = 'Proposed';
  versions?: VersionRow[];
  loadError?: string;
  diff?: VersionDiff;
  diffError?: string;
  stepErrors: string[] = [];
  working = false;
  comment = '';

  override connectedCallback(): void {
    this.start().catch(() => undefined); // start() reports its own errors
  }

  private async start(): Promise<void> {
    try {
      this.access = (await getAccess()) as Access;
    } catch (error) {
      this.accessError = error;
      return;
    }
    if (this.allowed) await this.load();
  }

  // ---- states -------------------------------------------------------------------------------

  get allowed(): boolean {
    return !!this.access && (this.access.canAdminister || !!this.access.canProposeMappingChange);
  }
  get isLoading(): boolean {
    return (
      !this.accessError && (!this.access || (this.allowed && !this.versions && !this.loadError))
    );
  }
  get isDenied(): boolean {
    return !!this.access && !this.allowed;
  }
  get errorText(): string | undefined {
    return this.accessError ? friendlyError(this.accessError) : this.loadError;
  }
  get ready(): boolean {
    return !this.isLoading && !this.isDenied && !this.errorText;
  }
  get isEmpty(): boolean {
    return this.ready && (this.versions?.length ?? 0) === 0;
  }
  get hasRows(): boolean {
    return this.ready && (this.versions?.length ?? 0) > 0;
  }
  get statusOptions(): { label: string; value: string }[] {
    return [
      { label: LABELS.statusAll, value: '' },
      ...Object.entries(STATUS_LABELS).map(([value, label]) => ({ label, value }))
    ];
  }
  get rows(): (VersionRow & {
    statusLabel: string;
    viewLabel: string;
    when: string;
    versionText: string;
  })[] {
    return (this.versions ?? []).map((row) => ({
      ...row,
      versionText: `${row.name} (${row.versionNumber})`,
      statusLabel: STATUS_LABELS[row.status] ?? row.status,
      viewLabel: formatLabel(LABELS.view, row.name),
      when: row.proposedAt ? new Date(row.proposedAt).toLocaleString() : ''
    }));
  }
  get diffTitle(): string {
    if (!this.diff) return '';
    const v = this.diff.version;
    return this.diff.comparedWithVersion == null
      ? formatLabel(LABELS.diffTitleFirst, v.mappingLabel, v.versionNumber)
      : formatLabel(
          LABELS.diffTitle,
          v.mappingLabel,
          v.versionNumber,
          this.diff.comparedWithVersion
        );
  }
  get differences(): (Difference & { rowKey: string; what: string; changeLabel: string })[] {
    return (this.diff?.differences ?? []).map((d, index) => ({
      ...d,
      rowKey: `${index}`,
      what: `${d.section === 'Setting' ? LABELS.sectionSetting : LABELS.sectionField}: ${d.key}${
        d.properties?.length ? ` (${d.properties.join(', ')})` : ''
      }`,
      changeLabel: CHANGE_LABELS[d.change] ?? d.change
    }));
  }
  get noDifferences(): boolean {
    return !!this.diff && this.diff.differences.length === 0;
  }
  get reviewedText(): string | undefined {
    const v = this.diff?.version;
    return v?.reviewedBy && v.reviewComment
      ? formatLabel(LABELS.reviewed, v.reviewedBy, v.reviewComment)
      : undefined;
  }
  /** The steps the version allows: Reject and Approve for a proposal, Roll back for an earlier one. */
  get steps(): StepButton[] {
    const v = this.diff?.version;
    const steps: StepButton[] = [];
    if (v?.canReview) {
      steps.push(
        { name: 'reject', label: LABELS.reject, variant: 'destructive-text' },
        { name: 'approve', label: LABELS.approve, variant: 'brand' }
      );
    }
    if (v?.canRollback) {
      steps.push({ name: 'rollback', label: LABELS.rollback, variant: 'brand' });
    }
    return steps;
  }
  /** The text the steps take: the review comment, or the reason of a rollback. */
  get stepComment(): { id: string; label: string } | undefined {
    const v = this.diff?.version;
    if (v?.canReview) return { id: 'comment', label: LABELS.reviewComment };
    if (v?.canRollback) return { id: 'rollback-reason', label: LABELS.rollbackReason };
    return undefined;
  }
  get hasStepErrors(): boolean {
    return this.stepErrors.length > 0;
  }

  // ---- actions ------------------------------------------------------------------------------

  handleStatusChange(event: CustomEvent<{ value: string }>): void {
    this.status = event.detail.value;
    this.closeDiff();
    this.load().catch(() => undefined); // load() reports its own errors
  }

  async handleView(event: Event): Promise<void> {
    const id = (event.currentTarget as HTMLElement).dataset.id as string;
    this.diffError = undefined;
    this.stepErrors = [];
    this.comment = '';
    try {
      this.diff = (await getDiff({ versionId: id })) as VersionDiff;
      // After the panel renders: its heading takes the focus.
      Promise.resolve().then(() =>
        this.template?.querySelector<HTMLElement>('[data-id="diff-title"]')?.focus()
      );
    } catch (error) {
      this.diffError = friendlyError(error);
    }
  }

  handleClose(): void {
    const id = this.diff?.version.id;
    this.closeDiff();
    Promise.resolve().then(() =>
      this.template?.querySelector<HTMLElement>(`[data-action="view"][data-id="${id}"]`)?.focus()
    );
  }

  handleCommentChange(event: CustomEvent<{ value: string }>): void {
    this.comment = event.detail.value ?? '';
    const field = this.field('comment');
    if (this.comment.trim()) field?.setCustomValidity('');
  }

  /** A step's button: Approve, Reject (a comment is required, said on the field) or Roll back. */
  async handleStep(event: Event): Promise<void> {
    const name = (event.currentTarget as HTMLElement).dataset.id as StepName;
    if (name === 'approve') {
      await this.step('approve', LABELS.confirmApprove, LABELS.approved);
    } else if (name === 'reject') {
      const field = this.field('comment');
      if (!this.comment.trim()) {
        field?.setCustomValidity(LABELS.commentRequired);
        field?.reportValidity();
        field?.focus();
        return;
      }
      await this.step('reject', LABELS.confirmReject, LABELS.rejected);
    } else {
      await this.step('rollback', LABELS.confirmRollback, LABELS.rolledBack);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private async step(action: StepName, question: string, done: string): Promise<void> {
    const v = this.diff?.version;
    if (!v) return;
    const confirmed = await confirmDialog.open({
      message: formatLabel(question, v.versionNumber, v.mappingLabel),
      label: LABELS.confirm,
      theme: action === 'approve' ? 'info' : 'warning'
    });
    if (!confirmed) {
      this.template?.querySelector<HTMLElement>(`[data-id="${action}"]`)?.focus();
      return;
    }
    this.working = true;
    this.stepErrors = [];
    try {
      const comment = this.comment.trim() || null;
      let result: StepResult = { success: true };
      if (action === 'approve') {
        result = (await approve({ versionId: v.id, comment })) as StepResult;
      } else if (action === 'reject') {
        await reject({ versionId: v.id, comment });
      } else {
        result = (await rollback({ versionId: v.id, reason: comment })) as StepResult;
      }
      if (!result.success) {
        this.showStepErrors(result.errors ?? []);
        return;
      }
      this.dispatchEvent(new ShowToastEvent({ title: done, message: done, variant: 'success' }));
      this.closeDiff();
      await this.load();
      this.template?.querySelector<HTMLElement>('[data-id="status"]')?.focus();
    } catch (error) {
      this.showStepErrors([friendlyError(error)]);
    } finally {
      this.working = false;
    }
  }

  private showStepErrors(errors: string[]): void {
    this.stepErrors = errors;
    Promise.resolve().then(() =>
      this.template?.querySelector<HTMLElement>('[data-id="step-errors"]')?.focus()
    );
  }

  private async load(): Promise<void> {
    this.loadError = undefined;
    try {
      this.versions = (await getVersions({ status: this.status || null, mappingId: null })) as
        VersionRow[] | undefined;
    } catch (error) {
      this.loadError = friendlyError(error);
    }
  }

  private closeDiff(): void {
    this.diff = undefined;
    this.diffError = undefined;
    this.stepErrors = [];
    this.comment = '';
  }

  private field(id: string): Validity | null {
    return this.template?.querySelector<Validity>(`[data-id="${id}"]`) ?? null;
  }
}
