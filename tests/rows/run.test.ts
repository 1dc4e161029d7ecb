// A multi-trade, multi-slot kernel run: every row of every family validates, and the rows reconcile with
// the kernel's state; a balance report changes no capital column anywhere.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/kernel/index.ts';
import { FAMILIES, validateRow, formatRowIssue } from '../../src/rows/index.ts';
import { multiTradeRun } from './fixtures.ts';

const { driver, rows } = multiTradeRun();

describe('rows of a multi-trade run', () => {
  it('emits every family and every row validates', () => {
    for (const family of FAMILIES) {
      expect(rows[family].length, `${family} rows`).toBeGreaterThan(0);
      for (const row of rows[family]) expect(validateRow(family, row).map(formatRowIssue), JSON.stringify(row)).toEqual([]);
    }
  });

  it('one OPEN row per trade, exactly one CLOSE per closed trade', () => {
    const opens = rows.trade_events.filter((r) => r.event === 'OPEN').map((r) => r.trade_id);
    const closes = rows.trade_events.filter((r) => r.event === 'CLOSE').map((r) => r.trade_id);
    expect(opens).toEqual(['A', 'B', 'C', 'A2']);
    expect(closes.sort()).toEqual(['A', 'B', 'C']);
  });

  it('leg rows: isolated deltas summing exactly to each closed trade\'s realized PnL, chain links, fractions sum to 1', () => {
    for (const tradeId of ['A', 'B']) {
      const legs = rows.trade_exit_legs.filter((r) => r.trade_id === tradeId);
      const sum = legs.reduce((a, r) => a.add(new Decimal(String(r.pnl_leg))), new Decimal(0));
      const closeRow = rows.trade_events.find((r) => r.trade_id === tradeId && r.event === 'CLOSE')!;
      expect(sum.toString()).toBe(new Decimal(String(closeRow.realized_pnl)).toString());
      expect(legs.map((r) => r.exit_seq)).toEqual(legs.map((_, i) => i));
      expect(legs.map((r) => r.chain_prev_leg_id)).toEqual(['', ...legs.slice(0, -1).map((r) => r.exit_leg_id)]);
      const fractions = legs.reduce((a, r) => a.add(new Decimal(String(r.fraction))), new Decimal(0));
      expect(fractions.toNumber()).toBeCloseTo(1, 12);
      expect(legs.at(-1)!.remaining_qty).toBe(0);
      for (const r of legs) expect(new Decimal(String(r.capital_after)).sub(String(r.capital_before)).toString()).toBe(new Decimal(String(r.pnl_leg)).toString());
    }
    // B: a partial leg ended by cancel, a late fill forming its own leg, then the final leg.
    expect(rows.trade_exit_legs.filter((r) => r.trade_id === 'B').map((r) => r.remaining_qty)).toEqual([0.321, 0.271, 0]);
  });

  it('account events reconcile with the kernel account: Σ EXIT_FILL deltas = capital − initial', () => {
    const deltas = rows.account_events.filter((r) => r.cause === 'EXIT_FILL').reduce((a, r) => a.add(String(r.delta)), new Decimal(0));
    const a = driver.state.account;
    expect(deltas.toString()).toBe(a.capital.sub(a.initialCapital).toString());
  });

  it('a venue balance report changes no capital column anywhere', () => {
    const report = rows.account_events.find((r) => r.cause === 'BALANCE_REPORT')!;
    expect(report.venue_balance).toBe(25100);
    expect(report.delta).toBe(0);
    expect(report.capital_after).toBe(report.capital_before);
    const outcomes = rows.kernel_outcomes;
    const i = outcomes.findIndex((r) => r.input_kind === 'balance_reported');
    expect(outcomes[i]!.capital_after).toBe(outcomes[i - 1]!.capital_after);
    expect(outcomes[i]!.diagnostic_code).toBe('BALANCE_DRIFT');
    // and no leg, fill or account row anywhere carries the venue's number as capital
    const capitalCols = [...rows.trade_exit_legs.flatMap((r) => [r.capital_before, r.capital_after]), ...outcomes.map((r) => r.capital_after),
      ...rows.account_events.flatMap((r) => [r.capital_before, r.capital_after])];
    expect(capitalCols).not.toContain(25100);
  });

  it('writes fills only for applied executions, with the late and clamped flags', () => {
    expect(rows.fills.map((r) => r.fill_id).length).toBe(new Set(rows.fills.map((r) => r.fill_id)).size);
    expect(rows.fills.filter((r) => r.late === 1).map((r) => r.order_id)).toEqual(['B:X0']);
  });
});
