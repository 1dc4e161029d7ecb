// INV-K-CLOSED-REJECTS-EXIT: an EXIT (or CANCEL) on a closed trade is rejected and changes nothing.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import { violation } from '../src/invariants/traceFacts.ts';

const ID = 'INV-K-CLOSED-REJECTS-EXIT';

export const INV_K_CLOSED_REJECTS_EXIT: Invariant = {
  id: ID,
  title: 'A closed slot rejects EXIT without any state change',
  statement: 'An EXIT or CANCEL intent naming the CLOSED trade of its slot is rejected (TRADE_CLOSED), with no command, no event and the state unchanged.',
  why: 'A closed slot that accepts EXIT sends a reduce-only order for a position that no longer exists, or re-closes the trade.',
  specAnchor: 'spec/invariants.md#inv-k-closed-rejects-exit',
  scope: 'kernel',
  reads: ['outcome.accepted', 'outcome.diagnosticCode', 'trade.closed', 'trade.stage'],
  check(trace) {
    const violations: Violation[] = [];
    let exercised = 0;
    for (const r of trace.records) {
      if (r.input.kind !== 'intent') continue;
      const i = r.input.intent;
      // An intent that is not a record at all (null, a number) is INVALID_INPUT, not an exit.
      if (typeof i !== 'object' || i === null || (i.action !== 'EXIT' && i.action !== 'CANCEL')) continue;
      const t = typeof i.slotId === 'number' ? r.before.slots[i.slotId]?.trade : undefined;
      if (!t || !t.closed || t.tradeId !== i.tradeId) continue;
      exercised++;
      const { outcome } = r.result;
      if (outcome.accepted || r.result.state !== r.before || r.result.commands.length > 0 || r.result.events.length > 0) {
        violations.push(violation(ID, r.index, `${i.action} on closed trade ${t.tradeId} was not rejected cleanly`, {
          tradeId: t.tradeId, accepted: outcome.accepted, code: outcome.diagnosticCode, commands: r.result.commands.length,
        }));
        break;
      }
    }
    return { violations, exercised };
  },
};
export default INV_K_CLOSED_REJECTS_EXIT;
