// @ts-check
// Facts read from Apex source text.

/**
 * True when the class is a test class: `@IsTest` before its top-level `class` keyword.
 * @param {string} source
 * @returns {boolean}
 */
export function isTestClass(source) {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const header = code.slice(0, Math.max(0, code.search(/\bclass\b/i)));
  return /@istest\b/i.test(header);
}
