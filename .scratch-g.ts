import { GATE_CONFIG, REFERENCE, runGate } from './src/gate/index.ts';
const o = { sut: REFERENCE, config: GATE_CONFIG, profile: 'x', runs: 1500, seed: 20261124, stepCountMax: 100, timeBudgetMs: null, determinismRuns: 0, shard: null, enforceCoverage: false } as const;
for (let i = 0; i < 2; i++) { const r = runGate(o); console.log(r.meta.inputsChecked, r.meta.timeMs); }
