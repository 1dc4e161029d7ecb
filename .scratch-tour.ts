import { shapeTour } from './src/gate/shapeTour.ts';
import { GATE_CONFIG, REFERENCE, executeInputs } from './src/gate/index.ts';
for (const t of shapeTour(GATE_CONFIG).slice(-2)) {
  const e = executeInputs(REFERENCE, GATE_CONFIG, t.inputs);
  console.log(t.name, e.trace.records.map((r) => r.result.outcome.diagnosticCode + (r.result.events.some((x) => x.type === 'OrderSubmitted') ? '' : '')).join(' '));
  console.log(JSON.stringify(e.trace.records.map(r=>r.result.events.filter(x=>x.type==='OrderSubmitted').map((x:any)=>x.order?.qty?.toString()))));
}
