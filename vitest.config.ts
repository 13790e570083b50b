import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/property/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/support/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One file at a time: they share one broker and one database on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
