// INV-A-FILLS-COUNT: fills of an order the venue canceled or expired still count. When the run has settled,
// the kernel has applied every execution of such an order and holds the order as ended.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import type { AdapterTrace } from '../src/adapters/trace.ts';
import { fillIdOf, indexTrace, kernelOrder } from '../src/adapters/conformance/traceIndex.ts';

const ID = 'INV-A-FILLS-COUNT';

export const INV_A_FILLS_COUNT: Invariant<AdapterTrace> = {
  id: ID,
  title: 'Fills of a canceled or expired order still count',
  statement: 'At quiescence, for every order the adapter was told ended CANCELED or EXPIRED with a filled quantity > 0 (stream update or reply), the kernel applied each of its executions (filledQty = venue executedQty) and the order is terminal in the kernel.',
  why: 'EXPIRED/canceled with filled > 0 treated as "nothing filled" leaves a real position the kernel does not hold.',
  specAnchor: 'spec/venue.md#inv-a-fills-count',
  scope: 'adapter',
  check(trace) {
    const violations: Violation[] = [];
    if (!trace.completed) return { violations, exercised: 0 };
    const index = indexTrace(trace);
    let exercised = 0;
    // Orders the adapter was told ended (CANCELED/EXPIRED, by the stream or a reply) with something filled.
    const told = new Set<string>();
    for (const call of trace.calls) {
      const e = call.event;
      if (e.type === 'stream' && e.message.e === 'ORDER_TRADE_UPDATE' && (e.message.o.x === 'CANCELED' || e.message.o.x === 'EXPIRED') && e.message.o.z !== '0') told.add(e.message.o.c);
      if (e.type === 'reply' && e.reply.httpStatus === 200 && (e.reply.body.status === 'CANCELED' || e.reply.body.status === 'EXPIRED') && e.reply.body.executedQty !== '0') told.add(e.reply.body.clientOrderId);
    }
    for (const vo of trace.venueOrders) {
      if (!told.has(vo.clientOrderId) || !index.submits.has(vo.clientOrderId)) continue;
      exercised += 1;
      const ko = kernelOrder(index, vo.clientOrderId);
      const applied = new Set(ko?.fillIds ?? []);
      const missing = (index.executionsByOrder.get(vo.clientOrderId) ?? []).filter((e) => !applied.has(fillIdOf(e)));
      const filled = ko ? ko.filledQty.toFixed() : '0';
      if (missing.length > 0 || !ko || !ko.filledQty.eq(vo.executedQty)) {
        violations.push({
          invariantId: ID, message: `${vo.clientOrderId}: reported ended with fills, the venue executed ${vo.executedQty} (now ${vo.status}), the kernel applied ${filled}`,
          stepIndex: index.lastStep, values: { orderId: vo.clientOrderId, expected: vo.executedQty, actual: filled, missingFills: missing.map(fillIdOf).join(' ') },
        });
      } else if (!['CANCELED', 'EXPIRED', 'FILLED', 'REJECTED'].includes(ko.status)) {
        violations.push({ invariantId: ID, message: `${vo.clientOrderId}: the venue ended it ${vo.status}, the kernel still holds it ${ko.status}`, stepIndex: index.lastStep, values: { orderId: vo.clientOrderId, expected: vo.status, actual: ko.status } });
      }
    }
    return { violations, exercised };
  },
};
export default INV_A_FILLS_COUNT;
