// Guards the "no hard-coded English" rule of the admin UI: every label the components and
// controllers use exists in the custom labels file, and markup carries no literal text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

const ADMIN_UI = path.join(__dirname, '..', '..', '..', 'main', 'admin-ui');
const LWC = path.join(ADMIN_UI, 'lwc');

function files(dir: string, suffix: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((file) => file.endsWith(suffix) && !file.includes('__tests__'))
    .map((file) => path.join(dir, file));
}

function definedLabels(): Map<string, string> {
  const xml = fs.readFileSync(
    path.join(ADMIN_UI, 'labels', 'CustomLabels.labels-meta.xml'),
    'utf8'
  );
  const parsed = new XMLParser({ isArray: (name) => name === 'labels' }).parse(xml);
  return new Map(
    parsed.CustomLabels.labels.map((label: { fullName: string; value: string }) => [
      label.fullName,
      String(label.value)
    ])
  );
}

describe('admin UI labels', () => {
  const labels = definedLabels();

  it('defines every label the components import, with a value', () => {
    const used = files(LWC, '.ts').flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/@salesforce\/label\/c\.(\w+)/g)].map(
        (match) => match[1]
      )
    );
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((name) => !labels.get(name))).toEqual([]);
  });

  it('defines every System.Label the controllers use', () => {
    const used = files(path.join(ADMIN_UI, 'classes'), '.cls').flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/System\.Label\.(\w+)/g)].map((match) => match[1])
    );
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((name) => !labels.get(name))).toEqual([]);
  });

  it('keeps literal English out of the markup', () => {
    const problems: string[] = [];
    for (const file of files(LWC, '.html')) {
      const html = fs.readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
      const text = html.replace(/<[^>]+>/g, ' ').replace(/\{[^}]+\}/g, ' ');
      if (/[A-Za-z]/.test(text))
        problems.push(`${path.basename(file)}: text "${text.replace(/\s+/g, ' ').trim()}"`);
      for (const match of html.matchAll(
        /\s(label|alternative-text|title|placeholder)="([^"{][^"]*)"/g
      )) {
        problems.push(`${path.basename(file)}: ${match[1]}="${match[2]}"`);
      }
    }
    expect(problems).toEqual([]);
  });
});
