import { lambdaKafkaFailureRecordSchema, type DeadLetterPayload, type LambdaKafkaFailureRecord } from '../contracts/index.js';
import { readMskEvent, type KafkaRecord } from '../kafka/index.js';

/** Lambda's conditions for a record whose retries ran out (the Kafka destination page, then the others'). */
const RETRIES_EXHAUSTED = new Set(['RetriesExhausted', 'RetryAttemptsExhausted']);

/**
 * A record on syntor.dlq read as Lambda's Kafka on-failure record, or undefined when it is not one
 * (a SYNTOR envelope, or anything else).
 */
export function readLambdaFailureRecord(received: Pick<KafkaRecord, 'value'>): LambdaKafkaFailureRecord | undefined {
  if (!received.value || received.value.length === 0) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(received.value.toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = lambdaKafkaFailureRecordSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** `RetriesExhausted` → `retries-exhausted`; any other condition in kebab case (`RecordAgeExceeded` → `record-age-exceeded`). */
export function reasonCodeOfCondition(condition: string): string {
  if (RETRIES_EXHAUSTED.has(condition)) return 'retries-exhausted';
  return condition.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
}

/** The function's name in `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`, else the ARN as it is. */
function functionNameOf(arn: string): string {
  const parts = arn.split(':');
  return parts[5] === 'function' && parts[6] ? parts[6] : arn;
}

/**
 * The dead letters Lambda's record stands for, as SYNTOR stores them: the origin is the failed record's
 * (source topic, partition, offset, key), the value its bytes, the reason Lambda's condition and
 * invocation count. Lambda writes one record per message, so this is normally one letter; the
 * metadata, without the record, is kept in `details.lambda`, and where the message was read in
 * `details.receivedAs`.
 */
export function deadLettersOfLambdaRecord(received: Pick<KafkaRecord, 'topic' | 'partition' | 'offset'>, failure: LambdaKafkaFailureRecord): DeadLetterPayload[] {
  const { requestContext, responseContext, KafkaBatchInfo, version } = failure;
  const failedBy = functionNameOf(requestContext.functionArn);
  const functionError = responseContext?.functionError;
  const invocations = `${requestContext.approximateInvokeCount} invocation${requestContext.approximateInvokeCount === 1 ? '' : 's'}`;
  const reason = `Lambda gave up on this record (${requestContext.condition}) after ${invocations} of ${failedBy}${functionError ? `; the function's error: ${functionError}` : ''}`;
  const receivedAs = { topic: received.topic, partition: received.partition, offset: received.offset };
  return readMskEvent(failure.payload).map((record) => ({
    reason,
    reasonCode: reasonCodeOfCondition(requestContext.condition),
    origin: { topic: record.topic, partition: record.partition, offset: record.offset, key: record.key?.toString('utf8') ?? null, timestamp: record.timestamp },
    value: record.value?.toString('base64') ?? null,
    failedBy,
    failedAt: failure.timestamp,
    details: { lambda: { requestContext, responseContext: responseContext ?? null, version, KafkaBatchInfo }, receivedAs },
  }));
}
