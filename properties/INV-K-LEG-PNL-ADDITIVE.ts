// INV-K-LEG-PNL-ADDITIVE: per-leg realized PnL deltas add up exactly to the trade's realized PnL.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import { factsOf, sum, violation } from '../src/invariants/traceFacts.ts';
import { ZERO } from '../src/kernel/decimal.ts';

const ID = 'INV-K-LEG-PNL-ADDITIVE';

export const INV_K_LEG_PNL_ADDITIVE: Invariant = {
  id: ID,
  title: 'Leg PnL deltas add up exactly',
  statement: 'For every trade with no exit order working, Σ leg pnl = realized PnL exactly; each leg\'s realizedTotal is the running sum of leg pnl.',
  why: 'Partial-exit PnL went missing from totals (freqtrade#7287, #7178); a cumulative value booked as a delta double-counts.',
  specAnchor: 'spec/invariants.md#inv-k-leg-pnl-additive',
  scope: 'kernel',
  reads: ['trade.realizedPnl', 'trade.activeExitOrder'],
  check(trace) {
    const violations: Violation[] = [];
    let exercised = 0;
    for (const t of factsOf(trace).trades.values()) {
      if (!t.last || t.legs.length === 0) continue;
      if (t.legs.length >= 2) exercised++;
      let running = ZERO;
      for (const { event, stepIndex } of t.legs) {
        running = running.add(event.pnl);
        if (!running.eq(event.realizedTotal)) {
          violations.push(violation(ID, stepIndex, `leg ${event.legIndex} of ${t.tradeId}: running Σ pnl ${running.toFixed()} ≠ realized total ${event.realizedTotal.toFixed()}`, {
            tradeId: t.tradeId, legIndex: event.legIndex, sumOfLegs: running, realizedTotal: event.realizedTotal,
          }));
          break;
        }
      }
      // Mid-leg (an exit order working) the realized PnL already holds fills of a leg not yet completed.
      if (t.last.stage === 'EXIT_REQUESTED') continue;
      const total = sum(t.legs.map((l) => l.event.pnl));
      if (!total.eq(t.last.realizedPnl)) {
        violations.push(violation(ID, t.lastStep, `trade ${t.tradeId}: Σ leg pnl ${total.toFixed()} ≠ realized ${t.last.realizedPnl.toFixed()}`, {
          tradeId: t.tradeId, sumOfLegs: total, realized: t.last.realizedPnl,
        }));
      }
    }
    return { violations, exercised };
  },
};
export default INV_K_LEG_PNL_ADDITIVE;
