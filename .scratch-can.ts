import { GATE_CONFIG, PROFILES, runGate, type SystemUnderTest } from './src/gate/index.ts';
const P = PROFILES['pre-merge']!;
for (const name of process.argv.slice(2)) {
  const { sut } = (await import(`./tests/fixtures/broken/${name}.ts`)) as { sut: SystemUnderTest };
  const t0 = Date.now();
  const r = runGate({ sut, config: GATE_CONFIG, profile: P.name, runs: P.runs, seed: P.seed as number, stepCountMax: P.stepCountMax, timeBudgetMs: P.timeBudgetMs, determinismRuns: P.determinismRuns, shard: null, corpus: [], enforceCoverage: true, maxFailures: 1 });
  const f = r.failures[0]!;
  console.log(name, f.invariantId, f.counterexample.inputs.length, Date.now() - t0, 'ms');
  for (const s of f.counterexample.steps) console.log('   ', s.step, s.input, '→', s.outcome);
}
