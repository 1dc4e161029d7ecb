// INV-M-OUTCOME compares outcome.details exactly (spec/kernel.md §4.1): the model works every detail out from the
// inputs, so a kernel that reports a wrong, missing or extra fact fails, and the reference passes.
import { describe, expect, it } from 'vitest';
import { GATE_CONFIG, REFERENCE, executeInputs, type SystemUnderTest } from '../../src/gate/index.ts';
import { step } from '../../src/kernel/step.ts';
import type { KernelInput, KernelIntent, StepResult } from '../../src/kernel/types.ts';
import INV_M_OUTCOME from '../../properties/INV-M-OUTCOME.ts';
import { SCENARIO_EPOCH_MS } from '../../src/scenario/loadScenario.ts';

const T = (i: number) => SCENARIO_EPOCH_MS + i * 1000;
let seq = 0;
const intent = (fields: Partial<KernelIntent> | Record<string, unknown>): KernelInput => ({
  kind: 'intent', tsMs: T(seq), intent: {
    intentId: `I${++seq}`, tradeId: 'T1', slotId: 0, asset: 'BTCUSDT', side: 'LONG', action: 'ENTER', referencePrice: '100', targetSize: '1',
    leverage: '1', exitLegRatios: ['0.5', '0.5'], reason: 'W', ...fields,
  } as KernelIntent,
});
const fill = (orderId: string, fillId: string, qty: unknown, price: unknown = '100', fee: unknown = '0.1'): KernelInput =>
  ({ kind: 'order_filled', tsMs: T(++seq), orderId, fillId, qty, price, fee }) as KernelInput;

/** One input of every detail shape: rejections of every kind and acceptances with and without clamps. */
function sequence(): KernelInput[] {
  seq = 0;
  return [
    { kind: 'nope', tsMs: T(0) } as unknown as KernelInput,
    { kind: 'intent', tsMs: -1, intent: {} } as unknown as KernelInput,
    intent({ reason: 7 }), intent({ action: 'HOLD' }), intent({ intentId: '' }), intent({ slotId: 99 }), intent({ asset: 'toString' }),
    intent({ side: 'FLAT' }), intent({ referencePrice: 'x' }), intent({ referencePrice: '100.05' }), intent({ targetSize: '0.0001' }),
    intent({ leverage: '0' }), intent({ exitLegRatios: ['0.7', '0.7'] }), intent({ exitLegRatios: ['-1'] }), intent({ targetSize: '1000' }),
    intent({}), intent({ tradeId: 'T2' }), fill('T1:E', '', '1'), fill('T1:E', 'F1', 'NaN'), fill('T1:E', 'F1', '1', '0'), fill('T1:E', 'F1', '1', '100', 'x'),
    fill('T1:E', 'F1', '3'), fill('T1:E', 'F1', '1'), fill('T1:E', 'F2', '1'),
    intent({ action: 'EXIT', targetSize: '0.99', exitLegRatios: [] }), intent({ action: 'EXIT', targetSize: null, exitLegRatios: [] }),
    { kind: 'order_accepted', tsMs: T(++seq), orderId: 'T1:X0' } as KernelInput,
    { kind: 'order_accepted', tsMs: T(++seq), orderId: 'T1:X0' } as KernelInput,
    { kind: 'balance_reported', tsMs: T(++seq), balance: '123' } as KernelInput,
    { kind: 'control_changed', tsMs: T(++seq), mode: 'LOUD', verbosity: 'INFO' } as unknown as KernelInput,
  ];
}

const withDetails = (name: string, change: (real: StepResult) => StepResult['outcome']['details']): SystemUnderTest => ({
  ...REFERENCE, name, step: (state, input) => {
    const real = step(state, input);
    return { ...real, outcome: { ...real.outcome, details: change(real) } };
  },
});

describe('INV-M-OUTCOME reads outcome.details', () => {
  it('the reference kernel gives exactly the details the model works out, on every shape', () => {
    const exec = executeInputs(REFERENCE, GATE_CONFIG, sequence());
    const codes = new Set(exec.trace.records.map((r) => r.result.outcome.diagnosticCode));
    for (const c of ['INVALID_INPUT', 'INVALID_TIMESTAMP', 'UNKNOWN_ACTION', 'INVALID_INTENT_ID', 'UNKNOWN_SLOT', 'UNKNOWN_ASSET', 'INVALID_SIDE', 'INVALID_PRICE',
      'OFF_GRID_PRICE', 'OFF_GRID_SIZE', 'INVALID_LEVERAGE', 'INVALID_EXIT_RATIOS', 'INSUFFICIENT_MARGIN', 'SLOT_OCCUPIED', 'INVALID_FILL', 'FILL_CLAMPED',
      'DUPLICATE_FILL', 'EXIT_WORKING', 'STALE_ORDER_EVENT', 'BALANCE_DRIFT', 'INVALID_MODE']) expect(codes, c).toContain(c);
    expect(INV_M_OUTCOME.check(exec.trace).violations).toEqual([]);
  });

  it('a missing detail, a wrong value and an extra key are each a violation naming the key', () => {
    const cases: [SystemUnderTest, string][] = [
      [withDetails('drops fillId', (r) => Object.fromEntries(Object.entries(r.outcome.details).filter(([k]) => k !== 'fillId'))), 'outcome.details.fillId'],
      [withDetails('wrong qty', (r) => ('qty' in r.outcome.details ? { ...r.outcome.details, qty: '0' } : r.outcome.details)), 'outcome.details.qty'],
      [withDetails('extra key', (r) => ({ ...r.outcome.details, note: 'x' })), 'outcome.details.note'],
    ];
    for (const [sut, field] of cases) {
      const violations = INV_M_OUTCOME.check(executeInputs(sut, GATE_CONFIG, sequence()).trace).violations;
      expect(violations.map((v) => v.message).join('\n'), sut.name).toContain(field);
    }
  });
});
