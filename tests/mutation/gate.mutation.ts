// The one test of `npm run mutate`: the pre-merge gate's own path (runGate, whole CATALOGUE, corpus replayed,
// coverage enforced) on the reference kernel at the mutation profile. Deliberately not the example-based unit
// tests: a mutant only the unit tests kill is a hole in the catalogue, and the mutation score must show it.
// Named *.mutation.ts so `npm test` does not pick it up; vitest.mutation.config.ts runs it.
import { expect, it } from 'vitest';
import { readCorpus } from '../../src/gate/counterexampleFile.ts';
import { GATE_CONFIG, REFERENCE, runGate } from '../../src/gate/index.ts';
import { CATALOGUE } from '../../src/invariants/catalogue.ts';
import { MUTATION_PROFILE as P } from '../../src/mutation/profile.ts';

it('every invariant holds on the reference kernel and every transition is taken (mutation profile)', () => {
  const corpus = readCorpus('corpus').map((c) => ({ file: c.file, inputs: c.data.inputs }));
  const result = runGate({
    sut: REFERENCE, config: GATE_CONFIG, invariants: CATALOGUE, profile: P.name, runs: P.runs, seed: P.seed, stepCountMax: P.stepCountMax,
    timeBudgetMs: null, determinismRuns: P.determinismRuns, shard: null, corpus, maxFailures: P.maxFailures, enforceCoverage: true,
  });
  expect(result.failures.map((f) => `${f.invariantId}: ${f.counterexample.message}`)).toEqual([]);
  expect(result.coverageGaps).toEqual([]);
  expect(result.meta.runsDone).toBe(P.runs);
});
