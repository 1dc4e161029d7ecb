// The row types are generated from the schemas: the committed file must be what the generator makes now.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRowTypes } from '../../scripts/gen-row-types.ts';

describe('src/rows/rowTypes.generated.ts', () => {
  it('is up to date with schemas/ (run: npx tsx scripts/gen-row-types.ts)', () => {
    const committed = readFileSync(join(import.meta.dirname, '../../src/rows/rowTypes.generated.ts'), 'utf8');
    expect(committed).toBe(generateRowTypes());
  });
});

describe('row family list', () => {
  it('the generator reads exactly the eight families of src/rows/families.ts', async () => {
    const { FAMILIES } = await import('../../src/rows/families.ts');
    const generated = readFileSync(join(import.meta.dirname, '../../src/rows/rowTypes.generated.ts'), 'utf8');
    const names = [...generated.matchAll(/^ {2}readonly (\w+): \w+Row;$/gm)].map((m) => m[1]);
    expect(names.sort()).toEqual([...FAMILIES].sort());
  });
});
