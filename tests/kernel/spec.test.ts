// spec/kernel.md and the code must agree: its transition table, code table and precedence list are
// compared with the kernel's data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DECLARED_TRANSITIONS, DIAGNOSTICS, INTENT_REJECTION_PRECEDENCE, STAGES, TRIGGERS } from '../../src/kernel/index.ts';

const spec = readFileSync(join(import.meta.dirname, '../../spec/kernel.md'), 'utf8');
const cells = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim().replace(/`/g, ''));

/** The rows (cells, header dropped) of the first table in the section whose heading starts with `heading`. */
function sectionRows(heading: string): string[][] {
  const start = spec.indexOf(`\n${heading}`);
  if (start < 0) throw new Error(`spec/kernel.md has no section ${heading}`);
  const rest = spec.slice(start + 1);
  const end = rest.slice(1).search(/\n#/);
  const body = end < 0 ? rest : rest.slice(0, end + 1);
  const lines = body.split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const after = lines.slice(first);
  const stop = after.findIndex((l) => !l.startsWith('|'));
  return (stop < 0 ? after : after.slice(0, stop)).filter((l) => !/^\|\s*-/.test(l)).map(cells).slice(1);
}

describe('spec/kernel.md agrees with src/kernel', () => {
  it('§5.1 lists exactly the declared transitions', () => {
    const stages = new Set<string>(STAGES);
    const triggers = new Set<string>(TRIGGERS);
    const rows = sectionRows('### 5.1');
    expect(rows.every((c) => c.length === 3 && stages.has(c[0]!) && triggers.has(c[1]!) && stages.has(c[2]!))).toBe(true);
    expect(rows).toEqual(DECLARED_TRANSITIONS.map((t) => [t.from, t.trigger, t.to]));
  });

  it('§6.2 lists every diagnostic code with its severity and outcome', () => {
    const rows = sectionRows('### 6.2');
    const table = Object.fromEntries(rows.map((c) => [c[0], [c[1], c[2]]]));
    const expected = Object.fromEntries(Object.entries(DIAGNOSTICS).map(([code, d]) => [code, [d.severity, d.accepted ? 'accepted' : 'rejected']]));
    expect(table).toEqual(expected);
  });

  it('§6.1 lists the rejection precedence in the order the kernel checks it', () => {
    const listed = [...spec.matchAll(/^\d+\. `([A-Z_]+)`$/gm)].map((m) => m[1]);
    expect(listed).toEqual([...INTENT_REJECTION_PRECEDENCE]);
  });
});
