// The pre-merge profile, at its own budget, reaches every possible cell of the reach matrix (and no cell the
// matrix lists as impossible): the same run `npx workbench gate` makes in CI, without the corpus.
import { describe, expect, it } from 'vitest';
import { runGateWith } from '../../src/gate/index.ts';
import { REACH_CELLS, cellId } from '../../src/gate/reachMatrix.ts';

describe('pre-merge reach', () => {
  it('reaches every possible cell and passes', async () => {
    // The profile's runs, but not its 120 s wall-clock budget: on a loaded shared machine the budget, not the
    // generators, would decide which cells are reached (an interrupted run enforces no coverage).
    const { result } = await runGateWith({ profile: 'pre-merge', corpus: false, timeBudget: 1800, enforceCoverage: true }, { writeFiles: false });
    expect(result.meta.interrupted).toBe(false);
    expect(result.meta.runsDone).toBe(5000);
    const unreached = REACH_CELLS.filter((c) => c.impossible === null && (result.coverage.reach[cellId(c.dimension, c.key)] ?? 0) === 0);
    const impossibleHit = REACH_CELLS.filter((c) => c.impossible !== null && (result.coverage.reach[cellId(c.dimension, c.key)] ?? 0) > 0);
    expect(unreached.map((c) => cellId(c.dimension, c.key))).toEqual([]);
    expect(impossibleHit.map((c) => cellId(c.dimension, c.key))).toEqual([]);
    expect(result.coverageGaps).toEqual([]);
    expect(result.status).toBe('passed');
  }, 1_800_000);
});
