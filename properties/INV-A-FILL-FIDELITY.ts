// INV-A-FILL-FIDELITY: a delivered fill carries its execution's own numbers: the last filled quantity (not
// the cumulative), the last price, and the commission converted to the quote asset.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import type { AdapterTrace } from '../src/adapters/trace.ts';
import { dec, indexTrace } from '../src/adapters/conformance/traceIndex.ts';

const ID = 'INV-A-FILL-FIDELITY';

export const INV_A_FILL_FIDELITY: Invariant<AdapterTrace> = {
  id: ID,
  title: 'A fill carries its execution\'s quantity, price and quote-asset fee',
  statement: 'The first delivery of each fillId has orderId = the execution\'s client order id, qty = l, price = L, and fee = n × price(N) in the quote asset (exact decimals; a rebate stays negative).',
  why: 'Fees in another asset booked as quote, or a noisy duplicate\'s numbers, make realized PnL and capital wrong by the difference.',
  specAnchor: 'spec/venue.md#inv-a-fill-fidelity',
  scope: 'adapter',
  check(trace) {
    const violations: Violation[] = [];
    const index = indexTrace(trace);
    const seen = new Set<string>();
    for (const d of trace.deliveries) {
      if (d.delivery.kind !== 'order_filled' || seen.has(d.delivery.fillId)) continue;
      seen.add(d.delivery.fillId);
      const e = index.executionByFillId.get(d.delivery.fillId);
      if (!e) continue;
      const checks: [string, string, string][] = [
        ['orderId', e.clientOrderId, d.delivery.orderId],
        ['qty', e.qty.toFixed(), d.delivery.qty],
        ['price', e.price.toFixed(), d.delivery.price],
        ['fee', e.quoteFee.toFixed(), d.delivery.fee],
      ];
      for (const [column, expected, actual] of checks) {
        const same = column === 'orderId' ? expected === actual : dec(actual)?.eq(expected) === true;
        if (!same) {
          violations.push({ invariantId: ID, message: `fill ${d.delivery.fillId}: ${column} ${actual}, the execution says ${expected}`, stepIndex: d.stepIndex, values: { fillId: d.delivery.fillId, column, expected, actual } });
          break;
        }
      }
    }
    return { violations, exercised: seen.size };
  },
};
export default INV_A_FILL_FIDELITY;
