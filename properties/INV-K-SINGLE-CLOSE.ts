// INV-K-SINGLE-CLOSE: a trade closes exactly once.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import { factsOf, violation } from '../src/invariants/traceFacts.ts';

const ID = 'INV-K-SINGLE-CLOSE';

export const INV_K_SINGLE_CLOSE: Invariant = {
  id: ID,
  title: 'A trade closes exactly once',
  statement: 'No trade emits more than one TradeClosed; a trade whose state says closed emitted exactly one.',
  why: 'Flaw 4 of the seed: a second close double-settles realized PnL and writes a second CLOSE row.',
  specAnchor: 'spec/invariants.md#inv-k-single-close',
  scope: 'kernel',
  reads: ['trade.closed'],
  check(trace) {
    const violations: Violation[] = [];
    let exercised = 0;
    for (const t of factsOf(trace).trades.values()) {
      if (t.closes.length > 0) exercised++;
      if (t.closes.length > 1) {
        violations.push(violation(ID, t.closes[1]!.stepIndex, `trade ${t.tradeId} closed ${t.closes.length} times`, { tradeId: t.tradeId, closes: t.closes.length }));
      }
      if (t.last?.closed && t.closes.length === 0) {
        violations.push(violation(ID, t.lastStep, `trade ${t.tradeId} is closed but emitted no TradeClosed`, { tradeId: t.tradeId, closes: 0 }));
      }
    }
    return { violations, exercised };
  },
};
export default INV_K_SINGLE_CLOSE;
