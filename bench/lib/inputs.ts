// Pre-generated kernel inputs for the benchmarks: episodes of intents recorded once through the mock venue
// (partial fills, fees, multi-leg exits, cancels), then turned into plain JSON data, as the gate and the
// protocol hand them to a kernel (decimals as strings).
import { drive } from '../../src/driver/driver.ts';
import { initialState, makeConfig, type KernelConfig, type KernelInput, type KernelIntent, type KernelState } from '../../src/kernel/index.ts';
import { MockVenueAdapter } from '../../src/venue/mockVenue.ts';
import { prng } from '../stats.ts';

export const BENCH_SLOTS = 4;

export function benchConfig(): KernelConfig {
  return makeConfig({ slotCount: BENCH_SLOTS });
}

/** One episode: a few trades per slot, partial fills, fees, multi-leg exits; returns every kernel input. */
function recordEpisode(seed: number): KernelInput[] {
  const rnd = prng(seed);
  const venue = new MockVenueAdapter({ partialFillRatio: '0.5', feeRate: '0.0004' });
  let state: KernelState = initialState(benchConfig());
  const inputs: KernelInput[] = [];
  let n = 0;
  for (let i = 0; i < 120; i++) {
    const slotId = Math.floor(rnd() * BENCH_SLOTS);
    const t = state.slots[slotId]?.trade;
    const price = String(100 + Math.floor(rnd() * 200) / 10);
    const base = { slotId, asset: 'BTCUSDT', side: (slotId % 2 ? 'SHORT' : 'LONG') as KernelIntent['side'], referencePrice: price, leverage: '3', reason: 'BENCH' };
    let intent: KernelIntent;
    if (!t || t.closed) {
      const tradeId = `S${seed}-T${++n}`;
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
  // Decimals become their JSON text: what a gate run or a protocol message carries.
  return JSON.parse(JSON.stringify(inputs)) as KernelInput[];
}

/** `count` episodes (seeds 1…count), each an independent run from the initial state. */
export function benchEpisodes(count = 200): KernelInput[][] {
  return Array.from({ length: count }, (_, i) => recordEpisode(i + 1));
}
