// Kernel throughput: inputs per second through `step`, on pre-generated inputs (intents and venue events
// recorded once through the mock venue), exact decimal arithmetic. Median of several rounds.
import { drive } from '../src/driver/driver.ts';
import { initialState, makeConfig, step, type KernelInput, type KernelIntent, type KernelState } from '../src/kernel/index.ts';
import { MockVenueAdapter } from '../src/venue/mockVenue.ts';
import { fmt, median, prng } from './stats.ts';

const SLOTS = 4;

/** One episode: a few trades per slot, partial fills, fees, multi-leg exits; returns every kernel input. */
function recordEpisode(seed: number): KernelInput[] {
  const rnd = prng(seed);
  const venue = new MockVenueAdapter({ partialFillRatio: '0.5', feeRate: '0.0004' });
  let state: KernelState = initialState(makeConfig({ slotCount: SLOTS }));
  const inputs: KernelInput[] = [];
  let n = 0;
  const tradeOf = new Map<number, string>();
  for (let i = 0; i < 120; i++) {
    const slotId = Math.floor(rnd() * SLOTS);
    const t = state.slots[slotId]?.trade;
    const price = String(100 + Math.floor(rnd() * 200) / 10);
    const base = { slotId, asset: 'BTCUSDT', side: (slotId % 2 ? 'SHORT' : 'LONG') as KernelIntent['side'], referencePrice: price, leverage: '3', reason: 'BENCH' };
    let intent: KernelIntent;
    if (!t || t.closed) {
      const tradeId = `S${seed}-T${++n}`;
      tradeOf.set(slotId, tradeId);
      intent = { ...base, intentId: `${tradeId}-in`, tradeId, action: 'ENTER', targetSize: String(1 + Math.floor(rnd() * 40) / 10), exitLegRatios: ['0.3', '0.3', '0.4'] };
    } else if (t.stage === 'ORDER_REQUESTED' || t.stage === 'EXIT_REQUESTED') {
      intent = { ...base, intentId: `${t.tradeId}-c${i}`, tradeId: t.tradeId, action: 'CANCEL', targetSize: null, exitLegRatios: [] };
    } else {
      intent = { ...base, intentId: `${t.tradeId}-x${i}`, tradeId: t.tradeId, action: 'EXIT', targetSize: null, exitLegRatios: [] };
    }
    const { state: next, records } = drive(state, { kind: 'intent', tsMs: i * 1000, intent }, venue);
    state = next;
    for (const r of records) inputs.push(r.input);
  }
  return inputs;
}

export function benchKernel(rounds = 7): { inputsPerSecond: number; usPerInput: number; inputs: number; rounds: number } {
  const episodes = Array.from({ length: 200 }, (_, i) => recordEpisode(i + 1));
  const total = episodes.reduce((a, e) => a + e.length, 0);
  const config = makeConfig({ slotCount: SLOTS });
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const inputs of episodes) {
      let s = initialState(config);
      for (const input of inputs) s = step(s, input).state;
    }
    const ms = performance.now() - t0;
    rates.push(total / (ms / 1000));
  }
  const inputsPerSecond = median(rates.slice(1)); // the first round warms the JIT
  return { inputsPerSecond, usPerInput: 1e6 / inputsPerSecond, inputs: total, rounds };
}

export function main(): string {
  const r = benchKernel();
  return `kernel step: ${fmt(r.inputsPerSecond)} inputs/s (${fmt(r.usPerInput, 2)} µs/input) — ${fmt(r.inputs)} pre-generated inputs, median of ${r.rounds - 1} rounds after warm-up`;
}
