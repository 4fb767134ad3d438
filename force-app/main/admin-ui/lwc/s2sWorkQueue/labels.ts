// The work queue's labels, in one place (custom labels in force-app/main/admin-ui/labels).
import titleLabel from '@salesforce/label/c.S2S_Work_Title';
import connectionLabel from '@salesforce/label/c.S2S_Work_Connection';
import allConnectionsLabel from '@salesforce/label/c.S2S_Work_All_Connections';
import objectLabel from '@salesforce/label/c.S2S_Work_Object';
import outboxTitleLabel from '@salesforce/label/c.S2S_Work_Outbox_Title';
import heldTitleLabel from '@salesforce/label/c.S2S_Work_Held_Title';
import outboxEmptyLabel from '@salesforce/label/c.S2S_Work_Outbox_Empty';
import heldEmptyLabel from '@salesforce/label/c.S2S_Work_Held_Empty';
import recordLabel from '@salesforce/label/c.S2S_Work_Record';
import statusLabel from '@salesforce/label/c.S2S_Work_Status';
import attemptsLabel from '@salesforce/label/c.S2S_Work_Attempts';
import reasonLabel from '@salesforce/label/c.S2S_Work_Reason';
import waitingForLabel from '@salesforce/label/c.S2S_Work_Waiting_For';
import sinceLabel from '@salesforce/label/c.S2S_Work_Since';
import inspectLabel from '@salesforce/label/c.S2S_Work_Inspect';
import retryLabel from '@salesforce/label/c.S2S_Work_Retry';
import discardLabel from '@salesforce/label/c.S2S_Work_Discard';
import releaseLabel from '@salesforce/label/c.S2S_Work_Release';
import requestParentLabel from '@salesforce/label/c.S2S_Work_Request_Parent';
import discardReasonLabel from '@salesforce/label/c.S2S_Work_Discard_Reason';
import retriedLabel from '@salesforce/label/c.S2S_Work_Retried';
import discardedLabel from '@salesforce/label/c.S2S_Work_Discarded';
import inspectTitleLabel from '@salesforce/label/c.S2S_Work_Inspect_Title';
import operationLabel from '@salesforce/label/c.S2S_Work_Operation';
import changedFieldsLabel from '@salesforce/label/c.S2S_Work_Changed_Fields';
import noValuesLabel from '@salesforce/label/c.S2S_Work_No_Values';
import exportLabel from '@salesforce/label/c.S2S_Work_Export';
import exportNeedsConnectionLabel from '@salesforce/label/c.S2S_Work_Export_Needs_Connection';
import exportedLabel from '@salesforce/label/c.S2S_Work_Exported';
import exportTruncatedLabel from '@salesforce/label/c.S2S_Work_Export_Truncated';
import closeLabel from '@salesforce/label/c.S2S_Work_Close';
import reasonRequiredLabel from '@salesforce/label/c.S2S_Error_Discard_Reason';
import loadingLabel from '@salesforce/label/c.S2S_Loading';
import deniedLabel from '@salesforce/label/c.S2S_Permission_Denied_Administer';
import successTitle from '@salesforce/label/c.S2S_Toast_Success';
import errorTitle from '@salesforce/label/c.S2S_Toast_Error';
import warningTitle from '@salesforce/label/c.S2S_Toast_Warning';
import applyLabel from '@salesforce/label/c.S2S_Audit_Apply';

export const LABELS = {
  titleLabel,
  connectionLabel,
  allConnectionsLabel,
  objectLabel,
  outboxTitleLabel,
  heldTitleLabel,
  outboxEmptyLabel,
  heldEmptyLabel,
  recordLabel,
  statusLabel,
  attemptsLabel,
  reasonLabel,
  waitingForLabel,
  sinceLabel,
  inspectLabel,
  retryLabel,
  discardLabel,
  releaseLabel,
  requestParentLabel,
  discardReasonLabel,
  retriedLabel,
  discardedLabel,
  inspectTitleLabel,
  operationLabel,
  changedFieldsLabel,
  noValuesLabel,
  exportLabel,
  exportNeedsConnectionLabel,
  exportedLabel,
  exportTruncatedLabel,
  closeLabel,
  reasonRequiredLabel,
  loadingLabel,
  deniedLabel,
  successTitle,
  errorTitle,
  warningTitle,
  applyLabel
};
