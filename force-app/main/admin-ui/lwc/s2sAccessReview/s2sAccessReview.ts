// Access review: who can do what with S2S Sync in this org (S2SAccessReviewController), as a table
// an auditor reads and exports. Rows are plain objects from the controller (no field names), so
// nothing here depends on the namespace. The CSV is built here from the rows already shown.
import { LightningElement, api } from 'lwc';
import getAccessReview from '@salesforce/apex/S2SAccessReviewController.getAccessReview';
import { csvOf, downloadText, errorText } from 'c/s2sUtils';

import titleLabel from '@salesforce/label/c.S2S_Access_Review_Title';
import helpLabel from '@salesforce/label/c.S2S_Access_Review_Help';
import exportLabel from '@salesforce/label/c.S2S_Access_Review_Export';
import emptyLabel from '@salesforce/label/c.S2S_Access_Review_Empty';
import truncatedLabel from '@salesforce/label/c.S2S_Access_Review_Truncated';
import kindPermissionSetLabel from '@salesforce/label/c.S2S_Access_Review_Kind_Permission_Set';
import kindCustomPermissionLabel from '@salesforce/label/c.S2S_Access_Review_Kind_Custom_Permission';
import kindInboundUserLabel from '@salesforce/label/c.S2S_Access_Review_Kind_Inbound_User';
import kindColumn from '@salesforce/label/c.S2S_Access_Review_Column_Kind';
import subjectColumn from '@salesforce/label/c.S2S_Access_Review_Column_Subject';
import viaColumn from '@salesforce/label/c.S2S_Access_Review_Column_Via';
import userColumn from '@salesforce/label/c.S2S_Access_Review_Column_User';
import usernameColumn from '@salesforce/label/c.S2S_Access_Review_Column_Username';
import activeColumn from '@salesforce/label/c.S2S_Access_Review_Column_Active';
import findingColumn from '@salesforce/label/c.S2S_Access_Review_Column_Finding';
import loadingLabel from '@salesforce/label/c.S2S_Loading';

/** One grant as S2SAccessReviewController returns it. */
export interface AccessRow {
  kind: 'PermissionSet' | 'CustomPermission' | 'InboundUser';
  subject: string;
  via?: string | null;
  userId?: string | null;
  displayName?: string | null;
  username?: string | null;
  active?: boolean | null;
  finding?: string | null;
}

interface AccessReview {
  rows: AccessRow[];
  truncated: boolean;
  generatedAt: string;
}

interface Row extends AccessRow {
  key: string;
  kindText: string;
}

const KINDS: Record<AccessRow['kind'], string> = {
  PermissionSet: kindPermissionSetLabel,
  CustomPermission: kindCustomPermissionLabel,
  InboundUser: kindInboundUserLabel
};

const COLUMNS = [
  { label: kindColumn, fieldName: 'kindText' },
  { label: subjectColumn, fieldName: 'subject' },
  { label: viaColumn, fieldName: 'via' },
  { label: userColumn, fieldName: 'displayName' },
  { label: usernameColumn, fieldName: 'username' },
  { label: activeColumn, fieldName: 'active', type: 'boolean', initialWidth: 90 },
  { label: findingColumn, fieldName: 'finding', wrapText: true }
];

export default class S2sAccessReview extends LightningElement {
  @api cardTitle: string = titleLabel;

  labels = { helpLabel, exportLabel, emptyLabel, truncatedLabel, loadingLabel };
  columns = COLUMNS;
  rows: Row[] = [];
  truncated = false;
  isLoading = true;
  errorMessage = '';

  connectedCallback(): void {
    this.load();
  }

  get isEmpty(): boolean {
    return !this.isLoading && !this.errorMessage && this.rows.length === 0;
  }

  get hasRows(): boolean {
    return this.rows.length > 0;
  }

  handleExport(): void {
    const lines = this.rows.map((row) => {
      const record = row as unknown as Record<string, unknown>;
      return COLUMNS.map((c) => record[c.fieldName]);
    });
    downloadText(
      `s2s-access-review-${new Date().toISOString().slice(0, 10)}.csv`,
      'text/csv',
      csvOf(
        COLUMNS.map((c) => c.label),
        lines
      )
    );
  }

  private async load(): Promise<void> {
    this.isLoading = true;
    try {
      const review = (await getAccessReview()) as AccessReview;
      this.rows = review.rows.map((r, i) => ({ ...r, key: String(i), kindText: KINDS[r.kind] }));
      this.truncated = review.truncated;
      this.errorMessage = '';
    } catch (error) {
      this.errorMessage = errorText(error);
    } finally {
      this.isLoading = false;
    }
  }
}
