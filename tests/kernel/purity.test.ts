// The kernel is pure and total: no clocks, randomness, I/O or console; it never throws on any input value
// and never mutates the state it is given.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { step, type KernelState } from '../../src/kernel/index.ts';
import { apply, enter, exit, fill, fresh, openPosition } from './helpers.ts';

const KERNEL_DIR = join(import.meta.dirname, '../../src/kernel');
const BANNED: readonly [RegExp, string][] = [
  [/Date\.now\(|new Date\(/, 'reads the clock'],
  [/Math\.random\(/, 'rolls a die'],
  [/console\./, 'writes to the console'],
  [/parseFloat\(|Number\.parseFloat\(/, 'parses amounts as floats'],
  [/from ['"]node:/, 'imports a Node module (I/O)'],
  [/process\./, 'reads the process'],
];

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    if (x instanceof Map || x instanceof Set) return x; // frozen-by-convention; checked by snapshot below
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

function snapshot(state: KernelState): string {
  return JSON.stringify(state, (_k, v) => (v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : v));
}

describe('kernel purity', () => {
  const files = readdirSync(KERNEL_DIR).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    it(`${file} uses no clock, randomness, I/O or console`, () => {
      const text = readFileSync(join(KERNEL_DIR, file), 'utf8');
      for (const [pattern, what] of BANNED) expect(pattern.test(text), `${file} ${what}`).toBe(false);
    });
  }

  it('never throws, whatever the input value (fast-check: anything, and near-valid intents)', () => {
    const states = [fresh(), openPosition(), apply(openPosition(), [exit({ targetSize: '0.5' })]).state];
    const nearValid = fc.record({
      kind: fc.constantFrom('intent', 'order_filled', 'order_accepted', 'order_canceled', 'balance_reported', 'control_changed'),
      tsMs: fc.oneof(fc.nat(), fc.double(), fc.constant(-1)),
      intent: fc.record({
        intentId: fc.oneof(fc.string(), fc.integer()), tradeId: fc.constantFrom('T1', 'T2', '', 7), slotId: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double()),
        asset: fc.constantFrom('BTCUSDT', 'ETHUSDT', 'X', null), side: fc.constantFrom('LONG', 'SHORT', 'UP', undefined),
        action: fc.constantFrom('ENTER', 'EXIT', 'CANCEL', 'NOPE'), referencePrice: fc.oneof(fc.double(), fc.string(), fc.constant('1e999')),
        targetSize: fc.oneof(fc.double(), fc.string(), fc.constant(null)), leverage: fc.anything(),
        exitLegRatios: fc.oneof(fc.array(fc.oneof(fc.double(), fc.string())), fc.anything()), reason: fc.oneof(fc.string(), fc.anything()),
      }),
      orderId: fc.constantFrom('T1:E', 'T1:X0', 'zz', 5), fillId: fc.oneof(fc.string(), fc.anything()), qty: fc.anything(), price: fc.anything(),
      fee: fc.anything(), balance: fc.anything(), mode: fc.anything(), verbosity: fc.anything(),
    }, { requiredKeys: ['kind'] });
    fc.assert(fc.property(fc.constantFrom(...states), fc.oneof(fc.anything({ withNullPrototype: true, withObjectString: true, withBigInt: true }), nearValid), (state, input) => {
      const r = step(state, input);
      expect(typeof r.outcome.diagnosticCode).toBe('string');
    }), { numRuns: 3000, seed: 42 });
  });

  it('never mutates the state it is given', () => {
    const inputs = [enter(), fill('T1:E', '1', '100'), exit({ targetSize: '0.4' }), fill('T1:X0', '0.4', '101', '0.01')];
    let state = fresh();
    for (const input of inputs) {
      deepFreeze(state);
      const before = snapshot(state);
      const r = step(state, input);
      expect(snapshot(state)).toBe(before);
      expect(r.state).not.toBe(state);
      state = r.state;
    }
  });

  it('is deterministic: the same inputs give identical results', () => {
    const inputs = [enter(), fill('T1:E', '0.5', '100'), fill('T1:E', '0.5', '101'), exit(), fill('T1:X0', '1', '99', '0.02')];
    const a = apply(fresh(), inputs);
    const b = apply(fresh(), inputs);
    expect(JSON.stringify(a.results.map((r) => [r.outcome, r.events, r.commands]))).toBe(JSON.stringify(b.results.map((r) => [r.outcome, r.events, r.commands])));
  });
});
