// StrykerJS over the reference kernel and the row writer. The only test is the gate at the mutation profile
// (tests/mutation/gate.mutation.ts via vitest.mutation.config.ts): a mutant the catalogue does not kill survives,
// however many unit tests would have caught it. `npm run mutate` runs this and writes reports/mutation.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: ['src/kernel/**/*.ts', 'src/rows/writer.ts', 'src/rows/fromRecords.ts', '!src/kernel/index.ts'],
  coverageAnalysis: 'perTest',
  // 2 cores are shared by several engineers: one or two sandboxes at most (`npm run mutate -- --concurrency 2`).
  concurrency: 1,
  timeoutMS: 5_000,
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
