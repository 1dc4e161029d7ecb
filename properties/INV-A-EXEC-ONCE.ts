// INV-A-EXEC-ONCE: each venue execution reaches the kernel exactly once — never twice (same trade id, even
// with other numbers), never lost — under a fill id that names it.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import type { AdapterTrace } from '../src/adapters/trace.ts';
import { fillIdOf, indexTrace } from '../src/adapters/conformance/traceIndex.ts';

const ID = 'INV-A-EXEC-ONCE';

export const INV_A_EXEC_ONCE: Invariant<AdapterTrace> = {
  id: ID,
  title: 'Each execution reaches the kernel exactly once',
  statement: 'Every order_filled carries fillId "<symbol>:<trade id>" of a venue execution; no fillId is delivered twice; at quiescence every execution of a kernel order has been delivered.',
  why: 'A fill re-delivered after a reconnect was applied twice (bytex#16; ccxt#18854, #18028, #27863); a dropped one leaves the kernel short of the real position.',
  specAnchor: 'spec/venue.md#inv-a-exec-once',
  scope: 'adapter',
  check(trace) {
    const violations: Violation[] = [];
    const index = indexTrace(trace);
    const delivered = new Map<string, number>();
    for (const d of trace.deliveries) {
      if (d.delivery.kind !== 'order_filled') continue;
      const id = d.delivery.fillId;
      const n = (delivered.get(id) ?? 0) + 1;
      delivered.set(id, n);
      if (!index.executionByFillId.has(id)) {
        violations.push({ invariantId: ID, message: `fill ${id} for ${d.delivery.orderId} names no venue execution (expected "<symbol>:<trade id>")`, stepIndex: d.stepIndex, values: { fillId: id, orderId: d.delivery.orderId } });
      } else if (n === 2) {
        violations.push({ invariantId: ID, message: `execution ${id} of ${d.delivery.orderId} delivered a second time`, stepIndex: d.stepIndex, values: { fillId: id, orderId: d.delivery.orderId, qty: d.delivery.qty, price: d.delivery.price, times: '2' } });
      }
    }
    if (trace.completed) {
      for (const e of trace.executions) {
        if (!index.submits.has(e.clientOrderId) || delivered.has(fillIdOf(e))) continue;
        violations.push({ invariantId: ID, message: `execution ${fillIdOf(e)} of ${e.clientOrderId} (${e.qty.toFixed()} @ ${e.price.toFixed()}) never reached the kernel`, stepIndex: index.lastStep, values: { fillId: fillIdOf(e), orderId: e.clientOrderId, qty: e.qty.toFixed(), times: '0' } });
      }
    }
    return { violations, exercised: trace.executions.length };
  },
};
export default INV_A_EXEC_ONCE;
