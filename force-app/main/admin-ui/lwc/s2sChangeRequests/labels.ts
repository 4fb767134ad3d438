// The Change requests screen's custom labels, kept apart so the component reads as behaviour.
import S2S_CR_Title from '@salesforce/label/c.S2S_CR_Title';
import S2S_CR_Denied from '@salesforce/label/c.S2S_CR_Denied';
import S2S_Loading from '@salesforce/label/c.S2S_Loading';
import S2S_CR_Status from '@salesforce/label/c.S2S_CR_Status';
import S2S_CR_Status_All from '@salesforce/label/c.S2S_CR_Status_All';
import S2S_CR_Status_Proposed from '@salesforce/label/c.S2S_CR_Status_Proposed';
import S2S_CR_Status_Active from '@salesforce/label/c.S2S_CR_Status_Active';
import S2S_CR_Status_Superseded from '@salesforce/label/c.S2S_CR_Status_Superseded';
import S2S_CR_Status_Rejected from '@salesforce/label/c.S2S_CR_Status_Rejected';
import S2S_CR_Status_Approved from '@salesforce/label/c.S2S_CR_Status_Approved';
import S2S_CR_Empty from '@salesforce/label/c.S2S_CR_Empty';
import S2S_CR_Version from '@salesforce/label/c.S2S_CR_Version';
import S2S_CR_Mapping from '@salesforce/label/c.S2S_CR_Mapping';
import S2S_CR_Connection from '@salesforce/label/c.S2S_CR_Connection';
import S2S_CR_Origin from '@salesforce/label/c.S2S_CR_Origin';
import S2S_CR_Proposed_By from '@salesforce/label/c.S2S_CR_Proposed_By';
import S2S_CR_Proposed_At from '@salesforce/label/c.S2S_CR_Proposed_At';
import S2S_CR_Reason from '@salesforce/label/c.S2S_CR_Reason';
import S2S_CR_View from '@salesforce/label/c.S2S_CR_View';
import S2S_CR_Diff_Title from '@salesforce/label/c.S2S_CR_Diff_Title';
import S2S_CR_Diff_Title_First from '@salesforce/label/c.S2S_CR_Diff_Title_First';
import S2S_CR_Diff_What from '@salesforce/label/c.S2S_CR_Diff_What';
import S2S_CR_Diff_Before from '@salesforce/label/c.S2S_CR_Diff_Before';
import S2S_CR_Diff_After from '@salesforce/label/c.S2S_CR_Diff_After';
import S2S_CR_Diff_Change from '@salesforce/label/c.S2S_CR_Diff_Change';
import S2S_CR_Diff_None from '@salesforce/label/c.S2S_CR_Diff_None';
import S2S_CR_Change_Added from '@salesforce/label/c.S2S_CR_Change_Added';
import S2S_CR_Change_Removed from '@salesforce/label/c.S2S_CR_Change_Removed';
import S2S_CR_Change_Changed from '@salesforce/label/c.S2S_CR_Change_Changed';
import S2S_CR_Section_Setting from '@salesforce/label/c.S2S_CR_Section_Setting';
import S2S_CR_Section_Field from '@salesforce/label/c.S2S_CR_Section_Field';
import S2S_CR_Review_Comment from '@salesforce/label/c.S2S_CR_Review_Comment';
import S2S_CR_Reviewed from '@salesforce/label/c.S2S_CR_Reviewed';
import S2S_CR_Rollback_Reason from '@salesforce/label/c.S2S_CR_Rollback_Reason';
import S2S_CR_Approve from '@salesforce/label/c.S2S_CR_Approve';
import S2S_CR_Reject from '@salesforce/label/c.S2S_CR_Reject';
import S2S_CR_Rollback from '@salesforce/label/c.S2S_CR_Rollback';
import S2S_CR_Close from '@salesforce/label/c.S2S_CR_Close';
import S2S_CR_Confirm from '@salesforce/label/c.S2S_CR_Confirm';
import S2S_CR_Confirm_Approve from '@salesforce/label/c.S2S_CR_Confirm_Approve';
import S2S_CR_Confirm_Reject from '@salesforce/label/c.S2S_CR_Confirm_Reject';
import S2S_CR_Confirm_Rollback from '@salesforce/label/c.S2S_CR_Confirm_Rollback';
import S2S_CR_Approved from '@salesforce/label/c.S2S_CR_Approved';
import S2S_CR_Rejected from '@salesforce/label/c.S2S_CR_Rejected';
import S2S_CR_Rolled_Back from '@salesforce/label/c.S2S_CR_Rolled_Back';
import S2S_CR_Refused from '@salesforce/label/c.S2S_CR_Refused';
import S2S_CR_Comment_Required from '@salesforce/label/c.S2S_CR_Comment_Required';

export const LABELS = {
  title: S2S_CR_Title,
  denied: S2S_CR_Denied,
  loading: S2S_Loading,
  status: S2S_CR_Status,
  statusAll: S2S_CR_Status_All,
  statusProposed: S2S_CR_Status_Proposed,
  statusActive: S2S_CR_Status_Active,
  statusSuperseded: S2S_CR_Status_Superseded,
  statusRejected: S2S_CR_Status_Rejected,
  statusApproved: S2S_CR_Status_Approved,
  empty: S2S_CR_Empty,
  version: S2S_CR_Version,
  mapping: S2S_CR_Mapping,
  connection: S2S_CR_Connection,
  origin: S2S_CR_Origin,
  proposedBy: S2S_CR_Proposed_By,
  proposedAt: S2S_CR_Proposed_At,
  reason: S2S_CR_Reason,
  view: S2S_CR_View,
  diffTitle: S2S_CR_Diff_Title,
  diffTitleFirst: S2S_CR_Diff_Title_First,
  diffWhat: S2S_CR_Diff_What,
  diffBefore: S2S_CR_Diff_Before,
  diffAfter: S2S_CR_Diff_After,
  diffChange: S2S_CR_Diff_Change,
  diffNone: S2S_CR_Diff_None,
  changeAdded: S2S_CR_Change_Added,
  changeRemoved: S2S_CR_Change_Removed,
  changeChanged: S2S_CR_Change_Changed,
  sectionSetting: S2S_CR_Section_Setting,
  sectionField: S2S_CR_Section_Field,
  reviewComment: S2S_CR_Review_Comment,
  reviewed: S2S_CR_Reviewed,
  rollbackReason: S2S_CR_Rollback_Reason,
  approve: S2S_CR_Approve,
  reject: S2S_CR_Reject,
  rollback: S2S_CR_Rollback,
  close: S2S_CR_Close,
  confirm: S2S_CR_Confirm,
  confirmApprove: S2S_CR_Confirm_Approve,
  confirmReject: S2S_CR_Confirm_Reject,
  confirmRollback: S2S_CR_Confirm_Rollback,
  approved: S2S_CR_Approved,
  rejected: S2S_CR_Rejected,
  rolledBack: S2S_CR_Rolled_Back,
  refused: S2S_CR_Refused,
  commentRequired: S2S_CR_Comment_Required
};
