// The formulas of spec/kernel.md §Formulas against hand-computed examples.
import { describe, expect, it } from 'vitest';
import { Decimal, freeCapital, legQuantity, makeConfig, type KernelEvent } from '../../src/kernel/index.ts';
import { apply, cancel, canceled, enter, exit, fill, fresh, openPosition, trade } from './helpers.ts';

const legs = (events: readonly KernelEvent[]) => events.filter((e): e is Extract<KernelEvent, { type: 'ExitLegCompleted' }> => e.type === 'ExitLegCompleted');

describe('formulas', () => {
  it('LONG: leg PnL = +1 × (exit − entry) × qty − fees, entry fee charged with the closing leg', () => {
    const s = apply(fresh(), [
      enter({ asset: 'ETHUSDT', side: 'LONG', targetSize: '2', referencePrice: '100' }),
      fill('T1:E', '2', '100', '0.08'),
      exit({ asset: 'ETHUSDT', side: 'LONG', referencePrice: '110' }),
      fill('T1:X0', '2', '110', '0.088'),
    ]);
    // (110 − 100) × 2 − 0.088 − 0.08 = 19.832
    expect(trade(s.state).realizedPnl.toString()).toBe('19.832');
    expect(s.state.account.capital.toString()).toBe('25019.832');
    expect(s.state.account.feesPaid.toString()).toBe('0.168');
  });

  it('SHORT with fees over two legs: entry fees split pro rata, the closing leg takes the remainder', () => {
    const { state, results } = apply(fresh(), [
      enter({ side: 'SHORT', targetSize: '1', referencePrice: '100', exitLegRatios: ['0.5', '0.5'] }),
      fill('T1:E', '1', '100', '0.04'),
      exit({ side: 'SHORT', referencePrice: '90' }),
      fill('T1:X0', '0.5', '90', '0.018'),
      exit({ side: 'SHORT', referencePrice: '90' }),
      fill('T1:X1', '0.5', '90', '0.018'),
    ]);
    const legEvents = legs(results.flatMap((r) => r.events));
    // leg 0: −1 × (90 − 100) × 0.5 − 0.018 − 0.04 × 0.5 = 4.962 ; leg 1: 10 − 0.076 − 4.962 = 4.962
    expect(legEvents.map((l) => l.pnl.toString())).toEqual(['4.962', '4.962']);
    expect(legEvents.map((l) => l.fees.toString())).toEqual(['0.038', '0.038']);
    expect(trade(state).realizedPnl.toString()).toBe('9.924');
  });

  it('partial entry: entry price is the volume-weighted average of entry fills', () => {
    const { state } = apply(fresh(), [enter({ targetSize: '1' }), fill('T1:E', '0.3', '100'), fill('T1:E', '0.7', '101')]);
    expect(trade(state).entryPrice.toString()).toBe('100.7'); // (0.3 × 100 + 0.7 × 101) / 1
    expect(trade(state).stage).toBe('POSITION_OPEN');
  });

  it('a 0.5/0.5 plan on 0.421 with step 0.001 sends 0.210 then the remainder 0.211 (no dust)', () => {
    const s0 = openPosition({ asset: 'ETHUSDT', targetSize: '0.421', referencePrice: '2000', exitLegRatios: ['0.5', '0.5'] });
    const a = apply(s0, [exit({ asset: 'ETHUSDT', referencePrice: '2000' })]);
    const first = a.results[0]!.commands[0]!;
    expect(first.type === 'SubmitOrder' && first.qty.toString()).toBe('0.21');
    const b = apply(a.state, [fill('T1:X0', '0.21', '2000'), exit({ asset: 'ETHUSDT', referencePrice: '2000' })]);
    const second = b.results[1]!.commands[0]!;
    expect(second.type === 'SubmitOrder' && second.qty.toString()).toBe('0.211');
  });

  it('a leg that would leave less than the minimum notional closes everything instead', () => {
    const t = trade(openPosition({ targetSize: '1', exitLegRatios: ['0.5', '0.5'] }));
    const inst = makeConfig().instruments['BTCUSDT']!;
    // 0.96 of 1 @100 leaves 0.04 × 100 = 4 < minNotional 5: the leg takes all 1.
    expect(legQuantity(t, new Decimal('0.96'), inst, new Decimal(100))).toMatchObject({ absorbed: true });
    expect(legQuantity(t, new Decimal('0.96'), inst, new Decimal(100)).qty.toString()).toBe('1');
    expect(legQuantity(t, new Decimal('0.9'), inst, new Decimal(100)).qty.toString()).toBe('0.9');
  });

  it('non-terminating entry price (12 @100 + 17 @99): legs sum exactly to sign × (Σ exit − Σ entry) − Σ fees', () => {
    const { state, results } = apply(fresh(), [
      enter({ asset: 'ETHUSDT', targetSize: '29', referencePrice: '100' }),
      fill('T1:E', '12', '100'),
      fill('T1:E', '17', '99'),
      exit({ asset: 'ETHUSDT', targetSize: '10', referencePrice: '101' }), fill('T1:X0', '10', '101'),
      exit({ asset: 'ETHUSDT', targetSize: '10', referencePrice: '101' }), fill('T1:X1', '10', '101'),
      exit({ asset: 'ETHUSDT', targetSize: '9', referencePrice: '101' }), fill('T1:X2', '9', '101'),
    ]);
    expect(trade(state).entryPrice.toString()).toBe('99.41379310344827586206896551724137931034');
    const pnls = legs(results.flatMap((r) => r.events)).map((l) => l.pnl.toString());
    // Non-final legs are booked half-even to 8 places; the final leg takes the exact remainder (46 − 31.72413794).
    expect(pnls).toEqual(['15.86206897', '15.86206897', '14.27586206']);
    expect(trade(state).realizedPnl.toString()).toBe('46'); // 29 × 101 − (12 × 100 + 17 × 99)
    expect(state.account.capital.toString()).toBe('25046');
  });

  it('a maker rebate (negative fee) adds to PnL', () => {
    const { state } = apply(openPosition(), [exit({ referencePrice: '100' }), fill('T1:X0', '1', '100', '-0.01')]);
    expect(trade(state).realizedPnl.toString()).toBe('0.01');
  });

  it('margin = notional ÷ leverage, held against free capital until the trade closes', () => {
    const { state, results } = apply(fresh(1, '1000'), [enter({ targetSize: '10', referencePrice: '100', leverage: '4' })]);
    expect(results[0]!.outcome.details['margin']).toBe('250');
    expect(freeCapital(state).toString()).toBe('750');
    const open = apply(state, [fill('T1:E', '10', '102')]).state; // margin now on the filled entry price
    expect(freeCapital(open).toString()).toBe('745');
  });

  it('capital = initial + Σ realized PnL across trades and slots', () => {
    const s1 = openPosition({ slotId: 0, tradeId: 'A', side: 'LONG' });
    const s2 = openPosition({ slotId: 1, tradeId: 'B', side: 'SHORT', referencePrice: '200' }, s1);
    const { state } = apply(s2, [
      exit({ slotId: 0, tradeId: 'A', side: 'LONG', referencePrice: '103' }), fill('A:X0', '1', '103', '0.1'),
      exit({ slotId: 1, tradeId: 'B', side: 'SHORT', referencePrice: '205' }), fill('B:X0', '1', '205', '0.1'),
    ]);
    // A: 3 − 0.1 = 2.9 ; B: −5 − 0.1 = −5.1
    expect(state.account.realizedPnl.toString()).toBe('-2.2');
    expect(state.account.capital.toString()).toBe('24997.8');
  });
});

describe('legs when a late fill flattens the trade (found by the gate)', () => {
  it('the working exit order\'s partial fills still form a leg, before the late fill\'s leg', () => {
    const { state, results } = apply(fresh(), [
      enter({ targetSize: '0.05', exitLegRatios: ['0.5', '0.5'] }), fill('T1:E', '0.05', '100'),
      exit(), cancel(), canceled('T1:X0'),
      exit(), fill('T1:X1', '0.001', '101'),
      fill('T1:X0', '0.05', '102'),
    ]);
    const legEvents = legs(results.flatMap((r) => r.events));
    expect(legEvents.map((l) => [l.orderId, l.kind, l.qty.toString(), l.pnl.toString(), l.realizedTotal.toString()])).toEqual([
      ['T1:X1', 'order', '0.001', '0.001', '0.001'],
      ['T1:X0', 'late_fill', '0.049', '0.098', '0.099'],
    ]);
    expect(trade(state).realizedPnl.toString()).toBe('0.099');
    expect(results.at(-1)!.commands).toEqual([{ type: 'CancelOrder', tsMs: 1_000, clientOrderId: 'T1:X1', asset: 'BTCUSDT' }]);
  });
});
