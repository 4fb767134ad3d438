// @ts-check
// Step "metadata": our metadata validator (scripts/metadata): well-formed XML, root element and
// namespace, required elements per field type, references between components, file names; and
// the package's permission sets grant exactly what docs/security.md lists (metadata/permissions.mjs);
// the real-org scripts parse and call sf with documented flags only (lib/org-scripts.mjs); the Apex
// the docs give subscribers reaches only the package's global API, by its namespace
// (metadata/subscriber-snippets.mjs); every SLDS icon the LWC name exists (metadata/slds-icons.mjs).
import { validateMetadata } from '../metadata/validate.mjs';
import { checkPermissionSets } from '../metadata/permissions.mjs';
import { nothingToCheck } from '../lib/step.mjs';
import { checkOrgScripts } from '../lib/org-scripts.mjs';
import { checkSubscriberSnippets } from '../metadata/subscriber-snippets.mjs';
import { checkSldsIcons } from '../metadata/slds-icons.mjs';

/** @type {import('../lib/step.mjs').Step} */
export default {
  name: 'metadata',
  title: 'metadata validator',
  async run({ root }) {
    const report = validateMetadata(root);
    if (report.files === 0) return nothingToCheck('no metadata file yet');
    // every grant of the package's permission sets is documented in docs/security.md
    const permissions = checkPermissionSets(root);
    report.problems.push(...permissions.problems);
    const orgScripts = checkOrgScripts(root);
    report.problems.push(...orgScripts.problems);
    const snippets = checkSubscriberSnippets(root);
    report.problems.push(...snippets.problems);
    const icons = checkSldsIcons(root);
    report.problems.push(...icons.problems);
    const summary = `${report.files} metadata files, ${report.components} components, ${permissions.permissionSets} permission sets against docs/security.md, ${orgScripts.scripts} org scripts (bash -n, sf flags), ${snippets.snippets} subscriber Apex snippets in docs (global API, namespace), ${icons.icons} SLDS icon names`;
    return report.problems.length
      ? {
          ok: false,
          summary: `${summary}, ${report.problems.length} problems`,
          problems: report.problems
        }
      : { ok: true, summary: `${summary}, 0 problems` };
  }
};
