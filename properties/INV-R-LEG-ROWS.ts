// INV-R-LEG-ROWS: trade_exit_legs rows carry isolated deltas, consecutive sequence numbers and correct chain links.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import { violation } from '../src/invariants/traceFacts.ts';
import { Decimal, ZERO } from '../src/kernel/decimal.ts';

const ID = 'INV-R-LEG-ROWS';

interface LegRow {
  trade_id: string; exit_seq: number; chain_seq: number; exit_leg_id: string; chain_prev_leg_id: string; chain_head_leg_id: string;
  chain_root_trade_id: string; pnl_leg: number; pnl_realized_total: number; capital_before: number; capital_after: number;
}

const d = (x: number) => new Decimal(String(x));

export const INV_R_LEG_ROWS: Invariant = {
  id: ID,
  title: 'Leg rows: isolated deltas, consecutive sequence, chain links',
  statement: 'Per trade, leg rows have exit_seq = chain_seq = 0, 1, 2, …; exit_leg_id = <trade_id>:leg<seq>; chain_prev_leg_id = the previous leg\'s id (\'\' first); chain_head_leg_id = <trade_id>:leg0; chain_root_trade_id = trade_id; pnl_leg = pnl_realized_total − the previous total (isolated, not cumulative); capital_after − capital_before = pnl_leg.',
  why: 'The seed\'s Sprint 3 writer bug class: cumulative per-leg values written as deltas double-count PnL in every BLUE dashboard.',
  specAnchor: 'spec/invariants.md#inv-r-leg-rows',
  scope: 'rows',
  reads: ['trade_exit_legs.trade_id', 'trade_exit_legs.exit_seq', 'trade_exit_legs.chain_seq', 'trade_exit_legs.exit_leg_id', 'trade_exit_legs.chain_head_leg_id', 'trade_exit_legs.chain_root_trade_id', 'trade_exit_legs.chain_prev_leg_id', 'trade_exit_legs.pnl_leg', 'trade_exit_legs.pnl_realized_total', 'trade_exit_legs.capital_before', 'trade_exit_legs.capital_after'],
  check(trace) {
    const violations: Violation[] = [];
    let exercised = 0;
    const legs = (trace.rows?.['trade_exit_legs'] ?? []) as unknown as LegRow[];
    const prev = new Map<string, LegRow>();
    const fail = (row: LegRow, what: string, values: Record<string, string | number>) =>
      violations.push(violation(ID, 0, `leg row ${row.exit_leg_id}: ${what}`, { tradeId: row.trade_id, exitLegId: row.exit_leg_id, ...values }));
    for (const row of legs) {
      const before = prev.get(row.trade_id);
      const seq = before ? before.exit_seq + 1 : 0;
      if (seq > 0) exercised++;
      if (row.exit_seq !== seq || row.chain_seq !== seq) fail(row, `sequence ${row.exit_seq}/${row.chain_seq}, expected ${seq}`, { exit_seq: row.exit_seq, expected: seq });
      else if (row.exit_leg_id !== `${row.trade_id}:leg${seq}` || row.chain_head_leg_id !== `${row.trade_id}:leg0` || row.chain_root_trade_id !== row.trade_id) fail(row, 'leg/chain ids do not follow <trade_id>:leg<n>', { chain_head_leg_id: row.chain_head_leg_id });
      else if (row.chain_prev_leg_id !== (before?.exit_leg_id ?? '')) fail(row, `chain_prev_leg_id ${JSON.stringify(row.chain_prev_leg_id)}, expected ${JSON.stringify(before?.exit_leg_id ?? '')}`, { chain_prev_leg_id: row.chain_prev_leg_id });
      else {
        const delta = d(row.pnl_realized_total).sub(before ? d(before.pnl_realized_total) : ZERO);
        if (!delta.eq(d(row.pnl_leg))) fail(row, `pnl_leg ${row.pnl_leg} is not the increment ${delta.toFixed()} of pnl_realized_total`, { pnl_leg: row.pnl_leg, increment: delta.toFixed(), pnl_realized_total: row.pnl_realized_total });
        else if (!d(row.capital_after).sub(d(row.capital_before)).eq(d(row.pnl_leg))) fail(row, 'capital_after − capital_before ≠ pnl_leg', { capital_before: row.capital_before, capital_after: row.capital_after, pnl_leg: row.pnl_leg });
      }
      if (violations.length > 0) break;
      prev.set(row.trade_id, row);
    }
    return { violations, exercised };
  },
};
export default INV_R_LEG_ROWS;
