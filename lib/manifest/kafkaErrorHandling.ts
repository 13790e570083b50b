import { KAFKA_TRIGGER_LIMITS, type KafkaTrigger } from '../contracts/index.js';

/** Lambda's default batching window for Kafka sources, which the API cannot express (it takes seconds). */
export const LAMBDA_DEFAULT_WINDOW_MS = 500;

/**
 * The window Lambda applies for a manifest's `batchingWindowMs`: `MaximumBatchingWindowInSeconds` is
 * whole seconds (0–300), so 500 ms keeps Lambda's default (the parameter left unset), less becomes 0 s
 * (invoke as soon as records arrive — what a short window asks for), more rounds to the nearest second.
 * The harness waits exactly this long, so both runtimes batch alike; the harness's plan and the
 * synth summary print it. https://docs.aws.amazon.com/lambda/latest/dg/msk-esm-parameters.html
 */
export function lambdaBatchingWindow(ms: number): number | undefined {
  if (ms === LAMBDA_DEFAULT_WINDOW_MS) return undefined;
  return ms < LAMBDA_DEFAULT_WINDOW_MS ? 0 : Math.round(ms / 1000);
}

/** {@link lambdaBatchingWindow} in milliseconds, the default included. */
export function appliedBatchingWindowMs(ms: number): number {
  const seconds = lambdaBatchingWindow(ms);
  return seconds === undefined ? LAMBDA_DEFAULT_WINDOW_MS : seconds * 1000;
}

/**
 * Whether the trigger's mapping has an on-failure destination (syntor.dlq): finite retries or a
 * maximum record age each send records there; with neither, Lambda retries until it succeeds.
 */
export function hasOnFailureDestination(trigger: Pick<KafkaTrigger, 'maximumRetryAttempts' | 'maximumRecordAgeInSeconds'>): boolean {
  return trigger.maximumRetryAttempts !== -1 || trigger.maximumRecordAgeInSeconds !== -1;
}

/**
 * The retries Lambda makes: the manifest's, except that infinite retries with an on-failure
 * destination become 10. -1 = until it succeeds.
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html
 */
export function effectiveRetryAttempts(trigger: Pick<KafkaTrigger, 'maximumRetryAttempts' | 'maximumRecordAgeInSeconds'>): number {
  if (trigger.maximumRetryAttempts === -1 && hasOnFailureDestination(trigger)) return KAFKA_TRIGGER_LIMITS.retriesWithDestination;
  return trigger.maximumRetryAttempts;
}
