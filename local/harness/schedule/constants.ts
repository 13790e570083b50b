/**
 * Where each rule this package emulates is written down. Comments elsewhere cite these by name.
 */
export const DOCS = {
  /** The "Scheduled Event" a rule sends to its Lambda target. */
  scheduledEvent: 'https://docs.aws.amazon.com/lambda/latest/dg/with-scheduled-events.html',
  /** The metadata every EventBridge event carries: `version` "0", `id` a version 4 UUID, `time`, `resources`… */
  eventStructure: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html',
  /** A function error in an async invocation is run two more times, one minute and then two minutes later. */
  asyncRetries: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html',
  /** A target's RetryPolicy: retries of a delivery the target refused, with backoff, up to 185 or 24 h. */
  targetRetries: 'https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_RetryPolicy.html',
} as const;

/** What a rule's ARN and event carry when the caller does not say: the harness's local placeholders. */
export const DEFAULT_REGION = 'local';
export const DEFAULT_ACCOUNT = '000000000000';

/** How long stopping a schedule waits for its running invocations. */
export const STOP_GRACE_MS = 5_000;

/** Lambda's waits before the first and the second retry of a failed async invocation (DOCS.asyncRetries). */
export const ASYNC_RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000];

/** Node's timers overflow past 2^31-1 ms (~24.8 days); longer waits are taken in steps. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
