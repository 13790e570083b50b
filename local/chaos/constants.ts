import type { ChaosOptions } from './types.js';

/** `npm run chaos` without options: the full run. */
export const FULL_RUN: Omit<ChaosOptions, 'log'> = {
  tasks: 1_000,
  rate: 25,
  faults: ['postgres', 'redis', 'harness', 'kafka', 'postgres-immediate'],
  failingShare: 0.05,
  downMs: 2_000,
  drainTimeoutMs: 180_000,
};

/** The CI form (test/chaos): each of the four faults once, a few minutes in all on two cores. */
export const SHORT_RUN: Omit<ChaosOptions, 'log'> = {
  tasks: 200,
  rate: 8,
  faults: ['postgres', 'redis', 'harness', 'kafka'],
  failingShare: 0.05,
  downMs: 1_000,
  drainTimeoutMs: 90_000,
};

/** A task's time limit: short, so a lease lost with a killed harness expires (and is re-queued) quickly. */
export const TASK_TIMEOUT_MS = 3_000;
/** Generous for good tasks, so only a real fault (not bad luck) exhausts them. */
export const TASK_MAX_RETRIES = 10;

/** The harness's settings: quick retries, leases, sweeps and circuits, as the integration tests use. */
export const HARNESS_TUNING = {
  SYNTOR_RETRY_BASE_MS: '200',
  SYNTOR_RETRY_MAX_MS: '1000',
  SYNTOR_LEASE_GRACE_MS: '500',
  SYNTOR_CIRCUIT_COOLDOWN_MS: '1500',
  SYNTOR_SWEEP_INTERVAL_MS: '300',
  SYNTOR_LOG_LEVEL: 'warn',
} as const;

/** One HTTP attempt of the submitter; a slower answer counts as a timeout and is retried. */
export const SUBMIT_TIMEOUT_MS = 5_000;
/** The submitter gives a task up after retrying this long. */
export const SUBMIT_GIVE_UP_MS = 120_000;
/** Requests open at once, like an HTTP client's connection pool; the rest wait their turn. */
export const SUBMIT_CONCURRENCY = 16;
export const SUBMIT_BACKOFF = { firstMs: 200, maxMs: 2_000 } as const;
/** Pause between two faults, with submissions running, so each one's effect can be told apart. */
export const FAULT_GAP_MS = 8_000;
/** Submissions go on this long after the last fault, so recovery is measured under load too. */
export const LOAD_TAIL_MS = 5_000;
