// The gate's budget when it is the only test of a mutation run: small enough that one gate run takes about
// half a second on the reference (Stryker repeats it once per mutant), large enough that the fixed seed still
// takes every declared transition and reaches every interesting state, so coverage can stay enforced.
// Measured (2 shared cores, uninstrumented, in vitest): 300 runs × 60 steps ≈ 0.5-0.7 s, ≈ 3 800 inputs; 300 × 50
// and seeds 1 and 3 at 300 × 60 miss EXIT_FILL_LATE_FLAT or ENTRY_FILL_LATE, so change the three numbers together.
export const MUTATION_PROFILE = {
  name: 'mutation',
  runs: 300,
  seed: 20261124,
  stepCountMax: 60,
  /** A few runs replayed twice, so a mutant that makes the kernel non-deterministic is caught as the CLI would. */
  determinismRuns: 20,
  /** One failure kills the mutant: searching for more distinct failures only costs time. */
  maxFailures: 1,
} as const;
