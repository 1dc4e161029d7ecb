// The reference adapter passes the adapter-fuzz profile, every venue behaviour is played in a default-sized
// run, and a case replays to the identical trace.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executeCase } from '../../src/adapters/executor.ts';
import { fuzzCaseArb } from '../../src/adapters/fuzz/arbitraries.ts';
import { ADAPTER_FUZZ_PROFILE } from '../../src/adapters/fuzz/profile.ts';
import { runAdapterFuzz } from '../../src/adapters/fuzz/runFuzz.ts';
import { timelineOf } from '../../src/adapters/fuzz/timeline.ts';
import { createAdapter } from '../../src/adapters/reference/referenceAdapter.ts';

describe('reference adapter under adapter-fuzz', () => {
  it('holds every INV-A and kernel invariant over the profile\'s runs, and plays every venue behaviour', async () => {
    const result = await runAdapterFuzz(createAdapter, { seed: 20240601, runs: ADAPTER_FUZZ_PROFILE.runs });
    expect(result.counterexample?.violations ?? []).toEqual([]);
    expect(result.status).toBe('passed');
    expect(result.runsDone).toBe(ADAPTER_FUZZ_PROFILE.runs);
    const unplayed = result.coverage.filter((c) => c.runsWith === 0).map((c) => c.behaviour);
    expect(unplayed).toEqual([]);
    const idle = result.conformance.filter((c) => c.id.startsWith('INV-A-') && c.status !== 'held').map((c) => c.id);
    expect(idle).toEqual([]);
  });

  it('replays a case to the identical timeline (no clock, no randomness)', async () => {
    const cases = fc.sample(fuzzCaseArb(ADAPTER_FUZZ_PROFILE), { numRuns: 20, seed: 7 });
    for (const c of cases) {
      const a = await executeCase(c, createAdapter);
      const b = await executeCase(c, createAdapter);
      expect(timelineOf(b)).toEqual(timelineOf(a));
      expect(b.coverage).toEqual(a.coverage);
    }
  });
});
