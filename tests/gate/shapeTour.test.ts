// The shape tour (src/gate/shapeTour.ts): every shape of every invalid rule is sent, each is really refused by the
// reference, and a defect only a rare shape shows is caught at a budget whose search never draws that shape.
import { describe, expect, it } from 'vitest';
import { INVALID_RULES } from '../../src/gate/actions.ts';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { GATE_CONFIG, REFERENCE, closeGatePool, executeInputs, runGate, runGateParallel, type SystemUnderTest } from '../../src/gate/index.ts';
import { sut as reasonOptional } from '../fixtures/broken/reasonOptional.ts';
import { ROOT } from '../cli/helpers.ts';
import { shapeTour } from '../../src/gate/shapeTour.ts';
import { ACCEPTING_CODES } from '../../src/model/expectation.ts';

const tour = shapeTour(GATE_CONFIG);

function gate(sut: SystemUnderTest, runs: number, without: readonly ('invalid')[] = []) {
  return runGate({
    sut, config: GATE_CONFIG, profile: 'test', runs, seed: 7, stepCountMax: 20, timeBudgetMs: 60_000, determinismRuns: 0, shard: null,
    enforceCoverage: false, maxFailures: 1, without, tour: without.includes('invalid') ? [] : tour,
  });
}

describe('the shape tour', () => {
  it('sends every invalid rule, and each run ends in one valid input after the shape the reference refuses', () => {
    for (const rule of INVALID_RULES) expect(tour.some((t) => t.name.startsWith(`shape tour: ${rule} shape `)), rule).toBe(true);
    expect(tour.map((t) => t.name)).toEqual(expect.arrayContaining(['tour: a planned leg larger than what remains', 'tour: a planned leg of zero']));
    for (const t of tour.filter((x) => x.name.startsWith('shape tour: '))) {
      const codes = executeInputs(REFERENCE, GATE_CONFIG, t.inputs).trace.records.map((r) => r.result.outcome.diagnosticCode);
      // The shape is the input before the trailing balance report; it must be refused (a shape that is accepted tests nothing).
      expect(ACCEPTING_CODES.has(codes.at(-2)!), `${t.name}: ${codes.join(' ')}`).toBe(false);
    }
  });

  it('is sent after a clean pass and counted in the result; --without invalid sends none', () => {
    expect(gate(REFERENCE, 20).meta.tourRuns).toBe(tour.length);
    expect(gate(REFERENCE, 20, ['invalid']).meta.tourRuns).toBe(0);
  });

  it('catches a defect only a rare shape shows, which a small search never draws, as a short saved counterexample', () => {
    const result = gate(reasonOptional, 20);
    expect(result.status).toBe('failed');
    const f = result.failures[0]!;
    expect(f.invariantId).toMatch(/^INV-M-/);
    expect(f.origin).toBe('generated');
    expect(f.counterexample.message).toMatch(/shape tour: not-an-input shape \d+/);
    expect(f.counterexample.inputs.length).toBeLessThanOrEqual(6);
  });

  it('over the worker pool, the same finding as in-process', async () => {
    const base = {
      config: GATE_CONFIG, profile: 'test', runs: 20, seed: 7, stepCountMax: 20, timeBudgetMs: null, determinismRuns: 0, shard: null,
      enforceCoverage: false, maxFailures: 1, tour, replayCommand: (f: string | null) => `replay ${f ?? '<file>'}`,
    } as const;
    const inProcess = runGate({ ...base, sut: reasonOptional });
    const pooled = await runGateParallel({ ...base, kernelModule: join(ROOT, 'tests/fixtures/broken/reasonOptional.ts'), workers: 1 });
    expect(pooled.failures.map((f) => [f.invariantId, f.origin, f.counterexample.message, f.counterexample.inputs])).toEqual(
      inProcess.failures.map((f) => [f.invariantId, f.origin, f.counterexample.message, f.counterexample.inputs]));
    expect(pooled.meta.tourRuns).toBe(inProcess.meta.tourRuns);
  }, 120_000);
});

afterAll(async () => {
  await closeGatePool();
});
