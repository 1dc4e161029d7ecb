// INV-R-LEG-FRACTIONS: the fractions of a closed trade's legs sum to 1 and its last leg leaves 0.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import { factsOf, violation } from '../src/invariants/traceFacts.ts';
import { Decimal, ZERO } from '../src/kernel/decimal.ts';

const ID = 'INV-R-LEG-FRACTIONS';
/** fractions are Float64 quotients (qty ÷ initial size may not terminate): allow 1e-12 per leg. */
const PER_LEG = new Decimal('1e-12');

export const INV_R_LEG_FRACTIONS: Invariant = {
  id: ID,
  title: 'Leg fractions of a closed trade sum to 1; the last leg leaves 0',
  statement: 'For every closed trade with leg rows: |Σ fraction − 1| ≤ 10⁻¹² per leg, each fraction = leg qty ÷ initial size (to 10⁻¹²), and the last leg row has remaining_qty = 0 and remaining_notional = 0. Trades with an entry fill after an exit fill are excluded (EXC-LATE-ENTRY).',
  why: 'A fraction off by one quantity step (truncation applied twice, or a ratio instead of the filled share) misstates how much of the position each leg closed.',
  specAnchor: 'spec/invariants.md#inv-r-leg-fractions',
  scope: 'rows',
  reads: ['trade_exit_legs.fraction', 'trade_exit_legs.remaining_qty', 'trade_exit_legs.remaining_notional', 'trade_exit_legs.trade_id'],
  check(trace) {
    const violations: Violation[] = [];
    let exercised = 0;
    const rows = (trace.rows?.['trade_exit_legs'] ?? []) as unknown as { trade_id: string; fraction: number; remaining_qty: number; remaining_notional: number; exit_leg_id: string }[];
    const byTrade = new Map<string, typeof rows>();
    for (const r of rows) byTrade.set(r.trade_id, [...(byTrade.get(r.trade_id) ?? []), r]);
    for (const t of factsOf(trace).trades.values()) {
      const legs = byTrade.get(t.tradeId) ?? [];
      if (!t.last?.closed || legs.length === 0 || t.lateEntryAfterExit) continue;
      if (legs.length >= 2) exercised++;
      const tol = PER_LEG.mul(legs.length);
      const total = legs.reduce((a, r) => a.add(new Decimal(String(r.fraction))), ZERO);
      const last = legs.at(-1)!;
      for (let i = 0; i < legs.length && i < t.legs.length; i++) {
        const expected = t.legs[i]!.event.qty.div(t.legs[i]!.event.initialSize);
        if (new Decimal(String(legs[i]!.fraction)).sub(expected).abs().gt(PER_LEG)) {
          violations.push(violation(ID, t.legs[i]!.stepIndex, `${legs[i]!.exit_leg_id}: fraction ${legs[i]!.fraction} ≠ qty ÷ initial ${expected.toSignificantDigits(15).toFixed()}`, {
            tradeId: t.tradeId, fraction: legs[i]!.fraction, expected: expected.toSignificantDigits(15), qty: t.legs[i]!.event.qty, initialSize: t.legs[i]!.event.initialSize,
          }));
          return { violations, exercised };
        }
      }
      if (total.sub(1).abs().gt(tol) || last.remaining_qty !== 0 || last.remaining_notional !== 0) {
        violations.push(violation(ID, t.lastStep, `closed trade ${t.tradeId}: Σ fraction ${total.toFixed()}, last remaining_qty ${last.remaining_qty}`, {
          tradeId: t.tradeId, sumOfFractions: total, lastRemainingQty: last.remaining_qty, legs: legs.length,
        }));
      }
    }
    return { violations, exercised };
  },
};
export default INV_R_LEG_FRACTIONS;
