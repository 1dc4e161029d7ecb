// One test per diagnostic code: the input that earns it, and for rejections proof that nothing changed.
import { describe, expect, it } from 'vitest';
import { DIAGNOSTICS, DIAGNOSTIC_CODES, initialState, makeConfig, step, type DiagnosticCode, type KernelState } from '../../src/kernel/index.ts';
import { ack, apply, balance, cancel, canceled, control, enter, exit, fill, fresh, openPosition, rejected } from './helpers.ts';

type Setup = () => { state: KernelState; input: unknown };

const closedTrade = () => apply(openPosition(), [exit(), fill('T1:X0', '1', '105')]).state;

const SETUPS: Record<DiagnosticCode, Setup> = {
  OK: () => ({ state: fresh(), input: enter() }),
  EXIT_CLAMPED: () => ({ state: openPosition(), input: exit({ targetSize: '2' }) }),
  FILL_CLAMPED: () => ({ state: apply(fresh(), [enter()]).state, input: fill('T1:E', '1.5', '100') }),
  BALANCE_DRIFT: () => ({ state: fresh(), input: balance('24990') }),
  INVALID_INPUT: () => ({ state: fresh(), input: { kind: 'teleport', tsMs: 1 } }),
  INVALID_TIMESTAMP: () => ({ state: fresh(), input: { ...enter(), tsMs: -5 } }),
  UNKNOWN_ACTION: () => ({ state: fresh(), input: enter({ action: 'FLIP' as never }) }),
  INVALID_INTENT_ID: () => ({ state: fresh(), input: enter({ intentId: '' }) }),
  DUPLICATE_INTENT: () => ({ state: apply(fresh(), [enter({ intentId: 'same' })]).state, input: enter({ intentId: 'same', slotId: 1, tradeId: 'T2' }) }),
  KERNEL_HALTED: () => ({ state: apply(fresh(), [control('HALTED')]).state, input: enter() }),
  REDUCE_ONLY: () => ({ state: apply(fresh(), [control('REDUCE_ONLY')]).state, input: enter() }),
  UNKNOWN_SLOT: () => ({ state: fresh(), input: enter({ slotId: 7 }) }),
  UNKNOWN_ASSET: () => ({ state: fresh(), input: enter({ asset: 'DOGEUSDT' }) }),
  INVALID_SIDE: () => ({ state: fresh(), input: enter({ side: 'FLAT' as never }) }),
  INVALID_PRICE: () => ({ state: fresh(), input: enter({ referencePrice: 'NaN' }) }),
  INVALID_SIZE: () => ({ state: fresh(), input: enter({ targetSize: '0' }) }),
  INVALID_LEVERAGE: () => ({ state: fresh(), input: enter({ leverage: '-1' }) }),
  INVALID_EXIT_RATIOS: () => ({ state: fresh(), input: enter({ exitLegRatios: ['0.7', '0.4'] }) }),
  OFF_GRID_PRICE: () => ({ state: fresh(), input: enter({ referencePrice: '100.05' }) }),
  OFF_GRID_SIZE: () => ({ state: fresh(), input: enter({ targetSize: '0.0005' }) }),
  SLOT_OCCUPIED: () => ({ state: openPosition(), input: enter({ tradeId: 'T2' }) }),
  DUPLICATE_TRADE_ID: () => ({ state: closedTrade(), input: enter({ tradeId: 'T1' }) }),
  BELOW_MIN_QTY: () => ({
    state: initialState(makeConfig({ instruments: { BTCUSDT: { priceTick: '0.1', qtyStep: '0.001', minQty: '0.01', minNotional: '0' } } })),
    input: enter({ targetSize: '0.005' }),
  }),
  BELOW_MIN_NOTIONAL: () => ({ state: fresh(), input: enter({ targetSize: '0.001' }) }),
  INSUFFICIENT_MARGIN: () => ({ state: fresh(1, '100'), input: enter({ targetSize: '10', leverage: '2' }) }),
  NO_POSITION: () => ({ state: fresh(), input: exit() }),
  TRADE_CLOSED: () => ({ state: closedTrade(), input: exit() }),
  TRADE_ID_MISMATCH: () => ({ state: openPosition(), input: exit({ tradeId: 'T9' }) }),
  ASSET_MISMATCH: () => ({ state: openPosition(), input: exit({ asset: 'ETHUSDT' }) }),
  SIDE_MISMATCH: () => ({ state: openPosition(), input: exit({ side: 'SHORT' }) }),
  ENTRY_WORKING: () => ({ state: apply(fresh(), [enter()]).state, input: exit() }),
  EXIT_WORKING: () => ({ state: apply(openPosition(), [exit({ targetSize: '0.5' })]).state, input: exit() }),
  LEG_SIZE_ZERO: () => ({ state: openPosition({ targetSize: '0.001', referencePrice: '5000', exitLegRatios: ['0.5', '0.5'] }), input: exit({ referencePrice: '5000' }) }),
  NO_WORKING_ORDER: () => ({ state: openPosition(), input: cancel() }),
  CANCEL_ALREADY_REQUESTED: () => ({ state: apply(fresh(), [enter(), cancel()]).state, input: cancel() }),
  UNKNOWN_ORDER: () => ({ state: fresh(), input: ack('nobody:E') }),
  INVALID_FILL: () => ({ state: apply(fresh(), [enter()]).state, input: fill('T1:E', 'NaN', '100') }),
  DUPLICATE_FILL: () => ({ state: apply(fresh(), [enter(), fill('T1:E', '0.5', '100', '0', 'dup')]).state, input: fill('T1:E', '0.5', '100', '0', 'dup') }),
  OVERFILL: () => ({ state: openPosition(), input: fill('T1:E', '0.1', '100') }),
  FILL_AFTER_CLOSE: () => ({ state: apply(fresh(), [enter(), rejected('T1:E')]).state, input: fill('T1:E', '1', '100') }),
  STALE_ORDER_EVENT: () => ({ state: apply(fresh(), [enter(), ack('T1:E')]).state, input: ack('T1:E') }),
  INVALID_BALANCE: () => ({ state: fresh(), input: balance('Infinity') }),
  INVALID_MODE: () => ({ state: fresh(), input: control('TURBO') }),
};

