// The gate over worker threads: the same seed gives the same runs, counterexamples and result for any worker
// count (and the same as the in-process runner), and the pool is the watchdog for a module under test.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GATE_CONFIG, REFERENCE, closeGatePool, runGate, runGateParallel, type GateResult } from '../../src/gate/index.ts';
import { sut as noClamp } from '../fixtures/broken/noClamp.ts';
import { ROOT, workbench } from '../cli/helpers.ts';

const WATCHDOG = join(ROOT, 'tests/fixtures/watchdog');

const base = {
  config: GATE_CONFIG, profile: 'test', runs: 240, seed: 7, stepCountMax: 40, timeBudgetMs: null, determinismRuns: 30, shard: null,
  enforceCoverage: false, replayCommand: (f: string | null) => `replay ${f ?? '<file>'}`,
} as const;

/** The result without the one field that measures the machine. */
function comparable(r: GateResult): string {
  return JSON.stringify({ ...r, meta: { ...r.meta, timeMs: 0 } });
}

afterAll(async () => {
  await closeGatePool();
});

describe('worker determinism', () => {
  it('the reference kernel: in-process, 1 worker and 2 workers give one identical result', async () => {
    const inProcess = runGate({ ...base, sut: REFERENCE });
    const one = await runGateParallel({ ...base, kernelModule: null, workers: 1, chunkRuns: 50 });
    const two = await runGateParallel({ ...base, kernelModule: null, workers: 2, chunkRuns: 50 });
    expect(inProcess.status).toBe('passed');
    expect(inProcess.meta.inputsChecked).toBeGreaterThan(1000);
    expect(comparable(one)).toBe(comparable(inProcess));
    expect(comparable(two)).toBe(comparable(inProcess));
  });

  it('a broken kernel: the same failures, shrunk to the same counterexamples and paths, for 1 and 2 workers', async () => {
    const module = join(ROOT, 'tests/fixtures/broken/noClamp.ts');
    const inProcess = runGate({ ...base, sut: noClamp });
    const one = await runGateParallel({ ...base, kernelModule: module, workers: 1, chunkRuns: 50 });
    const two = await runGateParallel({ ...base, kernelModule: module, workers: 2, chunkRuns: 50 });
    expect(inProcess.status).toBe('failed');
    expect(inProcess.failures.map((f) => f.invariantId)).toContain('INV-K-NO-OVERSELL');
    expect(comparable(one)).toBe(comparable(inProcess));
    expect(comparable(two)).toBe(comparable(inProcess));
   }, 300_000); // three shrinking runs: ≈ 2 min on a loaded 2-core machine
});

describe('the pool as watchdog for a module under test', () => {
  const watched = (file: string, extra: { timeBudgetMs?: number; stepDeadlineMs?: number } = {}) =>
    runGateParallel({ ...base, runs: 60, kernelModule: join(WATCHDOG, file), workers: 2, stepDeadlineMs: extra.stepDeadlineMs ?? 2000, timeBudgetMs: extra.timeBudgetMs ?? null });

  it('a step that loops forever is a finding (INV-K-STEP-RETURNS) with the inputs up to that step', async () => {
    const r = await watched('loopsForever.ts');
    expect(r.status).toBe('failed');
    const f = r.failures[0]!;
    expect(f.invariantId).toBe('INV-K-STEP-RETURNS');
    expect(f.counterexample.message).toMatch(/watchdog: loops forever: step did not return within 2 s/);
    expect(f.counterexample.inputs.at(-1)?.kind).toBe('order_filled');
  });

  it('process.exit in a step is a finding about the module, never a pass', async () => {
    const r = await watched('exitsProcess.ts');
    expect(r.status).toBe('failed');
    expect(r.failures[0]!.counterexample.message).toMatch(/called process\.exit\(0\)/);
  });

  it('an async step and a malformed result break the step contract (INV-K-STEP-CONTRACT)', async () => {
    const a = await watched('asyncStep.ts');
    expect(a.failures[0]!.invariantId).toBe('INV-K-STEP-CONTRACT');
    expect(a.failures[0]!.counterexample.message).toMatch(/returned a Promise/);
    const m = await watched('malformedResult.ts');
    expect(m.failures[0]!.invariantId).toBe('INV-K-STEP-CONTRACT');
    expect(m.failures[0]!.counterexample.message).toMatch(/no outcome object/);
  });

  it('a module that never finishes loading is a finding, not a hang', async () => {
    const r = await watched('neverSettles.ts');
    expect(r.failures[0]!.invariantId).toBe('INV-K-STEP-RETURNS');
    expect(r.failures[0]!.counterexample.message).toMatch(/while loading the module/);
  });

  it('--time-budget ends a run stuck in a step (as a finding), long before the step deadline', async () => {
    const t0 = performance.now();
    const r = await watched('loopsForever.ts', { timeBudgetMs: 4000, stepDeadlineMs: 600_000 });
    expect(performance.now() - t0).toBeLessThan(60_000);
    expect(r.meta.interrupted).toBe(true);
    expect(r.failures[0]!.counterexample.message).toMatch(/had not returned when the time budget ran out/);
  });

  it('the CLI: a looping --kernel exits 1 naming the module and the rule', () => {
    const r = workbench(['gate', '--profile', 'smoke', '--no-corpus', '--step-deadline', '2', '--kernel', 'tests/fixtures/watchdog/loopsForever.ts', '--counterexamples', '.workbench/test-watchdog']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/INV-K-STEP-RETURNS +watchdog: loops forever: step did not return/);
  });
});
