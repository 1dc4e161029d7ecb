// Named budgets for the gate. Options are normalized once, here, into a fully qualified object.
export interface GateProfile {
  readonly name: string;
  readonly runs: number;
  /** null: a fresh random seed per invocation (printed first, so the run can be repeated). */
  readonly seed: number | null;
  readonly stepCountMax: number;
  readonly timeBudgetMs: number;
  readonly determinismRuns: number;
  readonly enforceCoverage: boolean;
  readonly description: string;
}

export const PROFILES: Readonly<Record<string, GateProfile>> = {
  'pre-merge': {
    name: 'pre-merge', runs: 5000, seed: 20261124, stepCountMax: 100, timeBudgetMs: 120_000, determinismRuns: 200, enforceCoverage: true,
    description: 'CI gate: fixed seed, ≥ 100 000 generated inputs, coverage enforced',
  },
  nightly: {
    name: 'nightly', runs: 50_000, seed: null, stepCountMax: 150, timeBudgetMs: 30 * 60_000, determinismRuns: 50_000, enforceCoverage: true,
    description: 'large and random-seeded; every run replayed twice for determinism',
  },
  smoke: {
    name: 'smoke', runs: 300, seed: 1, stepCountMax: 60, timeBudgetMs: 60_000, determinismRuns: 20, enforceCoverage: false,
    description: 'a few seconds: for trying things out and for tests (coverage not enforced)',
  },
};
