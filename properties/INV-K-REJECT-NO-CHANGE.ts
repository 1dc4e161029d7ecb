// INV-K-REJECT-NO-CHANGE: a rejected input changes nothing.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import { violation } from '../src/invariants/traceFacts.ts';

const ID = 'INV-K-REJECT-NO-CHANGE';

export const INV_K_REJECT_NO_CHANGE: Invariant = {
  id: ID,
  title: 'A rejected input changes nothing',
  statement: 'When an outcome says accepted = false, the returned state is the state passed in (the same object), with no commands, no events and no transitions.',
  why: 'A rejected input that half-applies (records an id, moves a stage) makes the retry or the next input misbehave.',
  specAnchor: 'spec/invariants.md#inv-k-reject-no-change',
  scope: 'kernel',
  reads: ['outcome.accepted', 'outcome.transitions'],
  check(trace) {
    const violations: Violation[] = [];
    let exercised = 0;
    for (const r of trace.records) {
      if (r.result.outcome.accepted) continue;
      exercised++;
      if (r.result.state !== r.before || r.result.commands.length > 0 || r.result.events.length > 0 || r.result.outcome.transitions.length > 0) {
        violations.push(violation(ID, r.index, `rejected input (${r.result.outcome.diagnosticCode}) changed something`, {
          code: r.result.outcome.diagnosticCode, sameState: r.result.state === r.before, commands: r.result.commands.length, events: r.result.events.length,
        }));
        break;
      }
    }
    return { violations, exercised };
  },
};
export default INV_K_REJECT_NO_CHANGE;
