// INV-K-LEG-PNL-FORMULA: each leg's PnL follows sign × (exit − entry) × qty − fees, up to booking rounding.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import { factsOf, violation } from '../src/invariants/traceFacts.ts';
import { Decimal } from '../src/kernel/decimal.ts';

const ID = 'INV-K-LEG-PNL-FORMULA';
const HALF_UNIT = new Decimal('0.000000005');

export const INV_K_LEG_PNL_FORMULA: Invariant = {
  id: ID,
  title: 'Each leg follows the PnL formula',
  statement: '|leg pnl − (sign × (exit VWAP − entry) × qty − leg fees)| ≤ ½·10⁻⁸ per exit fill of the trade (booking rounding; the closing leg absorbs the remainder). Trades with an entry fill after an exit fill (the entry price moved under booked legs) are excluded: EXC-LATE-ENTRY in spec/invariants.md.',
  why: 'A partial close booked zero PnL (go-trader#667); a flip booked PnL on the whole fill (nautilus_trader#1083).',
  specAnchor: 'spec/invariants.md#inv-k-leg-pnl-formula',
  scope: 'kernel',
  reads: ['trade.entryPrice', 'trade.side'],
  check(trace) {
    const violations: Violation[] = [];
    let exercised = 0;
    for (const t of factsOf(trace).trades.values()) {
      if (!t.side || t.lateEntryAfterExit) continue;
      const sign = t.side === 'LONG' ? 1 : -1;
      const tolerance = HALF_UNIT.mul(t.exitFills.length + 1);
      for (const { event: l, stepIndex } of t.legs) {
        exercised++;
        const expected = l.exitPrice.sub(l.entryPrice).mul(l.qty).mul(sign).sub(l.fees);
        const diff = l.pnl.sub(expected).abs();
        if (diff.gt(tolerance)) {
          violations.push(violation(ID, stepIndex, `leg ${l.legIndex} of ${t.tradeId}: pnl ${l.pnl.toFixed()} vs formula ${expected.toFixed()}`, {
            tradeId: t.tradeId, legIndex: l.legIndex, pnl: l.pnl, formula: expected, qty: l.qty, exitPrice: l.exitPrice, entryPrice: l.entryPrice, fees: l.fees,
          }));
          break;
        }
      }
    }
    return { violations, exercised };
  },
};
export default INV_K_LEG_PNL_FORMULA;
