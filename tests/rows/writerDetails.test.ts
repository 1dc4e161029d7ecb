// Writer details the seed does not pin: command ids of legs ended by cancel, CLOSE rows carrying the OPEN's
// request, EXIT_FILL rows claiming no venue number, and inputs with invalid timestamps (the gate sends them).
import { describe, expect, it } from 'vitest';
import { KernelDriver } from '../../src/driver/driver.ts';
import { initialState, makeConfig, type KernelInput } from '../../src/kernel/index.ts';
import { MockVenueAdapter } from '../../src/venue/mockVenue.ts';
import { chDateTime, formatRowIssue, rowsForRun, validateRow, FAMILIES } from '../../src/rows/index.ts';
import { SCENARIO_EPOCH_MS } from '../../src/scenario/loadScenario.ts';
import { enter } from '../kernel/helpers.ts';
import { multiTradeRun } from './fixtures.ts';

const { rows } = multiTradeRun();

describe('row writer details', () => {
  it('command_id of every leg is the EXIT intent behind its order, also for a leg ended by a cancel', () => {
    const exitIntents = new Set(rows.trade_intents.filter((r) => r.action === 'EXIT').map((r) => r.intent_id));
    for (const leg of rows.trade_exit_legs) expect(exitIntents.has(leg.command_id), `${leg.exit_leg_id} command_id ${leg.command_id}`).toBe(true);
    // B's first leg completes when its partly filled exit order is canceled: no fill in that step.
    const canceledLeg = rows.trade_exit_legs.find((r) => r.exit_leg_id === 'B:leg0')!;
    const submitted = rows.order_events.find((r) => r.order_id === 'B:X0' && r.event === 'SUBMITTED')!;
    expect(canceledLeg.command_id).toBe(rows.trade_intents.find((r) => r.reason === submitted.reason && r.trade_id === 'B' && r.action === 'EXIT')!.intent_id);
  });

  it('a CLOSE row carries the size its OPEN asked for', () => {
    for (const close of rows.trade_events.filter((r) => r.event === 'CLOSE')) {
      const open = rows.trade_events.find((r) => r.event === 'OPEN' && r.trade_id === close.trade_id)!;
      expect(close.requested_size, close.trade_id).toBe(open.requested_size);
      expect(close.requested_size).toBeGreaterThan(0);
    }
  });

  it('EXIT_FILL account rows name no venue balance: only BALANCE_REPORT rows carry one', () => {
    const fills = rows.account_events.filter((r) => r.cause === 'EXIT_FILL');
    expect(fills.length).toBeGreaterThan(0);
    for (const r of fills) expect([r.venue_balance, r.drift]).toEqual([0, 0]);
  });

  it('an input with an invalid timestamp gets a valid kernel_outcomes row stamped with the last valid time, never a throw', () => {
    const driver = new KernelDriver(initialState(makeConfig()), new MockVenueAdapter());
    const first = { ...enter({ tradeId: 'T', targetSize: '1', referencePrice: '100' }), tsMs: SCENARIO_EPOCH_MS + 5_000 } as KernelInput;
    driver.process({ kind: 'balance_reported', tsMs: Number.NaN, balance: '1' } as KernelInput);
    driver.process(first);
    driver.process({ kind: 'balance_reported', tsMs: -1, balance: '1' } as KernelInput);
    driver.process({ kind: 'balance_reported', tsMs: 'soon', balance: '1' } as unknown as KernelInput);
    const out = rowsForRun(driver.records);
    const invalid = out.kernel_outcomes.filter((r) => r.diagnostic_code === 'INVALID_TIMESTAMP');
    expect(invalid).toHaveLength(3);
    for (const r of invalid) expect(r.ts).toBe(chDateTime(SCENARIO_EPOCH_MS + 5_000));
    for (const family of FAMILIES) for (const r of out[family]) expect(validateRow(family, r).map(formatRowIssue)).toEqual([]);
  });

  it('a time no ClickHouse DateTime holds is written as the zero time, which the schema rejects (flagged, not thrown)', () => {
    expect(chDateTime(9e15)).toBe('0000-00-00 00:00:00');
    const driver = new KernelDriver(initialState(makeConfig()), new MockVenueAdapter());
    driver.process({ kind: 'balance_reported', tsMs: 9e15, balance: '1' } as KernelInput);
    const row = rowsForRun(driver.records).kernel_outcomes[0]!;
    expect(validateRow('kernel_outcomes', row).map((i) => i.field)).toEqual(['ts', 'date']);
  });
});
