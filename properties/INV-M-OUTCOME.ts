// INV-M-OUTCOME: every outcome is the one the ledger model (src/model/) works out from the inputs alone.
import type { Invariant } from '../src/invariants/invariant.ts';
import { runModel } from '../src/model/modelRun.ts';
import { modelViolation } from '../src/model/modelViolation.ts';

const ID = 'INV-M-OUTCOME';

export const INV_M_OUTCOME: Invariant = {
  id: ID,
  title: 'Outcomes agree with the ledger model',
  statement: 'After every step, the outcome (accepted, diagnostic code and severity, subject slot and trade, the slot\'s stage, every transition with its trigger, the emitted event types, and the details of spec/kernel.md §4.1 key by key) and the journal entry that repeats it equal what the ledger model expects from the inputs alone.',
  why: 'A kernel that refuses what the spec accepts, accepts what a control mode must refuse, answers with the wrong code of two broken rules, or moves a slot from the wrong stage passes every identity computed from its own numbers.',
  specAnchor: 'spec/invariants.md#inv-m-outcome',
  scope: 'kernel',
  reads: ['outcome.accepted', 'outcome.diagnosticCode', 'outcome.severity', 'outcome.slotId', 'outcome.tradeId', 'outcome.state', 'outcome.transitions', 'outcome.emittedEvents', 'outcome.details'],
  check(trace) {
    const run = runModel(trace);
    return { violations: run.outcome ? [modelViolation(ID, 'outcome', run.outcome)] : [], exercised: trace.records.length };
  },
};
export default INV_M_OUTCOME;
