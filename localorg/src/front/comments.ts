/** Comments inside Apex source text that the front end keeps as text (inline SOQL/SOSL). */

/**
 * Inline SOQL is Apex source: the Apex lexer skips `/* ... *\/` and `// ...` comments between its
 * tokens, so the query the platform runs has none (each comment becomes a space; string literals are
 * left as they are).
 */
export function stripApexComments(text: string): string {
  if (!text.includes('/')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== "'") j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
      out += ' ';
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i + 2);
      i = end < 0 ? text.length : end - 1;
      out += ' ';
    } else out += c;
  }
  return out;
}
