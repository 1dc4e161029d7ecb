// INV-K-CLOSED-TRADE-PNL: a closed trade's realized PnL is exactly sign × (Σ exit notional − Σ entry notional) − Σ fees.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import { factsOf, sum, violation } from '../src/invariants/traceFacts.ts';

const ID = 'INV-K-CLOSED-TRADE-PNL';

export const INV_K_CLOSED_TRADE_PNL: Invariant = {
  id: ID,
  title: 'Closed-trade PnL identity, exactly',
  statement: 'For every closed trade: realized = sign × (Σ exit qty × price − Σ entry qty × price) − Σ entry fees − Σ exit fees, to the last digit (rounding remainders go to the last leg).',
  why: 'Per-leg rounding drifting from the whole loses cents between legs (e.g. entry 12 @100 + 17 @99 has a non-terminating average).',
  specAnchor: 'spec/invariants.md#inv-k-closed-trade-pnl',
  scope: 'kernel',
  reads: ['trade.realizedPnl', 'trade.side'],
  check(trace) {
    const violations: Violation[] = [];
    let exercised = 0;
    for (const t of factsOf(trace).trades.values()) {
      if (!t.last?.closed || t.exitFills.length === 0 || !t.side) continue;
      exercised++;
      const sign = t.side === 'LONG' ? 1 : -1;
      const entry = sum(t.entryFills.map((f) => f.qty.mul(f.price)));
      const exit = sum(t.exitFills.map((f) => f.qty.mul(f.price)));
      const fees = sum([...t.entryFills, ...t.exitFills].map((f) => f.fee));
      const expected = exit.sub(entry).mul(sign).sub(fees);
      if (!expected.eq(t.last.realizedPnl)) {
        violations.push(violation(ID, t.lastStep, `closed trade ${t.tradeId}: realized ${t.last.realizedPnl.toFixed()} ≠ ${expected.toFixed()}`, {
          tradeId: t.tradeId, expected, realized: t.last.realizedPnl, entryNotional: entry, exitNotional: exit, fees,
        }));
      }
    }
    return { violations, exercised };
  },
};
export default INV_K_CLOSED_TRADE_PNL;
