// Column and field coverage, enforced: every column of the eight families and every field of the kernel's
// trade, order and account records, every outcome field and every command field is read by some invariant,
// or listed as free with its reason (in code and in spec/invariants.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/invariants/catalogue.ts';
import { FREE_FIELDS, allColumns, columnCoverage, readersOf } from '../../src/invariants/readCoverage.ts';
import { GATE_CONFIG, REFERENCE, executeActions, gateCaseArb } from '../../src/gate/index.ts';
import fc from 'fast-check';

const spec = readFileSync(join(import.meta.dirname, '../../spec/invariants.md'), 'utf8');

/** Every key of every record a real run produces, as 'trade.size', 'order.status', 'outcome.details', … */
function fieldsSeen(): Set<string> {
  const seen = new Set<string>();
  const add = (prefix: string, o: object) => { for (const k of Object.keys(o)) seen.add(`${prefix}.${k}`); };
  for (const gcase of fc.sample(gateCaseArb(GATE_CONFIG.slotCount, 60), { seed: 3, numRuns: 60 })) {
    const exec = executeActions(REFERENCE, GATE_CONFIG, gcase.actions);
    for (const r of exec.trace.records) {
      add('state', r.result.state);
      add('account', r.result.state.account);
      add('outcome', r.result.outcome);
      for (const c of r.result.commands) add('command', c);
      for (const s of r.result.state.slots) if (s.trade) add('trade', s.trade);
      for (const o of r.result.state.orders.values()) add('order', o);
    }
  }
  return seen;
}

describe('column and field coverage', () => {
  const readers = readersOf(CATALOGUE);

  it('every column of every family is read by at least one invariant', () => {
    expect(allColumns().filter((c) => !readers.has(c))).toEqual([]);
    for (const f of columnCoverage(CATALOGUE)) expect(f.unread, f.family).toEqual([]);
  });

  it('every state field, outcome field and command field a run produces is read, or free with a reason', () => {
    const seen = fieldsSeen();
    expect(seen.size).toBeGreaterThan(80);
    const unread = [...seen].filter((f) => !readers.has(f) && !(f in FREE_FIELDS));
    expect(unread).toEqual([]);
  });

  it('every declared read names a real column or field (no typo hides a gap)', () => {
    const seen = fieldsSeen();
    const columns = new Set(allColumns());
    const bogus = [...readers.keys()].filter((r) => !columns.has(r) && !seen.has(r));
    expect(bogus).toEqual([]);
  });

  it('spec/invariants.md lists each free field with its reason', () => {
    for (const [field, reason] of Object.entries(FREE_FIELDS)) expect(spec).toContain(`| \`${field}\` | ${reason} |`);
  });
});
