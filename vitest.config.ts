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
          name: 'cdk',
          include: ['test/cdk/**/*.test.ts'],
          // Each file synthesizes whole apps (bundling with esbuild, then CloudFormation templates).
          testTimeout: 60_000,
          hookTimeout: 60_000,
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
          // Handlers read their configuration from the environment, as on Lambda: point them at the
          // test database and key space, and make retries, leases and circuits quick enough to watch.
          env: {
            SYNTOR_POSTGRES_DATABASE: 'syntor_test',
            SYNTOR_REDIS_KEY_PREFIX: 'syntor-test:',
            SYNTOR_RETRY_BASE_MS: '200',
            SYNTOR_RETRY_MAX_MS: '1000',
            SYNTOR_LEASE_GRACE_MS: '500',
            SYNTOR_CIRCUIT_COOLDOWN_MS: '1500',
            SYNTOR_SWEEP_INTERVAL_MS: '300',
            // Tests sweep on their own clock; a scheduled sweeper looping on would hold up each harness's stop.
            SYNTOR_SWEEP_REPEAT_MS: '0',
            // One info line per task would bury the reporter's output under the load tests' thousands.
            SYNTOR_LOG_LEVEL: 'warn',
          },
        },
      },
      {
        test: {
          name: 'chaos',
          include: ['test/chaos/**/*.test.ts'],
          // Its own PostgreSQL, Redis, Kafka and harness on free ports, so it could run beside the other
          // projects; it runs after them, because a JVM, a cluster and a harness under load would
          // starve their timing on 2 cores. A run waits out faults and a backlog.
          testTimeout: 15 * 60_000,
          hookTimeout: 15 * 60_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
