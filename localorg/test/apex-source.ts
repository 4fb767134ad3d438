// A throwaway SFDX source folder with the given Apex classes, and an org compiled from it: for tests
// that need the whole language runtime on the platform (compile errors with schema, setup records).
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { World } from '../src/platform/index.ts';
import { runtimeFor } from '../src/runner/runner.ts';

/**
 * Writes `classes/<Name>.cls` and `triggers/<Name>.trigger` for each entry, and any other metadata
 * file by its relative path, into a new temporary folder; returns the folder.
 */
export function apexSource(
  classes: Record<string, string>,
  triggers: Record<string, string> = {},
  files: Record<string, string> = {}
): string {
  const dir = mkdtempSync(join(tmpdir(), 'localorg-src-'));
  const all: Record<string, string> = { ...files };
  for (const [name, text] of Object.entries(classes)) all[`classes/${name}.cls`] = text;
  for (const [name, text] of Object.entries(triggers)) all[`triggers/${name}.trigger`] = text;
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** An org of a new World compiled from those classes (and triggers, and files). */
export function orgWithClasses(
  classes: Record<string, string>,
  triggers: Record<string, string> = {},
  files: Record<string, string> = {}
) {
  return new World({ runtimeFactory: runtimeFor }).createOrg({
    name: 'o',
    source: [apexSource(classes, triggers, files)]
  });
}
