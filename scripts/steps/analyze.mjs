// @ts-check
// Step "analyze": Salesforce Code Analyzer (PMD engine) driven from Node. Security and Performance
// at zero violations plus the best-practice rules below; docs/quality.md gives the reason for every
// rule left out.
import fs from 'node:fs';
import path from 'node:path';
import * as core from '@salesforce/code-analyzer-core';
import * as pmd from '@salesforce/code-analyzer-pmd-engine';
import { javaMissing } from '../lib/java.mjs';
import { apexSources, packageDirectories } from '../lib/files.mjs';
import { nothingToCheck } from '../lib/step.mjs';
import { isTestClass } from '../lib/apex-source.mjs';

/** Rule selectors for code-analyzer-core. Every selected rule must report zero violations. */
export const RULES = [
  'pmd:Security',
  'pmd:Performance',
  // Tests read as specifications.
  'pmd:ApexAssertionsShouldIncludeMessage',
  'pmd:ApexUnitTestClassShouldHaveAsserts',
  'pmd:ApexUnitTestMethodShouldHaveIsTestAnnotation',
  'pmd:ApexUnitTestShouldNotUseSeeAllDataTrue',
  'pmd:TestMethodsMustBeInTestClasses',
  // One-line triggers; ApexDoc on public methods (scripts/pmd/s2s-rules.xml: properties left out).
  'pmd:AvoidLogicInTrigger',
  'pmd:S2SApexDocOnMethods',
  // Bugs waiting to happen.
  'pmd:AvoidDirectAccessTriggerMap',
  'pmd:AvoidHardcodingId',
  'pmd:AvoidInterfaceAsMapKey',
  'pmd:AvoidNonExistentAnnotations',
  'pmd:AvoidStatefulDatabaseResult',
  'pmd:EmptyCatchBlock',
  'pmd:EmptyIfStmt',
  'pmd:EmptyTryOrFinallyBlock',
  'pmd:EmptyWhileStmt',
  'pmd:InaccessibleAuraEnabledGetter',
  'pmd:InvocableClassNoArgConstructor',
  'pmd:MethodWithSameNameAsEnclosingClass',
  'pmd:OverrideBothEqualsAndHashcode',
  'pmd:TypeShadowsBuiltInNamespace',
  'pmd:UnusedLocalVariable',
  // Braces everywhere (prettier does not add them).
  'pmd:IfStmtsMustUseBraces',
  'pmd:IfElseStmtsMustUseBraces',
  'pmd:ForLoopsMustUseBraces',
  'pmd:WhileLoopsMustUseBraces',
  'pmd:AvoidDeeplyNestedIfStmts',
  'pmd:OneDeclarationPerLine',
  'pmd:FieldDeclarationsShouldBeAtStart',
  'pmd:EmptyStatementBlock',
  // Names: classes, fields, parameters, locals, properties, annotations (methods: see quality.md).
  'pmd:ClassNamingConventions',
  'pmd:FieldNamingConventions',
  'pmd:FormalParameterNamingConventions',
  'pmd:LocalVariableNamingConventions',
  'pmd:PropertyNamingConventions',
  'pmd:AnnotationsNamingConventions',
  // Managed package surface and async habits.
  'pmd:AvoidGlobalModifier',
  'pmd:ExcessivePublicCount',
  'pmd:ExcessiveClassLength',
  'pmd:UnusedMethod',
  'pmd:AvoidFutureAnnotation',
  'pmd:QueueableWithoutFinalizer',
  'pmd:DebugsShouldUseLoggingLevel'
];

/**
 * Findings reviewed and accepted, for metadata where PMD offers no in-file suppression (Apex code
 * uses @SuppressWarnings('PMD.<Rule>') with a comment instead). Each is explained in docs/quality.md.
 * @type {{ rule: string, file: RegExp, reason: string }[]}
 */
