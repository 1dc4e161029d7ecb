// INV-A-KERNEL-ACCEPTS: the kernel can use what the adapter delivers — no unknown orders, malformed fills,
// fills for closed trades, unreadable balances — and nothing the adapter delivers trips a kernel assertion.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import type { AdapterTrace } from '../src/adapters/trace.ts';
import { indexTrace } from '../src/adapters/conformance/traceIndex.ts';

const ID = 'INV-A-KERNEL-ACCEPTS';
/** Rejections that mean the adapter delivered something wrong (duplicates and overfills have their own IDs). */
const BAD = new Set(['INVALID_INPUT', 'INVALID_TIMESTAMP', 'UNKNOWN_ORDER', 'INVALID_FILL', 'FILL_AFTER_CLOSE', 'INVALID_BALANCE']);

export const INV_A_KERNEL_ACCEPTS: Invariant<AdapterTrace> = {
  id: ID,
  title: 'The kernel can use every delivery; an adapter failure never corrupts kernel state',
  statement: `No delivery is rejected by the kernel with ${[...BAD].join(', ')}, and no delivery makes the kernel raise a KernelAssertionError.`,
  why: 'A fill for an order id the kernel never issued, or after its trade closed, is lost money the kernel cannot see.',
  specAnchor: 'spec/venue.md#inv-a-kernel-accepts',
  scope: 'adapter',
  check(trace) {
    const violations: Violation[] = [];
    const index = indexTrace(trace);
    for (const f of trace.faults) {
      if (f.kind === 'kernel_assertion') violations.push({ invariantId: ID, message: `a delivery tripped a kernel assertion: ${f.message}`, stepIndex: index.lastStep, values: { fault: f.kind } });
    }
    for (const d of trace.deliveries) {
      const o = trace.records[d.stepIndex]?.result.outcome;
      if (o && !o.accepted && BAD.has(o.diagnosticCode)) {
        violations.push({ invariantId: ID, message: `kernel refused ${d.delivery.kind}${'orderId' in d.delivery ? ` for ${d.delivery.orderId}` : ''}: ${o.diagnosticCode}`, stepIndex: d.stepIndex, values: { code: o.diagnosticCode, ...o.details } });
      }
    }
    return { violations, exercised: trace.deliveries.length };
  },
};
export default INV_A_KERNEL_ACCEPTS;
