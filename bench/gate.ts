// The pre-merge gate's throughput: generated inputs checked per second (generation, kernel, row writer and
// every invariant), on the pre-merge profile's seed and budget, in-process. Two rounds; the faster is shown
// with both times, since the machine is shared.
import { GATE_CONFIG, REFERENCE, runGate } from '../src/gate/index.ts';
import { PROFILES } from '../src/gate/profiles.ts';
import { fmt } from './stats.ts';

export function main(): string {
  const p = PROFILES['pre-merge']!;
  const rounds = [0, 1].map(() => runGate({
    sut: REFERENCE, config: GATE_CONFIG, profile: p.name, runs: p.runs, seed: p.seed ?? 1, stepCountMax: p.stepCountMax, timeBudgetMs: null,
    determinismRuns: p.determinismRuns, shard: null, enforceCoverage: true,
  }));
  const best = rounds.reduce((a, b) => (a.meta.timeMs <= b.meta.timeMs ? a : b));
  const rate = best.meta.inputsChecked / (best.meta.timeMs / 1000);
  return `gate pre-merge: ${best.status}, ${fmt(best.meta.inputsChecked)} inputs and ${fmt(best.meta.rowsValidated)} rows in ${(best.meta.timeMs / 1000).toFixed(1)} s (rounds: ${rounds.map((r) => (r.meta.timeMs / 1000).toFixed(1)).join(' s, ')} s) = ${fmt(rate)} inputs/s`;
}
