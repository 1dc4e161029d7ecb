// INV-A-TERMINAL-FINAL: what the adapter tells the kernel about one order never goes backwards: one end at
// most, none after the fills completed the order, no acknowledgement after progress. Only a late fill may
// follow an end.
import { Decimal } from '../src/kernel/decimal.ts';
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import type { AdapterTrace } from '../src/adapters/trace.ts';
import { dec, indexTrace } from '../src/adapters/conformance/traceIndex.ts';

const ID = 'INV-A-TERMINAL-FINAL';
const ENDS = new Set(['order_canceled', 'order_expired', 'order_rejected']);

export const INV_A_TERMINAL_FINAL: Invariant<AdapterTrace> = {
  id: ID,
  title: 'Terminal order states are final (except a late fill after cancel)',
  statement: 'Per order, the adapter delivers at most one end (canceled, expired or rejected), no end once its distinct fills reach the order quantity, and no order_accepted after any other event for that order; after an end only fills may follow.',
  why: 'CANCELED arriving after FILLED, or NEW after a partial fill, must not move an order backwards; a kernel that believes them reopens or double-counts.',
  specAnchor: 'spec/venue.md#inv-a-terminal-final',
  scope: 'adapter',
  check(trace) {
    const violations: Violation[] = [];
    const index = indexTrace(trace);
    let exercised = 0;
    for (const [orderId, list] of index.deliveriesByOrder) {
      const cmd = index.submits.get(orderId);
      const qty = cmd ? new Decimal(cmd.qty) : null;
      let filled = new Decimal(0);
      const fillIds = new Set<string>();
      let ended: string | null = null;
      let spoken = false;
      for (const d of list) {
        const k = d.delivery.kind;
        const v = (message: string) => violations.push({ invariantId: ID, message: `${orderId}: ${message}`, stepIndex: d.stepIndex, values: { orderId, delivered: k, earlier: ended ?? (spoken ? 'progress' : '-'), filled: filled.toFixed() } });
        if (k === 'order_accepted') {
          if (spoken) v('order_accepted after the order had already progressed');
        } else if (ENDS.has(k)) {
          exercised += 1;
          if (ended) v(`${k} after ${ended}: a second terminal event`);
          else if (qty && filled.gte(qty)) v(`${k} after fills completed the order (${filled.toFixed()} of ${qty.toFixed()})`);
          ended = ended ?? k;
        } else if (d.delivery.kind === 'order_filled' && !fillIds.has(d.delivery.fillId)) {
          fillIds.add(d.delivery.fillId);
          filled = filled.add(dec(d.delivery.qty) ?? 0);
        }
        spoken = true;
      }
    }
    return { violations, exercised };
  },
};
export default INV_A_TERMINAL_FINAL;
