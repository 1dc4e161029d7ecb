// INV-A-UNKNOWN-NOT-FAILED: a submit whose fate is unknown (timeout, 5xx, −1007) is neither failed nor
// resent until the venue proves it absent; a resend reuses the client order id. The venue's own record of
// what it placed is the other half of the check.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import type { AdapterTrace } from '../src/adapters/trace.ts';
import { indexTrace } from '../src/adapters/conformance/traceIndex.ts';
import type { VenueReply } from '../src/venue/simulator/wire.ts';

const ID = 'INV-A-UNKNOWN-NOT-FAILED';

type Verdict = 'ok' | 'definite' | 'unknown' | 'landed';

/** Binance: −1001 ("Internal error…" / "Service Unavailable.") was not executed; −1000, −1006, −1007 and other 5xx may have been. */
function classify(reply: VenueReply): Verdict {
  if (reply.httpStatus === 200) return 'ok';
  if (reply.httpStatus === 0) return 'unknown';
  const code = reply.body.code;
  if (code === -4116) return 'landed';
  if (code === -1001) return 'definite';
  if ((reply.httpStatus as number) >= 500 || code === -1000 || code === -1006 || code === -1007) return 'unknown';
  return 'definite';
}

interface OrderView {
  posts: number;
  /** The last POST's fate as the adapter has seen it; 'pending' until its reply arrives. */
  fate: Verdict | 'pending' | 'none';
  provenAbsent: boolean;
}

export const INV_A_UNKNOWN_NOT_FAILED: Invariant<AdapterTrace> = {
  id: ID,
  title: 'Unknown is not failed: query before resubmitting, reuse the client order id',
  statement: 'Every POST uses a client order id the kernel issued; a second POST for one order is sent only after the adapter saw the previous one definitely rejected or a query answered −2013 (absent); order_rejected is never delivered while the submit\'s fate is unknown, nor for an order the venue placed.',
  why: 'A timed-out submit retried under a new id executed twice (catalyst#315, nautilus_trader#4215); one failed as "rejected" leaves a live, unmanaged order.',
  specAnchor: 'spec/venue.md#inv-a-unknown-not-failed',
  scope: 'adapter',
  check(trace) {
    const violations: Violation[] = [];
    const index = indexTrace(trace);
    const views = new Map<string, OrderView>();
    const view = (id: string): OrderView => {
      let v = views.get(id);
      if (!v) views.set(id, (v = { posts: 0, fate: 'none', provenAbsent: false }));
      return v;
    };
    const placed = new Set(trace.venueOrders.map((o) => o.clientOrderId));
    const requestsByCall = new Map<number, typeof index.requests[number][]>();
    for (const r of index.requests) requestsByCall.set(r.callIndex, [...(requestsByCall.get(r.callIndex) ?? []), r]);
    const repliesByCall = new Map(index.replies.map((r) => [r.callIndex, r]));
    const deliveriesByCall = new Map<number, typeof trace.deliveries[number][]>();
    for (const d of trace.deliveries) deliveriesByCall.set(d.callIndex, [...(deliveriesByCall.get(d.callIndex) ?? []), d]);
    let exercised = 0;
    for (const call of trace.calls) {
      const seen = repliesByCall.get(call.index);
      const req = seen?.request?.record.request;
      if (seen && req && req.method === 'POST') {
        const v = view(req.params.newClientOrderId);
        v.fate = classify(seen.reply);
        if (v.fate === 'unknown') exercised += 1;
      } else if (seen && req && req.method === 'GET' && seen.reply.httpStatus !== 200 && seen.reply.httpStatus !== 0 && seen.reply.body.code === -2013) {
        view(req.params.origClientOrderId).provenAbsent = true;
      }
      for (const at of requestsByCall.get(call.index) ?? []) {
        const r = at.record.request;
        if (r.method !== 'POST' || at.record.lateLanding) continue;
        const id = r.params.newClientOrderId;
        if (!index.submits.has(id)) {
          violations.push({ invariantId: ID, message: `an order was sent under client order id ${String(id)}, which the kernel never issued (a resubmit under a new id?)`, stepIndex: at.stepIndex, values: { clientOrderId: String(id), placed: String(at.record.placedOrderId !== null) } });
          continue;
        }
        const v = view(id);
        if (v.posts > 0 && !v.provenAbsent && v.fate !== 'definite') {
          violations.push({ invariantId: ID, message: `${id} was sent again while the first attempt's fate was ${v.fate === 'pending' ? 'not yet answered' : v.fate}, before the venue proved it absent`, stepIndex: at.stepIndex, values: { clientOrderId: id, attempt: String(v.posts + 1), previousFate: v.fate } });
        }
        v.posts += 1;
        v.fate = 'pending';
        v.provenAbsent = false;
      }
      for (const d of deliveriesByCall.get(call.index) ?? []) {
        if (d.delivery.kind !== 'order_rejected') continue;
        const id = d.delivery.orderId;
        const v = views.get(id);
        if (v && v.fate === 'landed') {
          violations.push({ invariantId: ID, message: `${id} was reported rejected after −4116 said its first attempt landed (a duplicate client order id is not a rejection)`, stepIndex: d.stepIndex, values: { clientOrderId: id, venueCode: d.delivery.venueCode } });
        } else if (v && (v.fate === 'unknown' || v.fate === 'pending') && !v.provenAbsent) {
          violations.push({ invariantId: ID, message: `${id} was reported rejected while its submit's fate was unknown (no query proved it absent)`, stepIndex: d.stepIndex, values: { clientOrderId: id, venueCode: d.delivery.venueCode } });
        } else if (placed.has(id) && d.delivery.venueCode !== '-4116') {
          const vo = trace.venueOrders.find((o) => o.clientOrderId === id);
          violations.push({ invariantId: ID, message: `${id} was reported rejected but the venue placed it (status ${vo?.status ?? '?'})`, stepIndex: d.stepIndex, values: { clientOrderId: id, venueCode: d.delivery.venueCode, venueStatus: vo?.status ?? '' } });
        }
      }
    }
    return { violations, exercised };
  },
};
export default INV_A_UNKNOWN_NOT_FAILED;
