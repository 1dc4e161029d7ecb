// Each canary of canaries.test.ts is a real defect, not a no-op: on a short hand-written sequence (its witness)
// its outcomes, commands, events or rows differ from the reference kernel's. These pass today; canaries.test.ts
// says whether the gate finds the difference on its own.
import { describe, expect, it } from 'vitest';
import { GATE_CONFIG, REFERENCE, executeInputs, type SystemUnderTest } from '../../src/gate/index.ts';
import type { Execution } from '../../src/gate/execute.ts';
import type { KernelInput, KernelIntent } from '../../src/kernel/types.ts';
import { SCENARIO_EPOCH_MS } from '../../src/scenario/loadScenario.ts';

const T = (i: number) => SCENARIO_EPOCH_MS + i * 1000;
let seq = 0;
const intent = (fields: Partial<KernelIntent>): KernelInput => ({
  kind: 'intent', tsMs: T(seq), intent: {
    intentId: `I${++seq}`, tradeId: 'T1', slotId: 0, asset: 'BTCUSDT', side: 'LONG', action: 'ENTER', referencePrice: '100', targetSize: '1',
    leverage: '1', exitLegRatios: ['0.5', '0.5'], reason: 'W', ...fields,
  },
});
const enter = (fields: Partial<KernelIntent> = {}) => intent(fields);
const exit = (targetSize: string | null, fields: Partial<KernelIntent> = {}) => intent({ action: 'EXIT', targetSize, leverage: '1', exitLegRatios: [], ...fields });
const fill = (orderId: string, fillId: string, qty: string, price = '100', fee = '0.1'): KernelInput => ({ kind: 'order_filled', tsMs: T(++seq), orderId, fillId, qty, price, fee });
const ended = (kind: 'order_canceled' | 'order_expired', orderId: string): KernelInput => ({ kind, tsMs: T(++seq), orderId });

const WITNESSES: Readonly<Record<string, () => KernelInput[]>> = {
  feeSignFlipped: () => [enter(), fill('T1:E', 'F1', '1')],
  fillPriceFromOrder: () => [enter(), fill('T1:E', 'F1', '1', '101')],
  outcomeIntentIdIsTradeId: () => [enter()],
  legExitPriceIsReference: () => [enter(), fill('T1:E', 'F1', '1'), exit('0.5'), fill('T1:X0', 'F2', '0.5', '99')],
  fillsLateFlagDropped: () => [enter(), fill('T1:E', 'F1', '0.4'), ended('order_canceled', 'T1:E'), fill('T1:E', 'F2', '0.2')],
  reduceOnlyAcceptsEnter: () => [{ kind: 'control_changed', tsMs: T(++seq), mode: 'REDUCE_ONLY', verbosity: 'INFO' }, enter()],
  exitCommandNotReduceOnly: () => [enter(), fill('T1:E', 'F1', '1'), exit(null)],
  clampedExitOneStepShort: () => [enter(), fill('T1:E', 'F1', '1'), exit('2')],
  residueIgnoresMinNotional: () => [enter(), fill('T1:E', 'F1', '1'), exit('0.99')],
  exactRemainderFlaggedClamped: () => [enter(), fill('T1:E', 'F1', '1'), exit('1')],
  reentryChainedFromIdle: () => [enter(), ended('order_canceled', 'T1:E'), enter({ tradeId: 'T2' })],
  dedupeWindowPerOrder: () => [enter(), fill('T1:E', 'F1', '0.1'), fill('T1:E', 'F2', '0.1'), fill('T1:E', 'F3', '0.1'), fill('T1:E', 'F1', '0.1')],
  lateEndOverwritesFilled: () => [enter(), fill('T1:E', 'F1', '1'), ended('order_canceled', 'T1:E')],
  residueAtMinNotionalAbsorbed: () => [enter(), fill('T1:E', 'F1', '1'), exit('0.95')],
};

function fingerprint(exec: Execution): string {
  return JSON.stringify({ steps: exec.trace.records.map((r) => [r.result.outcome, r.result.commands, r.result.events]), rows: exec.trace.rows });
}

describe('each canary differs from the reference on its witness sequence', () => {
  for (const [fixture, witness] of Object.entries(WITNESSES)) {
    it(fixture, async () => {
      const { sut } = (await import(`../fixtures/broken/${fixture}.ts`)) as { sut: SystemUnderTest };
      seq = 0;
      const inputs = witness();
      const reference = executeInputs(REFERENCE, GATE_CONFIG, inputs);
      const broken = executeInputs(sut, GATE_CONFIG, inputs);
      expect(reference.fault).toBeNull();
      expect(broken.fault).toBeNull();
      expect(reference.trace.records.every((r) => r.index < inputs.length - 1 || r.result.outcome.diagnosticCode !== 'INVALID_INPUT')).toBe(true);
      expect(fingerprint(broken)).not.toBe(fingerprint(reference));
    });
  }
});
