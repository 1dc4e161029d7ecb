import fc from 'fast-check';
import { GATE_CONFIG, REFERENCE, executeActions, gateCaseArb } from './src/gate/index.ts';
let multi = 0, steps = 0; const ex: string[] = [];
fc.assert(fc.property(gateCaseArb(GATE_CONFIG.slotCount, 100), (g) => {
  const e = executeActions(REFERENCE, GATE_CONFIG, g.actions);
  for (const r of e.trace.records) { steps++; if (r.result.outcome.transitions.length >= 2) { multi++; if (ex.length < 3) ex.push(JSON.stringify(r.result.outcome.transitions)); } }
}), { seed: 20261124, numRuns: 2000 });
console.log(steps, multi, ex);
