// Proof that the gate bites: each deliberately broken kernel or writer fails it, under the invariant that
// exists for that bug, with a counterexample shrunk to a handful of steps. The reference kernel passes.
import { describe, expect, it } from 'vitest';
import { GATE_CONFIG, REFERENCE, runGate, type SystemUnderTest } from '../../src/gate/index.ts';

const FIXTURES: readonly [string, string][] = [
  ['noClamp', 'INV-K-NO-OVERSELL'],
  ['doubleClose', 'INV-K-SINGLE-CLOSE'],
  ['closedSlotAcceptsExit', 'INV-K-CLOSED-REJECTS-EXIT'],
  ['cumulativePnlLeg', 'INV-R-LEG-ROWS'],
  ['balanceOverwritesCapital', 'INV-K-CAPITAL-AUTHORITY'],
  ['duplicateFillApplied', 'INV-K-IDEMPOTENT'],
  ['missingColumn', 'INV-R-SCHEMA-VALID'],
  ['fractionOffByOneStep', 'INV-R-LEG-FRACTIONS'],
  ['dustLeftOnLastLeg', 'INV-K-CLOSED-IFF-FLAT'],
];

function gate(sut: SystemUnderTest, runs = 1500) {
  return runGate({ sut, config: GATE_CONFIG, profile: 'test', runs, seed: 7, stepCountMax: 60, timeBudgetMs: 60_000, determinismRuns: 0, shard: null, enforceCoverage: false, maxFailures: 3 });
}

describe('the gate bites', () => {
  for (const [fixture, expected] of FIXTURES) {
    it(`${fixture} fails ${expected}, shrunk to a handful of steps`, async () => {
      const { sut } = (await import(`../fixtures/broken/${fixture}.ts`)) as { sut: SystemUnderTest };
      const result = gate(sut);
      expect(result.status).toBe('failed');
      const ids = result.failures.map((f) => f.invariantId);
      expect(ids).toContain(expected);
      const failure = result.failures.find((f) => f.invariantId === expected)!;
      expect(failure.counterexample.inputs.length, failure.counterexample.steps.map((s) => `${s.step} ${s.input} → ${s.outcome}`).join('\n')).toBeLessThanOrEqual(8);
      expect(failure.counterexample.steps.length).toBe(failure.counterexample.inputs.length);
      expect(failure.counterexample.replayCommand).toContain('workbench replay');
    });
  }

  it('the reference kernel passes the same budget', () => {
    const result = gate(REFERENCE);
    expect(result.failures.map((f) => `${f.invariantId}: ${f.counterexample.message}`)).toEqual([]);
    expect(result.status).toBe('passed');
  });
});
