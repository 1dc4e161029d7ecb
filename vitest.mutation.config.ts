// The vitest configuration of `npm run mutate` (Stryker's only test): the gate at the mutation profile, nothing
// else, so `npm test` does not run it and Stryker does not run the unit tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/mutation/**/*.mutation.ts'],
    testTimeout: 120_000,
    reporters: ['default'],
  },
});
