// Small helpers for benchmarks: a seeded PRNG (benchmarks only, never the kernel), medians and round timing.

/** mulberry32: deterministic, fast, good enough to pick benchmark inputs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** A figure over several rounds (after warm-up): median, min and max of a rate or a time. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly rounds: number;
}

export function spreadOf(xs: readonly number[]): Spread {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), rounds: xs.length };
}

/**
 * Runs `work` (which handles `units` items) `warmup + rounds` times, interleaving nothing else; returns the
 * rate in units per second over the rounds after warm-up.
 */
export function rate(work: () => void, units: number, rounds: number, warmup = 1): Spread {
  const rates: number[] = [];
  for (let r = 0; r < warmup + rounds; r++) {
    const t0 = performance.now();
    work();
    const s = (performance.now() - t0) / 1000;
    if (r >= warmup) rates.push(units / s);
  }
  return spreadOf(rates);
}

/** Rounds of several contenders interleaved (A B C, A B C, …), so machine noise hits each alike. */
export function interleavedRates(contenders: Readonly<Record<string, () => void>>, units: number, rounds: number, warmup = 1): Record<string, Spread> {
  const names = Object.keys(contenders);
  const rates = new Map<string, number[]>(names.map((n) => [n, []]));
  for (let r = 0; r < warmup + rounds; r++) {
    for (const n of names) {
      const t0 = performance.now();
      contenders[n]!();
      const s = (performance.now() - t0) / 1000;
      if (r >= warmup) rates.get(n)!.push(units / s);
    }
  }
  return Object.fromEntries(names.map((n) => [n, spreadOf(rates.get(n)!)]));
}
