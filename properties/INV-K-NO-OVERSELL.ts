// INV-K-NO-OVERSELL: exits never exceed what was entered; an exit asking more than remains is clamped.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import { factsOf, sum, violation } from '../src/invariants/traceFacts.ts';

const ID = 'INV-K-NO-OVERSELL';

export const INV_K_NO_OVERSELL: Invariant = {
  id: ID,
  title: 'No oversell: exits clamp to what remains',
  statement: 'Every exit order is submitted for at most the trade\'s remaining size, and per trade Σ exit fill qty ≤ Σ entry fill qty.',
  why: 'The seed\'s overshoot case: a final EXIT asking 1.0 with 0.5 left must send 0.5, not sell 0.5 short.',
  specAnchor: 'spec/invariants.md#inv-k-no-oversell',
  scope: 'kernel',
  reads: ['command.qty', 'command.purpose', 'trade.size', 'outcome.diagnosticCode'],
  check(trace) {
    const violations: Violation[] = [];
    let exercised = 0;
    for (const r of trace.records) {
      for (const c of r.result.commands) {
        if (c.type !== 'SubmitOrder' || c.purpose !== 'EXIT') continue;
        const before = r.before.slots[c.slotId]?.trade;
        if (r.result.outcome.diagnosticCode === 'EXIT_CLAMPED') exercised++;
        if (before && c.qty.gt(before.size)) {
          violations.push(violation(ID, r.index, `exit order ${c.clientOrderId} asks ${c.qty.toFixed()} with only ${before.size.toFixed()} open`, { orderId: c.clientOrderId, qty: c.qty, remaining: before.size }));
        }
      }
      if (r.result.outcome.diagnosticCode === 'FILL_CLAMPED') exercised++;
    }
    for (const t of factsOf(trace).trades.values()) {
      const entered = sum(t.entryFills.map((f) => f.qty));
      const exited = sum(t.exitFills.map((f) => f.qty));
      if (exited.gt(entered)) {
        violations.push(violation(ID, t.exitFills.at(-1)?.stepIndex ?? 0, `trade ${t.tradeId} exited more than it entered`, { tradeId: t.tradeId, entered, exited }));
      }
    }
    return { violations, exercised };
  },
};
export default INV_K_NO_OVERSELL;
