// `tsx bench/profileGate.ts [runs] [rounds]`: the pre-merge gate's generated runs in one process, timed round by
// round after a warm-up, with the result's fingerprint (so a pure speed change can be seen to keep the result).
// Run it under `node --cpu-prof --import tsx bench/profileGate.ts` to see where the gate's time goes.
import { createHash } from 'node:crypto';
import { GATE_CONFIG, REFERENCE, runGate } from '../src/gate/index.ts';
import { PROFILES } from '../src/gate/profiles.ts';

const profile = PROFILES['pre-merge']!;
const runs = Number(process.argv[2] ?? profile.runs);
const rounds = Number(process.argv[3] ?? 2);
for (let r = 0; r < rounds; r++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const g = runGate({
    sut: REFERENCE, config: GATE_CONFIG, profile: profile.name, runs, seed: profile.seed ?? 1, stepCountMax: profile.stepCountMax,
    timeBudgetMs: null, determinismRuns: Math.min(profile.determinismRuns, runs), shard: null, enforceCoverage: false,
  });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const { timeMs: _t, startedAt: _s, ...meta } = g.meta as unknown as Record<string, unknown>;
  const stable = JSON.stringify({ meta, invariants: g.invariants, failures: g.failures, coverage: g.coverage, gaps: g.coverageGaps });
  const digest = createHash('sha256').update(stable).digest('hex').slice(0, 16);
  console.log(`round ${r}: ${Math.round(ms)} ms wall, ${Math.round(cpuMs)} ms CPU (this thread and GC helpers), ${g.meta.inputsChecked} inputs, ${(g.meta.inputsChecked / (cpuMs / 1000)).toFixed(0)}/s of CPU, result ${digest}`);
}