describe('diagnostic codes: one test each', () => {
  it('covers every code in the closed list', () => {
    expect(Object.keys(SETUPS).sort()).toEqual([...DIAGNOSTIC_CODES].sort());
  });

  for (const code of DIAGNOSTIC_CODES) {
    const spec = DIAGNOSTICS[code];
    it(`${code} (${spec.severity}, ${spec.accepted ? 'accepted' : 'rejected'})`, () => {
      const { state, input } = SETUPS[code]();
      const r = step(state, input);
      expect(r.outcome.diagnosticCode, JSON.stringify(r.outcome.details)).toBe(code);
      expect(r.outcome.severity).toBe(spec.severity);
      expect(r.outcome.accepted).toBe(spec.accepted);
      expect(r.journal.diagnosticCode).toBe(code);
      if (!spec.accepted) {
        expect(r.state).toBe(state); // the very same object: a rejection changes nothing
        expect(r.commands).toEqual([]);
        expect(r.events).toEqual([]);
        expect(r.outcome.transitions).toEqual([]);
      }
    });
  }
});

describe('rejections name what was wrong', () => {
  it('INVALID_PRICE details carry the offending value', () => {
    const r = step(fresh(), enter({ referencePrice: 'Infinity' }));
    expect(r.outcome.details).toEqual({ referencePrice: 'Infinity' });
  });

  it('a venue balance report is recorded but capital does not move', () => {
    const state = openPosition();
    const r = step(state, balance('1'));
    expect(r.state.account.capital.toString()).toBe(state.account.capital.toString());
    expect(r.state.account.lastVenueBalance?.toString()).toBe('1');
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ type: 'BalanceReported' });
  });

  it('CANCEL is still accepted in HALTED mode, and venue events are still applied', () => {
    const halted = apply(fresh(), [enter(), control('HALTED')]).state;
    expect(step(halted, cancel()).outcome.accepted).toBe(true);
    expect(step(halted, fill('T1:E', '1', '100')).outcome.accepted).toBe(true);
    expect(step(halted, exit()).outcome.diagnosticCode).toBe('KERNEL_HALTED');
  });

  it('EXIT is allowed in REDUCE_ONLY mode', () => {
    const state = apply(openPosition(), [control('REDUCE_ONLY')]).state;
    expect(step(state, exit()).outcome.diagnosticCode).toBe('OK');
  });

  it('a canceled exit with nothing filled goes back to POSITION_OPEN without a leg', () => {
    const r = apply(openPosition(), [exit(), cancel(), canceled('T1:X0')]);
    expect(r.results.at(-1)!.events.map((e) => e.type)).toEqual(['OrderCanceled']);
    expect(r.state.slots[0]!.trade!.activeLegIndex).toBe(0);
  });
});

