// Parity and the adapter fuzz over the runners' pool: the same seed gives the in-process runner's result for
// any worker count, and the pool is the watchdog for a candidate or adapter module.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GATE_CONFIG } from '../../src/gate/systemUnderTest.ts';
import { closeRunnerPool } from '../../src/runner/pool.ts';
import { inProcessCandidate } from '../../src/parity/candidate.ts';
import { runParity, type ParityResult } from '../../src/parity/runParity.ts';
import { runParityOnPool } from '../../src/parity/parityOnPool.ts';
import { runAdapterFuzz, type FuzzResult } from '../../src/adapters/fuzz/runFuzz.ts';
import { runAdapterFuzzOnPool } from '../../src/adapters/fuzz/fuzzOnPool.ts';
import { loadAdapterFactory } from '../../src/adapters/loadAdapter.ts';
import { sut as planted } from '../fixtures/plantedDivergence.ts';
import { ROOT } from '../cli/helpers.ts';

const WATCHDOG = join(ROOT, 'tests/fixtures/watchdog');
const EXACT = { ignore: [], tolerance: [], force: false } as const;
const parityBase = { config: GATE_CONFIG, runs: 120, seed: 3, stepCountMax: 30, mix: 'full' as const };

afterAll(async () => {
  await closeRunnerPool();
});

/** A parity result without what only the pool reports (its worker count). */
function parityComparable(r: ParityResult): string {
  const { workers: _w, interrupted: _i, ...rest } = r;
  return JSON.stringify(rest);
}

/** A fuzz result as every report shows it (the trace itself stays in the thread that ran the case). */
function fuzzComparable(r: FuzzResult): string {
  const { workers: _w, counterexample, ...rest } = r;
  return JSON.stringify({ ...rest, counterexample: counterexample ? { ...counterexample, trace: undefined } : null });
}

describe('parity on the pool', () => {
  it('a divergent candidate: in-process, 1 worker and 2 workers give one identical result', async () => {
    const module = join(ROOT, 'tests/fixtures/plantedDivergence.ts');
    const inProcess = await runParity({ ...parityBase, candidate: inProcessCandidate(planted, module) });
    const one = await runParityOnPool({ ...parityBase, candidateModule: module, policy: EXACT, setAside: [], workers: 1, timeBudgetMs: null, chunkRuns: 25 });
    const two = await runParityOnPool({ ...parityBase, candidateModule: module, policy: EXACT, setAside: [], workers: 2, timeBudgetMs: null, chunkRuns: 25 });
    expect(inProcess.status).toBe('divergent');
    expect(inProcess.findings.length).toBeGreaterThan(0);
    expect(one.candidate.name).toBe(planted.name);
    expect(parityComparable(one.result)).toBe(parityComparable(inProcess));
    expect(parityComparable(two.result)).toBe(parityComparable(inProcess));
    expect(two.result.workers).toBe(2);
  });

  const watched = (file: string, extra: { timeBudgetMs?: number } = {}) => runParityOnPool({
    ...parityBase, runs: 40, candidateModule: join(WATCHDOG, file), policy: EXACT, setAside: [], workers: 2, stepDeadlineMs: 2000, timeBudgetMs: extra.timeBudgetMs ?? null,
  });

  it('a candidate step that loops forever is a finding (INV-K-STEP-RETURNS) with the inputs up to that step', async () => {
    const { result } = await watched('loopsForever.ts');
    expect(result.status).toBe('divergent');
    const f = result.findings[0]!;
    expect(f.signature).toMatch(/^INV-K-STEP-RETURNS @ order_filled$/);
    expect(f.fault?.message).toMatch(/step did not return within 2 s/);
    expect(f.inputs.at(-1)?.kind).toBe('order_filled');
  });

  it('a candidate that calls process.exit or returns garbage is a finding, never a pass', async () => {
    const exits = await watched('exitsProcess.ts');
    expect(exits.result.status).toBe('divergent');
    expect(exits.result.findings[0]!.fault?.message).toMatch(/process\.exit\(0\)/);
    const garbage = await watched('malformedResult.ts');
    expect(garbage.result.findings[0]!.signature).toBe('INV-K-STEP-CONTRACT');
    expect(garbage.result.findings[0]!.fault?.message).toMatch(/no outcome object/);
  });

  it('the time budget stops a looping candidate: the run ends, interrupted or with the hang as its finding', async () => {
    const t0 = performance.now();
    const { result } = await runParityOnPool({
      ...parityBase, runs: 40, candidateModule: join(WATCHDOG, 'loopsForever.ts'), policy: EXACT, setAside: [], workers: 1, stepDeadlineMs: 60_000, timeBudgetMs: 12_000,
    });
    expect(performance.now() - t0).toBeLessThan(45_000);
    expect(result.interrupted).toBe(true);
    expect(result.findings[0]?.signature ?? '').toMatch(/INV-K-STEP-RETURNS/);
  });
});

describe('adapter fuzz on the pool', () => {
  it('a broken adapter: in-process, 1 worker and 2 workers give one identical result', async () => {
    const module = join(ROOT, 'tests/fixtures/adapters/no-dedupe.ts');
    const options = { runs: 60, seed: 3 };
    const inProcess = await runAdapterFuzz(await loadAdapterFactory(module), options);
    const one = await runAdapterFuzzOnPool({ ...options, adapterModule: module, workers: 1, chunkRuns: 16 });
    const two = await runAdapterFuzzOnPool({ ...options, adapterModule: module, workers: 2, chunkRuns: 16 });
    expect(inProcess.status).toBe('failed');
    expect(fuzzComparable(one)).toBe(fuzzComparable(inProcess));
    expect(fuzzComparable(two)).toBe(fuzzComparable(inProcess));
  });

  it('a passing adapter: the same counts and coverage for 1 and 2 workers as in-process', async () => {
    const module = join(ROOT, 'src/adapters/reference/referenceAdapter.ts');
    const inProcess = await runAdapterFuzz(await loadAdapterFactory(module), { runs: 40, seed: 5 });
    const two = await runAdapterFuzzOnPool({ runs: 40, seed: 5, adapterModule: module, workers: 2, chunkRuns: 10 });
    expect(inProcess.status).toBe('passed');
    expect(fuzzComparable(two)).toBe(fuzzComparable(inProcess));
  });

  it('an adapter call that loops forever, or exits the process, is an INV-A-ANSWERS finding', async () => {
    const loops = await runAdapterFuzzOnPool({ runs: 40, seed: 1, adapterModule: join(WATCHDOG, 'loopingAdapter.ts'), workers: 2, stepDeadlineMs: 2000 });
    expect(loops.status).toBe('failed');
    expect(loops.counterexample?.primary).toBe('INV-A-ANSWERS');
    expect(loops.counterexample?.violations[0]?.message).toMatch(/handle\(command CancelOrder .*\) did not return within 2 s/);
    const exits = await runAdapterFuzzOnPool({ runs: 40, seed: 1, adapterModule: join(WATCHDOG, 'exitingAdapter.ts'), workers: 2, stepDeadlineMs: 2000 });
    expect(exits.status).toBe('failed');
    expect(exits.counterexample?.violations[0]?.message).toMatch(/process\.exit\(0\)/);
  });
});
