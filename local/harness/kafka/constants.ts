/**
 * Lambda's Kafka poller limits the harness reproduces.
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-scaling-modes.html
 */
export const POLLER_LIMITS = {
  /** Each event poller handles up to 5 concurrent invocations (and 5 MB/s, not reproduced). */
  concurrentInvocations: 5,
  /**
   * The synchronous invocation payload cap: a batch holds what fits in 6 MB of event JSON.
   * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
   * https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html (BatchSize)
   */
  payloadBytes: 6 * 1024 * 1024,
  /** On-demand and provisioned pollers are re-evaluated against the offset lag once a minute. */
  scaleIntervalMs: 60_000,
} as const;

/**
 * How the poller's own dead letters name their failure in Lambda's on-failure record (`condition`).
 * `RetriesExhausted` is the Kafka destination page's; the page names no condition for a too-old or
 * too-large record, so these take the names other on-failure destinations document.
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html
 */
export const POLLER_FAILURES = {
  retriesExhausted: { condition: 'RetriesExhausted' },
  recordTooOld: { condition: 'RecordAgeExceeded', approximateInvokeCount: 0, functionError: null },
  recordTooLarge: { condition: 'MaximumPayloadSizeExceeded', approximateInvokeCount: 0, functionError: null },
} as const;
