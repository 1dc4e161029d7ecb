// The `adapter-fuzz` profile: how many runs, how long the cases are, and each venue behaviour's weight
// (percent of scripts that play it; 0 switches it off). Normalized once; every limit is named with its unit.

export interface BehaviourWeights {
  readonly reject: number;
  readonly timeout: number;
  readonly ackOrder: number;
  readonly partial: number;
  readonly ending: number;
  readonly priceSpread: number;
  readonly fee: number;
  readonly duplicate: number;
  readonly canceledAfterFilled: number;
  readonly cancelRace: number;
  readonly resend: number;
  readonly gap: number;
  /** Share of runs whose kernel grid is 10× finer than the venue's. */
  readonly finerKernelGrid: number;
  /** Share of delivery picks that take a newer message than the oldest. */
  readonly outOfOrder: number;
}

export interface FuzzProfile {
  readonly name: string;
  readonly runs: number;
  readonly actionCountMax: number;
  readonly scriptCountMax: number;
  readonly weights: BehaviourWeights;
  /** Switch whole behaviour groups on and off per run (swarm testing). */
  readonly swarm: boolean;
  readonly callTimeoutMs: number;
  /** Whole-fuzz budget; fast-check stops starting new runs after it. */
  readonly timeBudgetMs: number;
}

export const ADAPTER_FUZZ_PROFILE: FuzzProfile = {
  name: 'adapter-fuzz',
  runs: 300,
  actionCountMax: 40,
  scriptCountMax: 12,
  weights: {
    reject: 12, timeout: 12, ackOrder: 25, partial: 45, ending: 20, priceSpread: 30, fee: 40, duplicate: 20,
    canceledAfterFilled: 10, cancelRace: 25, resend: 10, gap: 10, finerKernelGrid: 30, outOfOrder: 30,
  },
  swarm: true,
  callTimeoutMs: 500,
  timeBudgetMs: 120_000,
};

export const PROFILES: Readonly<Record<string, FuzzProfile>> = { 'adapter-fuzz': ADAPTER_FUZZ_PROFILE };
