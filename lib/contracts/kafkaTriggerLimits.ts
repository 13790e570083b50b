/**
 * What Lambda allows a Kafka event source mapping, checked when a manifest is parsed so the harness
 * refuses what CloudFormation would.
 */
export const KAFKA_TRIGGER_LIMITS = {
  /**
   * Filters per event source mapping: 5 by default (a quota increase allows 10).
   * https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
   */
  filters: 5,
  /**
   * Kafka event source mappings only support functions with a timeout of at most 14 minutes.
   * https://docs.aws.amazon.com/lambda/latest/dg/with-msk-configure.html
   */
  functionTimeoutSeconds: 840,
  /**
   * `MaximumRecordAgeInSeconds` for Kafka: 60–604,800, or -1 (infinite).
   * https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html
   */
  recordAgeSeconds: { min: 60, max: 604_800 },
  /**
   * With infinite retries and an on-failure destination, Lambda applies at most 10 retries.
   * https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html
   */
  retriesWithDestination: 10,
  /**
   * ProvisionedPollerConfig for MSK: MinimumPollers 1–200 (default 1), MaximumPollers 1–2,000 (default 200).
   * https://docs.aws.amazon.com/lambda/latest/api/API_ProvisionedPollerConfig.html
   */
  pollers: { minimum: 200, maximum: 2_000, defaultMaximum: 200 },
} as const;
