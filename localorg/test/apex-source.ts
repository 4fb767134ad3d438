// A throwaway SFDX source folder with the given Apex classes, and an org compiled from it: for tests
// that need the whole language runtime on the platform (compile errors with schema, setup records).
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { World } from '../src/platform/index.ts';
import { runtimeFor } from '../src/runner/runner.ts';

/** Writes `classes/<Name>.cls` for each entry into a new temporary folder; returns the folder. */
export function apexSource(classes: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'localorg-src-'));
  mkdirSync(join(dir, 'classes'));
  for (const [name, text] of Object.entries(classes))
    writeFileSync(join(dir, 'classes', `${name}.cls`), text);
  return dir;
}

/** An org of a new World compiled from those classes. */
export function orgWithClasses(classes: Record<string, string>) {
  return new World({ runtimeFactory: runtimeFor }).createOrg({
    name: 'o',
    source: [apexSource(classes)]
  });
}
