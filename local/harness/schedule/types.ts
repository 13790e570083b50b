import type { ScheduledEvent } from 'aws-lambda';

export interface StartScheduleOptions {
  /** Becomes the rule ARN in the event's `resources`; the harness passes the function id. */
  readonly ruleName: string;
  /** `rate(...)` or `cron(...)`, as in the manifest. */
  readonly expression: string;
  /**
   * Called once per attempt: each fire starts one, whether or not an earlier one is still running, and a
   * rejected attempt is retried as Lambda retries an async invocation.
   */
  readonly invoke: (event: ScheduledEvent) => Promise<void>;
  /** Told of each failed attempt that will be retried. @default writes a line to stderr */
  readonly onRetry?: (retry: ScheduleRetry) => void;
  /** Told of each event given up: its retries used up, or the schedule stopped first. @default writes the error to stderr */
  readonly onError?: (error: unknown, failure: ScheduleFailure) => void;
  /** Retries of a failed invocation. @default SCHEDULE_DELIVERY.retryAttempts (2), as deployed */
  readonly retryAttempts?: number;
  /** Waits before each retry, in ms; the last applies to any beyond. @default ASYNC_RETRY_DELAYS_MS (1 min, 2 min) */
  readonly retryDelaysMs?: readonly number[];
  /**
   * Fire once right away, then keep to the schedule: the harness's "run now" for local development.
   * EventBridge itself first fires a rate rule one period after it is created.
   * @default false
   */
  readonly fireImmediately?: boolean;
  /** @default 'local' */
  readonly region?: string;
  /** @default '000000000000' */
  readonly account?: string;
  /** The clock, for tests. @default () => new Date() */
  readonly now?: () => Date;
  /** How long `stop()` waits for running invocations before leaving them. @default STOP_GRACE_MS (5 s) */
  readonly stopGraceMs?: number;
}

export interface ScheduleHandle {
  /** Stops firing, drops retries still waiting, and resolves once the invocations running have settled (or the grace has passed). */
  stop(): Promise<void>;
  /** When the schedule fires next; `undefined` once stopped or when a cron expression has no fire time left. */
  nextFireAt(): Date | undefined;
}

/** A failed attempt about to be retried. */
export interface ScheduleRetry {
  readonly error: unknown;
  readonly event: ScheduledEvent;
  readonly scheduledAt: Date;
  /** The attempt that failed: 1 for the first invocation. */
  readonly attempt: number;
  readonly retryAttempts: number;
  /** How long until the retry. */
  readonly delayMs: number;
}

/** An event given up after its last failed attempt. */
export interface ScheduleFailure {
  readonly error: unknown;
  readonly event: ScheduledEvent;
  readonly scheduledAt: Date;
  readonly attempts: number;
  /** `retries-exhausted` as on Lambda; `stopped` when the schedule stopped before the next retry. */
  readonly reason: 'retries-exhausted' | 'stopped';
}
