#!/usr/bin/env node
// @ts-check
// `npm run analyze:graph`: Salesforce Code Analyzer's Graph Engine (SFGE: data-flow FLS, sharing and
// null-pointer rules, the ones an AppExchange security review runs) on the packaged Apex
// (force-app/main), driven from Node like the PMD engine in scripts/steps/analyze.mjs. About two
// minutes on 2 cores, so it is not a gate step: CI runs it on its own.
//
// Every finding must be either fixed or justified in docs/security-review.md: each justification is
// a table row `| <Class>.<method> | <Rule> | <reason> |` (the method the finding's primary location is
// in, as the engine reports it). The script prints every finding with the row that justifies it,
// then one JSON line {findings, justified, unexplained, staleJustifications, seconds}, and exits 1
// when a finding is unexplained (or, with --strict, when a justification matches no finding).
//   node scripts/analyze-graph.mjs [--strict] [--json <file>]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@salesforce/code-analyzer-core';
import * as sfge from '@salesforce/code-analyzer-sfge-engine';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REVIEW = path.join(root, 'docs', 'security-review.md');

/**
 * The justified findings: `| Class.method | Rule | reason |` rows of docs/security-review.md.
 * @returns {{ where: string, rule: string, reason: string }[]}
 */
export function justifications() {
  if (!fs.existsSync(REVIEW)) return [];
  const rows = [];
  for (const line of fs.readFileSync(REVIEW, 'utf8').split('\n')) {
    const m =
      /^\|\s*`?([A-Za-z0-9_]+\.[A-Za-z0-9_<>]+)`?\s*\|\s*`?([A-Za-z]+)`?\s*\|(.+)\|\s*$/.exec(line);
    if (m && m[3].trim().length > 0) rows.push({ where: m[1], rule: m[2], reason: m[3].trim() });
  }
  return rows;
}

/**
 * The name of the method (or constructor) whose body holds `line` of an Apex file: the nearest
 * declaration above it.
 * @param {string} file
 * @param {number} line 1-based
 * @returns {string}
 */
export function enclosingMethod(file, line) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const declaration =
    /^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|protected|global|static|override|virtual|abstract|webservice|testmethod)\s+)+(?:[\w.<>, ]+\s+)?(\w+)\s*\(/i;
  for (let k = Math.min(line, lines.length) - 1; k >= 0; k--) {
    const m = declaration.exec(lines[k]);
    if (m && !/\b(new|return)\b/.test(lines[k])) return m[1];
  }
  return '<class>';
}

async function main() {
  const argv = process.argv.slice(2);
  const strict = argv.includes('--strict');
  const jsonAt = argv.indexOf('--json');
  const started = Date.now();
  const analyzer = new core.CodeAnalyzer(core.CodeAnalyzerConfig.fromObject({}, root));
  /** @type {string[]} */
  const engineErrors = [];
  analyzer.onEvent(core.EventType.LogEvent, (event) => {
    const log = /** @type {import('@salesforce/code-analyzer-core').LogEvent} */ (event);
    if (log.logLevel === core.LogLevel.Error) engineErrors.push(`code-analyzer: ${log.message}`);
  });
  await analyzer.addEnginePlugin(sfge.createEnginePlugin());
  const workspace = await analyzer.createWorkspace([path.join(root, 'force-app', 'main')]);
  const selection = await analyzer.selectRules(['sfge'], { workspace });
  const results = await analyzer.run(selection, { workspace });
  const rows = justifications();
  const used = new Set();
  /** @type {{ file: string, line: number, where: string, rule: string, message: string, justified: string | null }[]} */
  const findings = [];
  for (const v of results.getViolations()) {
    const loc = v.getCodeLocations()[v.getPrimaryLocationIndex()];
    const file = path
      .relative(root, loc.getFile() ?? '')
      .split(path.sep)
      .join('/');
    const rule = v.getRule().getName();
    const cls = path.basename(file).replace(/\.cls$/, '');
    // the row key: the class of the primary location and the method the line is in
    const where = `${cls}.${enclosingMethod(path.join(root, file), loc.getStartLine() ?? 1)}`;
    const message = v.getMessage();
    const row = rows.find((r) => r.rule === rule && r.where === where);
    if (row) used.add(row);
    findings.push({
      file,
      line: loc.getStartLine() ?? 1,
      where,
      rule,
      message,
      justified: row ? row.reason : null
    });
  }
  findings.sort((a, b) => (a.file + a.line).localeCompare(b.file + b.line));
  for (const f of findings) {
    console.log(
      `${f.justified ? 'justified  ' : 'UNEXPLAINED'} ${f.file}:${f.line} (${f.where}): sfge/${f.rule}: ${f.message}`
    );
  }
  for (const e of engineErrors) console.log(`ENGINE ERROR ${e}`);
  const stale = rows.filter((r) => !used.has(r));
  for (const r of stale) console.log(`stale justification (no finding): ${r.where} ${r.rule}`);
  const summary = {
    rules: selection.getCount(),
    findings: findings.length,
    justified: findings.filter((f) => f.justified).length,
    unexplained: findings.filter((f) => !f.justified).length,
    staleJustifications: stale.length,
    engineErrors: engineErrors.length,
    seconds: Math.round((Date.now() - started) / 1000)
  };
  if (jsonAt >= 0) fs.writeFileSync(argv[jsonAt + 1], JSON.stringify(findings, null, 2));
  console.log(JSON.stringify(summary));
  return summary.unexplained > 0 || summary.engineErrors > 0 || (strict && stale.length > 0)
    ? 1
    : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  }
);
