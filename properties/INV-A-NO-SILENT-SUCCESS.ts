// INV-A-NO-SILENT-SUCCESS: every kernel command gets an effect — a venue request, a local rejection, or a
// typed "unsupported" — and "unsupported" only for what the adapter declared it does not support.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import type { AdapterTrace } from '../src/adapters/trace.ts';
import { indexTrace } from '../src/adapters/conformance/traceIndex.ts';

const ID = 'INV-A-NO-SILENT-SUCCESS';

export const INV_A_NO_SILENT_SUCCESS: Invariant<AdapterTrace> = {
  id: ID,
  title: 'No command is silently swallowed; unsupported is a typed answer',
  statement: 'A SubmitOrder leads to a POST under its client order id, or an order_rejected for it, or a typed unsupported answer; a CancelOrder leads to a DELETE for it or a typed unsupported answer; unsupported is only answered for a capability declared false.',
  why: 'An execution client that logs a warning and returns success (Nautilus) makes a fuzzer count a dropped order as a pass.',
  specAnchor: 'spec/venue.md#inv-a-no-silent-success',
  scope: 'adapter',
  check(trace) {
    const violations: Violation[] = [];
    const index = indexTrace(trace);
    const caps = trace.capabilities;
    for (const call of trace.calls) {
      for (const u of call.reaction?.unsupported ?? []) {
        const declared = u.command === 'CancelOrder' ? caps?.cancel : true;
        if (declared === true) {
          violations.push({ invariantId: ID, message: `answered ${u.command} ${u.clientOrderId} unsupported although its capabilities declare it supported`, stepIndex: index.lastStep, values: { command: u.command, clientOrderId: u.clientOrderId, reason: u.reason } });
        }
      }
    }
    if (!trace.completed) return { violations, exercised: trace.commands.length };
    for (const c of trace.commands) {
      const id = c.command.clientOrderId;
      if (index.unsupportedOrders.has(id)) continue;
      const later = index.requests.filter((r) => r.callIndex >= c.callIndex);
      if (c.command.type === 'SubmitOrder') {
        const sent = later.some((r) => r.record.request.method === 'POST' && r.record.request.params.newClientOrderId === id);
        const rejected = (index.deliveriesByOrder.get(id) ?? []).some((d) => d.delivery.kind === 'order_rejected');
        if (!sent && !rejected) {
          violations.push({ invariantId: ID, message: `SubmitOrder ${id} was neither sent to the venue, rejected, nor answered unsupported`, stepIndex: c.stepIndex, values: { clientOrderId: id, qty: c.command.qty } });
        }
      } else {
        const sent = later.some((r) => r.record.request.method === 'DELETE' && r.record.request.params.origClientOrderId === id);
        if (!sent) violations.push({ invariantId: ID, message: `CancelOrder ${id} was neither sent to the venue nor answered unsupported`, stepIndex: c.stepIndex, values: { clientOrderId: id } });
      }
    }
    return { violations, exercised: trace.commands.length };
  },
};
export default INV_A_NO_SILENT_SUCCESS;
