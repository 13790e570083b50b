import { randomUUID } from 'node:crypto';
import { LAMBDA_RETRIES_EXHAUSTED, type LambdaKafkaFailureRecord } from '../../../lib/contracts/index.js';
import { buildMskEvent, LOCAL_EVENT_SOURCE, type KafkaEventSource, type KafkaRecord } from '../../../lib/kafka/index.js';

/** What the trigger knows about the failure beyond the record; each field has Lambda's default. */
export interface LambdaFailure {
  /** `RetriesExhausted` unless said otherwise. */
  condition?: string;
  /** Invocations the record went through: the first and every retry. */
  approximateInvokeCount?: number;
  /** @default `arn:aws:lambda:local:000000000000:function:<functionId>:$LATEST`, as the harness's context names it */
  functionArn?: string;
  /** `Unhandled` (the function threw or timed out); none for a partial batch response, which the function returned. */
  functionError?: string | null;
  requestId?: string;
  /** @default now */
  at?: Date;
}

/**
 * The message Lambda writes to a Kafka on-failure destination for one failed record: the failure
 * metadata, with the record under `payload` as an event of that one record, keyed like it.
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html#kafka-ofd-record-format
 *
 * @example
 * const { key, value } = lambdaFailureMessage(record, 'worker-alpha-execute', { approximateInvokeCount: 3 });
 */
export function lambdaFailureMessage(
  record: KafkaRecord,
  functionId: string,
  failure: LambdaFailure = {},
  source: KafkaEventSource = LOCAL_EVENT_SOURCE,
): { key: Buffer | null; value: string; metadata: LambdaKafkaFailureRecord } {
  const payload = buildMskEvent([record], source);
  const functionError = failure.functionError === undefined ? 'Unhandled' : failure.functionError;
  const metadata: LambdaKafkaFailureRecord = {
    requestContext: {
      requestId: failure.requestId ?? randomUUID(),
      functionArn: failure.functionArn ?? `arn:aws:lambda:local:000000000000:function:${functionId}:$LATEST`,
      condition: failure.condition ?? LAMBDA_RETRIES_EXHAUSTED,
      approximateInvokeCount: failure.approximateInvokeCount ?? 1,
    },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', ...(functionError === null ? {} : { functionError }) },
    version: '1.0',
    timestamp: (failure.at ?? new Date()).toISOString(),
    KafkaBatchInfo: {
      batchSize: 1,
      ...(payload.eventSource === 'aws:kafka' ? { eventSourceArn: payload.eventSourceArn } : {}),
      bootstrapServers: payload.bootstrapServers,
      payloadSize: Buffer.byteLength(JSON.stringify(payload)),
      recordInfo: { offset: record.offset, timestamp: new Date(record.timestamp).toISOString() },
    },
    payload,
  };
  return { key: record.key, value: JSON.stringify(metadata), metadata };
}
