// INV-A-RECONCILED: when the run has settled, every kernel order agrees with the venue: same filled quantity,
// terminal in the kernel when terminal at the venue, and never left pending for an order the venue lacks.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import type { AdapterTrace } from '../src/adapters/trace.ts';
import { indexTrace, kernelOrder } from '../src/adapters/conformance/traceIndex.ts';

const ID = 'INV-A-RECONCILED';
const KERNEL_ENDED = new Set(['FILLED', 'CANCELED', 'EXPIRED', 'REJECTED']);

export const INV_A_RECONCILED: Invariant<AdapterTrace> = {
  id: ID,
  title: 'Every order ends terminal or is reconciled with the venue',
  statement: 'At quiescence, for every order the kernel submitted: if the venue holds it, the kernel\'s filledQty equals the venue\'s executedQty and the order is terminal in the kernel when it is terminal at the venue; if the venue never placed it, the kernel holds it REJECTED or CANCELED.',
  why: 'An order the kernel believes working but the venue ended (or the reverse) blocks the slot forever or trades unmanaged.',
  specAnchor: 'spec/venue.md#inv-a-reconciled',
  scope: 'adapter',
  check(trace) {
    const violations: Violation[] = [];
    if (!trace.completed) return { violations, exercised: 0 };
    const index = indexTrace(trace);
    const venue = new Map(trace.venueOrders.map((o) => [o.clientOrderId, o]));
    for (const [orderId] of index.submits) {
      if (index.unsupportedOrders.has(orderId)) continue;
      const ko = kernelOrder(index, orderId);
      if (!ko) continue;
      const vo = venue.get(orderId);
      const v = (message: string, values: Record<string, string>) => violations.push({ invariantId: ID, message: `${orderId}: ${message}`, stepIndex: index.lastStep, values: { orderId, ...values } });
      if (!vo) {
        if (ko.status !== 'REJECTED' && ko.status !== 'CANCELED') v(`the venue never placed it, the kernel holds it ${ko.status}`, { expected: 'REJECTED or CANCELED', actual: ko.status });
        continue;
      }
      if (!ko.filledQty.eq(vo.executedQty)) v(`kernel filled ${ko.filledQty.toFixed()}, venue executed ${vo.executedQty}`, { column: 'filledQty', expected: vo.executedQty, actual: ko.filledQty.toFixed() });
      else if (vo.status !== 'NEW' && vo.status !== 'PARTIALLY_FILLED' && !KERNEL_ENDED.has(ko.status)) v(`the venue ended it ${vo.status}, the kernel still holds it ${ko.status}`, { column: 'status', expected: vo.status, actual: ko.status });
      else if ((vo.status === 'NEW' || vo.status === 'PARTIALLY_FILLED') && ko.status !== 'FILLED' && KERNEL_ENDED.has(ko.status)) v(`the venue still works it (${vo.status}), the kernel holds it ${ko.status}`, { column: 'status', expected: vo.status, actual: ko.status });
    }
    return { violations, exercised: index.submits.size };
  },
};
export default INV_A_RECONCILED;
