// The row types are generated from the schemas: the committed file must be what the generator makes now.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRowTypes } from '../../scripts/gen-row-types.ts';

describe('src/rows/rowTypes.generated.ts', () => {
  it('is up to date with schemas/rows (run: npx tsx scripts/gen-row-types.ts)', () => {
    const committed = readFileSync(join(import.meta.dirname, '../../src/rows/rowTypes.generated.ts'), 'utf8');
    expect(committed).toBe(generateRowTypes());
  });
});
