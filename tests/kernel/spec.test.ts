// spec/kernel.md and the code must agree: its transition table, code table and precedence list are
// compared with the kernel's data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DECLARED_TRANSITIONS, DIAGNOSTICS, INTENT_REJECTION_PRECEDENCE, STAGES, TRIGGERS } from '../../src/kernel/index.ts';

const spec = readFileSync(join(import.meta.dirname, '../../spec/kernel.md'), 'utf8');
const cells = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim().replace(/`/g, ''));

describe('spec/kernel.md agrees with src/kernel', () => {
  it('§5.1 lists exactly the declared transitions', () => {
    const stages = new Set<string>(STAGES);
    const triggers = new Set<string>(TRIGGERS);
    const rows = spec.split('\n').filter((l) => l.startsWith('|')).map(cells)
      .filter((c) => c.length === 3 && stages.has(c[0]!) && triggers.has(c[1]!));
    expect(rows).toEqual(DECLARED_TRANSITIONS.map((t) => [t.from, t.trigger, t.to]));
  });

  it('§6.2 lists every diagnostic code with its severity and outcome', () => {
    const rows = spec.split('\n').filter((l) => l.startsWith('| `')).map(cells);
    const table = Object.fromEntries(rows.map((c) => [c[0], [c[1], c[2]]]));
    const expected = Object.fromEntries(Object.entries(DIAGNOSTICS).map(([code, d]) => [code, [d.severity, d.accepted ? 'accepted' : 'rejected']]));
    expect(table).toEqual(expected);
  });

  it('§6.1 lists the rejection precedence in the order the kernel checks it', () => {
    const listed = [...spec.matchAll(/^\d+\. `([A-Z_]+)`$/gm)].map((m) => m[1]);
    expect(listed).toEqual([...INTENT_REJECTION_PRECEDENCE]);
  });
});
