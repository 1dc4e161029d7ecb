// The catalogue's integrity: one file per invariant named by its ID, unique IDs, and spec/invariants.md
// documenting exactly the catalogue.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/invariants/catalogue.ts';
import { ADAPTER_INVARIANTS } from '../../src/adapters/conformance/catalogue.ts';

const root = join(import.meta.dirname, '../..');
const spec = readFileSync(join(root, 'spec/invariants.md'), 'utf8');

describe('invariant catalogue', () => {
  it('has unique IDs, each defined in properties/<ID>.ts', () => {
    const ids = [...CATALOGUE, ...ADAPTER_INVARIANTS].map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const files = readdirSync(join(root, 'properties')).filter((f) => /^INV-.*\.ts$/.test(f) && !f.endsWith('.test.ts')).map((f) => f.replace(/\.ts$/, ''));
    expect(files.sort()).toEqual([...ids].sort());
  });

  it('spec/invariants.md has a section for every kernel and row invariant, and lists every adapter one', () => {
    const sections = [...spec.matchAll(/^### (INV-[A-Z0-9-]+)$/gm)].map((m) => m[1]);
    expect(sections.filter((s) => !['INV-K-NEVER-THROWS', 'INV-D-REPLAY-IDENTICAL'].includes(s!))).toEqual(CATALOGUE.map((i) => i.id));
    for (const inv of ADAPTER_INVARIANTS) expect(spec).toContain(`| \`${inv.id}\` |`);
    for (const inv of CATALOGUE) expect(spec).toContain(inv.statement);
  });
});
