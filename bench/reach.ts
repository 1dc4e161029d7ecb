// The reach matrix's cost: classifying a run's steps into cells (src/gate/reach.ts), per input, beside the cost
// of executing the same runs (generation resolved, kernel and row writer). Pre-merge-sized runs, seeded.
import fc from 'fast-check';
import { gateCaseArb } from '../src/gate/actions.ts';
import { executeActions } from '../src/gate/execute.ts';
import { addReach } from '../src/gate/reach.ts';
import { GATE_CONFIG, REFERENCE } from '../src/gate/systemUnderTest.ts';
import { fmt, median } from './stats.ts';

export function main(): string {
  const cases = fc.sample(gateCaseArb(GATE_CONFIG.slotCount, 100), { seed: 20261124, numRuns: 1000 });
  const started = performance.now();
  const execs = cases.map((c) => executeActions(REFERENCE, GATE_CONFIG, c.actions));
  const execMs = performance.now() - started;
  const inputs = execs.reduce((n, e) => n + e.trace.records.length, 0);
  const rounds = [0, 1, 2, 3].map(() => {
    const t0 = performance.now();
    const counts: Record<string, number> = {};
    for (const e of execs) addReach(counts, e.trace.records);
    return performance.now() - t0;
  }).slice(1);
  const reachMs = median(rounds);
  return `reach classification: ${fmt((reachMs * 1000) / inputs, 2)} µs/input over ${fmt(inputs)} inputs (${fmt(reachMs)} ms), ` +
    `executing the same runs ${fmt((execMs * 1000) / inputs, 2)} µs/input: ${fmt((100 * reachMs) / execMs, 1)} % on top`;
}
