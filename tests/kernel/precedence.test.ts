// Pins the documented rejection precedence: an input breaking several rules gets the first one's code.
// Each stage fixes one rule; the codes seen must follow INTENT_REJECTION_PRECEDENCE.
import { describe, expect, it } from 'vitest';
import { INTENT_REJECTION_PRECEDENCE, step, type DiagnosticCode, type KernelIntent, type KernelState } from '../../src/kernel/index.ts';
import { apply, control, enter, exit, fill, fresh, openPosition } from './helpers.ts';

function peel(stages: readonly { state: KernelState; intent: Record<string, unknown> }[]): DiagnosticCode[] {
  return stages.map(({ state, intent }) => step(state, { kind: 'intent', tsMs: 1, intent }).outcome.diagnosticCode);
}

function assertFollowsPrecedence(codes: readonly DiagnosticCode[]): void {
  const positions = codes.map((c) => INTENT_REJECTION_PRECEDENCE.indexOf(c));
  expect(positions.every((p) => p >= 0), `codes not in the precedence list: ${codes}`).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
}

describe('rejection precedence', () => {
  it('ENTER: fixing one broken rule at a time reveals the next, in the documented order', () => {
    const occupied = apply(fresh(), [enter({ intentId: 'dup', tradeId: 'T0' })]).state;
    const halted = apply(occupied, [control('HALTED')]).state;
    const reduceOnly = apply(occupied, [control('REDUCE_ONLY')]).state;
    let i: Record<string, unknown> = {
      ...(enter() as { intent: KernelIntent }).intent,
      reason: 5, action: 'FLIP', intentId: '', slotId: 99, asset: 'X', side: 'Q', referencePrice: 'NaN',
      targetSize: '-1', leverage: '0', exitLegRatios: ['2'], tradeId: 'T0',
    };
    const stages: { state: KernelState; intent: Record<string, unknown> }[] = [];
    const push = (state: KernelState, patch: Record<string, unknown>) => {
      stages.push({ state, intent: i });
      i = { ...i, ...patch };
    };
    push(halted, { reason: 'r' });
    push(halted, { action: 'ENTER' });
    push(halted, { intentId: 'dup' });
    push(halted, { intentId: 'fresh' });
    push(halted, {});
    push(reduceOnly, {});
    push(occupied, { slotId: 0 });
    push(occupied, { asset: 'BTCUSDT' });
    push(occupied, { side: 'LONG' });
    push(occupied, { referencePrice: '100.05' });
    push(occupied, { referencePrice: '100' });
    push(occupied, { targetSize: '0.0005' });
    push(occupied, { targetSize: '1' });
    push(occupied, { leverage: '2' });
    push(occupied, { exitLegRatios: ['1'] });
    push(occupied, { slotId: 1 });
    push(occupied, { tradeId: 'T1', targetSize: '0.001' });
    push(occupied, { targetSize: '1000' });
    push(occupied, { targetSize: '1' });
    const codes = peel(stages);
    expect(codes).toEqual([
      'INVALID_INPUT', 'UNKNOWN_ACTION', 'INVALID_INTENT_ID', 'DUPLICATE_INTENT', 'KERNEL_HALTED', 'REDUCE_ONLY', 'UNKNOWN_SLOT',
      'UNKNOWN_ASSET', 'INVALID_SIDE', 'INVALID_PRICE', 'OFF_GRID_PRICE', 'INVALID_SIZE', 'OFF_GRID_SIZE', 'INVALID_LEVERAGE',
      'INVALID_EXIT_RATIOS', 'SLOT_OCCUPIED', 'DUPLICATE_TRADE_ID', 'BELOW_MIN_NOTIONAL', 'INSUFFICIENT_MARGIN',
    ]);
    assertFollowsPrecedence(codes);
    expect(step(occupied, { kind: 'intent', tsMs: 1, intent: i }).outcome.diagnosticCode).toBe('OK');
  });

  it('EXIT: trade checks come in the documented order', () => {
    const base = (enter() as { intent: KernelIntent }).intent;
    const entering = apply(fresh(), [enter()]).state;
    const open = openPosition();
    const exiting = apply(open, [exit({ targetSize: '0.5' })]).state;
    const closed = apply(open, [exit(), fill('T1:X0', '1', '100')]).state;
    const x = { ...base, action: 'EXIT', targetSize: null, intentId: 'x' };
    const codes = peel([
      { state: fresh(), intent: { ...x, tradeId: 'T9', asset: 'ETHUSDT', side: 'SHORT' } },
      { state: closed, intent: { ...x, tradeId: 'T9', asset: 'ETHUSDT', side: 'SHORT' } },
      { state: open, intent: { ...x, tradeId: 'T9', asset: 'ETHUSDT', side: 'SHORT' } },
      { state: open, intent: { ...x, asset: 'ETHUSDT', side: 'SHORT' } },
      { state: open, intent: { ...x, side: 'SHORT' } },
      { state: entering, intent: x },
      { state: exiting, intent: x },
    ]);
    expect(codes).toEqual(['NO_POSITION', 'TRADE_CLOSED', 'TRADE_ID_MISMATCH', 'ASSET_MISMATCH', 'SIDE_MISMATCH', 'ENTRY_WORKING', 'EXIT_WORKING']);
    assertFollowsPrecedence(codes);
  });
});
