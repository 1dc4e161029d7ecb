// What the gate checks: a kernel step function and a row writer, plus the configuration they run with.
// The reference kernel is one such system; broken fixtures and candidate kernels are others.
import type { StepRecord } from '../driver/driver.ts';
import { DEFAULT_INSTRUMENTS, makeConfig } from '../kernel/state.ts';
import { step } from '../kernel/step.ts';
import type { KernelConfig, KernelState, StepResult } from '../kernel/types.ts';
import type { RowsByFamily } from '../invariants/invariant.ts';
import { rowsForRun } from '../rows/index.ts';
import type { BlackBox } from './blackBox.ts';

export interface SystemUnderTest {
  readonly name: string;
  readonly step: (state: KernelState, input: unknown) => StepResult;
  /** Null: the run has no rows, and row invariants are not exercised. */
  readonly writeRows: ((records: readonly StepRecord[]) => RowsByFamily) | null;
  /** Set for a kernel in another process (`--kernel-cmd`): runs go through it whole, never through `step`. */
  readonly blackBox?: BlackBox;
}

/**
 * The gate's configuration: three slots, 25 000 USDT, and the default instruments except that ETHUSDT's minimum
 * quantity (0.01) is ten of its steps, so an on-grid size below the minimum (BELOW_MIN_QTY) can be sent and the
 * minimum-quantity rule is checked apart from the minimum notional (BTCUSDT keeps minimum = step).
 */
export const GATE_CONFIG: KernelConfig = makeConfig({
  slotCount: 3, initialCapital: '25000',
  instruments: { ...DEFAULT_INSTRUMENTS, ETHUSDT: { ...DEFAULT_INSTRUMENTS['ETHUSDT']!, minQty: '0.01' } },
});

export const REFERENCE: SystemUnderTest = { name: 'reference', step, writeRows: (records) => rowsForRun(records) };
