// The kernel is total, so the writer must be too: whatever the gate feeds the kernel (null, junk kinds,
// null-prototype objects, NaN times, out-of-range slots), rowsForRun never throws and every row validates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KernelDriver } from '../../src/driver/driver.ts';
import { initialState, makeConfig } from '../../src/kernel/index.ts';
import { MockVenueAdapter } from '../../src/venue/mockVenue.ts';
import { FAMILIES, formatRowIssue, rowsForRun, validateRow } from '../../src/rows/index.ts';
import { SCENARIO_EPOCH_MS } from '../../src/scenario/loadScenario.ts';

const junk = fc.oneof(fc.anything({ withNullPrototype: true }), fc.constant(null), fc.constant(undefined));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: arb }, { weight: 1, arbitrary: junk });
// Valid times from the scenario epoch, or times the kernel refuses (INVALID_TIMESTAMP) — never huge valid ones,
// which the kernel accepts but no ClickHouse DateTime holds (those rows are flagged by design).
const tsMs = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 10_000_000 }).map((d) => SCENARIO_EPOCH_MS + d) },
  { weight: 1, arbitrary: fc.oneof(fc.constant(Number.NaN), fc.constant(-1), fc.string(), fc.constant(null)) });

const intent = fc.record({
  intentId: maybe(fc.constantFrom('i1', 'i2', 'i3', '')), tradeId: maybe(fc.constantFrom('T1', 'T2')), slotId: maybe(fc.integer({ min: -3, max: 5 })),
  asset: maybe(fc.constantFrom('BTCUSDT', 'ETHUSDT', 'DOGE')), side: maybe(fc.constantFrom('LONG', 'SHORT', 'UP')),
  action: maybe(fc.constantFrom('ENTER', 'EXIT', 'CANCEL', 'HOLD')), referencePrice: maybe(fc.constantFrom('100', 'NaN', '-1', 100, '1e400')),
  targetSize: maybe(fc.constantFrom('1', null, '0.5', 'Infinity')), leverage: maybe(fc.constantFrom('2', '0')),
  exitLegRatios: maybe(fc.constantFrom(['0.5', '0.5'], ['1'], ['2'], [])), reason: maybe(fc.constantFrom('TP', '')),
}, { requiredKeys: [] });

const input = fc.oneof(
  fc.record({ kind: fc.constant('intent'), tsMs, intent: maybe(intent) }),
  fc.record({
    kind: fc.constantFrom('order_accepted', 'order_canceled', 'order_expired', 'order_rejected', 'order_filled'), tsMs,
    orderId: maybe(fc.constantFrom('T1:E', 'T1:X0', 'T2:E')), fillId: maybe(fc.constantFrom('f1', 'f2')), qty: maybe(fc.constantFrom('1', '0.5')),
    price: maybe(fc.constant('100')), fee: maybe(fc.constant('0.01')), venueCode: junk, message: junk,
  }),
  fc.record({ kind: fc.constant('balance_reported'), tsMs, balance: maybe(fc.constant('25000')) }),
  fc.record({ kind: fc.constant('control_changed'), tsMs, mode: maybe(fc.constantFrom('NORMAL', 'HALTED')), verbosity: maybe(fc.constant('INFO')) }),
  junk,
);

describe('writer on hostile inputs', () => {
  it('never throws, and every row of every family validates', () => {
    fc.assert(fc.property(fc.array(input, { maxLength: 15 }), (inputs) => {
      const driver = new KernelDriver(initialState(makeConfig()), new MockVenueAdapter({ feeRate: '0.0004', partialFillRatio: '0.5' }));
      for (const i of inputs) driver.process(i as never);
      const rows = rowsForRun(driver.records);
      expect(rows.kernel_outcomes).toHaveLength(driver.records.length);
      for (const family of FAMILIES) for (const row of rows[family]) expect(validateRow(family, row).map(formatRowIssue), family).toEqual([]);
    }), { numRuns: 300, seed: 20260525 });
  });
});
