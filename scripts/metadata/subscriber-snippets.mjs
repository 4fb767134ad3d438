// @ts-check
// The Apex the docs give subscribers reaches the package only through its global API, by its
// namespace. Installed as a managed package, the package's classes are `ns.ClassName` to the
// subscriber's code ("Namespace Prefix", Apex Developer Guide: "To invoke a method that is defined
// in a managed package, Apex allows fully-qualified identifiers of the form
// namespace_prefix.class.method(args)"), and only `global` classes and members are visible outside
// the namespace ("Access Modifiers": `public` is visible "to other classes in the same application
// namespace"; `global` "across all namespaces"). So a documented snippet that names a public class
// or member, or names a package class without the namespace inside subscriber code, fails to
// compile in a subscriber org, which no test of the unnamespaced package can see.
//
// Checked in every docs/*.md and README.md code span and ```apex block:
// - `ns.Class.member` (or `<namespace>.Class.member` with the namespace of sfdx-project.json, or
//   the example `s2s.`): Class is a global top-level class of the package and member a global
//   method, property or inner class of it;
// - in the subscriber docs (SUBSCRIBER_DOCS), no code names a package class that is not global
//   (`X.method(...)`, `new X(...)`), and a snippet a subscriber writes (a trigger, or a statement
//   ending in `;`) names no package class without the namespace.
import fs from 'node:fs';
import path from 'node:path';
import { listFiles } from '../lib/files.mjs';

/** Docs written for subscribers: their snippets are the subscriber's code. */
export const SUBSCRIBER_DOCS = ['docs/real-org.md', 'docs/packaging.md', 'docs/configuration.md'];

/**
 * @typedef {{ global: boolean, globalMembers: Set<string> }} PackageClass
 */

/**
 * Apex source without comments and with string literals emptied (a string may hold `/*`, a comment
 * may hold a quote).
 * @param {string} source
 * @returns {string}
 */
export function codeOnly(source) {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const two = source.slice(i, i + 2);
    if (two === '//') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (two === '/*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
      out += ' ';
    } else if (source[i] === "'") {
      i++;
      while (i < source.length && source[i] !== "'") i += source[i] === '\\' ? 2 : 1;
      i++;
      out += "''";
    } else {
      out += source[i++];
    }
  }
  return out;
}

/**
 * The package's top-level classes (force-app/main), with whether each is global and its global
 * members (methods, properties, inner classes), by lower-case name.
 * @param {string} root
 * @returns {Map<string, PackageClass>}
 */
export function packageClasses(root) {
  /** @type {Map<string, PackageClass>} */
  const classes = new Map();
  for (const file of listFiles(root, 'force-app/main').filter((f) => f.endsWith('.cls'))) {
    const code = codeOnly(fs.readFileSync(path.join(root, file), 'utf8'));
    const name = path.basename(file, '.cls');
    const declaration = new RegExp(`^([^{]*?)\\b(?:class|interface|enum)\\s+${name}\\b`, 'im').exec(
      code
    );
    const globalMembers = new Set();
    // global inner types by their name; global methods and properties by the name before ( { ; =
    const type = /\bglobal\b[^;{(]*?\b(?:class|interface|enum)\s+(\w+)/gi;
    const member = /\bglobal\b(?![^;{(]*\b(?:class|interface|enum)\b)[^;{=(]*?\b(\w+)\s*[({;=]/gi;
    for (const m of [...code.matchAll(type), ...code.matchAll(member)]) {
      if (m[1].toLowerCase() !== name.toLowerCase()) globalMembers.add(m[1].toLowerCase());
    }
    classes.set(name.toLowerCase(), {
      global: !!declaration && /\bglobal\b/i.test(declaration[1]),
      globalMembers
    });
  }
  return classes;
}

/**
 * The Apex snippets of a markdown file: inline code spans and ```apex blocks, with their line.
 * @param {string} markdown
 * @returns {{ line: number, code: string }[]}
 */
export function snippetsOf(markdown) {
  /** @type {{ line: number, code: string }[]} */
  const out = [];
  const lines = markdown.split('\n');
  let fence = /** @type {{ lang: string, start: number, body: string[] } | null} */ (null);
  lines.forEach((text, i) => {
    const open = /^\s*```(\w*)/.exec(text);
    if (fence) {
      if (/^\s*```\s*$/.test(text)) {
        if (fence.lang === 'apex') out.push({ line: fence.start + 1, code: fence.body.join('\n') });
        fence = null;
      } else {
        fence.body.push(text);
      }
      return;
    }
    if (open) {
      fence = { lang: open[1].toLowerCase(), start: i + 1, body: [] };
      return;
    }
    for (const m of text.matchAll(/`([^`]+)`/g)) out.push({ line: i + 1, code: m[1] });
  });
  return out;
}

/**
 * Problems of the docs' subscriber snippets, as `file:line:1: docs/subscriber-apex: message`.
 * @param {string} root
 * @param {string} [namespace] the package's namespace (sfdx-project.json), '' when not set
 * @returns {{ snippets: number, problems: string[] }}
 */
export function checkSubscriberSnippets(root, namespace = '') {
  const classes = packageClasses(root);
  const prefixes = new Set(['ns', 's2s', ...(namespace ? [namespace.toLowerCase()] : [])]);
  const docs = [...listFiles(root, 'docs'), 'README.md'].filter(
    (f) => f.endsWith('.md') && fs.existsSync(path.join(root, f))
  );
  /** @type {string[]} */
  const problems = [];
  let snippets = 0;
  for (const file of docs) {
    const subscriber = SUBSCRIBER_DOCS.includes(file);
    for (const { line, code } of snippetsOf(fs.readFileSync(path.join(root, file), 'utf8'))) {
      const where = `${file}:${line}:1: docs/subscriber-apex:`;
      let counted = false;
      for (const m of code.matchAll(/\b(\w+)\.(\w+)\.(\w+)/g)) {
        const [, prefix, cls, memberName] = m;
        if (!prefixes.has(prefix.toLowerCase())) continue;
        const declared = classes.get(cls.toLowerCase());
        if (!declared) continue;
        counted = true;
        if (!declared.global) {
          problems.push(
            `${where} \`${m[0]}\`: ${cls} is not global, so subscriber code cannot reach it`
          );
        } else if (!declared.globalMembers.has(memberName.toLowerCase())) {
          problems.push(
            `${where} \`${m[0]}\`: ${memberName} is not a global member of ${cls}, so subscriber code cannot reach it`
          );
        }
      }
      const written = /\btrigger\s+\w+\s+on\s+\w+/i.test(code) || /;\s*\}?\s*$/.test(code);
      const unqualified = /(^|[^.\w])(?:new\s+)?(\w+)\s*(?:\.\s*\w+\s*)?\(/g;
      for (const m of subscriber ? code.matchAll(unqualified) : []) {
        const declared = classes.get(m[2].toLowerCase());
        if (!declared) continue;
        counted = true;
        if (!declared.global) {
          problems.push(
            `${where} \`${code.trim()}\`: ${m[2]} is not global, so subscriber code cannot reach it (the global API is ns.S2SSync)`
          );
        } else if (written) {
          problems.push(
            `${where} \`${code.trim()}\`: subscriber code names the package class ${m[2]} without its namespace (write ns.${m[2]})`
          );
        }
      }
      if (counted) snippets++;
    }
  }
  return { snippets, problems };
}
