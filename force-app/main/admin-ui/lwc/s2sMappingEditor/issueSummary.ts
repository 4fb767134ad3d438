// The summary of a mapping's problems shown above the editor: a title that counts the errors
// (or says they are warnings), the alert's style, and one line per problem, each a link the
// editor turns into the focus of that problem's input.
import { formatLabel } from 'c/s2sUtils';
import { LABELS, issueText } from 'c/s2sMappingModel';
import type { Issue } from 'c/s2sMappingModel';

export interface IssueSummary {
  show: boolean;
  title: string;
  className: string;
  items: { key: number; text: string }[];
}

export function issueSummary(issues: Issue[]): IssueSummary {
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  return {
    show: issues.length > 0,
    title: errors > 0 ? formatLabel(LABELS.errorsTitle, errors) : LABELS.warningsTitle,
    className: `slds-notify slds-notify_alert slds-var-m-bottom_medium ${
      errors > 0 ? 'slds-alert_error' : 'slds-alert_warning'
    }`,
    items: issues.map((issue, key) => ({ key, text: issueText(issue) }))
  };
}

/** The problem the focus goes to first: the first error, else the first warning. */
export function firstIssue(issues: Issue[]): Issue | undefined {
  return issues.find((issue) => issue.severity === 'error') ?? issues[0];
}
