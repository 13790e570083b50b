/**
 * How AWS delivers SYNTOR's schedules and HTTP routes, declared once: the CDK app deploys these values
 * and the local harness applies the same ones, so both sides read one number.
 */
export const SCHEDULE_DELIVERY = {
  /**
   * Retries of a failed scheduled invocation: the EventBridge target's `retryAttempts` and the function's
   * asynchronous `MaximumRetryAttempts` (0–2; Lambda's default is 2).
   * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
   * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_RetryPolicy.html
   */
  retryAttempts: 2,
} as const;

export const HTTP_API_STAGE = {
  /**
   * The `$default` stage's default route throttling: a token bucket per route refilled at `rateLimit`
   * requests a second, holding at most `burstLimit`; past it API Gateway answers 429.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
   */
  throttle: { rateLimit: 100, burstLimit: 200 },
} as const;

/**
 * Lambda's synchronous invocation payload quota, "6 MB" each way
 * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), in the bytes Lambda
 * enforces: the event JSON must be at most 6,291,456 ("Request must be smaller than 6291456 bytes for the
 * InvokeFunction operation"), the serialised result at most 6,291,556 ("Response payload size exceeded
 * maximum allowed payload size (6291556 bytes)"), as measured in
 * https://zaccharles.medium.com/deep-dive-lambdas-response-payload-size-limit-8aedba9530ed and its part 2.
 */
export const LAMBDA_SYNC_PAYLOAD = {
  requestBytes: 6_291_456,
  responseBytes: 6_291_556,
} as const;
