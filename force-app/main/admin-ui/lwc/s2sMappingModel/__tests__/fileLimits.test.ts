// The mapping editor's file size limits are those of the Apex that enforces them: S2SFileLimits is
// the one source, and the editor (which has no Apex call to read them from) keeps copies. This
// reads the Apex class, so a change of either side fails here instead of shipping two limits.
import fs from 'node:fs';
import path from 'node:path';
import { FILE_SIZE_CEILING_KB, FILE_SIZE_DEFAULT_KB } from '../schema';

const APEX = path.resolve(__dirname, '../../../../mapping/classes/S2SFileLimits.cls');

function apexConstant(name: string): number {
  const match = new RegExp(`static final Integer ${name} = (\\d+);`).exec(
    fs.readFileSync(APEX, 'utf8')
  );
  if (!match) throw new Error(`S2SFileLimits.${name} not found in ${APEX}`);
  return Number(match[1]);
}

describe('file size limits', () => {
  it('equal S2SFileLimits.DEFAULT_KB and CEILING_KB', () => {
    expect(FILE_SIZE_DEFAULT_KB).toBe(apexConstant('DEFAULT_KB'));
    expect(FILE_SIZE_CEILING_KB).toBe(apexConstant('CEILING_KB'));
  });
});
