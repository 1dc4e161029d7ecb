// Every reason a mutant is claimed equivalent for is stated in spec/invariants.md, verbatim, so the spec and the
// list in src/mutation/equivalentMutants.ts cannot drift apart; and each claim names its mutant exactly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EQUIVALENT_MUTANTS, equivalentKey } from '../../src/mutation/equivalentMutants.ts';

describe('equivalent mutants', () => {
  it('every reason is printed in spec/invariants.md', () => {
    const spec = readFileSync('spec/invariants.md', 'utf8');
    const missing = [...new Set(EQUIVALENT_MUTANTS.map((m) => m.reason))].filter((r) => !spec.includes(r));
    expect(missing).toEqual([]);
  });

  it('no mutant is claimed twice, and every claimed original text is in its file (on a line with `within`)', () => {
    const keys = EQUIVALENT_MUTANTS.map((m) => `${equivalentKey(m)}\u0000${m.within ?? ''}`);
    expect(keys.length).toBe(new Set(keys).size);
    for (const m of EQUIVALENT_MUTANTS) {
      const source = readFileSync(m.file, 'utf8');
      expect(source.includes(m.original), `${m.file}: ${m.original}`).toBe(true);
      if (m.within !== undefined) expect(source.split('\n').some((l) => l.includes(m.within!) && (m.original.includes('\n') || l.includes(m.original))), `${m.file}: ${m.within}`).toBe(true);
    }
  });
});
