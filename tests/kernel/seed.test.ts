// The seed's two kernel tests (test_pink_multi_exit_groundwork.py), ported with the same numbers,
// through the driver and the mock venue exactly as the seed drives ExecutionKernel.
import { describe, expect, it } from 'vitest';
import { initialState, slotView, type KernelIntent } from '../../src/kernel/index.ts';
import { KernelDriver } from '../../src/driver/driver.ts';
import { MockVenueAdapter } from '../../src/venue/mockVenue.ts';

function mkKernel(): KernelDriver {
  return new KernelDriver(initialState(), new MockVenueAdapter({ emitFillOnSubmit: true, partialFillRatio: '1.0' }));
}

function kintent(action: KernelIntent['action'], o: { targetSize: string; exitLegRatios?: string[]; reason?: string; price?: string }) {
  const reason = o.reason ?? 'TEST';
  return {
    kind: 'intent' as const,
    tsMs: Date.UTC(2026, 4, 25, 12),
    intent: {
      intentId: `intent-${action}-${reason}`, tradeId: 'trade-1', slotId: 0, asset: 'BTCUSDT', side: 'SHORT' as const, action,
      referencePrice: o.price ?? '100.0', targetSize: o.targetSize, leverage: '2.0', exitLegRatios: o.exitLegRatios ?? ['1.0'], reason,
    },
  };
}

const process = (k: KernelDriver, input: ReturnType<typeof kintent>) => {
  const records = k.process(input);
  return records[0]!.result.outcome;
};

describe('seed: multi-leg exit groundwork', () => {
  it('two-leg exit: no double close, realized accrues once per leg (Flaw 4)', () => {
    const kernel = mkKernel();
    process(kernel, kintent('ENTER', { targetSize: '1.0', price: '100.0', exitLegRatios: ['0.5', '0.5'] }));

    const first = process(kernel, kintent('EXIT', { targetSize: '0.5', reason: 'TP1', price: '90.0' }));
    expect(first.accepted).toBe(true);
    let slot = slotView(kernel.state, 0);
    expect(slot.closed).toBe(false);
    expect(slot.fsm_state).toBe('POSITION_OPEN');
    expect(slot.size).toBe('0.5');
    const realizedAfterLeg1 = Number(slot.realized_pnl);
    expect(realizedAfterLeg1).toBeGreaterThan(0); // SHORT entered @100, exited @90: profit
    expect(slot.realized_pnl).toBe('5'); // −1 × (90 − 100) × 0.5

    const second = process(kernel, kintent('EXIT', { targetSize: '0.5', reason: 'TP2', price: '90.0' }));
    expect(second.accepted).toBe(true);
    slot = slotView(kernel.state, 0);
    expect(slot.closed).toBe(true);
    expect(slot.fsm_state).toBe('CLOSED');
    expect(slot.size).toBe('0');
    expect(Number(slot.realized_pnl)).toBeGreaterThan(realizedAfterLeg1);
    expect(slot.realized_pnl).toBe('10');

    const third = process(kernel, kintent('EXIT', { targetSize: '0.5', reason: 'TP3', price: '90.0' }));
    expect(third.accepted).toBe(false);
    expect(third.diagnosticCode).toBe('TRADE_CLOSED');
    const closes = kernel.records.flatMap((r) => r.result.events).filter((e) => e.type === 'TradeClosed');
    expect(closes).toHaveLength(1);
  });

  it('final-leg overshoot clamps: size never negative, closes exactly once', () => {
    const kernel = mkKernel();
    process(kernel, kintent('ENTER', { targetSize: '1.0', price: '100.0' }));

    process(kernel, kintent('EXIT', { targetSize: '0.5', reason: 'TP1', price: '90.0' }));
    let slot = slotView(kernel.state, 0);
    expect(slot.size).toBe('0.5');
    expect(slot.closed).toBe(false);

    // Final leg requests 1.0 but only 0.5 remains.
    const final = process(kernel, kintent('EXIT', { targetSize: '1.0', reason: 'TP2', price: '90.0' }));
    expect(final.accepted).toBe(true);
    expect(final.diagnosticCode).toBe('EXIT_CLAMPED');
    slot = slotView(kernel.state, 0);
    expect(Number(slot.size)).toBeGreaterThanOrEqual(0);
    expect(slot.size).toBe('0');
    expect(slot.closed).toBe(true);
    expect(slot.fsm_state).toBe('CLOSED');
    const submitted = kernel.records.flatMap((r) => r.result.commands).filter((c) => c.type === 'SubmitOrder');
    expect(submitted.map((c) => (c.type === 'SubmitOrder' ? c.qty.toString() : ''))).toEqual(['1', '0.5', '0.5']);
    expect(kernel.records.flatMap((r) => r.result.events).filter((e) => e.type === 'TradeClosed')).toHaveLength(1);
  });

  it('the seed\'s cumulative exit plan (0.5, 1.0) is refused at ENTER: ratios may not sum past 1', () => {
    const kernel = mkKernel();
    const outcome = process(kernel, kintent('ENTER', { targetSize: '1.0', exitLegRatios: ['0.5', '1.0'] }));
    expect(outcome.accepted).toBe(false);
    expect(outcome.diagnosticCode).toBe('INVALID_EXIT_RATIOS');
    expect(slotView(kernel.state, 0).fsm_state).toBe('IDLE');
  });
});
