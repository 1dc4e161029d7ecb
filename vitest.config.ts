import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `import 'dita-workbench'` in the tests resolves to the TypeScript sources (package.json exports), not to dist/.
  resolve: { conditions: ['workbench-source'] },
  ssr: { resolve: { conditions: ['workbench-source'] } },
  test: {
    include: ['tests/**/*.test.ts', 'properties/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    // The CLIs the tests start run from the TypeScript sources: the fixtures import src/ directly, and one copy of
    // the workbench per process keeps identities (the reference step, Decimal) single. Users' CLIs run dist/.
    env: { WORKBENCH_FROM_SOURCES: '1' },
  },
});
