// StrykerJS over the reference kernel and the row writer. The only test is the gate at the mutation profile
// (tests/mutation/gate.mutation.ts via vitest.mutation.config.ts): a mutant the catalogue does not kill survives,
// however many unit tests would have caught it. `npm run mutate` runs this and writes reports/mutation.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  // The kernel's logic and the writer. Not mutated: decimal.ts (the exact-arithmetic helper is shared by the
  // kernel, the generators and every invariant, so a mutant there changes the oracle with the kernel and says
  // nothing about the catalogue), persistent.ts (a generic immutable map/set with
  // its own unit tests), diagnostics.ts (the code table: its `meaning` texts are equivalent by construction, and a
  // wrong severity or accepted flag fails the row schema or a kernel assertion), types.ts (declarations and name
  // lists) and index.ts (re-exports). See src/mutation/README.md.
  mutate: [
    'src/kernel/**/*.ts', '!src/kernel/index.ts', '!src/kernel/decimal.ts', '!src/kernel/persistent.ts', '!src/kernel/diagnostics.ts',
    '!src/kernel/types.ts', 'src/rows/writer.ts', 'src/rows/fromRecords.ts',
  ],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level initializers: DEFAULT_INSTRUMENTS, the GATE_CONFIG built at import, module
  // constants) are not tested with the mutant active by this runner: `npx stryker run --mutate
  // src/kernel/state.ts:14-26` reported all 11 Survived, among them `BTCUSDT: {}`, which makes makeConfig throw
  // while GATE_CONFIG is built at import, so no gate run could pass with it active. Their results say nothing
  // about the catalogue; they are ignored (status Ignored, outside the score) rather than counted as survivors.
  ignoreStatic: true,
  // 2 cores are shared by several engineers: one or two sandboxes at most (`npm run mutate -- --concurrency 2`).
  concurrency: 1,
  // Generous: on 2 cores shared by ~8 people one gate run varies 3×, and a survivor misread as a timeout would
  // count as detected. The kernel has no unbounded loop, so a real timeout is rare and this costs little.
  timeoutMS: 15_000,
  timeoutFactor: 1.5,
  reporters: ['json', 'progress-append-only', 'clear-text'],
  jsonReporter: { fileName: '.workbench/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  // Local cache of the last run (gitignored: see src/mutation/README.md).
  incrementalFile: '.workbench/mutation/stryker-incremental.json',
  tempDirName: '.workbench/stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['reports', '.workbench', 'bench', 'examples', '.scratch-*'],
  thresholds: { high: 95, low: 80, break: null },
};
