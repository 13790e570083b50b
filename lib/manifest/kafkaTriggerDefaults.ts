/**
 * The error handling every SYNTOR Kafka trigger uses, in both runtimes: partial batch responses on
 * (the batch handler answers one when an outage stops its isolation pass) and finite retries, so a
 * batch that fails every time ends on syntor.dlq instead of stalling its partitions.
 *
 * 60 retries outlast an outage of several minutes: the harness waits 1, 2, 4, 8 and 16 s, then 30 s
 * per retry (local/harness/kafka/backoff.ts), so 31 s + 55 × 30 s ≈ 28 minutes pass before a batch
 * is dead-lettered. Lambda does not document its delays; AWS allows 0–10,000 retries or -1 (forever)
 * for MSK. https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html
 *
 * The function consuming syntor.dlq keeps retrying forever (`maximumRetryAttempts: -1`): finite
 * retries would send its failures back to syntor.dlq, which the CDK app refuses.
 *
 * @example
 * triggers: [{ ...SYNTOR_KAFKA_TRIGGER_DEFAULTS, type: 'kafka', topic: TOPICS.taskComplete, batchSize: 500 }]
 */
export const SYNTOR_KAFKA_TRIGGER_DEFAULTS = {
  maximumRetryAttempts: 60,
  reportBatchItemFailures: true,
} as const;
