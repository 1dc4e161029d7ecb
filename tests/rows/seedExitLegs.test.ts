// The seed's third test (test_trade_exit_legs_two_leg_deltas_and_blue_schema), ported with its exact numbers:
// ENTER then two 0.5 legs, cumulative realized 60 then 120, capital 25 000 → 25 060 → 25 120.
import { describe, expect, it } from 'vitest';
import { MemoryRowSink, RowWriter, columnsOf, validateRow, type SlotLike } from '../../src/rows/index.ts';
import type { KernelInput, KernelOutcome } from '../../src/kernel/index.ts';

const LEG_COLUMNS = [
  'ts', 'date', 'strategy', 'trade_id', 'chain_root_trade_id', 'chain_head_leg_id', 'chain_prev_leg_id', 'chain_seq', 'chain_token',
  'chain_mode', 'exit_leg_id', 'exit_seq', 'command_id', 'source', 'reason', 'asset', 'side', 'entry_price', 'exit_price', 'fraction',
  'capital_before', 'capital_after', 'exit_notional', 'remaining_notional', 'remaining_qty', 'pnl_pct_leg', 'pnl_leg',
  'pnl_realized_total', 'bars_held',
];
const TRADE = 'BTCUSDT-T-000000000001';
const TS = Date.UTC(2026, 4, 25, 12, 0, 0);

function intentInput(action: 'ENTER' | 'EXIT', reason: string): KernelInput {
  return {
    kind: 'intent', tsMs: TS,
    intent: {
      intentId: `${TRADE}-${reason}`, tradeId: TRADE, slotId: 0, asset: 'BTCUSDT', side: 'SHORT', action, reason,
      referencePrice: action === 'ENTER' ? 100.0 : 90.0, targetSize: 1.0, leverage: 2.0, exitLegRatios: [0.5, 0.5],
    },
  };
}

const outcome: KernelOutcome = {
  accepted: true, slotId: 0, tradeId: TRADE, state: 'POSITION_OPEN', diagnosticCode: 'OK', severity: 'INFO',
  transitions: [], emittedEvents: [], details: {},
};

function slot(size: number, pnl: number, activeLegIndex: number, closed = false): SlotLike {
  return {
    trade_id: TRADE, asset: 'BTCUSDT', side: 'SHORT', entry_price: 100.0, size, initial_size: 1.0, leverage: 2.0, realized_pnl: pnl,
    closed, close_reason: closed ? 'TAKE_PROFIT' : '', exit_leg_ratios: [0.5, 0.5], active_leg_index: activeLegIndex,
  };
}

describe('seed: trade_exit_legs writer', () => {
  it('ENTER then two 0.5 legs → two rows with isolated per-leg deltas and the full BLUE column set', () => {
    const sink = new MemoryRowSink();
    const persistence = new RowWriter(sink, { strategy: 'pink', source: 'ditav2' });
    const step = (action: 'ENTER' | 'EXIT', reason: string, s: SlotLike, capital: number, seq: number) =>
      persistence.persistStep({
        tsMs: TS, seq, input: intentInput(action, reason), outcome,
        decision: { decisionId: 'BTCUSDT-D-000000000001', confidence: 0.9, barsHeld: 0 },
        marketPrice: 100.0, slotAfter: s, capitalAfter: capital, events: null, // the seed's _snapshot(): price 100 on every step
      });

    step('ENTER', 'ENTER', slot(1.0, 0.0, 0), 25_000.0, 0); // ENTER seeds leg state
    step('EXIT', 'TP1', slot(0.5, 60.0, 1), 25_060.0, 1); // leg 0: half closed, realized 60
    step('EXIT', 'TP2', slot(0.0, 120.0, 2, true), 25_120.0, 2); // leg 1 (final): closed, realized 120

    const legs = sink.rows.trade_exit_legs;
    expect(legs).toHaveLength(2);
    const [leg0, leg1] = legs as [typeof legs[0], typeof legs[0]];
    for (const row of legs) {
      expect(Object.keys(row)).toEqual(LEG_COLUMNS); // exactly the BLUE columns, in schema order
      expect(row.strategy).toBe('pink');
      expect(row.source).toBe('ditav2');
      expect(row.chain_root_trade_id).toBe(TRADE);
      expect(validateRow('trade_exit_legs', row)).toEqual([]);
    }
    expect(columnsOf('trade_exit_legs')).toEqual(LEG_COLUMNS);

    expect(leg0.exit_seq).toBe(0);
    expect(leg0.chain_seq).toBe(0);
    expect(leg0.exit_leg_id).toBe(`${TRADE}:leg0`);
    expect(leg0.chain_prev_leg_id).toBe('');
    expect(leg0.fraction).toBe(0.5);
    expect(leg0.pnl_leg).toBe(60); // isolated, not cumulative
    expect(leg0.pnl_realized_total).toBe(60);
    expect(leg0.capital_before).toBe(25_000);
    expect(leg0.capital_after).toBe(25_060);
    expect(leg0.remaining_qty).toBe(0.5);
    expect(leg0.exit_notional).toBe(45); // 0.5 × 90

    expect(leg1.exit_seq).toBe(1);
    expect(leg1.chain_seq).toBe(1);
    expect(leg1.exit_leg_id).toBe(`${TRADE}:leg1`);
    expect(leg1.chain_prev_leg_id).toBe(`${TRADE}:leg0`);
    expect(leg1.pnl_leg).toBe(60); // the increment 120 − 60, not the total
    expect(leg1.pnl_realized_total).toBe(120);
    expect(leg1.capital_before).toBe(25_060);
    expect(leg1.capital_after).toBe(25_120);
    expect(leg1.remaining_qty).toBe(0);
    expect(leg1.exit_notional).toBe(45);

    expect(sink.rows.trade_events.map((r) => r.event)).toEqual(['OPEN', 'CLOSE']);
    for (const family of Object.keys(sink.rows) as (keyof typeof sink.rows)[]) {
      for (const row of sink.rows[family]) expect(validateRow(family, row), `${family} ${JSON.stringify(row)}`).toEqual([]);
    }
  });

  it('leg state resets on ENTER: a second trade in the same slot starts again at leg0', () => {
    const sink = new MemoryRowSink();
    const w = new RowWriter(sink);
    const other = 'BTCUSDT-T-000000000002';
    const mk = (tradeId: string, action: 'ENTER' | 'EXIT', s: SlotLike, capital: number, seq: number) => w.persistStep({
      tsMs: TS, seq, input: { ...intentInput(action, `R${seq}`), intent: { ...(intentInput(action, `R${seq}`) as { intent: object }).intent, tradeId } } as KernelInput,
      outcome, decision: null, marketPrice: 90, slotAfter: { ...s, trade_id: tradeId }, capitalAfter: capital, events: null,
    });
    mk(TRADE, 'ENTER', slot(1, 0, 0), 25_000, 0);
    mk(TRADE, 'EXIT', slot(0, 10, 1, true), 25_010, 1);
    mk(other, 'ENTER', slot(1, 0, 0), 25_010, 2);
    mk(other, 'EXIT', slot(0.5, 5, 1), 25_015, 3);
    expect(sink.rows.trade_exit_legs.map((r) => [r.exit_leg_id, r.chain_prev_leg_id, r.pnl_leg])).toEqual([
      [`${TRADE}:leg0`, '', 10], [`${other}:leg0`, '', 5],
    ]);
  });
});
