// INV-K-CLOSED-IFF-FLAT: closed ⇔ stage CLOSED ⇔ the size reached zero (after an entry fill), and no dust
// is left once the exit plan is exhausted.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import { violation } from '../src/invariants/traceFacts.ts';

const ID = 'INV-K-CLOSED-IFF-FLAT';

export const INV_K_CLOSED_IFF_FLAT: Invariant = {
  id: ID,
  title: 'Closed ⇔ flat; no dust after the plan',
  statement: 'After every step: closed ⇔ stage CLOSED; closed ⇒ size 0; a trade with entry fills, no working entry order and size 0 is closed; a plan-sized exit on the last planned leg asks for the whole remaining size.',
  why: 'Ratio exits left dust (go-trader#592): 0.210 twice on 0.421 left 0.001 open forever; a flat trade that never closes blocks its slot.',
  specAnchor: 'spec/invariants.md#inv-k-closed-iff-flat',
  scope: 'kernel',
  reads: ['trade.closed', 'trade.stage', 'trade.size', 'trade.activeEntryOrder', 'trade.exitLegRatios', 'trade.activeLegIndex', 'command.qty'],
  check(trace) {
    const violations: Violation[] = [];
    let exercised = 0;
    for (const r of trace.records) {
      for (const slot of r.result.state.slots) {
        const t = slot.trade;
        if (!t) continue;
        const flatAfterEntry = t.initialSize.gt(0) && t.size.isZero() && t.activeEntryOrder === null;
        if (t.closed !== (t.stage === 'CLOSED') || (t.closed && !t.size.isZero()) || (flatAfterEntry && !t.closed)) {
          violations.push(violation(ID, r.index, `trade ${t.tradeId}: closed=${t.closed}, stage ${t.stage}, size ${t.size.toFixed()}`, {
            tradeId: t.tradeId, closed: t.closed, stage: t.stage, size: t.size,
          }));
        }
      }
      if (r.input.kind === 'intent' && r.input.intent?.action === 'EXIT' && (r.input.intent.targetSize === null || r.input.intent.targetSize === undefined)) {
        const before = typeof r.input.intent.slotId === 'number' ? r.before.slots[r.input.intent.slotId]?.trade : undefined;
        const submit = r.result.commands.find((c) => c.type === 'SubmitOrder');
        if (before && submit && submit.type === 'SubmitOrder' && before.activeLegIndex >= before.exitLegRatios.length - 1) {
          exercised++;
          if (!submit.qty.eq(before.size)) {
            violations.push(violation(ID, r.index, `last planned leg of ${before.tradeId} asks ${submit.qty.toFixed()} of ${before.size.toFixed()}: dust would stay`, {
              tradeId: before.tradeId, qty: submit.qty, remaining: before.size, legIndex: before.activeLegIndex,
            }));
          }
        }
      }
      if (violations.length > 0) break;
    }
    return { violations, exercised };
  },
};
export default INV_K_CLOSED_IFF_FLAT;
