import fc from 'fast-check';
import { addTrace, coverageGaps, emptyCoverage } from '/work/main/src/gate/coverage.ts';
import { GATE_CONFIG, REFERENCE, checkExecution, executeActions, gateCaseArb } from '/work/main/src/gate/index.ts';
import { CATALOGUE } from '/work/main/src/invariants/catalogue.ts';
const runs = Number(process.argv[2] ?? 100);
for (let seed = 1; seed <= 60; seed++) {
  const coverage = emptyCoverage();
  const exercised: Record<string, number> = Object.fromEntries(CATALOGUE.map((i) => [i.id, 0]));
  const t0 = Date.now();
  fc.check(fc.property(gateCaseArb(GATE_CONFIG.slotCount, 60), (gcase) => {
    const exec = executeActions(REFERENCE, GATE_CONFIG, gcase.actions);
    const checked = checkExecution(exec, CATALOGUE);
    addTrace(coverage, exec.trace);
    for (const [id, n] of checked.exercised) exercised[id] = (exercised[id] ?? 0) + n;
    return checked.violations.length === 0;
  }), { seed, numRuns: runs });
  const gaps = coverageGaps(coverage, exercised).filter((g) => !g.startsWith('reach cell never reached'));
  console.log(seed, Date.now() - t0, gaps.length, gaps.join(' | '));
}
