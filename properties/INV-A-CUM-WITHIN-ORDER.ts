// INV-A-CUM-WITHIN-ORDER: the fills the adapter delivers for an order never add up to more than the order,
// and the kernel never has to clamp or refuse one as an overfill.
import { Decimal } from '../src/kernel/decimal.ts';
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import type { AdapterTrace } from '../src/adapters/trace.ts';
import { dec, indexTrace } from '../src/adapters/conformance/traceIndex.ts';

const ID = 'INV-A-CUM-WITHIN-ORDER';

export const INV_A_CUM_WITHIN_ORDER: Invariant<AdapterTrace> = {
  id: ID,
  title: 'Cumulative fills never exceed the order',
  statement: 'For each order, the sum of qty over its distinct delivered fills stays ≤ the kernel order quantity, and no delivered fill is clamped (FILL_CLAMPED) or refused as an overfill (OVERFILL) by the kernel.',
  why: 'Taking the cumulative filled quantity (z) as the increment, or double-applying, overfills: leaves go negative (nautilus_trader#3221, #3770).',
  specAnchor: 'spec/venue.md#inv-a-cum-within-order',
  scope: 'adapter',
  check(trace) {
    const violations: Violation[] = [];
    const index = indexTrace(trace);
    let exercised = 0;
    for (const [orderId, list] of index.deliveriesByOrder) {
      const cmd = index.submits.get(orderId);
      if (!cmd) continue;
      const limit = new Decimal(cmd.qty);
      let total = new Decimal(0);
      const seen = new Set<string>();
      for (const d of list) {
        if (d.delivery.kind !== 'order_filled' || seen.has(d.delivery.fillId)) continue;
        seen.add(d.delivery.fillId);
        exercised += 1;
        total = total.add(dec(d.delivery.qty) ?? 0);
        const code = trace.records[d.stepIndex]?.result.outcome.diagnosticCode;
        if (total.gt(limit) || code === 'FILL_CLAMPED' || code === 'OVERFILL') {
          violations.push({
            invariantId: ID, message: `${orderId}: delivered fills add up to ${total.toFixed()} for an order of ${limit.toFixed()}${code === 'FILL_CLAMPED' || code === 'OVERFILL' ? ` (kernel: ${code})` : ''}`,
            stepIndex: d.stepIndex, values: { orderId, expected: `≤ ${limit.toFixed()}`, actual: total.toFixed(), fillId: d.delivery.fillId, qty: d.delivery.qty },
          });
          break;
        }
      }
    }
    return { violations, exercised };
  },
};
export default INV_A_CUM_WITHIN_ORDER;
