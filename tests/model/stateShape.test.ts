// The checks added to the oracle for what a step returns besides its numbers: INV-M-OUTCOME requires the journal
// entry (spec/kernel.md §1) and INV-M-STATE the slots' shape (§2). Each broken kernel fails the gate under the
// check that exists for it, shrunk to a few inputs; the reference passes the same budget.
import { describe, expect, it } from 'vitest';
import { GATE_CONFIG, REFERENCE, runGate, type SystemUnderTest } from '../../src/gate/index.ts';
import { sut as journalDropped } from '../fixtures/broken/journalDropped.ts';
import { sut as emptySlotLosesNull } from '../fixtures/broken/emptySlotLosesNull.ts';

function gate(sut: SystemUnderTest) {
  return runGate({ sut, config: GATE_CONFIG, profile: 'test', runs: 50, seed: 7, stepCountMax: 20, timeBudgetMs: 60_000, determinismRuns: 0, shard: null, enforceCoverage: false, maxFailures: 1 });
}

describe('what a step returns besides its numbers', () => {
  it('a step without its journal entry fails INV-M-OUTCOME, naming the journal', () => {
    const f = gate(journalDropped).failures[0]!;
    expect(f.invariantId).toBe('INV-M-OUTCOME');
    expect(f.counterexample.message).toContain('journal');
    expect(f.counterexample.inputs.length).toBeLessThanOrEqual(2);
  });

  it('an empty slot whose trade is missing instead of null fails INV-M-STATE, naming the slot', () => {
    const f = gate(emptySlotLosesNull).failures[0]!;
    expect(f.invariantId).toBe('INV-M-STATE');
    expect(f.counterexample.message).toMatch(/slot \d+\.trade/);
    expect(f.counterexample.inputs.length).toBeLessThanOrEqual(2);
  });

  it('the reference passes the same budget', () => {
    expect(gate(REFERENCE).failures).toEqual([]);
  });
});
