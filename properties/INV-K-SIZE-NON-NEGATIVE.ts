// INV-K-SIZE-NON-NEGATIVE: no trade's remaining size is ever negative, and no order is ever filled past its quantity.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import { violation } from '../src/invariants/traceFacts.ts';

const ID = 'INV-K-SIZE-NON-NEGATIVE';

export const INV_K_SIZE_NON_NEGATIVE: Invariant = {
  id: ID,
  title: 'Size never negative, orders never overfilled',
  statement: 'After every step, every trade has size ≥ 0 and every order has 0 ≤ filled ≤ quantity.',
  why: 'A negative size is an oversell: the venue position flips the wrong way (nautilus_trader#3221, #3770 — leaves went negative).',
  specAnchor: 'spec/invariants.md#inv-k-size-non-negative',
  scope: 'kernel',
  reads: ['trade.size', 'order.filledQty', 'order.qty'],
  check(trace) {
    const violations: Violation[] = [];
    let exercised = 0;
    for (const r of trace.records) {
      const s = r.result.state;
      if (r.input.kind === 'order_filled' && r.result.outcome.accepted) exercised++;
      for (const slot of s.slots) {
        const t = slot.trade;
        if (t && t.size.lt(0)) violations.push(violation(ID, r.index, `trade ${t.tradeId} size is negative`, { tradeId: t.tradeId, size: t.size }));
      }
      if (r.input.kind === 'order_filled') {
        const o = s.orders.get(String(r.input.orderId));
        if (o && (o.filledQty.gt(o.qty) || o.filledQty.lt(0))) {
          violations.push(violation(ID, r.index, `order ${o.orderId} filled ${o.filledQty.toFixed()} of ${o.qty.toFixed()}`, { orderId: o.orderId, filled: o.filledQty, qty: o.qty }));
        }
      }
      if (violations.length > 0) break;
    }
    return { violations, exercised };
  },
};
export default INV_K_SIZE_NON_NEGATIVE;