export const REVIEWED = [
  {
    rule: 'ProtectSensitiveData',
    file: /\/objects\/S2S_[A-Za-z_]+__c\/fields\/(Idempotency_Key__c|Key__c|Remote_Key__c|Named_Credential__c)\.field-meta\.xml$/,
    reason:
      'record keys and the API name of a Named Credential, not secrets: the rule matches "key" and "credential" in field names'
  },
  {
    rule: 'ProtectSensitiveData',
    file: /\/objects\/S2S_Audit_(Log|Chain)__c\/fields\/(Hash__c|Previous_Hash__c|Last_Hash__c|Purged_Hash__c)\.field-meta\.xml$/,
    reason:
      'SHA-256 digests of audit entries that make the audit chain tamper-evident, public by design: the rule matches "hash" in field names'
  }
];

/**
 * Rules that apply to packaged code only: in @IsTest classes fixed Ids are test data (fake record
 * Ids, a peer org's Id), not references to one environment's records.
 */
export const PACKAGED_CODE_ONLY = new Set(['AvoidHardcodingId']);

/** @type {Map<string, boolean>} */
const testSources = new Map();

/**
 * @param {string} root
 * @param {string} file
 * @returns {boolean} true for an @IsTest Apex class
 */
function isTestSource(root, file) {
  if (!file.endsWith('.cls')) return false;
  let known = testSources.get(file);
  if (known === undefined) {
    known = isTestClass(fs.readFileSync(path.join(root, file), 'utf8'));
    testSources.set(file, known);
  }
  return known;
}

/** @type {import('../lib/step.mjs').Step} */
export default {
  name: 'analyze',
  title: 'Code Analyzer (PMD: Security, Performance, best practices)',
  async run({ root }) {
    // A package directory may be empty, hence absent from a fresh clone.
    const dirs = packageDirectories(root).filter((d) => fs.existsSync(path.join(root, d)));
    if (apexSources(root, dirs).length === 0) return nothingToCheck('no Apex class or trigger yet');
    const missing = await javaMissing(root);
    if (missing) return { ok: false, summary: 'Java missing', problems: [missing] };
    const analyzer = new core.CodeAnalyzer(
      core.CodeAnalyzerConfig.fromObject(
        {
          engines: {
            pmd: { custom_rulesets: [path.join(root, 'scripts', 'pmd', 's2s-rules.xml')] }
          }
        },
        root
      )
    );
    /** @type {string[]} */
    const engineErrors = [];
    // An engine that cannot run reports through log events, never through violations.
    analyzer.onEvent(core.EventType.LogEvent, (event) => {
      const log = /** @type {import('@salesforce/code-analyzer-core').LogEvent} */ (event);
      if (log.logLevel === core.LogLevel.Error) engineErrors.push(`code-analyzer: ${log.message}`);
    });
    await analyzer.addEnginePlugin(pmd.createEnginePlugin());
    const workspace = await analyzer.createWorkspace(dirs.map((d) => path.join(root, d)));
    const selection = await analyzer.selectRules(RULES, { workspace });
    const results = await analyzer.run(selection, { workspace });
    /** @type {string[]} */
    const problems = [];
    let reviewed = 0;
    for (const v of results.getViolations()) {
      const loc = v.getCodeLocations()[v.getPrimaryLocationIndex()];
      const file = path
        .relative(root, loc.getFile() ?? '')
        .split(path.sep)
        .join('/');
      const rule = v.getRule().getName();
      if (REVIEWED.some((r) => r.rule === rule && r.file.test(`/${file}`))) {
        reviewed++;
        continue;
      }
      if (PACKAGED_CODE_ONLY.has(rule) && isTestSource(root, file)) continue;
      problems.push(
        `${file}:${loc.getStartLine() ?? 1}:${loc.getStartColumn() ?? 1}: pmd/${rule}: ${v.getMessage()}`
      );
    }
    problems.push(...engineErrors);
    const summary = `${selection.getCount()} rules, ${reviewed} reviewed exceptions`;
    return problems.length
      ? {
          ok: false,
          summary: `${summary}, ${problems.length} violations`,
          problems: problems.sort()
        }
      : { ok: true, summary: `${summary}, 0 violations` };
  }
};
