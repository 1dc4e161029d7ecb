// The one test of `npm run mutate`: the gate's own checking path (gateCaseArb → executeActions → checkExecution
// with the whole CATALOGUE, the corpus replayed, a few runs replayed for determinism, coverage enforced) on the
// reference kernel at the mutation profile. Deliberately not the example-based unit tests: a mutant only the unit
// tests kill is a hole in the catalogue, and the mutation score must show it.
// As the gate does, it sends the shape tour after a clean pass. It differs from `runGate` in one way only: it stops at the first violation without shrinking (fast-check's
// `endOnFailure`), because a mutant is killed by any failure and shrinking only adds time (a first attempt
// through `runGate`, which always shrinks, was projected by Stryker at 1 h 40 min for 1 755 mutants).
// Named *.mutation.ts so `npm test` does not pick it up; vitest.mutation.config.ts runs it.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { readCorpus } from '../../src/gate/counterexampleFile.ts';
import { addTrace, coverageGaps, emptyCoverage } from '../../src/gate/coverage.ts';
import { GATE_CONFIG, REFERENCE, checkExecution, executeActions, executeInputs, gateCaseArb } from '../../src/gate/index.ts';
import type { Execution } from '../../src/gate/execute.ts';
import { CATALOGUE } from '../../src/invariants/catalogue.ts';
import { MUTATION_PROFILE as P } from '../../src/mutation/profile.ts';
import { shapeTour } from '../../src/gate/shapeTour.ts';

/** What the runner's determinism check compares: outcomes, commands, event types and rows. */
function fingerprint(exec: Execution): string {
  return JSON.stringify({ steps: exec.trace.records.map((r) => [r.result.outcome, r.result.commands, r.result.events.map((e) => e.type)]), rows: exec.trace.rows });
}

it('every invariant holds on the reference kernel and every transition is taken (mutation profile)', () => {
  const found: string[] = [];
  for (const c of readCorpus('corpus')) {
    const v = checkExecution(executeInputs(REFERENCE, GATE_CONFIG, c.data.inputs), CATALOGUE).violations[0];
    if (v) found.push(`${c.file}: ${v.invariantId}: ${v.message}`);
  }
  expect(found).toEqual([]);

  const coverage = emptyCoverage();
  const exercised: Record<string, number> = Object.fromEntries(CATALOGUE.map((i) => [i.id, 0]));
  let runs = 0;
  const details = fc.check(fc.property(gateCaseArb(GATE_CONFIG.slotCount, P.stepCountMax), (gcase) => {
    const exec = executeActions(REFERENCE, GATE_CONFIG, gcase.actions);
    const checked = checkExecution(exec, CATALOGUE);
    addTrace(coverage, exec.trace);
    for (const [id, n] of checked.exercised) exercised[id] = (exercised[id] ?? 0) + n;
    const v = checked.violations[0];
    if (v) found.push(`${v.invariantId}: ${v.message}`);
    else if (runs < P.determinismRuns && fingerprint(exec) !== fingerprint(executeActions(REFERENCE, GATE_CONFIG, gcase.actions))) {
      found.push('INV-D-REPLAY-IDENTICAL: the same inputs gave different outcomes or rows on a second run');
    }
    runs++;
    return found.length === 0;
  }), { seed: P.seed, numRuns: P.runs, endOnFailure: true });

  expect(details.failed).toBe(false);
  // After a clean pass the gate sends its shape tour (every shape of every invalid rule, src/gate/shapeTour.ts).
  for (const t of shapeTour(GATE_CONFIG)) {
    const v = checkExecution(executeInputs(REFERENCE, GATE_CONFIG, t.inputs), CATALOGUE).violations[0];
    if (v) {
      found.push(`${t.name}: ${v.invariantId}: ${v.message}`);
      break;
    }
  }
  expect(found).toEqual([]);
  // Transitions, situations and invariants must be reached even at this size; the reach matrix is the pre-merge
  // profile's job (386 cells need thousands of runs), so its cells are not required here.
  expect(coverageGaps(coverage, exercised).filter((g) => !g.startsWith('reach cell never reached'))).toEqual([]);
  expect(runs).toBe(P.runs);
});
