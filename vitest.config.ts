import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // Ingest spreads pages over worker threads itself; two test files at a time fill 2 cores.
    maxWorkers: 2,
    pool: 'forks',
  },
});
