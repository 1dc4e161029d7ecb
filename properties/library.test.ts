// Using the workbench as a library, as a team would in its own repo: a @fast-check/vitest property over the
// gate's generators, the reference kernel and the invariant catalogue, imported by package name.
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { CATALOGUE, GATE_CONFIG, REFERENCE, checkExecution, executeActions, gateCaseArb } from 'dita-workbench';

test.prop([gateCaseArb(GATE_CONFIG.slotCount, 40)], { numRuns: 150, seed: 11 })('every invariant holds on the reference kernel', (gcase) => {
  const exec = executeActions(REFERENCE, GATE_CONFIG, gcase.actions);
  expect(checkExecution(exec, CATALOGUE).violations).toEqual([]);
});

test.prop([gateCaseArb(GATE_CONFIG.slotCount, 40)], { numRuns: 100, seed: 12 })('capital never moves on a balance report', (gcase) => {
  const exec = executeActions(REFERENCE, GATE_CONFIG, gcase.actions);
  for (const r of exec.trace.records) {
    if (r.input.kind === 'balance_reported') expect(r.result.state.account.capital.eq(r.before.account.capital)).toBe(true);
  }
  fc.pre(exec.trace.records.length > 0);
});
